// The request machinery shared by every resource client: building requests (URL, headers,
// idempotency key), the retry loop, logging and the observer, and error mapping.
#pragma once

#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "yuno/client_options.hpp"
#include "yuno/errors.hpp"
#include "yuno/request_options.hpp"
#include "yuno/response.hpp"

namespace yuno::internal {

/// One logical API call, as a resource client describes it.
struct ApiCall {
  std::string_view method;         ///< "GET", "POST", "PATCH", "DELETE"
  std::string_view path_template;  ///< "/v1/customers/{customer_id}"
  std::vector<std::string_view> path_params;  ///< in template order; percent-encoded here
  std::vector<std::pair<std::string, std::string>> query;
  std::optional<std::string> body;  ///< JSON text
  bool requires_account_code = false;
};

/// A 2xx response and what is known about the exchange.
struct ApiResult {
  HttpResponse response;
  ResponseMetadata metadata;
  RequestContext context;  ///< for a ResponseParseError raised by the caller
};

class ClientCore;
class AsyncEngine;

/// One logical call's attempts: the retry loop as a state machine, so that the synchronous
/// loop (ClientCore::execute) and the asynchronous engine (async_engine.cpp) run the very
/// same request building, decisions, observer events and logs. Not thread-safe: one attempt
/// at a time, each step after the previous one returned.
///
///   CallAttempts attempts(core, call, options);            // builds the request once
///   for (;;) {
///     auto early = attempts.begin_attempt();               // timeouts, observer kStarted
///     auto next = attempts.end_attempt(early ? *early : transport.send(attempts.request()));
///     if (next.kind == kSucceeded) return attempts.take_result();
///     if (next.kind == kFailed) attempts.throw_failure();
///     wait(next.delay);
///   }
class CallAttempts {
 public:
  /// Builds the request (URL, headers, idempotency key, body: moved out of `call`) and
  /// starts the overall deadline; throws InvalidArgumentError for bad ids, header values or
  /// options.
  CallAttempts(const ClientCore& core, ApiCall&& call, const RequestOptions& options);

  /// Prepares the next attempt: cuts its timeouts to the time left and tells the observer.
  /// Returns a ready outcome (a timeout that never left) when the deadline has passed.
  std::optional<TransportResult> begin_attempt();
  /// The request of the current attempt (the same bytes and idempotency key every time).
  const HttpRequest& request() const { return request_; }

  struct Next {
    enum Kind { kSucceeded, kRetry, kFailed };
    Kind kind = kFailed;
    std::chrono::milliseconds delay{0};  ///< kRetry: the backoff before the next attempt
  };
  /// Judges the attempt's outcome (retry_policy), tells the observer and logs it.
  Next end_attempt(TransportResult result);

  /// After kSucceeded: the 2xx response and its metadata (moved out: call once, last).
  ApiResult take_result();
  /// After kFailed: throws the mapped yuno::RequestError.
  [[noreturn]] void throw_failure() const;

  const RequestContext& context() const { return context_; }
  /// Whether any attempt went to the transport (its outcome may be unknown).
  bool sent() const { return sent_; }

 private:
  const ClientCore* core_;
  HttpRequest request_;
  RequestContext context_;
  std::string idempotency_key_;
  std::chrono::milliseconds attempt_timeout_{0};
  bool safe_to_resend_ = false;
  bool sent_ = false;
  std::chrono::steady_clock::time_point deadline_;
  std::chrono::steady_clock::time_point started_;
  int attempt_ = 0;
  TransportResult last_;
};

/// Where an asynchronous call's outcome goes (a std::promise, through async_call.hpp).
/// Exactly one of the two is called, once.
class AsyncCompletion {
 public:
  virtual ~AsyncCompletion() = default;
  /// Turns the 2xx result into the call's value (parsing may fail: ResponseParseError).
  virtual void succeed(ApiResult&& result) noexcept = 0;
  virtual void fail(std::exception_ptr error) noexcept = 0;
};

class ClientCore {
 public:
  /// Validates the options (ConfigurationError) and sets up the transport.
  explicit ClientCore(ClientOptions options);
  /// Fails every pending asynchronous call with ClientClosedError, then releases the
  /// transport (which stops its thread when this client was its last owner).
  ~ClientCore();
  ClientCore(const ClientCore&) = delete;
  ClientCore& operator=(const ClientCore&) = delete;

  /// Sends the call with retries; returns the 2xx response or throws a yuno::RequestError.
  /// By value: the body moves into the request instead of being copied.
  ApiResult execute(ApiCall call, const RequestOptions& request_options) const;

  /// The asynchronous execute: builds the request now (on this thread), then runs the same
  /// attempts through the transport's send_async and run_after. Never throws: every error,
  /// InvalidArgumentError included, goes to `completion`.
  void start_async(ApiCall call, const RequestOptions& request_options,
                   std::unique_ptr<AsyncCompletion> completion) const;

  /// The account id for a request body: the call's override, else ClientOptions::account_id.
  std::string account_id(const RequestOptions& request_options) const {
    return request_options.account_id.value_or(options_.account_id);
  }

  Environment environment() const { return environment_; }
  const std::string& base_url() const { return base_url_; }
  const std::string& user_agent() const { return user_agent_; }

 private:
  friend class CallAttempts;

  /// The request every attempt of `call` sends (URL, headers, idempotency key, body);
  /// throws InvalidArgumentError for bad ids, header values or options.
  HttpRequest build_request(ApiCall&& call, const RequestOptions& request_options) const;
  void log_attempt(const RequestContext& context, const TransportResult& result,
                   std::chrono::microseconds latency, RetryReason retry_reason,
                   std::chrono::milliseconds delay) const;
  void log(LogLevel level, const std::string& message) const;
  bool logs(LogLevel level) const;
  std::string safe_for_log(std::string_view body) const;

  ClientOptions options_;
  Environment environment_ = Environment::kSandbox;
  std::string base_url_;
  std::string user_agent_;
  HttpHeaders fixed_headers_;  ///< keys, Accept, User-Agent: the same on every request
  std::shared_ptr<HttpTransport> transport_;
  std::shared_ptr<Clock> clock_;
  std::unique_ptr<AsyncEngine> async_;  ///< closed first, in the destructor's body
};

}  // namespace yuno::internal
