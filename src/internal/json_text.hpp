// Exact JSON text for what the SDK sends.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace yuno::internal {

/// Compact JSON like nlohmann's dump(), except that floating point numbers are written in
/// their shortest round-trip form (std::to_chars). nlohmann's Grisu2 printer occasionally
/// adds digits (57984212752.5014 becomes 57984212752.501404), which for an amount would
/// send more than Yuno's 4 decimals. Every request body goes through this.
std::string dump_json(const nlohmann::json& value);

}  // namespace yuno::internal
