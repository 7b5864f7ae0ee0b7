/// @file
/// Configuration of a yuno::YunoClient.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "yuno/clock.hpp"
#include "yuno/export.hpp"
#include "yuno/http_transport.hpp"

namespace yuno {

/// Which Yuno deployment to talk to.
enum class Environment {
  kSandbox,       ///< https://api-sandbox.y.uno
  kProduction,    ///< https://api.y.uno
  kProductionEu,  ///< https://api.eu.y.uno
};

/// "sandbox", "production" or "production-eu" (the YUNO_ENVIRONMENT spelling).
YUNO_API std::string_view to_string(Environment environment);
/// The documented base URL, without /v1.
YUNO_API std::string_view default_base_url(Environment environment);

/// Severity of a log line; ClientOptions::log_level is the lowest one passed to the Logger.
/// The SDK logs at kDebug only today (a line per HTTP attempt, bodies with log_bodies):
/// failures reach you as exceptions, not log lines.
enum class LogLevel {
  kDebug,    ///< per-attempt detail
  kInfo,     ///< normal operation
  kWarning,  ///< unusual but handled
  kError,    ///< failures
};
/// "debug", "info", "warning" or "error".
YUNO_API std::string_view to_string(LogLevel level);

/// Receives log lines. Lines never contain keys, secrets or card data. Called on the thread
/// making the call (for `*_async` calls: on the transport's thread, e.g. CurlTransport's
/// curl_multi thread, so keep it quick): it must be thread-safe when the client is shared.
using Logger = std::function<void(LogLevel level, std::string_view message)>;

/// Why an attempt is being retried.
enum class RetryReason {
  kNone,              ///< not retried
  kConnectionFailed,  ///< no response (connect failure, reset)
  kTimeout,           ///< the attempt timed out
  kServerError,       ///< HTTP 5xx
  kRateLimited,       ///< HTTP 429
  kRequestInProcess,  ///< 400 REQUEST_IN_PROCESS: the first request with this key still runs
};
/// The reason in snake_case, e.g. "rate_limited" (the log lines' spelling).
YUNO_API std::string_view to_string(RetryReason reason);

/// What an AttemptObserver sees before and after every HTTP attempt: enough for metrics
/// and tracing, never a secret or a body.
struct AttemptEvent {
  /// When the observer is called.
  enum class Phase {
    kStarted,   ///< before the attempt is sent
    kFinished,  ///< after it got a response or failed
  };
  Phase phase = Phase::kStarted;  ///< before or after the attempt
  std::string_view method;         ///< "POST"
  std::string_view path_template;  ///< "/v1/customers/{customer_id}": low-cardinality, for metrics
  int attempt = 1;                 ///< 1-based
  int max_attempts = 1;            ///< 1 + max_retries
  std::string_view idempotency_key;  ///< empty for reads
  // Set on kFinished only:
  std::optional<int> status_code;           ///< empty when no HTTP response was received
  std::chrono::microseconds latency{0};     ///< time the attempt took
  std::string_view request_id;              ///< server's request id header, if any
  std::string_view transport_error;         ///< set when status_code is empty
  RetryReason retry_reason = RetryReason::kNone;  ///< kNone: this attempt is the last
};
/// Called on the thread making the call (for `*_async` calls: on the transport's thread,
/// e.g. CurlTransport's curl_multi thread, so keep it quick); must be thread-safe when the
/// client is shared, and must not destroy the last handle of the client. The string_views in
/// the event are valid only during the call.
using AttemptObserver = std::function<void(const AttemptEvent& event)>;

/// Backoff between retries: exponential with jitter, bounded by max_delay, and by the
/// client's overall_timeout. A Retry-After header replaces the computed delay (capped).
struct BackoffOptions {
  std::chrono::milliseconds initial_delay{500};  ///< before the first retry
  double multiplier = 2.0;                       ///< growth per retry
  std::chrono::milliseconds max_delay{8'000};    ///< cap of the computed delay
  /// Jitter: the delay is scaled by a random factor in [1 - jitter, 1 + jitter).
  double jitter = 0.25;
  /// Cap applied to a server's Retry-After.
  std::chrono::milliseconds max_retry_after{30'000};
};

/// Everything a YunoClient needs. A plain struct: set what you need, the rest has
/// safe defaults. Validated by the YunoClient constructor (yuno::ConfigurationError).
struct YUNO_API ClientOptions {
  /// Sent as `public-api-key`. Its prefix (`sandbox_`, `prod_`) picks the environment
  /// when `environment` is not set, and must agree with it when it is.
  std::string public_api_key;
  /// Sent as `private-secret-key`. Never logged, never in an exception.
  std::string private_secret_key;
  /// Your Yuno account id, sent as `account-code` on every request when set.
  std::string account_id;
  /// Empty: inferred from the public key prefix.
  std::optional<Environment> environment;
  /// Overrides the environment's URL (local sandbox, proxies). Given like Yuno's
  /// (`https://api-sandbox.y.uno`) without `/v1`; the SDK adds `/v1` to every path.
  /// Plain http:// is accepted for loopback hosts only, and never with a production
  /// environment (TLS verification cannot be turned off).
  std::string base_url;

  /// Per attempt: time allowed to establish the connection (TCP and TLS).
  std::chrono::milliseconds connect_timeout{10'000};
  /// Per attempt. Longer than the 60 s Yuno allows a slow processor, so a payment that
  /// succeeds slowly is not abandoned.
  std::chrono::milliseconds timeout{75'000};
  /// Across all attempts and backoff waits of one call.
  std::chrono::milliseconds overall_timeout{180'000};
  /// Retries after the first attempt; 0 disables retries.
  int max_retries = 2;
  BackoffOptions backoff;  ///< the waits between retries

  /// Proxy URL for the default transport; empty: the usual environment variables.
  std::string proxy;
  /// CA bundle (PEM) for the default transport, instead of libcurl's default bundle file.
  std::string ca_bundle_path;
  /// Response size cap for the default transport.
  std::size_t max_response_bytes = 8 * 1024 * 1024;
  /// Appended to the User-Agent (`yuno-cpp/<version> libcurl/<version> <suffix>`).
  std::string user_agent;

  Logger logger;                    ///< empty: no logging
  LogLevel log_level = LogLevel::kInfo;  ///< lines below this level are not formatted
  /// Log request and response bodies at debug level, with card numbers, CVV and secrets masked.
  bool log_bodies = false;
  AttemptObserver observer;          ///< called before and after every attempt

  /// Asynchronous calls (`*_async`): HTTP requests handed to the transport at once. Attempts
  /// beyond it wait in a first-come queue (retries first) until one finishes; the time they
  /// wait counts against overall_timeout. Default 64; must be at least 1.
  std::size_t max_in_flight = 64;

  /// Replaces libcurl (empty: a CurlTransport made from the options above).
  std::shared_ptr<HttpTransport> transport;
  /// Replaces the real clock, sleep and jitter (empty: SystemClock).
  std::shared_ptr<Clock> clock;

  /// Reads YUNO_PUBLIC_API_KEY, YUNO_PRIVATE_SECRET_KEY, YUNO_ACCOUNT_ID,
  /// YUNO_ENVIRONMENT (sandbox, production, production-eu) and YUNO_BASE_URL.
  /// Unset variables leave the defaults; an unknown YUNO_ENVIRONMENT throws ConfigurationError.
  static ClientOptions from_env();
};

}  // namespace yuno
