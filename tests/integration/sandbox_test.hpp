// The fixture shared by the integration suites: a yuno-sandbox child process per test, a
// YunoClient pointed at it, and builders for the requests the tests send.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <yuno/yuno.hpp>

#include "sandbox_process.hpp"

namespace yuno::integration {

/// Testing Gateway cards (primer): expiry 11/28, CVV 123 (Amex 1234).
struct TestCard {
  const char* brand;
  const char* number;
  const char* security_code;
};

class SandboxTest : public ::testing::Test {
 protected:
  /// Starts the sandbox with `args` and makes `client()` and `control()` for it.
  void start(std::vector<std::string> args = {});
  void TearDown() override;

  SandboxProcess& sandbox() { return *sandbox_; }
  const SandboxControl& control() { return *control_; }
  const yuno::YunoClient& client() { return *client_; }

  /// A new customer and a checkout session for it (100.00 USD, country US).
  void make_customer_and_session();
  const std::string& customer_id() const { return customer_id_; }
  const std::string& session_id() const { return session_id_; }

  /// A card payment request on the current session; `capture` false authorizes only.
  yuno::CreatePaymentRequest card_payment(const std::string& merchant_order_id,
                                          const std::string& card_number, const char* value,
                                          bool capture,
                                          const std::string& security_code = "123") const;

  /// A merchant_order_id unique within the test run.
  static std::string unique_order_id(const std::string& prefix);

  std::unique_ptr<SandboxProcess> sandbox_;
  std::unique_ptr<SandboxControl> control_;
  std::unique_ptr<yuno::YunoClient> client_;
  std::string customer_id_;
  std::string session_id_;
};

/// Decimal from text, for readable expectations.
inline yuno::Decimal dec(const char* text) { return yuno::Decimal::parse(text); }

}  // namespace yuno::integration
