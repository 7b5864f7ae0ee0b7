// Parsing JSON the SDK did not write (response bodies, webhooks, caller text) with a nesting
// limit. nlohmann's parser is iterative, but copying, comparing, dumping and our model
// conversions recurse once per level: a body of a few hundred kilobytes of "[[[[..." (found
// by fuzz/construct_event_fuzzer) overflowed the stack. Yuno's payloads nest fewer than ten
// levels; anything deeper than kMaxJsonDepth is treated as not JSON.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace yuno::internal {

inline constexpr int kMaxJsonDepth = 128;

/// True when `text` opens more than `limit` arrays/objects inside each other (brackets
/// inside strings do not count). Meaningful for valid JSON; for invalid JSON either answer
/// leads to a rejection.
inline bool nested_deeper_than(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

/// True when `text` holds a raw NUL byte. JSON never does (inside strings control characters
/// must be escaped, outside them NUL is not whitespace), but nlohmann's lexer reads NUL as the
/// end of input, so "{...}\0anything" would otherwise parse as the object alone.
inline bool has_raw_nul(std::string_view text) {
  return text.find('\0') != std::string_view::npos;
}

/// nlohmann::json::parse without exceptions: a discarded value when `text` is not JSON, holds
/// a raw NUL or nests deeper than kMaxJsonDepth.
inline nlohmann::json parse_json_bounded(std::string_view text) {
  if (has_raw_nul(text) || nested_deeper_than(text, kMaxJsonDepth)) {
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
  return nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
}

}  // namespace yuno::internal
