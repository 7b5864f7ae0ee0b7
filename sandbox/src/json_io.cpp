#include "json_io.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>
#include <vector>

#include "api_types.hpp"

namespace yuno::sandbox {
namespace {

using nlohmann::json;

// Builds the document like nlohmann's DOM parser, plus the float texts and a depth limit.
class DomBuilder {
 public:
  explicit DomBuilder(ParsedJson& out) : out_(out) {}

  bool too_deep() const { return too_deep_; }

  bool null() { return place(json(nullptr)) != nullptr; }
  bool boolean(bool value) { return place(json(value)) != nullptr; }
  bool number_integer(json::number_integer_t value) { return place(json(value)) != nullptr; }
  bool number_unsigned(json::number_unsigned_t value) { return place(json(value)) != nullptr; }
  bool number_float(json::number_float_t value, const std::string& text) {
    out_.float_texts[child_pointer()] = text;
    return place(json(value)) != nullptr;
  }
  bool string(std::string& value) { return place(json(std::move(value))) != nullptr; }
  bool binary(json::binary_t& /*value*/) { return false; }  // not produced by JSON text

  bool start_object(std::size_t /*elements*/) { return open(json::object()); }
  bool key(std::string& name) {
    key_ = std::move(name);
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t /*elements*/) { return open(json::array()); }
  bool end_array() { return close(); }

  bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                   const nlohmann::detail::exception& /*error*/) {
    return false;
  }

 private:
  struct Frame {
    json* node;
    std::string pointer;
  };

  std::string child_pointer() const {
    if (stack_.empty()) return "";
    const Frame& top = stack_.back();
    if (top.node->is_object()) return pointer_append(top.pointer, key_);
    return top.pointer + "/" + std::to_string(top.node->size());
  }

  json* place(json value) {
    if (stack_.empty()) {
      out_.value = std::move(value);
      return &out_.value;
    }
    json& container = *stack_.back().node;
    if (container.is_object()) {
      json& slot = container[key_];
      slot = std::move(value);
      return &slot;
    }
    container.push_back(std::move(value));
    return &container.back();
  }

  bool open(json empty) {
    if (static_cast<int>(stack_.size()) >= kMaxJsonDepth) {
      too_deep_ = true;
      return false;
    }
    std::string pointer = child_pointer();
    json* node = place(std::move(empty));
    stack_.push_back(Frame{node, std::move(pointer)});
    return true;
  }

  bool close() {
    if (stack_.empty()) return false;
    stack_.pop_back();
    return true;
  }

  ParsedJson& out_;
  std::vector<Frame> stack_;
  std::string key_;
  bool too_deep_ = false;
};

void append_double(std::string& out, double number) {
  if (!std::isfinite(number)) {
    out += "null";
    return;
  }
  std::array<char, 400> buffer{};  // the fixed notation of any double fits
  const double magnitude = std::fabs(number);
  const bool plain = magnitude == 0.0 || (magnitude >= 1e-5 && magnitude < 1e16);
  const auto printed =
      plain ? std::to_chars(buffer.data(), buffer.data() + buffer.size(), number,
                            std::chars_format::fixed)
            : std::to_chars(buffer.data(), buffer.data() + buffer.size(), number);
  out.append(buffer.data(), printed.ptr);
}

void append_string(std::string& out, const std::string& text) {
  out += json(text).dump(-1, ' ', false, json::error_handler_t::replace);
}

void append(std::string& out, const json& value) {
  switch (value.type()) {
    case json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out += ',';
        first = false;
        append_string(out, it.key());
        out += ':';
        append(out, it.value());
      }
      out += '}';
      return;
    }
    case json::value_t::array: {
      out += '[';
      bool first = true;
      for (const json& element : value) {
        if (!first) out += ',';
        first = false;
        append(out, element);
      }
      out += ']';
      return;
    }
    case json::value_t::number_float:
      append_double(out, value.get<double>());
      return;
    case json::value_t::string:
      out += value.dump(-1, ' ', false, json::error_handler_t::replace);
      return;
    case json::value_t::binary:
    case json::value_t::discarded:
      out += "null";
      return;
    default:  // null, booleans, integers
      out += value.dump();
      return;
  }
}

}  // namespace

const std::string* ParsedJson::float_text(const std::string& pointer) const {
  const auto it = float_texts.find(pointer);
  return it == float_texts.end() ? nullptr : &it->second;
}

ParsedJson parse_request_json(std::string_view text) {
  ParsedJson parsed;
  bool blank = true;
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      blank = false;
      break;
    }
  }
  if (blank) {
    parsed.value = json::object();
    return parsed;
  }
  DomBuilder builder(parsed);
  bool ok = false;
  try {
    ok = json::sax_parse(text.begin(), text.end(), &builder, json::input_format_t::json, true);
  } catch (const json::exception&) {
    ok = false;
  }
  if (!ok) {
    throw ApiError(400, "INVALID_REQUEST",
                   builder.too_deep()
                       ? "Invalid request: JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                             " levels"
                       : std::string("Invalid request: the body is not valid JSON"));
  }
  if (!parsed.value.is_object()) {
    throw ApiError(400, "INVALID_REQUEST", "Invalid request: the body must be a JSON object");
  }
  return parsed;
}

std::string dump_json(const nlohmann::json& value) {
  std::string out;
  append(out, value);
  return out;
}

std::string pointer_append(const std::string& base, std::string_view key) {
  std::string out = base;
  out += '/';
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace yuno::sandbox
