#include "internal/client_core.hpp"

#include <algorithm>
#include <array>

#include "internal/async_engine.hpp"
#include "internal/error_mapping.hpp"
#include "internal/redact.hpp"
#include "internal/retry_policy.hpp"
#include "internal/strings.hpp"
#include "internal/url.hpp"
#include "internal/uuid.hpp"
#include "yuno/curl_transport.hpp"
#include "yuno/version.hpp"

namespace yuno::internal {
namespace {

using std::chrono::duration_cast;
using std::chrono::microseconds;
using std::chrono::milliseconds;

constexpr std::string_view kIdempotencyHeader = "X-Idempotency-Key";
constexpr int kMaxRetriesLimit = 10;

// Headers the SDK owns: a caller setting them through extra_headers is a mistake.
bool is_managed_header(std::string_view name) {
  static constexpr std::array<std::string_view, 9> kManaged = {
      "public-api-key", "private-secret-key", "account-code",  "x-account-code",
      "x-idempotency-key", "content-type",    "user-agent",    "accept", "host"};
  return std::any_of(kManaged.begin(), kManaged.end(),
                     [&](std::string_view managed) { return iequals(name, managed); });
}

void require_header_safe(std::string_view value, const std::string& what, bool configuration) {
  if (!has_control_line_break(value)) return;
  const std::string message = what + " must not contain CR, LF or NUL characters";
  if (configuration) throw ConfigurationError(message);
  throw InvalidArgumentError(message);
}

std::optional<Environment> environment_from_key(std::string_view public_api_key) {
  if (starts_with(public_api_key, "sandbox_")) return Environment::kSandbox;
  if (starts_with(public_api_key, "prod_")) return Environment::kProduction;
  return std::nullopt;
}

bool is_production(Environment environment) { return environment != Environment::kSandbox; }

Environment resolve_environment(const ClientOptions& options) {
  const auto from_key = environment_from_key(options.public_api_key);
  if (!options.environment) {
    if (!from_key) {
      throw ConfigurationError(
          "environment is not set and public_api_key has no sandbox_ or prod_ prefix to infer "
          "it from: set ClientOptions::environment (or YUNO_ENVIRONMENT)");
    }
    return *from_key;
  }
  if (from_key && is_production(*from_key) != is_production(*options.environment)) {
    throw ConfigurationError("public_api_key is a " +
                             std::string(is_production(*from_key) ? "production" : "sandbox") +
                             " key but environment is " +
                             std::string(to_string(*options.environment)));
  }
  return *options.environment;
}

// Refuse a base_url that points at the other Yuno deployment than the key and environment.
void check_known_host(const BaseUrl& url, Environment environment) {
  const bool sandbox_host = url.host == "api-sandbox.y.uno";
  const bool production_host = url.host == "api.y.uno" || url.host == "api.eu.y.uno";
  if ((sandbox_host && is_production(environment)) ||
      (production_host && !is_production(environment))) {
    throw ConfigurationError("base_url points at a different Yuno environment than " +
                             std::string(to_string(environment)));
  }
}

void validate_options(const ClientOptions& options) {
  if (options.public_api_key.empty()) throw ConfigurationError("public_api_key is required");
  if (options.private_secret_key.empty()) {
    throw ConfigurationError("private_secret_key is required");
  }
  require_header_safe(options.public_api_key, "public_api_key", true);
  require_header_safe(options.private_secret_key, "private_secret_key", true);
  require_header_safe(options.account_id, "account_id", true);
  require_header_safe(options.user_agent, "user_agent", true);
  if (options.connect_timeout <= milliseconds::zero()) {
    throw ConfigurationError("connect_timeout must be positive");
  }
  if (options.timeout <= milliseconds::zero()) throw ConfigurationError("timeout must be positive");
  if (options.overall_timeout <= milliseconds::zero()) {
    throw ConfigurationError("overall_timeout must be positive");
  }
  if (options.max_retries < 0 || options.max_retries > kMaxRetriesLimit) {
    throw ConfigurationError("max_retries must be between 0 and 10");
  }
  const BackoffOptions& backoff = options.backoff;
  if (backoff.initial_delay < milliseconds::zero() || backoff.max_delay < backoff.initial_delay ||
      backoff.max_retry_after < milliseconds::zero()) {
    throw ConfigurationError(
        "backoff delays must be non-negative, with max_delay >= initial_delay");
  }
  if (!(backoff.multiplier >= 1.0 && backoff.multiplier <= 10.0)) {
    throw ConfigurationError("backoff.multiplier must be between 1 and 10");
  }
  if (!(backoff.jitter >= 0.0 && backoff.jitter < 1.0)) {
    throw ConfigurationError("backoff.jitter must be in [0, 1)");
  }
  if (options.max_response_bytes == 0) {
    throw ConfigurationError("max_response_bytes must be positive");
  }
  if (options.max_in_flight == 0) throw ConfigurationError("max_in_flight must be at least 1");
}

bool is_safe_to_resend(std::string_view method, const HttpHeaders& headers) {
  if (method == "GET" || method == "HEAD" || method == "DELETE" || method == "PUT") return true;
  return find_header(headers, kIdempotencyHeader).has_value();
}

std::string request_id_of(const HttpResponse& response) {
  for (std::string_view name : {"x-request-id", "request-id", "x-trace-id", "x-amzn-requestid"}) {
    if (auto value = response.header(name)) return *value;
  }
  return {};
}

std::string format_ms(milliseconds value) { return std::to_string(value.count()) + " ms"; }

}  // namespace

ClientCore::ClientCore(ClientOptions options) : options_(std::move(options)) {
  validate_options(options_);
  environment_ = resolve_environment(options_);
  const std::string requested_url =
      options_.base_url.empty() ? std::string(default_base_url(environment_)) : options_.base_url;
  const BaseUrl url = parse_base_url(requested_url, "base_url");
  check_known_host(url, environment_);
  // TLS verification has no off switch; plain http (loopback only, for local sandboxes)
  // would be one for production keys.
  if (is_production(environment_) && !url.https) {
    throw ConfigurationError("base_url must use https:// with a production environment");
  }
  base_url_ = url.url;

  user_agent_ = std::string("yuno-cpp/") + version() + " " + CurlTransport::curl_version();
  if (!options_.user_agent.empty()) user_agent_ += " " + options_.user_agent;
  fixed_headers_ = {
      {"public-api-key", options_.public_api_key},
      {"private-secret-key", options_.private_secret_key},
      {"Accept", "application/json"},
      {"User-Agent", user_agent_},
  };

  transport_ = options_.transport;
  if (!transport_) {
    CurlTransportOptions curl;
    curl.ca_bundle_path = options_.ca_bundle_path;
    curl.proxy = options_.proxy;
    curl.max_response_bytes = options_.max_response_bytes;
    transport_ = std::make_shared<CurlTransport>(std::move(curl));
  }
  clock_ = options_.clock ? options_.clock : std::make_shared<SystemClock>();
  async_ = std::make_unique<AsyncEngine>(*this, *transport_, *clock_, options_.max_in_flight);
}

ClientCore::~ClientCore() {
  // Before any member goes: pending futures fail, and no step of the engine still runs on
  // another thread when the options, clock and transport are released.
  async_->close();
}

bool ClientCore::logs(LogLevel level) const {
  return options_.logger && static_cast<int>(level) >= static_cast<int>(options_.log_level);
}

void ClientCore::log(LogLevel level, const std::string& message) const {
  if (logs(level)) options_.logger(level, message);
}

std::string ClientCore::safe_for_log(std::string_view body) const {
  std::string text = redact_body(body);
  // Belt and braces: the configured secrets never leave, whatever field carried them.
  for (const std::string& secret : {options_.private_secret_key, options_.public_api_key}) {
    for (std::size_t at = text.find(secret); !secret.empty() && at != std::string::npos;
         at = text.find(secret, at)) {
      text.replace(at, secret.size(), "[REDACTED]");
    }
  }
  return text;
}

void ClientCore::log_attempt(const RequestContext& context, const TransportResult& result,
                             std::chrono::microseconds latency, RetryReason retry_reason,
                             std::chrono::milliseconds delay) const {
  if (!logs(LogLevel::kDebug)) return;
  const auto* response = std::get_if<HttpResponse>(&result);
  std::string line = "yuno: " + context.method + " " + context.path + " attempt " +
                     std::to_string(context.attempts) + "/" + std::to_string(context.max_attempts) +
                     " -> " +
                     (response ? std::to_string(response->status_code)
                               : "no response (" +
                                     safe_for_log(std::get<TransportError>(result).message) + ")") +
                     " in " + format_ms(duration_cast<milliseconds>(latency));
  if (!context.idempotency_key.empty()) line += ", idempotency_key=" + context.idempotency_key;
  if (!context.request_id.empty()) line += ", request_id=" + context.request_id;
  if (retry_reason != RetryReason::kNone) {
    line += ", retrying (" + std::string(to_string(retry_reason)) + ") in " + format_ms(delay);
  }
  log(LogLevel::kDebug, line);
  if (options_.log_bodies && response) {
    log(LogLevel::kDebug, "yuno: " + context.method + " " + context.path +
                              " response body: " + safe_for_log(response->body));
  }
}

HttpRequest ClientCore::build_request(ApiCall&& call,
                                      const RequestOptions& request_options) const {
  const std::string account_code = request_options.account_id.value_or(options_.account_id);
  require_header_safe(account_code, "account_id", false);
  if (call.requires_account_code && account_code.empty()) {
    throw InvalidArgumentError(std::string(call.method) + " " + std::string(call.path_template) +
                               " needs the account code: set ClientOptions::account_id or "
                               "RequestOptions::account_id");
  }

  HttpRequest request;
  request.method = std::string(call.method);
  request.url = base_url_ + expand_path(call.path_template, call.path_params) +
                build_query(call.query);
  // One allocation for the list: the fixed four, account code, content type, key, extras.
  request.headers.reserve(fixed_headers_.size() + 3 + request_options.extra_headers.size());
  request.headers.insert(request.headers.end(), fixed_headers_.begin(), fixed_headers_.end());
  if (!account_code.empty()) request.headers.emplace_back("account-code", account_code);
  if (call.body) {
    request.headers.emplace_back("Content-Type", "application/json");
    request.body = std::move(*call.body);
  }

  if (call.method == "POST" || call.method == "PATCH") {
    std::string idempotency_key;
    if (request_options.idempotency_key) {
      idempotency_key = *request_options.idempotency_key;
      if (idempotency_key.empty() || idempotency_key.size() > 255) {
        throw InvalidArgumentError("idempotency_key must be 1 to 255 characters");
      }
      require_header_safe(idempotency_key, "idempotency_key", false);
    } else {
      idempotency_key = make_uuid_v4();
    }
    request.headers.emplace_back(std::string(kIdempotencyHeader), idempotency_key);
  }

  for (const auto& [name, value] : request_options.extra_headers) {
    if (!is_http_token(name)) {
      throw InvalidArgumentError("extra header names must be HTTP tokens");
    }
    if (is_managed_header(name)) {
      throw InvalidArgumentError("header " + name +
                                 " is managed by the SDK; use the matching option instead");
    }
    require_header_safe(value, "extra header " + name, false);
    request.headers.emplace_back(name, value);
  }
  return request;
}

CallAttempts::CallAttempts(const ClientCore& core, ApiCall&& call,
                           const RequestOptions& request_options)
    : core_(&core) {
  const bool has_body = call.body.has_value();
  context_.path = std::string(call.path_template);
  request_ = core.build_request(std::move(call), request_options);
  // Built once: every attempt sends exactly the same bytes and idempotency key.
  idempotency_key_ = find_header(request_.headers, kIdempotencyHeader).value_or("");

  const int max_retries = request_options.max_retries.value_or(core.options_.max_retries);
  if (max_retries < 0 || max_retries > kMaxRetriesLimit) {
    throw InvalidArgumentError("max_retries must be between 0 and 10");
  }
  attempt_timeout_ = request_options.timeout.value_or(core.options_.timeout);
  if (attempt_timeout_ <= milliseconds::zero()) {
    throw InvalidArgumentError("timeout must be positive");
  }
  safe_to_resend_ = is_safe_to_resend(call.method, request_.headers);

  context_.method = request_.method;
  context_.idempotency_key = idempotency_key_;
  context_.max_attempts = 1 + max_retries;

  if (core.logs(LogLevel::kDebug) && core.options_.log_bodies && has_body) {
    core.log(LogLevel::kDebug, "yuno: " + context_.method + " " + context_.path +
                                   " request body: " + core.safe_for_log(request_.body));
  }
  deadline_ = core.clock_->now() + core.options_.overall_timeout;
}

static AttemptEvent started_event(const RequestContext& context,
                                  std::string_view idempotency_key) {
  AttemptEvent event;
  event.method = context.method;
  event.path_template = context.path;
  event.attempt = context.attempts;
  event.max_attempts = context.max_attempts;
  event.idempotency_key = idempotency_key;
  return event;
}

std::optional<TransportResult> CallAttempts::begin_attempt() {
  const ClientCore& core = *core_;
  ++attempt_;
  const auto remaining = duration_cast<milliseconds>(deadline_ - core.clock_->now());
  request_.timeout = std::min(attempt_timeout_, remaining);
  request_.connect_timeout = std::min(core.options_.connect_timeout, request_.timeout);
  context_.attempts = attempt_;

  if (core.options_.observer) core.options_.observer(started_event(context_, idempotency_key_));
  started_ = core.clock_->now();
  if (request_.timeout <= milliseconds::zero()) {
    return TransportResult(TransportError{TransportErrorKind::kTimeout, false,
                                          "overall timeout reached before the attempt"});
  }
  sent_ = true;
  return std::nullopt;
}

CallAttempts::Next CallAttempts::end_attempt(TransportResult result) {
  const ClientCore& core = *core_;
  const auto latency = duration_cast<microseconds>(core.clock_->now() - started_);
  last_ = std::move(result);

  AttemptVerdict verdict = judge_attempt(last_, safe_to_resend_);
  const auto* response = std::get_if<HttpResponse>(&last_);
  const auto* failure = std::get_if<TransportError>(&last_);
  if (response) context_.request_id = request_id_of(*response);

  // Decide whether there is a next attempt, and when.
  milliseconds delay{0};
  RetryReason retry_reason = verdict.retry_reason;
  if (retry_reason != RetryReason::kNone) {
    const BackoffOptions& backoff = core.options_.backoff;
    delay = verdict.retry_after ? std::min(*verdict.retry_after, backoff.max_retry_after)
                                : backoff_delay(backoff, attempt_, core.clock_->random_unit());
    const bool attempts_left = attempt_ < context_.max_attempts;
    const bool time_left = core.clock_->now() + delay < deadline_;
    if (!attempts_left || !time_left) retry_reason = RetryReason::kNone;
  }

  if (core.options_.observer) {
    AttemptEvent event = started_event(context_, idempotency_key_);
    event.phase = AttemptEvent::Phase::kFinished;
    event.latency = latency;
    event.retry_reason = retry_reason;
    event.request_id = context_.request_id;
    if (response) event.status_code = response->status_code;
    const std::string transport_error =
        failure ? core.safe_for_log(failure->message) : std::string();
    event.transport_error = transport_error;
    core.options_.observer(event);
  }

  core.log_attempt(context_, last_, latency, retry_reason, delay);

  if (verdict.success) return Next{Next::kSucceeded, milliseconds::zero()};
  if (retry_reason == RetryReason::kNone) return Next{Next::kFailed, milliseconds::zero()};
  return Next{Next::kRetry, delay};
}

ApiResult CallAttempts::take_result() {
  auto& response = std::get<HttpResponse>(last_);
  ApiResult out;
  out.metadata.status_code = response.status_code;
  out.metadata.request_id = context_.request_id;
  out.metadata.idempotency_key = idempotency_key_;
  out.metadata.attempts = attempt_;
  out.metadata.headers = std::move(response.headers);
  out.context = std::move(context_);  // the call is over: nothing reads it any more
  out.response = std::move(response);
  return out;
}

void CallAttempts::throw_failure() const {
  const ClientCore* core = core_;
  const Scrubber scrub = [core](std::string_view text) { return core->safe_for_log(text); };
  if (const auto* response = std::get_if<HttpResponse>(&last_)) {
    throw_api_error(*response, context_, scrub);
  }
  throw_transport_error(std::get<TransportError>(last_), context_, scrub);
}

ApiResult ClientCore::execute(ApiCall call, const RequestOptions& request_options) const {
  CallAttempts attempts(*this, std::move(call), request_options);
  // --- The retry loop: each attempt yields a value; only the final outcome throws. ---
  for (;;) {
    std::optional<TransportResult> early = attempts.begin_attempt();
    const CallAttempts::Next next = attempts.end_attempt(
        early ? std::move(*early) : transport_->send(attempts.request()));
    switch (next.kind) {
      case CallAttempts::Next::kSucceeded:
        return attempts.take_result();
      case CallAttempts::Next::kFailed:
        attempts.throw_failure();
      case CallAttempts::Next::kRetry:
        clock_->sleep_for(next.delay);
        break;
    }
  }
}

void ClientCore::start_async(ApiCall call, const RequestOptions& request_options,
                             std::unique_ptr<AsyncCompletion> completion) const {
  async_->start(std::move(call), request_options, std::move(completion));
}

}  // namespace yuno::internal
