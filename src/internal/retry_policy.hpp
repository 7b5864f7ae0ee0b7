// The retry decisions, kept apart from the loop that applies them (client_core.cpp):
// whether an attempt's outcome may be retried, and how long to wait before the next one.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yuno/client_options.hpp"
#include "yuno/http_transport.hpp"

namespace yuno::internal {

/// Yuno's error body: {"code": "...", "messages": ["..."]}. Lenient: a missing code or a
/// single "message" string are accepted; a body that is not a JSON object gives nullopt.
struct ErrorBody {
  std::string code;
  std::vector<std::string> messages;
};
std::optional<ErrorBody> parse_error_body(std::string_view body);

/// What to do after one attempt.
struct AttemptVerdict {
  bool success = false;                      ///< a 2xx response
  RetryReason retry_reason = RetryReason::kNone;  ///< kNone: not retryable
  std::optional<std::chrono::milliseconds> retry_after;  ///< the server's Retry-After
};

/// The retry matrix. `safe_to_resend` is true for reads and for writes that carry an
/// idempotency key: only then may a request that possibly reached Yuno be sent again.
///  - 2xx: success.
///  - no response: TLS verification failures and oversized responses never; a request that
///    surely never left: always; otherwise (timeout, reset) only when safe_to_resend.
///  - 429: always (not processed). 5xx: when safe_to_resend.
///  - 400 REQUEST_IN_PROCESS: yes (the same key will find the first request's result).
///  - any other 4xx, including IDEMPOTENCY_DUPLICATED: never.
AttemptVerdict judge_attempt(const TransportResult& result, bool safe_to_resend);

/// Exponential backoff for retry number `retry` (1 for the first retry): initial_delay *
/// multiplier^(retry-1), capped at max_delay, scaled by a jitter factor in
/// [1 - jitter, 1 + jitter) drawn from `random_unit` in [0, 1), and capped again.
std::chrono::milliseconds backoff_delay(const BackoffOptions& backoff, int retry, double random_unit);

/// Retry-After in delta-seconds ("2", "0.5"); nullopt for HTTP dates or garbage.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value);

}  // namespace yuno::internal
