// Shared setup for unit tests: a YunoClient wired to a MockTransport and a FakeClock.
#pragma once

#include <memory>
#include <string>

#include <yuno/yuno.hpp>
#include <yuno/testing/fake_clock.hpp>
#include <yuno/testing/mock_transport.hpp>

namespace yuno::test {

// Recognisable fake credentials: tests assert they never leak into messages or logs.
inline constexpr const char* kPublicKey = "sandbox_pk_UNITTEST_0123456789abcdef";
inline constexpr const char* kSecretKey = "sk_UNITTEST_SECRET_do_not_leak_42";
inline constexpr const char* kAccountId = "acc-1111-2222";

inline ClientOptions mock_options(const std::shared_ptr<testing::MockTransport>& transport,
                                  const std::shared_ptr<testing::FakeClock>& clock) {
  ClientOptions options;
  options.public_api_key = kPublicKey;
  options.private_secret_key = kSecretKey;
  options.account_id = kAccountId;
  options.transport = transport;
  options.clock = clock;
  return options;
}

/// A client over a mock transport and a fake clock, with the pieces kept at hand.
struct MockClient {
  std::shared_ptr<testing::MockTransport> transport = std::make_shared<testing::MockTransport>();
  std::shared_ptr<testing::FakeClock> clock = std::make_shared<testing::FakeClock>();
  ClientOptions options = mock_options(transport, clock);

  YunoClient make() const { return YunoClient(options); }
};

/// A minimal valid customer body, as Yuno returns it.
inline std::string customer_json(const std::string& id = "bf64527c-5531-4ece-bf2c-51a8e775d8e1") {
  return R"({"id":")" + id +
         R"(","merchant_customer_id":"m-1","first_name":"John","email":"john@example.com",)"
         R"("created_at":"2025-04-24T18:54:54.351969Z","document":null})";
}

/// Yuno's error body.
inline std::string error_json(const std::string& code, const std::string& message) {
  return R"({"code":")" + code + R"(","messages":[")" + message + R"("]})";
}

}  // namespace yuno::test
