// Helpers shared by the payment models' to_json/from_json (payment.cpp, payment_method.cpp,
// payment_requests.cpp), on top of FieldReader/FieldWriter.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "internal/model_json.hpp"
#include "yuno/json.hpp"

namespace yuno::internal {

/// `value` without null object members, at any depth (array elements are kept). A null
/// member means the same as a missing one (the model conventions), so the parts kept
/// untyped drop them like the typed parts do: what is written back has no nulls.
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

/// The reader's unknown fields, null members dropped (null when nothing is left).
inline Json unknown_fields(const FieldReader& in) {
  Json rest = in.unknown();
  if (rest.is_null()) return rest;
  nlohmann::json cleaned = without_null_members(rest.value());
  return cleaned.empty() ? Json() : Json(std::move(cleaned));
}

/// A part kept untyped (yuno::Json), read without its null members; the same for both
/// directions so the field lists can be shared by from_json and to_json.
inline void untyped(FieldReader& in, std::string_view key, std::optional<Json>& out) {
  in.optional(key, out);
  if (out) *out = Json(without_null_members(out->value()));
}
inline void untyped(FieldWriter& out, const char* key, const std::optional<Json>& value) {
  out.optional(key, value);
}

/// Thrown from a from_json for a shape error; FieldReader prefixes it with the field path.
/// The message names JSON types only, never a value.
[[noreturn]] inline void wrong_shape(const std::string& expected, const nlohmann::json& got) {
  throw std::runtime_error("expected " + expected + ", got " + got.type_name());
}

}  // namespace yuno::internal
