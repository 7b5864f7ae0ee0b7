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
//
// It also keeps the stored cards (enrollment): a payment with a `vaulted_token` charges the
// stored card with the same Testing Gateway outcomes (only while it is ENROLLED), and a
// successful card payment with `vault_on_success` stores its card for customer_payer.id.
// Enrolling with verification makes a zero-amount VERIFY payment first:
//   verify, card succeeds             -> SUCCEEDED/VERIFIED, the method ENROLLED
//   verify, declined / error card     -> DECLINED/DECLINED or ERROR/ERROR, the method
//                                        DECLINED or ERROR (no vaulted_token)
// Events: enrollment.enroll when a method becomes ENROLLED, enrollment.unenroll when an
// ENROLLED method is unenrolled (the VERIFY payment sends none).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include <yuno/decimal.hpp>

#include "store.hpp"
#include "testing_gateway.hpp"
#include "webhook_registry.hpp"

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
  bool vault_on_success = false;    ///< store the card for customer_id if the payment succeeds
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

/// A card to store for a customer (direct enrollment, or a payment's vault_on_success).
struct NewStoredCard {
  std::string account_id;
  std::string customer_id;  ///< must exist
  std::string country;
  CardSummary card;
  std::string idempotency_key;  ///< of the enrolling request, "" when none
  std::optional<std::string> callback_url;
  nlohmann::json customer_payer;  ///< object or null
  /// verify.vault_on_success: store the card only if a zero-amount VERIFY payment passes.
  bool verify = false;
  std::optional<std::string> verify_currency;  ///< default: the country's currency
  nlohmann::json verify_metadata = nlohmann::json::array();
};

class PaymentsEngine {
 public:
  PaymentsEngine(Store& store, WebhookRegistry& webhooks, std::string account_id);

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

  // Stored payment methods. These expect the caller to hold the store lock.

  /// Stores `request.card` for its customer: ENROLLED with a new vaulted_token, or, with
  /// `verify`, after a zero-amount VERIFY payment (kept with the payments): DECLINED or
  /// ERROR when that fails. Publishes nothing: see publish_enrollment().
  PaymentMethodRecord& store_card(const NewStoredCard& request);
  /// READY_TO_ENROLL or ENROLLED -> UNENROLLED (its vaulted_token can no longer pay);
  /// publishes enrollment.unenroll when it was ENROLLED. 400 INVALID_STATUS otherwise.
  void unenroll(PaymentMethodRecord& method);
  /// The method as the enrollment endpoints answer it (its VERIFY payment included).
  nlohmann::json method_json(const PaymentMethodRecord& method) const;
  /// Sends an `enrollment` event ("enrollment.enroll", "enrollment.unenroll") with the
  /// method in data.payment_method and an idempotency_key of its own.
  void publish_enrollment(const PaymentMethodRecord& method, const char* type_event);

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
  WebhookRegistry& webhooks_;
  std::string account_id_;
};

}  // namespace yuno::sandbox
