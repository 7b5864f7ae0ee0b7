// JSON in and out, exactly: request bodies are parsed with the text of every non-integer
// number kept (amounts are read from that text, never through a double), nesting is
// bounded, and responses are printed with the shortest round-trip form of each double
// (nlohmann's own printer may add digits: 57984212752.5014 -> 57984212752.501404).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace yuno::sandbox {

/// A parsed request body.
struct ParsedJson {
  nlohmann::json value;
  /// The source text of every number that is not an integer (e.g. "150.75", "1e2"), by the
  /// JSON pointer of its position ("/amount/value").
  std::unordered_map<std::string, std::string> float_texts;

  /// The text of the number at `pointer`, or nullptr.
  const std::string* float_text(const std::string& pointer) const;
};

constexpr int kMaxJsonDepth = 32;

/// Parses a request body (empty text is an empty object). Throws ApiError 400
/// INVALID_REQUEST on malformed JSON (invalid UTF-8 included), nesting deeper than
/// kMaxJsonDepth, or a top-level value that is not an object.
ParsedJson parse_request_json(std::string_view text);

/// Compact JSON text (the emulator keeps its own copy of the SDK's internal exact printer,
/// src/internal/json_text: it must not share the SDK's bugs). Doubles in their shortest round-trip form (plain notation for
/// money-sized values), so a yuno::Decimal written as a double prints exactly; invalid
/// UTF-8 in strings (e.g. echoed from a query) becomes U+FFFD.
std::string dump_json(const nlohmann::json& value);

/// `base` + "/" + `key` as a JSON pointer (RFC 6901 escaping).
std::string pointer_append(const std::string& base, std::string_view key);

}  // namespace yuno::sandbox
