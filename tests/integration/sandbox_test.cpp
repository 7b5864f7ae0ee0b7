#include "sandbox_test.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>

namespace yuno::integration {
namespace {

// Proxy variables inherited from the environment would send 127.0.0.1 traffic elsewhere.
class NoProxyEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    for (const char* name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                             "ALL_PROXY", "no_proxy", "NO_PROXY"}) {
      ::unsetenv(name);
    }
  }
};
[[maybe_unused]] ::testing::Environment* const kNoProxy =
    ::testing::AddGlobalTestEnvironment(new NoProxyEnvironment);

}  // namespace

void SandboxTest::start(std::vector<std::string> args) {
  sandbox_ = std::make_unique<SandboxProcess>(std::move(args));
  control_ = std::make_unique<SandboxControl>(sandbox_->base_url());
  client_ = std::make_unique<yuno::YunoClient>(client_options(sandbox_->base_url()));
}

void SandboxTest::TearDown() {
  if (sandbox_ == nullptr) return;
  // A sandbox that died during the test is a failure of its own, whatever the test saw.
  const std::string died = sandbox_->exit_description();
  if (!died.empty()) {
    ADD_FAILURE() << "yuno-sandbox " << died << " during the test; its output:\n"
                  << sandbox_->output();
  }
  // Close the clients' kept-alive connections first: the sandbox's shutdown waits for
  // open connections to go idle.
  client_.reset();
  control_.reset();
  const std::string how = sandbox_->stop();
  if (died.empty() && how.find("did not stop") != std::string::npos) {
    ADD_FAILURE() << "yuno-sandbox " << how;
  }
  // Whatever the test sent, the sandbox never prints a key or a card number.
  for (const char* secret : {kPrivateKey, kPublicKey, "4507990000000002", "5252440000000002",
                             "370000000000002", "4507990000000010", "4111111111111111"}) {
    EXPECT_FALSE(sandbox_->printed(secret)) << "yuno-sandbox printed a key or a card number";
  }
  sandbox_.reset();
}

void SandboxTest::make_customer_and_session() {
  yuno::CreateCustomerRequest customer;
  customer.merchant_customer_id = unique_order_id("customer");
  customer.first_name = "John";
  customer.last_name = "Doe";
  customer.email = "john.doe@example.com";
  customer.country = "US";
  customer_id_ = client().customers().create(customer).id;

  yuno::CreateCheckoutSessionRequest session;
  session.merchant_order_id = unique_order_id("session-order");
  session.payment_description = "integration test order";
  session.country = "US";
  session.customer_id = customer_id_;
  session.amount = yuno::CheckoutAmount{};
  session.amount->currency = "USD";
  session.amount->value = dec("100.00");
  session_id_ = client().checkout_sessions().create(session).id;
}

yuno::CreatePaymentRequest SandboxTest::card_payment(const std::string& merchant_order_id,
                                                     const std::string& card_number,
                                                     const char* value, bool capture,
                                                     const std::string& security_code) const {
  yuno::CreatePaymentRequest request;
  request.description = "integration test payment";
  request.country = "US";
  request.merchant_order_id = merchant_order_id;
  request.amount = yuno::Amount(dec(value), "USD");
  request.workflow = yuno::PaymentWorkflow::kDirect;
  if (!session_id_.empty()) {
    request.checkout = yuno::PaymentCheckout{};
    request.checkout->session = session_id_;
  }
  if (!customer_id_.empty()) {
    request.customer_payer = yuno::CustomerPayer{};
    request.customer_payer->id = customer_id_;
  }
  yuno::CardData card;
  card.number = card_number;
  card.expiration_month = 11;
  card.expiration_year = 2028;
  card.security_code = security_code;
  card.holder_name = "JOHN DOE";
  yuno::CardDetail detail;
  detail.capture = capture;
  detail.card_data = card;
  request.payment_method = yuno::PaymentMethod{};
  request.payment_method->type = "CARD";
  request.payment_method->detail = yuno::PaymentMethodDetail{};
  request.payment_method->detail->card = detail;
  return request;
}

std::string SandboxTest::unique_order_id(const std::string& prefix) {
  static std::atomic<int> counter{0};
  const auto now = std::chrono::system_clock::now().time_since_epoch().count();
  return prefix + "-" + std::to_string(now) + "-" + std::to_string(++counter);
}

}  // namespace yuno::integration
