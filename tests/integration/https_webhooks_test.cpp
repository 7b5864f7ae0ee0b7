// yuno-sandbox over HTTPS with a self-signed certificate, and its webhooks received by a
// loopback receiver that verifies x-hmac-signature (recomputed here with OpenSSL), then by
// one built on the SDK (yuno::webhooks::construct_event and InMemoryDeduplicator), for
// payment and enrollment events, redeliveries included.
#include <gtest/gtest.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "sandbox_test.hpp"
#include "support/loopback_server.hpp"

namespace yuno::integration {
namespace {

using yuno::test_support::LoopbackServer;
using yuno::test_support::ReceivedRequest;
using yuno::test_support::Reply;
using yuno::test_support::SelfSignedCert;
using namespace std::chrono_literals;

const char* const kVisaOk = "4507990000000002";
const char* const kWebhookSecret = "whsec_integration_7f3a9c";

// ------------------------------------------------------------------------------------
// HTTPS
// ------------------------------------------------------------------------------------

class HttpsTest : public SandboxTest {
 protected:
  void SetUp() override {
    cert_ = std::make_unique<SelfSignedCert>(SelfSignedCert::generate());
    sandbox_ = std::make_unique<SandboxProcess>(std::vector<std::string>{
        "--tls-cert", cert_->cert_path().string(), "--tls-key", cert_->key_path().string()});
    ASSERT_EQ(sandbox_->base_url().rfind("https://127.0.0.1:", 0), 0u) << sandbox_->base_url();
    control_ = std::make_unique<SandboxControl>(sandbox_->base_url(), cert_->cert_path().string());
  }
  std::unique_ptr<SelfSignedCert> cert_;
};

TEST_F(HttpsTest, TheSdkTrustingTheCaCompletesAPayment) {
  yuno::ClientOptions options = client_options(sandbox().base_url());
  options.ca_bundle_path = cert_->cert_path().string();
  client_ = std::make_unique<yuno::YunoClient>(options);
  make_customer_and_session();
  const yuno::Payment payment = client().payments().create(
      card_payment(unique_order_id("tls"), kVisaOk, "11.00", /*capture=*/true));
  EXPECT_EQ(payment.status, yuno::PaymentStatus::kSucceeded);
  EXPECT_EQ(client().payments().retrieve(payment.id).id, payment.id);
  EXPECT_EQ(control().stats().at("payments"), 1);
}

TEST_F(HttpsTest, WithoutTheCaTheSdkFailsVerificationAndDoesNotRetry) {
  yuno::ClientOptions options = client_options(sandbox().base_url());
  options.max_retries = 4;
  int attempts = 0;
  options.observer = [&](const yuno::AttemptEvent& event) {
    if (event.phase == yuno::AttemptEvent::Phase::kStarted) ++attempts;
  };
  const yuno::YunoClient untrusting(options);
  yuno::CreateCustomerRequest customer;
  customer.merchant_customer_id = unique_order_id("tls-untrusted");
  try {
    untrusting.customers().create(customer);
    ADD_FAILURE() << "a self-signed certificate was trusted";
  } catch (const yuno::ConnectionError& e) {
    EXPECT_EQ(e.attempts(), 1);
    const std::string text = e.what();
    EXPECT_EQ(text.find(kPrivateKey), std::string::npos);
  }
  EXPECT_EQ(attempts, 1) << "a TLS verification failure is never retried";
  EXPECT_EQ(control().stats().at("customers"), 0);
}

// ------------------------------------------------------------------------------------
// Webhooks
// ------------------------------------------------------------------------------------

std::string hmac_base64(const std::string& body, const std::string& secret) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &mac_length);
  std::string out(4 * ((mac_length + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), mac,
                                static_cast<int>(mac_length));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// What a merchant's endpoint does: verify the signature over the raw bytes (constant time),
// 401 on a mismatch; answer `statuses` in turn (the last one repeats).
class WebhookReceiver {
 public:
  explicit WebhookReceiver(std::vector<int> statuses)
      : statuses_(std::move(statuses)),
        server_([this](const ReceivedRequest& request) { return answer(request); }) {}

  std::string url() const { return server_.url("/webhooks/yuno"); }
  std::vector<ReceivedRequest> requests() const { return server_.requests(); }
  int bad_signatures() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return bad_signatures_;
  }
  // Waits (bounded) until `n` requests arrived.
  bool wait_for(std::size_t n, std::chrono::seconds limit = 30s) const {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (server_.requests_received() < n) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(10ms);
    }
    return true;
  }

 private:
  Reply answer(const ReceivedRequest& request) {
    const std::string expected = hmac_base64(request.body, kWebhookSecret);
    const std::string got = request.header("x-hmac-signature").value_or("");
    std::lock_guard<std::mutex> lock(mutex_);
    if (got.size() != expected.size() ||
        CRYPTO_memcmp(got.data(), expected.data(), expected.size()) != 0) {
      ++bad_signatures_;
      return Reply::respond(401);
    }
    const int status = statuses_[std::min(served_++, statuses_.size() - 1)];
    return Reply::respond(status, "{}");
  }

  std::vector<int> statuses_;
  mutable std::mutex mutex_;
  std::size_t served_ = 0;
  int bad_signatures_ = 0;
  LoopbackServer server_;  // last: stops before the members its handler uses go away
};

class WebhooksTest : public SandboxTest {};

TEST_F(WebhooksTest, APaymentIsDeliveredSignedInYunosEnvelope) {
  WebhookReceiver receiver({200});
  start({"--webhook-url", receiver.url(), "--webhook-secret", kWebhookSecret,
         "--webhook-api-key", "merchant-hook-key", "--webhook-x-secret", "merchant-hook-secret"});
  make_customer_and_session();
  const yuno::Payment payment = client().payments().create(
      card_payment(unique_order_id("webhook"), kVisaOk, "21.00", /*capture=*/true));

  ASSERT_TRUE(receiver.wait_for(1)) << "no webhook arrived";
  const auto requests = receiver.requests();
  const ReceivedRequest& request = requests.front();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/webhooks/yuno");
  EXPECT_EQ(request.header("content-type").value_or(""), "application/json");
  EXPECT_EQ(request.header("x-api-key").value_or(""), "merchant-hook-key");
  EXPECT_EQ(request.header("x-secret").value_or(""), "merchant-hook-secret");
  EXPECT_EQ(request.header("x-hmac-signature").value_or(""),
            hmac_base64(request.body, kWebhookSecret));
  EXPECT_EQ(receiver.bad_signatures(), 0);

  const auto envelope = nlohmann::json::parse(request.body);
  EXPECT_EQ(envelope.at("type"), "payment");
  EXPECT_EQ(envelope.at("type_event"), "payment.purchase");
  EXPECT_EQ(envelope.at("account_id"), kAccountId);
  EXPECT_EQ(envelope.at("retry"), 0);
  EXPECT_EQ(envelope.at("version"), 2);
  const auto& data_payment = envelope.at("data").at("payment");
  EXPECT_EQ(data_payment.at("id"), payment.id);
  EXPECT_EQ(data_payment.at("status"), "SUCCEEDED");
  EXPECT_TRUE(data_payment.contains("idempotency_key"));
  // The card number is never in the event.
  EXPECT_EQ(request.body.find(kVisaOk), std::string::npos);
}

TEST_F(WebhooksTest, EachActionSendsItsEvent) {
  WebhookReceiver receiver({200});
  start({"--webhook-url", receiver.url(), "--webhook-secret", kWebhookSecret});
  make_customer_and_session();
  const yuno::Payment authorized = client().payments().create(
      card_payment(unique_order_id("webhook-actions"), kVisaOk, "30.00", /*capture=*/false));
  yuno::CaptureRequest capture;
  capture.merchant_reference = "cap";
  capture.amount = yuno::Amount(dec("30.00"), "USD");
  client().payments().capture(authorized, capture);
  yuno::RefundRequest refund;
  refund.merchant_reference = "ref";
  refund.amount = yuno::Amount(dec("5.00"), "USD");
  client().payments().refund(client().payments().retrieve(authorized.id), refund);
  const yuno::Payment second = client().payments().create(
      card_payment(unique_order_id("webhook-cancel"), kVisaOk, "8.00", /*capture=*/false));
  yuno::CancelRequest cancel;
  cancel.merchant_reference = "can";
  client().payments().cancel(second, cancel);

  ASSERT_TRUE(receiver.wait_for(5)) << receiver.requests().size() << " webhooks arrived";
  std::vector<std::string> events;
  for (const auto& request : receiver.requests()) {
    events.push_back(nlohmann::json::parse(request.body).at("type_event").get<std::string>());
  }
  const std::vector<std::string> expected{"payment.authorize", "payment.capture", "payment.refund",
                                          "payment.authorize", "payment.cancel"};
  EXPECT_EQ(events, expected);
  EXPECT_EQ(receiver.bad_signatures(), 0);
}

TEST_F(WebhooksTest, ANon200IsRetriedWithTheSameEventAndACountingRetry) {
  WebhookReceiver receiver({500, 503, 200});
  start({"--webhook-url", receiver.url(), "--webhook-secret", kWebhookSecret,
         "--webhook-initial-backoff-ms", "10", "--webhook-max-attempts", "5"});
  make_customer_and_session();
  client().payments().create(
      card_payment(unique_order_id("webhook-retry"), kVisaOk, "9.00", /*capture=*/true));

  ASSERT_TRUE(receiver.wait_for(3));
  const auto requests = receiver.requests();
  ASSERT_GE(requests.size(), 3u);
  std::string key;
  for (std::size_t i = 0; i < 3; ++i) {
    const auto envelope = nlohmann::json::parse(requests[i].body);
    EXPECT_EQ(envelope.at("retry"), static_cast<int>(i));
    const std::string this_key =
        envelope.at("data").at("payment").at("idempotency_key").get<std::string>();
    if (i == 0) key = this_key;
    EXPECT_EQ(this_key, key) << "the same event idempotency key on every retry";
  }
  EXPECT_EQ(receiver.bad_signatures(), 0);
  // The sandbox reports the delivery.
  nlohmann::json webhooks;
  for (int i = 0; i < 300; ++i) {
    webhooks = control().stats().at("webhooks");
    if (webhooks.value("delivered", 0) >= 1) break;
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(webhooks.value("delivered", 0), 1) << webhooks.dump();
  EXPECT_EQ(webhooks.value("attempts", 0), 3) << webhooks.dump();
}

// ------------------------------------------------------------------------------------
// Webhooks received with the SDK: construct_event (headers overload) + InMemoryDeduplicator
// ------------------------------------------------------------------------------------

const char* const kHookApiKey = "merchant-hook-key";
const char* const kHookXSecret = "merchant-hook-secret";

// A merchant's endpoint written with the SDK: construct_event checks x-api-key, x-secret
// and x-hmac-signature (401 when one fails); an event seen before (by dedup_key()) is
// dropped with a 200; a new one is handled, then answered `statuses` in turn (the last one
// repeats): a non-200 after handling is what makes Yuno send the event again.
class SdkWebhookReceiver {
 public:
  SdkWebhookReceiver(std::vector<int> statuses, std::string hmac_secret)
      : statuses_(std::move(statuses)),
        secrets_{std::move(hmac_secret), std::string(kHookApiKey), std::string(kHookXSecret)},
        server_([this](const ReceivedRequest& request) { return answer(request); }) {}

  std::string url() const { return server_.url("/webhooks/yuno"); }
  std::vector<yuno::WebhookEvent> handled() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return handled_;
  }
  std::vector<std::string> duplicate_keys() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return duplicate_keys_;
  }
  int rejected() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return rejected_;
  }
  std::size_t requests() const { return server_.requests_received(); }

  // Waits (bounded) until `done()` holds.
  template <typename Done>
  bool wait_until(Done done, std::chrono::seconds limit = 30s) const {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(10ms);
    }
    return true;
  }

 private:
  Reply answer(const ReceivedRequest& request) {
    std::map<std::string, std::string> headers;
    for (const auto& [name, value] : request.headers) headers.emplace(name, value);
    yuno::WebhookEvent event;
    try {
      event = yuno::webhooks::construct_event(request.body, headers, secrets_);
    } catch (const yuno::SignatureVerificationError&) {
      std::lock_guard<std::mutex> lock(mutex_);
      ++rejected_;
      return Reply::respond(401);
    }
    const std::string key = event.dedup_key();
    std::lock_guard<std::mutex> lock(mutex_);
    if (!dedup_.first_time(key)) {
      duplicate_keys_.push_back(key);
      return Reply::respond(200, "{}");  // handled before: only acknowledge
    }
    handled_.push_back(std::move(event));
    const int status = statuses_[std::min(served_++, statuses_.size() - 1)];
    return Reply::respond(status, "{}");
  }

  std::vector<int> statuses_;
  yuno::webhooks::WebhookSecrets secrets_;
  yuno::webhooks::InMemoryDeduplicator dedup_;
  mutable std::mutex mutex_;
  std::size_t served_ = 0;
  std::vector<yuno::WebhookEvent> handled_;
  std::vector<std::string> duplicate_keys_;
  int rejected_ = 0;
  LoopbackServer server_;  // last: stops before the members its handler uses go away
};

yuno::EnrollPaymentMethodRequest card_enrollment(const char* number) {
  yuno::EnrollPaymentMethodRequest request;
  request.country = "US";
  request.type = "CARD";
  request.workflow = yuno::PaymentWorkflow::kDirect;
  request.card_data = yuno::CardData{};
  request.card_data->number = number;
  request.card_data->expiration_month = 11;
  request.card_data->expiration_year = 2028;
  request.card_data->security_code = "123";
  request.card_data->holder_name = "JOHN DOE";
  return request;
}

std::vector<std::string> sandbox_args(const std::string& url, const std::string& secret) {
  return {"--webhook-url",     url,          "--webhook-secret",   secret,
          "--webhook-api-key", kHookApiKey,  "--webhook-x-secret", kHookXSecret,
          "--webhook-initial-backoff-ms", "10", "--webhook-max-attempts", "4"};
}

TEST_F(WebhooksTest, ASdkReceiverVerifiesPaymentAndEnrollmentEvents) {
  SdkWebhookReceiver receiver({200}, kWebhookSecret);
  start(sandbox_args(receiver.url(), kWebhookSecret));
  make_customer_and_session();

  // A payment flow: authorize, capture, refund.
  const yuno::Payment authorized = client().payments().create(
      card_payment(unique_order_id("sdk-hook"), kVisaOk, "40.00", /*capture=*/false));
  yuno::CaptureRequest capture;
  capture.merchant_reference = "sdk-hook-capture";
  client().payments().capture(authorized, capture);
  yuno::RefundRequest refund;
  refund.merchant_reference = "sdk-hook-refund";
  refund.amount = yuno::Amount(dec("15.00"), "USD");
  client().payments().refund(client().payments().retrieve(authorized.id), refund);
  // An enrollment, then its unenrollment.
  const yuno::PaymentMethod method =
      client().payment_methods().enroll(customer_id(), card_enrollment(kVisaOk));
  ASSERT_TRUE(method.vaulted_token.has_value());
  client().payment_methods().unenroll(customer_id(), *method.vaulted_token);

  ASSERT_TRUE(receiver.wait_until([&] { return receiver.handled().size() >= 5; }))
      << receiver.handled().size() << " events handled";
  const auto events = receiver.handled();
  std::vector<std::string> types;
  std::set<std::string> keys;
  for (const auto& event : events) {
    types.push_back(event.type_event);
    keys.insert(event.dedup_key());
    EXPECT_EQ(event.account_id.value_or(""), kAccountId);
    EXPECT_EQ(event.version.value_or(0), 2);
    EXPECT_EQ(event.retry.value_or(-1), 0);
  }
  const std::vector<std::string> expected{"payment.authorize", "payment.capture", "payment.refund",
                                          "enrollment.enroll", "enrollment.unenroll"};
  EXPECT_EQ(types, expected);
  EXPECT_EQ(keys.size(), events.size()) << "every event has its own dedup key";
  EXPECT_EQ(receiver.rejected(), 0) << "every delivery verified";
  EXPECT_TRUE(receiver.duplicate_keys().empty());

  for (std::size_t i = 0; i < 3; ++i) {
    const std::optional<yuno::Payment> payment = events[i].payment();
    ASSERT_TRUE(payment.has_value()) << events[i].type_event;
    EXPECT_EQ(payment->id, authorized.id);
  }
  EXPECT_EQ(events[2].payment()->sub_status, yuno::PaymentSubStatus::kPartiallyRefunded);
  for (std::size_t i = 3; i < 5; ++i) {
    EXPECT_EQ(events[i].type, "enrollment");
    const std::optional<yuno::Json> enrolled = events[i].enrollment();
    ASSERT_TRUE(enrolled.has_value()) << events[i].type_event;
    EXPECT_EQ(enrolled->value().at("vaulted_token"), *method.vaulted_token);
    EXPECT_EQ(enrolled->value().at("status"), i == 3 ? "ENROLLED" : "UNENROLLED");
    EXPECT_EQ(enrolled->value().dump().find(kVisaOk), std::string::npos) << "no card number";
  }
}

TEST_F(WebhooksTest, ARedeliveryAfterANon200IsDroppedAsADuplicate) {
  // The first event is handled but answered 500 (say the receiver crashed before its 200):
  // Yuno sends it again, and the deduplicator recognises it.
  SdkWebhookReceiver receiver({500, 200}, kWebhookSecret);
  start(sandbox_args(receiver.url(), kWebhookSecret));
  make_customer_and_session();
  client().payments().create(
      card_payment(unique_order_id("sdk-hook-dup"), kVisaOk, "12.00", /*capture=*/true));
  ASSERT_TRUE(receiver.wait_until([&] { return !receiver.duplicate_keys().empty(); }))
      << "the payment event was not redelivered";
  client().payment_methods().enroll(customer_id(), card_enrollment(kVisaOk));
  ASSERT_TRUE(receiver.wait_until([&] { return receiver.handled().size() >= 2; }));

  const auto events = receiver.handled();
  ASSERT_EQ(events.size(), 2u) << "the redelivery was handled again";
  EXPECT_EQ(events[0].type_event, "payment.purchase");
  EXPECT_EQ(events[1].type_event, "enrollment.enroll");
  const auto duplicates = receiver.duplicate_keys();
  ASSERT_EQ(duplicates.size(), 1u);
  EXPECT_EQ(duplicates[0], events[0].dedup_key());
  EXPECT_EQ(receiver.rejected(), 0);

  // The sandbox saw the redelivery acknowledged: both events delivered, three attempts.
  nlohmann::json webhooks;
  ASSERT_TRUE(receiver.wait_until([&] {
    webhooks = control().stats().at("webhooks");
    return webhooks.value("delivered", 0) >= 2 && webhooks.value("pending", 1) == 0;
  })) << webhooks.dump();
  EXPECT_EQ(webhooks.value("attempts", 0), 3) << webhooks.dump();
  EXPECT_EQ(receiver.requests(), 3u);
}

TEST_F(WebhooksTest, ASdkReceiverWithTheWrongSecretRejectsEveryDelivery) {
  SdkWebhookReceiver receiver({200}, "whsec_not_the_sandbox_secret");
  start(sandbox_args(receiver.url(), kWebhookSecret));
  make_customer_and_session();
  client().payment_methods().enroll(customer_id(), card_enrollment(kVisaOk));
  // Every attempt (4) is refused; nothing is handled.
  ASSERT_TRUE(receiver.wait_until([&] { return receiver.rejected() >= 4; }))
      << receiver.rejected() << " rejections";
  EXPECT_TRUE(receiver.handled().empty());
  nlohmann::json webhooks;
  ASSERT_TRUE(receiver.wait_until([&] {
    webhooks = control().stats().at("webhooks");
    return webhooks.value("abandoned", 0) >= 1;
  })) << webhooks.dump();
}

}  // namespace
}  // namespace yuno::integration
