// The Checkout Sessions API (sessions, payment methods, one-time tokens) end to end over
// the mock transport.
#include <gtest/gtest.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "unit_test_support.hpp"

namespace {

using yuno::find_header;
using yuno::test::MockClient;

constexpr const char* kBase = "https://api-sandbox.y.uno/v1";
constexpr const char* kSessionId = "d313047b-4f96-44ef-bbad-caf1d7ba4c2b";
// Test card data: asserted never to reach a message, a log line or test output.
constexpr const char* kCardNumber = "4507990000000002";
constexpr const char* kCvv = "7391";
constexpr const char* kHolder = "Jane Q Cardholder";

bool is_uuid_v4(const std::string& text) {
  static const std::regex kUuid(
      "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  return std::regex_match(text, kUuid);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The create response: Yuno names the id `checkout_session` here.
std::string created_session_json(const std::string& id = kSessionId) {
  return R"({"merchant_order_id":"order-1","checkout_session":")" + id +
         R"(","country":"US","payment_description":"Test Cards","customer_id":"cus-1",)"
         R"("callback_url":"https://www.example.com/callback",)"
         R"("amount":{"currency":"USD","value":150.75},)"
         R"("created_at":"2024-06-06T13:39:10.932297Z","metadata":null,"workflow":"SDK_CHECKOUT",)"
         R"("installments":{"plan_id":null,"plan":null},"checkout_id":"6822f80c"})";
}

// The retrieve response: the same session with its id under `id`.
std::string retrieved_session_json(const std::string& id = kSessionId) {
  return R"({"id":")" + id +
         R"(","merchant_order_id":"order-1","country":"AR","payment_description":"Test Cards",)"
         R"("amount":{"currency":"ARS","value":520},"created_at":"2025-07-09T14:46:39.515251Z",)"
         R"("metadata":[{"key":"ID","value":"1"}],"workflow":"SDK_CHECKOUT","used":true})";
}

std::string payment_methods_json() {
  return R"([{"name":"Card","vaulted_token":null,"description":"Card","type":"CARD",)"
         R"("category":"CARD",)"
         R"("icon":"https://icons.prod.y.uno/card_logosimbolo.png","last_successfully_used":null,)"
         R"("last_successfully_used_at":null,)"
         R"("checkout":{"session":"s-1","sdk_required_action":false,)"
         R"("conditions":{"enabled":true,"rules":[{"condition":"INCLUDE",)"
         R"("condition_name":"Country-US",)"
         R"("type":"COUNTRY","values":{"countries":["US"],"min":null}}]}},"preferred":false},)"
         R"({"name":"VISA ****1111","vaulted_token":"de00c1bd","type":"CARD","category":"CARD",)"
         R"("last_successfully_used":false,"last_successfully_used_at":"",)"
         R"("card_data":{"iin":"41111111","lfd":"1111","expiration_month":3,"expiration_year":26,)"
         R"("number_length":16,"security_code_length":3,"brand":"VISA",)"
         R"("issuer":"JPMORGAN CHASE BANK N A",)"
         R"("issuer_code":null,"category":"CREDIT","type":"CREDIT"},"new_field":{"x":1}}])";
}

std::string token_json() {
  return R"({"token":"dab106a6-9067-4418-ae43-6045663531dc","vaulted_token":null,)"
         R"("vault_on_success":false,)"
         R"("type":"CARD","card_data":{"holder_name":"J D","iin":"45079900","lfd":"0002",)"
         R"("number_length":16,"security_code_length":3,"brand":"VISA","type":"DEBIT",)"
         R"("category":"CLASSIC","issuer_name":"BANK","issuer_code":null,"fingerprint":null,)"
         R"("country_code":"PL"},"customer":null,"installment":null,"country":"BR",)"
         R"("customer_session":null})";
}

yuno::CreateCheckoutSessionRequest create_request() {
  yuno::CreateCheckoutSessionRequest request;
  request.account_id = "acc-1";
  request.merchant_order_id = "order-1";
  request.payment_description = "Test Cards";
  request.country = "US";
  request.amount = yuno::CheckoutAmount{"USD", yuno::Decimal::parse("150.75"), {}};
  return request;
}

yuno::CardData test_card() {
  yuno::CardData card;
  card.number = kCardNumber;
  card.expiration_month = 11;
  card.expiration_year = 28;
  card.security_code = kCvv;
  card.holder_name = kHolder;
  return card;
}

std::string idempotency_key_of(const yuno::HttpRequest& request) {
  return find_header(request.headers, "x-idempotency-key").value_or("");
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

// --- create -----------------------------------------------------------------------------

TEST(CheckoutSessionsApi, CreatePostsOnlyTheFieldsSetWithAnIdempotencyKey) {
  MockClient mock;
  mock.transport->enqueue_json(200, created_session_json(), {{"x-request-id", "r-1"}});
  yuno::CreateCheckoutSessionRequest request = create_request();
  request.customer_id = "cus-1";
  request.workflow = yuno::CheckoutWorkflow::kSdkCheckout;
  request.metadata = std::vector<yuno::MetadataEntry>{{"ID", "123", {}}};

  auto session = mock.make().checkout_sessions().create(request);

  const yuno::HttpRequest sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, std::string(kBase) + "/checkout/sessions");
  EXPECT_TRUE(is_uuid_v4(idempotency_key_of(sent)));
  EXPECT_EQ(session.response_metadata().idempotency_key, idempotency_key_of(sent));
  EXPECT_EQ(find_header(sent.headers, "content-type"), "application/json");
  EXPECT_EQ(nlohmann::json::parse(sent.body),
            (nlohmann::json{{"account_id", "acc-1"},
                            {"merchant_order_id", "order-1"},
                            {"payment_description", "Test Cards"},
                            {"country", "US"},
                            {"customer_id", "cus-1"},
                            {"amount", {{"currency", "USD"}, {"value", 150.75}}},
                            {"metadata", {{{"key", "ID"}, {"value", "123"}}}},
                            {"workflow", "SDK_CHECKOUT"}}));
  EXPECT_TRUE(contains(sent.body, R"("value":150.75)"));  // exact text, no binary noise

  EXPECT_EQ(session.id, kSessionId);
  EXPECT_EQ(session.id_key(), yuno::CheckoutSession::IdKey::kCheckoutSession);
  EXPECT_EQ(session.merchant_order_id, "order-1");
  ASSERT_TRUE(session.amount.has_value());
  EXPECT_EQ(session.amount->value, yuno::Decimal::parse("150.75"));
  EXPECT_EQ(session.amount->currency, "USD");
  EXPECT_EQ(session.workflow, yuno::CheckoutWorkflow::kSdkCheckout);
  EXPECT_FALSE(session.metadata.has_value());
  ASSERT_TRUE(session.installments.has_value());
  EXPECT_FALSE(session.installments->plan.has_value());
  EXPECT_EQ(session.checkout_id, "6822f80c");
  EXPECT_EQ(session.response_metadata().status_code, 200);
  EXPECT_EQ(session.response_metadata().request_id, "r-1");
}

TEST(CheckoutSessionsApi, CreateChecksTheRequiredFieldsBeforeSending) {
  MockClient mock;
  mock.options.account_id.clear();  // else account_id defaults to the client's
  auto client = mock.make();
  for (int missing = 0; missing < 4; ++missing) {
    yuno::CreateCheckoutSessionRequest request = create_request();
    std::string* fields[] = {&request.account_id, &request.merchant_order_id,
                             &request.payment_description, &request.country};
    fields[missing]->clear();
    EXPECT_THROW(client.checkout_sessions().create(request), yuno::InvalidArgumentError) << missing;
  }
  EXPECT_EQ(mock.transport->request_count(), 0u);
}

TEST(CheckoutSessionsApi, CreateSendsRecurringAmountsAsDocumentedStrings) {
  MockClient mock;
  mock.transport->enqueue_json(200, created_session_json());
  yuno::CreateCheckoutSessionRequest request = create_request();
  request.recurring_payment.emplace();
  request.recurring_payment->regular_billing = yuno::CheckoutRecurringBilling{
      "Monthly", yuno::Decimal::parse("10.5"), yuno::RecurringIntervalUnit::kMonth, 1, {}};
  request.recurring_payment->trial_billing = yuno::CheckoutRecurringBilling{
      "Trial", yuno::Decimal(0), yuno::RecurringIntervalUnit("fortnight"), 2, {}};
  mock.make().checkout_sessions().create(request);
  const auto body = nlohmann::json::parse(mock.transport->last_request().body);
  EXPECT_EQ(body.at("recurring_payment"), (nlohmann::json{{"regular_billing",
                                                           {{"label", "Monthly"},
                                                            {"amount", "10.50"},
                                                            {"interval_unit", "month"},
                                                            {"interval_count", 1}}},
                                                          {"trial_billing",
                                                           {{"label", "Trial"},
                                                            {"amount", "0.00"},
                                                            {"interval_unit", "fortnight"},
                                                            {"interval_count", 2}}}}));
}

TEST(CheckoutSessionsApi, CallerIdempotencyKeyIsSentOnCreate) {
  MockClient mock;
  mock.transport->enqueue_json(200, created_session_json());
  yuno::RequestOptions options;
  options.idempotency_key = "order-1-session";
  auto session = mock.make().checkout_sessions().create(create_request(), options);
  EXPECT_EQ(idempotency_key_of(mock.transport->last_request()), "order-1-session");
  EXPECT_EQ(session.response_metadata().idempotency_key, "order-1-session");
}

TEST(CheckoutSessionsApi, EveryWriteGetsItsOwnIdempotencyKeyAndReadsNone) {
  MockClient mock;
  auto client = mock.make().checkout_sessions();
  mock.transport->enqueue_json(200, created_session_json());
  client.create(create_request());
  mock.transport->enqueue_json(200, created_session_json());
  client.update("s-1", {});
  mock.transport->enqueue_json(201, token_json());
  client.create_one_time_token("s-1", {});
  yuno::CreateTokenRequest direct;
  direct.account_id = "acc-1";
  direct.card_data = test_card();
  mock.transport->enqueue_json(201, token_json());
  client.create_token(direct);
  mock.transport->enqueue_json(200, retrieved_session_json());
  client.retrieve("s-1");
  mock.transport->enqueue_json(200, "[]");
  client.payment_methods("s-1");

  const std::vector<yuno::HttpRequest> sent = mock.transport->requests();
  ASSERT_EQ(sent.size(), 6u);
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_TRUE(sent[i].method == "POST" || sent[i].method == "PATCH") << sent[i].method;
    EXPECT_TRUE(is_uuid_v4(idempotency_key_of(sent[i]))) << sent[i].method;
    keys.push_back(idempotency_key_of(sent[i]));
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    for (std::size_t k = i + 1; k < keys.size(); ++k) EXPECT_NE(keys[i], keys[k]);
  }
  for (std::size_t i = 4; i < 6; ++i) {
    EXPECT_EQ(sent[i].method, "GET");
    EXPECT_FALSE(find_header(sent[i].headers, "x-idempotency-key").has_value());
    EXPECT_TRUE(sent[i].body.empty());
  }
}

// --- retrieve and update ----------------------------------------------------------------

TEST(CheckoutSessionsApi, RetrieveReadsTheIdUnderId) {
  MockClient mock;
  mock.transport->enqueue_json(200, retrieved_session_json());
  auto session = mock.make().checkout_sessions().retrieve(kSessionId);

  const yuno::HttpRequest sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "GET");
  EXPECT_EQ(sent.url, std::string(kBase) + "/checkout/sessions/" + kSessionId);
  EXPECT_FALSE(find_header(sent.headers, "x-idempotency-key").has_value());
  EXPECT_TRUE(sent.body.empty());

  EXPECT_EQ(session.id, kSessionId);
  EXPECT_EQ(session.id_key(), yuno::CheckoutSession::IdKey::kId);
  EXPECT_STREQ(session.id_key_name(), "id");
  EXPECT_EQ(session.used, true);
  ASSERT_TRUE(session.metadata.has_value());
  EXPECT_EQ(session.metadata->at(0).value, "1");
  EXPECT_EQ(session.amount->value, yuno::Decimal(520));
  // Written back under the name it came with.
  const nlohmann::json written = static_cast<const yuno::CheckoutSession&>(session);
  EXPECT_EQ(written.at("id"), kSessionId);
  EXPECT_FALSE(written.contains("checkout_session"));
}

TEST(CheckoutSessionsApi, SessionIdsAreOneEncodedPathSegment) {
  MockClient mock;
  auto client = mock.make();
  mock.transport->enqueue_json(200, retrieved_session_json());
  client.checkout_sessions().retrieve("a b~c");
  EXPECT_EQ(mock.transport->last_request().url,
            std::string(kBase) + "/checkout/sessions/a%20b~c");

  mock.transport->enqueue_json(200, created_session_json());
  client.checkout_sessions().update("a:b", {});
  EXPECT_EQ(mock.transport->last_request().url, std::string(kBase) + "/checkout/sessions/a%3Ab");

  mock.transport->enqueue_json(200, "[]");
  client.checkout_sessions().payment_methods("a=b");
  EXPECT_EQ(mock.transport->last_request().url,
            std::string(kBase) + "/checkout/sessions/a%3Db/payment-methods");

  // Characters that would leave the segment on a decoding hop are refused (tests/security).
  EXPECT_THROW(client.checkout_sessions().retrieve("../a b/c?d"), yuno::InvalidArgumentError);
  EXPECT_THROW(client.checkout_sessions().update("a/b", {}), yuno::InvalidArgumentError);
  EXPECT_THROW(client.checkout_sessions().payment_methods("a#b"), yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 3u);

  mock.transport->enqueue_json(201, token_json());
  yuno::CreateOneTimeTokenRequest token_request;
  client.checkout_sessions().create_one_time_token("a&b", token_request);
  EXPECT_EQ(mock.transport->last_request().url,
            std::string(kBase) + "/checkout/sessions/a%26b/token");
}

TEST(CheckoutSessionsApi, EmptySessionIdIsRejectedBeforeSending) {
  MockClient mock;
  auto client = mock.make().checkout_sessions();
  EXPECT_THROW(client.retrieve(""), yuno::InvalidArgumentError);
  EXPECT_THROW(client.update("", {}), yuno::InvalidArgumentError);
  EXPECT_THROW(client.payment_methods(""), yuno::InvalidArgumentError);
  EXPECT_THROW(client.create_one_time_token("", {}), yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 0u);
}

TEST(CheckoutSessionsApi, UpdatePatchesOnlyTheFieldsSet) {
  MockClient mock;
  mock.transport->enqueue_json(200, created_session_json());
  yuno::UpdateCheckoutSessionRequest request;
  request.payment_description = "New description";
  request.amount = yuno::CheckoutAmount{"ARS", std::nullopt, {}};  // as Yuno's own example
  auto session = mock.make().checkout_sessions().update(kSessionId, request);

  const yuno::HttpRequest sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "PATCH");
  EXPECT_EQ(sent.url, std::string(kBase) + "/checkout/sessions/" + kSessionId);
  EXPECT_TRUE(is_uuid_v4(idempotency_key_of(sent)));
  EXPECT_EQ(nlohmann::json::parse(sent.body),
            (nlohmann::json{{"payment_description", "New description"},
                            {"amount", {{"currency", "ARS"}}}}));
  EXPECT_EQ(session.id, kSessionId);
  EXPECT_EQ(session.id_key(), yuno::CheckoutSession::IdKey::kCheckoutSession);
}

TEST(CheckoutSessionsApi, AnEmptyUpdateSendsAnEmptyObject) {
  MockClient mock;
  mock.transport->enqueue_json(200, created_session_json());
  mock.make().checkout_sessions().update(kSessionId, {});
  EXPECT_EQ(mock.transport->last_request().body, "{}");
}

TEST(CheckoutSessionsApi, SessionWithoutAnIdIsAParseError) {
  MockClient mock;
  mock.transport->enqueue_json(200, R"({"merchant_order_id":"order-1","id":null})");
  try {
    mock.make().checkout_sessions().retrieve(kSessionId);
    FAIL() << "expected ResponseParseError";
  } catch (const yuno::ResponseParseError& e) {
    EXPECT_TRUE(contains(e.what(), "checkout_session")) << e.what();
  }
}

TEST(CheckoutSessionsApi, BothIdNamesRoundTripWithCheckoutSessionFirst) {
  const auto j = nlohmann::json::parse(R"({"checkout_session":"s-1","id":"s-1","used":false})");
  const auto session = j.get<yuno::CheckoutSession>();
  EXPECT_EQ(session.id, "s-1");
  EXPECT_EQ(session.id_key(), yuno::CheckoutSession::IdKey::kCheckoutSession);
  EXPECT_EQ(nlohmann::json(session), j);

  yuno::CheckoutSession built;  // made in code: the create/update name
  built.id = "s-2";
  EXPECT_EQ(nlohmann::json(built), (nlohmann::json{{"checkout_session", "s-2"}}));
}

TEST(CheckoutSessionsApi, UnknownWorkflowAndFieldsAreKept) {
  MockClient mock;
  mock.transport->enqueue_json(
      200, R"({"id":"s-1","workflow":"SOMETHING_NEW","expires_at":"2026-01-01T00:00:00Z"})");
  auto session = mock.make().checkout_sessions().retrieve("s-1");
  ASSERT_TRUE(session.workflow.has_value());
  EXPECT_EQ(session.workflow->value(), "SOMETHING_NEW");
  EXPECT_NE(*session.workflow, yuno::CheckoutWorkflow::kSdkCheckout);
  EXPECT_EQ(session.unknown_fields.value().at("expires_at"), "2026-01-01T00:00:00Z");
}

TEST(CheckoutSessionsApi, NotFoundIsTyped) {
  MockClient mock;
  mock.transport->enqueue_json(
      404, yuno::test::error_json("CHECKOUT_SESSION_NOT_FOUND", "Checkout session not found"));
  try {
    mock.make().checkout_sessions().retrieve("missing");
    FAIL() << "expected NotFoundError";
  } catch (const yuno::NotFoundError& e) {
    EXPECT_EQ(e.code(), "CHECKOUT_SESSION_NOT_FOUND");
  }
}

// --- payment methods --------------------------------------------------------------------

TEST(CheckoutSessionsApi, PaymentMethodsParsesTheDocumentedArray) {
  MockClient mock;
  mock.transport->enqueue_json(200, payment_methods_json(), {{"x-request-id", "r-pm"}});
  auto methods = mock.make().checkout_sessions().payment_methods(kSessionId);

  const yuno::HttpRequest sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "GET");
  EXPECT_EQ(sent.url, std::string(kBase) + "/checkout/sessions/" + kSessionId + "/payment-methods");
  EXPECT_FALSE(find_header(sent.headers, "x-idempotency-key").has_value());
  EXPECT_EQ(methods.response_metadata().request_id, "r-pm");

  ASSERT_EQ(methods.size(), 2u);
  const yuno::CheckoutPaymentMethod& card = methods[0];
  EXPECT_EQ(card.name, "Card");
  EXPECT_EQ(card.type, "CARD");
  EXPECT_FALSE(card.vaulted_token.has_value());
  ASSERT_TRUE(card.checkout.has_value());
  EXPECT_EQ(card.checkout->session, "s-1");
  EXPECT_EQ(card.checkout->sdk_required_action, false);
  ASSERT_TRUE(card.checkout->conditions && card.checkout->conditions->rules);
  EXPECT_EQ(card.checkout->conditions->enabled, true);
  EXPECT_EQ(card.checkout->conditions->rules->at(0).condition_name, "Country-US");
  EXPECT_EQ(card.checkout->conditions->rules->at(0).values->countries,
            std::vector<std::string>{"US"});
  EXPECT_FALSE(card.checkout->conditions->rules->at(0).values->min.has_value());

  const yuno::CheckoutPaymentMethod& vaulted = methods[1];
  EXPECT_EQ(vaulted.vaulted_token, "de00c1bd");
  EXPECT_EQ(vaulted.last_successfully_used_at, "");
  ASSERT_TRUE(vaulted.card_data.has_value());
  EXPECT_EQ(vaulted.card_data->lfd, "1111");
  EXPECT_EQ(vaulted.card_data->expiration_year, 26);
  // This list names the issuer `issuer` (payments say `issuer_name`); CardData has both.
  EXPECT_EQ(vaulted.card_data->issuer, "JPMORGAN CHASE BANK N A");
  EXPECT_FALSE(vaulted.card_data->issuer_code.has_value());
  EXPECT_EQ(vaulted.unknown_fields.value().at("new_field"), (nlohmann::json{{"x", 1}}));
}

TEST(CheckoutSessionsApi, PaymentMethodsCategoryIsAnEncodedQueryParameter) {
  MockClient mock;
  auto client = mock.make().checkout_sessions();
  mock.transport->enqueue_json(200, "[]");
  auto methods = client.payment_methods(kSessionId, "CARD");
  EXPECT_TRUE(methods.empty());
  EXPECT_EQ(mock.transport->last_request().url, std::string(kBase) + "/checkout/sessions/" +
                                                    kSessionId + "/payment-methods?category=CARD");

  mock.transport->enqueue_json(200, "[]");
  client.payment_methods("s-1", std::string("A B&c=d/e"));
  EXPECT_EQ(
      mock.transport->last_request().url,
      std::string(kBase) + "/checkout/sessions/s-1/payment-methods?category=A%20B%26c%3Dd%2Fe");

  EXPECT_THROW(client.payment_methods("s-1", std::string()), yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 2u);
}

TEST(CheckoutSessionsApi, PaymentMethodsAcceptsTheListWrappedInAnObject) {
  MockClient mock;
  auto client = mock.make().checkout_sessions();
  mock.transport->enqueue_json(200, R"({"payment_methods":)" + payment_methods_json() + "}");
  auto methods = client.payment_methods("s-1");
  ASSERT_EQ(methods.size(), 2u);
  EXPECT_EQ(methods[1].vaulted_token, "de00c1bd");

  mock.transport->enqueue_json(200, R"({"code":"x"})");
  EXPECT_THROW(client.payment_methods("s-1"), yuno::ResponseParseError);
  mock.transport->enqueue_json(200, R"({"payment_methods":{}})");
  EXPECT_THROW(client.payment_methods("s-1"), yuno::ResponseParseError);
  mock.transport->enqueue_json(200, R"("text")");
  EXPECT_THROW(client.payment_methods("s-1"), yuno::ResponseParseError);
  mock.transport->enqueue_json(200, R"([{"name":42}])");
  EXPECT_THROW(client.payment_methods("s-1"), yuno::ResponseParseError);
}

// --- one-time tokens --------------------------------------------------------------------

TEST(CheckoutSessionsApi, SessionTokenPostsTheCardAndReturnsTheToken) {
  MockClient mock;
  mock.transport->enqueue_json(201, token_json());
  yuno::CreateOneTimeTokenRequest request;
  request.account_id = "acc-1";
  request.payment_method.card = test_card();

  auto token = mock.make().checkout_sessions().create_one_time_token(kSessionId, request);

  const yuno::HttpRequest sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, std::string(kBase) + "/checkout/sessions/" + kSessionId + "/token");
  EXPECT_TRUE(is_uuid_v4(idempotency_key_of(sent)));
  const nlohmann::json expected = {{"account_id", "acc-1"},
                                   {"payment_method",
                                    {{"type", "CARD"},
                                     {"card",
                                      {{"number", kCardNumber},
                                       {"expiration_month", 11},
                                       {"expiration_year", 28},
                                       {"security_code", kCvv},
                                       {"holder_name", kHolder}}}}}};
  // Compared without EXPECT_EQ, which would print the card on a failure.
  EXPECT_TRUE(nlohmann::json::parse(sent.body) == expected);

  EXPECT_EQ(token.token, "dab106a6-9067-4418-ae43-6045663531dc");
  EXPECT_EQ(token.type, "CARD");
  EXPECT_EQ(token.vault_on_success, false);
  EXPECT_EQ(token.country, "BR");
  ASSERT_TRUE(token.card_data.has_value());
  EXPECT_EQ(token.card_data->lfd, "0002");
  EXPECT_EQ(token.card_data->issuer_name, "BANK");
  EXPECT_FALSE(token.customer.has_value());
  EXPECT_EQ(token.response_metadata().status_code, 201);
}

TEST(CheckoutSessionsApi, SessionTokenNeedsAPaymentMethodType) {
  MockClient mock;
  yuno::CreateOneTimeTokenRequest request;
  request.payment_method.type.clear();
  EXPECT_THROW(mock.make().checkout_sessions().create_one_time_token("s-1", request),
               yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 0u);
}

TEST(CheckoutSessionsApi, DirectTokenPostsToTokens) {
  MockClient mock;
  mock.transport->enqueue_json(
      201, R"({"token":"9107a30f","card_data":{"iin":"45079900","lfd":"0002","brand":"VISA"},)"
           R"("customer_payer":{"first_name":"Jane","phone":{"country_code":"57","number":"300"},)"
           R"("browser_info":{"user_agent":"UA","java_enabled":null}}})");
  yuno::CreateTokenRequest request;
  request.account_id = "acc-1";
  request.country = "CO";
  request.card_data = test_card();
  // Documented inside card_data for this call; CardData has no field for it yet.
  request.card_data.unknown_fields =
      yuno::Json::parse(R"({"stored_credentials":{"reason":"CARD_ON_FILE","usage":"FIRST"}})");
  request.customer_payer.emplace();
  request.customer_payer->email = "jane@example.com";

  yuno::RequestOptions options;
  options.idempotency_key = "tok-1";
  auto token = mock.make().checkout_sessions().create_token(request, options);

  const yuno::HttpRequest sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, std::string(kBase) + "/tokens");
  EXPECT_EQ(idempotency_key_of(sent), "tok-1");
  const nlohmann::json expected = {
      {"account_id", "acc-1"},
      {"country", "CO"},
      {"card_data",
       {{"number", kCardNumber},
        {"expiration_month", 11},
        {"expiration_year", 28},
        {"security_code", kCvv},
        {"holder_name", kHolder},
        {"stored_credentials", {{"reason", "CARD_ON_FILE"}, {"usage", "FIRST"}}}}},
      {"customer_payer", {{"email", "jane@example.com"}}}};
  EXPECT_TRUE(nlohmann::json::parse(sent.body) == expected);

  EXPECT_EQ(token.token, "9107a30f");
  ASSERT_TRUE(token.customer_payer && token.customer_payer->phone);
  EXPECT_EQ(token.customer_payer->phone->number, "300");
  EXPECT_EQ(token.customer_payer->browser_info->user_agent, "UA");
}

TEST(CheckoutSessionsApi, AccountIdDefaultsToTheClients) {
  MockClient mock;
  mock.transport->enqueue_json(200, created_session_json());
  yuno::CreateCheckoutSessionRequest request = create_request();
  request.account_id.clear();
  mock.make().checkout_sessions().create(request);
  EXPECT_EQ(nlohmann::json::parse(mock.transport->last_request().body).at("account_id"),
            yuno::test::kAccountId);
}

TEST(CheckoutSessionsApi, DirectTokenChecksTheRequiredFieldsBeforeSending) {
  MockClient mock;
  mock.options.account_id.clear();  // else account_id defaults to the client's
  auto client = mock.make().checkout_sessions();
  yuno::CreateTokenRequest no_account;
  no_account.card_data = test_card();
  EXPECT_THROW(client.create_token(no_account), yuno::InvalidArgumentError);
  yuno::CreateTokenRequest no_number;
  no_number.account_id = "acc-1";
  try {
    client.create_token(no_number);
    FAIL() << "expected InvalidArgumentError";
  } catch (const yuno::InvalidArgumentError& e) {
    EXPECT_TRUE(contains(e.what(), "card_data.number")) << e.what();
  }
  EXPECT_EQ(mock.transport->request_count(), 0u);
}

TEST(CheckoutSessionsApi, CardDataNeverReachesLogsOrErrors) {
  MockClient mock;
  CapturedLog log;
  mock.options.logger = log.logger();
  mock.options.log_level = yuno::LogLevel::kDebug;
  mock.options.log_bodies = true;
  mock.options.max_retries = 0;
  auto client = mock.make().checkout_sessions();

  yuno::CreateTokenRequest direct;
  direct.account_id = "acc-1";
  direct.card_data = test_card();
  mock.transport->enqueue_json(400, yuno::test::error_json("INVALID_REQUEST", "Invalid card"));
  std::string message;
  try {
    client.create_token(direct);
  } catch (const yuno::InvalidRequestError& e) {
    message = e.what();
  }
  EXPECT_FALSE(message.empty());

  yuno::CreateOneTimeTokenRequest session_token;
  session_token.payment_method.card = test_card();
  session_token.card_data = test_card();
  mock.transport->enqueue_json(201, token_json());
  client.create_one_time_token("s-1", session_token);

  ASSERT_FALSE(log.text.empty());
  EXPECT_TRUE(contains(log.text, "/token"));
  EXPECT_TRUE(contains(log.text, "[REDACTED]"));  // the bodies were logged, masked
  for (const std::string& text : {message, log.text}) {
    EXPECT_TRUE(text.find(kCardNumber) == std::string::npos);
    EXPECT_TRUE(text.find(std::string("\"") + kCvv + "\"") == std::string::npos);
  }
}

TEST(CheckoutSessionsApi, TokenRequestsPrintTheCardMasked) {
  yuno::CreateOneTimeTokenRequest session_token;
  session_token.payment_method.card = test_card();
  session_token.card_data = test_card();
  yuno::CreateTokenRequest direct;
  direct.card_data = test_card();

  for (const std::string& text : {session_token.to_string(), direct.to_string()}) {
    EXPECT_TRUE(text.find(kCardNumber) == std::string::npos);
    EXPECT_TRUE(text.find(kCvv) == std::string::npos);
    EXPECT_TRUE(text.find(kHolder) == std::string::npos);
    EXPECT_TRUE(contains(text, "450799******0002"));
  }
  EXPECT_TRUE(contains(session_token.to_string(), "payment_method.type=CARD"));

  std::ostringstream streamed;
  streamed << session_token << direct;
  EXPECT_EQ(streamed.str(), session_token.to_string() + direct.to_string());
}

TEST(CheckoutSessionsApi, MalformedCardDataErrorsNameTheFieldNotTheValue) {
  const auto j = nlohmann::json::parse(std::string(R"({"card_data":{"number":")") + kCardNumber +
                                       R"(","expiration_month":"eleven"}})");
  try {
    (void)j.get<yuno::CreateTokenRequest>();
    FAIL() << "expected a parse error";
  } catch (const std::exception& e) {
    const std::string what = e.what();
    EXPECT_TRUE(contains(what, "expiration_month")) << what;
    EXPECT_TRUE(what.find(kCardNumber) == std::string::npos);
    EXPECT_TRUE(what.find("eleven") == std::string::npos);
  }
}

}  // namespace
