// Fuzz target: yuno::Decimal, the money type: parsing text and JSON numbers, printing, and
// the checked arithmetic. Every failure must be yuno::InvalidArgumentError; UBSan (no
// recovery) turns any signed overflow into a crash.
//
// Input: up to three lines, "a\nb\nq": two decimals and a whole quantity, each tried as
// Decimal text and as JSON text. Properties, with exact 128-bit integers as the reference:
// - parse(a) ok => to_string() parses back to the same value, and prints the same text;
// - a JSON number (or numeric string) reads to the same value as Decimal::parse of its text,
//   or is rejected: never a different amount (exact money);
// - to_json then the SDK's JSON printer (internal::dump_json) then from_json gives the same
//   value, or to_json refuses (InvalidArgumentError);
// - a + b, a - b, -a, a * q, from_minor_units: the exact result, or InvalidArgumentError
//   exactly when it does not fit in 64 bits (or the digits are out of range).
// Seeds: fuzz/corpus/decimal and every amount of the OpenAPI examples.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "internal/json_text.hpp"
#include "yuno/decimal.hpp"
#include "yuno/errors.hpp"

namespace {

using yuno::Decimal;
using Wide = __int128;

constexpr Wide kMin = std::numeric_limits<std::int64_t>::min();
constexpr Wide kMax = std::numeric_limits<std::int64_t>::max();

std::string describe(Wide value) {
  const bool negative = value < 0;
  unsigned __int128 magnitude =
      negative ? static_cast<unsigned __int128>(-(value + 1)) + 1 : static_cast<unsigned __int128>(value);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  return (negative ? "-" : "") + digits;
}

std::optional<Decimal> parse(std::string_view text) {
  try {
    return Decimal::parse(text);
  } catch (const yuno::InvalidArgumentError&) {
    return std::nullopt;
  }
}

// The checked result of an operation against the exact one.
template <typename Operation>
void check_exact(Wide exact, Operation operation, const char* what) {
  std::optional<Decimal> got;
  try {
    got = operation();
  } catch (const yuno::InvalidArgumentError&) {
  }
  const bool fits = exact >= kMin && exact <= kMax;
  YUNO_FUZZ_CHECK(got.has_value() == fits,
                  std::string(what) + ": exact " + describe(exact) +
                      (got ? " accepted" : " rejected"));
  if (got) {
    YUNO_FUZZ_CHECK(Wide{got->units()} == exact,
                    std::string(what) + ": " + describe(got->units()) + " instead of " +
                        describe(exact));
  }
}

void check_text(std::string_view text) {
  const std::optional<Decimal> value = parse(text);
  if (value) {
    const std::string printed = value->to_string();
    const std::optional<Decimal> again = parse(printed);
    YUNO_FUZZ_CHECK(again && *again == *value, "to_string() does not parse back: " + printed);
    YUNO_FUZZ_CHECK(again->to_string() == printed, "to_string() not canonical: " + printed);
  }

  // The same text as JSON: a number (integer or float) or anything else.
  const auto json = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (json.is_discarded()) return;
  std::optional<Decimal> from_json;
  try {
    from_json = json.get<Decimal>();
  } catch (const yuno::InvalidArgumentError&) {
  }
  if (from_json && value) {
    YUNO_FUZZ_CHECK(*from_json == *value,
                    "JSON number " + std::string(text) + " read as " + from_json->to_string() +
                        ", its text says " + value->to_string());
  }
  if (json.is_string()) {  // numeric strings are read with Decimal::parse itself
    const std::optional<Decimal> inner = parse(json.get_ref<const std::string&>());
    YUNO_FUZZ_CHECK(inner.has_value() == from_json.has_value() && (!inner || *inner == *from_json),
                    "a numeric string is not read like its text");
  }
}

// Decimal -> JSON (to_json) -> the SDK's printer -> JSON -> Decimal: the same amount.
void check_json_round_trip(Decimal value) {
  nlohmann::json written;
  try {
    written = value;
  } catch (const yuno::InvalidArgumentError&) {
    // Too many digits for an exact JSON number: refused, documented. Only non-integers
    // at or beyond 10^11 may be refused.
    YUNO_FUZZ_CHECK(value.units() % Decimal::kUnitsPerOne != 0 &&
                        (value.units() >= 1'000'000'000'000'000 ||
                         value.units() <= -1'000'000'000'000'000),
                    "to_json refused " + value.to_string());
    return;
  }
  const std::string text = yuno::internal::dump_json(written);
  const auto reread = nlohmann::json::parse(text);
  Decimal back;
  try {
    back = reread.get<Decimal>();
  } catch (const yuno::InvalidArgumentError& e) {
    YUNO_FUZZ_CHECK(false, value.to_string() + " written as " + text + " does not read back: " +
                               e.what());
  }
  YUNO_FUZZ_CHECK(back == value, value.to_string() + " written as " + text + " reads back as " +
                                     back.to_string());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = yuno::fuzz::as_text(data, size);
  const std::string_view first = yuno::fuzz::take_line(text);
  const std::string_view second = yuno::fuzz::take_line(text);
  const std::string_view third = yuno::fuzz::take_line(text);

  check_text(first);
  check_text(second);

  const std::optional<Decimal> a = parse(first);
  const std::optional<Decimal> b = parse(second);
  std::int64_t quantity = 0;
  if (const auto q = parse(third)) quantity = q->units() / Decimal::kUnitsPerOne;

  // Any 64-bit unit count from the raw bytes, too: to_string must parse back. (The one
  // exception is INT64_MIN units, -922337203685477.5808: to_string prints it, parse rejects
  // it as an overflow, since parsing builds the magnitude as a positive int64 first.)
  if (size >= sizeof(std::int64_t)) {
    std::int64_t raw = 0;
    std::memcpy(&raw, data, sizeof raw);
    if (raw != std::numeric_limits<std::int64_t>::min()) {
      const Decimal any = Decimal::from_units(raw);
      const std::optional<Decimal> again = parse(any.to_string());
      YUNO_FUZZ_CHECK(again && *again == any, "to_string() does not parse back: " + any.to_string());
    }
    check_json_round_trip(Decimal::from_units(raw));
  }

  if (a) {
    check_json_round_trip(*a);
    check_exact(-Wide{a->units()}, [&] { return -*a; }, "negation");
    check_exact(Wide{a->units()} * quantity, [&] { return *a * quantity; }, "multiplication");
    const int digits = static_cast<int>(((quantity % 7) + 7) % 7) - 1;  // -1 .. 5
    Wide factor = 1;
    for (int d = digits; d < Decimal::kScale; ++d) factor *= 10;
    if (digits >= 0 && digits <= Decimal::kScale) {
      check_exact(Wide{a->units()} * factor,
                  [&] { return Decimal::from_minor_units(a->units(), digits); },
                  "from_minor_units");
    } else {
      bool rejected = false;
      try {
        (void)Decimal::from_minor_units(a->units(), digits);
      } catch (const yuno::InvalidArgumentError&) {
        rejected = true;
      }
      YUNO_FUZZ_CHECK(rejected, "from_minor_units accepted " + std::to_string(digits) + " digits");
    }
  }
  if (a && b) {
    check_exact(Wide{a->units()} + b->units(), [&] { return *a + *b; }, "addition");
    check_exact(Wide{a->units()} - b->units(), [&] { return *a - *b; }, "subtraction");
    YUNO_FUZZ_CHECK((*a < *b) == (a->units() < b->units()), "ordering");
  }
  return 0;
}
