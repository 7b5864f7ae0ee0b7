// Redaction: the demo flow (the calls of examples/checkout_flow.cpp), every Testing Gateway
// card, a card enrollment, webhook management with its credentials, webhook signature
// failures, and a run under injected faults, all against yuno-sandbox with the most verbose
// logging and body logging on. Everything the logger printed and every exception carried
// (what(), messages, raw bodies) is captured, then searched: the private secret key, the
// public key beyond its prefix, webhook secrets, every test card number and the CVVs never
// appear. Failure messages name what leaked, never the captured text.
#include <gtest/gtest.h>

#include <mutex>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include <yuno/yuno.hpp>

#include "../integration/sandbox_process.hpp"

namespace yuno::security {
namespace {

using integration::kPrivateKey;
using integration::kPublicKey;
using integration::SandboxProcess;

// Webhook credentials the tests configure (none is a key the sandbox knows).
constexpr const char* kHmacSecret = "whsec_redaction_hmac_5f2c9e";
constexpr const char* kWebhookApiKey = "whkey_redaction_api_81d0aa";
constexpr const char* kWebhookXSecret = "whxsec_redaction_x_3b7e41";
constexpr const char* kOauthSecret = "whoauth_redaction_client_c4d2f9";
constexpr const char* kRotatedSecret = "whsec_redaction_rotated_0e6b13";

// The primer's Testing Gateway: brand prefix + outcome suffix; CVV 123, Amex 1234.
std::vector<std::string> all_test_cards() {
  std::vector<std::string> cards;
  for (const char* prefix :
       {"4507990000000", "5252440000000", "370000000000", "3647166000000", "1139000000000"}) {
    for (const char* suffix : {"002", "010", "028", "036", "044", "051", "069", "077"}) {
      cards.push_back(std::string(prefix) + suffix);
    }
  }
  return cards;
}
std::string cvv_for(const std::string& card) { return card.rfind("37", 0) == 0 ? "1234" : "123"; }

// Everything the SDK let out: log lines and exception contents.
class Capture {
 public:
  Logger logger() {
    return [this](LogLevel level, std::string_view message) {
      std::lock_guard<std::mutex> lock(mutex_);
      text_ += std::string(to_string(level)) + " " + std::string(message) + "\n";
      ++lines_;
    };
  }
  void error(const std::exception& e) {
    std::lock_guard<std::mutex> lock(mutex_);
    text_ += std::string("exception ") + e.what() + "\n";
    if (const auto* api = dynamic_cast<const ApiError*>(&e)) {
      text_ += "code " + api->code() + " body " + api->raw_body() + "\n";
      for (const auto& message : api->messages()) text_ += "message " + message + "\n";
    }
    if (const auto* parse = dynamic_cast<const ResponseParseError*>(&e)) {
      text_ += "body " + parse->raw_body() + "\n";
    }
    ++errors_;
  }
  void add(const std::string& text) {
    std::lock_guard<std::mutex> lock(mutex_);
    text_ += text + "\n";
  }
  // Runs `call`, capturing what it throws.
  template <typename Call>
  void run(Call call) {
    try {
      call();
    } catch (const std::exception& e) {
      error(e);
    }
  }
  std::string text() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return text_;
  }
  int lines() const { return lines_; }
  int errors() const { return errors_; }

 private:
  mutable std::mutex mutex_;
  std::string text_;
  int lines_ = 0;
  int errors_ = 0;
};

ClientOptions verbose_options(const std::string& base_url, Capture& capture) {
  ClientOptions options = integration::client_options(base_url);
  options.logger = capture.logger();
  options.log_level = LogLevel::kDebug;
  options.log_bodies = true;
  return options;
}

// The assertions. Prints which secret leaked, never the text.
void expect_nothing_sensitive(const std::string& text) {
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.find(kPrivateKey), std::string::npos) << "the private secret key leaked";
  const std::string public_key = kPublicKey;
  EXPECT_EQ(text.find(public_key.substr(8)), std::string::npos)
      << "the public key leaked beyond its 8-character prefix";
  for (const char* secret :
       {kHmacSecret, kWebhookApiKey, kWebhookXSecret, kOauthSecret, kRotatedSecret}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << "a webhook secret leaked";
  }
  for (const std::string& card : all_test_cards()) {
    EXPECT_EQ(text.find(card), std::string::npos) << "card ****" << card.substr(card.size() - 4)
                                                  << " leaked";
  }
  // CVVs: any value of a CVV field that is not the mask, and the test CVVs as JSON values.
  static const std::regex kCvvField(
      R"re("(security_code|cvv|cvv2|cvc|card_pin)"\s*:\s*(?!"\[REDACTED\]"|null))re",
      std::regex::icase);
  EXPECT_FALSE(std::regex_search(text, kCvvField)) << "a CVV field was logged unmasked";
  for (const char* cvv : {R"(:"123")", R"(:"1234")", R"(: "123")", R"(: "1234")"}) {
    EXPECT_EQ(text.find(cvv), std::string::npos) << "a CVV value leaked";
  }
}

yuno::CreatePaymentRequest card_payment(const std::string& order_id, const std::string& card,
                                        const std::string& session, const std::string& customer,
                                        bool capture) {
  yuno::CreatePaymentRequest request;
  request.description = "redaction test";
  request.country = "US";
  request.merchant_order_id = order_id;
  request.amount = yuno::Amount(yuno::Decimal::parse("10.00"), "USD");
  request.workflow = yuno::PaymentWorkflow::kDirect;
  request.checkout = yuno::PaymentCheckout{};
  request.checkout->session = session;
  request.customer_payer = yuno::CustomerPayer{};
  request.customer_payer->id = customer;
  yuno::CardData data;
  data.number = card;
  data.expiration_month = 11;
  data.expiration_year = 2028;
  data.security_code = cvv_for(card);
  data.holder_name = "JOHN DOE";
  yuno::CardDetail detail;
  detail.capture = capture;
  detail.card_data = data;
  request.payment_method = yuno::PaymentMethod{};
  request.payment_method->type = "CARD";
  request.payment_method->detail = yuno::PaymentMethodDetail{};
  request.payment_method->detail->card = detail;
  return request;
}

struct Fixtures {
  std::string customer;
  std::string session;
};

Fixtures make_customer_and_session(const YunoClient& client, const std::string& tag) {
  yuno::CreateCustomerRequest customer;
  customer.merchant_customer_id = "redaction-customer-" + tag;
  customer.first_name = "John";
  customer.last_name = "Doe";
  customer.email = "john.doe@example.com";
  customer.country = "US";
  Fixtures setup;
  setup.customer = client.customers().create(customer).id;
  yuno::CreateCheckoutSessionRequest session;
  session.merchant_order_id = "redaction-order-" + tag;
  session.payment_description = "redaction test";
  session.country = "US";
  session.customer_id = setup.customer;
  session.amount = yuno::CheckoutAmount{};
  session.amount->currency = "USD";
  session.amount->value = yuno::Decimal::parse("100.00");
  setup.session = client.checkout_sessions().create(session).id;
  return setup;
}

// The calls of examples/checkout_flow.cpp, errors captured instead of stopping the flow.
void demo_flow(const YunoClient& client, Capture& capture, const std::string& tag) {
  capture.run([&] {
    const Fixtures setup = make_customer_and_session(client, tag);
    capture.run([&] { client.checkout_sessions().payment_methods(setup.session); });
    const yuno::Payment authorized = client.payments().create(
        card_payment("demo-" + tag, "4507990000000002", setup.session, setup.customer, false));
    capture.run([&] {
      yuno::CaptureRequest partial;
      partial.merchant_reference = "capture-" + tag;
      partial.amount = yuno::Amount(yuno::Decimal::parse("6.00"), "USD");
      client.payments().capture(authorized, partial);
      const yuno::Payment captured = client.payments().retrieve(authorized.id);
      yuno::RefundRequest refund;
      refund.merchant_reference = "refund-" + tag;
      refund.amount = yuno::Amount(yuno::Decimal::parse("1.00"), "USD");
      client.payments().refund(captured, refund);
    });
    capture.run([&] {
      const yuno::Payment second = client.payments().create(card_payment(
          "demo-" + tag + "-2", "5252440000000002", setup.session, setup.customer, false));
      yuno::CancelRequest cancel;
      cancel.merchant_reference = "cancel-" + tag;
      client.payments().cancel(second, cancel);
      client.payments().retrieve(second.id);
    });
  });
}

TEST(Redaction, DemoFlowEveryTestCardEnrollmentAndWebhooks) {
  SandboxProcess sandbox;
  Capture capture;
  const YunoClient client(verbose_options(sandbox.base_url(), capture));
  demo_flow(client, capture, "clean");

  // Every test card, authorized or purchased: declines and errors included.
  Fixtures setup;
  capture.run([&] { setup = make_customer_and_session(client, "cards"); });
  int n = 0;
  for (const std::string& card : all_test_cards()) {
    capture.run([&] {
      client.payments().create(card_payment("card-" + std::to_string(n), card, setup.session,
                                            setup.customer, n % 2 == 0));
    });
    ++n;
  }
  // A rejected card request (bad expiry): the error body and message are captured too.
  capture.run([&] {
    auto request = card_payment("bad-expiry", "4507990000000010", setup.session, setup.customer,
                                true);
    request.payment_method->detail->card->card_data->expiration_month = 13;
    client.payments().create(request);
  });

  // Direct enrollment with the raw card, and the SDK's own safe-for-logs printing.
  capture.run([&] {
    yuno::EnrollPaymentMethodRequest enroll;
    enroll.country = "US";
    enroll.type = "CARD";
    yuno::CardData card;
    card.number = "5252440000000036";
    card.expiration_month = 11;
    card.expiration_year = 2028;
    card.security_code = "123";
    card.holder_name = "JOHN DOE";
    enroll.card_data = card;
    capture.add(enroll.to_string());
    capture.add(card.to_string());
    client.payment_methods().enroll(setup.customer, enroll);
  });

  // Webhook management: credentials in requests (create, update) and masked in responses.
  capture.run([&] {
    yuno::CreateWebhookRequest webhook;
    webhook.name = "redaction listener";
    webhook.url = "http://127.0.0.1:9/webhooks";
    webhook.api_key = kWebhookApiKey;
    webhook.secret = kWebhookXSecret;
    webhook.hmac_client_secret = kHmacSecret;
    webhook.oauth2_authentication_url = "https://auth.example.com/token";
    webhook.oauth2_client_id = "client-1";
    webhook.oauth2_client_secret = kOauthSecret;
    webhook.oauth2_grant_type = "client_credentials";
    webhook.payment_triggers = {yuno::WebhookPaymentTrigger::kAuthorize};
    const auto created = client.webhooks().create(webhook);
    client.webhooks().retrieve(created.id);
    client.webhooks().list();
    yuno::UpdateWebhookRequest update;
    update.hmac_client_secret = kRotatedSecret;
    client.webhooks().update(created.id, update);
    client.webhooks().create(webhook);  // 409: the same name again
  });

  // Webhook signature failures: the secrets never reach the exception.
  const std::string body = R"({"type":"payment","type_event":"payment.purchase","data":{}})";
  capture.run([&] { webhooks::construct_event(body, webhooks::sign(body, kRotatedSecret), kHmacSecret); });
  capture.run([&] { webhooks::construct_event(body, "not base64!", kHmacSecret); });
  capture.run([&] {
    webhooks::WebhookSecrets secrets;
    secrets.hmac_secret = kHmacSecret;
    secrets.api_key = kWebhookApiKey;
    secrets.x_secret = kWebhookXSecret;
    webhooks::construct_event(body,
                              {{"x-api-key", kWebhookXSecret},
                               {"x-secret", kWebhookApiKey},
                               {"x-hmac-signature", webhooks::sign(body, kHmacSecret)}},
                              secrets);
  });

  // The run did what it claims: bodies with cards were logged (masked), errors were thrown.
  const std::string text = capture.text();
  EXPECT_GT(capture.lines(), 100);
  EXPECT_GE(capture.errors(), 5);
  EXPECT_NE(text.find("request body"), std::string::npos);
  EXPECT_NE(text.find(R"("number":"[REDACTED]")"), std::string::npos);
  EXPECT_NE(text.find(R"("security_code":"[REDACTED]")"), std::string::npos);
  EXPECT_NE(text.find(R"("hmac_client_secret":"[REDACTED]")"), std::string::npos);
  expect_nothing_sensitive(text);
}

TEST(Redaction, FaultsRetriesAndFailuresLeakNothing) {
  // A third of the requests fail in every way the sandbox can, and retries are short, so
  // calls also end in errors: their exceptions are captured with the logs.
  SandboxProcess sandbox({"--fault-seed", "11", "--fault-server-error-rate", "0.12",
                          "--fault-rate-limit-rate", "0.05", "--fault-latency-rate", "0.05",
                          "--fault-latency-ms", "10", "--fault-drop-before-rate", "0.06",
                          "--fault-drop-after-rate", "0.10", "--fault-retry-after-seconds", "1"});
  Capture capture;
  ClientOptions options = verbose_options(sandbox.base_url(), capture);
  options.max_retries = 1;
  const YunoClient client(options);
  for (int round = 0; round < 4; ++round) demo_flow(client, capture, "fault-" + std::to_string(round));

  options.max_retries = 10;
  const YunoClient patient(options);
  Fixtures setup;
  capture.run([&] { setup = make_customer_and_session(patient, "fault-cards"); });
  int n = 0;
  for (const std::string& card : all_test_cards()) {
    capture.run([&] {
      client.payments().create(card_payment("fault-card-" + std::to_string(n), card,
                                            setup.session, setup.customer, true));
    });
    ++n;
  }
  const std::string text = capture.text();
  EXPECT_GT(capture.errors(), 0);  // faults did surface as exceptions
  EXPECT_NE(text.find("retry"), std::string::npos);
  EXPECT_NE(text.find(R"("number":"[REDACTED]")"), std::string::npos);
  expect_nothing_sensitive(text);
}

}  // namespace
}  // namespace yuno::security
