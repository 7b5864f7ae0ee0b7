// Parsing JSON the SDK did not write (response bodies, webhooks, caller text) with a nesting
// limit. nlohmann's parser is iterative, but copying, comparing, dumping and our model
// conversions recurse once per level: a body of a few hundred kilobytes of "[[[[..." (found
// by fuzz/construct_event_fuzzer) overflowed the stack. Yuno's payloads nest fewer than ten
// levels; anything deeper than kMaxJsonDepth is treated as not JSON.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace yuno::internal {

inline constexpr int kMaxJsonDepth = 128;

/// Why parse_json_bounded refused a text.
enum class JsonRefusal { kNone, kNotJson, kRawNul, kTooDeep };

/// The value types of nlohmann's SAX interface (json::sax_parse), for our handlers.
struct SaxTypes {
  using json = nlohmann::json;
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;
};

/// Builds the DOM exactly as nlohmann::json::parse does (its own SAX-to-DOM builder), and
/// stops as soon as an array or object opens more than `limit` levels deep: one pass over the
/// text, where a separate depth scan first cost about 5% of a whole payment call.
/// (nlohmann::detail::json_sax_dom_parser is what json::parse itself uses; stable since 3.2.)
class BoundedDomBuilder : public SaxTypes {
 public:
  BoundedDomBuilder(json& result, int limit) : dom_(result, /*allow_exceptions=*/false), limit_(limit) {}

  bool null() { return dom_.null(); }
  bool boolean(bool value) { return dom_.boolean(value); }
  bool number_integer(number_integer_t value) { return dom_.number_integer(value); }
  bool number_unsigned(number_unsigned_t value) { return dom_.number_unsigned(value); }
  bool number_float(number_float_t value, const string_t& text) {
    return dom_.number_float(value, text);
  }
  bool string(string_t& value) { return dom_.string(value); }
  bool binary(binary_t& value) { return dom_.binary(value); }
  bool key(string_t& value) { return dom_.key(value); }
  bool start_object(std::size_t size) { return deeper() && dom_.start_object(size); }
  bool end_object() {
    --depth_;
    return dom_.end_object();
  }
  bool start_array(std::size_t size) { return deeper() && dom_.start_array(size); }
  bool end_array() {
    --depth_;
    return dom_.end_array();
  }
  template <typename Exception>
  bool parse_error(std::size_t position, const std::string& token, const Exception& error) {
    return dom_.parse_error(position, token, error);
  }

  bool too_deep() const { return too_deep_; }

 private:
  bool deeper() {
    if (++depth_ <= limit_) return true;
    too_deep_ = true;
    return false;
  }

  nlohmann::detail::json_sax_dom_parser<json> dom_;
  int limit_;
  int depth_ = 0;
  bool too_deep_ = false;
};

/// nlohmann::json::parse without exceptions: a discarded value when `text` is not JSON, holds
/// a raw NUL or nests deeper than kMaxJsonDepth; `refusal`, when given, says which.
///
/// A raw NUL byte: JSON never holds one (inside strings control characters must be escaped,
/// outside them NUL is not whitespace), but nlohmann's lexer reads NUL as the end of input,
/// so "{...}\0anything" would otherwise parse as the object alone.
inline nlohmann::json parse_json_bounded(std::string_view text, JsonRefusal* refusal = nullptr) {
  const auto refuse = [refusal](JsonRefusal why) {
    if (refusal != nullptr) *refusal = why;
    return nlohmann::json(nlohmann::json::value_t::discarded);
  };
  if (text.find('\0') != std::string_view::npos) return refuse(JsonRefusal::kRawNul);
  nlohmann::json result;
  BoundedDomBuilder builder(result, kMaxJsonDepth);
  const bool parsed = nlohmann::json::sax_parse(text.begin(), text.end(), &builder);
  if (builder.too_deep()) return refuse(JsonRefusal::kTooDeep);
  if (!parsed || result.is_discarded()) return refuse(JsonRefusal::kNotJson);
  if (refusal != nullptr) *refusal = JsonRefusal::kNone;
  return result;
}

}  // namespace yuno::internal
