/// @file
/// yuno::Json: an owned JSON value, for the parts of the API the SDK keeps untyped
/// (unknown fields, free-form objects), without forcing <nlohmann/json.hpp> on every user.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "yuno/export.hpp"

namespace yuno {

/// A JSON value with value semantics (copies are deep). Default-constructed it is null.
/// To read or build the value, include <nlohmann/json.hpp> and use value().
///
/// Not thread-safe for concurrent modification; concurrent reads are fine.
class YUNO_API Json {
 public:
  /// Null.
  Json() noexcept;
  /// Copies or moves a nlohmann value in (implicit: a JSON value is a Json).
  ///@{
  Json(const nlohmann::json& value);  // NOLINT(google-explicit-constructor): a JSON value is a Json
  Json(nlohmann::json&& value);       // NOLINT(google-explicit-constructor)
  ///@}
  /// Deep copies; a moved-from Json is null.
  ///@{
  Json(const Json& other);
  Json(Json&& other) noexcept;
  Json& operator=(const Json& other);
  Json& operator=(Json&& other) noexcept;
  ///@}
  /// Frees the value.
  ~Json();

  /// Parses JSON text; throws yuno::InvalidArgumentError when it is not JSON.
  static Json parse(std::string_view text);

  /// True for null (the default).
  bool is_null() const noexcept;
  /// True for null, {} and [].
  bool empty() const noexcept;
  /// Compact JSON text ("null" when null).
  std::string dump() const;

  /// The value; a null Json returns a shared null.
  const nlohmann::json& value() const;
  /// The value, for modification (a null Json becomes an owned null first).
  nlohmann::json& value();

  /// Equal JSON values (nlohmann's equality: object key order does not matter).
  ///@{
  friend YUNO_API bool operator==(const Json& a, const Json& b);
  friend bool operator!=(const Json& a, const Json& b) { return !(a == b); }
  ///@}

 private:
  std::unique_ptr<nlohmann::json> value_;  // nullptr means null: keeps empty models cheap
};

/// JSON conversions for nlohmann's ADL (`j.get<T>()`, `nlohmann::json j = value;`): include
/// `<nlohmann/json.hpp>` to call them. from_json throws when the JSON has the wrong type.
///@{
YUNO_API void to_json(nlohmann::json& j, const Json& value);
YUNO_API void from_json(const nlohmann::json& j, Json& value);
///@}

}  // namespace yuno
