// The payment state machine: creates payments through the Testing Gateway, then captures,
// cancels and refunds them, appending one transaction per action, keeping
// amount.captured/refunded, and publishing a webhook event for every change.
//
//   create, capture true (or absent)  -> SUCCEEDED/APPROVED, PURCHASE transaction
//   create, capture false             -> PENDING/AUTHORIZED, AUTHORIZE transaction
//   create, declined card             -> DECLINED/DECLINED (transaction DECLINED, its code)
//   create, error card                -> ERROR/ERROR
//   capture (<= authorized, once)     -> SUCCEEDED/CAPTURED or PARTIALLY_CAPTURED
//   cancel (while PENDING/AUTHORIZED) -> CANCELED/CANCELED
//   refund (after success, <= charged in total) -> SUCCEEDED/PARTIALLY_REFUNDED, then
//                                        REFUNDED/REFUNDED
// Actions in the wrong state: 400 INVALID_STATUS; on the wrong kind of transaction:
// 400 INVALID_TRANSACTION_TYPE; too much: 400 INVALID_AMOUNT.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <yuno/decimal.hpp>

#include "store.hpp"
#include "testing_gateway.hpp"
#include "webhooks.hpp"

namespace yuno::sandbox {

/// A validated `POST /v1/payments` body.
struct NewPayment {
  std::string idempotency_key;
  std::string account_id;
  std::string description;
  std::string country;
  std::string merchant_order_id;
  std::optional<std::string> merchant_reference;
  std::optional<std::string> callback_url;
  yuno::Decimal value;
  std::string currency;
  std::string workflow;
  std::optional<std::string> checkout_session;
  std::optional<std::string> customer_id;  ///< customer_payer.id
  std::string method_type;                 ///< "" when only a token says it
  std::optional<std::string> token;
  std::optional<std::string> vaulted_token;
  std::optional<CardSummary> card;  ///< from payment_method.detail.card.card_data
  bool capture = true;
  std::int64_t installments = 1;
  std::string soft_descriptor;
  nlohmann::json method_detail;  ///< non-card methods: the detail as sent
  nlohmann::json customer_payer;
  nlohmann::json additional_data;
  nlohmann::json metadata = nlohmann::json::array();
  nlohmann::json split_marketplace;
  nlohmann::json fraud_screening;
};

/// A validated capture, cancel, refund or cancel-or-refund request.
struct PaymentAction {
  std::string payment_id;
  std::string transaction_id;  ///< "" for the payment-level cancel-or-refund
  std::optional<yuno::Decimal> amount;
  std::optional<std::string> currency;
  std::optional<std::string> merchant_reference;
  std::optional<std::string> reason;
  std::optional<std::string> description;
};

class PaymentsEngine {
 public:
  PaymentsEngine(Store& store, WebhookDispatcher& webhooks, std::string account_id);

  /// The created payment's JSON text (status 201 whatever the outcome). Throws ApiError for
  /// an unknown session, customer or token.
  std::string create(const NewPayment& request);
  /// The payment's JSON text; PAYMENT_NOT_FOUND when unknown.
  std::string retrieve(const std::string& payment_id, bool with_history);
  /// A JSON array of the payments made for the order (possibly empty).
  std::string list_by_order(const std::string& merchant_order_id);

  /// The CAPTURE transaction, with its payment, as JSON text.
  std::string capture(const PaymentAction& action);
  /// The CANCEL transaction, with its payment, as JSON text.
  std::string cancel(const PaymentAction& action);
  /// The refunded payment as JSON text.
  std::string refund(const PaymentAction& action);
  /// The CANCEL or REFUND transaction, with its payment, as JSON text.
  std::string cancel_or_refund(const PaymentAction& action);

 private:
  enum class Kind { kCapture, kCancel, kRefund };
  PaymentRecord& find_payment(const std::string& payment_id);  // store lock held
  const TransactionRecord& find_transaction(const PaymentRecord& payment,
                                            const std::string& transaction_id);
  TransactionRecord& do_capture(PaymentRecord& payment, TransactionRecord authorization,
                                const PaymentAction& action);
  TransactionRecord& do_cancel(PaymentRecord& payment, TransactionRecord target,
                               const PaymentAction& action);
  TransactionRecord& do_refund(PaymentRecord& payment, TransactionRecord charge,
                               const PaymentAction& action);
  void publish(const PaymentRecord& payment, const char* type_event);

  Store& store_;
  WebhookDispatcher& webhooks_;
  std::string account_id_;
};

}  // namespace yuno::sandbox
