// client.webhooks() over the mock transport: method, path, query and body of each call, the
// account id defaulting, the state filter, error mapping, the checks made before anything
// is sent, and that the webhook's secrets never reach a log line or an exception message.
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "unit_test_support.hpp"

namespace {

using nlohmann::json;
using yuno::test::error_json;
using yuno::test::kAccountId;
using yuno::test::MockClient;

// Recognisable fake webhook credentials: asserted absent from logs and messages.
constexpr const char* kWebhookApiKey = "whk_UNITTEST_api_key_do_not_leak";
constexpr const char* kWebhookSecret = "whk_UNITTEST_x_secret_do_not_leak";
constexpr const char* kHmacSecret = "whk_UNITTEST_hmac_do_not_leak";
constexpr const char* kOauthSecret = "whk_UNITTEST_oauth2_do_not_leak";

// A webhook as Yuno returns it (secrets masked).
std::string webhook_json(const std::string& id = "12345", const std::string& state = "ACTIVE") {
  return R"({"id":")" + id + R"(","account_id":"acc-1111-2222","name":"Payments listener",)"
         R"("state":")" + state + R"(","url":"https://api.acme.com/yuno/webhooks",)"
         R"("api_key":"***","secret":"***","hmac_client_secret":"***",)"
         R"("oauth2_authentication_url":null,"oauth2_client_secret":null,)"
         R"("oauth2_client_id":null,"oauth2_grant_type":null,"oauth2_scope":null,)"
         R"("oauth2_authorization_name":null,"oauth2_include_client_id":false,)"
         R"("enrollment_triggers":[],"payment_triggers":["AUTHORIZE","CAPTURE"],)"
         R"("report_triggers":[],"subscription_triggers":null,"onboarding_triggers":null,)"
         R"("renewal_days":null,"created_at":"2026-07-09T13:05:36.482913Z",)"
         R"("updated_at":"2026-07-09T13:05:36.482913Z"})";
}

yuno::CreateWebhookRequest create_request() {
  yuno::CreateWebhookRequest request;
  request.name = "Payments listener";
  request.url = "https://api.acme.com/yuno/webhooks";
  request.api_key = kWebhookApiKey;
  request.secret = kWebhookSecret;
  request.hmac_client_secret = kHmacSecret;
  request.payment_triggers = std::vector<yuno::WebhookPaymentTrigger>{
      yuno::WebhookPaymentTrigger::kAuthorize, yuno::WebhookPaymentTrigger::kCapture};
  return request;
}

std::string header(const yuno::HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "";
}

TEST(WebhooksApi, ListSendsTheAccountAndParsesTheArray) {
  MockClient mock;
  mock.transport->enqueue_json(200, "[" + webhook_json("1") + "," + webhook_json("2", "INACTIVE") +
                                        "]", {{"x-request-id", "r-1"}});
  const auto webhooks = mock.make().webhooks().list();
  ASSERT_EQ(webhooks.size(), 2u);
  EXPECT_EQ(webhooks[0].id, "1");
  EXPECT_TRUE(webhooks[0].is_active());
  EXPECT_EQ(webhooks[1].state, yuno::WebhookState::kInactive);
  EXPECT_FALSE(webhooks[1].is_active());
  ASSERT_TRUE(webhooks[0].payment_triggers.has_value());
  EXPECT_EQ(webhooks[0].payment_triggers->at(1), yuno::WebhookPaymentTrigger::kCapture);
  ASSERT_TRUE(webhooks[0].enrollment_triggers.has_value());  // [] is kept as an empty list
  EXPECT_TRUE(webhooks[0].enrollment_triggers->empty());
  EXPECT_FALSE(webhooks[0].subscription_triggers.has_value());  // null
  EXPECT_EQ(webhooks[0].api_key, "***");
  EXPECT_FALSE(webhooks[0].oauth2_client_secret.has_value());
  EXPECT_EQ(webhooks[0].oauth2_include_client_id, false);
  EXPECT_EQ(webhooks.response_metadata().request_id, "r-1");

  const auto sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "GET");
  EXPECT_EQ(sent.url, "https://api-sandbox.y.uno/v1/webhooks?account_id=acc-1111-2222");
  EXPECT_TRUE(sent.body.empty());
  EXPECT_TRUE(header(sent, "X-Idempotency-Key").empty());
}

TEST(WebhooksApi, ListFiltersByStateAndTakesTheAccountFromTheRequestOptions) {
  MockClient mock;
  mock.transport->enqueue_json(200, "[]");
  yuno::RequestOptions options;
  options.account_id = "acc-override";
  const auto webhooks = mock.make().webhooks().list(yuno::WebhookState::kInactive, options);
  EXPECT_TRUE(webhooks.empty());
  EXPECT_EQ(mock.transport->last_request().url,
            "https://api-sandbox.y.uno/v1/webhooks?account_id=acc-override&state=INACTIVE");

  // A list wrapped in an object is read too; anything else is a parse error.
  mock.transport->enqueue_json(200, R"({"webhooks":[)" + webhook_json("7") + "]}");
  EXPECT_EQ(mock.make().webhooks().list().at(0).id, "7");
  mock.transport->enqueue_json(200, R"({"data":[]})");
  EXPECT_THROW(mock.make().webhooks().list(), yuno::ResponseParseError);
}

TEST(WebhooksApi, CreatePostsTheBodyWithTheClientsAccount) {
  MockClient mock;
  mock.transport->enqueue_json(201, webhook_json());
  yuno::CreateWebhookRequest request = create_request();
  request.subscription_triggers = std::vector<yuno::WebhookSubscriptionTrigger>{
      yuno::WebhookSubscriptionTrigger::kCloseToRenewal};
  request.renewal_days = 5;
  const yuno::Response<yuno::Webhook> webhook = mock.make().webhooks().create(request);
  EXPECT_EQ(webhook.id, "12345");
  EXPECT_EQ(webhook.response_metadata().status_code, 201);

  const auto sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, "https://api-sandbox.y.uno/v1/webhooks");
  EXPECT_FALSE(header(sent, "X-Idempotency-Key").empty());
  EXPECT_EQ(header(sent, "X-Idempotency-Key"), webhook.response_metadata().idempotency_key);
  const json body = json::parse(sent.body);
  EXPECT_EQ(body, (json{{"account_id", kAccountId},
                        {"name", "Payments listener"},
                        {"url", "https://api.acme.com/yuno/webhooks"},
                        {"api_key", kWebhookApiKey},
                        {"secret", kWebhookSecret},
                        {"hmac_client_secret", kHmacSecret},
                        {"payment_triggers", {"AUTHORIZE", "CAPTURE"}},
                        {"subscription_triggers", {"CLOSE_TO_RENEWAL"}},
                        {"renewal_days", 5}}))
      << "(body not printed: it holds secrets)";
}

TEST(WebhooksApi, TheAccountIdComesFromTheRequestThenTheOptionsThenTheClient) {
  MockClient mock;
  auto client = mock.make();
  yuno::RequestOptions options;
  options.account_id = "acc-options";

  mock.transport->enqueue_json(201, webhook_json());
  yuno::CreateWebhookRequest own = create_request();
  own.account_id = "acc-request";
  client.webhooks().create(own, options);
  EXPECT_EQ(json::parse(mock.transport->last_request().body).at("account_id"), "acc-request");

  mock.transport->enqueue_json(201, webhook_json());
  client.webhooks().create(create_request(), options);
  EXPECT_EQ(json::parse(mock.transport->last_request().body).at("account_id"), "acc-options");

  mock.transport->enqueue_json(200, webhook_json());
  yuno::UpdateWebhookRequest update;
  update.state = yuno::WebhookState::kInactive;
  client.webhooks().update("12345", update, options);
  EXPECT_EQ(json::parse(mock.transport->last_request().body).at("account_id"), "acc-options");

  mock.transport->enqueue_json(200, webhook_json());
  client.webhooks().retrieve("12345", options);
  EXPECT_EQ(mock.transport->last_request().url,
            "https://api-sandbox.y.uno/v1/webhooks/12345?account_id=acc-options");
}

TEST(WebhooksApi, WithoutAnyAccountIdNothingIsSent) {
  MockClient mock;
  mock.options.account_id.clear();
  auto client = mock.make();
  EXPECT_THROW(client.webhooks().list(), yuno::InvalidArgumentError);
  EXPECT_THROW(client.webhooks().create(create_request()), yuno::InvalidArgumentError);
  EXPECT_THROW(client.webhooks().retrieve("12345"), yuno::InvalidArgumentError);
  yuno::UpdateWebhookRequest update;
  update.name = "renamed";
  EXPECT_THROW(client.webhooks().update("12345", update), yuno::InvalidArgumentError);
  EXPECT_THROW(client.webhooks().remove("12345"), yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 0u);
}

TEST(WebhooksApi, RetrieveReadsOneWebhook) {
  MockClient mock;
  mock.transport->enqueue_json(200, webhook_json("12345"));
  const auto webhook = mock.make().webhooks().retrieve("12345");
  EXPECT_EQ(webhook.name, "Payments listener");
  EXPECT_EQ(webhook.url, "https://api.acme.com/yuno/webhooks");
  EXPECT_EQ(webhook.created_at, "2026-07-09T13:05:36.482913Z");
  const auto sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "GET");
  EXPECT_EQ(sent.url, "https://api-sandbox.y.uno/v1/webhooks/12345?account_id=acc-1111-2222");
}

TEST(WebhooksApi, UpdateSendsOnlyTheFieldsSet) {
  MockClient mock;
  mock.transport->enqueue_json(200, webhook_json("12345", "INACTIVE"));
  yuno::UpdateWebhookRequest request;
  request.state = yuno::WebhookState::kInactive;
  request.secret = kWebhookSecret;
  request.clear_renewal_days = true;
  const auto webhook = mock.make().webhooks().update("12345", request);
  EXPECT_EQ(webhook.state, yuno::WebhookState::kInactive);

  const auto sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "PATCH");
  EXPECT_EQ(sent.url, "https://api-sandbox.y.uno/v1/webhooks/12345");
  EXPECT_FALSE(header(sent, "X-Idempotency-Key").empty());
  EXPECT_EQ(json::parse(sent.body), (json{{"account_id", kAccountId},
                                          {"state", "INACTIVE"},
                                          {"secret", kWebhookSecret},
                                          {"clear_renewal_days", true}}))
      << "(body not printed: it holds secrets)";
}

TEST(WebhooksApi, RemoveDeletesAndReturnsTheWebhook) {
  MockClient mock;
  mock.transport->enqueue_json(200, webhook_json("12 45"));
  const auto webhook = mock.make().webhooks().remove("12 45");
  EXPECT_EQ(webhook.id, "12 45");
  const auto sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "DELETE");
  EXPECT_EQ(sent.url, "https://api-sandbox.y.uno/v1/webhooks/12%2045?account_id=acc-1111-2222");
  EXPECT_TRUE(sent.body.empty());
}

TEST(WebhooksApi, AConflictIsAConflictErrorWithYunosCode) {
  MockClient mock;
  mock.transport->enqueue_json(
      409, error_json("WEBHOOK_ALREADY_EXISTS",
                      "A webhook with the same name, or url and trigger(s), already exists for "
                      "this account."),
      {{"x-request-id", "r-409"}});
  try {
    mock.make().webhooks().create(create_request());
    FAIL() << "expected a ConflictError";
  } catch (const yuno::ConflictError& e) {
    EXPECT_EQ(e.status_code(), 409);
    EXPECT_EQ(e.code(), "WEBHOOK_ALREADY_EXISTS");
    EXPECT_EQ(e.request_id(), "r-409");
    EXPECT_FALSE(e.idempotency_key().empty());
    const std::string what = e.what();
    for (const char* secret : {kWebhookApiKey, kWebhookSecret, kHmacSecret}) {
      EXPECT_EQ(what.find(secret), std::string::npos) << "a secret is in the message";
    }
  }
  EXPECT_EQ(mock.transport->request_count(), 1u) << "a 409 is not retried";
}

TEST(WebhooksApi, AnUnknownWebhookIsNotFound) {
  MockClient mock;
  mock.transport->enqueue_json(
      404, error_json("WEBHOOK_NOT_FOUND", "The webhook does not exist for this account."));
  try {
    mock.make().webhooks().retrieve("99999");
    FAIL() << "expected a NotFoundError";
  } catch (const yuno::NotFoundError& e) {
    EXPECT_EQ(e.code(), "WEBHOOK_NOT_FOUND");
    ASSERT_EQ(e.messages().size(), 1u);
    EXPECT_EQ(e.messages()[0], "The webhook does not exist for this account.");
  }
}

TEST(WebhooksApi, YunosValidationErrorsAreInvalidRequestErrors) {
  MockClient mock;
  mock.transport->enqueue_json(
      400, error_json("WEBHOOK_INVALID_TRIGGER", "One or more webhook triggers are invalid."));
  yuno::CreateWebhookRequest request = create_request();
  request.payment_triggers->push_back(yuno::WebhookPaymentTrigger("NOT_A_TRIGGER"));
  try {
    mock.make().webhooks().create(request);
    FAIL() << "expected an InvalidRequestError";
  } catch (const yuno::InvalidRequestError& e) {
    EXPECT_EQ(e.code(), "WEBHOOK_INVALID_TRIGGER");
  }
  // Unknown trigger values are sent as given: Yuno decides.
  EXPECT_EQ(json::parse(mock.transport->last_request().body).at("payment_triggers").back(),
            "NOT_A_TRIGGER");
}

TEST(WebhooksApi, BadInputIsRefusedBeforeAnythingIsSent) {
  MockClient mock;
  auto client = mock.make();
  auto refused = [&](auto&& call, const char* why) {
    SCOPED_TRACE(why);
    try {
      call();
      ADD_FAILURE() << "expected an InvalidArgumentError";
    } catch (const yuno::InvalidArgumentError& e) {
      const std::string what = e.what();
      for (const char* secret : {kWebhookApiKey, kWebhookSecret, kHmacSecret, kOauthSecret}) {
        EXPECT_EQ(what.find(secret), std::string::npos) << "a secret is in the message";
      }
    }
  };

  yuno::CreateWebhookRequest no_name = create_request();
  no_name.name.clear();
  refused([&] { client.webhooks().create(no_name); }, "no name");
  yuno::CreateWebhookRequest no_url = create_request();
  no_url.url.clear();
  refused([&] { client.webhooks().create(no_url); }, "no url");
  yuno::CreateWebhookRequest no_trigger = create_request();
  no_trigger.payment_triggers = std::vector<yuno::WebhookPaymentTrigger>{};
  no_trigger.enrollment_triggers = std::vector<yuno::WebhookEnrollmentTrigger>{};
  no_trigger.oauth2_client_secret = kOauthSecret;
  refused([&] { client.webhooks().create(no_trigger); }, "only empty trigger lists");
  yuno::CreateWebhookRequest zero_days = create_request();
  zero_days.subscription_triggers = std::vector<yuno::WebhookSubscriptionTrigger>{
      yuno::WebhookSubscriptionTrigger::kCloseToRenewal};
  zero_days.renewal_days = 0;
  refused([&] { client.webhooks().create(zero_days); }, "renewal_days 0");
  yuno::CreateWebhookRequest days_without_renewal = create_request();
  days_without_renewal.renewal_days = 5;
  refused([&] { client.webhooks().create(days_without_renewal); },
          "renewal_days without CLOSE_TO_RENEWAL");

  yuno::UpdateWebhookRequest both_renewals;
  both_renewals.renewal_days = 3;
  both_renewals.clear_renewal_days = true;
  both_renewals.hmac_client_secret = kHmacSecret;
  refused([&] { client.webhooks().update("12345", both_renewals); },
          "renewal_days with clear_renewal_days");
  yuno::UpdateWebhookRequest empty_name;
  empty_name.name = "";
  refused([&] { client.webhooks().update("12345", empty_name); }, "an empty name");

  yuno::UpdateWebhookRequest fine;
  fine.name = "renamed";
  refused([&] { client.webhooks().retrieve(""); }, "retrieve with an empty id");
  refused([&] { client.webhooks().update("", fine); }, "update with an empty id");
  refused([&] { client.webhooks().remove(""); }, "remove with an empty id");
  refused([&] { client.webhooks().list(yuno::WebhookState("")); }, "an empty state");

  EXPECT_EQ(mock.transport->request_count(), 0u);
}

TEST(WebhooksApi, AnUnreadable2xxIsAResponseParseErrorWithTheRawBody) {
  MockClient mock;
  auto client = mock.make();
  mock.transport->enqueue_json(200, "<html>gateway</html>");
  try {
    client.webhooks().retrieve("12345");
    FAIL() << "expected a ResponseParseError";
  } catch (const yuno::ResponseParseError& e) {
    EXPECT_EQ(e.status_code(), 200);
    EXPECT_EQ(e.raw_body(), "<html>gateway</html>");
  }
  mock.transport->enqueue_json(201, R"({"name":"no id"})");
  try {
    client.webhooks().create(create_request());
    FAIL() << "expected a ResponseParseError";
  } catch (const yuno::ResponseParseError& e) {
    EXPECT_EQ(e.raw_body(), R"({"name":"no id"})");
    EXPECT_NE(std::string(e.what()).find("Webhook.id"), std::string::npos) << e.what();
  }
  mock.transport->enqueue_json(200, R"({"id":"1","payment_triggers":"AUTHORIZE"})");
  EXPECT_THROW(client.webhooks().remove("1"), yuno::ResponseParseError);
  mock.transport->enqueue_json(200, "[1]");
  EXPECT_THROW(client.webhooks().list(), yuno::ResponseParseError);
}

TEST(WebhooksApi, UnknownValuesAndFieldsAreKept) {
  MockClient mock;
  json body = json::parse(webhook_json());
  body["payment_triggers"] = {"AUTHORIZE", "INSTALLMENT_PLAN"};
  body["state"] = "SUSPENDED";
  body["delivery_format"] = {{"version", 3}};
  mock.transport->enqueue_json(200, body.dump());
  const yuno::Webhook webhook = mock.make().webhooks().retrieve("12345");
  EXPECT_EQ(webhook.payment_triggers->at(1).value(), "INSTALLMENT_PLAN");
  EXPECT_EQ(webhook.state->value(), "SUSPENDED");
  EXPECT_FALSE(webhook.is_active());
  EXPECT_EQ(webhook.unknown_fields.value(), (json{{"delivery_format", {{"version", 3}}}}));
  const json written = webhook;
  EXPECT_EQ(written.at("payment_triggers"), body.at("payment_triggers"));
  EXPECT_EQ(written.at("delivery_format"), body.at("delivery_format"));
}

struct CapturedLog {
  std::mutex mutex;
  std::string text;

  yuno::Logger logger() {
    return [this](yuno::LogLevel, std::string_view message) {
      std::lock_guard<std::mutex> lock(mutex);
      text.append(message).append("\n");
    };
  }
};

TEST(WebhooksApi, SecretsNeverReachTheLogEvenWithBodyLogging) {
  MockClient mock;
  CapturedLog log;
  mock.options.logger = log.logger();
  mock.options.log_level = yuno::LogLevel::kDebug;
  mock.options.log_bodies = true;
  // A server that echoed the secrets back (Yuno masks them) must not leak them either.
  json echo = json::parse(webhook_json());
  echo["api_key"] = kWebhookApiKey;
  echo["hmac_client_secret"] = kHmacSecret;
  echo["oauth2_client_secret"] = kOauthSecret;
  mock.transport->enqueue_json(503, "");
  mock.transport->enqueue_json(201, echo.dump());
  yuno::CreateWebhookRequest request = create_request();
  request.oauth2_authentication_url = "https://api.acme.com/oauth/token";
  request.oauth2_client_id = "acme_client_id";
  request.oauth2_client_secret = kOauthSecret;
  request.oauth2_grant_type = "client_credentials";
  mock.make().webhooks().create(request);

  const std::string all = log.text;
  EXPECT_NE(all.find("request body:"), std::string::npos);
  EXPECT_NE(all.find("response body:"), std::string::npos);
  EXPECT_NE(all.find("Payments listener"), std::string::npos);  // the rest is there
  EXPECT_NE(all.find("acme_client_id"), std::string::npos);
  int leaked = 0;
  for (const char* secret : {kWebhookApiKey, kWebhookSecret, kHmacSecret, kOauthSecret,
                             yuno::test::kSecretKey, yuno::test::kPublicKey}) {
    if (all.find(secret) != std::string::npos) ++leaked;
  }
  EXPECT_EQ(leaked, 0) << "secrets leaked into the log (not printed)";
}

}  // namespace
