// The enrollment API (client.payment_methods()) and customer sessions
// (client.customer_sessions()) over the mock transport: each call's method, path, query,
// headers and body, the answers' shapes, input checks before sending, and error mapping.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "unit_test_support.hpp"

namespace {

using nlohmann::json;
using yuno::find_header;
using yuno::test::error_json;
using yuno::test::kAccountId;
using yuno::test::MockClient;

constexpr const char* kBase = "https://api-sandbox.y.uno";
// Test card data: recognisable so the tests can assert it never shows up in text.
constexpr const char* kPan = "4507990000000002";
constexpr const char* kCvv = "739";

json enrolled_method(const std::string& status = "ENROLLED") {
  return {{"id", "pm-1"},
          {"idempotency_key", nullptr},
          {"name", "VISA ****0002"},
          {"type", "CARD"},
          {"category", "CARD"},
          {"country", "US"},
          {"status", status},
          {"sub_status", nullptr},
          {"vaulted_token", "vt-1"},
          {"enrollment", {{"session", ""}, {"sdk_required_action", false}}},
          {"card_data", {{"iin", "45079900"}, {"lfd", "0002"}, {"brand", "VISA"}}},
          {"verify", {{"vault_on_success", false}, {"payment", nullptr}}}};
}

json sent_body(const yuno::testing::MockTransport& transport) {
  return json::parse(transport.last_request().body);
}

std::string idempotency_key(const yuno::HttpRequest& request) {
  return find_header(request.headers, "x-idempotency-key").value_or("");
}

yuno::EnrollPaymentMethodRequest card_enrollment() {
  yuno::EnrollPaymentMethodRequest request;
  request.country = "US";
  request.type = "CARD";
  request.workflow = yuno::PaymentWorkflow::kDirect;
  request.card_data = yuno::CardData{};
  request.card_data->number = kPan;
  request.card_data->security_code = kCvv;
  request.card_data->expiration_month = 11;
  request.card_data->expiration_year = 28;
  request.card_data->holder_name = "JOHN DOE";
  request.verify = yuno::EnrollmentVerification{};
  request.verify->vault_on_success = true;
  request.verify->currency = "USD";
  return request;
}

// ---- enroll (direct) ------------------------------------------------------------------

TEST(PaymentMethodsApi, EnrollPostsTheCardAndParsesTheEnrolledMethod) {
  MockClient mock;
  mock.transport->enqueue_json(201, enrolled_method().dump(), {{"x-request-id", "r-1"}});
  auto method = mock.make().payment_methods().enroll("cus-1", card_enrollment());

  const auto sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, std::string(kBase) + "/v1/customers/cus-1/payment-methods");
  EXPECT_EQ(idempotency_key(sent).size(), 36u);
  EXPECT_EQ(method.response_metadata().idempotency_key, idempotency_key(sent));
  EXPECT_EQ(method.response_metadata().request_id, "r-1");
  EXPECT_EQ(method.response_metadata().status_code, 201);
  EXPECT_EQ(sent_body(*mock.transport), (json{
      {"account_id", kAccountId},  // filled from ClientOptions::account_id
      {"country", "US"},
      {"type", "CARD"},
      {"workflow", "DIRECT"},
      {"card_data", {{"number", kPan}, {"security_code", kCvv}, {"expiration_month", 11},
                     {"expiration_year", 28}, {"holder_name", "JOHN DOE"}}},
      {"verify", {{"vault_on_success", true}, {"currency", "USD"}}}}));

  EXPECT_EQ(method.status, yuno::PaymentMethodStatus::kEnrolled);
  EXPECT_EQ(method.vaulted_token, "vt-1");
  EXPECT_FALSE(method.sub_status.has_value());
  ASSERT_TRUE(method.card_data.has_value());
  EXPECT_EQ(method.card_data->lfd, "0002");
}

TEST(PaymentMethodsApi, EnrollUsesTheRequestOrCallAccountIdAndAGivenKey) {
  MockClient mock;
  auto client = mock.make();
  mock.transport->enqueue_json(201, enrolled_method().dump());
  auto request = card_enrollment();
  request.account_id = "acc-explicit";
  yuno::RequestOptions options;
  options.account_id = "acc-override";
  options.idempotency_key = "enroll-key-1";
  client.payment_methods().enroll("cus-1", request, options);
  EXPECT_EQ(sent_body(*mock.transport).at("account_id"), "acc-explicit");
  EXPECT_EQ(idempotency_key(mock.transport->last_request()), "enroll-key-1");

  mock.transport->enqueue_json(201, enrolled_method().dump());
  client.payment_methods().enroll("cus-1", card_enrollment(), options);
  EXPECT_EQ(sent_body(*mock.transport).at("account_id"), "acc-override");
}

TEST(PaymentMethodsApi, EnrollIsRetriedWithTheSameKey) {
  MockClient mock;
  mock.transport->enqueue_json(503, error_json("INTERNAL_ERROR", "try again"));
  mock.transport->enqueue_json(201, enrolled_method().dump());
  auto method = mock.make().payment_methods().enroll("cus-1", card_enrollment());
  EXPECT_EQ(method.response_metadata().attempts, 2);
  const auto requests = mock.transport->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(idempotency_key(requests[0]), idempotency_key(requests[1]));
  EXPECT_EQ(requests[0].body, requests[1].body);
}

TEST(PaymentMethodsApi, EnrollRejectsMissingFieldsBeforeSending) {
  MockClient mock;
  auto client = mock.make();
  EXPECT_THROW(client.payment_methods().enroll("", card_enrollment()), yuno::InvalidArgumentError);
  auto no_country = card_enrollment();
  no_country.country.clear();
  EXPECT_THROW(client.payment_methods().enroll("cus-1", no_country), yuno::InvalidArgumentError);
  auto no_type = card_enrollment();
  no_type.type.clear();
  EXPECT_THROW(client.payment_methods().enroll("cus-1", no_type), yuno::InvalidArgumentError);

  MockClient no_account;
  no_account.options.account_id.clear();
  EXPECT_THROW(no_account.make().payment_methods().enroll("cus-1", card_enrollment()),
               yuno::InvalidArgumentError);

  EXPECT_EQ(mock.transport->request_count(), 0u);
  EXPECT_EQ(no_account.transport->request_count(), 0u);
}

TEST(PaymentMethodsApi, CardDataNeverReachesErrorsOrLogs) {
  MockClient mock;
  std::string logged;
  mock.options.logger = [&logged](yuno::LogLevel, std::string_view line) {
    logged += std::string(line) + "\n";
  };
  mock.options.log_level = yuno::LogLevel::kDebug;
  mock.options.log_bodies = true;
  mock.options.max_retries = 0;
  auto client = mock.make();

  // An error answer that echoes the card.
  mock.transport->enqueue_json(
      400, R"({"code":"INVALID_PARAMETERS","messages":["card 4507990000000002 cvv 739 invalid"]})");
  std::string message;
  try {
    client.payment_methods().enroll("cus-1", card_enrollment());
  } catch (const yuno::InvalidRequestError& e) {
    message = e.what();
    EXPECT_EQ(e.code(), "INVALID_PARAMETERS");
  }
  ASSERT_FALSE(message.empty());
  EXPECT_EQ(message.find(kPan), std::string::npos) << message;

  // A 2xx whose card number has the wrong type: the parse error names the field only.
  json odd = enrolled_method();
  odd["card_data"]["number"] = 4507990000000002LL;
  mock.transport->enqueue_json(201, odd.dump());
  std::string parse_message;
  try {
    client.payment_methods().enroll("cus-1", card_enrollment());
  } catch (const yuno::ResponseParseError& e) {
    parse_message = e.what();
  }
  ASSERT_FALSE(parse_message.empty());
  EXPECT_NE(parse_message.find("card_data"), std::string::npos) << parse_message;
  EXPECT_EQ(parse_message.find(kPan), std::string::npos) << parse_message;

  EXPECT_FALSE(logged.empty());
  EXPECT_EQ(logged.find(kPan), std::string::npos);
  EXPECT_EQ(logged.find(std::string("\"security_code\":\"") + kCvv), std::string::npos);
  EXPECT_EQ(logged.find(yuno::test::kSecretKey), std::string::npos);
  // The card did go to Yuno: the masking is in the text, not in what is sent.
  EXPECT_NE(mock.transport->last_request().body.find(kPan), std::string::npos);
}

// ---- enrollment through a customer session --------------------------------------------

TEST(PaymentMethodsApi, EnrollInSessionPostsTheTypeAndReturnsAMethodReadyToEnroll) {
  MockClient mock;
  json answer = enrolled_method("READY_TO_ENROLL");
  answer.erase("vaulted_token");
  answer["enrollment"] = {{"session", "enr-session-1"}, {"sdk_required_action", false}};
  mock.transport->enqueue_json(201, answer.dump());
  yuno::SessionEnrollmentRequest request;
  request.payment_method_type = "CARD";
  request.country = "US";
  request.verify = yuno::EnrollmentVerification{};
  request.verify->vault_on_success = true;
  auto method = mock.make().payment_methods().enroll_in_session("cs 1:2", request);

  const auto sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, std::string(kBase) + "/v1/customers/sessions/cs%201%3A2/payment-methods");
  EXPECT_EQ(idempotency_key(sent).size(), 36u);
  EXPECT_EQ(sent_body(*mock.transport),
            (json{{"account_id", kAccountId}, {"payment_method_type", "CARD"}, {"country", "US"},
                  {"verify", {{"vault_on_success", true}}}}));
  EXPECT_EQ(method.status, yuno::PaymentMethodStatus::kReadyToEnroll);
  ASSERT_TRUE(method.enrollment.has_value());
  EXPECT_EQ(method.enrollment->session, "enr-session-1");
  EXPECT_FALSE(method.vaulted_token.has_value());
}

TEST(PaymentMethodsApi, EnrollInSessionRejectsMissingFieldsBeforeSending) {
  MockClient mock;
  auto client = mock.make();
  yuno::SessionEnrollmentRequest request;
  request.payment_method_type = "CARD";
  request.country = "US";
  EXPECT_THROW(client.payment_methods().enroll_in_session("", request), yuno::InvalidArgumentError);
  auto no_type = request;
  no_type.payment_method_type.clear();
  EXPECT_THROW(client.payment_methods().enroll_in_session("cs-1", no_type),
               yuno::InvalidArgumentError);
  auto no_country = request;
  no_country.country.clear();
  EXPECT_THROW(client.payment_methods().enroll_in_session("cs-1", no_country),
               yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 0u);
}

// ---- lists ----------------------------------------------------------------------------

TEST(PaymentMethodsApi, AvailableToEnrollReadsTheWrappedListOrABareArray) {
  MockClient mock;
  auto client = mock.make();
  const json offered = {{"name", "Visa Credit Card"}, {"type", "VISA"}, {"category", "CARD"},
                        {"enrollment", {{"session", "s-1"}, {"sdk_required_action", false}}}};
  mock.transport->enqueue_json(200, json{{"payment_methods", {offered, offered}}}.dump());
  auto methods = client.payment_methods().available_to_enroll("cs-1");
  const auto sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "GET");
  EXPECT_EQ(sent.url, std::string(kBase) + "/v1/checkout/customers/sessions/cs-1/payment-methods");
  EXPECT_FALSE(find_header(sent.headers, "x-idempotency-key"));
  EXPECT_TRUE(sent.body.empty());
  ASSERT_EQ(methods.size(), 2u);
  EXPECT_EQ(methods[0].type, "VISA");
  EXPECT_EQ(methods[1].enrollment->session, "s-1");
  EXPECT_EQ(methods.response_metadata().status_code, 200);

  mock.transport->enqueue_json(200, json::array({offered}).dump());
  EXPECT_EQ(client.payment_methods().available_to_enroll("cs-1").size(), 1u);
  mock.transport->enqueue_json(200, R"({"payment_methods": []})");
  EXPECT_TRUE(client.payment_methods().available_to_enroll("cs-1").empty());
  EXPECT_THROW(client.payment_methods().available_to_enroll(""), yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 3u);
}

TEST(PaymentMethodsApi, ListReadsTheCustomersEnrolledMethods) {
  MockClient mock;
  auto client = mock.make();
  json second = enrolled_method();
  second["vaulted_token"] = "vt-2";
  second["last_successfully_used_at"] = "";
  mock.transport->enqueue_json(200, json{{"payment_methods", {enrolled_method(), second}}}.dump());
  auto methods = client.payment_methods().list("cus-1");
  EXPECT_EQ(mock.transport->last_request().method, "GET");
  EXPECT_EQ(mock.transport->last_request().url,
            std::string(kBase) + "/v1/customers/cus-1/payment-methods");
  ASSERT_EQ(methods.size(), 2u);
  EXPECT_EQ(methods[1].vaulted_token, "vt-2");
  EXPECT_EQ(methods[1].last_successfully_used_at, "");

  mock.transport->enqueue_json(200, json::array({second}).dump());
  EXPECT_EQ(client.payment_methods().list("cus-1").at(0).vaulted_token, "vt-2");
  EXPECT_THROW(client.payment_methods().list(""), yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 2u);
}

TEST(PaymentMethodsApi, AListOfAnotherShapeIsAParseErrorWithTheRawBody) {
  MockClient mock;
  auto client = mock.make();
  for (const std::string& body :
       {std::string(R"({"methods": []})"), std::string(R"({"payment_methods": {"id": "x"}})"),
        std::string(R"("text")"), std::string("not json"),
        std::string(R"({"payment_methods": [{"status": 7}]})")}) {
    SCOPED_TRACE(body);
    mock.transport->enqueue_json(200, body);
    try {
      client.payment_methods().list("cus-1");
      ADD_FAILURE() << "parsed";
    } catch (const yuno::ResponseParseError& e) {
      EXPECT_EQ(e.raw_body(), body);
      EXPECT_EQ(e.status_code(), 200);
      EXPECT_EQ(e.context().path, "/v1/customers/{customer_id}/payment-methods");
    }
  }
}

// ---- retrieve, unenroll ----------------------------------------------------------------

TEST(PaymentMethodsApi, RetrieveHasACustomerAndASessionVariant) {
  MockClient mock;
  auto client = mock.make();
  mock.transport->enqueue_json(200, enrolled_method().dump());
  auto by_customer = client.payment_methods().retrieve("cus-1", "pm:1");
  EXPECT_EQ(mock.transport->last_request().method, "GET");
  EXPECT_EQ(mock.transport->last_request().url,
            std::string(kBase) + "/v1/customers/cus-1/payment-methods/pm%3A1");
  EXPECT_EQ(by_customer.id, "pm-1");

  mock.transport->enqueue_json(200, enrolled_method("READY_TO_ENROLL").dump());
  auto by_id = client.payment_methods().retrieve("pm-1");
  EXPECT_EQ(mock.transport->last_request().url, std::string(kBase) + "/v1/payment-methods/pm-1");
  EXPECT_FALSE(find_header(mock.transport->last_request().headers, "x-idempotency-key"));
  EXPECT_EQ(by_id.status, yuno::PaymentMethodStatus::kReadyToEnroll);

  EXPECT_THROW(client.payment_methods().retrieve("", "pm-1"), yuno::InvalidArgumentError);
  EXPECT_THROW(client.payment_methods().retrieve("cus-1", ""), yuno::InvalidArgumentError);
  EXPECT_THROW(client.payment_methods().retrieve(""), yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 2u);
}

TEST(PaymentMethodsApi, UnenrollPostsWithoutABodyAndAKey) {
  MockClient mock;
  auto client = mock.make();
  mock.transport->enqueue_json(200, enrolled_method("UNENROLLED").dump());
  auto direct = client.payment_methods().unenroll("cus-1", "pm-1");
  auto sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, std::string(kBase) + "/v1/customers/cus-1/payment-methods/pm-1/unenroll");
  EXPECT_TRUE(sent.body.empty());
  EXPECT_EQ(idempotency_key(sent).size(), 36u);
  EXPECT_EQ(direct.status, yuno::PaymentMethodStatus::kUnenrolled);

  mock.transport->enqueue_json(200, enrolled_method("UNENROLLED").dump());
  auto in_session = client.payment_methods().unenroll("pm-1");
  sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, std::string(kBase) + "/v1/customers/payment-methods/pm-1/unenroll");
  EXPECT_EQ(in_session.status, yuno::PaymentMethodStatus::kUnenrolled);

  EXPECT_THROW(client.payment_methods().unenroll("", "pm-1"), yuno::InvalidArgumentError);
  EXPECT_THROW(client.payment_methods().unenroll("cus-1", ""), yuno::InvalidArgumentError);
  EXPECT_THROW(client.payment_methods().unenroll(""), yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 2u);
}

TEST(PaymentMethodsApi, ErrorsAreTypedByStatus) {
  MockClient mock;
  auto client = mock.make();
  mock.transport->enqueue_json(404, error_json("PAYMENT_METHOD_NOT_FOUND", "Payment method not found."),
                               {{"x-request-id", "r-404"}});
  try {
    client.payment_methods().retrieve("cus-1", "missing");
    FAIL() << "no error";
  } catch (const yuno::NotFoundError& e) {
    EXPECT_EQ(e.code(), "PAYMENT_METHOD_NOT_FOUND");
    EXPECT_EQ(e.request_id(), "r-404");
  }
  mock.transport->enqueue_json(400, error_json("CUSTOMER_NOT_FOUND", "Customer not found."));
  EXPECT_THROW(client.payment_methods().list("nobody"), yuno::InvalidRequestError);
  mock.transport->enqueue_json(403, error_json("AUTHORIZATION_REQUIRED", "no"));
  EXPECT_THROW(client.payment_methods().unenroll("pm-1"), yuno::PermissionError);
}

TEST(PaymentMethodsApi, AnUnparsable2xxIsAParseErrorThatKeepsTheKey) {
  MockClient mock;
  mock.transport->enqueue_json(201, "<html>oops</html>");
  try {
    mock.make().payment_methods().enroll("cus-1", card_enrollment());
    FAIL() << "parsed";
  } catch (const yuno::ResponseParseError& e) {
    EXPECT_EQ(e.raw_body(), "<html>oops</html>");
    EXPECT_EQ(e.status_code(), 201);
    // The enrollment may have happened: the key to retry with is in the error.
    EXPECT_EQ(e.idempotency_key(), idempotency_key(mock.transport->last_request()));
    EXPECT_FALSE(e.idempotency_key().empty());
  }
}

// ---- reassign, account updater ---------------------------------------------------------

TEST(PaymentMethodsApi, ReassignPatchesTheCustomerWithTheAccountCode) {
  MockClient mock;
  auto client = mock.make();
  json answer = enrolled_method();
  answer["customer_id"] = "cus-2";
  mock.transport->enqueue_json(200, answer.dump());
  auto method = client.payment_methods().reassign("vt-1", "cus-2");
  const auto sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "PATCH");
  EXPECT_EQ(sent.url, std::string(kBase) + "/v1/payment-methods/vt-1");
  EXPECT_EQ(sent_body(*mock.transport), (json{{"customer_id", "cus-2"}}));
  EXPECT_EQ(find_header(sent.headers, "account-code"), kAccountId);
  EXPECT_EQ(idempotency_key(sent).size(), 36u);
  EXPECT_EQ(method.customer_id, "cus-2");

  mock.transport->enqueue_json(200, answer.dump());
  yuno::RequestOptions options;
  options.account_id = "acc-other";
  client.payment_methods().reassign("vt-1", "cus-2", options);
  EXPECT_EQ(find_header(mock.transport->last_request().headers, "account-code"), "acc-other");

  mock.transport->enqueue_json(409, error_json("CONFLICT", "already assigned"));
  EXPECT_THROW(client.payment_methods().reassign("vt-1", "cus-3"), yuno::ConflictError);
  EXPECT_EQ(mock.transport->request_count(), 3u);
}

TEST(PaymentMethodsApi, ReassignRejectsBadInputBeforeSending) {
  MockClient mock;
  EXPECT_THROW(mock.make().payment_methods().reassign("", "cus-2"), yuno::InvalidArgumentError);
  EXPECT_THROW(mock.make().payment_methods().reassign("vt-1", ""), yuno::InvalidArgumentError);
  MockClient no_account;
  no_account.options.account_id.clear();
  EXPECT_THROW(no_account.make().payment_methods().reassign("vt-1", "cus-2"),
               yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 0u);
  EXPECT_EQ(no_account.transport->request_count(), 0u);
}

TEST(PaymentMethodsApi, RegisterForAccountUpdaterPostsTheIds) {
  MockClient mock;
  auto client = mock.make();
  mock.transport->enqueue_json(200, R"({"accepted": 2})");
  auto registration =
      client.payment_methods().register_for_account_updater({"vt-1", "vt-2"});
  const auto sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, std::string(kBase) + "/v1/payment-methods/account-updater");
  EXPECT_EQ(sent_body(*mock.transport), (json{{"payment_method_ids", {"vt-1", "vt-2"}}}));
  EXPECT_EQ(idempotency_key(sent).size(), 36u);
  EXPECT_EQ(registration.accepted, 2);

  mock.transport->enqueue_json(200, R"({"registered": 2})");
  EXPECT_THROW(client.payment_methods().register_for_account_updater({"vt-1"}),
               yuno::ResponseParseError);

  EXPECT_THROW(client.payment_methods().register_for_account_updater({}),
               yuno::InvalidArgumentError);
  EXPECT_THROW(client.payment_methods().register_for_account_updater({"vt-1", ""}),
               yuno::InvalidArgumentError);
  EXPECT_THROW(client.payment_methods().register_for_account_updater(
                   std::vector<std::string>(101, "vt")),
               yuno::InvalidArgumentError);
  EXPECT_NO_THROW({
    mock.transport->enqueue_json(200, R"({"accepted": 100})");
    client.payment_methods().register_for_account_updater(std::vector<std::string>(100, "vt"));
  });
  EXPECT_EQ(mock.transport->request_count(), 3u);
}

// ---- customer sessions ------------------------------------------------------------------

TEST(CustomerSessionsApi, CreatePostsTheSessionRequest) {
  MockClient mock;
  mock.transport->enqueue_json(201, R"({"customer_session": "cs-1", "customer_id": "cus-1",
      "country": "US", "callback_url": null, "created_at": "2025-05-07T20:00:18.721786Z"})");
  yuno::CreateCustomerSessionRequest request;
  request.customer_id = "cus-1";
  request.country = "US";
  request.checkout_id = "chk-1";
  auto session = mock.make().customer_sessions().create(request);

  const auto sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, std::string(kBase) + "/v1/customers/sessions");
  EXPECT_EQ(idempotency_key(sent).size(), 36u);
  EXPECT_EQ(sent_body(*mock.transport), (json{{"account_id", kAccountId}, {"customer_id", "cus-1"},
                                              {"country", "US"}, {"checkout_id", "chk-1"}}));
  EXPECT_EQ(session.customer_session, "cs-1");
  EXPECT_EQ(session.created_at, "2025-05-07T20:00:18.721786Z");
  EXPECT_FALSE(session.callback_url.has_value());
  EXPECT_EQ(session.response_metadata().status_code, 201);
}

TEST(CustomerSessionsApi, CreateChecksItsInputAndTheAnswer) {
  MockClient mock;
  auto client = mock.make();
  yuno::CreateCustomerSessionRequest request;
  request.customer_id = "cus-1";
  request.country = "US";
  auto no_customer = request;
  no_customer.customer_id.clear();
  EXPECT_THROW(client.customer_sessions().create(no_customer), yuno::InvalidArgumentError);
  auto no_country = request;
  no_country.country.clear();
  EXPECT_THROW(client.customer_sessions().create(no_country), yuno::InvalidArgumentError);
  MockClient no_account;
  no_account.options.account_id.clear();
  EXPECT_THROW(no_account.make().customer_sessions().create(request), yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 0u);
  EXPECT_EQ(no_account.transport->request_count(), 0u);

  // A 201 without the session id is not a session.
  mock.transport->enqueue_json(201, R"({"customer_id": "cus-1"})");
  EXPECT_THROW(client.customer_sessions().create(request), yuno::ResponseParseError);
  mock.transport->enqueue_json(400, error_json("CUSTOMER_NOT_FOUND", "Customer not found."));
  EXPECT_THROW(client.customer_sessions().create(request), yuno::InvalidRequestError);
}

}  // namespace
