// Fault injection for yuno-sandbox: decides, request by request, whether to misbehave.
// Deterministic for a seed: the n-th request that reaches the Yuno API gets the n-th decision.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace yuno::sandbox {

/// Shares of requests (each 0 to 1, summing to at most 1) answered with each fault.
struct FaultSettings {
  std::uint64_t seed = 1;
  double server_error_rate = 0;  ///< 500/502/503/504, picked evenly
  double rate_limit_rate = 0;    ///< 429 with Retry-After
  double latency_rate = 0;       ///< processed normally after an added delay
  double drop_before_rate = 0;   ///< connection dropped, nothing processed
  double drop_after_rate = 0;    ///< processed and committed, then the connection dropped
  std::chrono::milliseconds latency{200};
  int retry_after_seconds = 1;

  /// Throws std::invalid_argument naming the field when a rate is outside [0, 1] or the
  /// rates sum to more than 1, or a duration is negative.
  void validate() const;
};

void to_json(nlohmann::json& j, const FaultSettings& settings);
/// Missing fields keep their defaults; wrong types or values throw std::invalid_argument.
void from_json(const nlohmann::json& j, FaultSettings& settings);

enum class FaultKind { kNone, kServerError, kRateLimit, kLatency, kDropBefore, kDropAfter };
const char* to_string(FaultKind kind);

struct FaultDecision {
  FaultKind kind = FaultKind::kNone;
  int status = 0;  ///< kServerError: 500, 502, 503 or 504; kRateLimit: 429
  int retry_after_seconds = 0;            ///< kRateLimit
  std::chrono::milliseconds latency{0};   ///< kLatency
};

/// Thread-safe.
class FaultInjector {
 public:
  explicit FaultInjector(FaultSettings settings = {});

  /// The decision for the next API request (never called for /_sandbox/ paths).
  FaultDecision next();
  /// Replaces the settings and restarts the sequence from the new seed.
  void configure(const FaultSettings& settings);
  FaultSettings settings() const;
  /// How many of each kind were decided since the last configure(), e.g. {"drop_after": 3}.
  std::map<std::string, std::uint64_t> counts() const;

 private:
  mutable std::mutex mutex_;
  FaultSettings settings_;
  std::mt19937_64 engine_;
  std::map<std::string, std::uint64_t> counts_;
};

}  // namespace yuno::sandbox
