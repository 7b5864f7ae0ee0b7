#include "render.hpp"

#include <array>
#include <string>

#include "json_io.hpp"

namespace yuno::sandbox {
namespace {

using nlohmann::json;

constexpr const char* kProviderId = "YUNO_TEST_PAYMENT_GW";
constexpr const char* kConnectionId = "5f3c2d1e-0a9b-4c8d-9e7f-6a5b4c3d2e1f";

json optional_text(const std::optional<std::string>& value) {
  return value ? json(*value) : json(nullptr);
}

json session_amount_json(const std::optional<SessionAmount>& amount) {
  if (!amount) return nullptr;
  return {{"currency", amount->currency},
          {"value", amount->value ? money_json(*amount->value) : json(nullptr)}};
}

json card_detail_json(const PaymentRecord& payment) {
  json card_data = payment.card ? card_data_json(*payment.card) : json(nullptr);
  if (card_data.is_object()) {
    card_data["three_d_secure"] = {{"version", nullptr},
                                   {"electronic_commerce_indicator", nullptr},
                                   {"cryptogram", nullptr},
                                   {"transaction_id", nullptr},
                                   {"directory_server_transaction_id", nullptr},
                                   {"pares_status", nullptr},
                                   {"acs_id", nullptr}};
  }
  return {{"verify", payment.verify},
          {"capture", payment.capture},
          {"installments", payment.installments},
          {"installments_plan_id", nullptr},
          {"first_installment_deferral", 0},
          {"installments_type", ""},
          {"installment_amount", nullptr},
          {"soft_descriptor", payment.soft_descriptor},
          {"authorization_code", payment.authorization_code},
          {"retrieval_reference_number", ""},
          {"acquirer_reference_number", ""},
          {"voucher", nullptr},
          {"card_data", std::move(card_data)},
          {"stored_credentials",
           {{"reason", nullptr},
            {"usage", nullptr},
            {"subscription_agreement_id", nullptr},
            {"network_transaction_id", nullptr}}}};
}

// `payment_method` of a payment (`detail_key` "payment_method_detail") or of one of its
// transactions ("detail").
json payment_method_json(const PaymentRecord& payment, const char* detail_key) {
  json detail = nullptr;
  if (payment.method_type == "CARD") {
    detail = {{"card", card_detail_json(payment)}};
  } else if (payment.method_detail.is_object()) {
    detail = payment.method_detail;
  }
  return {{"vaulted_token", payment.vaulted_token},
          {"type", payment.method_type},
          {"vault_on_success", payment.vault_on_success},
          {"token", payment.token},
          {"parent_payment_method_type", nullptr},
          {detail_key, std::move(detail)}};
}

json provider_data_json(const TransactionRecord& transaction) {
  return {{"id", kProviderId},
          {"transaction_id", transaction.provider_transaction_id},
          {"account_id", ""},
          {"status", transaction.status},
          {"sub_status", ""},
          {"status_detail", ""},
          {"response_code", transaction.response_code},
          {"response_message", transaction.response_message},
          {"iso8583_response_code", transaction.iso8583_code},
          {"iso8583_response_message", transaction.iso8583_message},
          {"raw_response", nullptr},
          {"third_party_transaction_id", ""},
          {"third_party_account_id", nullptr}};
}

// A transaction listed inside a payment: its amount is a bare number.
json listed_transaction_json(const TransactionRecord& transaction, const json& method) {
  return {{"id", transaction.id},
          {"type", transaction.type},
          {"status", transaction.status},
          {"category", transaction.category},
          {"amount", money_json(transaction.amount)},
          {"provider_id", kProviderId},
          {"payment_method", method},
          {"response_code", transaction.response_code},
          {"response_message", transaction.response_message},
          {"reason", optional_text(transaction.reason)},
          {"description", optional_text(transaction.description)},
          {"merchant_reference", optional_text(transaction.merchant_reference)},
          {"provider_data", provider_data_json(transaction)},
          {"connection_data", {{"id", kConnectionId}, {"name", nullptr}}},
          {"created_at", transaction.created_at},
          {"updated_at", transaction.updated_at}};
}

struct MethodOffer {
  const char* name;
  const char* type;
  const char* category;
  const char* icon;
};

constexpr std::array<MethodOffer, 5> kOffers = {{
    {"Card", "CARD", "CARD", "https://icons.prod.y.uno/card_logosimbolo.png"},
    {"Bank Transfer", "BANK_TRANSFER", "BANK_TRANSFER",
     "https://icons.prod.y.uno/banktransfer_logosimbolo.png"},
    {"PIX", "PIX", "BANK_TRANSFER", "https://icons.prod.y.uno/pix_logosimbolo.png"},
    {"PayPal", "PAYPAL", "WALLET", "https://icons.prod.y.uno/paypal_logosimbolo.png"},
    {"OXXO", "OXXO", "TICKET", "https://icons.prod.y.uno/oxxo_logosimbolo.png"},
}};

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string card_icon(const std::optional<CardSummary>& card) {
  if (!card || card->brand.empty()) return "https://icons.prod.y.uno/card_logosimbolo.png";
  return "https://icons.prod.y.uno/" + lower(card->brand) + "_logosimbolo.png";
}

}  // namespace

json money_json(const yuno::Decimal& value) {
  if (value.units() % yuno::Decimal::kUnitsPerOne == 0) {
    return value.units() / yuno::Decimal::kUnitsPerOne;
  }
  // Below 10^15 units (validation's limit) the nearest double prints back as the decimal.
  return static_cast<double>(value.units()) / static_cast<double>(yuno::Decimal::kUnitsPerOne);
}

json customer_json(const CustomerRecord& customer) {
  json out = customer.profile;
  out["id"] = customer.id;
  out["merchant_customer_id"] = customer.merchant_customer_id;
  out["created_at"] = customer.created_at;
  out["updated_at"] = customer.updated_at;
  return out;
}

json session_json(const CheckoutSessionRecord& session, const char* id_key) {
  return {{id_key, session.id},
          {"merchant_order_id", session.merchant_order_id},
          {"payment_description", session.payment_description},
          {"country", session.country},
          {"customer_id", optional_text(session.customer_id)},
          {"callback_url", optional_text(session.callback_url)},
          {"amount", session_amount_json(session.amount)},
          {"alternative_amount", session_amount_json(session.alternative_amount)},
          {"metadata", session.metadata},
          {"workflow", session.workflow},
          {"installments", session.installments.is_object()
                               ? session.installments
                               : json{{"plan_id", nullptr}, {"plan", nullptr}}},
          {"recurring_payment", session.recurring_payment},
          {"checkout_id", optional_text(session.checkout_id)},
          {"used", session.used},
          {"created_at", session.created_at}};
}

json session_payment_methods_json(const CheckoutSessionRecord& session,
                                  const std::string* category) {
  json out = json::array();
  for (const MethodOffer& offer : kOffers) {
    if (category != nullptr && *category != offer.category) continue;
    out.push_back({{"name", offer.name},
                   {"description", offer.name},
                   {"type", offer.type},
                   {"category", offer.category},
                   {"icon", offer.icon},
                   {"vaulted_token", nullptr},
                   {"last_successfully_used", nullptr},
                   {"last_successfully_used_at", nullptr},
                   {"preferred", false},
                   {"checkout",
                    {{"session", session.id},
                     {"sdk_required_action", std::string(offer.type) != "CARD"},
                     {"conditions", {{"enabled", true}, {"rules", nullptr}}}}}});
  }
  return out;
}

json session_token_json(const CardTokenRecord& token) {
  return {{"token", token.token},
          {"vaulted_token", nullptr},
          {"vault_on_success", false},
          {"type", "CARD"},
          {"card_data", card_data_json(token.card)},
          {"customer", nullptr},
          {"installment", nullptr},
          {"country", optional_text(token.country)},
          {"customer_session", nullptr}};
}

json direct_token_json(const CardTokenRecord& token) {
  return {{"token", token.token}, {"card_data", card_data_json(token.card)}};
}

json payment_json(const PaymentRecord& payment, bool with_history) {
  const json transaction_method = payment_method_json(payment, "detail");
  json transactions = json::array();
  for (const TransactionRecord& transaction : payment.transactions) {
    transactions.push_back(listed_transaction_json(transaction, transaction_method));
  }
  json out = {
      {"id", payment.id},
      {"account_id", payment.account_id},
      {"idempotency_key", payment.idempotency_key},
      {"description", payment.description},
      {"country", payment.country},
      {"status", payment.status},
      {"sub_status", payment.sub_status},
      {"merchant_order_id", payment.merchant_order_id},
      {"merchant_reference", optional_text(payment.merchant_reference)},
      {"created_at", payment.created_at},
      {"updated_at", payment.updated_at},
      {"amount",
       {{"currency", payment.currency},
        {"value", money_json(payment.value)},
        {"captured", money_json(payment.captured)},
        {"refunded", money_json(payment.refunded)},
        {"currency_conversion", nullptr}}},
      {"checkout", {{"session", payment.checkout_session}, {"sdk_action_required", false}}},
      {"payment_method", payment_method_json(payment, "payment_method_detail")},
      {"customer_payer", payment.customer_payer},
      {"additional_data", payment.additional_data},
      {"workflow", payment.workflow},
      {"callback_url", optional_text(payment.callback_url)},
      {"metadata", payment.metadata},
      {"split_marketplace", payment.split_marketplace},
      {"fraud_screening", payment.fraud_screening},
      {"payment_link_id", ""},
      {"subscription_code", nullptr},
      {"routing_rules", nullptr},
      {"simplified_mode", false},
      {"transactions_history", nullptr},
  };
  if (with_history) out["transactions_history"] = transactions;
  out["transactions"] = std::move(transactions);
  return out;
}

void refresh_rendering(PaymentRecord& payment) {
  payment.rendered = payment_json(payment, false);
  payment.rendered_text = dump_json(payment.rendered);
}

json customer_session_json(const CustomerSessionRecord& session) {
  return {{"customer_session", session.id},
          {"customer_id", session.customer_id},
          {"country", session.country},
          {"callback_url", optional_text(session.callback_url)},
          {"created_at", session.created_at},
          {"checkout_id", optional_text(session.checkout_id)}};
}

json methods_to_enroll_json(const CustomerSessionRecord& session) {
  json methods = json::array();
  methods.push_back({{"name", "Card"},
                     {"description", "Card"},
                     {"type", "CARD"},
                     {"category", "CARD"},
                     {"icon", card_icon(std::nullopt)},
                     {"enrollment", {{"session", session.id}, {"sdk_required_action", false}}}});
  return {{"payment_methods", std::move(methods)}};
}

json stored_method_json(const PaymentMethodRecord& method, const json& verify_payment) {
  // A card is named after its brand and last digits once Yuno has it ("VISA ****0002").
  const std::string name =
      method.card ? method.card->brand + " ****" + method.card->lfd : std::string("Card");
  json verify = {{"vault_on_success", method.vault_on_success}};
  if (method.verify_currency) verify["currency"] = *method.verify_currency;
  verify["payment"] = verify_payment;
  return {{"id", method.id},
          {"idempotency_key",
           method.idempotency_key.empty() ? json(nullptr) : json(method.idempotency_key)},
          {"account_id", method.account_id},
          {"name", name},
          {"description", name},
          {"icon", card_icon(method.card)},
          {"type", method.type},
          {"category", "CARD"},
          {"country", method.country},
          {"status", method.status},
          {"sub_status", nullptr},
          {"vaulted_token",
           method.vaulted_token.empty() ? json(nullptr) : json(method.vaulted_token)},
          {"callback_url", optional_text(method.callback_url)},
          {"action", nullptr},
          {"redirect_url", nullptr},
          {"created_at", method.created_at},
          {"updated_at", method.updated_at},
          {"enrollment",
           {{"session", method.enrollment_session},
            {"sdk_required_action", method.sdk_required_action}}},
          {"provider",
           {{"id", "YUNO"},
            {"type", "YUNO"},
            {"token", method.provider_token.empty() ? json(nullptr) : json(method.provider_token)},
            {"provider_status", nullptr}}},
          {"customer_payer", method.customer_payer},
          {"card_data", method.card ? card_data_json(*method.card) : json(nullptr)},
          {"last_successfully_used", method.last_successfully_used},
          {"last_successfully_used_at", optional_text(method.last_successfully_used_at)},
          {"verify", std::move(verify)},
          {"preferred", nullptr}};
}

json transaction_response_json(const PaymentRecord& payment,
                               const TransactionRecord& transaction) {
  return {{"id", transaction.id},
          {"type", transaction.type},
          {"status", transaction.status},
          {"category", transaction.category},
          {"amount",
           {{"currency", payment.currency},
            {"value", money_json(transaction.amount)},
            {"captured", 0},
            {"refunded", 0},
            {"currency_conversion", nullptr}}},
          {"merchant_reference", optional_text(transaction.merchant_reference)},
          {"reason", optional_text(transaction.reason)},
          {"description", optional_text(transaction.description)},
          {"response_code", transaction.response_code},
          {"response_message", transaction.response_message},
          {"provider_data", provider_data_json(transaction)},
          {"created_at", transaction.created_at},
          {"updated_at", transaction.updated_at},
          {"payment", payment.rendered},
          {"customer_payer", payment.customer_payer},
          {"simplified_mode", false},
          {"receipt", false},
          {"receipt_url", nullptr},
          {"receipt_language", nullptr}};
}

}  // namespace yuno::sandbox
