/// @file
/// Payments and their transactions: https://docs.y.uno/reference/create-payment,
/// retrieve-payment-by-id, capture-authorization, cancel-payment, refund-payment,
/// cancel-or-refund-a-payment and siblings. See yuno/models/common.hpp for the model
/// conventions; yuno/models/payment_method.hpp for `payment_method`;
/// yuno/models/customer_payer.hpp for `customer_payer`.
///
/// What Yuno's documents show and these models accept:
/// - amounts as JSON integers, decimals or numeric strings (Amount remembers a string
///   `value` and writes it back as a string); a transaction inside a payment carries its
///   `amount` as a bare number (Amount remembers that too);
/// - `transactions` / `transactions_history` as an array or as a single object (Payment
///   remembers which, and writes back the shape it read);
/// - nulls anywhere, meaning "absent"; the parts kept as yuno::Json drop their null members.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "yuno/decimal.hpp"
#include "yuno/export.hpp"
#include "yuno/json.hpp"
#include "yuno/models/common.hpp"
#include "yuno/models/customer_payer.hpp"
#include "yuno/models/payment_method.hpp"
#include "yuno/string_enum.hpp"

namespace yuno {

namespace internal {
class TapeNode;  // the SDK's response parser (src/internal/json_tape.hpp)
}  // namespace internal

// ---------------------------------------------------------------------------------------
// Statuses and types (unknown values are kept: compare with the constants, print value())
// ---------------------------------------------------------------------------------------

/// A payment's `status`. The pairs with PaymentSubStatus Yuno documents:
/// CREATED/CREATED; READY_TO_PAY/CREATED; PENDING/{AUTHORIZED, IN_PROCESS,
/// WAITING_ADDITIONAL_STEP, PENDING_PROVIDER_CONFIRMATION, PENDING_FRAUD_REVIEW,
/// PENDING_OTP_COMPLETION}; VERIFIED/VERIFIED; EXPIRED/EXPIRED; REJECTED/REJECTED;
/// DECLINED/{DECLINED, FRAUD_DECLINED}; SUCCEEDED/{APPROVED, CAPTURED, PARTIALLY_CAPTURED,
/// PARTIALLY_APPROVED, PARTIALLY_REFUNDED, PARTIALLY_CHARGEBACKED, REFUND_RETRY_IN_PROCESS,
/// CAPTURE_RETRY_IN_PROCESS, CAPTURE_RETRY_PROCESS_FAILED}; REFUNDED/{REFUNDED,
/// PENDING_PROVIDER_CONFIRMATION}; CANCELED/{CANCELED, PENDING_PROVIDER_CONFIRMATION};
/// IN_DISPUTE/{RECEIVED, PENDING_REVIEW}; CHARGEBACK/LOST; ERROR/ERROR; FRAUD/FRAUD_VERIFIED.
class PaymentStatus : public StringEnum<PaymentStatus> {
 public:
  using StringEnum::StringEnum;
  static const PaymentStatus kCreated;     ///< "CREATED"
  static const PaymentStatus kReadyToPay;  ///< "READY_TO_PAY"
  static const PaymentStatus kPending;     ///< "PENDING"
  static const PaymentStatus kVerified;    ///< "VERIFIED"
  static const PaymentStatus kExpired;     ///< "EXPIRED"
  static const PaymentStatus kRejected;    ///< "REJECTED"
  static const PaymentStatus kDeclined;    ///< "DECLINED"
  static const PaymentStatus kSucceeded;   ///< "SUCCEEDED"
  static const PaymentStatus kRefunded;    ///< "REFUNDED"
  static const PaymentStatus kCanceled;    ///< "CANCELED"
  static const PaymentStatus kInDispute;   ///< "IN_DISPUTE"
  static const PaymentStatus kChargeback;  ///< "CHARGEBACK"
  static const PaymentStatus kError;       ///< "ERROR"
  static const PaymentStatus kFraud;       ///< "FRAUD"
};
inline const PaymentStatus PaymentStatus::kCreated{"CREATED"};
inline const PaymentStatus PaymentStatus::kReadyToPay{"READY_TO_PAY"};
inline const PaymentStatus PaymentStatus::kPending{"PENDING"};
inline const PaymentStatus PaymentStatus::kVerified{"VERIFIED"};
inline const PaymentStatus PaymentStatus::kExpired{"EXPIRED"};
inline const PaymentStatus PaymentStatus::kRejected{"REJECTED"};
inline const PaymentStatus PaymentStatus::kDeclined{"DECLINED"};
inline const PaymentStatus PaymentStatus::kSucceeded{"SUCCEEDED"};
inline const PaymentStatus PaymentStatus::kRefunded{"REFUNDED"};
inline const PaymentStatus PaymentStatus::kCanceled{"CANCELED"};
inline const PaymentStatus PaymentStatus::kInDispute{"IN_DISPUTE"};
inline const PaymentStatus PaymentStatus::kChargeback{"CHARGEBACK"};
inline const PaymentStatus PaymentStatus::kError{"ERROR"};
inline const PaymentStatus PaymentStatus::kFraud{"FRAUD"};

/// A payment's `sub_status` (see PaymentStatus for the pairs).
class PaymentSubStatus : public StringEnum<PaymentSubStatus> {
 public:
  using StringEnum::StringEnum;
  static const PaymentSubStatus kCreated;                      ///< "CREATED"
  static const PaymentSubStatus kAuthorized;                   ///< "AUTHORIZED"
  static const PaymentSubStatus kInProcess;                    ///< "IN_PROCESS"
  static const PaymentSubStatus kWaitingAdditionalStep;        ///< "WAITING_ADDITIONAL_STEP"
  static const PaymentSubStatus kPendingProviderConfirmation;  ///< "PENDING_PROVIDER_CONFIRMATION"
  static const PaymentSubStatus kPendingFraudReview;           ///< "PENDING_FRAUD_REVIEW"
  static const PaymentSubStatus kPendingOtpCompletion;         ///< "PENDING_OTP_COMPLETION"
  static const PaymentSubStatus kVerified;                     ///< "VERIFIED"
  static const PaymentSubStatus kExpired;                      ///< "EXPIRED"
  static const PaymentSubStatus kRejected;                     ///< "REJECTED"
  static const PaymentSubStatus kDeclined;                     ///< "DECLINED"
  static const PaymentSubStatus kFraudDeclined;                ///< "FRAUD_DECLINED"
  static const PaymentSubStatus kApproved;                     ///< "APPROVED"
  static const PaymentSubStatus kCaptured;                     ///< "CAPTURED"
  static const PaymentSubStatus kPartiallyCaptured;            ///< "PARTIALLY_CAPTURED"
  static const PaymentSubStatus kPartiallyApproved;            ///< "PARTIALLY_APPROVED"
  static const PaymentSubStatus kPartiallyRefunded;            ///< "PARTIALLY_REFUNDED"
  static const PaymentSubStatus kPartiallyChargebacked;        ///< "PARTIALLY_CHARGEBACKED"
  static const PaymentSubStatus kRefundRetryInProcess;         ///< "REFUND_RETRY_IN_PROCESS"
  static const PaymentSubStatus kCaptureRetryInProcess;        ///< "CAPTURE_RETRY_IN_PROCESS"
  static const PaymentSubStatus kCaptureRetryProcessFailed;    ///< "CAPTURE_RETRY_PROCESS_FAILED"
  static const PaymentSubStatus kRefunded;                     ///< "REFUNDED"
  static const PaymentSubStatus kCanceled;                     ///< "CANCELED"
  static const PaymentSubStatus kReceived;                     ///< "RECEIVED" (dispute)
  static const PaymentSubStatus kPendingReview;                ///< "PENDING_REVIEW" (dispute)
  static const PaymentSubStatus kLost;                         ///< "LOST" (chargeback)
  static const PaymentSubStatus kError;                        ///< "ERROR"
  static const PaymentSubStatus kFraudVerified;                ///< "FRAUD_VERIFIED"
};
inline const PaymentSubStatus PaymentSubStatus::kCreated{"CREATED"};
inline const PaymentSubStatus PaymentSubStatus::kAuthorized{"AUTHORIZED"};
inline const PaymentSubStatus PaymentSubStatus::kInProcess{"IN_PROCESS"};
inline const PaymentSubStatus PaymentSubStatus::kWaitingAdditionalStep{"WAITING_ADDITIONAL_STEP"};
inline const PaymentSubStatus PaymentSubStatus::kPendingProviderConfirmation{
    "PENDING_PROVIDER_CONFIRMATION"};
inline const PaymentSubStatus PaymentSubStatus::kPendingFraudReview{"PENDING_FRAUD_REVIEW"};
inline const PaymentSubStatus PaymentSubStatus::kPendingOtpCompletion{"PENDING_OTP_COMPLETION"};
inline const PaymentSubStatus PaymentSubStatus::kVerified{"VERIFIED"};
inline const PaymentSubStatus PaymentSubStatus::kExpired{"EXPIRED"};
inline const PaymentSubStatus PaymentSubStatus::kRejected{"REJECTED"};
inline const PaymentSubStatus PaymentSubStatus::kDeclined{"DECLINED"};
inline const PaymentSubStatus PaymentSubStatus::kFraudDeclined{"FRAUD_DECLINED"};
inline const PaymentSubStatus PaymentSubStatus::kApproved{"APPROVED"};
inline const PaymentSubStatus PaymentSubStatus::kCaptured{"CAPTURED"};
inline const PaymentSubStatus PaymentSubStatus::kPartiallyCaptured{"PARTIALLY_CAPTURED"};
inline const PaymentSubStatus PaymentSubStatus::kPartiallyApproved{"PARTIALLY_APPROVED"};
inline const PaymentSubStatus PaymentSubStatus::kPartiallyRefunded{"PARTIALLY_REFUNDED"};
inline const PaymentSubStatus PaymentSubStatus::kPartiallyChargebacked{"PARTIALLY_CHARGEBACKED"};
inline const PaymentSubStatus PaymentSubStatus::kRefundRetryInProcess{"REFUND_RETRY_IN_PROCESS"};
inline const PaymentSubStatus PaymentSubStatus::kCaptureRetryInProcess{"CAPTURE_RETRY_IN_PROCESS"};
inline const PaymentSubStatus PaymentSubStatus::kCaptureRetryProcessFailed{
    "CAPTURE_RETRY_PROCESS_FAILED"};
inline const PaymentSubStatus PaymentSubStatus::kRefunded{"REFUNDED"};
inline const PaymentSubStatus PaymentSubStatus::kCanceled{"CANCELED"};
inline const PaymentSubStatus PaymentSubStatus::kReceived{"RECEIVED"};
inline const PaymentSubStatus PaymentSubStatus::kPendingReview{"PENDING_REVIEW"};
inline const PaymentSubStatus PaymentSubStatus::kLost{"LOST"};
inline const PaymentSubStatus PaymentSubStatus::kError{"ERROR"};
inline const PaymentSubStatus PaymentSubStatus::kFraudVerified{"FRAUD_VERIFIED"};

/// A transaction's `type`.
class TransactionType : public StringEnum<TransactionType> {
 public:
  using StringEnum::StringEnum;
  static const TransactionType kPurchase;        ///< "PURCHASE": authorized and captured at once
  static const TransactionType kAuthorize;       ///< "AUTHORIZE": funds held, capture pending
  static const TransactionType kCapture;         ///< "CAPTURE"
  static const TransactionType kRefund;          ///< "REFUND"
  static const TransactionType kCancel;          ///< "CANCEL"
  static const TransactionType kVerify;          ///< "VERIFY"
  static const TransactionType kChargeback;      ///< "CHARGEBACK"
  static const TransactionType kFraudScreening;  ///< "FRAUD_SCREENING"
  static const TransactionType kThreeDSecure;    ///< "THREE_D_SECURE" (in Yuno's examples)
};
inline const TransactionType TransactionType::kPurchase{"PURCHASE"};
inline const TransactionType TransactionType::kAuthorize{"AUTHORIZE"};
inline const TransactionType TransactionType::kCapture{"CAPTURE"};
inline const TransactionType TransactionType::kRefund{"REFUND"};
inline const TransactionType TransactionType::kCancel{"CANCEL"};
inline const TransactionType TransactionType::kVerify{"VERIFY"};
inline const TransactionType TransactionType::kChargeback{"CHARGEBACK"};
inline const TransactionType TransactionType::kFraudScreening{"FRAUD_SCREENING"};
inline const TransactionType TransactionType::kThreeDSecure{"THREE_D_SECURE"};

/// A transaction's `status`.
class TransactionStatus : public StringEnum<TransactionStatus> {
 public:
  using StringEnum::StringEnum;
  static const TransactionStatus kCreated;    ///< "CREATED"
  static const TransactionStatus kPending;    ///< "PENDING"
  static const TransactionStatus kSucceeded;  ///< "SUCCEEDED"
  static const TransactionStatus kDeclined;   ///< "DECLINED"
  static const TransactionStatus kRejected;   ///< "REJECTED"
  static const TransactionStatus kError;      ///< "ERROR"
  static const TransactionStatus kExpired;    ///< "EXPIRED"
  /// "REFUNDED": the status of the refund transaction in Yuno's cancel-or-refund examples.
  static const TransactionStatus kRefunded;
};
inline const TransactionStatus TransactionStatus::kCreated{"CREATED"};
inline const TransactionStatus TransactionStatus::kPending{"PENDING"};
inline const TransactionStatus TransactionStatus::kSucceeded{"SUCCEEDED"};
inline const TransactionStatus TransactionStatus::kDeclined{"DECLINED"};
inline const TransactionStatus TransactionStatus::kRejected{"REJECTED"};
inline const TransactionStatus TransactionStatus::kError{"ERROR"};
inline const TransactionStatus TransactionStatus::kExpired{"EXPIRED"};
inline const TransactionStatus TransactionStatus::kRefunded{"REFUNDED"};

/// A payment's `workflow`.
class PaymentWorkflow : public StringEnum<PaymentWorkflow> {
 public:
  using StringEnum::StringEnum;
  static const PaymentWorkflow kSdkCheckout;  ///< "SDK_CHECKOUT": Yuno's SDK collects the data
  static const PaymentWorkflow kCheckout;     ///< "CHECKOUT"
  static const PaymentWorkflow kSdkSeamless;  ///< "SDK_SEAMLESS"
  static const PaymentWorkflow kDirect;       ///< "DIRECT": back to back, provider data returned
  static const PaymentWorkflow kRedirect;     ///< "REDIRECT": back to back, provider redirection
};
inline const PaymentWorkflow PaymentWorkflow::kSdkCheckout{"SDK_CHECKOUT"};
inline const PaymentWorkflow PaymentWorkflow::kCheckout{"CHECKOUT"};
inline const PaymentWorkflow PaymentWorkflow::kSdkSeamless{"SDK_SEAMLESS"};
inline const PaymentWorkflow PaymentWorkflow::kDirect{"DIRECT"};
inline const PaymentWorkflow PaymentWorkflow::kRedirect{"REDIRECT"};

// ---------------------------------------------------------------------------------------
// Parts of a payment
// ---------------------------------------------------------------------------------------

/// `amount.currency_conversion`: a dynamic currency conversion quote (DCC).
struct CurrencyConversion {
  std::optional<std::string> id;    ///< the quote's id
  std::optional<std::string> code;  ///< the quote's code
  std::optional<std::string> status;        ///< "QUOTED", "APPLIED", "DECLINED", "EXPIRED"...
  std::optional<std::string> error_reason;  ///< e.g. "RATES_UNAVAILABLE"
  std::optional<std::string> provider;      ///< the DCC provider that quoted
  std::optional<std::string> provider_currency_conversion_id;  ///< the provider's quote id
  std::optional<std::string> cardholder_currency;  ///< ISO 4217
  std::optional<Decimal> cardholder_amount;        ///< in cardholder_currency
  std::optional<bool> cardholder_accepted;  ///< true: charged in cardholder_currency
  /// Exchange rates are ratios, not money (they may need more than 4 decimals): doubles.
  std::optional<double> rate;
  std::optional<double> rate_margin_percentage;  ///< markup over the wholesale rate, 0 to 100
  std::optional<std::string> rate_source;  ///< the benchmark: "ECB", "REUTERS"...
  std::optional<std::string> description;   ///< free text, e.g. shown to the customer or in reports
  std::optional<std::string> created_at;  ///< ISO 8601
  std::optional<std::string> expires_at;    ///< ISO 8601 UTC
  std::optional<Json> provider_data;        ///< the provider's raw data, kept as JSON
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// An `amount`: `{"currency": "USD", "value": 150.75, "captured": 0, "refunded": 0}`.
/// Values are exact (yuno::Decimal, major units, up to 4 decimals).
///
/// Yuno sends some amounts in other shapes, which are read and written back as they came:
/// `"value": "2000"` (a numeric string, in request examples), and a bare number for the
/// `amount` of a transaction inside a payment (then only `value` is set: the currency is
/// the payment's). An Amount you build is always written as an object with a number.
struct Amount {
  /// Zero, no currency.
  Amount() = default;
  /// `Amount(Decimal::parse("150.75"), "USD")`.
  Amount(Decimal amount_value, std::string currency_code)
      : value(amount_value), currency(std::move(currency_code)) {}

  Decimal value;         ///< the amount of the payment (or of the operation, in requests)
  std::string currency;  ///< ISO 4217: "USD"; not written when empty
  std::optional<Decimal> captured;  ///< responses: captured so far (two-step payments)
  std::optional<Decimal> refunded;  ///< responses: refunded so far
  std::optional<CurrencyConversion> currency_conversion;  ///< a DCC quote, if any
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back

 private:
  friend void to_json(nlohmann::json& j, const Amount& value);
  friend void from_json(const nlohmann::json& j, Amount& value);
  friend void from_tape(const internal::TapeNode& j, Amount& value);
  enum class Shape : unsigned char { kObject, kStringValue, kBareNumber };
  Shape shape_ = Shape::kObject;  ///< the shape it was read in
};

/// `checkout`: the checkout session the payment belongs to.
struct PaymentCheckout {
  std::optional<std::string> session;       ///< checkout session id
  std::optional<bool> sdk_action_required;  ///< the front end must continue (3DS, redirect...)
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// One of `additional_data.order.items`.
struct OrderItem {
  std::optional<std::string> id;       ///< required by Yuno in requests
  std::optional<std::string> name;     ///< required by Yuno in requests
  std::optional<int> quantity;         ///< required by Yuno in requests
  std::optional<Decimal> unit_amount;  ///< required by Yuno in requests
  std::optional<std::string> category;      ///< e.g. "CARD"
  std::optional<std::string> brand;         ///< e.g. "VISA"
  std::optional<std::string> sku_code;                 ///< stock keeping unit
  std::optional<std::string> manufacture_part_number;  ///< MPN
  std::optional<std::string> image_url;                ///< the product's picture
  std::optional<std::string> url;                      ///< the product's page
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// `additional_data.order.shipping`.
struct OrderShipping {
  std::optional<std::string> type;  ///< "STANDARD", "EXPRESS", "SAME_DAY"...
  std::optional<std::string> carrier;     ///< the shipping carrier
  std::optional<std::string> deliver_at;  ///< estimated delivery, ISO 8601
  std::optional<std::string> description;   ///< free text, e.g. shown to the customer or in reports
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// `additional_data.order`: items, shipping and fees typed; the rest kept as JSON.
struct PaymentOrder {
  std::optional<std::vector<OrderItem>> items;  ///< what was bought
  /// Parts of the payment's amount, major units (already included in it).
  ///@{
  std::optional<Decimal> shipping_amount;
  std::optional<Decimal> fee_amount;
  std::optional<Decimal> tip_amount;
  ///@}
  std::optional<OrderShipping> shipping;      ///< how it ships
  std::optional<std::string> sales_channel;   ///< your sales channel id
  std::optional<Json> discounts;              ///< discounts applied, kept as JSON
  std::optional<Json> taxes;                ///< tax details, kept as JSON
  std::optional<Json> tickets;          ///< event tickets, kept as JSON
  std::optional<Json> account_funding;  ///< account funding transaction (AFT) data
  std::optional<Json> fulfillment;      ///< fulfillment data, kept as JSON
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// `additional_data`: optional order and industry data that improves approval rates.
struct AdditionalData {
  std::optional<PaymentOrder> order;  ///< items, shipping, fees
  std::optional<Json> airline;  ///< pnr, legs, passengers, tickets
  std::optional<Json> seller_details;   ///< the seller, for marketplaces
  std::optional<Json> transportations;  ///< ground transportation data
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// `split_marketplace[].amount`.
struct SplitAmount {
  std::optional<Decimal> value;                ///< the share, major units
  std::optional<std::string> currency;         ///< ISO 4217
  std::optional<std::string> calculation_type;  ///< how the share is computed, e.g. "FIXED"
  std::optional<Decimal> fixed_amount;         ///< the fixed part, major units
  std::optional<double> percentage;  ///< a ratio, not money
  std::optional<std::string> rounding_mode;  ///< rounding of computed shares
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// One of `split_marketplace`: a share of the payment for a marketplace recipient.
struct SplitMarketplaceEntry {
  std::optional<std::string> type;  ///< "PURCHASE", "COMMISSION", "PAYMENTFEE"...
  /// The recipient: Yuno's recipient_id, or the provider's provider_recipient_id.
  ///@{
  std::optional<std::string> recipient_id;
  std::optional<std::string> provider_recipient_id;
  ///@}
  std::optional<std::string> recipient_type;  ///< the recipient type for the provider
  std::optional<std::string> merchant_reference;  ///< your own reference for this operation
  std::optional<std::string> description;   ///< free text, e.g. shown to the customer or in reports
  std::optional<SplitAmount> amount;  ///< the share
  std::optional<Json> liability;      ///< who bears fees and chargebacks
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

// ---------------------------------------------------------------------------------------
// Transactions and payments
// ---------------------------------------------------------------------------------------

struct Payment;

/// A transaction: one operation on a payment (purchase, authorization, capture, refund,
/// cancellation...). The capture, cancel and cancel-or-refund endpoints return one, with
/// the `payment` it belongs to.
struct Transaction {
  std::string id;                       ///< the transaction id to capture, cancel or refund
  TransactionType type;                 ///< empty when absent
  TransactionStatus status;             ///< empty when absent
  std::optional<std::string> category;  ///< "CARD", "BANK_TRANSFER", "WALLET"...
  /// In capture/cancel/refund responses an object; inside a payment a bare number (then
  /// only `amount->value` is set; the currency is the payment's).
  std::optional<Amount> amount;
  std::optional<std::string> description;   ///< free text, e.g. shown to the customer or in reports
  std::optional<std::string> merchant_reference;  ///< your own reference for this operation
  std::optional<std::string> reason;  ///< the processing type, as Yuno sent it
  std::optional<std::string> response_code;  ///< Yuno's code: "SUCCEEDED", "DECLINED_BY_BANK"...
  std::optional<std::string> response_message;  ///< Yuno's message for response_code
  /// The card network's merchant advice code (retry advice)
  std::optional<std::string> merchant_advice_code;
  std::optional<std::string> merchant_advice_code_message;  ///< its text
  std::optional<std::string> provider_id;   ///< the provider (processor) that handled it
  std::optional<PaymentMethod> payment_method;  ///< uses `detail`
  std::optional<Json> provider_data;            ///< the processor's ids, codes and raw messages
  std::optional<Json> connection_data;      ///< connection data of the provider, kept as JSON
  std::optional<Json> three_d_secure_action_required;  ///< 3DS step to complete, kept as JSON
  std::optional<CustomerPayer> customer_payer;  ///< who pays (see CustomerPayer)
  /// True: Yuno retries the operation itself after a first error or decline.
  std::optional<bool> simplified_mode;
  std::optional<bool> receipt;              ///< whether a receipt is needed
  std::optional<std::string> receipt_url;   ///< the receipt's URL
  std::optional<std::string> receipt_language;  ///< the receipt's language, e.g. "EN"
  std::optional<std::string> created_at;  ///< ISO 8601 UTC
  std::optional<std::string> updated_at;    ///< ISO 8601 UTC
  /// The payment this transaction belongs to (capture/cancel/refund responses); null when
  /// absent, e.g. for the transactions listed inside a payment.
  std::shared_ptr<const Payment> payment;
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// A payment as Yuno returns it (create, retrieve, refund; webhooks' `data.payment`).
///
/// Status helpers, following Yuno's status table (see PaymentStatus):
/// - is_approved(): status SUCCEEDED (whatever the sub-status: APPROVED, CAPTURED,
///   PARTIALLY_REFUNDED...). The money was charged.
/// - is_pending(): status CREATED, READY_TO_PAY or PENDING: no final outcome yet (the
///   customer or the provider still has a step to take, or an authorization waits for a
///   capture or a cancellation). Check it again later or wait for the webhook.
/// - is_authorized(): status PENDING with sub-status AUTHORIZED: funds held, to capture or
///   cancel (a subset of is_pending()).
/// - is_declined(): status DECLINED or REJECTED.
/// - is_refunded(): status REFUNDED (fully refunded, possibly awaiting the provider's
///   confirmation). A partial refund leaves the payment SUCCEEDED/PARTIALLY_REFUNDED.
/// - is_canceled(): status CANCELED.
/// ERROR, EXPIRED, VERIFIED, IN_DISPUTE, CHARGEBACK, FRAUD and unknown statuses answer
/// false to all of them: compare `status` directly.
struct YUNO_API Payment {
  std::string id;  ///< Yuno's payment id (UUID)
  std::optional<std::string> account_id;  ///< the Yuno account
  std::optional<std::string> account_code;  ///< the account code
  std::optional<std::string> idempotency_key;  ///< the key of the request that created it
  std::optional<std::string> description;   ///< free text, e.g. shown to the customer or in reports
  std::optional<std::string> country;  ///< ISO 3166-1 alpha-2
  PaymentStatus status;                ///< empty when absent
  PaymentSubStatus sub_status;         ///< empty when absent
  std::optional<std::string> merchant_order_id;  ///< your order id
  std::optional<std::string> merchant_reference;  ///< your own reference for this operation
  std::optional<Amount> amount;  ///< value, currency, captured and refunded so far
  std::optional<PaymentCheckout> checkout;  ///< the checkout session it belongs to
  std::optional<PaymentMethod> payment_method;  ///< uses `payment_method_detail`
  std::optional<CustomerPayer> customer_payer;  ///< who pays (see CustomerPayer)
  /// Order, airline and seller data; improves approval rates.
  std::optional<AdditionalData> additional_data;
  std::optional<PaymentWorkflow> workflow;  ///< how the payment data is collected (PaymentWorkflow)
  /// Where the customer is sent back after a redirect (3DS, bank page...)
  std::optional<std::string> callback_url;
  std::optional<std::vector<MetadataEntry>> metadata;  ///< your key/value pairs (strings)
  /// The payment's transactions (the current one, or all of them, depending on the
  /// endpoint). Yuno sends an array or a single object: both are read into this vector.
  std::vector<Transaction> transactions;
  /// Every transaction of the payment, when Yuno includes the history (array or object).
  std::vector<Transaction> transactions_history;
  /// How the amount is split between marketplace recipients.
  std::optional<std::vector<SplitMarketplaceEntry>> split_marketplace;
  std::optional<Json> split;                ///< split details, kept as JSON
  std::optional<Json> taxes;                ///< tax details, kept as JSON
  std::optional<Json> fraud_screening;      ///< fraud screening results, kept as JSON
  std::optional<Json> routing_rules;        ///< routing applied, kept as JSON
  std::optional<Json> subscription;  ///< the subscription this payment belongs to, kept as JSON
  std::optional<std::string> subscription_code;  ///< the subscription code
  std::optional<std::string> payment_link_id;  ///< the payment link it came from, if any
  std::optional<std::string> payment_link_code;  ///< the payment link code, if any
  /// True: Yuno retries the operation itself after a first error or decline.
  std::optional<bool> simplified_mode;
  std::optional<std::string> created_at;  ///< ISO 8601 UTC
  std::optional<std::string> updated_at;    ///< ISO 8601 UTC
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back

  /// Status helpers: see the struct's comment for what each means.
  ///@{
  bool is_approved() const;
  bool is_pending() const;
  bool is_authorized() const;
  bool is_declined() const;
  bool is_refunded() const;
  bool is_canceled() const;
  ///@}

  /// Copies of the transactions of this type, from `transactions` then
  /// `transactions_history` (each id once), in that order.
  std::vector<Transaction> transactions_of_type(const TransactionType& type) const;

  /// The latest transaction (greatest `created_at`; on a tie or without dates, the one
  /// listed last) with this type and status, from `transactions` and
  /// `transactions_history`; nullptr if none. E.g. the AUTHORIZE/SUCCEEDED transaction to
  /// capture, or the PURCHASE/SUCCEEDED one to refund. The pointer is into this payment:
  /// valid while the payment lives and its transaction vectors are not modified.
  const Transaction* last_transaction(const TransactionType& type,
                                      const TransactionStatus& status) const;

  /// What can still be captured: `amount.value - amount.captured` (an absent `captured`
  /// counting as 0, never below 0) while is_authorized(); 0 in any other status, including
  /// after a partial capture (Yuno then moves the payment to SUCCEEDED/PARTIALLY_CAPTURED
  /// and the rest of the authorization is no longer capturable), and without an amount.
  Decimal capturable_amount() const;

  /// What can still be refunded: the amount charged minus `amount.refunded` (absent: 0),
  /// never below 0, while the status is SUCCEEDED; 0 in any other status (REFUNDED,
  /// CANCELED, PENDING, IN_DISPUTE, CHARGEBACK...) and without an amount. The amount
  /// charged is `amount.captured` when it is above 0 (a captured authorization, partially
  /// or fully), else `amount.value` (a purchase: Yuno leaves `captured` at 0).
  /// Chargebacks are not subtracted (Yuno does not report their amount here).
  Decimal refundable_amount() const;

 private:
  friend void to_json(nlohmann::json& j, const Payment& value);
  friend void from_json(const nlohmann::json& j, Payment& value);
  friend void from_tape(const internal::TapeNode& j, Payment& value);
  enum class ListShape : unsigned char { kUnset, kArray, kObject };
  ListShape transactions_shape_ = ListShape::kUnset;  ///< as read: written back the same way
  ListShape transactions_history_shape_ = ListShape::kUnset;
};

// ---------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------

/// `response_additional_data` of cancel/refund requests: extra data for the response.
struct ResponseAdditionalData {
  std::optional<bool> receipt;              ///< whether a receipt is needed
  std::optional<std::string> receipt_language;  ///< "EN", "ES", "PT"
  /// Include the (obfuscated) request sent to the provider.
  std::optional<bool> raw_request;
  std::optional<bool> raw_response;         ///< include the provider's raw response
  std::optional<bool> transactions_history;  ///< include the transactions history
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// Body of `POST /v1/payments`. Yuno requires account_id, description (3 to 255 chars),
/// country, merchant_order_id, amount and payment_method, and checkout.session unless the
/// workflow is DIRECT/REDIRECT; they are optional here only because Yuno's own examples
/// leave some out. For a two-step payment (authorize now, capture later) set
/// `payment_method.detail.card.capture = false`.
struct CreatePaymentRequest {
  std::optional<std::string> account_id;  ///< empty: the client's account id
  std::optional<std::string> description;   ///< free text, e.g. shown to the customer or in reports
  std::optional<std::string> country;  ///< ISO 3166-1 alpha-2
  std::optional<std::string> merchant_order_id;  ///< your order id
  std::optional<std::string> merchant_reference;  ///< your own reference for this operation
  Amount amount;  ///< what to charge; currency required
  std::optional<PaymentWorkflow> workflow;  ///< how the payment data is collected (PaymentWorkflow)
  std::optional<PaymentCheckout> checkout;  ///< the checkout session it belongs to
  std::optional<CustomerPayer> customer_payer;  ///< who pays (see CustomerPayer)
  /// type plus token, vaulted_token or (PCI) card data; detail.card.capture = false to
  /// authorize only.
  std::optional<PaymentMethod> payment_method;
  /// Order, airline and seller data; improves approval rates.
  std::optional<AdditionalData> additional_data;
  std::optional<std::vector<MetadataEntry>> metadata;  ///< up to 50 entries
  std::optional<std::string> callback_url;  ///< where the customer returns after a redirection
  /// How the amount is split between marketplace recipients.
  std::optional<std::vector<SplitMarketplaceEntry>> split_marketplace;
  std::optional<Json> fraud_screening;  ///< {"stand_alone": true}
  std::optional<Json> subscription;  ///< the subscription this payment belongs to, kept as JSON
  std::optional<Json> taxes;                ///< tax details, kept as JSON
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// Body of `POST /v1/payments/{payment_id}/transactions/{transaction_id}/capture`.
/// Yuno requires merchant_reference (3 to 255 chars) and amount; a smaller amount than
/// authorized is a partial capture.
struct CaptureRequest {
  /// Less than authorized: a partial capture. Required by Yuno; capture(payment, request)
  /// fills an empty one with Payment::capturable_amount().
  std::optional<Amount> amount;
  std::optional<std::string> merchant_reference;  ///< your own reference for this operation
  std::optional<std::string> reason;  ///< e.g. "PRODUCT_CONFIRMED"
  std::optional<std::string> description;   ///< free text, e.g. shown to the customer or in reports
  /// Order, airline and seller data; improves approval rates.
  std::optional<AdditionalData> additional_data;
  std::optional<bool> simplified_mode;  ///< let Yuno retry after an error or a decline
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// Body of `POST /v1/payments/{payment_id}/transactions/{transaction_id}/cancel`.
/// Yuno requires merchant_reference (3 to 255 chars).
struct CancelRequest {
  std::optional<std::string> description;   ///< free text, e.g. shown to the customer or in reports
  std::optional<std::string> reason;  ///< "DUPLICATE", "FRAUDULENT", "REQUESTED_BY_CUSTOMER"
  std::optional<std::string> merchant_reference;  ///< your own reference for this operation
  std::optional<ResponseAdditionalData> response_additional_data;  ///< extra data to return
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// Body of `POST /v1/payments/{payment_id}/transactions/{transaction_id}/refund`. Without
/// an amount the refund is full; with one, partial. Yuno requires merchant_reference.
struct RefundRequest {
  std::optional<Amount> amount;  ///< empty: full refund
  std::optional<std::string> description;   ///< free text, e.g. shown to the customer or in reports
  /// "DUPLICATE", "FRAUDULENT", "REQUESTED_BY_CUSTOMER", or "REVERSE" (also reverse the
  /// recipients' funds of a split payment).
  std::optional<std::string> reason;
  std::optional<std::string> merchant_reference;  ///< your own reference for this operation
  /// How the amount is split between marketplace recipients.
  std::optional<std::vector<SplitMarketplaceEntry>> split_marketplace;
  /// True: Yuno retries the operation itself after a first error or decline.
  std::optional<bool> simplified_mode;
  std::optional<ResponseAdditionalData> response_additional_data;  ///< extra data to return
  std::optional<CustomerPayer> customer_payer;  ///< some methods need payer data to refund
  std::optional<PaymentMethod> payment_method;  ///< e.g. the bank account to refund to
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// Body of `POST /v1/payments/{payment_id}/cancel-or-refund` and
/// `POST /v1/payments/{payment_id}/transactions/{transaction_id}/cancel-or-refund`: Yuno
/// cancels the payment if it can still be canceled, and refunds it otherwise. Fields as in
/// RefundRequest; the amount (partial refunds) is ignored for a cancellation.
struct CancelOrRefundRequest {
  std::optional<Amount> amount;  ///< partial refund amount; ignored for a cancellation
  std::optional<std::string> description;   ///< free text, e.g. shown to the customer or in reports
  std::optional<std::string> reason;  ///< required by Yuno on the payment-level endpoint
  std::optional<std::string> merchant_reference;  ///< your own reference for this operation
  /// How the amount is split between marketplace recipients.
  std::optional<std::vector<SplitMarketplaceEntry>> split_marketplace;
  /// True: Yuno retries the operation itself after a first error or decline.
  std::optional<bool> simplified_mode;
  std::optional<ResponseAdditionalData> response_additional_data;  ///< extra data to return
  std::optional<CustomerPayer> customer_payer;  ///< some methods need payer data to refund
  std::optional<PaymentMethod> payment_method;  ///< e.g. the bank account to refund to
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// JSON conversions for nlohmann's ADL (`j.get<T>()`, `nlohmann::json j = value;`): include
/// `<nlohmann/json.hpp>` to call them. from_json throws an exception naming the field when
/// a field has the wrong JSON type; fields it does not know go to `unknown_fields`.
///@{
YUNO_API void to_json(nlohmann::json& j, const CurrencyConversion& value);
YUNO_API void from_json(const nlohmann::json& j, CurrencyConversion& value);
YUNO_API void to_json(nlohmann::json& j, const Amount& value);
YUNO_API void from_json(const nlohmann::json& j, Amount& value);
YUNO_API void to_json(nlohmann::json& j, const PaymentCheckout& value);
YUNO_API void from_json(const nlohmann::json& j, PaymentCheckout& value);
YUNO_API void to_json(nlohmann::json& j, const OrderItem& value);
YUNO_API void from_json(const nlohmann::json& j, OrderItem& value);
YUNO_API void to_json(nlohmann::json& j, const OrderShipping& value);
YUNO_API void from_json(const nlohmann::json& j, OrderShipping& value);
YUNO_API void to_json(nlohmann::json& j, const PaymentOrder& value);
YUNO_API void from_json(const nlohmann::json& j, PaymentOrder& value);
YUNO_API void to_json(nlohmann::json& j, const AdditionalData& value);
YUNO_API void from_json(const nlohmann::json& j, AdditionalData& value);
YUNO_API void to_json(nlohmann::json& j, const SplitAmount& value);
YUNO_API void from_json(const nlohmann::json& j, SplitAmount& value);
YUNO_API void to_json(nlohmann::json& j, const SplitMarketplaceEntry& value);
YUNO_API void from_json(const nlohmann::json& j, SplitMarketplaceEntry& value);
YUNO_API void to_json(nlohmann::json& j, const Transaction& value);
YUNO_API void from_json(const nlohmann::json& j, Transaction& value);
YUNO_API void to_json(nlohmann::json& j, const Payment& value);
YUNO_API void from_json(const nlohmann::json& j, Payment& value);
YUNO_API void to_json(nlohmann::json& j, const ResponseAdditionalData& value);
YUNO_API void from_json(const nlohmann::json& j, ResponseAdditionalData& value);
YUNO_API void to_json(nlohmann::json& j, const CreatePaymentRequest& value);
YUNO_API void from_json(const nlohmann::json& j, CreatePaymentRequest& value);
YUNO_API void to_json(nlohmann::json& j, const CaptureRequest& value);
YUNO_API void from_json(const nlohmann::json& j, CaptureRequest& value);
YUNO_API void to_json(nlohmann::json& j, const CancelRequest& value);
YUNO_API void from_json(const nlohmann::json& j, CancelRequest& value);
YUNO_API void to_json(nlohmann::json& j, const RefundRequest& value);
YUNO_API void from_json(const nlohmann::json& j, RefundRequest& value);
YUNO_API void to_json(nlohmann::json& j, const CancelOrRefundRequest& value);
YUNO_API void from_json(const nlohmann::json& j, CancelOrRefundRequest& value);
///@}

}  // namespace yuno
