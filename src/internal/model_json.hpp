// Helpers for the models' to_json/from_json, so every model follows the same conventions:
// null or missing fields read as empty optionals, unset optionals are not written, and
// fields the model does not know are kept in `unknown_fields` and written back.
//
// Usage in from_json:
//   FieldReader in(j, "Customer");
//   in.required("id", out.id);
//   in.optional("email", out.email);
//   out.unknown_fields = in.unknown();
#pragma once

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "yuno/json.hpp"

namespace yuno::internal {

/// Thrown by model parsing; the resource layer turns it into a ResponseParseError that
/// carries the raw body. (nlohmann's own type_error is turned into it too.)
class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// `value` without null object members, at any depth (array elements are kept). A null
/// member means the same as a missing one, so untyped parts and unknown fields drop them
/// like the typed fields do: what is written back never has nulls.
inline nlohmann::json without_null_members(const nlohmann::json& value) {
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!it.value().is_null()) out[it.key()] = without_null_members(it.value());
    }
    return out;
  }
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& element : value) out.push_back(without_null_members(element));
    return out;
  }
  return value;
}

/// Thrown from a from_json for a shape error; FieldReader prefixes it with the field path.
/// The message names JSON types only, never a value.
template <typename Node>  // nlohmann::json, or a TapeNode (internal/json_tape.hpp)
[[noreturn]] void wrong_shape(const std::string& expected, const Node& got) {
  throw ModelError("expected " + expected + ", got " + got.type_name());
}

/// An integer field, checked: nlohmann converts with a plain cast, so 1e30 into an int is
/// undefined behaviour and 4294967297 silently becomes 1. A whole number written as a float
/// (2.0) is accepted; anything else out of T's range, fractional or not a number is an error.
template <typename T, typename Node>  // Node: nlohmann::json, or a TapeNode
T read_integer(const Node& value) {
  using Limits = std::numeric_limits<T>;
  if (value.is_number_unsigned()) {
    const auto number = value.template get<std::uint64_t>();
    if (number <= static_cast<std::uint64_t>(Limits::max())) return static_cast<T>(number);
  } else if (value.is_number_integer()) {
    const auto number = value.template get<std::int64_t>();
    if (number >= static_cast<std::int64_t>(Limits::min()) &&
        (number < 0 || static_cast<std::uint64_t>(number) <=
                           static_cast<std::uint64_t>(Limits::max()))) {
      return static_cast<T>(number);
    }
  } else if (value.is_number_float()) {
    const double number = value.template get<double>();
    // max + 1 is 2^k, an exact double; so is min - 1 for 8 to 32-bit types (for 64-bit ones it
    // rounds to min, refused too: a conservative edge no real field reaches).
    const double below_min = static_cast<double>(Limits::min()) - 1.0;
    const double above_max = (static_cast<double>(Limits::max() / 2) + 1.0) * 2.0;
    if (std::isfinite(number) && number != std::floor(number)) {
      throw ModelError("expected an integer, got a number with a fraction");
    }
    if (number > below_min && number < above_max) return static_cast<T>(number);
  } else {
    throw ModelError(std::string("expected an integer, got ") + value.type_name());
  }
  throw ModelError("integer out of range");
}

/// Reads a model's fields from `Node`: nlohmann::json here, a TapeNode in
/// internal/model_tape.hpp (the response path). `FieldReader in(j, "Name")` picks the one
/// for j's type.
template <typename Node>
class FieldReader;

template <>
class FieldReader<nlohmann::json> {
 public:
  FieldReader(const nlohmann::json& j, std::string_view model) : j_(j), model_(model) {
    if (!j.is_object()) {
      throw ModelError(std::string(model) + ": expected a JSON object, got " + j.type_name());
    }
  }

  /// A field that must be present and non-null.
  template <typename T>
  void required(std::string_view key, T& out) {
    seen_.push_back(key);
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) {
      throw ModelError(model_ + "." + std::string(key) + " is missing");
    }
    read(key, *it, out);
  }

  /// A field that may be absent or null (left empty then).
  template <typename T>
  void optional(std::string_view key, std::optional<T>& out) {
    seen_.push_back(key);
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) {
      out.reset();
      return;
    }
    T value{};
    read(key, *it, value);
    out = std::move(value);
  }

  /// A part kept untyped: read without its null members.
  void optional(std::string_view key, std::optional<Json>& out) {
    seen_.push_back(key);
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) {
      out.reset();
      return;
    }
    out = Json(without_null_members(*it));
  }

  /// A plain field that may be absent or null (left default then).
  template <typename T>
  void value_or_default(std::string_view key, T& out) {
    seen_.push_back(key);
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return;
    read(key, *it, out);
  }

  /// The fields not read above, as an object without null members (null when none).
  Json unknown() const {
    nlohmann::json rest = nlohmann::json::object();
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      bool known = false;
      for (std::string_view key : seen_) known = known || key == it.key();
      if (!known && !it.value().is_null()) rest[it.key()] = without_null_members(it.value());
    }
    return rest.empty() ? Json() : Json(std::move(rest));
  }

 private:
  template <typename T>
  void read(std::string_view key, const nlohmann::json& value, T& out) {
    try {
      if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        out = read_integer<T>(value);
      } else {
        value.get_to(out);
      }
    } catch (const nlohmann::json::exception& e) {
      throw ModelError(model_ + "." + std::string(key) + ": " + e.what());
    } catch (const ModelError& e) {
      throw ModelError(model_ + "." + std::string(key) + "." + e.what());
    } catch (const std::exception& e) {  // e.g. a Decimal with 5 fractional digits
      throw ModelError(model_ + "." + std::string(key) + ": " + e.what());
    }
  }

  const nlohmann::json& j_;
  std::string model_;
  std::vector<std::string_view> seen_;
};

template <typename Node>
FieldReader(const Node&, std::string_view) -> FieldReader<Node>;

/// Writes fields; unset optionals are skipped. Call finish() with unknown_fields last.
class FieldWriter {
 public:
  explicit FieldWriter(nlohmann::json& j) : j_(j) { j_ = nlohmann::json::object(); }

  // Each field is built in a local first: when a to_json throws (an amount a JSON number
  // cannot carry), a json temporary under construction would leak what it had allocated.
  template <typename T>
  void required(const char* key, const T& value) {
    nlohmann::json field;
    nlohmann::adl_serializer<T>::to_json(field, value);
    j_[key] = std::move(field);
  }
  template <typename T>
  void optional(const char* key, const std::optional<T>& value) {
    if (value) required(key, *value);
  }
  /// Writes back unknown fields without overriding a known one.
  void finish(const Json& unknown_fields) {
    const nlohmann::json& extra = unknown_fields.value();
    if (!extra.is_object()) return;
    for (auto it = extra.begin(); it != extra.end(); ++it) {
      if (!j_.contains(it.key())) j_[it.key()] = it.value();
    }
  }

 private:
  nlohmann::json& j_;
};

}  // namespace yuno::internal
