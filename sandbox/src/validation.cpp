#include "validation.hpp"

#include <yuno/errors.hpp>

#include "api_types.hpp"

namespace yuno::sandbox {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_upper(const std::string& text, std::size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace

std::optional<yuno::Decimal> parse_amount_text(std::string_view text, bool allow_exponent) {
  // JSON number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? ; a string may also be "+1".
  std::size_t i = 0;
  std::string sign;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) sign = text[i++] == '-' ? "-" : "";
  std::string digits;  // integer and fraction digits, without the point
  std::size_t integer_digits = 0;
  for (; i < text.size() && is_digit(text[i]); ++i) {
    digits += text[i];
    ++integer_digits;
  }
  if (integer_digits == 0) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    ++i;
    const std::size_t start = digits.size();
    for (; i < text.size() && is_digit(text[i]); ++i) digits += text[i];
    if (digits.size() == start) return std::nullopt;
  }
  long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    if (!allow_exponent) return std::nullopt;
    ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
    std::size_t exponent_digits = 0;
    for (; i < text.size() && is_digit(text[i]); ++i, ++exponent_digits) {
      if (exponent < 1000) exponent = exponent * 10 + (text[i] - '0');
    }
    if (exponent_digits == 0) return std::nullopt;
    if (negative) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;
  // `digits` with the decimal point after `point` digits. Drop the zeros that do not
  // change the value, then refuse what cannot be an amount (too large, too precise).
  long point = static_cast<long>(integer_digits) + exponent;
  std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return yuno::Decimal();  // zero
  digits.erase(0, first);
  point -= static_cast<long>(first);
  digits.erase(digits.find_last_not_of('0') + 1);
  if (point > 18) return std::nullopt;
  if (static_cast<long>(digits.size()) - point > yuno::Decimal::kScale) return std::nullopt;
  std::string plain = sign;
  if (point <= 0) {
    plain += "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (static_cast<std::size_t>(point) >= digits.size()) {
    plain += digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
  } else {
    plain += digits.substr(0, static_cast<std::size_t>(point)) + "." +
             digits.substr(static_cast<std::size_t>(point));
  }
  try {
    return yuno::Decimal::parse(plain);
  } catch (const yuno::Error&) {
    return std::nullopt;  // more than 4 decimals, or overflow
  }
}

// ---- FieldErrors -------------------------------------------------------------------------

void FieldErrors::missing(std::string field) { missing_.push_back(std::move(field)); }

void FieldErrors::invalid(std::string field, std::string why) {
  invalid_.push_back(field + " " + why);
}

void FieldErrors::invalid_amount(std::string field, std::string why) {
  amounts_.push_back(field + " " + why);
}

void FieldErrors::raise() const {
  if (!missing_.empty()) {
    std::vector<std::string> messages;
    for (const std::string& field : missing_) messages.push_back(field + " is required");
    throw ApiError(400, "MISSING_PARAMETERS", std::move(messages));
  }
  if (!invalid_.empty()) throw ApiError(400, "INVALID_PARAMETERS", invalid_);
  if (!amounts_.empty()) throw ApiError(400, "INVALID_AMOUNT", amounts_);
}

// ---- Fields ------------------------------------------------------------------------------

Fields::Fields(const ParsedJson& document, FieldErrors& errors)
    : Fields(document, document.value, "", "", errors) {}

Fields::Fields(const ParsedJson& document, const nlohmann::json& object, std::string pointer,
               std::string prefix, FieldErrors& errors)
    : document_(&document), object_(&object), pointer_(std::move(pointer)),
      prefix_(std::move(prefix)), errors_(&errors) {}

const nlohmann::json* Fields::find(std::string_view key) const {
  const auto it = object_->find(key);
  if (it == object_->end() || it->is_null()) return nullptr;
  return &*it;
}

std::string Fields::name(std::string_view key) const { return prefix_ + std::string(key); }

bool Fields::absent(std::string_view key, Need need, const nlohmann::json*& value) {
  value = find(key);
  if (value != nullptr) return false;
  if (need == Need::kRequired) errors_->missing(name(key));
  return true;
}

std::optional<std::string> Fields::text(std::string_view key, Need need, std::size_t min_length,
                                        std::size_t max_length) {
  const nlohmann::json* value = nullptr;
  if (absent(key, need, value)) return std::nullopt;
  if (!value->is_string()) {
    errors_->invalid(name(key), "must be a string");
    return std::nullopt;
  }
  const auto& text = value->get_ref<const std::string&>();
  if (text.empty() && need == Need::kRequired) {
    errors_->missing(name(key));
    return std::nullopt;
  }
  if (text.size() < min_length || text.size() > max_length) {
    errors_->invalid(name(key), "must be " + std::to_string(min_length) + " to " +
                                    std::to_string(max_length) + " characters long");
    return std::nullopt;
  }
  return text;
}

std::optional<bool> Fields::flag(std::string_view key, Need need) {
  const nlohmann::json* value = nullptr;
  if (absent(key, need, value)) return std::nullopt;
  if (!value->is_boolean()) {
    errors_->invalid(name(key), "must be a boolean");
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<std::int64_t> Fields::integer(std::string_view key, Need need, std::int64_t min,
                                            std::int64_t max) {
  const nlohmann::json* value = nullptr;
  if (absent(key, need, value)) return std::nullopt;
  std::optional<std::int64_t> number;
  if (value->is_number_unsigned()) {
    const auto raw = value->get<std::uint64_t>();
    if (raw <= static_cast<std::uint64_t>(max)) number = static_cast<std::int64_t>(raw);
  } else if (value->is_number_integer()) {
    number = value->get<std::int64_t>();
  }
  if (!value->is_number_integer()) {
    errors_->invalid(name(key), "must be an integer");
    return std::nullopt;
  }
  if (!number || *number < min || *number > max) {
    errors_->invalid(name(key),
                     "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return number;
}

std::optional<yuno::Decimal> Fields::amount(std::string_view key, Need need) {
  const nlohmann::json* value = nullptr;
  if (absent(key, need, value)) return std::nullopt;
  std::optional<yuno::Decimal> parsed;
  if (value->is_number_integer()) {
    // Integers are exact in the document; read their text through the same checks.
    parsed = parse_amount_text(value->dump(), false);
  } else if (value->is_number_float()) {
    const std::string* text = document_->float_text(pointer_append(pointer_, key));
    if (text != nullptr) parsed = parse_amount_text(*text, true);
  } else if (value->is_string()) {
    parsed = parse_amount_text(value->get_ref<const std::string&>(), false);
  } else {
    errors_->invalid_amount(name(key), "must be a number");
    return std::nullopt;
  }
  if (!parsed) {
    errors_->invalid_amount(name(key), "must be a number with at most 4 decimals, at most 99999999999.9999");
    return std::nullopt;
  }
  if (parsed->units() <= 0) {
    errors_->invalid_amount(name(key), "must be greater than 0");
    return std::nullopt;
  }
  if (parsed->units() > kMaxAmountUnits) {
    errors_->invalid_amount(name(key), "is too large");
    return std::nullopt;
  }
  return parsed;
}

std::optional<std::string> Fields::currency(std::string_view key, Need need) {
  auto code = text(key, need, 0, 255);
  if (code && !all_upper(*code, 3)) {
    errors_->invalid(name(key), "must be an ISO 4217 currency code (e.g. USD)");
    return std::nullopt;
  }
  return code;
}

std::optional<std::string> Fields::country(std::string_view key, Need need) {
  auto code = text(key, need, 0, 255);
  if (code && !all_upper(*code, 2)) {
    errors_->invalid(name(key), "must be an ISO 3166-1 alpha-2 country code (e.g. US)");
    return std::nullopt;
  }
  return code;
}

std::optional<Fields> Fields::object(std::string_view key, Need need) {
  const nlohmann::json* value = nullptr;
  if (absent(key, need, value)) return std::nullopt;
  if (!value->is_object()) {
    errors_->invalid(name(key), "must be an object");
    return std::nullopt;
  }
  return Fields(*document_, *value, pointer_append(pointer_, key), name(key) + ".", *errors_);
}

const nlohmann::json* Fields::array(std::string_view key, Need need) {
  const nlohmann::json* value = nullptr;
  if (absent(key, need, value)) return nullptr;
  if (!value->is_array()) {
    errors_->invalid(name(key), "must be an array");
    return nullptr;
  }
  return value;
}

std::optional<Fields> Fields::element(std::string_view key, std::size_t index) {
  const nlohmann::json* list = find(key);
  if (list == nullptr || !list->is_array() || index >= list->size()) return std::nullopt;
  const std::string element_name = name(key) + "[" + std::to_string(index) + "]";
  const nlohmann::json& value = (*list)[index];
  if (!value.is_object()) {
    errors_->invalid(element_name, "must be an object");
    return std::nullopt;
  }
  return Fields(*document_, value, pointer_append(pointer_, key) + "/" + std::to_string(index),
                element_name + ".", *errors_);
}

std::optional<nlohmann::json> Fields::any_object(std::string_view key, Need need) {
  const nlohmann::json* value = nullptr;
  if (absent(key, need, value)) return std::nullopt;
  if (!value->is_object()) {
    errors_->invalid(name(key), "must be an object");
    return std::nullopt;
  }
  return *value;
}

std::optional<nlohmann::json> Fields::metadata(std::string_view key, std::size_t max_entries) {
  const nlohmann::json* list = array(key);
  if (list == nullptr) return std::nullopt;
  if (list->size() > max_entries) {
    errors_->invalid(name(key), "must have at most " + std::to_string(max_entries) + " entries");
    return std::nullopt;
  }
  nlohmann::json out = nlohmann::json::array();
  bool ok = true;
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto entry = element(key, i);
    if (!entry) {
      ok = false;
      continue;
    }
    auto entry_key = entry->text("key", Need::kRequired, 1, 255);
    auto entry_value = entry->text("value", Need::kRequired, 1, 255);
    if (!entry_key || !entry_value) {
      ok = false;
      continue;
    }
    out.push_back({{"key", *entry_key}, {"value", *entry_value}});
  }
  if (!ok) return std::nullopt;
  return out;
}

void Fields::strings_only(std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) text(key, Need::kOptional, 0, 1024);
}

}  // namespace yuno::sandbox
