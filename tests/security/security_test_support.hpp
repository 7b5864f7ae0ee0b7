// Shared by the security tests: client options for a loopback test server.
#pragma once

#include <chrono>
#include <string>

#include <yuno/yuno.hpp>

namespace yuno::security {

/// Added to a call's overall timeout as the hang guard: sanitizer builds on a loaded CI
/// machine are slow, and the bound only has to catch a hang.
inline constexpr std::chrono::seconds kHangSlack{20};

inline constexpr const char* kLoopbackPublicKey = "sandbox_security_public_key_7f3a9c";
inline constexpr const char* kLoopbackSecretKey = "security_private_secret_key_b81e24";

/// Sandbox keys, `base_url`, the default CurlTransport, short timeouts and fast backoff.
inline ClientOptions loopback_options(const std::string& base_url) {
  ClientOptions options;
  options.public_api_key = kLoopbackPublicKey;
  options.private_secret_key = kLoopbackSecretKey;
  options.account_id = "acc-security-1";
  options.base_url = base_url;
  options.connect_timeout = std::chrono::seconds(10);
  options.timeout = std::chrono::seconds(10);
  options.overall_timeout = std::chrono::seconds(30);
  options.max_retries = 2;
  options.backoff.initial_delay = std::chrono::milliseconds(5);
  options.backoff.max_delay = std::chrono::milliseconds(20);
  options.backoff.max_retry_after = std::chrono::milliseconds(20);
  return options;
}

}  // namespace yuno::security
