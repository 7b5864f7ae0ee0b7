// Reading request fields with Yuno's validation answers: a missing required field gives
// MISSING_PARAMETERS, an ill-typed one INVALID_PARAMETERS, a bad amount INVALID_AMOUNT,
// each naming the fields ("amount.value", "metadata[0].key").
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>
#include <yuno/decimal.hpp>

#include "json_io.hpp"

namespace yuno::sandbox {

/// The largest amount accepted: 99,999,999,999.9999 (10^15 units of 0.0001, so every
/// amount prints exactly as a JSON number).
constexpr std::int64_t kMaxAmountUnits = 999'999'999'999'999;

/// Parses an amount's text exactly: a JSON number token ("150.75", "2e3") or a numeric
/// string's content ("2000"). nullopt when it is not a number with at most 4 decimals.
std::optional<yuno::Decimal> parse_amount_text(std::string_view text, bool allow_exponent);

/// The problems found in one request; raise() throws the matching ApiError.
class FieldErrors {
 public:
  void missing(std::string field);
  void invalid(std::string field, std::string why);
  void invalid_amount(std::string field, std::string why);
  bool empty() const { return missing_.empty() && invalid_.empty() && amounts_.empty(); }
  /// No-op when empty; else throws 400 MISSING_PARAMETERS (if any field is missing),
  /// else INVALID_PARAMETERS, else INVALID_AMOUNT.
  void raise() const;

 private:
  std::vector<std::string> missing_;
  std::vector<std::string> invalid_;
  std::vector<std::string> amounts_;
};

enum class Need { kOptional, kRequired };

/// One JSON object of a request body. Problems are recorded in the shared FieldErrors and
/// the accessor returns nullopt; call FieldErrors::raise() once everything is read.
class Fields {
 public:
  /// The body itself.
  Fields(const ParsedJson& document, FieldErrors& errors);

  /// The field's name in messages: "amount.value".
  std::string name(std::string_view key) const;

  /// A string of min..max bytes; "" counts as missing when required.
  std::optional<std::string> text(std::string_view key, Need need = Need::kOptional,
                                  std::size_t min_length = 0, std::size_t max_length = 255);
  std::optional<bool> flag(std::string_view key, Need need = Need::kOptional);
  std::optional<std::int64_t> integer(std::string_view key, Need need, std::int64_t min,
                                      std::int64_t max);
  /// A positive amount: a JSON number or numeric string, at most 4 decimals.
  std::optional<yuno::Decimal> amount(std::string_view key, Need need = Need::kOptional);
  /// Three upper-case letters (ISO 4217).
  std::optional<std::string> currency(std::string_view key, Need need = Need::kOptional);
  /// Two upper-case letters (ISO 3166-1 alpha-2).
  std::optional<std::string> country(std::string_view key, Need need = Need::kOptional);
  /// A nested object to read further.
  std::optional<Fields> object(std::string_view key, Need need = Need::kOptional);
  /// A nested array (nullptr when absent or ill-typed).
  const nlohmann::json* array(std::string_view key, Need need = Need::kOptional);
  /// Fields for element `index` of the array at `key` (which must be an object).
  std::optional<Fields> element(std::string_view key, std::size_t index);
  /// Any JSON object, kept as it is (echoed back, never interpreted).
  std::optional<nlohmann::json> any_object(std::string_view key, Need need = Need::kOptional);

  /// `metadata`: an array of {"key": string, "value": string}, at most `max_entries`.
  std::optional<nlohmann::json> metadata(std::string_view key, std::size_t max_entries);

  /// Checks that each of `keys`, when present, is a string (for echoed objects).
  void strings_only(std::initializer_list<std::string_view> keys);

  FieldErrors& errors() { return *errors_; }
  const nlohmann::json& json() const { return *object_; }

 private:
  Fields(const ParsedJson& document, const nlohmann::json& object, std::string pointer,
         std::string prefix, FieldErrors& errors);
  const nlohmann::json* find(std::string_view key) const;  // nullptr when absent or null
  bool absent(std::string_view key, Need need, const nlohmann::json*& value);

  const ParsedJson* document_;
  const nlohmann::json* object_;
  std::string pointer_;  // JSON pointer of this object
  std::string prefix_;   // name prefix: "" or "amount."
  FieldErrors* errors_;
};

}  // namespace yuno::sandbox
