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

PaymentsEngine::PaymentsEngine(Store& store, WebhookDispatcher& webhooks, std::string account_id)
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
  if (request.vaulted_token) {
    throw ApiError(400, "INVALID_PARAMETERS",
                   "payment_method.vaulted_token is unknown (yuno-sandbox has no enrolled "
                   "payment methods)");
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
  if (token != nullptr) {
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

  if (token != nullptr) token->used = true;
  if (session != nullptr) session->used = true;
  store_.payments_by_order[payment.merchant_order_id].push_back(payment.id);
  auto& stored = store_.payments.emplace(payment.id, std::move(payment)).first->second;
  publish(stored, two_step ? "payment.authorize" : "payment.purchase");
  return stored.rendered_text;
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

void PaymentsEngine::publish(const PaymentRecord& payment, const char* type_event) {
  // The store lock is held: events of one payment are queued in the order they happened.
  if (webhooks_.settings().url.empty()) return;
  nlohmann::json event_payment = payment.rendered;
  event_payment["idempotency_key"] = new_uuid();  // identifies this event across retries
  webhooks_.publish({{"type", "payment"},
                     {"type_event", type_event},
                     {"account_id", account_id_},
                     {"version", 2},
                     {"data", {{"payment", std::move(event_payment)}}}});
}

}  // namespace yuno::sandbox
