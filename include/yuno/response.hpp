/// @file
/// What a call returns: the model, plus the metadata of the HTTP exchange.
#pragma once

#include <string>
#include <utility>

#include "yuno/http_transport.hpp"

namespace yuno {

/// Facts about the HTTP exchange behind a result.
struct ResponseMetadata {
  int status_code = 0;          ///< the final response's HTTP status (2xx)
  std::string request_id;       ///< the server's request id header, if any
  std::string idempotency_key;  ///< the X-Idempotency-Key sent (empty for reads)
  int attempts = 0;             ///< 1 when the first attempt succeeded
  HttpHeaders headers;          ///< the final response's headers
};

/// A model returned by a call: use it as the model itself (it derives from T) and reach
/// the exchange's metadata with response_metadata().
/// @code
///   yuno::Response<yuno::Customer> c = client.customers().create(request);
///   c.id; c.response_metadata().idempotency_key;
/// @endcode
template <typename T>
class Response : public T {
 public:
  /// Made by the SDK (and by tests that fake a client).
  Response(T&& value, ResponseMetadata metadata)
      : T(std::move(value)), metadata_(std::move(metadata)) {}
  /// As above, copying `value`.
  Response(const T& value, ResponseMetadata metadata) : T(value), metadata_(std::move(metadata)) {}
  /// Status, request id, idempotency key, attempts and headers of the exchange.
  const ResponseMetadata& response_metadata() const noexcept { return metadata_; }

 private:
  ResponseMetadata metadata_;
};

}  // namespace yuno
