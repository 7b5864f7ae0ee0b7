// Fault injection for yuno-sandbox (see faults.hpp).
#include "faults.hpp"

#include <cmath>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace yuno::sandbox {
namespace {

constexpr FaultKind kAllKinds[] = {FaultKind::kNone,       FaultKind::kServerError,
                                   FaultKind::kRateLimit,  FaultKind::kLatency,
                                   FaultKind::kDropBefore, FaultKind::kDropAfter};
constexpr int kServerErrorStatuses[] = {500, 502, 503, 504};

// The JSON names of the fields, in the order of FaultSettings.
constexpr std::string_view kFieldNames[] = {
    "seed",           "server_error_rate", "rate_limit_rate", "latency_rate",
    "drop_before_rate", "drop_after_rate", "latency_ms",      "retry_after_seconds"};

void check_rate(const char* name, double rate) {
  // Written so that NaN fails too.
  if (!(rate >= 0.0 && rate <= 1.0)) {
    throw std::invalid_argument(std::string(name) + " must be between 0 and 1");
  }
}

// A double in [0, 1) from the top 53 bits of one engine output: the same on every platform
// (std::uniform_real_distribution is not specified bit for bit).
double unit_interval(std::mt19937_64& engine) {
  return static_cast<double>(engine() >> 11) * 0x1.0p-53;
}

std::map<std::string, std::uint64_t> zero_counts() {
  std::map<std::string, std::uint64_t> counts;
  for (FaultKind kind : kAllKinds) counts[to_string(kind)] = 0;
  return counts;
}

double read_rate(const nlohmann::json& value, const char* name) {
  if (!value.is_number()) throw std::invalid_argument(std::string(name) + " must be a number");
  const double rate = value.get<double>();
  check_rate(name, rate);
  return rate;
}

std::int64_t read_non_negative_integer(const nlohmann::json& value, const char* name) {
  if (!value.is_number_integer()) {  // true for signed and unsigned integers, not 1.5
    throw std::invalid_argument(std::string(name) + " must be a non-negative integer");
  }
  if (value.is_number_unsigned()) {
    if (value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT32_MAX)) {
      throw std::invalid_argument(std::string(name) + " is too large");
    }
    return value.get<std::int64_t>();
  }
  const auto v = value.get<std::int64_t>();
  if (v < 0) throw std::invalid_argument(std::string(name) + " must not be negative");
  if (v > INT32_MAX) throw std::invalid_argument(std::string(name) + " is too large");
  return v;
}

}  // namespace

void FaultSettings::validate() const {
  check_rate("server_error_rate", server_error_rate);
  check_rate("rate_limit_rate", rate_limit_rate);
  check_rate("latency_rate", latency_rate);
  check_rate("drop_before_rate", drop_before_rate);
  check_rate("drop_after_rate", drop_after_rate);
  const double total =
      server_error_rate + rate_limit_rate + latency_rate + drop_before_rate + drop_after_rate;
  if (total > 1.0 + 1e-9) {
    throw std::invalid_argument("the fault rates sum to more than 1");
  }
  if (latency.count() < 0) throw std::invalid_argument("latency_ms must not be negative");
  if (retry_after_seconds < 0) {
    throw std::invalid_argument("retry_after_seconds must not be negative");
  }
}

void to_json(nlohmann::json& j, const FaultSettings& settings) {
  j = nlohmann::json{{"seed", settings.seed},
                     {"server_error_rate", settings.server_error_rate},
                     {"rate_limit_rate", settings.rate_limit_rate},
                     {"latency_rate", settings.latency_rate},
                     {"drop_before_rate", settings.drop_before_rate},
                     {"drop_after_rate", settings.drop_after_rate},
                     {"latency_ms", settings.latency.count()},
                     {"retry_after_seconds", settings.retry_after_seconds}};
}

void from_json(const nlohmann::json& j, FaultSettings& settings) {
  if (!j.is_object()) throw std::invalid_argument("fault settings must be a JSON object");
  for (const auto& item : j.items()) {
    bool known = false;
    for (std::string_view name : kFieldNames) known = known || item.key() == name;
    if (!known) throw std::invalid_argument("unknown fault setting: " + item.key());
  }
  FaultSettings result = settings;
  if (auto it = j.find("seed"); it != j.end()) {
    if (it->is_number_unsigned()) {
      result.seed = it->get<std::uint64_t>();
    } else if (it->is_number_integer() && it->get<std::int64_t>() >= 0) {
      result.seed = static_cast<std::uint64_t>(it->get<std::int64_t>());
    } else {
      throw std::invalid_argument("seed must be a non-negative integer");
    }
  }
  if (auto it = j.find("server_error_rate"); it != j.end()) {
    result.server_error_rate = read_rate(*it, "server_error_rate");
  }
  if (auto it = j.find("rate_limit_rate"); it != j.end()) {
    result.rate_limit_rate = read_rate(*it, "rate_limit_rate");
  }
  if (auto it = j.find("latency_rate"); it != j.end()) {
    result.latency_rate = read_rate(*it, "latency_rate");
  }
  if (auto it = j.find("drop_before_rate"); it != j.end()) {
    result.drop_before_rate = read_rate(*it, "drop_before_rate");
  }
  if (auto it = j.find("drop_after_rate"); it != j.end()) {
    result.drop_after_rate = read_rate(*it, "drop_after_rate");
  }
  if (auto it = j.find("latency_ms"); it != j.end()) {
    result.latency = std::chrono::milliseconds(read_non_negative_integer(*it, "latency_ms"));
  }
  if (auto it = j.find("retry_after_seconds"); it != j.end()) {
    result.retry_after_seconds =
        static_cast<int>(read_non_negative_integer(*it, "retry_after_seconds"));
  }
  result.validate();
  settings = std::move(result);
}

const char* to_string(FaultKind kind) {
  switch (kind) {
    case FaultKind::kNone: return "none";
    case FaultKind::kServerError: return "server_error";
    case FaultKind::kRateLimit: return "rate_limit";
    case FaultKind::kLatency: return "latency";
    case FaultKind::kDropBefore: return "drop_before";
    case FaultKind::kDropAfter: return "drop_after";
  }
  return "unknown";
}

FaultInjector::FaultInjector(FaultSettings settings) {
  settings.validate();
  settings_ = std::move(settings);
  engine_.seed(settings_.seed);
  counts_ = zero_counts();
}

FaultDecision FaultInjector::next() {
  std::lock_guard<std::mutex> lock(mutex_);
  // Exactly one draw per decision, whatever the rates: the n-th request always gets the
  // n-th number of the seeded sequence.
  const double draw = unit_interval(engine_);
  FaultDecision decision;
  double upper = settings_.server_error_rate;
  if (draw < upper) {
    decision.kind = FaultKind::kServerError;
    // The position inside the server-error share picks the status evenly.
    auto index = static_cast<std::size_t>(draw / settings_.server_error_rate * 4.0);
    if (index > 3) index = 3;
    decision.status = kServerErrorStatuses[index];
  } else if (draw < (upper += settings_.rate_limit_rate)) {
    decision.kind = FaultKind::kRateLimit;
    decision.status = 429;
    decision.retry_after_seconds = settings_.retry_after_seconds;
  } else if (draw < (upper += settings_.latency_rate)) {
    decision.kind = FaultKind::kLatency;
    decision.latency = settings_.latency;
  } else if (draw < (upper += settings_.drop_before_rate)) {
    decision.kind = FaultKind::kDropBefore;
  } else if (draw < (upper += settings_.drop_after_rate)) {
    decision.kind = FaultKind::kDropAfter;
  }
  ++counts_[to_string(decision.kind)];
  return decision;
}

void FaultInjector::configure(const FaultSettings& settings) {
  settings.validate();
  std::lock_guard<std::mutex> lock(mutex_);
  settings_ = settings;
  engine_.seed(settings_.seed);
  counts_ = zero_counts();
}

FaultSettings FaultInjector::settings() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return settings_;
}

std::map<std::string, std::uint64_t> FaultInjector::counts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return counts_;
}

}  // namespace yuno::sandbox
