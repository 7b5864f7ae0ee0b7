// The request machinery shared by every resource client: building requests (URL, headers,
// idempotency key), the retry loop, logging and the observer, and error mapping.
#pragma once

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

class ClientCore {
 public:
  /// Validates the options (ConfigurationError) and sets up the transport.
  explicit ClientCore(ClientOptions options);

  /// Sends the call with retries; returns the 2xx response or throws a yuno::RequestError.
  ApiResult execute(const ApiCall& call, const RequestOptions& request_options) const;

  /// The account id for a request body: the call's override, else ClientOptions::account_id.
  std::string account_id(const RequestOptions& request_options) const {
    return request_options.account_id.value_or(options_.account_id);
  }

  Environment environment() const { return environment_; }
  const std::string& base_url() const { return base_url_; }
  const std::string& user_agent() const { return user_agent_; }

 private:
  /// The request every attempt of `call` sends (URL, headers, idempotency key, body);
  /// throws InvalidArgumentError for bad ids, header values or options.
  HttpRequest build_request(const ApiCall& call, const RequestOptions& request_options) const;
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
  std::shared_ptr<HttpTransport> transport_;
  std::shared_ptr<Clock> clock_;
};

}  // namespace yuno::internal
