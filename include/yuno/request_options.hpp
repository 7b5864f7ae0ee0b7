/// @file
/// Per-call options.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "yuno/http_transport.hpp"

namespace yuno {

/// Options for one call; every field overrides the client's setting for that call only.
struct RequestOptions {
  /// X-Idempotency-Key for this write. Default: a fresh UUIDv4 per call, reused on its
  /// retries. Set it to repeat a call safely after an unclear failure (use the key of the
  /// error: yuno::RequestError::idempotency_key()).
  std::optional<std::string> idempotency_key;
  /// Per-attempt timeout.
  std::optional<std::chrono::milliseconds> timeout;
  std::optional<int> max_retries;  ///< retries after the first attempt; 0: none
  /// Sent as `account-code` instead of ClientOptions::account_id.
  std::optional<std::string> account_id;
  /// Additional headers. Headers the SDK manages (keys, account code, idempotency key,
  /// content type, user agent) cannot be set here: InvalidArgumentError.
  HttpHeaders extra_headers;
};

}  // namespace yuno
