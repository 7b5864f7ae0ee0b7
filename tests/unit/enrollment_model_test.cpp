// The enrollment models: enrolled payment methods as Yuno sends them (nulls, missing and
// unknown fields, new statuses), the verification payment, the requests, and the masking
// of card data (network token included).
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yuno/errors.hpp>
#include <yuno/models/enrollment.hpp>
#include <yuno/models/payment.hpp>
#include <yuno/models/payment_method.hpp>

namespace {

using nlohmann::json;

// Test card data: recognisable so the tests can assert it never shows up in text.
constexpr const char* kPan = "4111111111111111";
constexpr const char* kCvv = "212";
constexpr const char* kNetworkTokenNumber = "4895370000004321";
constexpr const char* kPar = "V0010013022182956191212272716";
constexpr const char* kNetworkTokenId = "DM4MMC1GB000000011cdd1c11c874e27";

json enrolled_card() {
  return json::parse(R"({
    "idempotency_key": null,
    "id": "pm-1",
    "name": "VISA ****1111",
    "type": "CARD",
    "category": "CARD",
    "country": "US",
    "status": "ENROLLED",
    "sub_status": null,
    "vaulted_token": "vt-1",
    "callback_url": null,
    "action": "FORM",
    "redirect_url": null,
    "enrollment": {"session": "", "sdk_required_action": false},
    "provider": {"id": "YUNO", "type": "YUNO", "token": "prov-tok", "provider_status": null},
    "card_data": {"iin": "41111111", "lfd": "1111", "expiration_month": 3,
                  "expiration_year": 26, "brand": "VISA", "issuer": "JPMORGAN CHASE BANK N A",
                  "issuer_code": null, "type": "CREDIT"},
    "customer_payer": {"first_name": "John", "email": "john@example.com",
                       "code": "c-42", "organization_customer_external_id": "ext-42"},
    "last_successfully_used": false,
    "last_successfully_used_at": "",
    "preferred": null,
    "verify": {"vault_on_success": false, "payment": null}
  })");
}

json verify_payment() {
  return json::parse(R"({
    "id": "pay-verify-1",
    "status": "SUCCEEDED",
    "sub_status": "VERIFIED",
    "amount": {"currency": "USD", "value": 0, "refunded": 0, "captured": 0},
    "transactions": [{"id": "tx-v", "type": "VERIFY", "status": "SUCCEEDED"}]
  })");
}

TEST(EnrollmentModel, ParsesAnEnrolledCardWithNullsAsEmpty) {
  const auto method = enrolled_card().get<yuno::PaymentMethod>();
  ASSERT_TRUE(method.status.has_value());
  EXPECT_EQ(method.status, yuno::PaymentMethodStatus::kEnrolled);
  EXPECT_NE(method.status, yuno::PaymentMethodStatus::kUnenrolled);
  EXPECT_EQ(method.vaulted_token, "vt-1");
  EXPECT_EQ(method.id, "pm-1");
  EXPECT_EQ(method.action, "FORM");
  // null means absent...
  EXPECT_FALSE(method.idempotency_key.has_value());
  EXPECT_FALSE(method.sub_status.has_value());
  EXPECT_FALSE(method.redirect_url.has_value());
  EXPECT_FALSE(method.preferred.has_value());
  ASSERT_TRUE(method.provider.has_value());
  EXPECT_FALSE(method.provider->provider_status.has_value());
  EXPECT_EQ(method.provider->token, "prov-tok");
  // ...while "" and false are values.
  EXPECT_EQ(method.last_successfully_used_at, "");
  EXPECT_EQ(method.last_successfully_used, false);
  ASSERT_TRUE(method.enrollment.has_value());
  EXPECT_EQ(method.enrollment->session, "");
  EXPECT_EQ(method.enrollment->sdk_required_action, false);
  // Missing fields are empty.
  EXPECT_FALSE(method.account_id.has_value());
  EXPECT_FALSE(method.created_at.has_value());
  EXPECT_FALSE(method.token.has_value());
  ASSERT_TRUE(method.card_data.has_value());
  EXPECT_EQ(method.card_data->issuer, "JPMORGAN CHASE BANK N A");
  EXPECT_FALSE(method.card_data->issuer_code.has_value());
  EXPECT_EQ(method.card_data->expiration_year, 26);
  ASSERT_TRUE(method.customer_payer.has_value());
  EXPECT_EQ(method.customer_payer->code, "c-42");
  EXPECT_EQ(method.customer_payer->organization_customer_external_id, "ext-42");
  ASSERT_TRUE(method.verify.has_value());
  EXPECT_EQ(method.verify->vault_on_success, false);
  EXPECT_FALSE(method.verify->payment.has_value());
  EXPECT_FALSE(method.verify->parsed_payment().has_value());
  EXPECT_TRUE(method.unknown_fields.is_null());
}

TEST(EnrollmentModel, AMinimalMethodParses) {
  const auto method = json::parse(R"({"type": "ACH_ENROLLMENT", "status": "READY_TO_ENROLL",
      "action": "REDIRECT_URL", "redirect_url": "https://bank.example/verify"})")
                          .get<yuno::PaymentMethod>();
  EXPECT_EQ(method.status, yuno::PaymentMethodStatus::kReadyToEnroll);
  EXPECT_EQ(method.redirect_url, "https://bank.example/verify");
  EXPECT_FALSE(method.vaulted_token.has_value());
  EXPECT_FALSE(method.card_data.has_value());
  const auto empty = json::object().get<yuno::PaymentMethod>();
  EXPECT_FALSE(empty.status.has_value());
  EXPECT_EQ(json(empty), json::object());
}

TEST(EnrollmentModel, UnknownFieldsAndStatusesAreKept) {
  json j = enrolled_card();
  j["status"] = "SUSPENDED_BY_NETWORK";
  j["risk_score"] = {{"value", 12}, {"dropped", nullptr}};
  j["card_data"]["card_art_url"] = "https://art.example/1.png";
  j["enrollment"]["expires_at"] = "2030-01-01T00:00:00Z";
  j["provider"]["provider_status"] = {{"code", "A1"}};
  const auto method = j.get<yuno::PaymentMethod>();
  EXPECT_EQ(method.status->value(), "SUSPENDED_BY_NETWORK");
  EXPECT_NE(method.status, yuno::PaymentMethodStatus::kEnrolled);
  EXPECT_EQ(method.unknown_fields.value(), (json{{"risk_score", {{"value", 12}}}}));
  EXPECT_EQ(method.card_data->unknown_fields.value().at("card_art_url"), "https://art.example/1.png");
  EXPECT_EQ(method.enrollment->unknown_fields.value().at("expires_at"), "2030-01-01T00:00:00Z");
  EXPECT_EQ(method.provider->provider_status->value(), (json{{"code", "A1"}}));

  const json written = method;
  EXPECT_EQ(written.at("status"), "SUSPENDED_BY_NETWORK");
  EXPECT_EQ(written.at("risk_score"), (json{{"value", 12}}));
  EXPECT_EQ(written.at("card_data").at("card_art_url"), "https://art.example/1.png");
  EXPECT_EQ(written.at("enrollment").at("expires_at"), "2030-01-01T00:00:00Z");
  EXPECT_FALSE(written.contains("sub_status"));  // null is not written back
}

TEST(EnrollmentModel, WrongShapesNameTheFieldNeverTheValue) {
  json bad_status = enrolled_card();
  bad_status["status"] = 5;
  try {
    (void)bad_status.get<yuno::PaymentMethod>();
    FAIL() << "a numeric status parsed";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("PaymentMethod.status"), std::string::npos) << e.what();
  }
  json bad_card = enrolled_card();
  bad_card["card_data"]["number"] = 4111111111111111LL;  // a number where text is expected
  try {
    (void)bad_card.get<yuno::PaymentMethod>();
    FAIL() << "a numeric card number parsed";
  } catch (const std::exception& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("card_data"), std::string::npos) << message;
    EXPECT_EQ(message.find(kPan), std::string::npos);
    EXPECT_EQ(message.find("1111"), std::string::npos);
  }
}

TEST(EnrollmentModel, TheVerificationPaymentParsesOnRequest) {
  json j = enrolled_card();
  j["verify"] = {{"vault_on_success", true}, {"currency", "USD"}, {"payment", verify_payment()}};
  const auto method = j.get<yuno::PaymentMethod>();
  ASSERT_TRUE(method.verify && method.verify->payment);
  const std::optional<yuno::Payment> payment = method.verify->parsed_payment();
  ASSERT_TRUE(payment.has_value());
  EXPECT_EQ(payment->id, "pay-verify-1");
  EXPECT_EQ(payment->status, yuno::PaymentStatus::kSucceeded);
  EXPECT_EQ(payment->sub_status, yuno::PaymentSubStatus::kVerified);
  ASSERT_EQ(payment->transactions.size(), 1u);
  EXPECT_EQ(payment->transactions[0].type, yuno::TransactionType::kVerify);
  // Kept as JSON, it is written back as it came.
  EXPECT_EQ(json(method).at("verify").at("payment"), verify_payment());
}

TEST(EnrollmentModel, AVerificationPaymentOfTheWrongShapeIsAnSdkError) {
  yuno::EnrollmentVerification verification;
  verification.payment = yuno::Json(json("not a payment"));
  EXPECT_THROW(verification.parsed_payment(), yuno::Error);

  json without_id = verify_payment();
  without_id.erase("id");
  without_id["description"] = "secret-description-value";
  verification.payment = yuno::Json(without_id);
  try {
    verification.parsed_payment();
    FAIL() << "a payment without an id parsed";
  } catch (const yuno::Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("id"), std::string::npos) << message;
    EXPECT_EQ(message.find("secret-description-value"), std::string::npos);
  }
}

TEST(EnrollmentModel, CardDataMasksTheNetworkTokenPinAndNumber) {
  const auto card = json::parse(R"({
      "number": "4111111111111111", "security_code": "212", "card_pin": "9876",
      "holder_name": "JOHN DOE", "expiration_month": 3, "expiration_year": 26,
      "brand": "VISA", "issuer": "JPMORGAN CHASE BANK N A",
      "network_token": {"network": "VISA", "number": "4895370000004321", "status": "ACTIVE",
                        "par": "V0010013022182956191212272716",
                        "network_token_id": "DM4MMC1GB000000011cdd1c11c874e27",
                        "token_data": {"iin": "489537", "lfd": "4321", "expiration_month": 9,
                                       "expiration_year": 2030}}})")
                        .get<yuno::CardData>();
  ASSERT_TRUE(card.network_token.has_value());
  EXPECT_EQ(card.network_token->value().at("number"), kNetworkTokenNumber);  // kept for use
  EXPECT_EQ(card.card_pin, "9876");

  std::ostringstream streamed;
  streamed << card;
  for (const std::string& text : {card.to_string(), streamed.str()}) {
    EXPECT_EQ(text.find(kPan), std::string::npos) << text;
    EXPECT_EQ(text.find(kCvv), std::string::npos) << text;
    EXPECT_EQ(text.find("9876"), std::string::npos) << text;
    EXPECT_EQ(text.find("JOHN DOE"), std::string::npos) << text;
    EXPECT_EQ(text.find(kNetworkTokenNumber), std::string::npos) << text;
    EXPECT_EQ(text.find("489537"), std::string::npos) << text;
    EXPECT_EQ(text.find("4321"), std::string::npos) << text;
    EXPECT_EQ(text.find(kPar), std::string::npos) << text;
    EXPECT_EQ(text.find(kNetworkTokenId), std::string::npos) << text;
    EXPECT_NE(text.find("number=411111******1111"), std::string::npos) << text;
    EXPECT_NE(text.find("security_code=***"), std::string::npos) << text;
    EXPECT_NE(text.find("card_pin=***"), std::string::npos) << text;
    EXPECT_NE(text.find("network_token=***"), std::string::npos) << text;
    EXPECT_NE(text.find("brand=VISA"), std::string::npos) << text;
  }
}

TEST(EnrollmentModel, EnrollRequestToStringMasksTheCard) {
  yuno::EnrollPaymentMethodRequest request;
  request.account_id = "acc-1";
  request.country = "CO";
  request.type = "CARD";
  request.workflow = yuno::PaymentWorkflow::kDirect;
  request.card_data = yuno::CardData{};
  request.card_data->number = kPan;
  request.card_data->security_code = kCvv;
  request.card_data->expiration_month = 12;
  request.card_data->expiration_year = 26;
  request.verify = yuno::EnrollmentVerification{};
  request.verify->vault_on_success = true;
  std::ostringstream streamed;
  streamed << request;
  EXPECT_EQ(streamed.str(), request.to_string());
  const std::string text = request.to_string();
  EXPECT_EQ(text.find(kPan), std::string::npos) << text;
  EXPECT_EQ(text.find("=212"), std::string::npos) << text;
  EXPECT_NE(text.find("type=CARD"), std::string::npos) << text;
  EXPECT_NE(text.find("workflow=DIRECT"), std::string::npos) << text;
  EXPECT_NE(text.find("number=411111******1111"), std::string::npos) << text;
  EXPECT_NE(text.find("verify.vault_on_success=true"), std::string::npos) << text;
}

TEST(EnrollmentModel, EnrollRequestWritesOnlyWhatIsSet) {
  yuno::EnrollPaymentMethodRequest request;
  request.account_id = "acc-1";
  request.country = "CO";
  request.type = "CARD";
  request.provider_data = yuno::EnrollmentProviderData{};
  request.provider_data->id = "DLOCAL";
  request.provider_data->token_source = "PROVIDER_TOKEN";
  request.verify = yuno::EnrollmentVerification{};
  request.verify->vault_on_success = true;
  request.verify->metadata = std::vector<yuno::MetadataEntry>{{"order_ref", "ABC-123", {}}};
  EXPECT_EQ(json(request), json::parse(R"({"account_id": "acc-1", "country": "CO",
      "type": "CARD", "provider_data": {"id": "DLOCAL", "token_source": "PROVIDER_TOKEN"},
      "verify": {"vault_on_success": true,
                 "metadata": [{"key": "order_ref", "value": "ABC-123"}]}})"));

  // The ACH shape: payment_method reuses yuno::PaymentMethod.
  yuno::EnrollPaymentMethodRequest ach;
  ach.account_id = "acc-1";
  ach.country = "US";
  ach.type = "ACH_ENROLLMENT";
  ach.payment_method = yuno::PaymentMethod{};
  ach.payment_method->vault_on_success = true;
  ach.payment_method->detail = yuno::PaymentMethodDetail{};
  ach.payment_method->detail->bank_transfer =
      yuno::Json(json{{"routing_number", "110000000"}, {"beneficiary_name", "John Doe"}});
  EXPECT_EQ(json(ach).at("payment_method"),
            json::parse(R"({"vault_on_success": true, "detail": {"bank_transfer":
                {"routing_number": "110000000", "beneficiary_name": "John Doe"}}})"));
}

TEST(EnrollmentModel, RequiredResponseFieldsAreChecked) {
  EXPECT_THROW(json::parse(R"({"customer_id": "c-1"})").get<yuno::CustomerSession>(),
               std::exception);
  EXPECT_EQ(json::parse(R"({"customer_session": "cs-1", "country": null})")
                .get<yuno::CustomerSession>()
                .customer_session,
            "cs-1");
  EXPECT_THROW(json::object().get<yuno::AccountUpdaterRegistration>(), std::exception);
  EXPECT_EQ(json::parse(R"({"accepted": 3})").get<yuno::AccountUpdaterRegistration>().accepted, 3);
}

TEST(EnrollmentModel, APaymentsPaymentMethodStillParsesAsBefore) {
  // The same struct is a payment's payment_method: its fields and the moved CustomerPayer
  // keep working there.
  const auto payment = json::parse(R"({
      "id": "pay-1", "status": "SUCCEEDED",
      "payment_method": {"type": "CARD", "vaulted_token": "vt-1",
                         "payment_method_detail": {"card": {"installments": 1}}},
      "customer_payer": {"id": "c-1", "browser_info": {"user_agent": "UA"},
                         "device_fingerprints": [{"id": "fp-1"}]}})")
                           .get<yuno::Payment>();
  ASSERT_TRUE(payment.payment_method.has_value());
  EXPECT_EQ(payment.payment_method->vaulted_token, "vt-1");
  EXPECT_FALSE(payment.payment_method->status.has_value());
  ASSERT_NE(payment.payment_method->details(), nullptr);
  EXPECT_EQ(payment.payment_method->details()->card->installments, 1);
  ASSERT_TRUE(payment.customer_payer && payment.customer_payer->browser_info);
  EXPECT_EQ(payment.customer_payer->browser_info->user_agent, "UA");
  EXPECT_EQ(payment.customer_payer->device_fingerprints->at(0).id, "fp-1");
}

TEST(EnrollmentModel, StatusConstantsAreYunosStrings) {
  EXPECT_EQ(yuno::PaymentMethodStatus::kCreated.value(), "CREATED");
  EXPECT_EQ(yuno::PaymentMethodStatus::kReadyToEnroll.value(), "READY_TO_ENROLL");
  EXPECT_EQ(yuno::PaymentMethodStatus::kEnrollInProcess.value(), "ENROLL_IN_PROCESS");
  EXPECT_EQ(yuno::PaymentMethodStatus::kEnrolled.value(), "ENROLLED");
  EXPECT_EQ(yuno::PaymentMethodStatus::kUnenrollInProcess.value(), "UNENROLL_IN_PROCESS");
  EXPECT_EQ(yuno::PaymentMethodStatus::kUnenrolled.value(), "UNENROLLED");
  EXPECT_EQ(yuno::PaymentMethodStatus::kDeclined.value(), "DECLINED");
  EXPECT_EQ(yuno::PaymentMethodStatus::kRejected.value(), "REJECTED");
  EXPECT_EQ(yuno::PaymentMethodStatus::kCanceled.value(), "CANCELED");
  EXPECT_EQ(yuno::PaymentMethodStatus::kExpired.value(), "EXPIRED");
  EXPECT_EQ(yuno::PaymentMethodStatus::kError.value(), "ERROR");
}

}  // namespace
