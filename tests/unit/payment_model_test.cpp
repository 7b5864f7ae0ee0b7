// The payment models: status predicates, unknown enum values, the shapes Yuno sends
// (transactions as an object or an array, amounts as numbers or strings), the amount
// helpers, exact decimals, card data masking, and request serialisation.
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yuno/decimal.hpp>
#include <yuno/models/payment.hpp>

#include "internal/json_text.hpp"

namespace {

using nlohmann::json;
using yuno::Decimal;
using yuno::Payment;
using yuno::PaymentStatus;
using yuno::PaymentSubStatus;
using yuno::Transaction;
using yuno::TransactionStatus;
using yuno::TransactionType;

// Sandbox test card and security code (Yuno Testing Gateway): they must never be printed.
const std::string kCardNumber = "4507990000000002";
const std::string kSecurityCode = "987";

Payment payment_with(const std::string& status, const std::string& sub_status) {
  return json{{"id", "pay-1"}, {"status", status}, {"sub_status", sub_status}}.get<Payment>();
}

Payment payment_with_amount(const std::string& status, const std::string& sub_status,
                            const json& amount) {
  return json{{"id", "pay-1"}, {"status", status}, {"sub_status", sub_status}, {"amount", amount}}
      .get<Payment>();
}

// What from_json throws for `j` ("" if nothing).
template <typename Model>
std::string parse_error(const json& j) {
  try {
    (void)j.get<Model>();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

// --- status predicates -------------------------------------------------------------------

struct StatusCase {
  const char* status;
  const char* sub_status;
  bool approved, pending, authorized, declined, refunded, canceled;
};

class PaymentStatusPredicates : public ::testing::TestWithParam<StatusCase> {};

TEST_P(PaymentStatusPredicates, FollowTheStatusTable) {
  const StatusCase& c = GetParam();
  const Payment payment = payment_with(c.status, c.sub_status);
  EXPECT_EQ(payment.is_approved(), c.approved);
  EXPECT_EQ(payment.is_pending(), c.pending);
  EXPECT_EQ(payment.is_authorized(), c.authorized);
  EXPECT_EQ(payment.is_declined(), c.declined);
  EXPECT_EQ(payment.is_refunded(), c.refunded);
  EXPECT_EQ(payment.is_canceled(), c.canceled);
}

// approved, pending, authorized, declined, refunded, canceled
INSTANTIATE_TEST_SUITE_P(
    EveryStatus, PaymentStatusPredicates,
    ::testing::Values(
        StatusCase{"CREATED", "CREATED", false, true, false, false, false, false},
        StatusCase{"READY_TO_PAY", "CREATED", false, true, false, false, false, false},
        StatusCase{"PENDING", "AUTHORIZED", false, true, true, false, false, false},
        StatusCase{"PENDING", "IN_PROCESS", false, true, false, false, false, false},
        StatusCase{"PENDING", "WAITING_ADDITIONAL_STEP", false, true, false, false, false, false},
        StatusCase{"PENDING", "PENDING_FRAUD_REVIEW", false, true, false, false, false, false},
        StatusCase{"VERIFIED", "VERIFIED", false, false, false, false, false, false},
        StatusCase{"EXPIRED", "EXPIRED", false, false, false, false, false, false},
        StatusCase{"REJECTED", "REJECTED", false, false, false, true, false, false},
        StatusCase{"DECLINED", "DECLINED", false, false, false, true, false, false},
        StatusCase{"DECLINED", "FRAUD_DECLINED", false, false, false, true, false, false},
        StatusCase{"SUCCEEDED", "APPROVED", true, false, false, false, false, false},
        StatusCase{"SUCCEEDED", "CAPTURED", true, false, false, false, false, false},
        StatusCase{"SUCCEEDED", "PARTIALLY_CAPTURED", true, false, false, false, false, false},
        StatusCase{"SUCCEEDED", "PARTIALLY_REFUNDED", true, false, false, false, false, false},
        StatusCase{"REFUNDED", "REFUNDED", false, false, false, false, true, false},
        StatusCase{"REFUNDED", "PENDING_PROVIDER_CONFIRMATION", false, false, false, false, true,
                   false},
        StatusCase{"CANCELED", "CANCELED", false, false, false, false, false, true},
        StatusCase{"IN_DISPUTE", "RECEIVED", false, false, false, false, false, false},
        StatusCase{"CHARGEBACK", "LOST", false, false, false, false, false, false},
        StatusCase{"ERROR", "ERROR", false, false, false, false, false, false},
        StatusCase{"FRAUD", "FRAUD_VERIFIED", false, false, false, false, false, false},
        StatusCase{"SOME_NEW_STATUS", "SOME_NEW_SUB_STATUS", false, false, false, false, false,
                   false}));

TEST(PaymentModel, StatusConstantsCompareWithWhatYunoSends) {
  const Payment payment = payment_with("PENDING", "AUTHORIZED");
  EXPECT_EQ(payment.status, PaymentStatus::kPending);
  EXPECT_EQ(payment.sub_status, PaymentSubStatus::kAuthorized);
  EXPECT_NE(payment.status, PaymentStatus::kSucceeded);
  EXPECT_EQ(PaymentStatus::kReadyToPay.value(), "READY_TO_PAY");
  EXPECT_EQ(PaymentSubStatus::kPartiallyCaptured.value(), "PARTIALLY_CAPTURED");
  EXPECT_EQ(TransactionType::kFraudScreening.value(), "FRAUD_SCREENING");
  EXPECT_EQ(TransactionStatus::kExpired.value(), "EXPIRED");
}

// --- unknown values --------------------------------------------------------------------

TEST(PaymentModel, UnknownStatusesAndTypesAreKeptAndWrittenBack) {
  const json j = json::parse(R"({
    "id": "pay-1", "status": "PAUSED_BY_NEW_RULE", "sub_status": "WAITING_FOR_MOON",
    "amount": {"value": 10, "currency": "USD"},
    "transactions": [{"id": "tx-1", "type": "INSTALLMENT_PLAN", "status": "ON_HOLD", "amount": 10}],
    "brand_new_field": {"nested": true}
  })");
  const auto payment = j.get<Payment>();
  EXPECT_EQ(payment.status.value(), "PAUSED_BY_NEW_RULE");
  EXPECT_EQ(payment.sub_status.value(), "WAITING_FOR_MOON");
  ASSERT_EQ(payment.transactions.size(), 1u);
  EXPECT_EQ(payment.transactions[0].type, TransactionType("INSTALLMENT_PLAN"));
  EXPECT_EQ(payment.transactions[0].status, TransactionStatus("ON_HOLD"));
  EXPECT_FALSE(payment.is_approved() || payment.is_pending() || payment.is_declined());
  EXPECT_EQ(json(payment), j);
}

TEST(PaymentModel, AbsentStatusIsEmptyAndNotWritten) {
  const auto payment = json{{"id", "pay-1"}, {"status", nullptr}}.get<Payment>();
  EXPECT_TRUE(payment.status.empty());
  EXPECT_TRUE(payment.sub_status.empty());
  EXPECT_EQ(json(payment), (json{{"id", "pay-1"}}));
}

// --- transactions as an object or an array -----------------------------------------------

TEST(PaymentModel, TransactionsAsASingleObjectBecomeOneElementAndAreWrittenBackAsAnObject) {
  const json j = json::parse(R"({"id": "pay-1",
    "transactions": {"id": "tx-1", "type": "PURCHASE", "status": "SUCCEEDED", "amount": 52.5}})");
  const auto payment = j.get<Payment>();
  ASSERT_EQ(payment.transactions.size(), 1u);
  EXPECT_EQ(payment.transactions[0].id, "tx-1");
  EXPECT_TRUE(json(payment).at("transactions").is_object());
  EXPECT_EQ(json(payment), j);
}

TEST(PaymentModel, TransactionsAsAnArrayAreWrittenBackAsAnArray) {
  const json one = json::parse(R"({"id": "pay-1", "transactions": [{"id": "tx-1"}]})");
  EXPECT_TRUE(json(one.get<Payment>()).at("transactions").is_array());
  EXPECT_EQ(json(one.get<Payment>()), one);

  const json empty = json::parse(R"({"id": "pay-1", "transactions": []})");
  EXPECT_TRUE(empty.get<Payment>().transactions.empty());
  EXPECT_EQ(json(empty.get<Payment>()), empty);

  const json history = json::parse(R"({"id": "pay-1", "transactions_history": {"id": "tx-1"}})");
  EXPECT_EQ(history.get<Payment>().transactions_history.size(), 1u);
  EXPECT_EQ(json(history.get<Payment>()), history);
}

TEST(PaymentModel, TransactionsBuiltInCodeAreWrittenAsAnArrayAndOmittedWhenEmpty) {
  Payment payment;
  payment.id = "pay-1";
  EXPECT_FALSE(json(payment).contains("transactions"));
  Transaction transaction;
  transaction.id = "tx-1";
  payment.transactions.push_back(transaction);
  EXPECT_TRUE(json(payment).at("transactions").is_array());

  // A payment read with one object and given a second transaction: an array, nothing lost.
  auto read = json::parse(R"({"id": "pay-1", "transactions": {"id": "tx-1"}})").get<Payment>();
  read.transactions.push_back(transaction);
  EXPECT_EQ(json(read).at("transactions").size(), 2u);
}

TEST(PaymentModel, TransactionsOfAnotherShapeAreAParseErrorNamingTheField) {
  const std::string error =
      parse_error<Payment>(json{{"id", "pay-1"}, {"transactions", "tx-secret-value"}});
  EXPECT_NE(error.find("Payment.transactions"), std::string::npos) << error;
  EXPECT_NE(error.find("string"), std::string::npos) << error;
  EXPECT_EQ(error.find("tx-secret-value"), std::string::npos);
}

TEST(PaymentModel, ATransactionAmountInsideAPaymentIsABareNumber) {
  const json j =
      json::parse(R"({"id": "pay-1", "transactions": [{"id": "tx-1", "amount": 150.75}]})");
  const auto payment = j.get<Payment>();
  ASSERT_TRUE(payment.transactions[0].amount.has_value());
  EXPECT_EQ(payment.transactions[0].amount->value, Decimal::parse("150.75"));
  EXPECT_TRUE(payment.transactions[0].amount->currency.empty());
  EXPECT_EQ(json(payment), j);
}

// --- Transaction.payment -----------------------------------------------------------------

TEST(PaymentTransaction, CarriesThePaymentItBelongsToWhenPresent) {
  const json j = json::parse(R"({
    "id": "tx-9", "type": "CAPTURE", "status": "SUCCEEDED", "category": "CARD",
    "amount": {"value": 3000, "currency": "USD", "captured": 0, "refunded": 0},
    "merchant_reference": "AAB01", "response_code": "SUCCEEDED",
    "provider_data": {"id": "YUNO_TEST_PAYMENT_GW", "raw_response": null},
    "payment": {"id": "pay-1", "status": "SUCCEEDED", "sub_status": "PARTIALLY_CAPTURED",
                "amount": {"value": 30000, "currency": "USD", "captured": 3000, "refunded": 0}}
  })");
  const auto transaction = j.get<Transaction>();
  EXPECT_EQ(transaction.type, TransactionType::kCapture);
  EXPECT_EQ(transaction.status, TransactionStatus::kSucceeded);
  ASSERT_NE(transaction.payment, nullptr);
  EXPECT_EQ(transaction.payment->id, "pay-1");
  EXPECT_EQ(transaction.payment->sub_status, PaymentSubStatus::kPartiallyCaptured);
  EXPECT_EQ(transaction.payment->amount->captured, Decimal(3000));
  // Nulls inside the untyped parts mean "absent" too: not written back.
  EXPECT_FALSE(transaction.provider_data->value().contains("raw_response"));
  json expected = j;
  expected["provider_data"].erase("raw_response");
  EXPECT_EQ(json(transaction), expected);
}

TEST(PaymentTransaction, PaymentIsNullWhenAbsent) {
  const json j = json::parse(R"({"id": "tx-9", "type": "REFUND", "status": "SUCCEEDED"})");
  const auto transaction = j.get<Transaction>();
  EXPECT_EQ(transaction.payment, nullptr);
  EXPECT_EQ(json(transaction), j);
  const json null_payment = {{"id", "tx-9"}, {"payment", nullptr}};
  EXPECT_EQ(null_payment.get<Transaction>().payment, nullptr);
}

// --- finding transactions ----------------------------------------------------------------

Payment payment_with_transactions() {
  return json::parse(R"({
    "id": "pay-1", "status": "SUCCEEDED", "sub_status": "PARTIALLY_REFUNDED",
    "transactions": [
      {"id": "a1", "type": "AUTHORIZE", "status": "DECLINED", "created_at": "2024-06-06T14:27:53Z"},
      {"id": "a2", "type": "AUTHORIZE", "status": "SUCCEEDED", "created_at": "2024-06-06T14:28:10.5Z"},
      {"id": "r2", "type": "REFUND", "status": "SUCCEEDED", "created_at": "2024-06-06T15:00:00.000001Z"},
      {"id": "r1", "type": "REFUND", "status": "SUCCEEDED", "created_at": "2024-06-06T15:00:00.05Z"}
    ],
    "transactions_history": [
      {"id": "a1", "type": "AUTHORIZE", "status": "DECLINED", "created_at": "2024-06-06T14:27:53Z"},
      {"id": "c1", "type": "CAPTURE", "status": "SUCCEEDED", "created_at": "2024-06-06T14:30:00.25Z"}
    ]
  })")
      .get<Payment>();
}

TEST(PaymentModel, TransactionsOfTypeSearchesBothListsOnceEach) {
  const Payment payment = payment_with_transactions();
  const auto authorizations = payment.transactions_of_type(TransactionType::kAuthorize);
  ASSERT_EQ(authorizations.size(), 2u);  // a1 is in both lists: once
  EXPECT_EQ(authorizations[0].id, "a1");
  EXPECT_EQ(authorizations[1].id, "a2");
  const auto captures = payment.transactions_of_type(TransactionType::kCapture);
  ASSERT_EQ(captures.size(), 1u);  // only in the history
  EXPECT_EQ(captures[0].id, "c1");
  EXPECT_TRUE(payment.transactions_of_type(TransactionType::kChargeback).empty());
}

TEST(PaymentModel, LastTransactionIsTheLatestByCreationTime) {
  const Payment payment = payment_with_transactions();
  const Transaction* authorization =
      payment.last_transaction(TransactionType::kAuthorize, TransactionStatus::kSucceeded);
  ASSERT_NE(authorization, nullptr);
  EXPECT_EQ(authorization->id, "a2");
  // .05 is later than .000001 although it has fewer digits (text order would say otherwise).
  const Transaction* refund =
      payment.last_transaction(TransactionType::kRefund, TransactionStatus::kSucceeded);
  ASSERT_NE(refund, nullptr);
  EXPECT_EQ(refund->id, "r1");
  EXPECT_EQ(payment.last_transaction(TransactionType::kCapture, TransactionStatus::kSucceeded)->id,
            "c1");
  EXPECT_EQ(payment.last_transaction(TransactionType::kPurchase, TransactionStatus::kSucceeded),
            nullptr);
}

TEST(PaymentModel, LastTransactionWithoutDatesIsTheOneListedLast) {
  const auto payment = json::parse(R"({"id": "pay-1", "transactions": [
      {"id": "p1", "type": "PURCHASE", "status": "ERROR"},
      {"id": "p2", "type": "PURCHASE", "status": "ERROR"}]})")
                           .get<Payment>();
  EXPECT_EQ(payment.last_transaction(TransactionType::kPurchase, TransactionStatus::kError)->id,
            "p2");
}

// --- capturable and refundable amounts ---------------------------------------------------

TEST(PaymentAmounts, AnAuthorizationCanBeCapturedInFullAndNotRefunded) {
  const Payment payment = payment_with_amount(
      "PENDING", "AUTHORIZED", {{"value", 150.75}, {"currency", "USD"}, {"captured", 0}});
  EXPECT_EQ(payment.capturable_amount(), Decimal::parse("150.75"));
  EXPECT_EQ(payment.refundable_amount(), Decimal());
  // No `captured` at all counts as nothing captured.
  EXPECT_EQ(payment_with_amount("PENDING", "AUTHORIZED", {{"value", 20}, {"currency", "USD"}})
                .capturable_amount(),
            Decimal(20));
}

TEST(PaymentAmounts, AfterAFullCaptureTheCapturedAmountIsRefundable) {
  const Payment payment = payment_with_amount(
      "SUCCEEDED", "CAPTURED",
      {{"value", 30000}, {"currency", "USD"}, {"captured", 30000}, {"refunded", 0}});
  EXPECT_EQ(payment.capturable_amount(), Decimal());
  EXPECT_EQ(payment.refundable_amount(), Decimal(30000));
}

TEST(PaymentAmounts, AfterAPartialCaptureOnlyTheCapturedPartIsRefundable) {
  const Payment payment = payment_with_amount(
      "SUCCEEDED", "PARTIALLY_CAPTURED",
      {{"value", 30000}, {"currency", "USD"}, {"captured", 3000}, {"refunded", 0}});
  EXPECT_EQ(payment.capturable_amount(), Decimal());
  EXPECT_EQ(payment.refundable_amount(), Decimal(3000));
}

TEST(PaymentAmounts, APurchaseIsRefundableInFullThenWhatRemainsAfterAPartialRefund) {
  // Yuno leaves `captured` at 0 for a one-step purchase: the charged amount is the value.
  EXPECT_EQ(
      payment_with_amount("SUCCEEDED", "APPROVED",
                          {{"value", 300}, {"currency", "USD"}, {"captured", 0}, {"refunded", 0}})
          .refundable_amount(),
      Decimal(300));
  const Payment partly_refunded = payment_with_amount(
      "SUCCEEDED", "PARTIALLY_REFUNDED",
      {{"value", 300}, {"currency", "USD"}, {"captured", 0}, {"refunded", 30.25}});
  EXPECT_EQ(partly_refunded.refundable_amount(), Decimal::parse("269.75"));
  EXPECT_EQ(partly_refunded.capturable_amount(), Decimal());
}

TEST(PaymentAmounts, NothingIsCapturableOrRefundableInOtherStates) {
  const json amount = {{"value", 300}, {"currency", "USD"}, {"captured", 0}, {"refunded", 300}};
  for (const auto& [status, sub_status] :
       std::vector<std::pair<std::string, std::string>>{{"REFUNDED", "REFUNDED"},
                                                        {"CANCELED", "CANCELED"},
                                                        {"DECLINED", "DECLINED"},
                                                        {"READY_TO_PAY", "CREATED"},
                                                        {"PENDING", "IN_PROCESS"},
                                                        {"CHARGEBACK", "LOST"},
                                                        {"ERROR", "ERROR"}}) {
    SCOPED_TRACE(status + "/" + sub_status);
    const Payment payment = payment_with_amount(status, sub_status, amount);
    EXPECT_EQ(payment.capturable_amount(), Decimal());
    EXPECT_EQ(payment.refundable_amount(), Decimal());
  }
  // Refunded beyond the charged amount, or no amount at all: still 0, never negative.
  EXPECT_EQ(payment_with_amount("SUCCEEDED", "APPROVED",
                                {{"value", 10}, {"currency", "USD"}, {"refunded", 12}})
                .refundable_amount(),
            Decimal());
  EXPECT_EQ(payment_with("SUCCEEDED", "APPROVED").refundable_amount(), Decimal());
  EXPECT_EQ(payment_with("PENDING", "AUTHORIZED").capturable_amount(), Decimal());
}

// --- exact decimals ------------------------------------------------------------------------

TEST(PaymentAmounts, AmountsAreExactDecimals) {
  const auto amount =
      json::parse(R"({"value": 150.75, "currency": "USD", "captured": 0.0001, "refunded": 0})")
          .get<yuno::Amount>();
  EXPECT_EQ(amount.value.units(), 1507500);
  EXPECT_EQ(amount.captured->units(), 1);
  EXPECT_EQ(amount.value - *amount.captured, Decimal::parse("150.7499"));
  // Sent as written, without binary floating point noise.
  EXPECT_EQ(yuno::internal::dump_json(json(amount)),
            R"({"captured":0.0001,"currency":"USD","refunded":0,"value":150.75})");
  EXPECT_EQ(yuno::internal::dump_json(
                json(yuno::Amount(Decimal::parse("0.1") + Decimal::parse("0.2"), "USD"))),
            R"({"currency":"USD","value":0.3})");
}

TEST(PaymentAmounts, AStringValueIsReadExactlyAndWrittenBackAsAString) {
  const json j = json::parse(R"({"currency": "USD", "value": "2000.5"})");
  const auto amount = j.get<yuno::Amount>();
  EXPECT_EQ(amount.value, Decimal::parse("2000.5"));
  EXPECT_EQ(json(amount), j);
  // An amount built in code is a JSON number.
  EXPECT_TRUE(json(yuno::Amount(Decimal(2000), "USD")).at("value").is_number());
}

TEST(PaymentAmounts, MoreThanFourDecimalsIsAParseErrorThatDoesNotEchoTheValue) {
  const std::string error = parse_error<Payment>(
      json::parse(R"({"id": "p", "amount": {"value": "12.34567", "currency": "USD"}})"));
  EXPECT_NE(error.find("Payment.amount"), std::string::npos) << error;
  EXPECT_EQ(error.find("12.34567"), std::string::npos);
}

// --- card data masking ---------------------------------------------------------------------

yuno::CardData sandbox_card() {
  yuno::CardData card;
  card.number = kCardNumber;
  card.security_code = kSecurityCode;
  card.expiration_month = 11;
  card.expiration_year = 28;
  card.holder_name = "JOHN DOE";
  return card;
}

TEST(PaymentCardData, ToStringNeverContainsTheNumberOrTheSecurityCode) {
  const std::string text = sandbox_card().to_string();
  EXPECT_TRUE(text.find(kCardNumber) == std::string::npos);
  EXPECT_TRUE(text.find(kSecurityCode) == std::string::npos);
  EXPECT_TRUE(text.find("JOHN DOE") == std::string::npos);
  // At most the first 6 and the last 4 digits.
  EXPECT_TRUE(text.find("450799******0002") != std::string::npos);
  EXPECT_TRUE(text.find("0000000") == std::string::npos);
  EXPECT_TRUE(text.find("11/28") != std::string::npos);

  std::ostringstream out;
  out << sandbox_card();
  EXPECT_TRUE(out.str() == text);
}

TEST(PaymentCardData, ShortNumbersShowLessAndTheSecurityCodeLengthIsHidden) {
  yuno::CardData card;
  card.number = "12345678";  // not a real PAN: at most the last 4
  card.security_code = "1234";
  const std::string text = card.to_string();
  EXPECT_TRUE(text.find("12345678") == std::string::npos);
  EXPECT_TRUE(text.find("1234") == std::string::npos);
  EXPECT_TRUE(text.find("5678") != std::string::npos);
  EXPECT_TRUE(text.find("security_code=***") != std::string::npos);

  card.number = "4507";
  EXPECT_TRUE(card.to_string().find("4507") == std::string::npos);
}

TEST(PaymentCardData, ParseErrorsNameTheFieldButNeverTheValue) {
  // A number where a string is expected, and a string where a number is expected.
  const json bad_number = {{"id", "p"},
                           {"payment_method",
                            {{"payment_method_detail",
                              {{"card", {{"card_data", {{"number", 4507990000000002ULL}}}}}}}}}};
  std::string error = parse_error<Payment>(bad_number);
  EXPECT_TRUE(error.find("CardData.number") != std::string::npos);
  EXPECT_TRUE(error.find(kCardNumber) == std::string::npos);

  const json bad_code = {{"amount", {{"value", 10}, {"currency", "USD"}}},
                         {"payment_method",
                          {{"detail",
                            {{"card",
                              {{"card_data",
                                {{"number", kCardNumber},
                                 {"security_code", 987},
                                 {"expiration_month", kSecurityCode}}}}}}}}}};
  error = parse_error<yuno::CreatePaymentRequest>(bad_code);
  EXPECT_FALSE(error.empty());
  EXPECT_TRUE(error.find("CardData.") != std::string::npos);
  EXPECT_TRUE(error.find(kCardNumber) == std::string::npos);
  EXPECT_TRUE(error.find(kSecurityCode) == std::string::npos);
}

// --- requests ------------------------------------------------------------------------------

TEST(PaymentRequests, UnsetFieldsAreOmitted) {
  EXPECT_EQ(json(yuno::CaptureRequest{}), json::object());
  EXPECT_EQ(json(yuno::CancelRequest{}), json::object());
  EXPECT_EQ(json(yuno::RefundRequest{}), json::object());
  EXPECT_EQ(json(yuno::CancelOrRefundRequest{}), json::object());

  yuno::RefundRequest refund;
  refund.merchant_reference = "refund-1";
  EXPECT_EQ(json(refund), (json{{"merchant_reference", "refund-1"}}));

  yuno::CaptureRequest capture;
  capture.amount = yuno::Amount(Decimal::parse("30.5"), "USD");
  capture.merchant_reference = "capture-1";
  EXPECT_EQ(json(capture), json::parse(R"({"amount": {"value": 30.5, "currency": "USD"},
                                           "merchant_reference": "capture-1"})"));

  yuno::CreatePaymentRequest create;
  create.amount = yuno::Amount(Decimal(100), "USD");
  create.description = "Order 42";
  EXPECT_EQ(
      json(create),
      json::parse(R"({"amount": {"value": 100, "currency": "USD"}, "description": "Order 42"})"));
}

TEST(PaymentRequests, AnAuthorizationOnlyCardPaymentSendsCaptureFalse) {
  yuno::CreatePaymentRequest request;
  request.account_id = "acc-1";
  request.description = "Two-step";
  request.country = "US";
  request.merchant_order_id = "order-1";
  request.amount = yuno::Amount(Decimal::parse("150.75"), "USD");
  request.workflow = yuno::PaymentWorkflow::kDirect;
  yuno::CardDetail card;
  card.capture = false;
  card.card_data = sandbox_card();
  yuno::PaymentMethod method;
  method.type = "CARD";
  method.detail = yuno::PaymentMethodDetail{};
  method.detail->card = card;
  request.payment_method = method;

  const json body = request;
  EXPECT_EQ(body.at("payment_method").at("detail").at("card").at("capture"), false);
  EXPECT_EQ(body.at("payment_method").at("type"), "CARD");
  EXPECT_EQ(body.at("workflow"), "DIRECT");
  EXPECT_EQ(body.at("amount").at("value"), 150.75);
  // The card goes in the body (that is its purpose); it is the body's logging that masks it.
  EXPECT_TRUE(body.at("payment_method").at("detail").at("card").at("card_data").at("number") ==
              kCardNumber);
  EXPECT_FALSE(body.at("payment_method").at("detail").at("card").contains("installments"));

  // Read back: the same request.
  EXPECT_TRUE(json(body.get<yuno::CreatePaymentRequest>()) == body);
}

TEST(PaymentRequests, UnknownFieldsAreSentAndKnownOnesWin) {
  yuno::CancelRequest cancel;
  cancel.reason = "REQUESTED_BY_CUSTOMER";
  cancel.unknown_fields = json{{"new_flag", true}, {"reason", "OVERRIDDEN"}};
  EXPECT_EQ(json(cancel), (json{{"reason", "REQUESTED_BY_CUSTOMER"}, {"new_flag", true}}));
}

}  // namespace
