// Turning a failed attempt into the public exception: one place maps status to error type.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "yuno/errors.hpp"
#include "yuno/http_transport.hpp"

namespace yuno::internal {

/// Masks what must not reach an exception message (secrets, card numbers).
using Scrubber = std::function<std::string(std::string_view)>;

/// Throws the ApiError subclass for a non-2xx response (400/422 InvalidRequestError,
/// 401 AuthenticationError, 403 PermissionError, 404 NotFoundError, 409 ConflictError,
/// 429 RateLimitError, 5xx ServerError, anything else ApiError). Yuno's messages pass
/// through `scrub` (they may echo input); the raw body is kept as received.
[[noreturn]] void throw_api_error(const HttpResponse& response, RequestContext context,
                                  const Scrubber& scrub);

/// Throws TimeoutError for timeouts, ConnectionError otherwise.
[[noreturn]] void throw_transport_error(const TransportError& failure, RequestContext context,
                                        const Scrubber& scrub);

}  // namespace yuno::internal
