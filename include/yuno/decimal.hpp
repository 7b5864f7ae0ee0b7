/// @file
/// yuno::Decimal: exact money amounts with Yuno's 4 fractional digits.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "yuno/export.hpp"

namespace yuno {

/// An exact decimal with up to 4 fractional digits (Yuno's precision, 0.0001), stored as
/// a 64-bit count of ten-thousandths. Never a binary floating point number:
/// Decimal::parse("0.1") + Decimal::parse("0.2") == Decimal::parse("0.3").
///
/// Arithmetic that would overflow, or text with more than 4 fractional digits, throws
/// yuno::InvalidArgumentError. In JSON it is a number: 19.99 is written as 19.99 and
/// 150 as 150; both JSON integers and decimals (and numeric strings) are read.
///
/// A value type; safe to share between threads when not modified.
class YUNO_API Decimal {
 public:
  static constexpr int kScale = 4;                     ///< fractional digits kept
  static constexpr std::int64_t kUnitsPerOne = 10000;  ///< 10^kScale

  /// Zero.
  constexpr Decimal() noexcept = default;
  /// A whole number: Decimal(150) is 150.0000.
  constexpr Decimal(int whole) noexcept : units_(std::int64_t{whole} * kUnitsPerOne) {}  // NOLINT

  /// Parses "19.99", "-0.5", "150", "1e2"-free plain decimal text. Throws
  /// InvalidArgumentError on anything else or on more than 4 fractional digits.
  static Decimal parse(std::string_view text);
  /// The value units / 10^4; from_units(1999) is 0.1999.
  static constexpr Decimal from_units(std::int64_t units) noexcept { return Decimal(units, 0); }
  /// An amount in minor units with the given number of fractional digits (0 to 4):
  /// from_minor_units(1999, 2) is 19.99.
  static Decimal from_minor_units(std::int64_t minor_units, int fractional_digits);

  /// The count of ten-thousandths.
  constexpr std::int64_t units() const noexcept { return units_; }
  /// Shortest exact text: "19.99", "150", "-0.0001".
  std::string to_string() const;

  /// Exact arithmetic; InvalidArgumentError when the result would overflow.
  ///@{
  Decimal operator-() const;
  Decimal& operator+=(Decimal other);
  Decimal& operator-=(Decimal other);
  friend Decimal operator+(Decimal a, Decimal b) { return a += b; }
  friend Decimal operator-(Decimal a, Decimal b) { return a -= b; }
  ///@}
  /// Multiplies by a whole quantity (e.g. unit price times items).
  friend YUNO_API Decimal operator*(Decimal a, std::int64_t quantity);

  /// Exact comparisons: 1.5 == 1.50.
  ///@{
  friend constexpr bool operator==(Decimal a, Decimal b) noexcept { return a.units_ == b.units_; }
  friend constexpr bool operator!=(Decimal a, Decimal b) noexcept { return a.units_ != b.units_; }
  friend constexpr bool operator<(Decimal a, Decimal b) noexcept { return a.units_ < b.units_; }
  friend constexpr bool operator<=(Decimal a, Decimal b) noexcept { return a.units_ <= b.units_; }
  friend constexpr bool operator>(Decimal a, Decimal b) noexcept { return a.units_ > b.units_; }
  friend constexpr bool operator>=(Decimal a, Decimal b) noexcept { return a.units_ >= b.units_; }
  ///@}

 private:
  constexpr Decimal(std::int64_t units, int /*tag*/) noexcept : units_(units) {}
  std::int64_t units_ = 0;
};

YUNO_API /// Writes to_string().
std::ostream& operator<<(std::ostream& out, Decimal value);

/// JSON conversions for nlohmann's ADL (`j.get<T>()`, `nlohmann::json j = value;`): include
/// `<nlohmann/json.hpp>` to call them. from_json throws when the JSON has the wrong type.
///@{
YUNO_API void to_json(nlohmann::json& j, const Decimal& value);
YUNO_API void from_json(const nlohmann::json& j, Decimal& value);
///@}

}  // namespace yuno
