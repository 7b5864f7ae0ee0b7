#include "internal/json_tape.hpp"

#include <limits>
#include <optional>
#include <stdexcept>
#include <utility>

namespace yuno::internal {

/// nlohmann's SAX interface, appending tokens. Containers are open on a stack until they end,
/// to count their members and note where they end.
class TapeBuilder : public SaxTypes {
 public:
  TapeBuilder(JsonTape& tape, int depth_limit) : tape_(tape), depth_limit_(depth_limit) {}

  bool null() { return value(JsonTape::Kind::kNull) != nullptr; }
  bool boolean(bool b) {
    value(JsonTape::Kind::kBoolean)->boolean = b;
    return true;
  }
  bool number_integer(number_integer_t n) {
    value(JsonTape::Kind::kInteger)->integer = n;
    return true;
  }
  bool number_unsigned(number_unsigned_t n) {
    value(JsonTape::Kind::kUnsigned)->unsigned_integer = n;
    return true;
  }
  bool number_float(number_float_t n, const string_t& /*text*/) {
    value(JsonTape::Kind::kFloat)->number = n;
    return true;
  }
  bool string(string_t& s) { return text(value(JsonTape::Kind::kString), s); }
  bool binary(binary_t& /*unused*/) { return false; }  // not produced by the JSON lexer
  bool key(string_t& s) {
    ++tape_.tokens_[open_.back()].size;
    return text(append(JsonTape::Kind::kKey), s);
  }
  bool start_object(std::size_t /*unknown*/) { return open(JsonTape::Kind::kObject); }
  bool end_object() { return close(); }
  bool start_array(std::size_t /*unknown*/) { return open(JsonTape::Kind::kArray); }
  bool end_array() { return close(); }
  template <typename Exception>
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const Exception& /*error*/) {
    return false;
  }

  bool too_deep() const { return too_deep_; }

 private:
  JsonTape::Token* append(JsonTape::Kind kind) {
    tape_.tokens_.emplace_back();
    tape_.tokens_.back().kind = kind;
    return &tape_.tokens_.back();
  }
  // A value: an array counts it (an object counted its key).
  JsonTape::Token* value(JsonTape::Kind kind) {
    if (!open_.empty() && tape_.tokens_[open_.back()].kind == JsonTape::Kind::kArray) {
      ++tape_.tokens_[open_.back()].size;
    }
    return append(kind);
  }
  bool text(JsonTape::Token* token, const std::string& s) {
    token->offset = static_cast<std::uint32_t>(tape_.arena_.size());
    token->size = static_cast<std::uint32_t>(s.size());
    tape_.arena_ += s;
    return true;
  }
  bool open(JsonTape::Kind kind) {
    if (static_cast<int>(open_.size()) >= depth_limit_) {
      too_deep_ = true;
      return false;
    }
    value(kind);
    open_.push_back(static_cast<std::uint32_t>(tape_.tokens_.size() - 1));
    return true;
  }
  bool close() {
    tape_.tokens_[open_.back()].end = static_cast<std::uint32_t>(tape_.tokens_.size());
    open_.pop_back();
    return true;
  }

  JsonTape& tape_;
  int depth_limit_;
  std::vector<std::uint32_t> open_;
  bool too_deep_ = false;
};

bool JsonTape::parse(std::string_view text, JsonRefusal* refusal) {
  const auto refuse = [this, refusal](JsonRefusal why) {
    tokens_.clear();
    arena_.clear();
    if (refusal != nullptr) *refusal = why;
    return false;
  };
  tokens_.clear();
  arena_.clear();
  // Offsets are 32-bit; a body that large is not a Yuno answer.
  if (text.size() >= std::numeric_limits<std::uint32_t>::max()) {
    return refuse(JsonRefusal::kNotJson);
  }
  // See parse_json_bounded: nlohmann's lexer would stop at a raw NUL and accept the prefix.
  if (text.find('\0') != std::string_view::npos) return refuse(JsonRefusal::kRawNul);
  // A token per 8 bytes and every string's bytes: one allocation each for a typical body.
  tokens_.reserve(text.size() / 8 + 4);
  arena_.reserve(text.size());
  TapeBuilder builder(*this, kMaxJsonDepth);
  const bool parsed = nlohmann::json::sax_parse(text.begin(), text.end(), &builder);
  if (builder.too_deep()) return refuse(JsonRefusal::kTooDeep);
  if (!parsed || tokens_.empty()) return refuse(JsonRefusal::kNotJson);
  if (refusal != nullptr) *refusal = JsonRefusal::kNone;
  return true;
}

const char* TapeNode::type_name() const {
  switch (kind()) {
    case JsonTape::Kind::kNull:
      return "null";
    case JsonTape::Kind::kBoolean:
      return "boolean";
    case JsonTape::Kind::kInteger:
    case JsonTape::Kind::kUnsigned:
    case JsonTape::Kind::kFloat:
      return "number";
    case JsonTape::Kind::kString:
    case JsonTape::Kind::kKey:
      return "string";
    case JsonTape::Kind::kObject:
      return "object";
    case JsonTape::Kind::kArray:
      return "array";
  }
  return "number";  // unreachable: every kind is listed
}

std::optional<TapeNode> TapeNode::find(std::string_view key) const {
  std::optional<TapeNode> found;
  if (is_object()) {
    for_each_member([&](std::string_view k, const TapeNode& value) {
      if (k == key) found = value;
    });
  }
  return found;
}

TapeNode TapeNode::at(std::string_view key) const {
  std::optional<TapeNode> found = find(key);
  if (!found) throw std::out_of_range("JSON object has no member '" + std::string(key) + "'");
  return *found;
}

nlohmann::json TapeNode::to_json() const { return build(/*keep_null_members=*/true); }

nlohmann::json TapeNode::to_json_without_null_members() const {
  return build(/*keep_null_members=*/false);
}

// Recursion is bounded by the parse's nesting limit.
nlohmann::json TapeNode::build(bool keep_null_members) const {
  switch (kind()) {
    case JsonTape::Kind::kNull:
      return nullptr;
    case JsonTape::Kind::kBoolean:
      return boolean();
    case JsonTape::Kind::kInteger:
      return integer();
    case JsonTape::Kind::kUnsigned:
      return unsigned_integer();
    case JsonTape::Kind::kFloat:
      return number();
    case JsonTape::Kind::kString:
    case JsonTape::Kind::kKey:
      return std::string(string());
    case JsonTape::Kind::kObject: {
      nlohmann::json out = nlohmann::json::object();
      for_each_member([&](std::string_view key, const TapeNode& value) {
        if (!keep_null_members && value.is_null()) {
          // A later null still replaces an earlier value of the same key, as in the DOM.
          out.erase(std::string(key));
          return;
        }
        out[std::string(key)] = value.build(keep_null_members);
      });
      return out;
    }
    case JsonTape::Kind::kArray: {
      nlohmann::json out = nlohmann::json::array();
      for_each_element([&](const TapeNode& element) {
        out.push_back(element.build(keep_null_members));
      });
      return out;
    }
  }
  return nullptr;  // unreachable: every kind is listed
}

}  // namespace yuno::internal
