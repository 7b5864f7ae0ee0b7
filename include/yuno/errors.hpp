/// @file
/// Exceptions thrown by the SDK. Every error the SDK raises derives from yuno::Error.
///
/// Messages (what()) are one readable line and never contain an API key, a secret or
/// card data: they are safe to log.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "yuno/export.hpp"

namespace yuno {

/// Root of every exception the SDK throws.
class YUNO_API Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The ClientOptions are invalid (missing key, malformed base URL, key/environment
/// mismatch...). The message names the option, never its value.
class YUNO_API ConfigurationError : public Error {
 public:
  using Error::Error;
};

/// An argument given to an SDK call is invalid (an empty id, a header value with CR/LF,
/// a malformed decimal...). Nothing was sent.
class YUNO_API InvalidArgumentError : public Error {
 public:
  using Error::Error;
};

/// A convenience call that picks a payment's transaction (e.g. capture(payment)) found no
/// transaction it may act on. Nothing was sent.
class YUNO_API TransactionNotFoundError : public InvalidArgumentError {
 public:
  using InvalidArgumentError::InvalidArgumentError;
};

/// Where and how a failed call was attempted: what a support ticket needs.
struct RequestContext {
  std::string method;           ///< "POST"
  std::string path;             ///< path template, e.g. "/v1/customers/{customer_id}"
  std::string idempotency_key;  ///< the X-Idempotency-Key sent, empty for reads
  std::string request_id;       ///< the server's request id header, if it sent one
  int attempts = 0;             ///< attempts made, retries included
  int max_attempts = 0;         ///< attempts allowed (1 + max_retries)
};

/// A call that reached the request machinery failed. Carries the RequestContext.
class YUNO_API RequestError : public Error {
 public:
  /// Made by the SDK; `message` must hold no secret (it becomes what()).
  RequestError(const std::string& message, RequestContext context);

  /// Method, path template, idempotency key, request id and attempts of the call.
  const RequestContext& context() const noexcept { return context_; }
  /// The idempotency key of the failed write: retry with the same key to be safe.
  const std::string& idempotency_key() const noexcept { return context_.idempotency_key; }
  /// The server's request id of the last response (empty if none): quote it to Yuno support.
  const std::string& request_id() const noexcept { return context_.request_id; }
  /// HTTP attempts made, retries included.
  int attempts() const noexcept { return context_.attempts; }

 private:
  RequestContext context_;
};

/// Yuno answered with an HTTP error status (4xx/5xx).
class YUNO_API ApiError : public RequestError {
 public:
  /// Made by the SDK from the error response (subclasses inherit this constructor).
  ApiError(int status_code, std::string code, std::vector<std::string> messages,
           std::string raw_body, RequestContext context);

  /// The HTTP status, 400 to 599.
  int status_code() const noexcept { return status_code_; }
  /// Yuno's error code, e.g. "INVALID_PARAMETERS"; empty if the body had none.
  const std::string& code() const noexcept { return code_; }
  /// Yuno's human-readable `messages`; empty if the body had none.
  const std::vector<std::string>& messages() const noexcept { return messages_; }
  /// The response body exactly as received.
  const std::string& raw_body() const noexcept { return raw_body_; }

 private:
  int status_code_;
  std::string code_;
  std::vector<std::string> messages_;
  std::string raw_body_;
};

/// 400 or 422: the request was rejected (bad parameters, invalid state, duplicated key...).
class YUNO_API InvalidRequestError : public ApiError {
 public:
  using ApiError::ApiError;
};
/// 401: credentials missing, invalid or expired.
class YUNO_API AuthenticationError : public ApiError {
 public:
  using ApiError::ApiError;
};
/// 403: the credentials may not do this.
class YUNO_API PermissionError : public ApiError {
 public:
  using ApiError::ApiError;
};
/// 404: no such resource or route.
class YUNO_API NotFoundError : public ApiError {
 public:
  using ApiError::ApiError;
};
/// 409: conflicts with the current state of a resource.
class YUNO_API ConflictError : public ApiError {
 public:
  using ApiError::ApiError;
};
/// 429: too many requests; retried automatically until retries run out.
class YUNO_API RateLimitError : public ApiError {
 public:
  using ApiError::ApiError;
};
/// 5xx: Yuno failed. For writes the outcome is unknown: retry with the same key.
class YUNO_API ServerError : public ApiError {
 public:
  using ApiError::ApiError;
};

/// The request could not be completed at the network level (connect, TLS, reset...).
class YUNO_API ConnectionError : public RequestError {
 public:
  /// Made by the SDK (subclasses inherit this constructor).
  ConnectionError(const std::string& message, bool may_have_reached_server,
                  RequestContext context);
  /// False when the request certainly never reached Yuno (e.g. connection refused).
  bool may_have_reached_server() const noexcept { return may_have_reached_server_; }

 private:
  bool may_have_reached_server_;
};

/// An attempt or the overall deadline timed out. The server may have processed the request.
class YUNO_API TimeoutError : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
};

/// An asynchronous call (`*_async`) was still pending when the last handle of its YunoClient
/// was destroyed: its future fails with this instead of waiting. The outcome is unknown when
/// may_have_reached_server() is true: repeat the write with the same idempotency_key().
class YUNO_API ClientClosedError : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
};

/// A 2xx response whose body is not what the API documents. The body is kept verbatim.
/// For writes the operation did happen: retrying with the same idempotency key returns it.
class YUNO_API ResponseParseError : public RequestError {
 public:
  /// Made by the SDK when a 2xx body does not parse.
  ResponseParseError(const std::string& message, int status_code, std::string raw_body,
                     RequestContext context);
  /// The 2xx status received.
  int status_code() const noexcept { return status_code_; }
  /// The response body exactly as received.
  const std::string& raw_body() const noexcept { return raw_body_; }

 private:
  int status_code_;
  std::string raw_body_;
};

}  // namespace yuno
