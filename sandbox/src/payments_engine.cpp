#include "payments_engine.hpp"

#include <utility>
#include <vector>

#include "api_types.hpp"
#include "ids.hpp"
#include "json_io.hpp"
#include "render.hpp"

namespace yuno::sandbox {
namespace {

constexpr const char* kSucceeded = "SUCCEEDED";
constexpr const char* kEnrolled = "ENROLLED";

// The currency of a card verification when the request names none.
std::string currency_of(const std::string& country) {
  static const std::pair<const char*, const char*> kCurrencies[] = {
      {"AR", "ARS"}, {"BO", "BOB"}, {"BR", "BRL"}, {"CL", "CLP"}, {"CO", "COP"},
      {"CR", "CRC"}, {"GT", "GTQ"}, {"HN", "HNL"}, {"MX", "MXN"}, {"NI", "NIO"},
      {"PY", "PYG"}, {"PE", "PEN"}, {"UY", "UYU"}};
  for (const auto& [code, currency] : kCurrencies) {
    if (country == code) return currency;
  }
  return "USD";  // US, EC, SV, PA and the rest
}

// Non-card methods: the category their transactions carry.
std::string category_of(const std::string& method_type) {
  if (method_type == "CARD") return "CARD";
  if (method_type == "PIX" || method_type == "BANK_TRANSFER" || method_type == "SPEI" ||
      method_type == "PSE") {
    return "BANK_TRANSFER";
  }
  if (method_type == "OXXO" || method_type == "EFECTY" || method_type == "BOLETO") return "TICKET";
  if (method_type == "PAYPAL" || method_type == "APPLE_PAY" || method_type == "GOOGLE_PAY" ||
      method_type == "MERCADO_PAGO_WALLET") {
    return "WALLET";
  }
  return method_type;
}

TransactionRecord new_transaction(const PaymentRecord& payment, std::string type,
                                  GatewayOutcome outcome, yuno::Decimal amount) {
  TransactionRecord transaction;
  transaction.id = new_uuid();
  transaction.type = std::move(type);
  transaction.status = outcome == GatewayOutcome::kSucceeded ? kSucceeded
                       : outcome == GatewayOutcome::kError   ? "ERROR"
                                                             : "DECLINED";
  transaction.category = payment.category;
  transaction.amount = amount;
  transaction.response_code = response_code(outcome);
  transaction.response_message = response_message(outcome);
  transaction.iso8583_code = iso8583_code(outcome);
  transaction.iso8583_message = iso8583_message(outcome);
  transaction.provider_transaction_id = new_uuid();
  transaction.created_at = now_timestamp();
  transaction.updated_at = transaction.created_at;
  return transaction;
}

[[noreturn]] void invalid_status(const PaymentRecord& payment, const std::string& action,
                                 const std::string& allowed) {
  throw ApiError(400, "INVALID_STATUS",
                 "Cannot " + action + " payment " + payment.id + " in status " + payment.status +
                     "/" + payment.sub_status + " (allowed: " + allowed + ")");
}

[[noreturn]] void invalid_type(const TransactionRecord& transaction, const std::string& action,
                               const std::string& wanted) {
  throw ApiError(400, "INVALID_TRANSACTION_TYPE",
                 "Cannot " + action + " transaction " + transaction.id + " of type " +
                     transaction.type + ": it must be " + wanted);
}

void check_currency(const PaymentRecord& payment, const PaymentAction& action) {
  if (action.currency && *action.currency != payment.currency) {
    throw ApiError(400, "INVALID_PARAMETERS",
                   "amount.currency " + *action.currency + " differs from the payment's currency " +
                       payment.currency);
  }
}

// The latest successful transaction of `type`, or nullptr.
const TransactionRecord* last_succeeded(const PaymentRecord& payment, const std::string& type) {
  for (auto it = payment.transactions.rbegin(); it != payment.transactions.rend(); ++it) {
    if (it->type == type && it->status == kSucceeded) return &*it;
  }
  return nullptr;
}

}  // namespace

PaymentsEngine::PaymentsEngine(Store& store, WebhookRegistry& webhooks, std::string account_id)
    : store_(store), webhooks_(webhooks), account_id_(std::move(account_id)) {}

std::string PaymentsEngine::create(const NewPayment& request) {
  auto lock = store_.lock();

  CheckoutSessionRecord* session = nullptr;
  if (request.checkout_session) {
    auto it = store_.sessions.find(*request.checkout_session);
    if (it == store_.sessions.end()) {
      throw ApiError(400, "CHECKOUT_SESSION_NOT_FOUND", "Checkout session not found.");
    }
    session = &it->second;
  }
  if (request.customer_id && store_.customers.count(*request.customer_id) == 0) {
    throw ApiError(400, "CUSTOMER_NOT_FOUND", "Customer not found.");
  }
  PaymentMethodRecord* stored = nullptr;
  if (request.vaulted_token) {
    const auto it = store_.method_by_vaulted_token.find(*request.vaulted_token);
    if (it != store_.method_by_vaulted_token.end()) {
      const auto method = store_.payment_methods.find(it->second);
      if (method != store_.payment_methods.end()) stored = &method->second;
    }
    // A deleted customer's cards go with it.
    if (stored == nullptr || store_.customers.count(stored->customer_id) == 0) {
      throw ApiError(400, "INVALID_PARAMETERS", "payment_method.vaulted_token is unknown");
    }
    if (stored->status != kEnrolled) {
      throw ApiError(400, "INVALID_PARAMETERS",
                     "payment_method.vaulted_token belongs to a payment method that is " +
                         stored->status + ": only an ENROLLED method can pay");
    }
    if (request.customer_id && *request.customer_id != stored->customer_id) {
      throw ApiError(400, "INVALID_PARAMETERS",
                     "payment_method.vaulted_token belongs to another customer than "
                     "customer_payer.id");
    }
    if (!request.method_type.empty() && request.method_type != "CARD") {
      throw ApiError(400, "INVALID_PARAMETERS",
                     "payment_method.type must be CARD with this vaulted_token (a stored card)");
    }
  }
  CardTokenRecord* token = nullptr;
  if (request.token) {
    auto it = store_.tokens.find(*request.token);
    if (it == store_.tokens.end()) {
      throw ApiError(400, "INVALID_PARAMETERS", "payment_method.token is unknown or expired");
    }
    token = &it->second;
    if (token->used) {
      throw ApiError(400, "TOKEN_IN_USE", "payment_method.token was already used by a payment");
    }
  }

  PaymentRecord payment;
  payment.id = new_uuid();
  payment.account_id = request.account_id;
  payment.idempotency_key = request.idempotency_key;
  payment.description = request.description;
  payment.country = request.country;
  payment.merchant_order_id = request.merchant_order_id;
  payment.merchant_reference = request.merchant_reference;
  payment.currency = request.currency;
  payment.value = request.value;
  payment.workflow = request.workflow;
  payment.callback_url = request.callback_url;
  payment.checkout_session = request.checkout_session.value_or("");
  payment.method_type = !request.method_type.empty() ? request.method_type : "CARD";
  payment.category = category_of(payment.method_type);
  payment.token = request.token.value_or("");
  payment.capture = request.capture;
  payment.installments = request.installments;
  payment.soft_descriptor = request.soft_descriptor;
  payment.method_detail = request.method_detail;
  payment.customer_payer = request.customer_payer;
  payment.additional_data = request.additional_data;
  payment.metadata = request.metadata;
  payment.split_marketplace = request.split_marketplace;
  payment.fraud_screening = request.fraud_screening;
  payment.vault_on_success = request.vault_on_success;
  if (stored != nullptr) {
    payment.card = stored->card;
    payment.vaulted_token = stored->vaulted_token;
  } else if (token != nullptr) {
    payment.card = token->card;
  } else if (request.card) {
    payment.card = request.card;
  }

  // Card data wins over the description; without either the payment succeeds.
  GatewayOutcome outcome = GatewayOutcome::kSucceeded;
  if (payment.card && payment.card->outcome) {
    outcome = *payment.card->outcome;
  } else if (auto described = described_outcome(request.description)) {
    outcome = *described;
  }
  const bool two_step = payment.method_type == "CARD" && !request.capture;
  if (outcome == GatewayOutcome::kSucceeded) {
    payment.status = two_step ? "PENDING" : kSucceeded;
    payment.sub_status = two_step ? "AUTHORIZED" : "APPROVED";
    if (payment.method_type == "CARD") payment.authorization_code = random_digits(6);
  } else if (outcome == GatewayOutcome::kError) {
    payment.status = "ERROR";
    payment.sub_status = "ERROR";
  } else {
    payment.status = "DECLINED";
    payment.sub_status = "DECLINED";
  }
  TransactionRecord transaction =
      new_transaction(payment, two_step ? "AUTHORIZE" : "PURCHASE", outcome, payment.value);
  transaction.description = request.description;
  transaction.merchant_reference = request.merchant_reference;
  payment.created_at = transaction.created_at;
  payment.updated_at = transaction.updated_at;
  payment.transactions.push_back(std::move(transaction));
  refresh_rendering(payment);

  // A successful card payment: the stored card was used, or the new card is stored.
  PaymentMethodRecord* vaulted = nullptr;
  if (outcome == GatewayOutcome::kSucceeded) {
    if (stored != nullptr) {
      stored->last_successfully_used = true;
      stored->last_successfully_used_at = payment.created_at;
    } else if (request.vault_on_success && request.customer_id && payment.card) {
      NewStoredCard card;
      card.account_id = request.account_id;
      card.customer_id = *request.customer_id;
      card.country = request.country;
      card.card = *payment.card;
      card.idempotency_key = request.idempotency_key;
      card.customer_payer = request.customer_payer;
      vaulted = &store_card(card);
      payment.vaulted_token = vaulted->vaulted_token;
      refresh_rendering(payment);
    }
  }

  if (token != nullptr) token->used = true;
  if (session != nullptr) session->used = true;
  store_.payments_by_order[payment.merchant_order_id].push_back(payment.id);
  auto& created = store_.payments.emplace(payment.id, std::move(payment)).first->second;
  publish(created, two_step ? "payment.authorize" : "payment.purchase");
  if (vaulted != nullptr) publish_enrollment(*vaulted, "enrollment.enroll");
  return created.rendered_text;
}

std::string PaymentsEngine::retrieve(const std::string& payment_id, bool with_history) {
  auto lock = store_.lock();
  const PaymentRecord& payment = find_payment(payment_id);
  if (!with_history) return payment.rendered_text;
  return dump_json(payment_json(payment, true));
}

std::string PaymentsEngine::list_by_order(const std::string& merchant_order_id) {
  auto lock = store_.lock();
  std::string out = "[";
  const auto it = store_.payments_by_order.find(merchant_order_id);
  if (it != store_.payments_by_order.end()) {
    bool first = true;
    for (const std::string& id : it->second) {
      const auto payment = store_.payments.find(id);
      if (payment == store_.payments.end()) continue;
      if (!first) out += ',';
      first = false;
      out += payment->second.rendered_text;
    }
  }
  out += ']';
  return out;
}

std::string PaymentsEngine::capture(const PaymentAction& action) {
  auto lock = store_.lock();
  PaymentRecord& payment = find_payment(action.payment_id);
  const TransactionRecord& target = find_transaction(payment, action.transaction_id);
  const TransactionRecord& done = do_capture(payment, target, action);
  return dump_json(transaction_response_json(payment, done));
}

std::string PaymentsEngine::cancel(const PaymentAction& action) {
  auto lock = store_.lock();
  PaymentRecord& payment = find_payment(action.payment_id);
  const TransactionRecord& target = find_transaction(payment, action.transaction_id);
  const TransactionRecord& done = do_cancel(payment, target, action);
  return dump_json(transaction_response_json(payment, done));
}

std::string PaymentsEngine::refund(const PaymentAction& action) {
  auto lock = store_.lock();
  PaymentRecord& payment = find_payment(action.payment_id);
  const TransactionRecord& target = find_transaction(payment, action.transaction_id);
  do_refund(payment, target, action);
  return payment.rendered_text;
}

std::string PaymentsEngine::cancel_or_refund(const PaymentAction& action) {
  auto lock = store_.lock();
  PaymentRecord& payment = find_payment(action.payment_id);
  const TransactionRecord* target = nullptr;
  if (!action.transaction_id.empty()) {
    target = &find_transaction(payment, action.transaction_id);
  } else if (payment.status == "PENDING") {
    target = last_succeeded(payment, "AUTHORIZE");
  } else if (payment.status == kSucceeded) {
    target = last_succeeded(payment, "CAPTURE");
    if (target == nullptr) target = last_succeeded(payment, "PURCHASE");
  }
  if (target == nullptr) {
    invalid_status(payment, "cancel or refund", "PENDING/AUTHORIZED or SUCCEEDED");
  }
  const bool cancel = target->type == "AUTHORIZE";
  if (!cancel && target->type != "PURCHASE" && target->type != "CAPTURE") {
    invalid_type(*target, "cancel or refund", "an AUTHORIZE, PURCHASE or CAPTURE transaction");
  }
  const TransactionRecord& done =
      cancel ? do_cancel(payment, *target, action) : do_refund(payment, *target, action);
  return dump_json(transaction_response_json(payment, done));
}

PaymentRecord& PaymentsEngine::find_payment(const std::string& payment_id) {
  const auto it = store_.payments.find(payment_id);
  if (it == store_.payments.end()) {
    throw ApiError(400, "PAYMENT_NOT_FOUND", "Payment not found.");
  }
  return it->second;
}

const TransactionRecord& PaymentsEngine::find_transaction(const PaymentRecord& payment,
                                                          const std::string& transaction_id) {
  const TransactionRecord* transaction = payment.transaction(transaction_id);
  if (transaction == nullptr) {
    throw ApiError(400, "TRANSACTION_NOT_FOUND", "Transaction not found for this payment.");
  }
  return *transaction;
}

TransactionRecord& PaymentsEngine::do_capture(PaymentRecord& payment,
                                              TransactionRecord authorization,
                                              const PaymentAction& action) {
  if (authorization.type != "AUTHORIZE") {
    invalid_type(authorization, "capture", "an AUTHORIZE transaction");
  }
  if (authorization.status != kSucceeded || payment.status != "PENDING" ||
      payment.sub_status != "AUTHORIZED") {
    invalid_status(payment, "capture", "PENDING/AUTHORIZED");
  }
  check_currency(payment, action);
  const yuno::Decimal amount = action.amount.value_or(payment.value);
  if (amount > payment.value) {
    throw ApiError(400, "INVALID_AMOUNT",
                   "amount.value " + amount.to_string() + " is more than the authorized " +
                       payment.value.to_string());
  }
  TransactionRecord capture = new_transaction(payment, "CAPTURE", GatewayOutcome::kSucceeded, amount);
  capture.merchant_reference = action.merchant_reference;
  capture.reason = action.reason;
  capture.description = action.description;
  payment.captured = amount;
  payment.status = kSucceeded;
  payment.sub_status = amount == payment.value ? "CAPTURED" : "PARTIALLY_CAPTURED";
  payment.updated_at = capture.created_at;
  payment.transactions.push_back(std::move(capture));
  refresh_rendering(payment);
  publish(payment, "payment.capture");
  return payment.transactions.back();
}

TransactionRecord& PaymentsEngine::do_cancel(PaymentRecord& payment, TransactionRecord target,
                                             const PaymentAction& action) {
  if (target.type != "AUTHORIZE") {
    invalid_type(target, "cancel", "an AUTHORIZE transaction");
  }
  if (target.status != kSucceeded || payment.status != "PENDING") {
    invalid_status(payment, "cancel", "PENDING/AUTHORIZED");
  }
  TransactionRecord cancel =
      new_transaction(payment, "CANCEL", GatewayOutcome::kSucceeded, payment.value);
  cancel.merchant_reference = action.merchant_reference;
  cancel.reason = action.reason;
  cancel.description = action.description;
  payment.status = "CANCELED";
  payment.sub_status = "CANCELED";
  payment.updated_at = cancel.created_at;
  payment.transactions.push_back(std::move(cancel));
  refresh_rendering(payment);
  publish(payment, "payment.cancel");
  return payment.transactions.back();
}

TransactionRecord& PaymentsEngine::do_refund(PaymentRecord& payment, TransactionRecord charge,
                                             const PaymentAction& action) {
  if (charge.type != "PURCHASE" && charge.type != "CAPTURE") {
    invalid_type(charge, "refund", "a PURCHASE or CAPTURE transaction");
  }
  if (charge.status != kSucceeded || payment.status != kSucceeded) {
    invalid_status(payment, "refund", "SUCCEEDED");
  }
  check_currency(payment, action);
  // A purchase leaves `captured` at 0 (as Yuno does): the whole value was charged.
  const yuno::Decimal charged = payment.captured > yuno::Decimal() ? payment.captured : payment.value;
  const yuno::Decimal remaining = charged - payment.refunded;
  const yuno::Decimal amount = action.amount.value_or(remaining);
  if (amount > remaining) {
    throw ApiError(400, "INVALID_AMOUNT",
                   "amount.value " + amount.to_string() + " is more than the refundable " +
                       remaining.to_string());
  }
  TransactionRecord refund = new_transaction(payment, "REFUND", GatewayOutcome::kSucceeded, amount);
  refund.merchant_reference = action.merchant_reference;
  refund.reason = action.reason;
  refund.description = action.description;
  payment.refunded += amount;
  if (payment.refunded == charged) {
    payment.status = "REFUNDED";
    payment.sub_status = "REFUNDED";
  } else {
    payment.sub_status = "PARTIALLY_REFUNDED";
  }
  payment.updated_at = refund.created_at;
  payment.transactions.push_back(std::move(refund));
  refresh_rendering(payment);
  publish(payment, "payment.refund");
  return payment.transactions.back();
}

PaymentMethodRecord& PaymentsEngine::store_card(const NewStoredCard& request) {
  PaymentMethodRecord method;
  method.id = new_uuid();
  method.account_id = request.account_id;
  method.customer_id = request.customer_id;
  method.idempotency_key = request.idempotency_key;
  method.type = "CARD";
  method.country = request.country;
  method.callback_url = request.callback_url;
  method.card = request.card;
  method.customer_payer = request.customer_payer;
  method.created_at = now_timestamp();
  method.updated_at = method.created_at;
  const std::string vaulted_token = new_uuid();

  GatewayOutcome outcome = GatewayOutcome::kSucceeded;
  if (request.verify) {
    // The zero-amount VERIFY payment, as Yuno makes it ("With Verify" example).
    method.vault_on_success = true;
    method.verify_currency = request.verify_currency.value_or(currency_of(request.country));
    outcome = request.card.outcome.value_or(GatewayOutcome::kSucceeded);
    PaymentRecord payment;
    payment.id = new_uuid();
    payment.account_id = request.account_id;
    payment.idempotency_key = new_uuid();
    payment.description = "VERIFY CARD";
    payment.country = request.country;
    payment.merchant_order_id = "VERIFY_CARD_" + vaulted_token;
    payment.currency = *method.verify_currency;
    payment.workflow = "DIRECT";
    payment.method_type = "CARD";
    payment.category = "CARD";
    payment.card = request.card;
    payment.verify = true;
    payment.vault_on_success = true;
    payment.customer_payer = {{"id", request.customer_id}};
    payment.metadata = request.verify_metadata;
    if (outcome == GatewayOutcome::kSucceeded) {
      payment.status = kSucceeded;
      payment.sub_status = "VERIFIED";
      payment.authorization_code = random_digits(6);
      payment.vaulted_token = vaulted_token;
    } else {
      payment.status = outcome == GatewayOutcome::kError ? "ERROR" : "DECLINED";
      payment.sub_status = payment.status;
    }
    TransactionRecord transaction = new_transaction(payment, "VERIFY", outcome, yuno::Decimal());
    transaction.description = payment.description;
    transaction.merchant_reference = payment.merchant_order_id;
    payment.created_at = transaction.created_at;
    payment.updated_at = transaction.updated_at;
    payment.transactions.push_back(std::move(transaction));
    refresh_rendering(payment);
    method.verify_payment_id = payment.id;
    store_.payments_by_order[payment.merchant_order_id].push_back(payment.id);
    store_.payments.emplace(payment.id, std::move(payment));
  }

  if (outcome == GatewayOutcome::kSucceeded) {
    method.status = kEnrolled;
    method.vaulted_token = vaulted_token;
    method.provider_token = new_uuid();
    store_.method_by_vaulted_token[vaulted_token] = method.id;
  } else {
    method.status = outcome == GatewayOutcome::kError ? "ERROR" : "DECLINED";
  }
  store_.methods_by_customer[method.customer_id].push_back(method.id);
  return store_.payment_methods.emplace(method.id, std::move(method)).first->second;
}

void PaymentsEngine::unenroll(PaymentMethodRecord& method) {
  const bool enrolled = method.status == kEnrolled;
  if (!enrolled && method.status != "READY_TO_ENROLL") {
    throw ApiError(400, "INVALID_STATUS",
                   "Cannot unenroll payment method " + method.id + " in status " + method.status +
                       " (allowed: ENROLLED, READY_TO_ENROLL)");
  }
  method.status = "UNENROLLED";
  method.sdk_required_action = true;  // as Yuno's unenroll examples show it
  method.updated_at = now_timestamp();
  if (enrolled) publish_enrollment(method, "enrollment.unenroll");
}

nlohmann::json PaymentsEngine::method_json(const PaymentMethodRecord& method) const {
  nlohmann::json verify_payment = nullptr;
  if (!method.verify_payment_id.empty()) {
    const auto it = store_.payments.find(method.verify_payment_id);
    if (it != store_.payments.end()) verify_payment = it->second.rendered;
  }
  return stored_method_json(method, verify_payment);
}

void PaymentsEngine::publish_enrollment(const PaymentMethodRecord& method,
                                        const char* type_event) {
  // The store lock is held: events of one method are queued in the order they happened.
  if (!webhooks_.has_targets()) return;
  nlohmann::json event_method = method_json(method);
  event_method["idempotency_key"] = new_uuid();  // identifies this event across retries
  webhooks_.publish({{"type", "enrollment"},
                     {"type_event", type_event},
                     {"account_id", account_id_},
                     {"version", 2},
                     {"data", {{"payment_method", std::move(event_method)}}}});
}

void PaymentsEngine::publish(const PaymentRecord& payment, const char* type_event) {
  // The store lock is held: events of one payment are queued in the order they happened.
  if (!webhooks_.has_targets()) return;
  nlohmann::json event_payment = payment.rendered;
  event_payment["idempotency_key"] = new_uuid();  // identifies this event across retries
  webhooks_.publish({{"type", "payment"},
                     {"type_event", type_event},
                     {"account_id", account_id_},
                     {"version", 2},
                     {"data", {{"payment", std::move(event_payment)}}}});
}

}  // namespace yuno::sandbox
