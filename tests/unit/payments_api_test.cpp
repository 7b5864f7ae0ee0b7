// The Payments API over the mock transport: each call's method, path, headers and body,
// the response shapes Yuno uses, and the convenience overloads that pick a transaction.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "unit_test_support.hpp"

namespace {

using nlohmann::json;
using yuno::find_header;
using yuno::test::MockClient;

json transaction_json(const std::string& id, const std::string& type, const std::string& status) {
  return {{"id", id}, {"type", type}, {"status", status}, {"category", "CARD"},
          {"amount", {{"value", 100}, {"currency", "USD"}}}};
}

json payment_json(const std::string& status, const std::string& sub_status, json transactions,
                  const std::string& captured = "0") {
  return {{"id", "pay-1"},
          {"status", status},
          {"sub_status", sub_status},
          {"merchant_order_id", "order-1"},
          {"amount", {{"value", 100.5}, {"currency", "USD"}, {"captured", json::parse(captured)},
                      {"refunded", 0}}},
          {"transactions", std::move(transactions)}};
}

json authorized_payment() {
  return payment_json("PENDING", "AUTHORIZED",
                      json::array({transaction_json("tx-auth", "AUTHORIZE", "SUCCEEDED")}));
}

json captured_payment() {
  return payment_json("SUCCEEDED", "CAPTURED",
                      json::array({transaction_json("tx-auth", "AUTHORIZE", "SUCCEEDED"),
                                   transaction_json("tx-cap", "CAPTURE", "SUCCEEDED")}),
                      "100.5");
}

json capture_response() {
  json transaction = transaction_json("tx-cap", "CAPTURE", "SUCCEEDED");
  transaction["payment"] = captured_payment();
  return transaction;
}

yuno::CreatePaymentRequest card_payment_request() {
  yuno::CreatePaymentRequest request;
  request.account_id = "acc-1";
  request.description = "Test";
  request.country = "US";
  request.merchant_order_id = "order-1";
  request.amount = yuno::Amount(yuno::Decimal::parse("100.50"), "USD");
  return request;
}

yuno::Payment parse_payment(const json& j) { return j.get<yuno::Payment>(); }

json sent_body(const yuno::testing::MockTransport& transport) {
  return json::parse(transport.last_request().body);
}

TEST(PaymentsApi, CreateAlwaysCarriesAnIdempotencyKey) {
  MockClient mock;
  mock.transport->enqueue_json(201, authorized_payment().dump());
  auto payment = mock.make().payments().create(card_payment_request());
  const auto request = mock.transport->last_request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://api-sandbox.y.uno/v1/payments");
  EXPECT_EQ(find_header(request.headers, "x-idempotency-key")->size(), 36u);
  EXPECT_EQ(payment.response_metadata().idempotency_key,
            find_header(request.headers, "x-idempotency-key"));
  const json body = sent_body(*mock.transport);
  EXPECT_EQ(body["amount"], (json{{"value", 100.5}, {"currency", "USD"}}));
  EXPECT_EQ(body["merchant_order_id"], "order-1");
  EXPECT_EQ(payment.id, "pay-1");
  EXPECT_EQ(payment.status, yuno::PaymentStatus::kPending);
  EXPECT_EQ(payment.sub_status, yuno::PaymentSubStatus::kAuthorized);
}

TEST(PaymentsApi, CreateFillsTheAccountIdAndChecksRequiredFields) {
  MockClient mock;
  auto client = mock.make();
  mock.transport->enqueue_json(201, authorized_payment().dump());
  auto request = card_payment_request();
  request.account_id.reset();
  client.payments().create(request);
  EXPECT_EQ(sent_body(*mock.transport).at("account_id"), yuno::test::kAccountId);

  auto no_order = card_payment_request();
  no_order.merchant_order_id.reset();
  EXPECT_THROW(client.payments().create(no_order), yuno::InvalidArgumentError);
  auto no_currency = card_payment_request();
  no_currency.amount.currency.clear();
  EXPECT_THROW(client.payments().create(no_currency), yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 1u);
}

TEST(PaymentsApi, AmountsAreSentExactly) {
  MockClient mock;
  mock.transport->enqueue_json(201, authorized_payment().dump());
  auto request = card_payment_request();
  request.amount.value = yuno::Decimal::parse("57984212752.5014");
  mock.make().payments().create(request);
  EXPECT_NE(mock.transport->last_request().body.find("\"value\":57984212752.5014"), std::string::npos);
}

TEST(PaymentsApi, RetrieveAcceptsBothShapes) {
  MockClient mock;
  auto client = mock.make();
  mock.transport->enqueue_json(200, captured_payment().dump());
  EXPECT_EQ(client.payments().retrieve("pay-1").status, yuno::PaymentStatus::kSucceeded);
  EXPECT_EQ(mock.transport->last_request().url, "https://api-sandbox.y.uno/v1/payments/pay-1");
  EXPECT_FALSE(find_header(mock.transport->last_request().headers, "x-idempotency-key"));

  mock.transport->enqueue_json(200, json{{"payment", captured_payment()}}.dump());
  auto v2 = client.payments().retrieve("pay-1");
  EXPECT_EQ(v2.id, "pay-1");
  EXPECT_EQ(v2.transactions.size(), 2u);
}

TEST(PaymentsApi, RetrieveByMerchantOrderIdReturnsAList) {
  MockClient mock;
  auto client = mock.make();
  mock.transport->enqueue_json(200, json::array({captured_payment(), authorized_payment()}).dump());
  auto payments = client.payments().retrieve_by_merchant_order_id("order 1/2");
  ASSERT_EQ(payments.size(), 2u);
  EXPECT_EQ(payments[1].sub_status, yuno::PaymentSubStatus::kAuthorized);
  EXPECT_EQ(mock.transport->last_request().url,
            "https://api-sandbox.y.uno/v1/payments?merchant_order_id=order%201%2F2");
  mock.transport->enqueue_json(200, "[]");
  EXPECT_TRUE(client.payments().retrieve_by_merchant_order_id("order-9").empty());
  EXPECT_THROW(client.payments().retrieve_by_merchant_order_id(""), yuno::InvalidArgumentError);
}

TEST(PaymentsApi, TransactionCallsHitTheirPaths) {
  MockClient mock;
  auto client = mock.make();
  const std::string base = "https://api-sandbox.y.uno/v1/payments/pay-1/transactions/tx-1/";

  mock.transport->enqueue_json(200, capture_response().dump());
  yuno::CaptureRequest capture;
  capture.merchant_reference = "cap-1";
  auto captured = client.payments().capture("pay-1", "tx-1", capture);
  EXPECT_EQ(mock.transport->last_request().url, base + "capture");
  EXPECT_EQ(captured.type, yuno::TransactionType::kCapture);
  ASSERT_TRUE(captured.payment);
  EXPECT_EQ(captured.payment->sub_status, yuno::PaymentSubStatus::kCaptured);

  mock.transport->enqueue_json(200, transaction_json("tx-c", "CANCEL", "SUCCEEDED").dump());
  yuno::CancelRequest cancel;
  cancel.merchant_reference = "can-1";
  client.payments().cancel("pay-1", "tx-1", cancel);
  EXPECT_EQ(mock.transport->last_request().url, base + "cancel");
  EXPECT_EQ(sent_body(*mock.transport)["merchant_reference"], "can-1");

  mock.transport->enqueue_json(200, captured_payment().dump());
  yuno::RefundRequest refund;
  refund.merchant_reference = "ref-1";
  auto refunded = client.payments().refund("pay-1", "tx-1", refund);
  EXPECT_EQ(mock.transport->last_request().url, base + "refund");
  EXPECT_EQ(refunded.id, "pay-1");

  mock.transport->enqueue_json(201, transaction_json("tx-r", "REFUND", "SUCCEEDED").dump());
  client.payments().cancel_or_refund("pay-1", "tx-1", yuno::CancelOrRefundRequest{});
  EXPECT_EQ(mock.transport->last_request().url, base + "cancel-or-refund");

  mock.transport->enqueue_json(201, transaction_json("tx-r", "REFUND", "SUCCEEDED").dump());
  client.payments().cancel_or_refund("pay-1", yuno::CancelOrRefundRequest{});
  EXPECT_EQ(mock.transport->last_request().url,
            "https://api-sandbox.y.uno/v1/payments/pay-1/cancel-or-refund");

  for (const auto& request : mock.transport->requests()) {
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(find_header(request.headers, "x-idempotency-key")->size(), 36u);
  }
}

TEST(PaymentsApi, CaptureOfAPaymentPicksTheAuthorizationAndDefaultsToTheRest) {
  MockClient mock;
  mock.transport->enqueue_json(200, capture_response().dump());
  yuno::CaptureRequest request;
  request.merchant_reference = "cap-1";
  mock.make().payments().capture(parse_payment(authorized_payment()), request);
  EXPECT_EQ(mock.transport->last_request().url,
            "https://api-sandbox.y.uno/v1/payments/pay-1/transactions/tx-auth/capture");
  EXPECT_EQ(sent_body(*mock.transport)["amount"], (json{{"value", 100.5}, {"currency", "USD"}}));
}

TEST(PaymentsApi, PartialCaptureKeepsTheGivenAmount) {
  MockClient mock;
  mock.transport->enqueue_json(200, capture_response().dump());
  yuno::CaptureRequest request;
  request.merchant_reference = "cap-1";
  request.amount = yuno::Amount(yuno::Decimal::parse("40.25"), "USD");
  mock.make().payments().capture(parse_payment(authorized_payment()), request);
  EXPECT_EQ(sent_body(*mock.transport)["amount"]["value"], 40.25);
}

TEST(PaymentsApi, RefundOfAPaymentPicksTheCapture) {
  MockClient mock;
  mock.transport->enqueue_json(200, captured_payment().dump());
  yuno::RefundRequest request;
  request.merchant_reference = "ref-1";
  mock.make().payments().refund(parse_payment(captured_payment()), request);
  EXPECT_EQ(mock.transport->last_request().url,
            "https://api-sandbox.y.uno/v1/payments/pay-1/transactions/tx-cap/refund");
}

TEST(PaymentsApi, CancelOfAPaymentPicksTheAuthorization) {
  MockClient mock;
  mock.transport->enqueue_json(200, transaction_json("tx-c", "CANCEL", "SUCCEEDED").dump());
  yuno::CancelRequest request;
  request.merchant_reference = "can-1";
  mock.make().payments().cancel(parse_payment(authorized_payment()), request);
  EXPECT_EQ(mock.transport->last_request().url,
            "https://api-sandbox.y.uno/v1/payments/pay-1/transactions/tx-auth/cancel");
}

TEST(PaymentsApi, NoMatchingTransactionIsATypedErrorAndNothingIsSent) {
  MockClient mock;
  auto client = mock.make();
  const auto declined = parse_payment(payment_json(
      "DECLINED", "DECLINED", json::array({transaction_json("tx-p", "PURCHASE", "DECLINED")})));
  EXPECT_THROW(client.payments().capture(declined, yuno::CaptureRequest{}), yuno::TransactionNotFoundError);
  EXPECT_THROW(client.payments().refund(declined, yuno::RefundRequest{}), yuno::TransactionNotFoundError);
  EXPECT_THROW(client.payments().cancel(declined, yuno::CancelRequest{}), yuno::TransactionNotFoundError);
  // A payment with no transactions at all, e.g. a freshly created one read without history.
  const auto bare = parse_payment(json{{"id", "pay-2"}, {"status", "CREATED"}});
  EXPECT_THROW(client.payments().capture(bare, yuno::CaptureRequest{}), yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 0u);
}

TEST(PaymentsApi, CardDataNeverReachesErrorsOrLogs) {
  MockClient mock;
  std::string logged;
  mock.options.logger = [&logged](yuno::LogLevel, std::string_view line) { logged += std::string(line); };
  mock.options.log_level = yuno::LogLevel::kDebug;
  mock.options.log_bodies = true;
  mock.options.max_retries = 0;
  mock.transport->enqueue_json(400, R"({"code":"INVALID_PARAMETERS","messages":["card 4507990000000002 cvv 123 invalid"]})");
  auto request = card_payment_request();
  request.payment_method =
      json::parse(R"({"type":"CARD","detail":{"card":{"capture":false,"card_data":{
          "number":"4507990000000002","expiration_month":11,"expiration_year":28,
          "security_code":"123","holder_name":"JOHN DOE"}}}})")
          .get<decltype(request.payment_method)::value_type>();
  std::string message;
  try {
    mock.make().payments().create(request);
  } catch (const yuno::ApiError& e) {
    message = e.what();
  }
  EXPECT_FALSE(message.empty());
  EXPECT_EQ(message.find("4507990000000002"), std::string::npos);
  EXPECT_EQ(logged.find("4507990000000002"), std::string::npos);
  EXPECT_EQ(logged.find("\"security_code\":\"123\""), std::string::npos);
  EXPECT_NE(mock.transport->last_request().body.find("4507990000000002"), std::string::npos);
}

}  // namespace
