// yuno-sandbox's WebhookDispatcher against a loopback receiver (127.0.0.1 only): the
// envelope, the headers, the HMAC signature (recomputed here with OpenSSL), retries with the
// same event idempotency key and a counting `retry`, abandonment, stats, prompt shutdown.
// Timing is only ever checked as a lower bound (backoff) or against generous upper bounds.
#include "webhooks.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/loopback_server.hpp"

namespace {

using yuno::sandbox::WebhookDispatcher;
using yuno::sandbox::WebhookSettings;
using yuno::sandbox::WebhookStats;
using yuno::test_support::LoopbackServer;
using yuno::test_support::LoopbackServerOptions;
using yuno::test_support::ReceivedRequest;
using yuno::test_support::Reply;
using yuno::test_support::SelfSignedCert;
using namespace std::chrono_literals;

const char* const kSecret = "whsec_test_0123456789";

// The receiver's side of the signature, computed independently of the dispatcher:
// base64(HMAC-SHA256(secret, raw body)).
std::string expected_signature(const std::string& body, const std::string& secret) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &mac_length);
  EVP_ENCODE_CTX* context = EVP_ENCODE_CTX_new();
  EVP_EncodeInit(context);
  std::string out(128, '\0');
  int written = 0;
  int total = 0;
  EVP_EncodeUpdate(context, reinterpret_cast<unsigned char*>(out.data()), &written, mac,
                   static_cast<int>(mac_length));
  total += written;
  EVP_EncodeFinal(context, reinterpret_cast<unsigned char*>(out.data()) + total, &written);
  total += written;
  EVP_ENCODE_CTX_free(context);
  out.resize(static_cast<std::size_t>(total));
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

nlohmann::json payment_event(const std::string& type_event, const std::string& idempotency_key) {
  return nlohmann::json{
      {"type", "payment"},
      {"type_event", type_event},
      {"account_id", "8b2f1c3e-5d4a-4e6b-9c7d-0a1b2c3d4e5f"},
      {"version", 2},
      {"data",
       {{"payment",
         {{"id", "3f1e0f5a-4a3b-4c2d-9e8f-7a6b5c4d3e2f"},
          {"status", "SUCCEEDED"},
          {"idempotency_key", idempotency_key},
          {"amount", {{"value", 100.5}, {"currency", "USD"}}}}}}}};
}

// A receiver answering from a script: statuses[i] for the i-th request (the last one
// repeats), or a dropped connection for status 0. Records arrival times.
class Receiver {
 public:
  explicit Receiver(std::vector<int> statuses, LoopbackServerOptions options = {})
      : statuses_(std::move(statuses)),
        server_([this](const ReceivedRequest& request) { return answer(request); },
                std::move(options)) {}

  std::string url(const std::string& path = "/webhooks/yuno") const { return server_.url(path); }
  std::vector<ReceivedRequest> requests() const { return server_.requests(); }
  std::vector<std::chrono::steady_clock::time_point> arrivals() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return arrivals_;
  }

 private:
  Reply answer(const ReceivedRequest&) {
    int status = 200;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      arrivals_.push_back(std::chrono::steady_clock::now());
      const std::size_t i = std::min(served_++, statuses_.size() - 1);
      status = statuses_[i];
    }
    if (status == 0) return Reply::close_connection();
    return Reply::respond(status, "{}", {{"Content-Type", "application/json"}});
  }

  std::vector<int> statuses_;
  mutable std::mutex mutex_;
  std::size_t served_ = 0;
  std::vector<std::chrono::steady_clock::time_point> arrivals_;
  LoopbackServer server_;  // last: stopped before the members its handler uses go away
};

WebhookSettings settings_for(const Receiver& receiver) {
  WebhookSettings settings;
  settings.url = receiver.url();
  settings.secret = kSecret;
  settings.api_key = "merchant-webhook-api-key";
  settings.x_secret = "merchant-webhook-x-secret";
  settings.initial_backoff = 5ms;
  settings.max_attempts = 4;
  settings.timeout = 10s;
  return settings;
}

TEST(WebhookSignature, IsBase64OfHmacSha256) {
  // RFC 4231, test case 2.
  EXPECT_EQ(WebhookDispatcher::sign("what do ya want for nothing?", "Jefe"),
            "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
  const std::string body = R"({"type":"payment","retry":0})";
  EXPECT_EQ(WebhookDispatcher::sign(body, kSecret), expected_signature(body, kSecret));
}

TEST(WebhookDispatcher, PostsTheCompactSignedEnvelopeWithTheMerchantHeaders) {
  Receiver receiver({200});
  WebhookDispatcher dispatcher(settings_for(receiver));
  dispatcher.publish(payment_event("payment.purchase", "evt-key-1"));
  ASSERT_TRUE(dispatcher.wait_idle(20s));

  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 1u);
  const ReceivedRequest& request = requests[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/webhooks/yuno");
  EXPECT_EQ(request.header("Content-Type").value_or(""), "application/json");
  EXPECT_EQ(request.header("x-api-key").value_or(""), "merchant-webhook-api-key");
  EXPECT_EQ(request.header("x-secret").value_or(""), "merchant-webhook-x-secret");
  const auto signature = request.header("x-hmac-signature");
  ASSERT_TRUE(signature.has_value());
  EXPECT_EQ(*signature, expected_signature(request.body, kSecret));
  EXPECT_NE(*signature, expected_signature(request.body, "another secret"));

  const auto body = nlohmann::json::parse(request.body);
  EXPECT_EQ(request.body, body.dump()) << "the body is compact JSON";
  EXPECT_EQ(body.at("type"), "payment");
  EXPECT_EQ(body.at("type_event"), "payment.purchase");
  EXPECT_EQ(body.at("account_id"), "8b2f1c3e-5d4a-4e6b-9c7d-0a1b2c3d4e5f");
  EXPECT_EQ(body.at("version"), 2);
  EXPECT_EQ(body.at("retry"), 0);
  EXPECT_EQ(body.at("data").at("payment").at("idempotency_key"), "evt-key-1");

  const WebhookStats stats = dispatcher.stats();
  EXPECT_EQ(stats.published, 1u);
  EXPECT_EQ(stats.delivered, 1u);
  EXPECT_EQ(stats.attempts, 1u);
  EXPECT_EQ(stats.abandoned, 0u);
  EXPECT_EQ(stats.pending, 0u);
}

TEST(WebhookDispatcher, WithoutSecretOrMerchantHeadersSendsNone) {
  Receiver receiver({200});
  WebhookSettings settings;
  settings.url = receiver.url("/hook?source=yuno");
  WebhookDispatcher dispatcher(settings);
  dispatcher.publish(payment_event("payment.authorize", "k"));
  ASSERT_TRUE(dispatcher.wait_idle(20s));
  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].target, "/hook?source=yuno");
  EXPECT_FALSE(requests[0].header("x-hmac-signature").has_value());
  EXPECT_FALSE(requests[0].header("x-api-key").has_value());
  EXPECT_FALSE(requests[0].header("x-secret").has_value());
}

TEST(WebhookDispatcher, RetriesANon200WithTheSameEventAndACountingRetryField) {
  Receiver receiver({500, 503, 200});
  WebhookSettings settings = settings_for(receiver);
  settings.initial_backoff = 20ms;
  settings.multiplier = 2.0;
  WebhookDispatcher dispatcher(settings);
  dispatcher.publish(payment_event("payment.capture", "evt-key-retried"));
  ASSERT_TRUE(dispatcher.wait_idle(30s));

  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 3u);
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto body = nlohmann::json::parse(requests[i].body);
    EXPECT_EQ(body.at("retry"), static_cast<int>(i));
    EXPECT_EQ(body.at("type_event"), "payment.capture");
    EXPECT_EQ(body.at("data").at("payment").at("idempotency_key"), "evt-key-retried")
        << "the same event on every retry";
    // Each attempt is signed over its own bytes (the retry field changes them).
    EXPECT_EQ(requests[i].header("x-hmac-signature").value_or(""),
              expected_signature(requests[i].body, kSecret));
  }
  // The backoff is at least initial_backoff * multiplier^n (lower bounds only).
  const auto arrivals = receiver.arrivals();
  ASSERT_EQ(arrivals.size(), 3u);
  EXPECT_GE(arrivals[1] - arrivals[0], 20ms);
  EXPECT_GE(arrivals[2] - arrivals[1], 40ms);

  const WebhookStats stats = dispatcher.stats();
  EXPECT_EQ(stats.published, 1u);
  EXPECT_EQ(stats.delivered, 1u);
  EXPECT_EQ(stats.attempts, 3u);
  EXPECT_EQ(stats.abandoned, 0u);
  EXPECT_EQ(stats.pending, 0u);
}

TEST(WebhookDispatcher, ANon200SuccessStatusIsNotADelivery) {
  Receiver receiver({204, 201, 200});
  WebhookDispatcher dispatcher(settings_for(receiver));
  dispatcher.publish(payment_event("payment.purchase", "k"));
  ASSERT_TRUE(dispatcher.wait_idle(30s));
  EXPECT_EQ(receiver.requests().size(), 3u);
  EXPECT_EQ(dispatcher.stats().delivered, 1u);
}

TEST(WebhookDispatcher, RetriesAfterANetworkError) {
  Receiver receiver({0, 200});  // the first connection is closed without an answer
  WebhookDispatcher dispatcher(settings_for(receiver));
  dispatcher.publish(payment_event("payment.refund", "evt-net"));
  ASSERT_TRUE(dispatcher.wait_idle(30s));
  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(requests[1].body).at("retry"), 1);
  EXPECT_EQ(dispatcher.stats().delivered, 1u);
  EXPECT_EQ(dispatcher.stats().attempts, 2u);
}

TEST(WebhookDispatcher, AbandonsAnEventAfterMaxAttempts) {
  Receiver receiver({500});
  WebhookSettings settings = settings_for(receiver);
  settings.max_attempts = 3;
  WebhookDispatcher dispatcher(settings);
  dispatcher.publish(payment_event("payment.cancel", "evt-abandoned"));
  ASSERT_TRUE(dispatcher.wait_idle(30s));
  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(nlohmann::json::parse(requests.back().body).at("retry"), 2);
  const WebhookStats stats = dispatcher.stats();
  EXPECT_EQ(stats.published, 1u);
  EXPECT_EQ(stats.delivered, 0u);
  EXPECT_EQ(stats.attempts, 3u);
  EXPECT_EQ(stats.abandoned, 1u);
  EXPECT_EQ(stats.pending, 0u);

  const nlohmann::json j = stats;
  EXPECT_EQ(j, (nlohmann::json{{"published", 1}, {"delivered", 0}, {"attempts", 3},
                               {"abandoned", 1}, {"pending", 0}}));
}

TEST(WebhookDispatcher, AbandonsWhenNobodyListens) {
  WebhookSettings settings;
  settings.url = "http://127.0.0.1:" + std::to_string(yuno::test_support::unused_loopback_port()) +
                 "/hook";
  settings.max_attempts = 2;
  settings.initial_backoff = 1ms;
  WebhookDispatcher dispatcher(settings);
  dispatcher.publish(payment_event("payment.purchase", "k"));
  ASSERT_TRUE(dispatcher.wait_idle(30s));
  EXPECT_EQ(dispatcher.stats().attempts, 2u);
  EXPECT_EQ(dispatcher.stats().abandoned, 1u);
}

TEST(WebhookDispatcher, DeliversEventsInPublishOrder) {
  Receiver receiver({200});
  WebhookDispatcher dispatcher(settings_for(receiver));
  for (int i = 0; i < 5; ++i) {
    dispatcher.publish(payment_event("payment.purchase", "evt-" + std::to_string(i)));
  }
  ASSERT_TRUE(dispatcher.wait_idle(30s));
  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(nlohmann::json::parse(requests[static_cast<std::size_t>(i)].body)
                  .at("data").at("payment").at("idempotency_key"),
              "evt-" + std::to_string(i));
  }
  EXPECT_EQ(dispatcher.stats().published, 5u);
  EXPECT_EQ(dispatcher.stats().delivered, 5u);
}

TEST(WebhookDispatcher, WithoutAUrlPublishIsIgnored) {
  WebhookDispatcher dispatcher;
  dispatcher.publish(payment_event("payment.purchase", "k"));
  EXPECT_TRUE(dispatcher.wait_idle(1s));
  EXPECT_EQ(dispatcher.stats().published, 0u);
  EXPECT_EQ(dispatcher.stats().attempts, 0u);
}

TEST(WebhookDispatcher, ConfigureSwitchesTheDestination) {
  Receiver first({200});
  Receiver second({200});
  WebhookDispatcher dispatcher(settings_for(first));
  dispatcher.publish(payment_event("payment.purchase", "one"));
  ASSERT_TRUE(dispatcher.wait_idle(20s));
  dispatcher.configure(settings_for(second));
  EXPECT_EQ(dispatcher.settings().url, second.url());
  dispatcher.publish(payment_event("payment.purchase", "two"));
  ASSERT_TRUE(dispatcher.wait_idle(20s));
  EXPECT_EQ(first.requests().size(), 1u);
  ASSERT_EQ(second.requests().size(), 1u);
}

TEST(WebhookDispatcher, RejectsInvalidSettings) {
  WebhookSettings settings;
  settings.url = "ftp://127.0.0.1/hook";
  EXPECT_THROW(WebhookDispatcher{settings}, std::invalid_argument);
  settings.url = "127.0.0.1:8080/hook";
  EXPECT_THROW(WebhookDispatcher{settings}, std::invalid_argument);
  settings.url = "http:///hook";
  EXPECT_THROW(WebhookDispatcher{settings}, std::invalid_argument);
  settings.url = "http://127.0.0.1:8080/hook";
  settings.max_attempts = 0;
  EXPECT_THROW(WebhookDispatcher{settings}, std::invalid_argument);
  WebhookDispatcher dispatcher;
  EXPECT_THROW(dispatcher.configure(settings), std::invalid_argument);
}

TEST(WebhookDispatcher, DeliversOverHttpsToATrustedReceiver) {
  const SelfSignedCert cert = SelfSignedCert::generate();
  LoopbackServerOptions options;
  options.tls = cert.identity();
  Receiver receiver({200}, options);
  // The dispatcher trusts OpenSSL's default CA locations, which SSL_CERT_FILE overrides.
  ::setenv("SSL_CERT_FILE", cert.cert_path().c_str(), 1);
  {
    WebhookSettings settings = settings_for(receiver);
    ASSERT_EQ(settings.url.rfind("https://", 0), 0u);
    WebhookDispatcher dispatcher(settings);
    dispatcher.publish(payment_event("payment.purchase", "tls"));
    EXPECT_TRUE(dispatcher.wait_idle(30s));
    EXPECT_EQ(dispatcher.stats().delivered, 1u);
  }
  ::unsetenv("SSL_CERT_FILE");
  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].header("x-hmac-signature").value_or(""),
            expected_signature(requests[0].body, kSecret));
}

TEST(WebhookDispatcher, DoesNotTrustAnUnknownCertificate) {
  const SelfSignedCert cert = SelfSignedCert::generate();
  LoopbackServerOptions options;
  options.tls = cert.identity();
  Receiver receiver({200}, options);
  WebhookSettings settings = settings_for(receiver);
  settings.max_attempts = 2;
  WebhookDispatcher dispatcher(settings);
  dispatcher.publish(payment_event("payment.purchase", "tls"));
  ASSERT_TRUE(dispatcher.wait_idle(30s));
  EXPECT_EQ(dispatcher.stats().delivered, 0u);
  EXPECT_EQ(dispatcher.stats().abandoned, 1u);
  EXPECT_TRUE(receiver.requests().empty());
}

TEST(WebhookDispatcher, DestructorStopsPromptlyWhileARetryWaits) {
  Receiver receiver({500});
  WebhookSettings settings = settings_for(receiver);
  settings.initial_backoff = 1h;  // the retry would be an hour away
  auto dispatcher = std::make_unique<WebhookDispatcher>(settings);
  dispatcher->publish(payment_event("payment.purchase", "k"));
  // Wait (bounded) for the first attempt, then destroy while the retry is scheduled.
  for (int i = 0; i < 2000 && dispatcher->stats().attempts == 0; ++i) {
    std::this_thread::sleep_for(5ms);
  }
  ASSERT_EQ(dispatcher->stats().attempts, 1u);
  EXPECT_FALSE(dispatcher->wait_idle(1ms));
  const auto start = std::chrono::steady_clock::now();
  dispatcher.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);  // an hour if it slept
}

TEST(WebhookDispatcher, DestructorInterruptsADeliveryUnderWay) {
  std::atomic<int> received{0};
  LoopbackServer silent([&](const ReceivedRequest&) {
    ++received;
    return Reply::never_answer();
  });
  WebhookSettings settings;
  settings.url = silent.url("/hook");
  settings.timeout = 120s;
  auto dispatcher = std::make_unique<WebhookDispatcher>(settings);
  dispatcher->publish(payment_event("payment.purchase", "k"));
  for (int i = 0; i < 2000 && received == 0; ++i) std::this_thread::sleep_for(5ms);
  ASSERT_EQ(received, 1);
  const auto start = std::chrono::steady_clock::now();
  dispatcher.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 30s);  // 120 s if it waited it out
  silent.stop();
}

}  // namespace
