// yuno-sandbox's webhook management API (/v1/webhooks), in process (ApiRequest ->
// SandboxApp::handle()): create, list, retrieve, update and delete, each error code of Yuno's
// manage-webhooks document, masked secrets, reset; and delivery: an event published after a
// webhook is created reaches its loopback receiver (127.0.0.1 only) signed with that
// webhook's hmac_client_secret, and does not when it is INACTIVE or its triggers differ.
#include "sandbox_app.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/loopback_server.hpp"

namespace {

using nlohmann::json;
using yuno::sandbox::ApiRequest;
using yuno::sandbox::ApiResponse;
using yuno::sandbox::AppSettings;
using yuno::sandbox::FaultInjector;
using yuno::sandbox::SandboxApp;
using yuno::sandbox::WebhookDispatcher;
using yuno::sandbox::WebhookSettings;
using yuno::test_support::LoopbackServer;
using yuno::test_support::ReceivedRequest;
using yuno::test_support::Reply;
using namespace std::chrono_literals;

const char* const kPublicKey = "sandbox_webhook_admin_test_public_key";
const char* const kPrivateKey = "webhook_admin_test_private_secret_key";
const char* const kAccountId = "493e9374-510a-4201-9e09-de669d75f256";
const char* const kOtherAccount = "11111111-2222-4333-8444-555555555555";

// Recognisable fake webhook credentials: asserted never to come back in a response.
const char* const kApiKey = "whk_admin_test_api_key";
const char* const kXSecret = "whk_admin_test_x_secret";
const char* const kHmacSecret = "whk_admin_test_hmac_secret";
const char* const kOauthSecret = "whk_admin_test_oauth2_secret";

// The receiver's side of the signature, independent of the sandbox's signer:
// base64(HMAC-SHA256(secret, raw body)).
std::string expected_signature(const std::string& body, const std::string& secret) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &mac_length);
  std::string out(4 * ((mac_length + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), mac,
                                     static_cast<int>(mac_length));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

class Receiver {
 public:
  Receiver() : server_([](const ReceivedRequest&) { return Reply::respond(200, "{}"); }) {}
  std::string url() const { return server_.url("/yuno/webhooks"); }
  std::vector<ReceivedRequest> requests() const { return server_.requests(); }

 private:
  LoopbackServer server_;
};

class WebhookAdminTest : public ::testing::Test {
 protected:
  WebhookAdminTest()
      : configured_(quick_retries()),
        app_(AppSettings{kPublicKey, kPrivateKey, kAccountId, 0ms}, faults_, configured_) {}

  // No command-line URL; the API webhooks copy these retry settings.
  static WebhookSettings quick_retries() {
    WebhookSettings settings;
    settings.initial_backoff = 5ms;
    settings.max_attempts = 3;
    return settings;
  }

  ApiResponse call(const std::string& method, const std::string& path, const json& body = nullptr,
                   const std::vector<std::pair<std::string, std::string>>& query = {},
                   const std::string& raw_body = "") {
    ApiRequest request;
    request.method = method;
    request.path = path;
    request.query = query;
    request.headers = {{"public-api-key", kPublicKey}, {"private-secret-key", kPrivateKey}};
    if (method == "POST" && path == "/v1/payments") {
      request.headers.emplace_back("x-idempotency-key", "key-" + body.value("merchant_order_id", ""));
    }
    request.body = body.is_null() ? raw_body : body.dump();
    request.remote_addr = "127.0.0.1";
    return app_.handle(request);
  }

  // The answer's JSON, expecting `status`. Bodies are printed on failure: they never hold a
  // secret (which this file checks).
  json expect(int status, const std::string& method, const std::string& path,
              const json& body = nullptr,
              const std::vector<std::pair<std::string, std::string>>& query = {}) {
    const ApiResponse response = call(method, path, body, query);
    EXPECT_EQ(response.status, status) << method << " " << path << ": " << response.body;
    for (const char* secret : {kApiKey, kXSecret, kHmacSecret, kOauthSecret}) {
      EXPECT_EQ(response.body.find(secret), std::string::npos) << "a secret came back";
    }
    return response.body.empty() ? json() : json::parse(response.body);
  }

  // The code of an answer expected to fail with `status`.
  std::string error(int status, const std::string& method, const std::string& path,
                    const json& body = nullptr,
                    const std::vector<std::pair<std::string, std::string>>& query = {}) {
    return expect(status, method, path, body, query).value("code", std::string("<no code>"));
  }

  static std::vector<std::pair<std::string, std::string>> account(
      const std::string& id = kAccountId) {
    return {{"account_id", id}};
  }

  static json create_body(const std::string& name, const std::string& url) {
    return {{"account_id", kAccountId},
            {"name", name},
            {"url", url},
            {"api_key", kApiKey},
            {"secret", kXSecret},
            {"hmac_client_secret", kHmacSecret},
            {"payment_triggers", {"PURCHASE", "CAPTURE"}}};
  }

  json create(const json& body) { return expect(201, "POST", "/v1/webhooks", body); }

  json patch(const std::string& id, json body) {
    body["account_id"] = kAccountId;
    return expect(200, "PATCH", "/v1/webhooks/" + id, body);
  }

  // A card purchase (Visa, SUCCEEDED): publishes payment.purchase.
  json purchase(const std::string& order) {
    return expect(201, "POST", "/v1/payments",
                  {{"account_id", kAccountId},
                   {"description", "webhook admin test"},
                   {"country", "US"},
                   {"merchant_order_id", order},
                   {"amount", {{"currency", "USD"}, {"value", 12.5}}},
                   {"workflow", "DIRECT"},
                   {"payment_method",
                    {{"type", "CARD"},
                     {"detail",
                      {{"card",
                        {{"card_data",
                          {{"number", "4507990000000002"},
                           {"expiration_month", 11},
                           {"expiration_year", 2028},
                           {"security_code", "123"},
                           {"holder_name", "JOHN DOE"}}}}}}}}}});
  }

  bool idle() { return app_.webhook_registry().wait_idle(20s); }

  FaultInjector faults_;
  WebhookDispatcher configured_;
  SandboxApp app_;
};

// ------------------------------------------------------------------------------------
// CRUD
// ------------------------------------------------------------------------------------

TEST_F(WebhookAdminTest, CreateReturnsTheWebhookWithItsSecretsMasked) {
  const json webhook = create(create_body("Payments listener", "https://api.acme.com/yuno"));
  const std::string id = webhook.at("id").get<std::string>();
  EXPECT_FALSE(id.empty());
  EXPECT_EQ(id.find_first_not_of("0123456789"), std::string::npos) << "decimal, as Yuno's: " << id;
  EXPECT_EQ(webhook.at("account_id"), kAccountId);
  EXPECT_EQ(webhook.at("name"), "Payments listener");
  EXPECT_EQ(webhook.at("state"), "ACTIVE");
  EXPECT_EQ(webhook.at("url"), "https://api.acme.com/yuno");
  EXPECT_EQ(webhook.at("api_key"), "***");
  EXPECT_EQ(webhook.at("secret"), "***");
  EXPECT_EQ(webhook.at("hmac_client_secret"), "***");
  EXPECT_TRUE(webhook.at("oauth2_client_secret").is_null());
  EXPECT_TRUE(webhook.at("oauth2_authentication_url").is_null());
  EXPECT_EQ(webhook.at("oauth2_include_client_id"), false);
  EXPECT_EQ(webhook.at("payment_triggers"), json({"PURCHASE", "CAPTURE"}));
  // Unset families as Yuno renders them: [] for some, null for others.
  EXPECT_EQ(webhook.at("enrollment_triggers"), json::array());
  EXPECT_EQ(webhook.at("report_triggers"), json::array());
  EXPECT_TRUE(webhook.at("subscription_triggers").is_null());
  EXPECT_TRUE(webhook.at("onboarding_triggers").is_null());
  EXPECT_TRUE(webhook.at("renewal_days").is_null());
  EXPECT_EQ(webhook.at("created_at"), webhook.at("updated_at"));
  EXPECT_EQ(webhook.at("created_at").get<std::string>().back(), 'Z');

  // Secrets not configured are null; every documented field is present.
  json minimal = {{"account_id", kAccountId},
                  {"name", "Minimal"},
                  {"url", "http://127.0.0.1:9/hook"},
                  {"enrollment_triggers", {"ENROLL"}}};
  const json second = create(minimal);
  EXPECT_TRUE(second.at("api_key").is_null());
  EXPECT_TRUE(second.at("secret").is_null());
  EXPECT_TRUE(second.at("hmac_client_secret").is_null());
  EXPECT_NE(second.at("id"), webhook.at("id"));
  EXPECT_EQ(second.size(), webhook.size());
  EXPECT_EQ(second.size(), 23u);
}

TEST_F(WebhookAdminTest, ListRetrieveUpdateAndDelete) {
  const std::string first =
      create(create_body("first", "https://a.example/hook")).at("id").get<std::string>();
  json subscription = {{"account_id", kAccountId},
                       {"name", "renewals"},
                       {"url", "https://b.example/hook"},
                       {"subscription_triggers", {"CREATE", "CLOSE_TO_RENEWAL"}},
                       {"renewal_days", 5}};
  const json second_created = create(subscription);
  const std::string second = second_created.at("id").get<std::string>();
  EXPECT_EQ(second_created.at("renewal_days"), 5);

  json all = expect(200, "GET", "/v1/webhooks", nullptr, account());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].at("id"), first);  // oldest first
  EXPECT_EQ(all[1].at("id"), second);

  // Pause the second one, rotate its secret and drop its renewal days.
  const json paused =
      patch(second, {{"state", "INACTIVE"}, {"secret", "rotated"}, {"clear_renewal_days", true}});
  EXPECT_EQ(paused.at("state"), "INACTIVE");
  EXPECT_EQ(paused.at("secret"), "***");
  EXPECT_TRUE(paused.at("renewal_days").is_null());
  EXPECT_EQ(paused.at("name"), "renewals");  // what was not sent is kept
  EXPECT_EQ(paused.at("created_at"), second_created.at("created_at"));
  EXPECT_GE(paused.at("updated_at").get<std::string>(),
            second_created.at("updated_at").get<std::string>());

  const json active = expect(200, "GET", "/v1/webhooks", nullptr,
                             {{"account_id", kAccountId}, {"state", "ACTIVE"}});
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].at("id"), first);
  const json inactive = expect(200, "GET", "/v1/webhooks", nullptr,
                               {{"account_id", kAccountId}, {"state", "INACTIVE"}});
  ASSERT_EQ(inactive.size(), 1u);
  EXPECT_EQ(inactive[0].at("id"), second);

  const json retrieved = expect(200, "GET", "/v1/webhooks/" + second, nullptr, account());
  EXPECT_EQ(retrieved, paused);

  // A rename and new triggers replace the old ones.
  const json renamed = patch(first, {{"name", "first, renamed"},
                                     {"payment_triggers", {"REFUND"}},
                                     {"enrollment_triggers", {"ENROLL", "UNENROLL"}}});
  EXPECT_EQ(renamed.at("name"), "first, renamed");
  EXPECT_EQ(renamed.at("payment_triggers"), json({"REFUND"}));
  EXPECT_EQ(renamed.at("enrollment_triggers"), json({"ENROLL", "UNENROLL"}));

  const json deleted = expect(200, "DELETE", "/v1/webhooks/" + first, nullptr, account());
  EXPECT_EQ(deleted, renamed);
  EXPECT_EQ(error(404, "GET", "/v1/webhooks/" + first, nullptr, account()), "WEBHOOK_NOT_FOUND");
  EXPECT_EQ(error(404, "DELETE", "/v1/webhooks/" + first, nullptr, account()),
            "WEBHOOK_NOT_FOUND");
  EXPECT_EQ(expect(200, "GET", "/v1/webhooks", nullptr, account()).size(), 1u);
}

TEST_F(WebhookAdminTest, ResetForgetsEveryWebhook) {
  create(create_body("one", "https://a.example/hook"));
  create(create_body("two", "https://b.example/hook"));
  EXPECT_EQ(expect(200, "GET", "/v1/webhooks", nullptr, account()).size(), 2u);
  app_.reset();
  EXPECT_EQ(expect(200, "GET", "/v1/webhooks", nullptr, account()), json::array());
  // The name is free again.
  create(create_body("one", "https://a.example/hook"));
}

// ------------------------------------------------------------------------------------
// Errors
// ------------------------------------------------------------------------------------

TEST_F(WebhookAdminTest, TheAccountIdIsRequiredAndMustBeTheSandboxs) {
  const std::string id =
      create(create_body("mine", "https://a.example/hook")).at("id").get<std::string>();
  EXPECT_EQ(error(400, "GET", "/v1/webhooks"), "WEBHOOK_INVALID_REQUEST");
  EXPECT_EQ(error(400, "GET", "/v1/webhooks", nullptr, account(kOtherAccount)),
            "INVALID_ACCOUNT_ID");
  EXPECT_EQ(error(400, "GET", "/v1/webhooks/" + id), "WEBHOOK_INVALID_REQUEST");
  EXPECT_EQ(error(400, "GET", "/v1/webhooks/" + id, nullptr, account(kOtherAccount)),
            "INVALID_ACCOUNT_ID");
  EXPECT_EQ(error(400, "DELETE", "/v1/webhooks/" + id), "WEBHOOK_INVALID_REQUEST");
  EXPECT_EQ(error(400, "DELETE", "/v1/webhooks/" + id, nullptr, account(kOtherAccount)),
            "INVALID_ACCOUNT_ID");
  EXPECT_EQ(error(400, "PATCH", "/v1/webhooks/" + id, {{"state", "INACTIVE"}}),
            "WEBHOOK_INVALID_REQUEST");
  EXPECT_EQ(error(400, "PATCH", "/v1/webhooks/" + id,
                  {{"account_id", kOtherAccount}, {"state", "INACTIVE"}}),
            "INVALID_ACCOUNT_ID");
  json other = create_body("theirs", "https://c.example/hook");
  other["account_id"] = kOtherAccount;
  EXPECT_EQ(error(400, "POST", "/v1/webhooks", other), "INVALID_ACCOUNT_ID");
  // Nothing changed.
  EXPECT_EQ(expect(200, "GET", "/v1/webhooks/" + id, nullptr, account()).at("state"), "ACTIVE");
}

TEST_F(WebhookAdminTest, CreateChecksTheRequiredFieldsAndTheTriggers) {
  for (const char* key : {"account_id", "name", "url"}) {
    SCOPED_TRACE(key);
    json body = create_body("missing", "https://a.example/hook");
    body.erase(key);
    EXPECT_EQ(error(400, "POST", "/v1/webhooks", body), "WEBHOOK_INVALID_REQUEST");
    body[key] = "";
    EXPECT_EQ(error(400, "POST", "/v1/webhooks", body), "WEBHOOK_INVALID_REQUEST");
  }
  json no_trigger = create_body("none", "https://a.example/hook");
  no_trigger.erase("payment_triggers");
  EXPECT_EQ(error(400, "POST", "/v1/webhooks", no_trigger), "WEBHOOK_INVALID_REQUEST");
  no_trigger["payment_triggers"] = json::array();
  no_trigger["report_triggers"] = json::array();
  EXPECT_EQ(error(400, "POST", "/v1/webhooks", no_trigger), "WEBHOOK_INVALID_REQUEST");

  json bad_trigger = create_body("bad", "https://a.example/hook");
  bad_trigger["payment_triggers"] = {"PURCHASE", "TELEPORT"};
  EXPECT_EQ(error(400, "POST", "/v1/webhooks", bad_trigger), "WEBHOOK_INVALID_TRIGGER");
  bad_trigger["payment_triggers"] = {"ENROLL"};  // an enrollment trigger, not a payment one
  EXPECT_EQ(error(400, "POST", "/v1/webhooks", bad_trigger), "WEBHOOK_INVALID_TRIGGER");
  bad_trigger["payment_triggers"] = "PURCHASE";
  EXPECT_EQ(error(400, "POST", "/v1/webhooks", bad_trigger), "WEBHOOK_INVALID_TRIGGER");

  json bad_url = create_body("url", "ftp://a.example/hook");
  EXPECT_EQ(error(400, "POST", "/v1/webhooks", bad_url), "WEBHOOK_INVALID_REQUEST");
  bad_url["url"] = "https:///no-host";
  EXPECT_EQ(error(400, "POST", "/v1/webhooks", bad_url), "WEBHOOK_INVALID_REQUEST");
  json bad_type = create_body("type", "https://a.example/hook");
  bad_type["hmac_client_secret"] = 42;
  EXPECT_EQ(error(400, "POST", "/v1/webhooks", bad_type), "WEBHOOK_INVALID_REQUEST");

  const ApiResponse not_json = call("POST", "/v1/webhooks", nullptr, {}, "{not json");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(json::parse(not_json.body).at("code"), "WEBHOOK_INVALID_REQUEST");

  EXPECT_EQ(expect(200, "GET", "/v1/webhooks", nullptr, account()), json::array());
}

TEST_F(WebhookAdminTest, RenewalDaysNeedCloseToRenewalAndComeAloneInAnUpdate) {
  json body = create_body("renewals", "https://a.example/hook");
  body["renewal_days"] = 5;
  EXPECT_EQ(error(400, "POST", "/v1/webhooks", body), "WEBHOOK_INVALID_RENEWAL_DAYS");
  body["subscription_triggers"] = {"CLOSE_TO_RENEWAL"};
  body["renewal_days"] = 0;
  EXPECT_EQ(error(400, "POST", "/v1/webhooks", body), "WEBHOOK_INVALID_RENEWAL_DAYS");
  body["renewal_days"] = 2.5;
  EXPECT_EQ(error(400, "POST", "/v1/webhooks", body), "WEBHOOK_INVALID_RENEWAL_DAYS");
  body["renewal_days"] = 7;
  const std::string id = create(body).at("id").get<std::string>();

  EXPECT_EQ(error(400, "PATCH", "/v1/webhooks/" + id,
                  {{"account_id", kAccountId}, {"renewal_days", 3}, {"clear_renewal_days", true}}),
            "WEBHOOK_INVALID_REQUEST");
  // Dropping CLOSE_TO_RENEWAL while renewal_days stays would leave them meaningless.
  EXPECT_EQ(error(400, "PATCH", "/v1/webhooks/" + id,
                  {{"account_id", kAccountId}, {"subscription_triggers", {"CREATE"}}}),
            "WEBHOOK_INVALID_RENEWAL_DAYS");
  EXPECT_EQ(patch(id, {{"renewal_days", 3}}).at("renewal_days"), 3);
  const json cleared = patch(id, {{"subscription_triggers", {"CREATE"}}, {"clear_renewal_days", true}});
  EXPECT_TRUE(cleared.at("renewal_days").is_null());
  EXPECT_EQ(cleared.at("subscription_triggers"), json({"CREATE"}));
}

TEST_F(WebhookAdminTest, UpdateChecksItsFieldsAndTheResult) {
  const std::string id =
      create(create_body("listener", "https://a.example/hook")).at("id").get<std::string>();
  const std::string path = "/v1/webhooks/" + id;
  EXPECT_EQ(error(400, "PATCH", path, {{"account_id", kAccountId}, {"state", "PAUSED"}}),
            "WEBHOOK_INVALID_REQUEST");
  EXPECT_EQ(error(400, "PATCH", path, {{"account_id", kAccountId}, {"payment_triggers", {"X"}}}),
            "WEBHOOK_INVALID_TRIGGER");
  EXPECT_EQ(error(400, "PATCH", path,
                  {{"account_id", kAccountId}, {"payment_triggers", json::array()}}),
            "WEBHOOK_INVALID_REQUEST")
      << "no trigger would be left";
  EXPECT_EQ(error(400, "PATCH", path, {{"account_id", kAccountId}, {"url", "mailto:x@y"}}),
            "WEBHOOK_INVALID_REQUEST");
  EXPECT_EQ(error(404, "PATCH", "/v1/webhooks/999999",
                  {{"account_id", kAccountId}, {"state", "INACTIVE"}}),
            "WEBHOOK_NOT_FOUND");
  // A bad body is refused before the lookup.
  EXPECT_EQ(error(400, "PATCH", "/v1/webhooks/999999",
                  {{"account_id", kAccountId}, {"state", "PAUSED"}}),
            "WEBHOOK_INVALID_REQUEST");
  const json unchanged = expect(200, "GET", path, nullptr, account());
  EXPECT_EQ(unchanged.at("state"), "ACTIVE");
  EXPECT_EQ(unchanged.at("payment_triggers"), json({"PURCHASE", "CAPTURE"}));
  EXPECT_EQ(unchanged.at("created_at"), unchanged.at("updated_at"));
}

TEST_F(WebhookAdminTest, OAuth2FieldsComeTogetherWithAnHttpsTokenUrl) {
  json body = create_body("oauth", "https://a.example/hook");
  body["oauth2_authentication_url"] = "https://a.example/oauth/token";
  body["oauth2_client_id"] = "acme_client_id";
  body["oauth2_grant_type"] = "client_credentials";
  EXPECT_EQ(error(400, "POST", "/v1/webhooks", body), "WEBHOOK_INVALID_OAUTH2");
  body["oauth2_client_secret"] = kOauthSecret;
  body["oauth2_authentication_url"] = "http://a.example/oauth/token";
  EXPECT_EQ(error(400, "POST", "/v1/webhooks", body), "WEBHOOK_INVALID_OAUTH2");
  body["oauth2_authentication_url"] = "https://a.example/oauth/token";
  body["oauth2_scope"] = "webhooks:write";
  const json webhook = create(body);
  EXPECT_EQ(webhook.at("oauth2_client_secret"), "***");
  EXPECT_EQ(webhook.at("oauth2_client_id"), "acme_client_id");
  EXPECT_EQ(webhook.at("oauth2_scope"), "webhooks:write");
}

TEST_F(WebhookAdminTest, ANameOrAUrlWithACommonTriggerIsAConflict) {
  const std::string first =
      create(create_body("listener", "https://a.example/hook")).at("id").get<std::string>();
  EXPECT_EQ(error(409, "POST", "/v1/webhooks", create_body("listener", "https://b.example/hook")),
            "WEBHOOK_ALREADY_EXISTS");
  json same_url = create_body("second", "https://a.example/hook");
  same_url["payment_triggers"] = {"REFUND", "CAPTURE"};
  EXPECT_EQ(error(409, "POST", "/v1/webhooks", same_url), "WEBHOOK_ALREADY_EXISTS");
  // The same URL for other events is fine, and so is the same trigger of another family.
  same_url["payment_triggers"] = {"REFUND"};
  same_url["subscription_triggers"] = {"CANCEL"};
  const std::string second = create(same_url).at("id").get<std::string>();

  EXPECT_EQ(error(409, "PATCH", "/v1/webhooks/" + second,
                  {{"account_id", kAccountId}, {"name", "listener"}}),
            "WEBHOOK_ALREADY_EXISTS");
  EXPECT_EQ(error(409, "PATCH", "/v1/webhooks/" + second,
                  {{"account_id", kAccountId}, {"payment_triggers", {"PURCHASE"}}}),
            "WEBHOOK_ALREADY_EXISTS");
  // A webhook never conflicts with itself.
  EXPECT_EQ(patch(first, {{"name", "listener"}, {"url", "https://a.example/hook"}}).at("name"),
            "listener");
  EXPECT_EQ(expect(200, "GET", "/v1/webhooks", nullptr, account()).size(), 2u);
}

// ------------------------------------------------------------------------------------
// Delivery
// ------------------------------------------------------------------------------------

TEST_F(WebhookAdminTest, AnEventReachesEachActiveWebhookWhoseTriggersMatch) {
  Receiver wanted;
  Receiver other_trigger;
  Receiver paused;
  const json hook = create(create_body("purchases", wanted.url()));
  json refunds = create_body("refunds", other_trigger.url());
  refunds["payment_triggers"] = {"REFUND"};
  refunds["enrollment_triggers"] = {"ENROLL"};
  create(refunds);
  json inactive = create_body("paused", paused.url());
  inactive["hmac_client_secret"] = "another hmac secret";
  const std::string paused_id = create(inactive).at("id").get<std::string>();
  patch(paused_id, {{"state", "INACTIVE"}});

  const json payment = purchase("order-webhook-1");
  ASSERT_TRUE(idle());

  const auto requests = wanted.requests();
  ASSERT_EQ(requests.size(), 1u);
  const ReceivedRequest& request = requests[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/yuno/webhooks");
  const auto signature = request.header("x-hmac-signature");
  ASSERT_TRUE(signature.has_value());
  EXPECT_TRUE(*signature == expected_signature(request.body, kHmacSecret))
      << "not signed with this webhook's hmac_client_secret";
  EXPECT_TRUE(request.header("x-api-key") == std::optional<std::string>(kApiKey));
  EXPECT_TRUE(request.header("x-secret") == std::optional<std::string>(kXSecret));
  const json event = json::parse(request.body);
  EXPECT_EQ(event.at("type"), "payment");
  EXPECT_EQ(event.at("type_event"), "payment.purchase");
  EXPECT_EQ(event.at("account_id"), kAccountId);
  EXPECT_EQ(event.at("retry"), 0);
  EXPECT_EQ(event.at("data").at("payment").at("id"), payment.at("id"));

  EXPECT_TRUE(other_trigger.requests().empty()) << "its triggers do not select payment.purchase";
  EXPECT_TRUE(paused.requests().empty()) << "an INACTIVE webhook receives nothing";

  // Active again: the next event reaches it, signed with its own secret.
  patch(paused_id, {{"state", "ACTIVE"}});
  purchase("order-webhook-2");
  ASSERT_TRUE(idle());
  EXPECT_EQ(wanted.requests().size(), 2u);
  const auto resumed = paused.requests();
  ASSERT_EQ(resumed.size(), 1u);
  EXPECT_TRUE(resumed[0].header("x-hmac-signature") ==
              std::optional<std::string>(expected_signature(resumed[0].body, "another hmac secret")));
  EXPECT_TRUE(other_trigger.requests().empty());

  // Other families: enrollment.enroll selects ENROLL in enrollment_triggers.
  app_.webhook_registry().publish({{"type", "enrollment"},
                                   {"type_event", "enrollment.enroll"},
                                   {"account_id", kAccountId},
                                   {"version", 2},
                                   {"data", {{"payment_method", {{"id", "pm-1"}}}}}});
  ASSERT_TRUE(idle());
  const auto enrolled = other_trigger.requests();
  ASSERT_EQ(enrolled.size(), 1u);
  EXPECT_EQ(json::parse(enrolled[0].body).at("type_event"), "enrollment.enroll");
  EXPECT_EQ(wanted.requests().size(), 2u);

  const auto stats = app_.webhook_registry().stats();
  EXPECT_EQ(stats.delivered, 4u);
  EXPECT_EQ(stats.pending, 0u);
}

TEST_F(WebhookAdminTest, ADeletedWebhookAndOneWithoutSecretsGetWhatTheyShould) {
  Receiver deleted;
  Receiver plain;
  const std::string deleted_id = create(create_body("deleted", deleted.url())).at("id").get<std::string>();
  create({{"account_id", kAccountId},
          {"name", "plain"},
          {"url", plain.url()},
          {"payment_triggers", {"PURCHASE"}}});
  expect(200, "DELETE", "/v1/webhooks/" + deleted_id, nullptr, account());

  purchase("order-webhook-3");
  ASSERT_TRUE(idle());
  EXPECT_TRUE(deleted.requests().empty());
  const auto requests = plain.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_FALSE(requests[0].header("x-hmac-signature").has_value());
  EXPECT_FALSE(requests[0].header("x-api-key").has_value());
  EXPECT_FALSE(requests[0].header("x-secret").has_value());
}

}  // namespace
