/// @file
/// Customer sessions and the requests of the enrollment ("stored payment methods") API:
/// https://docs.y.uno/reference/create-customer-session, enroll-payment-method-api,
/// enroll-payment-method-checkout, reassign-payment-method-api,
/// register-cards-for-account-updater-api. The enrolled method itself is yuno::PaymentMethod
/// (yuno/models/payment_method.hpp). See yuno/models/common.hpp for the model conventions.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "yuno/export.hpp"
#include "yuno/json.hpp"
#include "yuno/models/customer_payer.hpp"
#include "yuno/models/payment.hpp"
#include "yuno/models/payment_method.hpp"

namespace yuno {

// ---------------------------------------------------------------------------------------
// Customer sessions
// ---------------------------------------------------------------------------------------

/// Body of `POST /v1/customers/sessions`. Yuno requires account_id (filled from the
/// client's account id when empty), customer_id and country.
struct CreateCustomerSessionRequest {
  std::string account_id;   ///< your Yuno account id (UUID)
  std::string customer_id;  ///< from CustomersClient::create
  std::string country;      ///< ISO 3166-1 alpha-2
  /// Where the customer returns after enrolling in a provider's environment (3 to 526).
  std::optional<std::string> callback_url;
  std::optional<std::string> checkout_id;  ///< a Custom Checkout; default: the account's
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// A customer session: hand `customer_session` to Yuno's SDK in the browser to enroll a
/// payment method, or use it with PaymentMethodsClient::enroll_in_session().
struct CustomerSession {
  std::string customer_session;  ///< the session id (always present)
  std::optional<std::string> customer_id;   ///< Yuno's customer id
  std::optional<std::string> country;       ///< ISO 3166-1 alpha-2, e.g. "US"
  /// Where the customer is sent back after a redirect (3DS, bank page...)
  std::optional<std::string> callback_url;
  std::optional<std::string> checkout_id;   ///< the Custom Checkout used (UUID)
  std::optional<std::string> created_at;  ///< ISO 8601 UTC
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

// ---------------------------------------------------------------------------------------
// Enrollment requests
// ---------------------------------------------------------------------------------------

/// `provider_data` of a direct enrollment: a token the method already has at a provider
/// (token migration, provider-token enrollment). Yuno requires `id`.
struct EnrollmentProviderData {
  std::optional<std::string> id;  ///< the provider: "DLOCAL", "ADYEN"...
  /// "PROVIDER_API", "MIGRATION_FILE" or "PROVIDER_TOKEN".
  std::optional<std::string> token_source;
  std::optional<std::string> payment_method_token;  ///< needed with PROVIDER_TOKEN
  std::optional<std::string> connection_id;         ///< the provider connection (UUID)
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// Body of `POST /v1/customers/{customer_id}/payment-methods` (direct workflow). Yuno
/// requires account_id (filled from the client's account id when empty), country and type
/// ("CARD", "ACH_ENROLLMENT", "NU_PAY_ENROLLMENT"). Then one of:
/// - `card_data` with the raw card (PCI-certified merchants only);
/// - `provider_data` with a token the card has at a provider (with card_data.brand/lfd);
/// - `payment_method` with the method's details (e.g. detail.bank_transfer for ACH).
/// `verify` asks for a zero-amount verification first.
///
/// Sensitive: card_data holds the card number and CVV. to_string() masks them; never
/// print the request any other way.
struct YUNO_API EnrollPaymentMethodRequest {
  std::string account_id;                   ///< your Yuno account id; empty: the client's
  std::string country;  ///< ISO 3166-1 alpha-2
  std::string type;     ///< "CARD", "ACH_ENROLLMENT"...
  std::optional<PaymentWorkflow> workflow;  ///< "DIRECT" (Yuno's default)
  std::optional<std::string> callback_url;  ///< for methods enrolled in a provider's page
  std::optional<std::string> token;         ///< a pre-generated token for the method (UUID)
  std::optional<std::string> parent_type;   ///< e.g. "CARD", for derived methods
  /// false excludes this card from the card networks' account updater; unset follows the
  /// account's configuration.
  std::optional<bool> account_updater;
  /// Raw card data: PCI-certified merchants only; masked in logs.
  std::optional<CardData> card_data;
  std::optional<CustomerPayer> customer_payer;  ///< who pays (see CustomerPayer)
  /// Non-card methods: {"vault_on_success", "vault_only", "detail": {"bank_transfer"...}}.
  std::optional<PaymentMethod> payment_method;
  std::optional<EnrollmentProviderData> provider_data;  ///< a token the method has at a provider
  /// Verify the method (e.g. zero-amount authorization) first.
  std::optional<EnrollmentVerification> verify;
  std::optional<Json> recurring_payment;  ///< {"regular_billing": {...}}, kept untyped
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back

  /// "EnrollPaymentMethodRequest{country=US, type=CARD, card_data=CardData{...}}", with
  /// the card masked (CardData::to_string); safe for logs.
  std::string to_string() const;
};

/// Same text as EnrollPaymentMethodRequest::to_string().
YUNO_API std::ostream& operator<<(std::ostream& out, const EnrollPaymentMethodRequest& value);

/// Body of `POST /v1/customers/sessions/{customer_session}/payment-methods`. Yuno requires
/// account_id (filled from the client's account id when empty), payment_method_type
/// ("CARD", "MERCADO_PAGO_WALLET", "NEQUI"...) and country.
struct SessionEnrollmentRequest {
  std::string account_id;                   ///< your Yuno account id; empty: the client's
  std::string payment_method_type;          ///< e.g. "CARD"
  std::string country;  ///< ISO 3166-1 alpha-2
  std::optional<bool> account_updater;  ///< as in EnrollPaymentMethodRequest
  /// Verify the method (e.g. zero-amount authorization) first.
  std::optional<EnrollmentVerification> verify;
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// Body of `PATCH /v1/payment-methods/{payment_method_id}` (PaymentMethodsClient::reassign
/// builds it).
struct ReassignPaymentMethodRequest {
  std::string customer_id;  ///< the new owner
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// Body of `POST /v1/payment-methods/account-updater` (built by
/// PaymentMethodsClient::register_for_account_updater).
struct AccountUpdaterRequest {
  std::vector<std::string> payment_method_ids;  ///< vaulted tokens, 1 to 100
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// What `POST /v1/payment-methods/account-updater` answers.
struct AccountUpdaterRegistration {
  int accepted = 0;  ///< how many of the payment methods Yuno registered
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// JSON conversions for nlohmann's ADL (`j.get<T>()`, `nlohmann::json j = value;`): include
/// `<nlohmann/json.hpp>` to call them. from_json throws an exception naming the field when
/// a field has the wrong JSON type; fields it does not know go to `unknown_fields`.
///@{
YUNO_API void to_json(nlohmann::json& j, const CreateCustomerSessionRequest& value);
YUNO_API void from_json(const nlohmann::json& j, CreateCustomerSessionRequest& value);
YUNO_API void to_json(nlohmann::json& j, const CustomerSession& value);
YUNO_API void from_json(const nlohmann::json& j, CustomerSession& value);
YUNO_API void to_json(nlohmann::json& j, const EnrollmentProviderData& value);
YUNO_API void from_json(const nlohmann::json& j, EnrollmentProviderData& value);
YUNO_API void to_json(nlohmann::json& j, const EnrollPaymentMethodRequest& value);
YUNO_API void from_json(const nlohmann::json& j, EnrollPaymentMethodRequest& value);
YUNO_API void to_json(nlohmann::json& j, const SessionEnrollmentRequest& value);
YUNO_API void from_json(const nlohmann::json& j, SessionEnrollmentRequest& value);
YUNO_API void to_json(nlohmann::json& j, const ReassignPaymentMethodRequest& value);
YUNO_API void from_json(const nlohmann::json& j, ReassignPaymentMethodRequest& value);
YUNO_API void to_json(nlohmann::json& j, const AccountUpdaterRequest& value);
YUNO_API void from_json(const nlohmann::json& j, AccountUpdaterRequest& value);
YUNO_API void to_json(nlohmann::json& j, const AccountUpdaterRegistration& value);
YUNO_API void from_json(const nlohmann::json& j, AccountUpdaterRegistration& value);
///@}

}  // namespace yuno
