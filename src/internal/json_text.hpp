// Exact JSON text for what the SDK sends.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace yuno::internal {

/// Compact JSON like nlohmann's dump(), except that floating point numbers are written in
/// their shortest round-trip form (std::to_chars). nlohmann's Grisu2 printer occasionally
/// adds digits (57984212752.5014 becomes 57984212752.501404), which for an amount would
/// send more than Yuno's 4 decimals. Every request body goes through this.
std::string dump_json(const nlohmann::json& value);

/// The body of a request: dump_json of the model. Built into a local on purpose: when the
/// model's to_json throws (an amount too precise for a JSON number), nlohmann::json(model)
/// would leak what it had built, because a constructor that throws never runs the
/// destructor of its partly set value.
template <typename Model>
std::string request_body(const Model& model) {
  nlohmann::json json;
  to_json(json, model);
  return dump_json(json);
}

}  // namespace yuno::internal
