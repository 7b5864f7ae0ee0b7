// The SDK's enrollment clients (client.customer_sessions(), client.payment_methods())
// against yuno-sandbox over real HTTP on 127.0.0.1: customer session, direct enrollment
// with a test card, the enrolled list, payments with the vaulted token (approved and
// declined), card verification, vault_on_success, unenrollment, and the typed errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sandbox_test.hpp"

namespace yuno::integration {
namespace {

using yuno::PaymentMethodStatus;
using yuno::PaymentStatus;
using yuno::PaymentSubStatus;

const char* const kVisaOk = "4507990000000002";
const char* const kVisaInsufficientFunds = "4507990000000010";
const char* const kMastercardOk = "5252440000000002";

// Calls `call`, which must throw E; returns E's code (and fails the test otherwise).
template <typename E, typename F>
std::string code_of(F&& call) {
  try {
    call();
  } catch (const E& e) {
    return e.code();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "unexpected exception: " << mask_secrets(e.what());
    return "<other exception>";
  }
  ADD_FAILURE() << "no exception";
  return "<none>";
}

yuno::CardData test_card(const std::string& number) {
  yuno::CardData card;
  card.number = number;
  card.expiration_month = 11;
  card.expiration_year = 2028;
  card.security_code = "123";
  card.holder_name = "JOHN DOE";
  return card;
}

yuno::EnrollPaymentMethodRequest direct_enrollment(const std::string& number) {
  yuno::EnrollPaymentMethodRequest request;
  request.country = "US";
  request.type = "CARD";
  request.workflow = yuno::PaymentWorkflow::kDirect;
  request.card_data = test_card(number);
  return request;
}

// True when `methods` has one whose vaulted_token is `token`.
bool lists(const std::vector<yuno::PaymentMethod>& methods, const std::string& token) {
  return std::any_of(methods.begin(), methods.end(), [&](const yuno::PaymentMethod& method) {
    return method.vaulted_token.value_or("") == token;
  });
}

class EnrollmentTest : public SandboxTest {
 protected:
  void SetUp() override {
    start();
    make_customer_and_session();
  }

  // A purchase of `value` USD with the stored card `vaulted_token`.
  yuno::CreatePaymentRequest vaulted_payment(const std::string& vaulted_token,
                                             const char* value) const {
    yuno::CreatePaymentRequest request;
    request.description = "stored card payment";
    request.country = "US";
    request.merchant_order_id = unique_order_id("vaulted");
    request.amount = yuno::Amount(dec(value), "USD");
    request.workflow = yuno::PaymentWorkflow::kDirect;
    request.customer_payer = yuno::CustomerPayer{};
    request.customer_payer->id = customer_id();
    request.payment_method = yuno::PaymentMethod{};
    request.payment_method->type = "CARD";
    request.payment_method->vaulted_token = vaulted_token;
    return request;
  }
};

TEST_F(EnrollmentTest, EnrollPayWithTheVaultedTokenThenUnenroll) {
  // Customer session: the methods it offers, and an enrollment Yuno's SDK would finish.
  yuno::CreateCustomerSessionRequest session_request;
  session_request.customer_id = customer_id();
  session_request.country = "US";
  const yuno::CustomerSession session = client().customer_sessions().create(session_request);
  ASSERT_FALSE(session.customer_session.empty());
  EXPECT_EQ(session.customer_id.value_or(""), customer_id());
  const auto offered = client().payment_methods().available_to_enroll(session.customer_session);
  EXPECT_TRUE(std::any_of(offered.begin(), offered.end(), [](const yuno::PaymentMethod& m) {
    return m.type.value_or("") == "CARD";
  })) << offered.size() << " methods offered, none of type CARD";
  yuno::SessionEnrollmentRequest in_session;
  in_session.payment_method_type = "CARD";
  in_session.country = "US";
  const yuno::PaymentMethod started =
      client().payment_methods().enroll_in_session(session.customer_session, in_session);
  EXPECT_EQ(started.status, PaymentMethodStatus::kReadyToEnroll);
  ASSERT_TRUE(started.enrollment.has_value());
  EXPECT_EQ(started.enrollment->session.value_or(""), session.customer_session);

  // Direct enrollment with a test card: ENROLLED, a vaulted token, the card masked.
  const yuno::Response<yuno::PaymentMethod> enrolled =
      client().payment_methods().enroll(customer_id(), direct_enrollment(kVisaOk));
  EXPECT_EQ(enrolled.status, PaymentMethodStatus::kEnrolled);
  ASSERT_TRUE(enrolled.vaulted_token.has_value());
  const std::string token = *enrolled.vaulted_token;
  ASSERT_TRUE(enrolled.card_data.has_value());
  EXPECT_FALSE(enrolled.card_data->number.has_value()) << "the card number came back";
  EXPECT_FALSE(enrolled.card_data->security_code.has_value()) << "the CVV came back";
  EXPECT_EQ(enrolled.card_data->lfd.value_or(""), "0002");
  EXPECT_EQ(enrolled.card_data->brand.value_or(""), "VISA");
  EXPECT_EQ(enrolled.response_metadata().status_code, 201);
  EXPECT_EQ(enrolled.idempotency_key.value_or(""), enrolled.response_metadata().idempotency_key)
      << "the method names the key the SDK sent";

  // The list shows it ENROLLED; it reads back by vaulted token and by id.
  const auto listed = client().payment_methods().list(customer_id());
  ASSERT_EQ(listed.size(), 1u) << "only ENROLLED methods are listed";
  EXPECT_EQ(listed[0].vaulted_token.value_or(""), token);
  EXPECT_EQ(listed[0].status, PaymentMethodStatus::kEnrolled);
  EXPECT_EQ(client().payment_methods().retrieve(customer_id(), token).id, enrolled.id);
  ASSERT_TRUE(enrolled.id.has_value());
  EXPECT_EQ(client().payment_methods().retrieve(*enrolled.id).vaulted_token.value_or(""), token);

  // A payment with the vaulted token succeeds with the stored card.
  const yuno::Payment paid = client().payments().create(vaulted_payment(token, "42.50"));
  EXPECT_EQ(paid.status, PaymentStatus::kSucceeded);
  EXPECT_EQ(paid.sub_status, PaymentSubStatus::kApproved);
  ASSERT_TRUE(paid.payment_method.has_value());
  EXPECT_EQ(paid.payment_method->vaulted_token.value_or(""), token);
  EXPECT_EQ(client().payment_methods().retrieve(customer_id(), token).last_successfully_used,
            std::optional<bool>(true));

  // Unenrolled, it leaves the list, and its token can no longer pay: a typed error.
  const yuno::PaymentMethod unenrolled = client().payment_methods().unenroll(customer_id(), token);
  EXPECT_EQ(unenrolled.status, PaymentMethodStatus::kUnenrolled);
  EXPECT_FALSE(lists(client().payment_methods().list(customer_id()), token));
  const auto payments_before = control().stats().at("payments").get<int>();
  EXPECT_EQ(code_of<yuno::InvalidRequestError>(
                [&] { client().payments().create(vaulted_payment(token, "42.50")); }),
            "INVALID_PARAMETERS");
  EXPECT_EQ(control().stats().at("payments").get<int>(), payments_before) << "nothing charged";
  // Unenrolling twice is refused.
  EXPECT_EQ(code_of<yuno::InvalidRequestError>(
                [&] { client().payment_methods().unenroll(customer_id(), token); }),
            "INVALID_STATUS");
}

TEST_F(EnrollmentTest, AStoredCardKeepsItsTestCardOutcome) {
  // Without verification nothing is authorized: the declining card enrolls...
  const yuno::PaymentMethod poor =
      client().payment_methods().enroll(customer_id(), direct_enrollment(kVisaInsufficientFunds));
  ASSERT_EQ(poor.status, PaymentMethodStatus::kEnrolled);
  // ...and each payment with it is declined as the card would be (201, not an error).
  const yuno::Payment declined =
      client().payments().create(vaulted_payment(poor.vaulted_token.value_or(""), "10.00"));
  EXPECT_TRUE(declined.is_declined());
  EXPECT_EQ(declined.status, PaymentStatus::kDeclined);
  ASSERT_FALSE(declined.transactions.empty());
  EXPECT_EQ(declined.transactions.front().response_code.value_or(""), "INSUFFICIENT_FUNDS");

  // Two-step with a stored card: authorize, then capture.
  const yuno::PaymentMethod mastercard =
      client().payment_methods().enroll(customer_id(), direct_enrollment(kMastercardOk));
  yuno::CreatePaymentRequest authorize =
      vaulted_payment(mastercard.vaulted_token.value_or(""), "30.00");
  authorize.payment_method->detail = yuno::PaymentMethodDetail{};
  authorize.payment_method->detail->card = yuno::CardDetail{};
  authorize.payment_method->detail->card->capture = false;
  const yuno::Payment authorized = client().payments().create(authorize);
  EXPECT_EQ(authorized.status, PaymentStatus::kPending);
  EXPECT_EQ(authorized.sub_status, PaymentSubStatus::kAuthorized);
  yuno::CaptureRequest capture;
  capture.merchant_reference = "capture-stored";
  client().payments().capture(authorized, capture);
  EXPECT_EQ(client().payments().retrieve(authorized.id).sub_status, PaymentSubStatus::kCaptured);
}

TEST_F(EnrollmentTest, VerificationStoresOnlyACardThatPasses) {
  yuno::EnrollPaymentMethodRequest verified = direct_enrollment(kVisaOk);
  verified.verify = yuno::EnrollmentVerification{};
  verified.verify->vault_on_success = true;
  verified.verify->currency = "USD";
  const yuno::PaymentMethod ok = client().payment_methods().enroll(customer_id(), verified);
  EXPECT_EQ(ok.status, PaymentMethodStatus::kEnrolled);
  ASSERT_TRUE(ok.verify.has_value());
  const std::optional<yuno::Payment> check = ok.verify->parsed_payment();
  ASSERT_TRUE(check.has_value());
  EXPECT_EQ(check->status, PaymentStatus::kSucceeded);
  EXPECT_EQ(check->sub_status, PaymentSubStatus::kVerified);
  ASSERT_TRUE(check->amount.has_value());
  EXPECT_EQ(check->amount->value, dec("0"));

  yuno::EnrollPaymentMethodRequest failing = direct_enrollment(kVisaInsufficientFunds);
  failing.verify = verified.verify;
  const yuno::PaymentMethod declined = client().payment_methods().enroll(customer_id(), failing);
  EXPECT_EQ(declined.status, PaymentMethodStatus::kDeclined);
  EXPECT_FALSE(declined.vaulted_token.has_value());
  ASSERT_TRUE(declined.verify.has_value());
  EXPECT_TRUE(declined.verify->parsed_payment()->is_declined());

  const auto listed = client().payment_methods().list(customer_id());
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].vaulted_token, ok.vaulted_token);
}

TEST_F(EnrollmentTest, VaultOnSuccessEnrollsThePaymentsCard) {
  yuno::CreatePaymentRequest request =
      card_payment(unique_order_id("vault"), kVisaOk, "15.00", /*capture=*/true);
  request.payment_method->vault_on_success = true;
  const yuno::Payment paid = client().payments().create(request);
  EXPECT_EQ(paid.status, PaymentStatus::kSucceeded);
  ASSERT_TRUE(paid.payment_method.has_value());
  const std::string token = paid.payment_method->vaulted_token.value_or("");
  ASSERT_FALSE(token.empty());
  EXPECT_TRUE(lists(client().payment_methods().list(customer_id()), token));
  EXPECT_EQ(client().payments().create(vaulted_payment(token, "5.00")).status,
            PaymentStatus::kSucceeded);
}

TEST_F(EnrollmentTest, UnknownCustomersMethodsAndTokensAreTypedErrors) {
  const std::string nobody = "0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70";
  EXPECT_EQ(code_of<yuno::InvalidRequestError>([&] {
              client().payment_methods().enroll(nobody, direct_enrollment(kVisaOk));
            }),
            "CUSTOMER_NOT_FOUND");
  yuno::CreateCustomerSessionRequest session;
  session.customer_id = nobody;
  session.country = "US";
  EXPECT_EQ(code_of<yuno::InvalidRequestError>(
                [&] { client().customer_sessions().create(session); }),
            "CUSTOMER_NOT_FOUND");
  EXPECT_EQ(code_of<yuno::NotFoundError>(
                [&] { client().payment_methods().retrieve(customer_id(), nobody); }),
            "PAYMENT_METHOD_NOT_FOUND");
  EXPECT_EQ(code_of<yuno::InvalidRequestError>(
                [&] { client().payments().create(vaulted_payment(nobody, "1.00")); }),
            "INVALID_PARAMETERS");
}

}  // namespace
}  // namespace yuno::integration
