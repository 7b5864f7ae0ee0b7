/// @file
/// The `payment_method` object, in both of its roles:
/// - a payment's `payment_method`: what the customer pays with (a one-time token, a vaulted
///   token, or raw card data for PCI-certified merchants) and, in responses, what Yuno
///   reports about it (card brand, authorization code, installments...).
///   https://docs.y.uno/reference/create-payment
/// - a stored (enrolled) payment method, as the enrollment endpoints return it: status,
///   vaulted_token, card data, enrollment session, provider, verification.
///   https://docs.y.uno/reference/enroll-payment-method-api and siblings.
/// See yuno/models/common.hpp for the model conventions.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "yuno/decimal.hpp"
#include "yuno/export.hpp"
#include "yuno/json.hpp"
#include "yuno/models/common.hpp"
#include "yuno/models/customer_payer.hpp"
#include "yuno/string_enum.hpp"

namespace yuno {

/// `card_data`: the card itself. Requests from PCI-certified merchants send the raw card
/// (number, expiration, security code, holder); responses describe it, usually without the
/// number (brand, iin, lfd, issuer...; the PCI variant of "retrieve enrolled payment
/// method" returns the number and a network token too). One type serves both.
///
/// Sensitive: the number, the security code, the PIN and the network token must never
/// reach a log. to_string() and operator<< mask them (at most the first 6 and last 4
/// digits of the number; the security code, the PIN, the holder name and the whole network
/// token fully), and parse errors of the payment models name fields and JSON types, never
/// values. Never print a CardData any other way (e.g. by serializing it).
struct YUNO_API CardData {
  std::optional<std::string> number;         ///< PAN (requests only)
  std::optional<std::string> security_code;  ///< CVV/CVC (requests only)
  std::optional<int> expiration_month;       ///< 1 to 12
  std::optional<int> expiration_year;        ///< as Yuno's examples send it: 2026
  std::optional<std::string> holder_name;   ///< the cardholder's name
  std::optional<std::string> type;  ///< "CREDIT", "DEBIT", "PREPAID"...
  // Returned by Yuno:
  std::optional<std::string> brand;     ///< "VISA", "MASTERCARD"...
  std::optional<std::string> category;  ///< "CLASSIC", "PREPAID RELOADABLE"...
  std::optional<std::string> iin;       ///< issuer identification number (first digits)
  std::optional<std::string> lfd;       ///< last four digits
  std::optional<int> number_length;         ///< digits in the card number
  std::optional<int> security_code_length;  ///< digits in the CVV
  std::optional<std::string> issuer;  ///< issuing bank, as enrolled methods name it
  std::optional<std::string> issuer_name;   ///< the issuing bank
  std::optional<std::string> issuer_code;   ///< the issuer's code
  std::optional<std::string> country_code;  ///< issuing country, ISO 3166-1 alpha-2
  std::optional<std::string> fingerprint;   ///< stable id of the card number
  std::optional<Json> three_d_secure;       ///< 3DS result fields, kept untyped
  /// The card network's token for this card (PCI retrieve of an enrolled method):
  /// {"network", "number", "status", "par", "network_token_id", "token_data", ...}, kept
  /// untyped. Sensitive like the number: to_string() never prints its content.
  std::optional<Json> network_token;
  // Enrollment requests (direct workflow) may also send:
  std::optional<std::string> scheme;  ///< the validated card scheme
  std::optional<std::string> soft_descriptor;  ///< text on the statement of the cardholder
  std::optional<std::string> card_pin;               ///< sensitive: masked by to_string()
  std::optional<std::string> authentication_method;  ///< Click to Pay: "FIDO2"...
  Json unknown_fields;                               ///< not printed by to_string()

  /// "CardData{number=450799******0002, security_code=***, expiration=11/28,
  /// holder_name=***, brand=VISA}": only the fields that are set; safe for logs (a PIN
  /// shows as card_pin=***, a network token as network_token=***).
  std::string to_string() const;
};

/// Same text as CardData::to_string().
YUNO_API std::ostream& operator<<(std::ostream& out, const CardData& card);

/// `stored_credentials`: how a stored card is used (card-on-file, subscriptions).
struct StoredCredentials {
  /// "CARD_ON_FILE", "SUBSCRIPTION", "UNSCHEDULED_CARD_ON_FILE"
  std::optional<std::string> reason;
  std::optional<std::string> usage;  ///< "FIRST", "USED"
  std::optional<std::string> subscription_agreement_id;  ///< the subscription agreement
  /// The card network's transaction id (recurring charges)
  std::optional<std::string> network_transaction_id;
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// `payment_method.detail.card` (requests and transactions) and
/// `payment_method.payment_method_detail.card` (payments).
struct CardDetail {
  /// false for an authorization only (capture later with a capture request, or cancel);
  /// true or unset for a purchase, captured at once.
  std::optional<bool> capture;
  std::optional<int> installments;  ///< number of installments
  /// Months before the first installment is debited.
  std::optional<int> first_installment_deferral;
  std::optional<std::string> installments_type;  ///< "MERCHANT", "ISSUER", "NONE", or ""
  std::optional<Json> installments_plan_id;  ///< an installments plan created in Yuno
  std::optional<Decimal> installment_amount;  ///< each installment, major units
  std::optional<Decimal> installments_total_amount;  ///< all installments together, major units
  std::optional<std::string> soft_descriptor;  ///< text on the customer's statement
  std::optional<bool> verify;  ///< true: only verify the card (zero-amount authorization)
  /// Raw card data: PCI-certified merchants only; masked in logs.
  std::optional<CardData> card_data;
  std::optional<StoredCredentials> stored_credentials;  ///< stored-credential (card on file) data
  std::optional<Json> three_d_secure;  ///< 3DS data sent or returned, kept untyped
  std::optional<Json> network_token;   ///< network token data, kept untyped
  std::optional<Json> external_providers_data;  ///< provider-issued tokens for this payment
  std::optional<Json> delayed_capture_settings;  ///< auto-capture after a delay (capture = false)
  std::optional<Json> delayed_cancel_settings;  ///< auto-cancel after a delay (capture = false)
  // Returned by Yuno:
  std::optional<std::string> authorization_code;  ///< the issuer's authorization code
  /// The acquirer's reference (ARN), for disputes.
  std::optional<std::string> acquirer_reference_number;
  std::optional<std::string> retrieval_reference_number;  ///< the retrieval reference number (RRN)
  std::optional<std::string> redirect_url;  ///< where to send the customer (e.g. 3DS)
  /// A fingerprint of the card: the same card gives the same value.
  std::optional<std::string> fingerprint;
  std::optional<Json> voucher;              ///< voucher data, kept as JSON
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// `payment_method.detail` / `payment_method.payment_method_detail`: the details of the
/// method used. Only the card is typed; the other methods' details are kept as JSON.
struct PaymentMethodDetail {
  std::optional<CardDetail> card;           ///< card payments
  std::optional<Json> wallet;         ///< APPLE_PAY, GOOGLE_PAY, MERCADO_PAGO_WALLET...
  std::optional<Json> bank_transfer;  ///< PIX, SPEI, PSE...
  std::optional<Json> ticket;         ///< vouchers, cash: OXXO, EFECTY...
  std::optional<Json> bnpl;           ///< buy now, pay later
  std::optional<Json> payment_link;         ///< payment links
  /// SCA exemptions requested.
  std::optional<std::vector<std::string>> strong_customer_authentication_exemptions;
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// An enrolled payment method's `status` (Yuno's "Enrollment Status" table). A method
/// starts CREATED or READY_TO_ENROLL, goes through ENROLL_IN_PROCESS to ENROLLED (or
/// DECLINED, REJECTED, CANCELED, EXPIRED, ERROR), and after an unenrollment through
/// UNENROLL_IN_PROCESS to UNENROLLED. Unknown values are kept.
class PaymentMethodStatus : public StringEnum<PaymentMethodStatus> {
 public:
  using StringEnum::StringEnum;
  static const PaymentMethodStatus kCreated;            ///< "CREATED"
  static const PaymentMethodStatus kReadyToEnroll;      ///< "READY_TO_ENROLL"
  static const PaymentMethodStatus kEnrollInProcess;    ///< "ENROLL_IN_PROCESS"
  static const PaymentMethodStatus kEnrolled;           ///< "ENROLLED": vaulted_token usable
  static const PaymentMethodStatus kUnenrollInProcess;  ///< "UNENROLL_IN_PROCESS"
  static const PaymentMethodStatus kUnenrolled;         ///< "UNENROLLED"
  static const PaymentMethodStatus kDeclined;           ///< "DECLINED"
  static const PaymentMethodStatus kRejected;           ///< "REJECTED" (by Yuno)
  static const PaymentMethodStatus kCanceled;           ///< "CANCELED"
  static const PaymentMethodStatus kExpired;            ///< "EXPIRED"
  static const PaymentMethodStatus kError;              ///< "ERROR"
};
inline const PaymentMethodStatus PaymentMethodStatus::kCreated{"CREATED"};
inline const PaymentMethodStatus PaymentMethodStatus::kReadyToEnroll{"READY_TO_ENROLL"};
inline const PaymentMethodStatus PaymentMethodStatus::kEnrollInProcess{"ENROLL_IN_PROCESS"};
inline const PaymentMethodStatus PaymentMethodStatus::kEnrolled{"ENROLLED"};
inline const PaymentMethodStatus PaymentMethodStatus::kUnenrollInProcess{"UNENROLL_IN_PROCESS"};
inline const PaymentMethodStatus PaymentMethodStatus::kUnenrolled{"UNENROLLED"};
inline const PaymentMethodStatus PaymentMethodStatus::kDeclined{"DECLINED"};
inline const PaymentMethodStatus PaymentMethodStatus::kRejected{"REJECTED"};
inline const PaymentMethodStatus PaymentMethodStatus::kCanceled{"CANCELED"};
inline const PaymentMethodStatus PaymentMethodStatus::kExpired{"EXPIRED"};
inline const PaymentMethodStatus PaymentMethodStatus::kError{"ERROR"};

/// `enrollment` of a stored payment method: the session Yuno's SDK completes it in.
struct Enrollment {
  std::optional<std::string> session;  ///< may be "" for methods enrolled directly
  std::optional<bool> sdk_required_action;  ///< true when Yuno's front-end SDK must complete a step
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// `provider` of a stored payment method: who vaults it.
struct PaymentMethodProvider {
  std::optional<std::string> id;    ///< "YUNO", "ADYEN"...
  std::optional<std::string> type;  ///< "YUNO"...
  /// A one-time token from the front end or create_one_time_token()
  std::optional<std::string> token;
  std::optional<Json> provider_status;  ///< untyped (null in every documented example)
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

struct Payment;

/// `verify`: card verification with a zero-amount VERIFY payment. In enrollment requests
/// set vault_on_success (and currency, metadata); enrolled methods return the same object
/// with the verification `payment`.
struct YUNO_API EnrollmentVerification {
  std::optional<bool> vault_on_success;  ///< verify the card, and store it only if it passes
  std::optional<std::string> currency;   ///< ISO 4217
  std::optional<std::vector<MetadataEntry>> metadata;  ///< attached to the verify payment
  /// The verification payment, as Yuno returned it (kept as JSON here: see
  /// parsed_payment()).
  std::optional<Json> payment;
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back

  /// `payment` as a yuno::Payment (include yuno/models/payment.hpp to call it); empty
  /// when there is none. Throws yuno::Error when it is not a payment object; the message
  /// names fields and JSON types, never values.
  std::optional<Payment> parsed_payment() const;
};

/// The `payment_method` object. One struct serves both of Yuno's uses of it (all fields
/// optional; what Yuno does not send stays empty):
///
/// - A payment's `payment_method`. In a create-payment request, set one of `token` (from
///   Yuno's SDK), `vaulted_token` (a stored method) or `detail` (raw card data, PCI
///   merchants only), with `type` ("CARD", "PIX", ...). Yuno names the details `detail` in
///   requests and in transactions, and `payment_method_detail` in payments: both are here,
///   details() returns whichever is set.
/// - A stored (enrolled) payment method, as client.payment_methods() returns it: `status`
///   (ENROLLED when `vaulted_token` can be charged), `sub_status`, `vaulted_token`,
///   `card_data`, `enrollment`, `provider`, `customer_payer`, `verify`... In a direct
///   enrollment request, EnrollPaymentMethodRequest::payment_method uses
///   `vault_on_success` and `detail` (e.g. the bank account of an ACH enrollment).
struct YUNO_API PaymentMethod {
  // A payment's payment method (type, vaulted_token and vault_on_success serve both):
  std::optional<std::string> type;  ///< "CARD", "BANK_TRANSFER", "PIX", "VISA" (to enroll)...
  std::optional<std::string> token;          ///< one-time token (payments)
  std::optional<std::string> vaulted_token;  ///< stored payment method
  std::optional<bool> vault_on_success;      ///< store the method if the payment succeeds
  /// The parent type, e.g. "CARD" for a card brand.
  std::optional<std::string> parent_payment_method_type;
  std::optional<bool> account_updater;  ///< false: not in the card networks' account updater
  std::optional<Json> otp;                  ///< one-time password step, kept as JSON
  std::optional<PaymentMethodDetail> detail;                 ///< requests, transactions
  std::optional<PaymentMethodDetail> payment_method_detail;  ///< payments
  // A stored payment method:
  std::optional<std::string> id;            ///< the stored method's id
  std::optional<std::string> idempotency_key;  ///< of the request that enrolled it
  std::optional<std::string> account_id;    ///< the Yuno account
  std::optional<std::string> customer_id;  ///< the owner (e.g. after a reassignment)
  std::optional<std::string> name;         ///< "VISA ****1111"
  std::optional<std::string> description;   ///< free text, e.g. shown to the customer or in reports
  std::optional<std::string> icon;      ///< URL of the method's logo
  std::optional<std::string> category;  ///< "CARD", "WALLET", "BANK_TRANSFER"...
  std::optional<std::string> country;   ///< ISO 3166-1 alpha-2
  std::optional<std::string> parent_type;   ///< the parent type, e.g. "CARD"
  std::optional<PaymentMethodStatus> status;  ///< ENROLLED: usable through vaulted_token
  std::optional<std::string> sub_status;    ///< Yuno's detail of status
  /// Where the customer is sent back after a redirect (3DS, bank page...)
  std::optional<std::string> callback_url;
  std::optional<std::string> action;        ///< what comes next: "FORM", "REDIRECT_URL"...
  std::optional<std::string> redirect_url;  ///< where to send the customer for `action`
  std::optional<std::string> created_at;    ///< ISO 8601 UTC
  std::optional<std::string> updated_at;    ///< ISO 8601 UTC
  std::optional<Enrollment> enrollment;     ///< how to continue the enrollment
  std::optional<PaymentMethodProvider> provider;  ///< the provider that stores it
  std::optional<CustomerPayer> customer_payer;  ///< who pays (see CustomerPayer)
  std::optional<CardData> card_data;  ///< sensitive: see CardData
  /// Verify the method (e.g. zero-amount authorization) first.
  std::optional<EnrollmentVerification> verify;
  std::optional<bool> vault_only;  ///< enrollment requests: only store the bank details
  std::optional<bool> preferred;            ///< the customer's preferred method
  std::optional<bool> last_successfully_used;  ///< the method last used successfully
  std::optional<std::string> last_successfully_used_at;  ///< ISO 8601; Yuno may send ""
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back

  /// `detail` if set, else `payment_method_detail`, else nullptr.
  const PaymentMethodDetail* details() const noexcept;
};

/// JSON conversions for nlohmann's ADL (`j.get<T>()`, `nlohmann::json j = value;`): include
/// `<nlohmann/json.hpp>` to call them. from_json throws an exception naming the field when
/// a field has the wrong JSON type; fields it does not know go to `unknown_fields`.
///@{
YUNO_API void to_json(nlohmann::json& j, const CardData& value);
YUNO_API void from_json(const nlohmann::json& j, CardData& value);
YUNO_API void to_json(nlohmann::json& j, const StoredCredentials& value);
YUNO_API void from_json(const nlohmann::json& j, StoredCredentials& value);
YUNO_API void to_json(nlohmann::json& j, const CardDetail& value);
YUNO_API void from_json(const nlohmann::json& j, CardDetail& value);
YUNO_API void to_json(nlohmann::json& j, const PaymentMethodDetail& value);
YUNO_API void from_json(const nlohmann::json& j, PaymentMethodDetail& value);
YUNO_API void to_json(nlohmann::json& j, const Enrollment& value);
YUNO_API void from_json(const nlohmann::json& j, Enrollment& value);
YUNO_API void to_json(nlohmann::json& j, const PaymentMethodProvider& value);
YUNO_API void from_json(const nlohmann::json& j, PaymentMethodProvider& value);
YUNO_API void to_json(nlohmann::json& j, const EnrollmentVerification& value);
YUNO_API void from_json(const nlohmann::json& j, EnrollmentVerification& value);
YUNO_API void to_json(nlohmann::json& j, const PaymentMethod& value);
YUNO_API void from_json(const nlohmann::json& j, PaymentMethod& value);
///@}

}  // namespace yuno
