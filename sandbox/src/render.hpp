// The JSON Yuno answers with, built from the records (shapes of shared/yuno-api/openapi:
// the same field names, nulls where Yuno sends nulls).
#pragma once

#include <nlohmann/json.hpp>
#include <yuno/decimal.hpp>

#include "store.hpp"

namespace yuno::sandbox {

/// An amount as a JSON number that prints exactly (see json_io.hpp).
nlohmann::json money_json(const yuno::Decimal& value);

nlohmann::json customer_json(const CustomerRecord& customer);

/// `id_key` is "checkout_session" (create, update) or "id" (retrieve).
nlohmann::json session_json(const CheckoutSessionRecord& session, const char* id_key);

/// The payment methods a session offers (CARD and a few others), optionally only those
/// of `category`.
nlohmann::json session_payment_methods_json(const CheckoutSessionRecord& session,
                                            const std::string* category);

/// A token as `POST /checkout/sessions/{id}/token` answers it.
nlohmann::json session_token_json(const CardTokenRecord& token);
/// A token as `POST /tokens` answers it.
nlohmann::json direct_token_json(const CardTokenRecord& token);

/// The payment; `with_history` adds `transactions_history` (all transactions).
nlohmann::json payment_json(const PaymentRecord& payment, bool with_history);
/// Rebuilds payment.rendered and payment.rendered_text.
void refresh_rendering(PaymentRecord& payment);

/// A customer session as `POST /v1/customers/sessions` answers it.
nlohmann::json customer_session_json(const CustomerSessionRecord& session);

/// The methods a customer session lets the customer enroll: {"payment_methods": [...]}.
nlohmann::json methods_to_enroll_json(const CustomerSessionRecord& session);

/// A stored payment method as the enrollment endpoints answer it. `verify_payment` is the
/// rendering of its VERIFY payment, or null.
nlohmann::json stored_method_json(const PaymentMethodRecord& method,
                                  const nlohmann::json& verify_payment);

/// A transaction as the capture, cancel and cancel-or-refund endpoints answer: with its
/// amount as an object and the payment inside.
nlohmann::json transaction_response_json(const PaymentRecord& payment,
                                         const TransactionRecord& transaction);

}  // namespace yuno::sandbox
