#include "internal/retry_policy.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "internal/json_limits.hpp"

namespace yuno::internal {

std::optional<ErrorBody> parse_error_body(std::string_view body) {
  auto parsed = parse_json_bounded(body);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  ErrorBody error;
  if (auto code = parsed.find("code"); code != parsed.end() && code->is_string()) {
    error.code = code->get<std::string>();
  }
  if (auto messages = parsed.find("messages"); messages != parsed.end()) {
    if (messages->is_array()) {
      for (const auto& message : *messages) {
        error.messages.push_back(message.is_string() ? message.get<std::string>() : message.dump());
      }
    } else if (messages->is_string()) {
      error.messages.push_back(messages->get<std::string>());
    }
  }
  if (auto message = parsed.find("message"); error.messages.empty() && message != parsed.end() &&
                                             message->is_string()) {
    error.messages.push_back(message->get<std::string>());
  }
  return error;
}

AttemptVerdict judge_attempt(const TransportResult& result, bool safe_to_resend) {
  AttemptVerdict verdict;
  if (const auto* failure = std::get_if<TransportError>(&result)) {
    switch (failure->kind) {
      case TransportErrorKind::kTlsVerification:
      case TransportErrorKind::kResponseTooLarge:
        return verdict;  // the same server will fail the same way; never bypass TLS
      default:
        break;
    }
    if (failure->may_have_reached_server && !safe_to_resend) return verdict;
    verdict.retry_reason = failure->kind == TransportErrorKind::kTimeout
                               ? RetryReason::kTimeout
                               : RetryReason::kConnectionFailed;
    return verdict;
  }
  const auto& response = std::get<HttpResponse>(result);
  const int status = response.status_code;
  if (status >= 200 && status < 300) {
    verdict.success = true;
    return verdict;
  }
  if (status == 429) {
    verdict.retry_reason = RetryReason::kRateLimited;
  } else if (status >= 500 && status < 600) {
    if (safe_to_resend) verdict.retry_reason = RetryReason::kServerError;
  } else if (status == 400) {
    auto error = parse_error_body(response.body);
    if (error && error->code == "REQUEST_IN_PROCESS") {
      verdict.retry_reason = RetryReason::kRequestInProcess;
    }
  }
  if (verdict.retry_reason != RetryReason::kNone) {
    if (auto header = response.header("Retry-After")) {
      verdict.retry_after = parse_retry_after(*header);
    }
  }
  return verdict;
}

std::chrono::milliseconds backoff_delay(const BackoffOptions& backoff, int retry,
                                        double random_unit) {
  const double cap = static_cast<double>(backoff.max_delay.count());
  double delay = static_cast<double>(backoff.initial_delay.count()) *
                 std::pow(backoff.multiplier, std::max(0, retry - 1));
  delay = std::min(delay, cap);
  const double unit = std::clamp(random_unit, 0.0, 1.0);
  delay *= 1.0 - backoff.jitter + 2.0 * backoff.jitter * unit;
  delay = std::clamp(delay, 0.0, cap);
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(delay)));
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty() || value.size() > 12) return std::nullopt;
  double seconds = 0;
  double scale = 0;  // 0: integer part; then 0.1, 0.01...
  for (char c : value) {
    if (c == '.' && scale == 0) {
      scale = 0.1;
    } else if (c >= '0' && c <= '9') {
      if (scale == 0) {
        seconds = seconds * 10 + (c - '0');
      } else {
        seconds += (c - '0') * scale;
        scale /= 10;
      }
    } else {
      return std::nullopt;
    }
  }
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(seconds * 1000)));
}

}  // namespace yuno::internal
