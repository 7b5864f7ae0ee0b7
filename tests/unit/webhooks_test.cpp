// Webhook verification, parsing and de-duplication.
#include <chrono>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yuno/testing/fake_clock.hpp>
#include <yuno/webhooks.hpp>

namespace {

using yuno::webhooks::construct_event;
using yuno::webhooks::sign;
using yuno::webhooks::verify_signature;

const std::string kSecret = "whsec_test_secret";
const std::string kBody =
    R"({"type":"payment","type_event":"payment.purchase","account_id":"acc-1","retry":0,)"
    R"("version":2,"data":{"payment":{"id":"pay-1","status":"SUCCEEDED","sub_status":"APPROVED",)"
    R"("idempotency_key":"evt-123"}}})";
// printf '%s' "$BODY" | openssl dgst -sha256 -hmac 'whsec_test_secret' -binary | base64
const std::string kSignature = "7Jpnyg7D/TSKe//BgpCPrGiO9VHsc5qKJ6j1CokVQy8=";

TEST(WebhookSignature, KnownAnswersComputedWithOpenSslCli) {
  EXPECT_EQ(sign(kBody, kSecret), kSignature);
  // printf '%s' hello | openssl dgst -sha256 -hmac key -binary | base64
  EXPECT_EQ(sign("hello", "key"), "kwezuRXvtRcf8U2MtV+8x5jGwO8UVtZt7RpqpyOli3s=");
  // printf '' | openssl dgst -sha256 -hmac k -binary | base64
  EXPECT_EQ(sign("", "k"), "i7mQxAp9YcuXWXqUISUCW+UKyL63RDbjc1uYiTp/ZiA=");
  EXPECT_TRUE(verify_signature(kBody, kSignature, kSecret));
  EXPECT_TRUE(verify_signature(kBody, "  " + kSignature + "\r\n", kSecret));  // header whitespace
}

TEST(WebhookSignature, RejectsEveryTampering) {
  std::string tampered_body = kBody;
  tampered_body[tampered_body.find("SUCCEEDED")] = 'X';
  EXPECT_FALSE(verify_signature(tampered_body, kSignature, kSecret));
  EXPECT_FALSE(verify_signature(kBody + " ", kSignature, kSecret));  // even a trailing space

  std::string tampered_signature = kSignature;
  tampered_signature[5] = tampered_signature[5] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify_signature(kBody, tampered_signature, kSecret));
  EXPECT_FALSE(verify_signature(kBody, kSignature, "whsec_other_secret"));
  EXPECT_FALSE(verify_signature(kBody, "", kSecret));
  EXPECT_FALSE(verify_signature(kBody, "not base64!!", kSecret));
  EXPECT_FALSE(verify_signature(kBody, "7Jpnyg7D", kSecret));  // valid base64, too short
  EXPECT_FALSE(verify_signature(kBody, kSignature.substr(0, kSignature.size() - 1), kSecret));
  EXPECT_FALSE(verify_signature(kBody, "====" + kSignature, kSecret));
}

TEST(WebhookSignature, ASecretWithWhitespaceIsAMistakeNotAMismatch) {
  for (const std::string& secret : {kSecret + "\n", " " + kSecret, std::string()}) {
    try {
      verify_signature(kBody, kSignature, secret);
      ADD_FAILURE() << "accepted a malformed secret";
    } catch (const yuno::InvalidArgumentError& e) {
      EXPECT_EQ(std::string(e.what()).find(kSecret), std::string::npos);  // never echoed
    }
  }
}

// Constant-time comparison: the check costs the same whichever byte differs. Proven
// structurally rather than by timing (timings are for benchmarks): a mismatch in the
// first byte and one in the last byte both go through the whole comparison and fail alike.
TEST(WebhookSignature, ComparisonDoesNotStopAtTheFirstDifferingByte) {
  const std::string raw = sign(kBody, kSecret);
  std::string first = raw, last = raw;
  first[0] = first[0] == 'A' ? 'B' : 'A';
  last[raw.size() - 2] = last[raw.size() - 2] == 'A' ? 'B' : 'A';  // before '=' padding
  EXPECT_FALSE(verify_signature(kBody, first, kSecret));
  EXPECT_FALSE(verify_signature(kBody, last, kSecret));
  // And a prefix of the right signature is not accepted as a match either.
  EXPECT_FALSE(verify_signature(kBody, raw.substr(0, 40) + "AAA=", kSecret));
}

TEST(WebhookEvents, ConstructVerifiesThenParses) {
  const yuno::WebhookEvent event = construct_event(kBody, kSignature, kSecret);
  EXPECT_EQ(event.type, "payment");
  EXPECT_EQ(event.type_event, "payment.purchase");
  EXPECT_EQ(event.account_id, "acc-1");
  EXPECT_EQ(event.retry, 0);
  EXPECT_EQ(event.version, 2);
  const auto payment = event.payment();
  ASSERT_TRUE(payment);
  EXPECT_EQ(payment->id, "pay-1");
  EXPECT_EQ(payment->status, yuno::PaymentStatus::kSucceeded);
  EXPECT_EQ(event.dedup_key(), "payment.purchase:evt-123");
}

TEST(WebhookEvents, EachFailedCheckIsNamed) {
  auto message = [](const std::string& body, const std::string& signature) {
    try {
      construct_event(body, signature, kSecret);
    } catch (const yuno::SignatureVerificationError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message(kBody, "").find("missing"), std::string::npos);
  EXPECT_NE(message(kBody, "%%%").find("base64"), std::string::npos);
  EXPECT_NE(message(kBody, "7Jpnyg7D").find("length"), std::string::npos);
  EXPECT_NE(message(kBody + " ", kSignature).find("does not match"), std::string::npos);
  EXPECT_EQ(message(kBody + " ", kSignature).find(kSecret), std::string::npos);
}

TEST(WebhookEvents, SignedButNotAnEventIsAnInvalidArgument) {
  const std::string body = "[1,2,3]";
  EXPECT_THROW(construct_event(body, sign(body, kSecret), kSecret), yuno::InvalidArgumentError);
}

TEST(WebhookEvents, HeaderMapChecksApiKeyAndSecretToo) {
  yuno::webhooks::WebhookSecrets secrets{kSecret, "key-1", "xs-1"};
  std::map<std::string, std::string> headers = {
      {"X-Hmac-Signature", kSignature}, {"X-API-KEY", "key-1"}, {"x-secret", "xs-1"}};
  EXPECT_EQ(construct_event(kBody, headers, secrets).type_event, "payment.purchase");

  auto wrong = headers;
  wrong["X-API-KEY"] = "key-2";
  EXPECT_THROW(construct_event(kBody, wrong, secrets), yuno::SignatureVerificationError);
  auto missing = headers;
  missing.erase("x-secret");
  EXPECT_THROW(construct_event(kBody, missing, secrets), yuno::SignatureVerificationError);
  auto no_signature = headers;
  no_signature.erase("X-Hmac-Signature");
  EXPECT_THROW(construct_event(kBody, no_signature, secrets), yuno::SignatureVerificationError);
  // Not configured: not checked.
  EXPECT_NO_THROW(construct_event(kBody, {{"x-hmac-signature", kSignature}},
                                  yuno::webhooks::WebhookSecrets{kSecret, {}, {}}));
}

// Every event type the primer lists parses, plus one Yuno may add tomorrow.
TEST(WebhookEvents, EveryTypeParsesAndUnknownOnesAreKept) {
  const std::vector<std::pair<std::string, std::string>> types = {
      {"payment", "payment.purchase"},   {"payment", "payment.authorize"},
      {"payment", "payment.capture"},    {"payment", "payment.refund"},
      {"payment", "payment.cancel"},     {"payment", "payment.chargeback"},
      {"enrollment", "enrollment.enroll"}, {"refund", "refund.created"},
      {"chargeback", "chargeback.opened"}, {"payout", "payout.succeeded"},
      {"subscription", "subscription.renewed"}, {"onboarding", "onboarding.approved"},
      {"teleportation", "teleportation.arrived"}};
  for (const auto& [type, type_event] : types) {
    nlohmann::json data = nlohmann::json::object();
    if (type == "payment") {
      data["payment"] = {{"id", "p-" + type_event}, {"status", "SUCCEEDED"}, {"idempotency_key", "k"}};
    } else if (type == "enrollment") {
      data["payment_method"] = {{"vaulted_token", "vt-1"}, {"status", "ENROLLED"}};
    } else {
      data[type] = {{"id", "x-1"}, {"brand_new_field", {1, 2}}};
    }
    const std::string body = nlohmann::json{{"type", type}, {"type_event", type_event},
                                            {"account_id", "a"}, {"retry", 3}, {"version", 2},
                                            {"data", data}, {"future_field", true}}
                                 .dump();
    const auto event = construct_event(body, sign(body, kSecret), kSecret);
    EXPECT_EQ(event.type_event, type_event);
    EXPECT_EQ(event.unknown_fields.value().at("future_field"), true);
    EXPECT_EQ(nlohmann::json(event), nlohmann::json::parse(body));  // nothing lost
    if (type == "payment") {
      EXPECT_EQ(event.payment()->id, "p-" + type_event);
    } else {
      EXPECT_FALSE(event.payment());
    }
    if (type == "enrollment") {
      EXPECT_EQ(event.enrollment()->value().at("vaulted_token"), "vt-1");
    }
    if (type != "payment" && type != "enrollment") {
      EXPECT_EQ(event.section(type)->value().at("id"), "x-1");
    }
  }
}

TEST(WebhookEvents, DedupKeyIsStableAcrossRetriesOfOneEvent) {
  nlohmann::json first = nlohmann::json::parse(kBody);
  nlohmann::json retried = first;
  retried["retry"] = 4;
  auto event = [](const nlohmann::json& j) { return j.get<yuno::WebhookEvent>(); };
  EXPECT_EQ(event(first).dedup_key(), event(retried).dedup_key());
  nlohmann::json other_event = first;
  other_event["type_event"] = "payment.capture";
  EXPECT_NE(event(first).dedup_key(), event(other_event).dedup_key());
  // Without an idempotency key: a digest of data, still the same across retries.
  first["data"]["payment"].erase("idempotency_key");
  retried["data"]["payment"].erase("idempotency_key");
  EXPECT_EQ(event(first).dedup_key(), event(retried).dedup_key());
  EXPECT_NE(event(first).dedup_key().find(":sha256:"), std::string::npos);
}

TEST(WebhookDeduplicator, DropsRepeatsWithinTheTtlAndStaysBounded) {
  auto clock = std::make_shared<yuno::testing::FakeClock>();
  yuno::webhooks::InMemoryDeduplicator dedup(3, std::chrono::hours(1), clock);
  EXPECT_TRUE(dedup.first_time("a"));
  EXPECT_FALSE(dedup.first_time("a"));
  EXPECT_TRUE(dedup.first_time("b"));
  EXPECT_TRUE(dedup.first_time("c"));
  EXPECT_TRUE(dedup.first_time("d"));  // over capacity: "a" is forgotten
  EXPECT_EQ(dedup.size(), 3u);
  EXPECT_TRUE(dedup.first_time("a"));
  clock->advance(std::chrono::hours(2));  // all expired
  EXPECT_TRUE(dedup.first_time("c"));
  EXPECT_EQ(dedup.size(), 1u);
}

}  // namespace
