#include "internal/error_mapping.hpp"

#include <string>
#include <utility>

#include "internal/retry_policy.hpp"

namespace yuno::internal {
namespace {

std::string_view describe(TransportErrorKind kind) {
  switch (kind) {
    case TransportErrorKind::kConnectFailed: return "could not connect";
    case TransportErrorKind::kTlsHandshake: return "TLS handshake failed";
    case TransportErrorKind::kTlsVerification: return "TLS certificate verification failed";
    case TransportErrorKind::kTimeout: return "timed out";
    case TransportErrorKind::kConnectionLost: return "connection lost";
    case TransportErrorKind::kResponseTooLarge: return "response too large";
    case TransportErrorKind::kOther: break;
  }
  return "transport failure";
}

template <typename Exception>
[[noreturn]] void throw_as(const HttpResponse& response, ErrorBody& error, RequestContext& context) {
  throw Exception(response.status_code, std::move(error.code), std::move(error.messages),
                  response.body, std::move(context));
}

}  // namespace

void throw_api_error(const HttpResponse& response, RequestContext context,
                     const Scrubber& scrub) {
  ErrorBody error = parse_error_body(response.body).value_or(ErrorBody{});
  error.code = scrub(error.code);
  for (std::string& message : error.messages) message = scrub(message);
  const int status = response.status_code;
  if (status == 400 || status == 422) throw_as<InvalidRequestError>(response, error, context);
  if (status == 401) throw_as<AuthenticationError>(response, error, context);
  if (status == 403) throw_as<PermissionError>(response, error, context);
  if (status == 404) throw_as<NotFoundError>(response, error, context);
  if (status == 409) throw_as<ConflictError>(response, error, context);
  if (status == 429) throw_as<RateLimitError>(response, error, context);
  if (status >= 500 && status < 600) throw_as<ServerError>(response, error, context);
  throw_as<ApiError>(response, error, context);
}

void throw_transport_error(const TransportError& failure, RequestContext context,
                           const Scrubber& scrub) {
  std::string message = "Yuno API request " + std::string(describe(failure.kind));
  if (!failure.message.empty()) message += ": " + scrub(failure.message);
  message += " (" + context.method + " " + context.path + ", attempt " +
             std::to_string(context.attempts) + "/" + std::to_string(context.max_attempts) + ")";
  if (failure.kind == TransportErrorKind::kTimeout) {
    throw TimeoutError(message, failure.may_have_reached_server, std::move(context));
  }
  throw ConnectionError(message, failure.may_have_reached_server, std::move(context));
}

}  // namespace yuno::internal
