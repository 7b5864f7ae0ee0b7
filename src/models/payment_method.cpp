#include "yuno/models/payment_method.hpp"

#include <ostream>

#include "internal/model_tape.hpp"
#include "yuno/errors.hpp"
#include "yuno/models/payment.hpp"

namespace yuno {

using internal::FieldReader;
using internal::FieldWriter;

namespace {

// At most the first 6 and the last 4 characters, and only when at least 3 stay hidden
// (PANs are 12 to 19 digits): shorter text shows the last 4 at most, very short nothing.
std::string masked_number(const std::string& number) {
  const std::size_t n = number.size();
  if (n >= 13) return number.substr(0, 6) + std::string(n - 10, '*') + number.substr(n - 4);
  if (n >= 8) return std::string(n - 4, '*') + number.substr(n - 4);
  return std::string(n, '*');
}

std::string two_digits(int value) {
  std::string text = std::to_string(value);
  return text.size() < 2 ? "0" + text : text;
}

// `io` is a FieldReader or a FieldWriter: one field list serves both directions.
template <typename IO, typename Model>
void card_data_fields(IO& io, Model& value) {
  io.optional("number", value.number);
  io.optional("security_code", value.security_code);
  io.optional("expiration_month", value.expiration_month);
  io.optional("expiration_year", value.expiration_year);
  io.optional("holder_name", value.holder_name);
  io.optional("type", value.type);
  io.optional("brand", value.brand);
  io.optional("category", value.category);
  io.optional("iin", value.iin);
  io.optional("lfd", value.lfd);
  io.optional("number_length", value.number_length);
  io.optional("security_code_length", value.security_code_length);
  io.optional("issuer", value.issuer);
  io.optional("issuer_name", value.issuer_name);
  io.optional("issuer_code", value.issuer_code);
  io.optional("country_code", value.country_code);
  io.optional("fingerprint", value.fingerprint);
  io.optional("three_d_secure", value.three_d_secure);
  io.optional("network_token", value.network_token);
  io.optional("scheme", value.scheme);
  io.optional("soft_descriptor", value.soft_descriptor);
  io.optional("card_pin", value.card_pin);
  io.optional("authentication_method", value.authentication_method);
}

template <typename IO, typename Model>
void stored_credentials_fields(IO& io, Model& value) {
  io.optional("reason", value.reason);
  io.optional("usage", value.usage);
  io.optional("subscription_agreement_id", value.subscription_agreement_id);
  io.optional("network_transaction_id", value.network_transaction_id);
}

template <typename IO, typename Model>
void card_detail_fields(IO& io, Model& value) {
  io.optional("capture", value.capture);
  io.optional("installments", value.installments);
  io.optional("first_installment_deferral", value.first_installment_deferral);
  io.optional("installments_type", value.installments_type);
  io.optional("installments_plan_id", value.installments_plan_id);
  io.optional("installment_amount", value.installment_amount);
  io.optional("installments_total_amount", value.installments_total_amount);
  io.optional("soft_descriptor", value.soft_descriptor);
  io.optional("verify", value.verify);
  io.optional("card_data", value.card_data);
  io.optional("stored_credentials", value.stored_credentials);
  io.optional("three_d_secure", value.three_d_secure);
  io.optional("network_token", value.network_token);
  io.optional("external_providers_data", value.external_providers_data);
  io.optional("delayed_capture_settings", value.delayed_capture_settings);
  io.optional("delayed_cancel_settings", value.delayed_cancel_settings);
  io.optional("authorization_code", value.authorization_code);
  io.optional("acquirer_reference_number", value.acquirer_reference_number);
  io.optional("retrieval_reference_number", value.retrieval_reference_number);
  io.optional("redirect_url", value.redirect_url);
  io.optional("fingerprint", value.fingerprint);
  io.optional("voucher", value.voucher);
}

template <typename IO, typename Model>
void detail_fields(IO& io, Model& value) {
  io.optional("card", value.card);
  io.optional("wallet", value.wallet);
  io.optional("bank_transfer", value.bank_transfer);
  io.optional("ticket", value.ticket);
  io.optional("bnpl", value.bnpl);
  io.optional("payment_link", value.payment_link);
  io.optional("strong_customer_authentication_exemptions",
              value.strong_customer_authentication_exemptions);
}

template <typename IO, typename Model>
void payment_method_fields(IO& io, Model& value) {
  io.optional("type", value.type);
  io.optional("token", value.token);
  io.optional("vaulted_token", value.vaulted_token);
  io.optional("vault_on_success", value.vault_on_success);
  io.optional("parent_payment_method_type", value.parent_payment_method_type);
  io.optional("account_updater", value.account_updater);
  io.optional("otp", value.otp);
  io.optional("detail", value.detail);
  io.optional("payment_method_detail", value.payment_method_detail);
  io.optional("id", value.id);
  io.optional("idempotency_key", value.idempotency_key);
  io.optional("account_id", value.account_id);
  io.optional("customer_id", value.customer_id);
  io.optional("name", value.name);
  io.optional("description", value.description);
  io.optional("icon", value.icon);
  io.optional("category", value.category);
  io.optional("country", value.country);
  io.optional("parent_type", value.parent_type);
  io.optional("status", value.status);
  io.optional("sub_status", value.sub_status);
  io.optional("callback_url", value.callback_url);
  io.optional("action", value.action);
  io.optional("redirect_url", value.redirect_url);
  io.optional("created_at", value.created_at);
  io.optional("updated_at", value.updated_at);
  io.optional("enrollment", value.enrollment);
  io.optional("provider", value.provider);
  io.optional("customer_payer", value.customer_payer);
  io.optional("card_data", value.card_data);
  io.optional("verify", value.verify);
  io.optional("vault_only", value.vault_only);
  io.optional("preferred", value.preferred);
  io.optional("last_successfully_used", value.last_successfully_used);
  io.optional("last_successfully_used_at", value.last_successfully_used_at);
}

template <typename IO, typename Model>
void enrollment_fields(IO& io, Model& value) {
  io.optional("session", value.session);
  io.optional("sdk_required_action", value.sdk_required_action);
}

template <typename IO, typename Model>
void provider_fields(IO& io, Model& value) {
  io.optional("id", value.id);
  io.optional("type", value.type);
  io.optional("token", value.token);
  io.optional("provider_status", value.provider_status);
}

template <typename IO, typename Model>
void verification_fields(IO& io, Model& value) {
  io.optional("vault_on_success", value.vault_on_success);
  io.optional("currency", value.currency);
  io.optional("metadata", value.metadata);
  io.optional("payment", value.payment);
}

}  // namespace

std::string CardData::to_string() const {
  std::string out = "CardData{";
  bool first = true;
  auto add = [&](const char* name, const std::string& text) {
    if (!first) out += ", ";
    first = false;
    out += name;
    out += '=';
    out += text;
  };
  if (number) add("number", masked_number(*number));
  if (security_code) add("security_code", "***");  // never its length either
  if (expiration_month || expiration_year) {
    add("expiration", (expiration_month ? two_digits(*expiration_month) : std::string("??")) + "/" +
                          (expiration_year ? two_digits(*expiration_year) : std::string("??")));
  }
  if (holder_name) add("holder_name", "***");
  if (type) add("type", *type);
  if (brand) add("brand", *brand);
  if (iin) add("iin", iin->size() <= 8 ? *iin : masked_number(*iin));  // a BIN is 6 to 8
  if (lfd) add("lfd", lfd->size() <= 4 ? *lfd : masked_number(*lfd));
  if (card_pin) add("card_pin", "***");
  if (network_token) add("network_token", "***");  // holds a token number: nothing of it
  out += '}';
  return out;
}

std::ostream& operator<<(std::ostream& out, const CardData& card) {
  return out << card.to_string();
}

const PaymentMethodDetail* PaymentMethod::details() const noexcept {
  if (detail) return &*detail;
  if (payment_method_detail) return &*payment_method_detail;
  return nullptr;
}

void to_json(nlohmann::json& j, const CardData& value) {
  FieldWriter out(j);
  card_data_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, CardData& value) {
  FieldReader in(j, "CardData");
  card_data_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, CardData& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, CardData& value) { read(j, value); }

void to_json(nlohmann::json& j, const StoredCredentials& value) {
  FieldWriter out(j);
  stored_credentials_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, StoredCredentials& value) {
  FieldReader in(j, "StoredCredentials");
  stored_credentials_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, StoredCredentials& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, StoredCredentials& value) { read(j, value); }

void to_json(nlohmann::json& j, const CardDetail& value) {
  FieldWriter out(j);
  card_detail_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, CardDetail& value) {
  FieldReader in(j, "CardDetail");
  card_detail_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, CardDetail& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, CardDetail& value) { read(j, value); }

void to_json(nlohmann::json& j, const PaymentMethodDetail& value) {
  FieldWriter out(j);
  detail_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, PaymentMethodDetail& value) {
  FieldReader in(j, "PaymentMethodDetail");
  detail_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, PaymentMethodDetail& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, PaymentMethodDetail& value) { read(j, value); }

std::optional<Payment> EnrollmentVerification::parsed_payment() const {
  if (!payment || payment->is_null()) return std::nullopt;
  try {
    return payment->value().get<Payment>();
  } catch (const std::exception& e) {
    // Model errors name fields and JSON types, never values.
    throw Error(std::string("EnrollmentVerification.payment is not a payment: ") + e.what());
  }
}

void to_json(nlohmann::json& j, const Enrollment& value) {
  FieldWriter out(j);
  enrollment_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, Enrollment& value) {
  FieldReader in(j, "Enrollment");
  enrollment_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, Enrollment& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, Enrollment& value) { read(j, value); }

void to_json(nlohmann::json& j, const PaymentMethodProvider& value) {
  FieldWriter out(j);
  provider_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, PaymentMethodProvider& value) {
  FieldReader in(j, "PaymentMethodProvider");
  provider_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, PaymentMethodProvider& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, PaymentMethodProvider& value) { read(j, value); }

void to_json(nlohmann::json& j, const EnrollmentVerification& value) {
  FieldWriter out(j);
  verification_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, EnrollmentVerification& value) {
  FieldReader in(j, "EnrollmentVerification");
  verification_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, EnrollmentVerification& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, EnrollmentVerification& value) { read(j, value); }

void to_json(nlohmann::json& j, const PaymentMethod& value) {
  FieldWriter out(j);
  payment_method_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, PaymentMethod& value) {
  FieldReader in(j, "PaymentMethod");
  payment_method_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, PaymentMethod& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, PaymentMethod& value) { read(j, value); }

}  // namespace yuno
