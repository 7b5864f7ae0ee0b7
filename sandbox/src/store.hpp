// The emulator's state: customers, checkout sessions, card tokens, payments, customer
// sessions and stored (enrolled) payment methods, in memory.
// One mutex guards all of it: take Store::lock() around every read and write, and never
// sleep while holding it.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>
#include <yuno/decimal.hpp>

#include "testing_gateway.hpp"

namespace yuno::sandbox {

struct CustomerRecord {
  std::string id;
  std::string merchant_customer_id;
  /// The profile fields (first_name, email, document, ...), null when unset.
  nlohmann::json profile = nlohmann::json::object();
  std::string created_at;
  std::string updated_at;
};

struct SessionAmount {
  std::string currency;
  std::optional<yuno::Decimal> value;
};

struct CheckoutSessionRecord {
  std::string id;
  std::string account_id;
  std::string merchant_order_id;
  std::string payment_description;
  std::string country;
  std::optional<std::string> customer_id;
  std::optional<std::string> callback_url;
  std::optional<SessionAmount> amount;
  std::optional<SessionAmount> alternative_amount;
  nlohmann::json metadata;  ///< array or null
  std::string workflow = "SDK_CHECKOUT";
  nlohmann::json installments;       ///< object or null
  nlohmann::json recurring_payment;  ///< object or null
  std::optional<std::string> checkout_id;
  std::string created_at;
  bool used = false;
};

/// A one-time card token: remembers the card (summary and test outcome), not its number.
struct CardTokenRecord {
  std::string token;
  CardSummary card;
  std::optional<std::string> checkout_session;
  std::optional<std::string> country;
  bool used = false;
  std::string created_at;
};

struct TransactionRecord {
  std::string id;
  std::string type;    ///< PURCHASE, AUTHORIZE, CAPTURE, REFUND, CANCEL
  std::string status;  ///< SUCCEEDED, DECLINED, ERROR
  std::string category;
  yuno::Decimal amount;
  std::string response_code;
  std::string response_message;
  std::string iso8583_code;
  std::string iso8583_message;
  std::optional<std::string> reason;
  std::optional<std::string> description;
  std::optional<std::string> merchant_reference;
  std::string provider_transaction_id;
  std::string created_at;
  std::string updated_at;
};

struct PaymentRecord {
  std::string id;
  std::string account_id;
  std::string idempotency_key;  ///< the X-Idempotency-Key of the create request
  std::string description;
  std::string country;
  std::string merchant_order_id;
  std::optional<std::string> merchant_reference;
  std::string currency;
  yuno::Decimal value;
  yuno::Decimal captured;
  yuno::Decimal refunded;
  std::string status;
  std::string sub_status;
  std::string workflow;
  std::optional<std::string> callback_url;
  std::string checkout_session;  ///< "" when none
  // payment_method
  std::string method_type;  ///< "CARD", "BANK_TRANSFER"...
  std::string category;     ///< the transactions' category
  std::string token;        ///< the one-time token used, "" when none
  std::optional<CardSummary> card;
  bool capture = true;
  std::int64_t installments = 1;
  std::string soft_descriptor;
  std::string authorization_code;
  bool verify = false;            ///< a zero-amount card verification (VERIFY transaction)
  bool vault_on_success = false;  ///< as the request sent it
  std::string vaulted_token;      ///< the stored card charged or enrolled, "" when none
  nlohmann::json method_detail;  ///< non-card methods: the request's detail (or null)
  // echoed parts of the request
  nlohmann::json customer_payer;     ///< object or null
  nlohmann::json additional_data;    ///< object or null
  nlohmann::json metadata;           ///< array
  nlohmann::json split_marketplace;  ///< array or null
  nlohmann::json fraud_screening;    ///< object or null
  std::vector<TransactionRecord> transactions;  ///< oldest first
  std::string created_at;
  std::string updated_at;
  /// The payment's JSON (without transactions_history) and its text, rebuilt on every
  /// change so that reads only copy it.
  nlohmann::json rendered;
  std::string rendered_text;

  const TransactionRecord* transaction(const std::string& transaction_id) const;
};

/// A customer session (`POST /v1/customers/sessions`): where a payment method is enrolled.
struct CustomerSessionRecord {
  std::string id;  ///< `customer_session`
  std::string customer_id;
  std::string country;
  std::optional<std::string> callback_url;
  std::optional<std::string> checkout_id;
  std::string created_at;
};

/// A stored payment method. Enrolled directly (or by a payment's vault_on_success) it is a
/// card: ENROLLED with a vaulted_token, or DECLINED/ERROR when its verification failed.
/// Started in a customer session it stays READY_TO_ENROLL (Yuno's SDK would complete it).
/// Unenrolling makes it UNENROLLED: its vaulted_token can no longer pay.
struct PaymentMethodRecord {
  std::string id;
  std::string account_id;
  std::string customer_id;
  std::string idempotency_key;  ///< X-Idempotency-Key of the enrolling request, "" when none
  std::string type;             ///< "CARD" (a session's payment_method_type)
  std::string country;
  std::string status;  ///< READY_TO_ENROLL, ENROLLED, DECLINED, ERROR, UNENROLLED
  std::string vaulted_token;  ///< "" unless it was ever ENROLLED
  std::string provider_token;
  std::optional<std::string> callback_url;
  std::string enrollment_session;  ///< the customer session, "" for direct enrollments
  bool sdk_required_action = false;
  std::optional<CardSummary> card;  ///< never the number or the security code
  nlohmann::json customer_payer;    ///< object or null
  // verify
  bool vault_on_success = false;
  std::optional<std::string> verify_currency;
  std::string verify_payment_id;  ///< the VERIFY payment, "" when none
  bool last_successfully_used = false;
  std::optional<std::string> last_successfully_used_at;
  std::string created_at;
  std::string updated_at;
};

struct Store {
  std::mutex mutex;
  std::unordered_map<std::string, CustomerRecord> customers;
  std::unordered_map<std::string, std::string> customer_by_merchant_id;
  std::unordered_map<std::string, CheckoutSessionRecord> sessions;
  std::unordered_map<std::string, CardTokenRecord> tokens;
  std::unordered_map<std::string, PaymentRecord> payments;
  /// merchant_order_id -> payment ids, in creation order.
  std::unordered_map<std::string, std::vector<std::string>> payments_by_order;
  std::unordered_map<std::string, CustomerSessionRecord> customer_sessions;
  std::unordered_map<std::string, PaymentMethodRecord> payment_methods;
  /// vaulted_token -> payment method id.
  std::unordered_map<std::string, std::string> method_by_vaulted_token;
  /// customer id -> payment method ids, in creation order.
  std::unordered_map<std::string, std::vector<std::string>> methods_by_customer;

  std::unique_lock<std::mutex> lock() { return std::unique_lock<std::mutex>(mutex); }
  /// Forgets everything (the caller holds the lock).
  void clear();
  /// The payment method whose id or vaulted_token is `id_or_token` (the API accepts
  /// either), or nullptr. The caller holds the lock.
  PaymentMethodRecord* find_method(const std::string& id_or_token);
};

}  // namespace yuno::sandbox
