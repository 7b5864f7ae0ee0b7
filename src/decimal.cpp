#include "yuno/decimal.hpp"

#include <array>
#include <charconv>
#include <cstdlib>
#include <limits>
#include <ostream>

#include <nlohmann/json.hpp>

#include "yuno/errors.hpp"

namespace yuno {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

[[noreturn]] void fail(const std::string& why) {
  throw InvalidArgumentError("invalid decimal: " + why);
}

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) fail("overflow");
  return out;
}

std::int64_t checked_mul(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_mul_overflow(a, b, &out)) fail("overflow");
  return out;
}

}  // namespace

Decimal Decimal::parse(std::string_view text) {
  // Plain decimal notation only: [+-]digits[.digits]. Exponents would let "1e400" or
  // "1e-9" through silently; amounts are never written that way.
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    negative = text[i] == '-';
    ++i;
  }
  std::int64_t whole = 0;
  std::size_t whole_digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++whole_digits) {
    whole = checked_add(checked_mul(whole, 10), text[i] - '0');
  }
  std::int64_t fraction = 0;
  std::size_t fraction_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++fraction_digits) {
      if (fraction_digits >= static_cast<std::size_t>(kScale)) {
        if (text[i] != '0') fail("more than 4 fractional digits");
        continue;  // trailing zeros beyond the scale are harmless: 1.50000 == 1.5
      }
      fraction = fraction * 10 + (text[i] - '0');
    }
    if (fraction_digits == 0) fail("no digits after the decimal point");
  }
  if (whole_digits == 0 && fraction_digits == 0) fail("no digits");
  if (i != text.size()) fail("unexpected character");
  for (std::size_t d = fraction_digits; d < static_cast<std::size_t>(kScale); ++d) {
    fraction *= 10;
  }
  std::int64_t units = checked_add(checked_mul(whole, kUnitsPerOne), fraction);
  return from_units(negative ? -units : units);
}

Decimal Decimal::from_minor_units(std::int64_t minor_units, int fractional_digits) {
  if (fractional_digits < 0 || fractional_digits > kScale) {
    fail("fractional digits must be between 0 and 4");
  }
  std::int64_t factor = 1;
  for (int d = fractional_digits; d < kScale; ++d) factor *= 10;
  return from_units(checked_mul(minor_units, factor));
}

std::string Decimal::to_string() const {
  // Work on the magnitude as unsigned so INT64_MIN has no special case.
  const bool negative = units_ < 0;
  const std::uint64_t magnitude =
      negative ? std::uint64_t{0} - static_cast<std::uint64_t>(units_)
               : static_cast<std::uint64_t>(units_);
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / kUnitsPerOne);
  std::uint64_t fraction = magnitude % kUnitsPerOne;
  if (fraction != 0) {
    std::string digits = std::to_string(fraction);
    digits.insert(0, static_cast<std::size_t>(kScale) - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

Decimal Decimal::operator-() const {
  if (units_ == kMin) fail("overflow");
  return from_units(-units_);
}

Decimal& Decimal::operator+=(Decimal other) {
  units_ = checked_add(units_, other.units_);
  return *this;
}

Decimal& Decimal::operator-=(Decimal other) {
  std::int64_t out = 0;
  if (__builtin_sub_overflow(units_, other.units_, &out)) fail("overflow");
  units_ = out;
  return *this;
}

Decimal operator*(Decimal a, std::int64_t quantity) {
  return Decimal::from_units(checked_mul(a.units_, quantity));
}

std::ostream& operator<<(std::ostream& out, Decimal value) { return out << value.to_string(); }

void to_json(nlohmann::json& j, const Decimal& value) {
  if (value.units() % Decimal::kUnitsPerOne == 0) {
    j = value.units() / Decimal::kUnitsPerOne;  // 150, not 150.0
    return;
  }
  // The nearest double to a decimal of at most 15 significant digits has that decimal as
  // its shortest round-trip text, so an exact printer writes 19.99 as 19.99 (the SDK sends
  // bodies through one: internal/json_text.hpp). Larger amounts would lose digits as a
  // double: refuse rather than send a wrong amount.
  constexpr std::int64_t kExactLimit = 1'000'000'000'000'000;  // 10^15 units = 10^11
  if (value.units() >= kExactLimit || value.units() <= -kExactLimit) {
    throw InvalidArgumentError("decimal " + value.to_string() +
                               " has too many digits to send as a JSON number");
  }
  j = static_cast<double>(value.units()) / static_cast<double>(Decimal::kUnitsPerOne);
}

void from_json(const nlohmann::json& j, Decimal& value) {
  switch (j.type()) {
    case nlohmann::json::value_t::number_integer:
      value = Decimal::from_units(checked_mul(j.get<std::int64_t>(), Decimal::kUnitsPerOne));
      return;
    case nlohmann::json::value_t::number_unsigned: {
      const auto whole = j.get<std::uint64_t>();
      if (whole > static_cast<std::uint64_t>(kMax / Decimal::kUnitsPerOne)) fail("overflow");
      value = Decimal::from_units(static_cast<std::int64_t>(whole) * Decimal::kUnitsPerOne);
      return;
    }
    case nlohmann::json::value_t::number_float: {
      // nlohmann keeps the double, not the text. The shortest text that round-trips to that
      // double (std::to_chars, exact in libstdc++) is the text that was sent for any amount
      // of up to 15 significant digits (all real amounts), so parsing it is exact and still
      // rejects a 5th fractional digit. (nlohmann's own printer is not always shortest.)
      // From 10^11 a double no longer tells 4-decimal amounts apart (the fuzzer read
      // 922332687305477.5807 as ...477.6): refuse, as to_json does, rather than guess.
      const double number = j.get<double>();
      if (!(number == number) || number >= 1e11 || number <= -1e11) {
        fail("a JSON number with a fraction or exponent at or beyond 10^11 cannot be read "
             "exactly (send it as an integer or a string)");
      }
      std::array<char, 64> buffer{};
      const auto printed = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number,
                                         std::chars_format::fixed);
      if (printed.ec != std::errc()) fail("out of range");
      value = Decimal::parse(std::string_view(buffer.data(), printed.ptr - buffer.data()));
      return;
    }
    case nlohmann::json::value_t::string:
      value = Decimal::parse(j.get_ref<const std::string&>());
      return;
    default:
      fail(std::string("expected a number, got ") + j.type_name());
  }
}

}  // namespace yuno
