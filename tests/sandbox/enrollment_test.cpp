// yuno-sandbox's enrollment emulation, in process (ApiRequest -> SandboxApp::handle()):
// customer sessions, direct and session enrollment, card verification, vaulted-token
// payments, vault_on_success, unenrollment, the enrollment webhook events (against a
// loopback receiver, 127.0.0.1 only), and that no card number or CVV is ever echoed.
#include "sandbox_app.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
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

const char* const kPublicKey = "sandbox_enrollment_test_public_key";
const char* const kPrivateKey = "enrollment_test_private_secret_key";
const char* const kAccountId = "0f4c2a1e-7b3d-4c5e-8f9a-1b2c3d4e5f60";

// Testing Gateway cards (docs/sandbox.md).
const char* const kVisaOk = "4507990000000002";
const char* const kVisaInsufficientFunds = "4507990000000010";
const char* const kVisaError = "4507990000000077";
const char* const kMastercardOk = "5252440000000002";

json card_data(const std::string& number) {
  return {{"number", number},
          {"expiration_month", 11},
          {"expiration_year", 2028},
          {"security_code", "123"},
          {"holder_name", "JOHN DOE"}};
}

// Neither the card number nor its security code appears in `text`.
void expect_no_card_secrets(const std::string& text, const std::string& number) {
  EXPECT_EQ(text.find(number), std::string::npos) << "the card number was echoed";
  EXPECT_EQ(text.find("\"security_code\""), std::string::npos) << "the CVV was echoed";
  EXPECT_EQ(text.find("\"number\""), std::string::npos) << "a card number field was echoed";
}

class EnrollmentTest : public ::testing::Test {
 protected:
  explicit EnrollmentTest(WebhookSettings webhook_settings = {})
      : webhooks_(std::move(webhook_settings)),
        app_(AppSettings{kPublicKey, kPrivateKey, kAccountId, 0ms}, faults_, webhooks_) {}

  ApiResponse call(const std::string& method, const std::string& path, const json& body = nullptr,
                   const std::string& idempotency_key = "") {
    ApiRequest request;
    request.method = method;
    request.path = path;
    request.headers = {{"public-api-key", kPublicKey}, {"private-secret-key", kPrivateKey}};
    if (!idempotency_key.empty()) request.headers.emplace_back("x-idempotency-key", idempotency_key);
    if (!body.is_null()) request.body = body.dump();
    request.remote_addr = "127.0.0.1";
    return app_.handle(request);
  }

  // The answer's JSON, expecting `status`.
  json expect(int status, const std::string& method, const std::string& path,
              const json& body = nullptr, const std::string& idempotency_key = "") {
    const ApiResponse response = call(method, path, body, idempotency_key);
    EXPECT_EQ(response.status, status) << method << " " << path << ": " << response.body;
    return response.body.empty() ? json() : json::parse(response.body);
  }

  // The error code of an answer expected to fail with `status`.
  std::string error(int status, const std::string& method, const std::string& path,
                    const json& body = nullptr) {
    const json answer = expect(status, method, path, body);
    return answer.value("code", std::string("<no code>"));
  }

  std::string new_customer(const std::string& merchant_customer_id) {
    return expect(201, "POST", "/v1/customers",
                  {{"merchant_customer_id", merchant_customer_id},
                   {"first_name", "John"},
                   {"last_name", "Doe"},
                   {"email", "john.doe@example.com"},
                   {"country", "US"}})
        .at("id")
        .get<std::string>();
  }

  json enroll_body(const std::string& number) {
    return {{"account_id", kAccountId},
            {"country", "US"},
            {"type", "CARD"},
            {"workflow", "DIRECT"},
            {"card_data", card_data(number)}};
  }

  json enroll(const std::string& customer_id, const std::string& number) {
    return expect(201, "POST", "/v1/customers/" + customer_id + "/payment-methods",
                  enroll_body(number));
  }

  json payment_body(const std::string& order, const json& payment_method,
                    const std::string& customer_id) {
    return {{"account_id", kAccountId},
            {"description", "stored card payment"},
            {"country", "US"},
            {"merchant_order_id", order},
            {"amount", {{"currency", "USD"}, {"value", 25.5}}},
            {"workflow", "DIRECT"},
            {"customer_payer", {{"id", customer_id}}},
            {"payment_method", payment_method}};
  }

  json pay_with_vaulted_token(const std::string& order, const std::string& vaulted_token,
                              const std::string& customer_id) {
    return expect(201, "POST", "/v1/payments",
                  payment_body(order, {{"type", "CARD"}, {"vaulted_token", vaulted_token}},
                               customer_id),
                  "key-" + order);
  }

  FaultInjector faults_;
  WebhookDispatcher webhooks_;
  SandboxApp app_;
};

TEST_F(EnrollmentTest, ACustomerSessionNeedsAKnownCustomer) {
  const std::string customer = new_customer("session-customer");
  const json session = expect(201, "POST", "/v1/customers/sessions",
                              {{"account_id", kAccountId},
                               {"customer_id", customer},
                               {"country", "US"},
                               {"callback_url", "https://merchant.example/back"}});
  EXPECT_EQ(session.at("customer_session").get<std::string>().size(), 36u);
  EXPECT_EQ(session.at("customer_id"), customer);
  EXPECT_EQ(session.at("country"), "US");
  EXPECT_EQ(session.at("callback_url"), "https://merchant.example/back");
  EXPECT_TRUE(session.at("checkout_id").is_null());
  EXPECT_TRUE(session.contains("created_at"));

  EXPECT_EQ(error(400, "POST", "/v1/customers/sessions",
                  {{"account_id", kAccountId},
                   {"customer_id", "8d9f6f7a-0000-4000-8000-000000000000"},
                   {"country", "US"}}),
            "CUSTOMER_NOT_FOUND");
  EXPECT_EQ(error(400, "POST", "/v1/customers/sessions",
                  {{"account_id", kAccountId}, {"customer_id", customer}}),
            "MISSING_PARAMETERS");
  EXPECT_EQ(error(400, "POST", "/v1/customers/sessions",
                  {{"account_id", "another-account"}, {"customer_id", customer}, {"country", "US"}}),
            "INVALID_PARAMETERS");
}

TEST_F(EnrollmentTest, ADirectEnrollmentStoresAMaskedCardWithAVaultedToken) {
  const std::string customer = new_customer("direct-customer");
  const ApiResponse response = call("POST", "/v1/customers/" + customer + "/payment-methods",
                                    enroll_body(kVisaOk), "enroll-key-1");
  ASSERT_EQ(response.status, 201) << response.body;
  expect_no_card_secrets(response.body, kVisaOk);
  const json method = json::parse(response.body);
  EXPECT_EQ(method.at("status"), "ENROLLED");
  EXPECT_TRUE(method.at("sub_status").is_null());
  EXPECT_EQ(method.at("type"), "CARD");
  EXPECT_EQ(method.at("category"), "CARD");
  EXPECT_EQ(method.at("country"), "US");
  EXPECT_EQ(method.at("name"), "VISA ****0002");
  EXPECT_EQ(method.at("idempotency_key"), "enroll-key-1");
  EXPECT_EQ(method.at("account_id"), kAccountId);
  const std::string vaulted_token = method.at("vaulted_token").get<std::string>();
  EXPECT_EQ(vaulted_token.size(), 36u);
  EXPECT_NE(vaulted_token, method.at("id").get<std::string>());
  const json& card = method.at("card_data");
  EXPECT_EQ(card.at("iin"), "450799");
  EXPECT_EQ(card.at("lfd"), "0002");
  EXPECT_EQ(card.at("brand"), "VISA");
  EXPECT_EQ(card.at("number_length"), 16);
  EXPECT_EQ(card.at("security_code_length"), 3);
  EXPECT_EQ(card.at("expiration_month"), 11);
  EXPECT_EQ(card.at("expiration_year"), 2028);
  EXPECT_EQ(method.at("enrollment").at("session"), "");
  EXPECT_EQ(method.at("provider").at("id"), "YUNO");
  EXPECT_EQ(method.at("customer_payer").at("first_name"), "John");
  EXPECT_EQ(method.at("verify").at("vault_on_success"), false);
  EXPECT_TRUE(method.at("verify").at("payment").is_null());
  EXPECT_EQ(method.at("last_successfully_used"), false);

  // Readable by id and by vaulted token, through both paths.
  const std::string id = method.at("id").get<std::string>();
  for (const std::string& key : {id, vaulted_token}) {
    EXPECT_EQ(expect(200, "GET", "/v1/customers/" + customer + "/payment-methods/" + key).at("id"),
              id);
    EXPECT_EQ(expect(200, "GET", "/v1/payment-methods/" + key).at("vaulted_token"), vaulted_token);
  }
  // A replay with the same key is the same enrollment.
  const ApiResponse replay = call("POST", "/v1/customers/" + customer + "/payment-methods",
                                  enroll_body(kMastercardOk), "enroll-key-1");
  EXPECT_EQ(replay.status, 201);
  EXPECT_EQ(replay.body, response.body);
  EXPECT_EQ(expect(200, "GET", "/v1/customers/" + customer + "/payment-methods")
                .at("payment_methods")
                .size(),
            1u);
}

TEST_F(EnrollmentTest, TheListHasOnlyTheCustomersEnrolledMethods) {
  const std::string customer = new_customer("list-customer");
  const std::string other = new_customer("list-other");
  const json visa = enroll(customer, kVisaOk);
  const json mastercard = enroll(customer, kMastercardOk);
  const json others = enroll(other, kVisaOk);

  json list = expect(200, "GET", "/v1/customers/" + customer + "/payment-methods");
  ASSERT_EQ(list.at("payment_methods").size(), 2u);
  EXPECT_EQ(list["payment_methods"][0].at("vaulted_token"), visa.at("vaulted_token"));
  EXPECT_EQ(list["payment_methods"][1].at("vaulted_token"), mastercard.at("vaulted_token"));
  expect_no_card_secrets(list.dump(), kVisaOk);

  // Another customer's method is not found under this customer.
  EXPECT_EQ(error(404, "GET",
                  "/v1/customers/" + customer + "/payment-methods/" +
                      others.at("vaulted_token").get<std::string>()),
            "PAYMENT_METHOD_NOT_FOUND");
  EXPECT_EQ(error(404, "GET", "/v1/payment-methods/3b0c9d7e-0000-4000-8000-000000000000"),
            "PAYMENT_METHOD_NOT_FOUND");
  EXPECT_EQ(error(400, "GET", "/v1/customers/3b0c9d7e-0000-4000-8000-000000000000/payment-methods"),
            "CUSTOMER_NOT_FOUND");
  EXPECT_EQ(error(400, "POST", "/v1/customers/3b0c9d7e-0000-4000-8000-000000000000/payment-methods",
                  enroll_body(kVisaOk)),
            "CUSTOMER_NOT_FOUND");

  // Unenrolled methods leave the list.
  expect(200, "POST",
         "/v1/customers/" + customer + "/payment-methods/" + visa.at("id").get<std::string>() +
             "/unenroll");
  list = expect(200, "GET", "/v1/customers/" + customer + "/payment-methods");
  ASSERT_EQ(list.at("payment_methods").size(), 1u);
  EXPECT_EQ(list["payment_methods"][0].at("id"), mastercard.at("id"));
}

TEST_F(EnrollmentTest, AVaultedTokenPaysWithTheStoredCardsOutcome) {
  const std::string customer = new_customer("pay-customer");
  const json ok = enroll(customer, kVisaOk);
  const std::string token = ok.at("vaulted_token").get<std::string>();
  const json paid = pay_with_vaulted_token("order-vaulted-1", token, customer);
  EXPECT_EQ(paid.at("status"), "SUCCEEDED");
  EXPECT_EQ(paid.at("sub_status"), "APPROVED");
  EXPECT_EQ(paid.at("payment_method").at("vaulted_token"), token);
  EXPECT_EQ(paid.at("payment_method").at("token"), "");
  const json& card = paid.at("payment_method").at("payment_method_detail").at("card").at("card_data");
  EXPECT_EQ(card.at("lfd"), "0002");
  EXPECT_EQ(paid.at("transactions").at(0).at("response_code"), "SUCCEEDED");
  expect_no_card_secrets(paid.dump(), kVisaOk);

  // The method remembers it was used.
  const json used = expect(200, "GET", "/v1/payment-methods/" + token);
  EXPECT_EQ(used.at("last_successfully_used"), true);
  EXPECT_TRUE(used.at("last_successfully_used_at").is_string());

  // Enrolling (without verification) a card that the gateway declines works; paying with it
  // gives the card's decline.
  const json poor = enroll(customer, kVisaInsufficientFunds);
  EXPECT_EQ(poor.at("status"), "ENROLLED");
  const json declined =
      pay_with_vaulted_token("order-vaulted-2", poor.at("vaulted_token").get<std::string>(), customer);
  EXPECT_EQ(declined.at("status"), "DECLINED");
  EXPECT_EQ(declined.at("transactions").at(0).at("response_code"), "INSUFFICIENT_FUNDS");

  // Authorization only, then capture: the usual state machine.
  json authorize = payment_body("order-vaulted-3", {{"type", "CARD"}, {"vaulted_token", token}},
                                customer);
  authorize["payment_method"]["detail"] = {{"card", {{"capture", false}}}};
  const json authorized = expect(201, "POST", "/v1/payments", authorize, "key-order-vaulted-3");
  EXPECT_EQ(authorized.at("status"), "PENDING");
  EXPECT_EQ(authorized.at("sub_status"), "AUTHORIZED");

  // The token belongs to one customer.
  const std::string other = new_customer("pay-other");
  const ApiResponse foreign =
      call("POST", "/v1/payments",
           payment_body("order-vaulted-4", {{"type", "CARD"}, {"vaulted_token", token}}, other),
           "key-order-vaulted-4");
  EXPECT_EQ(foreign.status, 400);
  EXPECT_EQ(json::parse(foreign.body).at("code"), "INVALID_PARAMETERS");
}

TEST_F(EnrollmentTest, AnUnenrolledOrUnknownVaultedTokenCannotPay) {
  const std::string customer = new_customer("unenroll-customer");
  const json method = enroll(customer, kVisaOk);
  const std::string token = method.at("vaulted_token").get<std::string>();

  const json unenrolled =
      expect(200, "POST", "/v1/customers/" + customer + "/payment-methods/" + token + "/unenroll");
  EXPECT_EQ(unenrolled.at("status"), "UNENROLLED");
  EXPECT_EQ(unenrolled.at("id"), method.at("id"));
  EXPECT_EQ(expect(200, "GET", "/v1/payment-methods/" + token).at("status"), "UNENROLLED");

  const ApiResponse refused =
      call("POST", "/v1/payments",
           payment_body("order-unenrolled", {{"type", "CARD"}, {"vaulted_token", token}}, customer),
           "key-unenrolled");
  EXPECT_EQ(refused.status, 400);
  const json refusal = json::parse(refused.body);
  EXPECT_EQ(refusal.at("code"), "INVALID_PARAMETERS");
  EXPECT_NE(refusal.at("messages").at(0).get<std::string>().find("UNENROLLED"), std::string::npos);

  const ApiResponse unknown =
      call("POST", "/v1/payments",
           payment_body("order-unknown",
                        {{"type", "CARD"}, {"vaulted_token", "5e8a7c6b-0000-4000-8000-000000000000"}},
                        customer),
           "key-unknown");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(json::parse(unknown.body).at("code"), "INVALID_PARAMETERS");

  // Twice is an error; so is an unknown method.
  EXPECT_EQ(error(400, "POST", "/v1/customers/payment-methods/" + token + "/unenroll"),
            "INVALID_STATUS");
  EXPECT_EQ(error(404, "POST",
                  "/v1/customers/" + customer +
                      "/payment-methods/5e8a7c6b-0000-4000-8000-000000000000/unenroll"),
            "PAYMENT_METHOD_NOT_FOUND");
}

TEST_F(EnrollmentTest, VerificationMakesAZeroAmountVerifyPayment) {
  const std::string customer = new_customer("verify-customer");
  json body = enroll_body(kVisaOk);
  body["verify"] = {{"vault_on_success", true},
                    {"currency", "USD"},
                    {"metadata", json::array({{{"key", "order_ref"}, {"value", "ABC-123"}}})}};
  const ApiResponse response =
      call("POST", "/v1/customers/" + customer + "/payment-methods", body);
  ASSERT_EQ(response.status, 201) << response.body;
  expect_no_card_secrets(response.body, kVisaOk);
  const json method = json::parse(response.body);
  EXPECT_EQ(method.at("status"), "ENROLLED");
  const std::string token = method.at("vaulted_token").get<std::string>();
  const json& verify = method.at("verify");
  EXPECT_EQ(verify.at("vault_on_success"), true);
  EXPECT_EQ(verify.at("currency"), "USD");
  const json& payment = verify.at("payment");
  EXPECT_EQ(payment.at("description"), "VERIFY CARD");
  EXPECT_EQ(payment.at("status"), "SUCCEEDED");
  EXPECT_EQ(payment.at("sub_status"), "VERIFIED");
  EXPECT_EQ(payment.at("merchant_order_id"), "VERIFY_CARD_" + token);
  EXPECT_EQ(payment.at("amount").at("value"), 0);
  EXPECT_EQ(payment.at("amount").at("currency"), "USD");
  EXPECT_EQ(payment.at("metadata").at(0).at("value"), "ABC-123");
  ASSERT_EQ(payment.at("transactions").size(), 1u);
  EXPECT_EQ(payment["transactions"][0].at("type"), "VERIFY");
  EXPECT_EQ(payment["transactions"][0].at("status"), "SUCCEEDED");
  EXPECT_EQ(payment["transactions"][0].at("merchant_reference"), "VERIFY_CARD_" + token);
  // The VERIFY payment is a payment like the others.
  EXPECT_EQ(expect(200, "GET", "/v1/payments/" + payment.at("id").get<std::string>()).at("sub_status"),
            "VERIFIED");

  // A card the gateway declines is not stored.
  json declined_body = enroll_body(kVisaInsufficientFunds);
  declined_body["verify"] = {{"vault_on_success", true}};
  const json declined =
      expect(201, "POST", "/v1/customers/" + customer + "/payment-methods", declined_body);
  EXPECT_EQ(declined.at("status"), "DECLINED");
  EXPECT_TRUE(declined.at("vaulted_token").is_null());
  EXPECT_EQ(declined.at("verify").at("payment").at("status"), "DECLINED");
  EXPECT_EQ(declined.at("verify").at("currency"), "USD") << "the country's currency";
  EXPECT_EQ(declined.at("verify").at("payment").at("transactions").at(0).at("response_code"),
            "INSUFFICIENT_FUNDS");
  json error_body = enroll_body(kVisaError);
  error_body["verify"] = {{"vault_on_success", true}};
  EXPECT_EQ(expect(201, "POST", "/v1/customers/" + customer + "/payment-methods", error_body)
                .at("status"),
            "ERROR");
  // Still readable, never listed.
  EXPECT_EQ(expect(200, "GET", "/v1/payment-methods/" + declined.at("id").get<std::string>())
                .at("status"),
            "DECLINED");
  EXPECT_EQ(expect(200, "GET", "/v1/customers/" + customer + "/payment-methods")
                .at("payment_methods")
                .size(),
            1u);
}

TEST_F(EnrollmentTest, VaultOnSuccessStoresThePaymentsCard) {
  const std::string customer = new_customer("vault-customer");
  const json token = expect(201, "POST", "/v1/tokens",
                            {{"account_id", kAccountId}, {"card_data", card_data(kVisaOk)}});
  const json paid = expect(
      201, "POST", "/v1/payments",
      payment_body("order-vault-1",
                   {{"type", "CARD"}, {"token", token.at("token")}, {"vault_on_success", true}},
                   customer),
      "key-vault-1");
  EXPECT_EQ(paid.at("status"), "SUCCEEDED");
  EXPECT_EQ(paid.at("payment_method").at("vault_on_success"), true);
  EXPECT_EQ(paid.at("payment_method").at("token"), token.at("token"));
  const std::string vaulted = paid.at("payment_method").at("vaulted_token").get<std::string>();
  ASSERT_EQ(vaulted.size(), 36u);

  const json list = expect(200, "GET", "/v1/customers/" + customer + "/payment-methods");
  ASSERT_EQ(list.at("payment_methods").size(), 1u);
  EXPECT_EQ(list["payment_methods"][0].at("vaulted_token"), vaulted);
  EXPECT_EQ(list["payment_methods"][0].at("idempotency_key"), "key-vault-1");
  EXPECT_EQ(pay_with_vaulted_token("order-vault-2", vaulted, customer).at("status"), "SUCCEEDED");

  // Raw card data too; a declined payment stores nothing.
  json with_card = payment_body("order-vault-3", {{"type", "CARD"}, {"vault_on_success", true}},
                                customer);
  with_card["payment_method"]["detail"] = {{"card", {{"card_data", card_data(kVisaInsufficientFunds)}}}};
  const json declined = expect(201, "POST", "/v1/payments", with_card, "key-vault-3");
  EXPECT_EQ(declined.at("status"), "DECLINED");
  EXPECT_EQ(declined.at("payment_method").at("vaulted_token"), "");
  EXPECT_EQ(expect(200, "GET", "/v1/customers/" + customer + "/payment-methods")
                .at("payment_methods")
                .size(),
            1u);

  // Yuno stores the card for customer_payer.id: required.
  json anonymous = payment_body("order-vault-4", {{"type", "CARD"}, {"vault_on_success", true}},
                                customer);
  anonymous.erase("customer_payer");
  anonymous["payment_method"]["detail"] = {{"card", {{"card_data", card_data(kVisaOk)}}}};
  const ApiResponse missing = call("POST", "/v1/payments", anonymous, "key-vault-4");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(json::parse(missing.body).at("code"), "MISSING_PARAMETERS");
  EXPECT_NE(missing.body.find("customer_payer.id"), std::string::npos);
  expect_no_card_secrets(missing.body, kVisaOk);
}

TEST_F(EnrollmentTest, AOneTimeTokenCanBeEnrolledOnce) {
  const std::string customer = new_customer("token-customer");
  const json token = expect(201, "POST", "/v1/tokens",
                            {{"account_id", kAccountId}, {"card_data", card_data(kMastercardOk)}});
  const json body = {{"account_id", kAccountId},
                     {"country", "US"},
                     {"type", "CARD"},
                     {"token", token.at("token")}};
  const json method = expect(201, "POST", "/v1/customers/" + customer + "/payment-methods", body);
  EXPECT_EQ(method.at("status"), "ENROLLED");
  EXPECT_EQ(method.at("card_data").at("brand"), "MASTERCARD");
  EXPECT_EQ(error(400, "POST", "/v1/customers/" + customer + "/payment-methods", body),
            "TOKEN_IN_USE");
}

TEST_F(EnrollmentTest, InvalidEnrollmentsNameTheFieldNeverTheCard) {
  const std::string customer = new_customer("invalid-customer");
  const std::string path = "/v1/customers/" + customer + "/payment-methods";

  json no_card = enroll_body(kVisaOk);
  no_card.erase("card_data");
  EXPECT_EQ(error(400, "POST", path, no_card), "MISSING_PARAMETERS");

  json no_expiry = enroll_body(kVisaOk);
  no_expiry["card_data"].erase("expiration_month");
  const ApiResponse missing = call("POST", path, no_expiry);
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("card_data.expiration_month"), std::string::npos) << missing.body;
  expect_no_card_secrets(missing.body, kVisaOk);

  json bad_number = enroll_body("4507-9900-0000-0002");
  const ApiResponse invalid = call("POST", path, bad_number);
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(json::parse(invalid.body).at("code"), "INVALID_PARAMETERS");
  EXPECT_EQ(invalid.body.find("4507-9900"), std::string::npos);

  json ach = enroll_body(kVisaOk);
  ach["type"] = "ACH_ENROLLMENT";
  EXPECT_EQ(error(400, "POST", path, ach), "INVALID_PARAMETERS");

  json provider = enroll_body(kVisaOk);
  provider["provider_data"] = {{"id", "ADYEN"}};
  EXPECT_EQ(error(400, "POST", path, provider), "INVALID_PARAMETERS");

  json no_vault_flag = enroll_body(kVisaOk);
  no_vault_flag["verify"] = json::object();
  EXPECT_EQ(error(400, "POST", path, no_vault_flag), "MISSING_PARAMETERS");

  EXPECT_EQ(error(400, "POST", path, {{"account_id", kAccountId}}), "MISSING_PARAMETERS");
  EXPECT_EQ(expect(200, "GET", path).at("payment_methods").size(), 0u);
}

TEST_F(EnrollmentTest, ASessionEnrollmentWaitsForYunosSdk) {
  const std::string customer = new_customer("sdk-customer");
  const std::string session = expect(201, "POST", "/v1/customers/sessions",
                                     {{"account_id", kAccountId},
                                      {"customer_id", customer},
                                      {"country", "US"}})
                                  .at("customer_session")
                                  .get<std::string>();

  const json available =
      expect(200, "GET", "/v1/checkout/customers/sessions/" + session + "/payment-methods");
  ASSERT_FALSE(available.at("payment_methods").empty());
  EXPECT_EQ(available["payment_methods"][0].at("type"), "CARD");
  EXPECT_EQ(available["payment_methods"][0].at("enrollment").at("session"), session);

  const json started = expect(201, "POST", "/v1/customers/sessions/" + session + "/payment-methods",
                              {{"account_id", kAccountId},
                               {"payment_method_type", "CARD"},
                               {"country", "US"},
                               {"verify", {{"vault_on_success", true}, {"currency", "USD"}}}});
  EXPECT_EQ(started.at("status"), "READY_TO_ENROLL");
  EXPECT_TRUE(started.at("vaulted_token").is_null());
  EXPECT_TRUE(started.at("card_data").is_null());
  EXPECT_EQ(started.at("enrollment").at("session"), session);
  EXPECT_EQ(started.at("enrollment").at("sdk_required_action"), false);
  EXPECT_EQ(started.at("customer_payer").at("email"), "john.doe@example.com");
  EXPECT_EQ(started.at("verify").at("vault_on_success"), true);
  EXPECT_EQ(started.at("verify").at("currency"), "USD");
  const std::string id = started.at("id").get<std::string>();
  EXPECT_EQ(expect(200, "GET", "/v1/payment-methods/" + id).at("status"), "READY_TO_ENROLL");
  EXPECT_EQ(expect(200, "GET", "/v1/customers/" + customer + "/payment-methods")
                .at("payment_methods")
                .size(),
            0u)
      << "not enrolled yet";

  const json unenrolled = expect(200, "POST", "/v1/customers/payment-methods/" + id + "/unenroll");
  EXPECT_EQ(unenrolled.at("status"), "UNENROLLED");
  EXPECT_EQ(unenrolled.at("enrollment").at("sdk_required_action"), true);

  EXPECT_EQ(error(400, "POST",
                  "/v1/customers/sessions/7c1d0e9f-0000-4000-8000-000000000000/payment-methods",
                  {{"account_id", kAccountId}, {"payment_method_type", "CARD"}, {"country", "US"}}),
            "CUSTOMER_SESSION_NOT_FOUND");
  EXPECT_EQ(error(400, "GET",
                  "/v1/checkout/customers/sessions/7c1d0e9f-0000-4000-8000-000000000000/"
                  "payment-methods"),
            "CUSTOMER_SESSION_NOT_FOUND");
  EXPECT_EQ(error(400, "POST", "/v1/customers/sessions/" + session + "/payment-methods",
                  {{"account_id", kAccountId}, {"payment_method_type", "NEQUI"}, {"country", "CO"}}),
            "INVALID_PARAMETERS");
}

TEST_F(EnrollmentTest, AResetForgetsSessionsAndMethods) {
  const std::string customer = new_customer("reset-customer");
  const json method = enroll(customer, kVisaOk);
  app_.reset();
  EXPECT_EQ(error(404, "GET", "/v1/payment-methods/" + method.at("id").get<std::string>()),
            "PAYMENT_METHOD_NOT_FOUND");
  EXPECT_TRUE(app_.store().payment_methods.empty());
  EXPECT_TRUE(app_.store().method_by_vaulted_token.empty());
}

// ------------------------------------------------------------------------------------
// Events
// ------------------------------------------------------------------------------------

class Receiver {
 public:
  Receiver() : server_([](const ReceivedRequest&) { return Reply::respond(200, "{}"); }) {}
  std::string url() const { return server_.url("/webhooks/yuno"); }
  std::vector<json> events() const {
    std::vector<json> out;
    for (const auto& request : server_.requests()) out.push_back(json::parse(request.body));
    return out;
  }
  std::vector<ReceivedRequest> requests() const { return server_.requests(); }

 private:
  LoopbackServer server_;
};

WebhookSettings settings_for(const Receiver& receiver) {
  WebhookSettings settings;
  settings.url = receiver.url();
  settings.secret = "whsec_enrollment_test";
  settings.initial_backoff = 5ms;
  settings.max_attempts = 3;
  return settings;
}

// The receiver must exist before the dispatcher is configured with its URL, so it lives in
// a holder constructed first.
struct ReceiverHolder {
  Receiver receiver;
};

class EnrollmentWebhooksTest : private ReceiverHolder, public EnrollmentTest {
 protected:
  EnrollmentWebhooksTest() : ReceiverHolder(), EnrollmentTest(settings_for(receiver)) {}

  std::vector<json> delivered(std::size_t wanted) {
    EXPECT_TRUE(webhooks_.wait_idle(20s));
    auto events = receiver.events();
    EXPECT_EQ(events.size(), wanted);
    return events;
  }
  const Receiver& the_receiver() const { return receiver; }
};

TEST_F(EnrollmentWebhooksTest, EnrollAndUnenrollAreEachAnEvent) {
  const std::string customer = new_customer("events-customer");
  const json method = enroll(customer, kVisaOk);
  expect(200, "POST",
         "/v1/customers/" + customer + "/payment-methods/" + method.at("id").get<std::string>() +
             "/unenroll");

  const auto events = delivered(2);
  ASSERT_EQ(events.size(), 2u);
  const char* const expected[] = {"enrollment.enroll", "enrollment.unenroll"};
  for (std::size_t i = 0; i < 2; ++i) {
    const json& event = events[i];
    EXPECT_EQ(event.at("type"), "enrollment");
    EXPECT_EQ(event.at("type_event"), expected[i]);
    EXPECT_EQ(event.at("account_id"), kAccountId);
    EXPECT_EQ(event.at("version"), 2);
    EXPECT_EQ(event.at("retry"), 0);
    const json& data = event.at("data").at("payment_method");
    EXPECT_EQ(data.at("id"), method.at("id"));
    EXPECT_EQ(data.at("vaulted_token"), method.at("vaulted_token"));
    EXPECT_EQ(data.at("status"), i == 0 ? "ENROLLED" : "UNENROLLED");
    EXPECT_EQ(data.at("idempotency_key").get<std::string>().size(), 36u);
  }
  EXPECT_NE(events[0]["data"]["payment_method"]["idempotency_key"],
            events[1]["data"]["payment_method"]["idempotency_key"])
      << "each event has its own key";
  for (const auto& request : the_receiver().requests()) {
    expect_no_card_secrets(request.body, kVisaOk);
  }
}

TEST_F(EnrollmentWebhooksTest, VaultOnSuccessSendsThePaymentThenTheEnrollment) {
  const std::string customer = new_customer("events-vault");
  json body = payment_body("order-events-vault", {{"type", "CARD"}, {"vault_on_success", true}},
                           customer);
  body["payment_method"]["detail"] = {{"card", {{"card_data", card_data(kVisaOk)}}}};
  const json paid = expect(201, "POST", "/v1/payments", body, "key-events-vault");

  const auto events = delivered(2);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].at("type_event"), "payment.purchase");
  EXPECT_EQ(events[1].at("type_event"), "enrollment.enroll");
  EXPECT_EQ(events[1].at("data").at("payment_method").at("vaulted_token"),
            paid.at("payment_method").at("vaulted_token"));
}

TEST_F(EnrollmentWebhooksTest, DeclinedOrSessionEnrollmentsSendNothing) {
  const std::string customer = new_customer("events-quiet");
  json declined = enroll_body(kVisaInsufficientFunds);
  declined["verify"] = {{"vault_on_success", true}};
  expect(201, "POST", "/v1/customers/" + customer + "/payment-methods", declined);
  const std::string session = expect(201, "POST", "/v1/customers/sessions",
                                     {{"account_id", kAccountId},
                                      {"customer_id", customer},
                                      {"country", "US"}})
                                  .at("customer_session")
                                  .get<std::string>();
  const json started = expect(201, "POST", "/v1/customers/sessions/" + session + "/payment-methods",
                              {{"account_id", kAccountId},
                               {"payment_method_type", "CARD"},
                               {"country", "US"}});
  expect(200, "POST",
         "/v1/customers/payment-methods/" + started.at("id").get<std::string>() + "/unenroll");
  delivered(0);
}

}  // namespace
