#include "yuno/models/checkout_session.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "internal/model_json.hpp"

namespace yuno {

using internal::FieldReader;
using internal::FieldWriter;

namespace {

constexpr const char* kCheckoutSessionKey = "checkout_session";
constexpr const char* kIdKey = "id";

// Amounts Yuno documents as JSON strings ("9.99", "0.00"): Decimal's shortest text with at
// least two fractional digits, so "0.00" stays "0.00" and 10.5 is sent as "10.50".
std::string money_text(const Decimal& value) {
  std::string text = value.to_string();
  const std::size_t dot = text.find('.');
  if (dot == std::string::npos) return text + ".00";
  if (text.size() - dot == 2) text += '0';
  return text;
}

// The session fields CheckoutSession and both requests share. `io` is a FieldReader or a
// FieldWriter: one list serves both directions.
template <typename IO, typename Model>
void session_fields(IO& io, Model& value) {
  io.optional("customer_id", value.customer_id);
  io.optional("callback_url", value.callback_url);
  io.optional("amount", value.amount);
  io.optional("alternative_amount", value.alternative_amount);
  io.optional("metadata", value.metadata);
  io.optional("workflow", value.workflow);
  io.optional("installments", value.installments);
}

template <typename IO, typename Model>
void condition_values_fields(IO& io, Model& value) {
  io.optional("countries", value.countries);
  io.optional("currency", value.currency);
  io.optional("min", value.min);
  io.optional("max", value.max);
  io.optional("metadata", value.metadata);
}

template <typename IO, typename Model>
void payment_method_fields(IO& io, Model& value) {
  io.optional("name", value.name);
  io.optional("description", value.description);
  io.optional("type", value.type);
  io.optional("category", value.category);
  io.optional("icon", value.icon);
  io.optional("vaulted_token", value.vaulted_token);
  io.optional("last_successfully_used", value.last_successfully_used);
  io.optional("last_successfully_used_at", value.last_successfully_used_at);
  io.optional("preferred", value.preferred);
  io.optional("checkout", value.checkout);
  io.optional("card_data", value.card_data);
}

template <typename IO, typename Model>
void one_time_token_fields(IO& io, Model& value) {
  io.optional("type", value.type);
  io.optional("vaulted_token", value.vaulted_token);
  io.optional("vault_on_success", value.vault_on_success);
  io.optional("country", value.country);
  io.optional("card_data", value.card_data);
  io.optional("customer_payer", value.customer_payer);
  io.optional("customer", value.customer);
  io.optional("installment", value.installment);
  io.optional("customer_session", value.customer_session);
}

}  // namespace

// --- Checkout sessions ------------------------------------------------------------------

void to_json(nlohmann::json& j, const CheckoutAmount& value) {
  FieldWriter out(j);
  out.optional("currency", value.currency);
  out.optional("value", value.value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CheckoutAmount& value) {
  FieldReader in(j, "CheckoutAmount");
  in.optional("currency", value.currency);
  in.optional("value", value.value);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const CheckoutInstallmentOption& value) {
  FieldWriter out(j);
  out.optional("installment", value.installment);
  out.optional("rate", value.rate);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CheckoutInstallmentOption& value) {
  FieldReader in(j, "CheckoutInstallmentOption");
  in.optional("installment", value.installment);
  in.optional("rate", value.rate);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const CheckoutInstallments& value) {
  FieldWriter out(j);
  out.optional("plan_id", value.plan_id);
  out.optional("plan", value.plan);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CheckoutInstallments& value) {
  FieldReader in(j, "CheckoutInstallments");
  in.optional("plan_id", value.plan_id);
  in.optional("plan", value.plan);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const CheckoutRecurringBilling& value) {
  FieldWriter out(j);
  out.optional("label", value.label);
  if (value.amount) out.required("amount", money_text(*value.amount));
  out.optional("interval_unit", value.interval_unit);
  out.optional("interval_count", value.interval_count);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CheckoutRecurringBilling& value) {
  FieldReader in(j, "CheckoutRecurringBilling");
  in.optional("label", value.label);
  in.optional("amount", value.amount);  // Decimal reads a numeric string or a number
  in.optional("interval_unit", value.interval_unit);
  in.optional("interval_count", value.interval_count);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const CheckoutRecurringPayment& value) {
  FieldWriter out(j);
  out.optional("description", value.description);
  out.optional("management_url", value.management_url);
  out.optional("billing_agreement", value.billing_agreement);
  out.optional("regular_billing", value.regular_billing);
  out.optional("trial_billing", value.trial_billing);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CheckoutRecurringPayment& value) {
  FieldReader in(j, "CheckoutRecurringPayment");
  in.optional("description", value.description);
  in.optional("management_url", value.management_url);
  in.optional("billing_agreement", value.billing_agreement);
  in.optional("regular_billing", value.regular_billing);
  in.optional("trial_billing", value.trial_billing);
  value.unknown_fields = in.unknown();
}

const char* CheckoutSession::id_key_name() const noexcept {
  return id_key_ == IdKey::kId ? kIdKey : kCheckoutSessionKey;
}

void to_json(nlohmann::json& j, const CheckoutSession& value) {
  FieldWriter out(j);
  out.required(value.id_key_name(), value.id);
  out.optional("merchant_order_id", value.merchant_order_id);
  out.optional("payment_description", value.payment_description);
  out.optional("country", value.country);
  session_fields(out, value);
  out.optional("recurring_payment", value.recurring_payment);
  out.optional("checkout_id", value.checkout_id);
  out.optional("used", value.used);
  out.optional("created_at", value.created_at);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CheckoutSession& value) {
  FieldReader in(j, "CheckoutSession");
  // Create and update responses say `checkout_session`, retrieve says `id`.
  const auto named = j.find(kCheckoutSessionKey);
  if (named != j.end() && !named->is_null()) {
    in.required(kCheckoutSessionKey, value.id);
    value.id_key_ = CheckoutSession::IdKey::kCheckoutSession;
  } else if (const auto plain = j.find(kIdKey); plain != j.end() && !plain->is_null()) {
    in.required(kIdKey, value.id);
    value.id_key_ = CheckoutSession::IdKey::kId;
  } else {
    throw internal::ModelError(
        "CheckoutSession: the id is missing (neither checkout_session nor id)");
  }
  in.optional("merchant_order_id", value.merchant_order_id);
  in.optional("payment_description", value.payment_description);
  in.optional("country", value.country);
  session_fields(in, value);
  in.optional("recurring_payment", value.recurring_payment);
  in.optional("checkout_id", value.checkout_id);
  in.optional("used", value.used);
  in.optional("created_at", value.created_at);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const CreateCheckoutSessionRequest& value) {
  FieldWriter out(j);
  out.required("account_id", value.account_id);
  out.required("merchant_order_id", value.merchant_order_id);
  out.required("payment_description", value.payment_description);
  out.required("country", value.country);
  session_fields(out, value);
  out.optional("recurring_payment", value.recurring_payment);
  out.optional("checkout_id", value.checkout_id);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CreateCheckoutSessionRequest& value) {
  FieldReader in(j, "CreateCheckoutSessionRequest");
  in.value_or_default("account_id", value.account_id);
  in.value_or_default("merchant_order_id", value.merchant_order_id);
  in.value_or_default("payment_description", value.payment_description);
  in.value_or_default("country", value.country);
  session_fields(in, value);
  in.optional("recurring_payment", value.recurring_payment);
  in.optional("checkout_id", value.checkout_id);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const UpdateCheckoutSessionRequest& value) {
  FieldWriter out(j);
  out.optional("account_id", value.account_id);
  out.optional("merchant_order_id", value.merchant_order_id);
  out.optional("payment_description", value.payment_description);
  out.optional("country", value.country);
  session_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, UpdateCheckoutSessionRequest& value) {
  FieldReader in(j, "UpdateCheckoutSessionRequest");
  in.optional("account_id", value.account_id);
  in.optional("merchant_order_id", value.merchant_order_id);
  in.optional("payment_description", value.payment_description);
  in.optional("country", value.country);
  session_fields(in, value);
  value.unknown_fields = in.unknown();
}

// --- Payment methods --------------------------------------------------------------------

void to_json(nlohmann::json& j, const PaymentMethodConditionValues& value) {
  FieldWriter out(j);
  condition_values_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, PaymentMethodConditionValues& value) {
  FieldReader in(j, "PaymentMethodConditionValues");
  condition_values_fields(in, value);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const PaymentMethodConditionRule& value) {
  FieldWriter out(j);
  out.optional("condition", value.condition);
  out.optional("condition_group_code", value.condition_group_code);
  out.optional("condition_name", value.condition_name);
  out.optional("type", value.type);
  out.optional("values", value.values);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, PaymentMethodConditionRule& value) {
  FieldReader in(j, "PaymentMethodConditionRule");
  in.optional("condition", value.condition);
  in.optional("condition_group_code", value.condition_group_code);
  in.optional("condition_name", value.condition_name);
  in.optional("type", value.type);
  in.optional("values", value.values);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const PaymentMethodConditions& value) {
  FieldWriter out(j);
  out.optional("enabled", value.enabled);
  out.optional("rules", value.rules);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, PaymentMethodConditions& value) {
  FieldReader in(j, "PaymentMethodConditions");
  in.optional("enabled", value.enabled);
  in.optional("rules", value.rules);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const PaymentMethodCheckout& value) {
  FieldWriter out(j);
  out.optional("session", value.session);
  out.optional("sdk_required_action", value.sdk_required_action);
  out.optional("conditions", value.conditions);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, PaymentMethodCheckout& value) {
  FieldReader in(j, "PaymentMethodCheckout");
  in.optional("session", value.session);
  in.optional("sdk_required_action", value.sdk_required_action);
  in.optional("conditions", value.conditions);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const CheckoutPaymentMethod& value) {
  FieldWriter out(j);
  payment_method_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CheckoutPaymentMethod& value) {
  FieldReader in(j, "CheckoutPaymentMethod");
  payment_method_fields(in, value);
  value.unknown_fields = in.unknown();
}

// --- One-time tokens --------------------------------------------------------------------

void to_json(nlohmann::json& j, const TokenPaymentMethod& value) {
  FieldWriter out(j);
  if (!value.type.empty()) out.required("type", value.type);
  out.optional("card", value.card);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, TokenPaymentMethod& value) {
  FieldReader in(j, "TokenPaymentMethod");
  value.type.clear();
  in.value_or_default("type", value.type);
  in.optional("card", value.card);
  value.unknown_fields = in.unknown();
}

std::string CreateOneTimeTokenRequest::to_string() const {
  std::string text = "CreateOneTimeTokenRequest{payment_method.type=" + payment_method.type;
  if (payment_method.card) text += ", payment_method.card=" + payment_method.card->to_string();
  if (card_data) text += ", card_data=" + card_data->to_string();
  return text + "}";
}

std::ostream& operator<<(std::ostream& out, const CreateOneTimeTokenRequest& value) {
  return out << value.to_string();
}

void to_json(nlohmann::json& j, const CreateOneTimeTokenRequest& value) {
  FieldWriter out(j);
  out.optional("account_id", value.account_id);
  out.required("payment_method", value.payment_method);
  out.optional("card_data", value.card_data);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CreateOneTimeTokenRequest& value) {
  FieldReader in(j, "CreateOneTimeTokenRequest");
  in.optional("account_id", value.account_id);
  in.value_or_default("payment_method", value.payment_method);
  in.optional("card_data", value.card_data);
  value.unknown_fields = in.unknown();
}

std::string CreateTokenRequest::to_string() const {
  return "CreateTokenRequest{card_data=" + card_data.to_string() + "}";
}

std::ostream& operator<<(std::ostream& out, const CreateTokenRequest& value) {
  return out << value.to_string();
}

void to_json(nlohmann::json& j, const CreateTokenRequest& value) {
  FieldWriter out(j);
  out.required("account_id", value.account_id);
  out.optional("country", value.country);
  out.required("card_data", value.card_data);
  out.optional("customer_payer", value.customer_payer);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CreateTokenRequest& value) {
  FieldReader in(j, "CreateTokenRequest");
  in.value_or_default("account_id", value.account_id);
  in.optional("country", value.country);
  in.value_or_default("card_data", value.card_data);
  in.optional("customer_payer", value.customer_payer);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const OneTimeToken& value) {
  FieldWriter out(j);
  out.required("token", value.token);
  one_time_token_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, OneTimeToken& value) {
  FieldReader in(j, "OneTimeToken");
  in.required("token", value.token);
  one_time_token_fields(in, value);
  value.unknown_fields = in.unknown();
}

}  // namespace yuno
