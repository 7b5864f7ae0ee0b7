// The SDK against yuno-sandbox over real HTTP on 127.0.0.1: the payment flow, the Testing
// Gateway cards, the capture/cancel/refund rules, authentication, validation and
// idempotency. No test depends on speed.
#include <gtest/gtest.h>

#include <future>
#include <string>
#include <thread>
#include <vector>

#include "sandbox_test.hpp"

namespace yuno::integration {
namespace {

using yuno::PaymentStatus;
using yuno::PaymentSubStatus;
using yuno::TransactionStatus;
using yuno::TransactionType;

const char* const kVisaOk = "4507990000000002";
const char* const kMastercardOk = "5252440000000002";

// The transaction a create-payment response carries (the first listed).
const yuno::Transaction* first_transaction(const yuno::Payment& payment) {
  if (!payment.transactions.empty()) return &payment.transactions.front();
  if (!payment.transactions_history.empty()) return &payment.transactions_history.front();
  return nullptr;
}

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

class ApiTest : public SandboxTest {
 protected:
  void SetUp() override {
    start();
    make_customer_and_session();
  }
};

// ------------------------------------------------------------------------------------
// The whole flow
// ------------------------------------------------------------------------------------

TEST_F(ApiTest, WholeFlowFromCustomerToRefundAndCancel) {
  // Customer and session: readable back.
  const yuno::Customer customer = client().customers().retrieve(customer_id());
  EXPECT_EQ(customer.id, customer_id());
  const yuno::CheckoutSession session = client().checkout_sessions().retrieve(session_id());
  EXPECT_EQ(session.id, session_id());

  // Payment methods on offer: CARD among them.
  const auto methods = client().checkout_sessions().payment_methods(session_id());
  bool has_card = false;
  for (const auto& method : methods) has_card = has_card || method.type.value_or("") == "CARD";
  EXPECT_TRUE(has_card) << methods.size() << " methods, none of type CARD";

  // Authorization only.
  const std::string order = unique_order_id("flow");
  const yuno::Payment authorized =
      client().payments().create(card_payment(order, kVisaOk, "100.00", /*capture=*/false));
  EXPECT_EQ(authorized.status, PaymentStatus::kPending);
  EXPECT_EQ(authorized.sub_status, PaymentSubStatus::kAuthorized);
  ASSERT_TRUE(authorized.amount.has_value());
  EXPECT_EQ(authorized.amount->value, dec("100.00"));
  EXPECT_EQ(authorized.amount->currency, "USD");
  EXPECT_EQ(authorized.merchant_order_id.value_or(""), order);
  EXPECT_EQ(authorized.capturable_amount(), dec("100.00"));
  ASSERT_NE(authorized.last_transaction(TransactionType::kAuthorize, TransactionStatus::kSucceeded),
            nullptr);

  // Partial capture of 60.00.
  yuno::CaptureRequest capture;
  capture.merchant_reference = "capture-" + order;
  capture.amount = yuno::Amount(dec("60.00"), "USD");
  const yuno::Transaction captured_tx = client().payments().capture(authorized, capture);
  EXPECT_EQ(captured_tx.type, TransactionType::kCapture);
  EXPECT_EQ(captured_tx.status, TransactionStatus::kSucceeded);
  const yuno::Payment captured = client().payments().retrieve(authorized.id);
  EXPECT_EQ(captured.status, PaymentStatus::kSucceeded);
  EXPECT_EQ(captured.sub_status, PaymentSubStatus::kPartiallyCaptured);
  ASSERT_TRUE(captured.amount.has_value());
  EXPECT_EQ(captured.amount->captured.value_or(dec("0")), dec("60.00"));
  EXPECT_EQ(captured.refundable_amount(), dec("60.00"));

  // Partial refund of 10.00, then the rest.
  yuno::RefundRequest refund;
  refund.merchant_reference = "refund-" + order;
  refund.amount = yuno::Amount(dec("10.00"), "USD");
  const yuno::Payment partly_refunded = client().payments().refund(captured, refund);
  EXPECT_EQ(partly_refunded.status, PaymentStatus::kSucceeded);
  EXPECT_EQ(partly_refunded.sub_status, PaymentSubStatus::kPartiallyRefunded);
  ASSERT_TRUE(partly_refunded.amount.has_value());
  EXPECT_EQ(partly_refunded.amount->refunded.value_or(dec("0")), dec("10.00"));
  EXPECT_EQ(partly_refunded.refundable_amount(), dec("50.00"));

  yuno::RefundRequest rest;
  rest.merchant_reference = "refund-rest-" + order;
  rest.amount = yuno::Amount(dec("50.00"), "USD");
  const yuno::Payment refunded =
      client().payments().refund(client().payments().retrieve(authorized.id), rest);
  EXPECT_EQ(refunded.status, PaymentStatus::kRefunded);
  EXPECT_EQ(refunded.sub_status, PaymentSubStatus::kRefunded);
  EXPECT_EQ(refunded.amount->refunded.value_or(dec("0")), dec("60.00"));
  EXPECT_EQ(refunded.refundable_amount(), dec("0"));

  // Every action appended a transaction of its type.
  const yuno::Payment final_state = client().payments().retrieve(authorized.id);
  EXPECT_EQ(final_state.transactions_of_type(TransactionType::kAuthorize).size(), 1u);
  EXPECT_EQ(final_state.transactions_of_type(TransactionType::kCapture).size(), 1u);
  EXPECT_EQ(final_state.transactions_of_type(TransactionType::kRefund).size(), 2u);

  // A second authorization, cancelled.
  const yuno::Payment second = client().payments().create(
      card_payment(order + "-2", kMastercardOk, "25.50", /*capture=*/false));
  EXPECT_EQ(second.status, PaymentStatus::kPending);
  EXPECT_EQ(second.sub_status, PaymentSubStatus::kAuthorized);
  yuno::CancelRequest cancel;
  cancel.merchant_reference = "cancel-" + order;
  const yuno::Transaction cancel_tx = client().payments().cancel(second, cancel);
  EXPECT_EQ(cancel_tx.type, TransactionType::kCancel);
  EXPECT_EQ(cancel_tx.status, TransactionStatus::kSucceeded);
  const yuno::Payment canceled = client().payments().retrieve(second.id);
  EXPECT_EQ(canceled.status, PaymentStatus::kCanceled);
  EXPECT_EQ(canceled.sub_status, PaymentSubStatus::kCanceled);
  EXPECT_EQ(canceled.amount->value, dec("25.50"));

  // Both payments are found by their order ids.
  EXPECT_EQ(client().payments().retrieve_by_merchant_order_id(order).size(), 1u);
  EXPECT_EQ(client().payments().retrieve_by_merchant_order_id(order + "-2").size(), 1u);
}

TEST_F(ApiTest, PurchaseIsCapturedAtOnceAndFullyRefundable) {
  const yuno::Payment purchase = client().payments().create(
      card_payment(unique_order_id("purchase"), kVisaOk, "42.10", /*capture=*/true));
  EXPECT_EQ(purchase.status, PaymentStatus::kSucceeded);
  ASSERT_NE(purchase.last_transaction(TransactionType::kPurchase, TransactionStatus::kSucceeded),
            nullptr);
  EXPECT_EQ(purchase.refundable_amount(), dec("42.10"));

  yuno::RefundRequest refund;  // no amount: full refund
  refund.merchant_reference = "refund-full";
  const yuno::Payment refunded = client().payments().refund(purchase, refund);
  EXPECT_EQ(refunded.status, PaymentStatus::kRefunded);
  EXPECT_EQ(refunded.amount->refunded.value_or(dec("0")), dec("42.10"));
}

TEST_F(ApiTest, FullCaptureWithoutAnAmountCapturesEverything) {
  const yuno::Payment authorized = client().payments().create(
      card_payment(unique_order_id("full-capture"), kVisaOk, "75.25", /*capture=*/false));
  yuno::CaptureRequest capture;  // the SDK captures capturable_amount()
  capture.merchant_reference = "capture-all";
  client().payments().capture(authorized, capture);
  const yuno::Payment captured = client().payments().retrieve(authorized.id);
  EXPECT_EQ(captured.status, PaymentStatus::kSucceeded);
  EXPECT_EQ(captured.sub_status, PaymentSubStatus::kCaptured);
  EXPECT_EQ(captured.amount->captured.value_or(dec("0")), dec("75.25"));
}

TEST_F(ApiTest, CancelOrRefundPicksWhatApplies) {
  const yuno::Payment authorized = client().payments().create(
      card_payment(unique_order_id("cor-auth"), kVisaOk, "10.00", /*capture=*/false));
  yuno::CancelOrRefundRequest request;
  request.reason = "REQUESTED_BY_CUSTOMER";
  request.merchant_reference = "cor-1";
  client().payments().cancel_or_refund(authorized.id, request);
  EXPECT_EQ(client().payments().retrieve(authorized.id).status, PaymentStatus::kCanceled);

  const yuno::Payment purchase = client().payments().create(
      card_payment(unique_order_id("cor-purchase"), kVisaOk, "10.00", /*capture=*/true));
  request.merchant_reference = "cor-2";
  client().payments().cancel_or_refund(purchase.id, request);
  EXPECT_EQ(client().payments().retrieve(purchase.id).status, PaymentStatus::kRefunded);
}

// ------------------------------------------------------------------------------------
// Testing Gateway: the card number picks the outcome
// ------------------------------------------------------------------------------------

struct CardOutcome {
  const char* outcome;  ///< the primer's row: the transaction's response_code
  const char* suffix;   ///< the last digits shared by every brand
};
const CardOutcome kOutcomes[] = {
    {"SUCCEEDED", "0002"},        {"INSUFFICIENT_FUNDS", "0010"}, {"DECLINED_BY_BANK", "0028"},
    {"DO_NOT_HONOR", "0036"},     {"INVALID_SECURITY_CODE", "0044"},
    {"INVALID_CARD_DATA", "0051"}, {"REPORTED_STOLEN", "0069"},   {"ERROR", "0077"},
};
const TestCard kBrands[] = {
    {"Visa", "450799000000", "123"},
    {"Mastercard", "525244000000", "123"},
    {"Amex", "37000000000", "1234"},
    {"Diners", "364716600000", "123"},
    {"UATP", "113900000000", "123"},
};

TEST_F(ApiTest, EveryTestingGatewayCardGivesItsOutcome) {
  for (const TestCard& brand : kBrands) {
    for (const CardOutcome& row : kOutcomes) {
      const std::string number = std::string(brand.number) + row.suffix;
      // The card number is never printed: the brand and the row name the case.
      SCOPED_TRACE(std::string(brand.brand) + " / " + row.outcome);
      const yuno::Payment payment = client().payments().create(card_payment(
          unique_order_id("card"), number, "12.34", /*capture=*/true, brand.security_code));
      const std::string outcome = row.outcome;
      if (outcome == "SUCCEEDED") {
        EXPECT_EQ(payment.status, PaymentStatus::kSucceeded);
      } else if (outcome == "ERROR") {
        EXPECT_EQ(payment.status, PaymentStatus::kError);
      } else {
        EXPECT_EQ(payment.status, PaymentStatus::kDeclined);
        EXPECT_EQ(payment.sub_status, PaymentSubStatus::kDeclined);
        EXPECT_TRUE(payment.is_declined());
      }
      const yuno::Transaction* transaction = first_transaction(payment);
      ASSERT_NE(transaction, nullptr);
      EXPECT_EQ(transaction->type, TransactionType::kPurchase);
      EXPECT_EQ(transaction->response_code.value_or("<none>"), outcome);
      if (outcome == "SUCCEEDED") {
        EXPECT_EQ(transaction->status, TransactionStatus::kSucceeded);
      } else if (outcome == "ERROR") {
        EXPECT_EQ(transaction->status, TransactionStatus::kError);
      } else {
        EXPECT_EQ(transaction->status, TransactionStatus::kDeclined);
      }
    }
  }
}

TEST_F(ApiTest, DescriptionPicksTheOutcomeForOtherCardsButCardDataWins) {
  yuno::CreatePaymentRequest other = card_payment(unique_order_id("desc"), "4111111111111111",
                                                  "5.00", /*capture=*/true);
  other.description = "INSUFFICIENT_FUNDS";
  const yuno::Payment by_description = client().payments().create(other);
  EXPECT_EQ(by_description.status, PaymentStatus::kDeclined);
  ASSERT_NE(first_transaction(by_description), nullptr);
  EXPECT_EQ(first_transaction(by_description)->response_code.value_or(""), "INSUFFICIENT_FUNDS");

  yuno::CreatePaymentRequest gateway =
      card_payment(unique_order_id("desc"), kVisaOk, "5.00", /*capture=*/true);
  gateway.description = "INSUFFICIENT_FUNDS";
  EXPECT_EQ(client().payments().create(gateway).status, PaymentStatus::kSucceeded);
}

TEST_F(ApiTest, AuthorizationDeclinesToo) {
  const yuno::Payment declined = client().payments().create(
      card_payment(unique_order_id("auth-declined"), "4507990000000036", "9.99", false));
  EXPECT_EQ(declined.status, PaymentStatus::kDeclined);
  ASSERT_NE(first_transaction(declined), nullptr);
  EXPECT_EQ(first_transaction(declined)->type, TransactionType::kAuthorize);
  EXPECT_EQ(first_transaction(declined)->response_code.value_or(""), "DO_NOT_HONOR");
}

// ------------------------------------------------------------------------------------
// Capture, cancel and refund rules
// ------------------------------------------------------------------------------------

TEST_F(ApiTest, CaptureMoreThanAuthorizedIsRejected) {
  const yuno::Payment authorized = client().payments().create(
      card_payment(unique_order_id("over-capture"), kVisaOk, "50.00", false));
  const yuno::Transaction* auth =
      authorized.last_transaction(TransactionType::kAuthorize, TransactionStatus::kSucceeded);
  ASSERT_NE(auth, nullptr);
  yuno::CaptureRequest capture;
  capture.merchant_reference = "too-much";
  capture.amount = yuno::Amount(dec("50.01"), "USD");
  EXPECT_EQ(code_of<yuno::InvalidRequestError>(
                [&] { client().payments().capture(authorized.id, auth->id, capture); }),
            "INVALID_AMOUNT");
  // Nothing changed.
  const yuno::Payment after = client().payments().retrieve(authorized.id);
  EXPECT_EQ(after.sub_status, PaymentSubStatus::kAuthorized);
  EXPECT_EQ(after.amount->captured.value_or(dec("0")), dec("0"));
}

TEST_F(ApiTest, RefundMoreThanCapturedIsRejected) {
  const yuno::Payment authorized = client().payments().create(
      card_payment(unique_order_id("over-refund"), kVisaOk, "80.00", false));
  yuno::CaptureRequest capture;
  capture.merchant_reference = "cap-30";
  capture.amount = yuno::Amount(dec("30.00"), "USD");
  client().payments().capture(authorized, capture);
  const yuno::Payment captured = client().payments().retrieve(authorized.id);
  const yuno::Transaction* cap =
      captured.last_transaction(TransactionType::kCapture, TransactionStatus::kSucceeded);
  ASSERT_NE(cap, nullptr);

  yuno::RefundRequest refund;
  refund.merchant_reference = "ref-too-much";
  refund.amount = yuno::Amount(dec("30.01"), "USD");
  EXPECT_EQ(code_of<yuno::InvalidRequestError>(
                [&] { client().payments().refund(captured.id, cap->id, refund); }),
            "INVALID_AMOUNT");

  // Refunds add up: 20 + 10 is fine, a further 0.01 is not.
  refund.amount = yuno::Amount(dec("20.00"), "USD");
  client().payments().refund(captured.id, cap->id, refund);
  refund.amount = yuno::Amount(dec("10.00"), "USD");
  client().payments().refund(captured.id, cap->id, refund);
  refund.amount = yuno::Amount(dec("0.01"), "USD");
  EXPECT_EQ(code_of<yuno::InvalidRequestError>(
                [&] { client().payments().refund(captured.id, cap->id, refund); }),
            "INVALID_STATUS");  // fully refunded now: no refund applies any more
  EXPECT_EQ(client().payments().retrieve(captured.id).status, PaymentStatus::kRefunded);
}

TEST_F(ApiTest, CancelAfterCaptureIsRejected) {
  const yuno::Payment authorized = client().payments().create(
      card_payment(unique_order_id("cancel-late"), kVisaOk, "20.00", false));
  const yuno::Transaction* auth =
      authorized.last_transaction(TransactionType::kAuthorize, TransactionStatus::kSucceeded);
  ASSERT_NE(auth, nullptr);
  const std::string auth_id = auth->id;
  yuno::CaptureRequest capture;
  capture.merchant_reference = "cap-all";
  client().payments().capture(authorized, capture);
  yuno::CancelRequest cancel;
  cancel.merchant_reference = "cancel-late";
  EXPECT_EQ(code_of<yuno::InvalidRequestError>(
                [&] { client().payments().cancel(authorized.id, auth_id, cancel); }),
            "INVALID_STATUS");
  EXPECT_EQ(client().payments().retrieve(authorized.id).status, PaymentStatus::kSucceeded);
}

TEST_F(ApiTest, CaptureOfAPurchaseIsRejected) {
  const yuno::Payment purchase = client().payments().create(
      card_payment(unique_order_id("capture-purchase"), kVisaOk, "15.00", true));
  const yuno::Transaction* tx =
      purchase.last_transaction(TransactionType::kPurchase, TransactionStatus::kSucceeded);
  ASSERT_NE(tx, nullptr);
  yuno::CaptureRequest capture;
  capture.merchant_reference = "cap-purchase";
  capture.amount = yuno::Amount(dec("15.00"), "USD");
  EXPECT_EQ(code_of<yuno::InvalidRequestError>(
                [&] { client().payments().capture(purchase.id, tx->id, capture); }),
            "INVALID_TRANSACTION_TYPE");
}

TEST_F(ApiTest, SecondCaptureOfAnAuthorizationIsRejected) {
  const yuno::Payment authorized = client().payments().create(
      card_payment(unique_order_id("capture-twice"), kVisaOk, "40.00", false));
  const std::string auth_id =
      authorized.last_transaction(TransactionType::kAuthorize, TransactionStatus::kSucceeded)->id;
  yuno::CaptureRequest capture;
  capture.merchant_reference = "cap-1";
  capture.amount = yuno::Amount(dec("10.00"), "USD");
  client().payments().capture(authorized.id, auth_id, capture);
  capture.merchant_reference = "cap-2";
  EXPECT_EQ(code_of<yuno::InvalidRequestError>(
                [&] { client().payments().capture(authorized.id, auth_id, capture); }),
            "INVALID_STATUS");
}

TEST_F(ApiTest, RefundOfAnAuthorizationAndActionsOnADeclineAreRejected) {
  const yuno::Payment authorized = client().payments().create(
      card_payment(unique_order_id("refund-auth"), kVisaOk, "40.00", false));
  const std::string auth_id =
      authorized.last_transaction(TransactionType::kAuthorize, TransactionStatus::kSucceeded)->id;
  yuno::RefundRequest refund;
  refund.merchant_reference = "refund-auth";
  const std::string refund_code = code_of<yuno::InvalidRequestError>(
      [&] { client().payments().refund(authorized.id, auth_id, refund); });
  EXPECT_TRUE(refund_code == "INVALID_STATUS" || refund_code == "INVALID_TRANSACTION_TYPE")
      << refund_code;

  // A declined authorization cannot be cancelled, a declined purchase not refunded.
  const yuno::Payment declined_auth = client().payments().create(
      card_payment(unique_order_id("declined-auth"), "4507990000000010", "40.00", false));
  ASSERT_NE(first_transaction(declined_auth), nullptr);
  const std::string auth_tx = first_transaction(declined_auth)->id;
  yuno::CancelRequest cancel;
  cancel.merchant_reference = "cancel-declined";
  EXPECT_EQ(code_of<yuno::InvalidRequestError>(
                [&] { client().payments().cancel(declined_auth.id, auth_tx, cancel); }),
            "INVALID_STATUS");
  const yuno::Payment declined = client().payments().create(
      card_payment(unique_order_id("declined"), "4507990000000010", "40.00", true));
  ASSERT_NE(first_transaction(declined), nullptr);
  const std::string tx_id = first_transaction(declined)->id;
  EXPECT_EQ(code_of<yuno::InvalidRequestError>(
                [&] { client().payments().refund(declined.id, tx_id, refund); }),
            "INVALID_STATUS");
}

TEST_F(ApiTest, UnknownIdsAreTypedErrors) {
  const std::string unknown = "0b6a3a52-0f5e-4b9c-8d77-1c2e3f4a5b6c";
  EXPECT_THROW(client().payments().retrieve(unknown), yuno::ApiError);
  EXPECT_THROW(client().customers().retrieve(unknown), yuno::ApiError);
  EXPECT_THROW(client().checkout_sessions().retrieve(unknown), yuno::ApiError);
  EXPECT_TRUE(client().payments().retrieve_by_merchant_order_id("no-such-order").empty());
}

// ------------------------------------------------------------------------------------
// Authentication and validation
// ------------------------------------------------------------------------------------

TEST_F(ApiTest, WrongKeysAreAnAuthenticationErrorThatNamesNoSecret) {
  const std::string wrong_secret = "wrong_private_secret_key_zz9";
  for (int which = 0; which < 2; ++which) {
    yuno::ClientOptions options = client_options(sandbox().base_url());
    if (which == 0) options.private_secret_key = wrong_secret;
    if (which == 1) options.public_api_key = "sandbox_wrong_public_key_zz9";
    options.max_retries = 3;
    const yuno::YunoClient wrong(options);
    try {
      wrong.customers().retrieve(customer_id());
      ADD_FAILURE() << "accepted wrong keys (" << which << ")";
    } catch (const yuno::AuthenticationError& e) {
      EXPECT_EQ(e.status_code(), 401);
      EXPECT_EQ(e.code(), "INVALID_CREDENTIALS");
      EXPECT_EQ(e.attempts(), 1) << "a 401 is never retried";
      const std::string text = e.what();
      EXPECT_EQ(text.find(wrong_secret), std::string::npos);
      EXPECT_EQ(text.find(kPrivateKey), std::string::npos);
    }
    EXPECT_THROW(wrong.payments().create(card_payment(unique_order_id("auth"), kVisaOk, "1.00",
                                                      true)),
                 yuno::AuthenticationError);
  }
  // Nothing was created with the wrong keys.
  EXPECT_EQ(control().stats().at("payments"), 0);
}

TEST_F(ApiTest, MissingAndInvalidFieldsAreInvalidRequestErrors) {
  // No payment_method: the SDK sends it (it checks only what it must), the sandbox names it.
  yuno::CreatePaymentRequest missing =
      card_payment(unique_order_id("missing"), kVisaOk, "10.00", true);
  missing.payment_method.reset();
  try {
    client().payments().create(missing);
    ADD_FAILURE() << "accepted a payment without payment_method";
  } catch (const yuno::InvalidRequestError& e) {
    EXPECT_EQ(e.status_code(), 400);
    EXPECT_EQ(e.code(), "MISSING_PARAMETERS");
    std::string all;
    for (const auto& m : e.messages()) all += m + " ";
    EXPECT_NE(all.find("payment_method"), std::string::npos) << all;
  }

  // Out-of-range and ill-typed fields.
  yuno::CreatePaymentRequest short_description =
      card_payment(unique_order_id("short"), kVisaOk, "5.00", true);
  short_description.description = "ab";  // Yuno wants 3 to 255 characters
  EXPECT_EQ(code_of<yuno::InvalidRequestError>(
                [&] { client().payments().create(short_description); }),
            "INVALID_PARAMETERS");
  yuno::CreatePaymentRequest negative =
      card_payment(unique_order_id("negative"), kVisaOk, "-5.00", true);
  EXPECT_EQ(code_of<yuno::InvalidRequestError>([&] { client().payments().create(negative); }),
            "INVALID_AMOUNT");
  yuno::CreateCustomerRequest customer;
  customer.merchant_customer_id = unique_order_id("typed");
  customer.unknown_fields = yuno::Json(nlohmann::json{{"email", 42}});
  EXPECT_EQ(code_of<yuno::InvalidRequestError>([&] { client().customers().create(customer); }),
            "INVALID_PARAMETERS");

  // A duplicated merchant_customer_id.
  yuno::CreateCustomerRequest first;
  first.merchant_customer_id = unique_order_id("dup-customer");
  client().customers().create(first);
  EXPECT_EQ(code_of<yuno::InvalidRequestError>([&] { client().customers().create(first); }),
            "CUSTOMER_ID_DUPLICATED");

  // Malformed JSON (the SDK never sends it): INVALID_REQUEST.
  const auto response = control().raw(
      "POST", "/v1/customers",
      {{"public-api-key", kPublicKey},
       {"private-secret-key", kPrivateKey},
       {"Content-Type", "application/json"},
       {"X-Idempotency-Key", "5b3f6a1e-2d4c-4f8a-9b7e-1c2d3e4f5a6b"}},
      "{\"merchant_customer_id\": ");
  EXPECT_EQ(response.status_code, 400);
  EXPECT_NE(response.body.find("INVALID_REQUEST"), std::string::npos);
  EXPECT_EQ(control().stats().at("payments"), 0);
}

TEST_F(ApiTest, CreatePaymentWithoutAnIdempotencyKeyIsRejected) {
  nlohmann::json body = card_payment(unique_order_id("no-key"), kVisaOk, "1.00", true);
  body["account_id"] = kAccountId;
  const auto response = control().raw(
      "POST", "/v1/payments",
      {{"public-api-key", kPublicKey}, {"private-secret-key", kPrivateKey},
       {"account-code", kAccountId}, {"Content-Type", "application/json"}},
      body.dump());
  EXPECT_EQ(response.status_code, 400);
  EXPECT_EQ(control().stats().at("payments"), 0);
}

// ------------------------------------------------------------------------------------
// Idempotency
// ------------------------------------------------------------------------------------

TEST_F(ApiTest, ReplayedKeyReturnsTheSamePaymentAndStoresOne) {
  const std::string order = unique_order_id("replay");
  yuno::RequestOptions options;
  options.idempotency_key = "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a";
  const auto first = client().payments().create(card_payment(order, kVisaOk, "33.00", true),
                                                options);
  // The retry's body is ignored: a different amount changes nothing.
  const auto second = client().payments().create(card_payment(order, kVisaOk, "99.00", true),
                                                 options);
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(second.amount->value, dec("33.00"));
  EXPECT_EQ(second.response_metadata().idempotency_key, *options.idempotency_key);
  EXPECT_EQ(client().payments().retrieve_by_merchant_order_id(order).size(), 1u);
  EXPECT_EQ(control().stats().at("payments"), 1);

  // A declined payment is an outcome too: replayed, not re-run.
  yuno::RequestOptions declined_key;
  declined_key.idempotency_key = "1e2d3c4b-5a69-4877-8695-a4b3c2d1e0f9";
  const std::string declined_order = unique_order_id("replay-declined");
  const auto declined = client().payments().create(
      card_payment(declined_order, "4507990000000028", "5.00", true), declined_key);
  const auto again = client().payments().create(
      card_payment(declined_order, "4507990000000028", "5.00", true), declined_key);
  EXPECT_EQ(again.id, declined.id);
  EXPECT_EQ(again.status, PaymentStatus::kDeclined);
  EXPECT_EQ(control().stats().at("payments"), 2);
}

TEST_F(ApiTest, ReplayedCaptureDoesNotCaptureTwice) {
  const yuno::Payment authorized = client().payments().create(
      card_payment(unique_order_id("replay-capture"), kVisaOk, "60.00", false));
  yuno::CaptureRequest capture;
  capture.merchant_reference = "cap-replayed";
  capture.amount = yuno::Amount(dec("20.00"), "USD");
  yuno::RequestOptions options;
  options.idempotency_key = "2f3e4d5c-6b7a-4988-a7b6-c5d4e3f2a1b0";
  const auto first = client().payments().capture(authorized, capture, options);
  const auto second = client().payments().capture(authorized, capture, options);
  EXPECT_EQ(second.id, first.id);
  const yuno::Payment after = client().payments().retrieve(authorized.id);
  EXPECT_EQ(after.amount->captured.value_or(dec("0")), dec("20.00"));
  EXPECT_EQ(after.transactions_of_type(TransactionType::kCapture).size(), 1u);
}

class SlowSandboxTest : public SandboxTest {
 protected:
  void SetUp() override {
    start({"--processing-delay-ms", "1500"});
    make_customer_and_session();
  }
};

TEST_F(SlowSandboxTest, ConcurrentReplaySeesRequestInProcessAndEndsWithTheSamePayment) {
  const std::string order = unique_order_id("in-process");
  const std::string key = "3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d";

  // The observer records what each attempt of the replay saw.
  std::mutex mutex;
  std::vector<yuno::RetryReason> replay_reasons;
  yuno::ClientOptions observed = client_options(sandbox().base_url());
  observed.max_retries = 10;  // the SDK's maximum
  observed.backoff.initial_delay = std::chrono::milliseconds(100);
  observed.backoff.max_delay = std::chrono::milliseconds(200);
  observed.observer = [&](const yuno::AttemptEvent& event) {
    if (event.phase != yuno::AttemptEvent::Phase::kFinished) return;
    std::lock_guard<std::mutex> lock(mutex);
    replay_reasons.push_back(event.retry_reason);
  };
  const yuno::YunoClient replaying(observed);

  yuno::RequestOptions options;
  options.idempotency_key = key;
  auto first = std::async(std::launch::async, [&] {
    return client().payments().create(card_payment(order, kVisaOk, "18.00", true), options);
  });
  // Start the replay once the first request holds the key (customer and session hold two).
  for (int i = 0; i < 6000 && control().stats().at("idempotency_keys").get<int>() < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const auto replay =
      replaying.payments().create(card_payment(order, kVisaOk, "18.00", true), options);
  const auto original = first.get();

  EXPECT_EQ(replay.id, original.id);
  EXPECT_GE(replay.response_metadata().attempts, 2);
  bool saw_in_process = false;
  for (auto reason : replay_reasons) {
    saw_in_process = saw_in_process || reason == yuno::RetryReason::kRequestInProcess;
  }
  EXPECT_TRUE(saw_in_process) << "the replay never saw REQUEST_IN_PROCESS";
  EXPECT_EQ(client().payments().retrieve_by_merchant_order_id(order).size(), 1u);
  EXPECT_EQ(control().stats().at("payments"), 1);
}

TEST_F(SlowSandboxTest, ReplayWithoutRetriesGetsRequestInProcess) {
  const std::string order = unique_order_id("in-process-typed");
  yuno::RequestOptions options;
  options.idempotency_key = "4b5c6d7e-8f9a-4b1c-8d2e-3f4a5b6c7d8e";
  auto first = std::async(std::launch::async, [&] {
    return client().payments().create(card_payment(order, kVisaOk, "18.00", true), options);
  });
  for (int i = 0; i < 6000 && control().stats().at("idempotency_keys").get<int>() < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  yuno::RequestOptions no_retry = options;
  no_retry.max_retries = 0;
  EXPECT_EQ(code_of<yuno::InvalidRequestError>([&] {
              client().payments().create(card_payment(order, kVisaOk, "18.00", true), no_retry);
            }),
            "REQUEST_IN_PROCESS");
  const auto original = first.get();
  EXPECT_EQ(client().payments().create(card_payment(order, kVisaOk, "18.00", true), options).id,
            original.id);
}

}  // namespace
}  // namespace yuno::integration
