/// @file
/// Checkout sessions, the payment methods a session offers, and one-time card tokens:
/// https://docs.y.uno/reference/create-checkout-session and siblings.
/// See yuno/models/common.hpp for the model conventions. Card data is yuno::CardData
/// (yuno/models/payment_method.hpp), shared with the payment models. The parts kept as
/// yuno::Json are read without their null members.
#pragma once

#include <iosfwd>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "yuno/decimal.hpp"
#include "yuno/export.hpp"
#include "yuno/json.hpp"
#include "yuno/models/common.hpp"
#include "yuno/models/payment.hpp"
#include "yuno/models/payment_method.hpp"
#include "yuno/string_enum.hpp"

namespace yuno {

// ---------------------------------------------------------------------------------------
// Checkout sessions
// ---------------------------------------------------------------------------------------

/// `workflow` of a checkout session. Unknown values are kept.
class CheckoutWorkflow : public StringEnum<CheckoutWorkflow> {
 public:
  using StringEnum::StringEnum;
  static const CheckoutWorkflow kSdkCheckout;  ///< "SDK_CHECKOUT" (Yuno's default)
  static const CheckoutWorkflow kCheckout;     ///< "CHECKOUT"
  static const CheckoutWorkflow kSdkSeamless;  ///< "SDK_SEAMLESS"
};
inline const CheckoutWorkflow CheckoutWorkflow::kSdkCheckout{"SDK_CHECKOUT"};
inline const CheckoutWorkflow CheckoutWorkflow::kCheckout{"CHECKOUT"};
inline const CheckoutWorkflow CheckoutWorkflow::kSdkSeamless{"SDK_SEAMLESS"};

/// `interval_unit` of a recurring billing period. Unknown values are kept.
class RecurringIntervalUnit : public StringEnum<RecurringIntervalUnit> {
 public:
  using StringEnum::StringEnum;
  static const RecurringIntervalUnit kYear;    ///< "year"
  static const RecurringIntervalUnit kMonth;   ///< "month"
  static const RecurringIntervalUnit kDay;     ///< "day"
  static const RecurringIntervalUnit kHour;    ///< "hour"
  static const RecurringIntervalUnit kMinute;  ///< "minute"
};
inline const RecurringIntervalUnit RecurringIntervalUnit::kYear{"year"};
inline const RecurringIntervalUnit RecurringIntervalUnit::kMonth{"month"};
inline const RecurringIntervalUnit RecurringIntervalUnit::kDay{"day"};
inline const RecurringIntervalUnit RecurringIntervalUnit::kHour{"hour"};
inline const RecurringIntervalUnit RecurringIntervalUnit::kMinute{"minute"};

/// A session's `amount` or `alternative_amount`: `{"currency": "USD", "value": 520}`.
/// Both are always present in responses; both are optional here because an update may
/// send only the currency (Yuno's own update example does).
struct CheckoutAmount {
  std::optional<std::string> currency;  ///< ISO 4217
  std::optional<Decimal> value;         ///< major units: 150.75
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// One option of an installments plan.
struct CheckoutInstallmentOption {
  std::optional<int> installment;  ///< number of installments
  /// The rate the provider applies to the final amount, as a multiplier (not a percentage).
  /// A ratio, not money: a double.
  std::optional<double> rate;
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// `installments`: the installments plan the session shows.
struct CheckoutInstallments {
  std::optional<std::string> plan_id;  ///< a plan created in Yuno
  std::optional<std::vector<CheckoutInstallmentOption>> plan;  ///< the options to show
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// A billing period of a recurring payment (`regular_billing`, `trial_billing`).
struct CheckoutRecurringBilling {
  std::optional<std::string> label;  ///< "Monthly"
  /// The amount charged each period. Yuno documents it as a JSON *string* ("9.99"), so it
  /// is written as one, with at least two fractional digits ("9.99", "0.00", "10.50");
  /// a string or a number is read.
  std::optional<Decimal> amount;
  std::optional<RecurringIntervalUnit> interval_unit;  ///< the period unit (day, week, month, year)
  std::optional<int> interval_count;        ///< units per period: 1 with MONTH is monthly
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// `recurring_payment`: enables and describes a subscription.
struct CheckoutRecurringPayment {
  std::optional<std::string> description;   ///< free text, e.g. shown to the customer or in reports
  std::optional<std::string> management_url;  ///< where the customer manages the subscription
  std::optional<std::string> billing_agreement;  ///< the billing agreement id
  std::optional<CheckoutRecurringBilling> regular_billing;  ///< the regular period and amount
  std::optional<CheckoutRecurringBilling> trial_billing;  ///< a trial period before it
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// A checkout session as Yuno returns it (create, retrieve, update).
///
/// Yuno names the session id `checkout_session` in the create and update responses and
/// `id` in the retrieve response. Either is read into `id`; to_json writes it back under
/// the name it was read from (id_key()), so a parsed session round-trips exactly. A session
/// built in code writes `checkout_session`. When a body carries both, `checkout_session`
/// wins and `id` stays in unknown_fields.
struct YUNO_API CheckoutSession {
  /// The name of the JSON field `id` is read from and written to.
  enum class IdKey { kCheckoutSession, kId };

  std::string id;  ///< the session id (UUID): `checkout.session` of a payment
  std::optional<std::string> merchant_order_id;  ///< your order id
  std::optional<std::string> payment_description;  ///< shown to the customer at checkout
  std::optional<std::string> customer_id;   ///< Yuno's customer id (CustomersClient::create)
  std::optional<std::string> country;  ///< ISO 3166-1 alpha-2
  /// Where the customer is sent back after a redirect (3DS, bank page...)
  std::optional<std::string> callback_url;
  std::optional<CheckoutAmount> amount;     ///< the amount to pay and its currency
  /// The amount in a second currency, shown alongside.
  std::optional<CheckoutAmount> alternative_amount;
  std::optional<std::vector<MetadataEntry>> metadata;  ///< your key/value pairs (strings)
  std::optional<CheckoutWorkflow> workflow;  ///< how the payment data is collected
  std::optional<CheckoutInstallments> installments;  ///< the installments plan to show
  /// Subscription details for recurring payments.
  std::optional<CheckoutRecurringPayment> recurring_payment;
  std::optional<std::string> checkout_id;  ///< the Custom Checkout used (UUID)
  std::optional<bool> used;                ///< whether the session was used before
  std::optional<std::string> created_at;   ///< ISO 8601 UTC
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back

  /// Which JSON name `id` came from (kCheckoutSession unless parsed from `id`).
  IdKey id_key() const noexcept { return id_key_; }
  /// The JSON name itself: "checkout_session" or "id".
  const char* id_key_name() const noexcept;

 private:
  friend void to_json(nlohmann::json& j, const CheckoutSession& value);
  friend void from_json(const nlohmann::json& j, CheckoutSession& value);
  IdKey id_key_ = IdKey::kCheckoutSession;
};

/// Body of `POST /v1/checkout/sessions`. account_id, merchant_order_id,
/// payment_description and country are required (CheckoutSessionsClient::create checks).
struct CreateCheckoutSessionRequest {
  std::string account_id;                   ///< your Yuno account id (UUID), from the dashboard
  std::string merchant_order_id;            ///< your order id, 3 to 255 chars
  std::string payment_description;          ///< 3 to 255 chars
  std::string country;                      ///< ISO 3166-1 alpha-2
  std::optional<std::string> customer_id;   ///< from CustomersClient::create
  std::optional<std::string> callback_url;  ///< needed by redirect payment methods
  std::optional<CheckoutAmount> amount;     ///< the amount to pay and its currency
  /// The amount in a second currency, shown alongside.
  std::optional<CheckoutAmount> alternative_amount;
  std::optional<std::vector<MetadataEntry>> metadata;  ///< up to 120 entries
  std::optional<CheckoutWorkflow> workflow;  ///< how the payment data is collected
  std::optional<CheckoutInstallments> installments;  ///< the installments plan to show
  /// Subscription details for recurring payments.
  std::optional<CheckoutRecurringPayment> recurring_payment;
  std::optional<std::string> checkout_id;  ///< a Custom Checkout; default: the account's
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// Body of `PATCH /v1/checkout/sessions/{checkout_session}`: only the fields set are sent.
/// (Yuno's document marks account_id, merchant_order_id, payment_description and country
/// as required even here; its example sends them all.)
struct UpdateCheckoutSessionRequest {
  std::optional<std::string> account_id;    ///< empty: the client's account id
  std::optional<std::string> merchant_order_id;  ///< your order id
  std::optional<std::string> payment_description;  ///< shown to the customer at checkout
  std::optional<std::string> country;       ///< ISO 3166-1 alpha-2, e.g. "US"
  std::optional<std::string> customer_id;   ///< Yuno's customer id (CustomersClient::create)
  /// Where the customer is sent back after a redirect (3DS, bank page...)
  std::optional<std::string> callback_url;
  std::optional<CheckoutAmount> amount;     ///< the amount to pay and its currency
  /// The amount in a second currency, shown alongside.
  std::optional<CheckoutAmount> alternative_amount;
  std::optional<std::vector<MetadataEntry>> metadata;  ///< your key/value pairs (strings)
  std::optional<CheckoutWorkflow> workflow;  ///< how the payment data is collected
  std::optional<CheckoutInstallments> installments;  ///< the installments plan to show
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

// ---------------------------------------------------------------------------------------
// Payment methods of a session: GET /v1/checkout/sessions/{checkout_session}/payment-methods
// ---------------------------------------------------------------------------------------

/// `values` of a condition rule: what the rule matches.
struct PaymentMethodConditionValues {
  std::optional<std::vector<std::string>> countries;  ///< ISO 3166-1 alpha-2
  std::optional<std::string> currency;  ///< ISO 4217
  /// Amount bounds, as the JSON strings Yuno documents (no example shows a value).
  ///@{
  std::optional<std::string> min;
  std::optional<std::string> max;
  ///@}
  std::optional<std::vector<MetadataEntry>> metadata;  ///< metadata the rule matches
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// One rule of a payment method's display conditions.
struct PaymentMethodConditionRule {
  std::optional<std::string> condition;  ///< "INCLUDE"...
  std::optional<std::string> condition_group_code;  ///< the condition group (UUID)
  std::optional<std::string> condition_name;  ///< human-readable name
  std::optional<std::string> type;  ///< "COUNTRY"...
  std::optional<PaymentMethodConditionValues> values;  ///< what it matches
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// `checkout.conditions` of a payment method.
struct PaymentMethodConditions {
  std::optional<bool> enabled;              ///< whether the conditions apply
  std::optional<std::vector<PaymentMethodConditionRule>> rules;  ///< INCLUDE/EXCLUDE rules
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// `checkout` of a payment method.
struct PaymentMethodCheckout {
  std::optional<std::string> session;  ///< the checkout session id
  std::optional<bool> sdk_required_action;  ///< true when Yuno's front-end SDK must complete a step
  std::optional<PaymentMethodConditions> conditions;  ///< when the method is shown
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// A payment method available to a checkout session (one element of the list).
struct CheckoutPaymentMethod {
  std::optional<std::string> name;  ///< "Card", "VISA ****1111"
  std::optional<std::string> description;   ///< free text, e.g. shown to the customer or in reports
  std::optional<std::string> type;           ///< "CARD", "BANK_TRANSFER", "PIX"... (hundreds)
  std::optional<std::string> category;       ///< "CARD", "BANK_TRANSFER"...
  std::optional<std::string> icon;           ///< URL
  std::optional<std::string> vaulted_token;  ///< set for a customer's enrolled method
  std::optional<bool> last_successfully_used;  ///< the method last used successfully
  std::optional<std::string> last_successfully_used_at;  ///< when, ISO 8601
  std::optional<bool> preferred;            ///< the customer's preferred method
  std::optional<PaymentMethodCheckout> checkout;  ///< the checkout session it belongs to
  /// A vaulted card, without its number. (This list names the issuer `issuer`, not
  /// `issuer_name`: read card_data->issuer.)
  std::optional<CardData> card_data;
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

// ---------------------------------------------------------------------------------------
// One-time tokens: POST /v1/checkout/sessions/{checkout_session}/token and POST /v1/tokens
// ---------------------------------------------------------------------------------------

/// `payment_method` of the session token request: `{"type": "CARD", "card": {...}}`.
struct TokenPaymentMethod {
  std::string type = "CARD";                ///< the method type
  std::optional<CardData> card;  ///< number, expiration, security_code, holder_name
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// Body of `POST /v1/checkout/sessions/{checkout_session}/token`. Yuno's example sends the
/// card both in `payment_method.card` and at the top level (`card_data`); set both to the
/// same card to match it. payment_method is required.
struct YUNO_API CreateOneTimeTokenRequest {
  std::optional<std::string> account_id;    ///< empty: the client's account id
  TokenPaymentMethod payment_method;        ///< the card to tokenize
  /// Raw card data: PCI-certified merchants only; masked in logs.
  std::optional<CardData> card_data;
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back

  /// A summary with the card data masked (CardData::to_string).
  std::string to_string() const;
};

/// Body of `POST /v1/tokens` (direct workflows). account_id and card_data.number are
/// required (CheckoutSessionsClient::create_token checks); the document also requires
/// card_data's expiration_month, expiration_year and holder_name. It documents
/// `card_data.stored_credentials` too ({"reason", "usage", "subscription_agreement_id",
/// "network_transaction_id"}), which CardData does not have yet: send it through
/// card_data.unknown_fields.
struct YUNO_API CreateTokenRequest {
  std::string account_id;                   ///< your Yuno account id (UUID); required
  std::optional<std::string> country;       ///< ISO 3166-1 alpha-2, e.g. "US"
  CardData card_data;  ///< raw card data: PCI-certified merchants only; masked in logs
  std::optional<CustomerPayer> customer_payer;  ///< who pays (see CustomerPayer)
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back

  /// A summary with the card data masked (CardData::to_string).
  std::string to_string() const;
};

/// A one-time-use token, as both token calls return it: `token` goes into
/// `payment_method.token` of POST /v1/payments.
struct OneTimeToken {
  std::string token;  ///< a one-time token from the front end or create_one_time_token()
  std::optional<std::string> type;  ///< "CARD"
  /// A stored payment method to charge (from enrollment)
  std::optional<std::string> vaulted_token;
  /// Enroll the card after a successful payment (needs customer_payer.id)
  std::optional<bool> vault_on_success;
  std::optional<std::string> country;       ///< ISO 3166-1 alpha-2, e.g. "US"
  std::optional<CardData> card_data;                 ///< the card, without its number
  std::optional<CustomerPayer> customer_payer;  ///< (POST /v1/tokens)
  std::optional<Json> customer;                      ///< (session token; untyped in the docs)
  std::optional<Json> installment;                   ///< (session token; untyped in the docs)
  std::optional<Json> customer_session;              ///< (session token; untyped in the docs)
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// Writes to_string(): the card masked, safe for logs.
///@{
YUNO_API std::ostream& operator<<(std::ostream& out, const CreateOneTimeTokenRequest& value);
YUNO_API std::ostream& operator<<(std::ostream& out, const CreateTokenRequest& value);
///@}

/// JSON conversions for nlohmann's ADL (`j.get<T>()`, `nlohmann::json j = value;`): include
/// `<nlohmann/json.hpp>` to call them. from_json throws an exception naming the field when
/// a field has the wrong JSON type; fields it does not know go to `unknown_fields`.
///@{
YUNO_API void to_json(nlohmann::json& j, const CheckoutAmount& value);
YUNO_API void from_json(const nlohmann::json& j, CheckoutAmount& value);
YUNO_API void to_json(nlohmann::json& j, const CheckoutInstallmentOption& value);
YUNO_API void from_json(const nlohmann::json& j, CheckoutInstallmentOption& value);
YUNO_API void to_json(nlohmann::json& j, const CheckoutInstallments& value);
YUNO_API void from_json(const nlohmann::json& j, CheckoutInstallments& value);
YUNO_API void to_json(nlohmann::json& j, const CheckoutRecurringBilling& value);
YUNO_API void from_json(const nlohmann::json& j, CheckoutRecurringBilling& value);
YUNO_API void to_json(nlohmann::json& j, const CheckoutRecurringPayment& value);
YUNO_API void from_json(const nlohmann::json& j, CheckoutRecurringPayment& value);
YUNO_API void to_json(nlohmann::json& j, const CheckoutSession& value);
YUNO_API void from_json(const nlohmann::json& j, CheckoutSession& value);
YUNO_API void to_json(nlohmann::json& j, const CreateCheckoutSessionRequest& value);
YUNO_API void from_json(const nlohmann::json& j, CreateCheckoutSessionRequest& value);
YUNO_API void to_json(nlohmann::json& j, const UpdateCheckoutSessionRequest& value);
YUNO_API void from_json(const nlohmann::json& j, UpdateCheckoutSessionRequest& value);
YUNO_API void to_json(nlohmann::json& j, const PaymentMethodConditionValues& value);
YUNO_API void from_json(const nlohmann::json& j, PaymentMethodConditionValues& value);
YUNO_API void to_json(nlohmann::json& j, const PaymentMethodConditionRule& value);
YUNO_API void from_json(const nlohmann::json& j, PaymentMethodConditionRule& value);
YUNO_API void to_json(nlohmann::json& j, const PaymentMethodConditions& value);
YUNO_API void from_json(const nlohmann::json& j, PaymentMethodConditions& value);
YUNO_API void to_json(nlohmann::json& j, const PaymentMethodCheckout& value);
YUNO_API void from_json(const nlohmann::json& j, PaymentMethodCheckout& value);
YUNO_API void to_json(nlohmann::json& j, const CheckoutPaymentMethod& value);
YUNO_API void from_json(const nlohmann::json& j, CheckoutPaymentMethod& value);
YUNO_API void to_json(nlohmann::json& j, const TokenPaymentMethod& value);
YUNO_API void from_json(const nlohmann::json& j, TokenPaymentMethod& value);
YUNO_API void to_json(nlohmann::json& j, const CreateOneTimeTokenRequest& value);
YUNO_API void from_json(const nlohmann::json& j, CreateOneTimeTokenRequest& value);
YUNO_API void to_json(nlohmann::json& j, const CreateTokenRequest& value);
YUNO_API void from_json(const nlohmann::json& j, CreateTokenRequest& value);
YUNO_API void to_json(nlohmann::json& j, const OneTimeToken& value);
YUNO_API void from_json(const nlohmann::json& j, OneTimeToken& value);
///@}

}  // namespace yuno
