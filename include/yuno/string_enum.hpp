/// @file
/// yuno::StringEnum: the typed form of Yuno's enum-like strings (statuses, types...).
///
/// Yuno adds enum values without notice, so a closed C++ enum would have to reject or
/// silently remap a new value. Instead each enum-like field is a small type holding the
/// string, with named constants for the values known today:
///
/// @code
///   if (payment.status == yuno::PaymentStatus::kSucceeded) { ... }
///   payment.status.value();  // "SUCCEEDED", or whatever new value Yuno sent
/// @endcode
///
/// Defining one (see models/payment.hpp):
/// @code
///   class PaymentStatus : public StringEnum<PaymentStatus> {
///    public:
///     using StringEnum::StringEnum;
///     static const PaymentStatus kSucceeded;
///   };
///   inline const PaymentStatus PaymentStatus::kSucceeded{"SUCCEEDED"};
/// @endcode
#pragma once

#include <ostream>
#include <string>
#include <utility>

#include <nlohmann/json_fwd.hpp>

#include "yuno/export.hpp"

namespace yuno {

/// The untyped part every StringEnum shares, so one pair of JSON functions serves all.
class StringEnumBase {
 public:
  /// The string exactly as Yuno sent it (empty when never set).
  const std::string& value() const noexcept { return value_; }
  /// True when never set (the field was absent).
  bool empty() const noexcept { return value_.empty(); }

 protected:
  /// Empty, or holding `value`: only through a StringEnum.
  ///@{
  StringEnumBase() = default;
  explicit StringEnumBase(std::string value) : value_(std::move(value)) {}
  ~StringEnumBase() = default;
  ///@}

 private:
  friend void from_json(const nlohmann::json& j, StringEnumBase& value);
  std::string value_;
};

/// Written as a JSON string.
YUNO_API void to_json(nlohmann::json& j, const StringEnumBase& value);
/// Reads a JSON string (any value is kept); anything else throws nlohmann::json::type_error.
YUNO_API void from_json(const nlohmann::json& j, StringEnumBase& value);

/// CRTP base: equality only between values of the same enum type.
template <typename Derived>
class StringEnum : public StringEnumBase {
 public:
  /// Empty: the field was absent.
  StringEnum() = default;
  /// Any value, known or not: `PaymentStatus("NEW_STATUS")`.
  explicit StringEnum(std::string value) : StringEnumBase(std::move(value)) {}

  /// Compare and print the string values (exact, case-sensitive).
  ///@{
  friend bool operator==(const Derived& a, const Derived& b) { return a.value() == b.value(); }
  friend bool operator!=(const Derived& a, const Derived& b) { return a.value() != b.value(); }
  friend bool operator<(const Derived& a, const Derived& b) { return a.value() < b.value(); }
  friend std::ostream& operator<<(std::ostream& out, const Derived& e) { return out << e.value(); }
  ///@}
};

}  // namespace yuno
