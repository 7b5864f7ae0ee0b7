// The `payment_method` of a payment: what the customer pays with (a one-time token, a
// vaulted token, or raw card data for PCI-certified merchants) and, in responses, what
// Yuno reports about it (card brand, authorization code, installments...).
// https://docs.y.uno/reference/create-payment. See yuno/models/common.hpp for the model
// conventions.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "yuno/decimal.hpp"
#include "yuno/json.hpp"

namespace yuno {

/// `card_data`: the card itself. Requests from PCI-certified merchants send the raw card
/// (number, expiration, security code, holder); responses describe it without the number
/// (brand, iin, lfd, issuer...). One type serves both.
///
/// Sensitive: the number and the security code must never reach a log. to_string() and
/// operator<< mask them (at most the first 6 and last 4 digits of the number; the security
/// code and the holder name fully), and parse errors of the payment models name fields and
/// JSON types, never values. Never print a CardData any other way (e.g. by serializing it).
struct CardData {
  std::optional<std::string> number;         ///< PAN (requests only)
  std::optional<std::string> security_code;  ///< CVV/CVC (requests only)
  std::optional<int> expiration_month;       ///< 1 to 12
  std::optional<int> expiration_year;        ///< as Yuno's examples send it: 2026
  std::optional<std::string> holder_name;
  std::optional<std::string> type;  ///< "CREDIT", "DEBIT", "PREPAID"...
  // Returned by Yuno:
  std::optional<std::string> brand;     ///< "VISA", "MASTERCARD"...
  std::optional<std::string> category;  ///< "CLASSIC", "PREPAID RELOADABLE"...
  std::optional<std::string> iin;       ///< issuer identification number (first digits)
  std::optional<std::string> lfd;       ///< last four digits
  std::optional<int> number_length;
  std::optional<int> security_code_length;
  std::optional<std::string> issuer_name;
  std::optional<std::string> issuer_code;
  std::optional<std::string> country_code;  ///< issuing country, ISO 3166-1 alpha-2
  std::optional<std::string> fingerprint;   ///< stable id of the card number
  std::optional<Json> three_d_secure;       ///< 3DS result fields, kept untyped
  Json unknown_fields;                      ///< not printed by to_string()

  /// "CardData{number=450799******0002, security_code=***, expiration=11/28,
  /// holder_name=***, brand=VISA}": only the fields that are set; safe for logs.
  std::string to_string() const;
};

/// Same text as CardData::to_string().
std::ostream& operator<<(std::ostream& out, const CardData& card);

/// `stored_credentials`: how a stored card is used (card-on-file, subscriptions).
struct StoredCredentials {
  /// "CARD_ON_FILE", "SUBSCRIPTION", "UNSCHEDULED_CARD_ON_FILE"
  std::optional<std::string> reason;
  std::optional<std::string> usage;  ///< "FIRST", "USED"
  std::optional<std::string> subscription_agreement_id;
  std::optional<std::string> network_transaction_id;
  Json unknown_fields;
};

/// `payment_method.detail.card` (requests and transactions) and
/// `payment_method.payment_method_detail.card` (payments).
struct CardDetail {
  /// false for an authorization only (capture later with a capture request, or cancel);
  /// true or unset for a purchase, captured at once.
  std::optional<bool> capture;
  std::optional<int> installments;  ///< number of installments
  std::optional<int> first_installment_deferral;
  std::optional<std::string> installments_type;  ///< "MERCHANT", "ISSUER", "NONE", or ""
  std::optional<Json> installments_plan_id;
  std::optional<Decimal> installment_amount;
  std::optional<Decimal> installments_total_amount;
  std::optional<std::string> soft_descriptor;  ///< text on the customer's statement
  std::optional<bool> verify;  ///< true: only verify the card (zero-amount authorization)
  std::optional<CardData> card_data;
  std::optional<StoredCredentials> stored_credentials;
  std::optional<Json> three_d_secure;  ///< 3DS data sent or returned, kept untyped
  std::optional<Json> network_token;   ///< network token data, kept untyped
  std::optional<Json> external_providers_data;
  std::optional<Json> delayed_capture_settings;
  std::optional<Json> delayed_cancel_settings;
  // Returned by Yuno:
  std::optional<std::string> authorization_code;
  std::optional<std::string> acquirer_reference_number;
  std::optional<std::string> retrieval_reference_number;
  std::optional<std::string> redirect_url;  ///< where to send the customer (e.g. 3DS)
  std::optional<std::string> fingerprint;
  std::optional<Json> voucher;
  Json unknown_fields;
};

/// `payment_method.detail` / `payment_method.payment_method_detail`: the details of the
/// method used. Only the card is typed; the other methods' details are kept as JSON.
struct PaymentMethodDetail {
  std::optional<CardDetail> card;
  std::optional<Json> wallet;         ///< APPLE_PAY, GOOGLE_PAY, MERCADO_PAGO_WALLET...
  std::optional<Json> bank_transfer;  ///< PIX, SPEI, PSE...
  std::optional<Json> ticket;         ///< vouchers, cash: OXXO, EFECTY...
  std::optional<Json> bnpl;           ///< buy now, pay later
  std::optional<Json> payment_link;
  std::optional<std::vector<std::string>> strong_customer_authentication_exemptions;
  Json unknown_fields;
};

/// A payment's `payment_method`. In a create-payment request, set one of `token` (from
/// Yuno's SDK), `vaulted_token` (a stored method) or `detail` (raw card data, PCI merchants
/// only), with `type` ("CARD", "PIX", ...).
///
/// Yuno names the details `detail` in requests and in transactions, and
/// `payment_method_detail` in payments: both are here, details() returns whichever is set.
struct PaymentMethod {
  std::optional<std::string> type;           ///< "CARD", "BANK_TRANSFER", "PIX", "APPLE_PAY"...
  std::optional<std::string> token;          ///< one-time token
  std::optional<std::string> vaulted_token;  ///< stored payment method
  std::optional<bool> vault_on_success;      ///< store the method if the payment succeeds
  std::optional<std::string> parent_payment_method_type;
  std::optional<bool> account_updater;
  std::optional<Json> otp;
  std::optional<PaymentMethodDetail> detail;                 ///< requests, transactions
  std::optional<PaymentMethodDetail> payment_method_detail;  ///< payments
  Json unknown_fields;

  /// `detail` if set, else `payment_method_detail`, else nullptr.
  const PaymentMethodDetail* details() const noexcept;
};

void to_json(nlohmann::json& j, const CardData& value);
void from_json(const nlohmann::json& j, CardData& value);
void to_json(nlohmann::json& j, const StoredCredentials& value);
void from_json(const nlohmann::json& j, StoredCredentials& value);
void to_json(nlohmann::json& j, const CardDetail& value);
void from_json(const nlohmann::json& j, CardDetail& value);
void to_json(nlohmann::json& j, const PaymentMethodDetail& value);
void from_json(const nlohmann::json& j, PaymentMethodDetail& value);
void to_json(nlohmann::json& j, const PaymentMethod& value);
void from_json(const nlohmann::json& j, PaymentMethod& value);

}  // namespace yuno
