#include "yuno/payments.hpp"

#include <initializer_list>
#include <string>
#include <utility>

#include "internal/async_call.hpp"
#include "internal/client_core.hpp"
#include "internal/json_text.hpp"
#include "internal/parse_response.hpp"

namespace yuno {
namespace {

using internal::ApiCall;
using internal::ApiResult;
using internal::run_async;

// Some responses (GET v2, 3DS creates) wrap the payment as {"payment": {...}}.
Payment payment_from(const internal::TapeNode& body, const ApiResult& result) {
  if (body.is_object() && !body.find("id")) {
    if (auto inner = body.find("payment"); inner && inner->is_object()) {
      return internal::tape_to_model<Payment>(*inner, result);
    }
  }
  return internal::tape_to_model<Payment>(body, result);
}

Payment payment_from_body(const ApiResult& result) {
  internal::JsonTape tape;
  internal::parse_tape_body(result, tape);
  return payment_from(tape.root(), result);
}

Response<Payment> payment_response(ApiResult&& result) {
  Payment payment = payment_from_body(result);
  return Response<Payment>(std::move(payment), std::move(result.metadata));
}

// The latest transaction of the first (type, status) pair, in priority order, that the
// payment has (Payment::last_transaction searches its transactions and their history).
const Transaction* pick_transaction(
    const Payment& payment,
    std::initializer_list<std::pair<TransactionType, TransactionStatus>> wanted) {
  for (const auto& [type, status] : wanted) {
    if (const Transaction* found = payment.last_transaction(type, status)) return found;
  }
  return nullptr;
}

[[noreturn]] void no_transaction(const Payment& payment, const std::string& action,
                                 const std::string& wanted) {
  throw TransactionNotFoundError("cannot " + action + " payment " + payment.id +
                                 ": it has no " + wanted + " transaction");
}


constexpr std::string_view kCapturePath =
    "/v1/payments/{payment_id}/transactions/{transaction_id}/capture";
constexpr std::string_view kCancelPath =
    "/v1/payments/{payment_id}/transactions/{transaction_id}/cancel";
constexpr std::string_view kRefundPath =
    "/v1/payments/{payment_id}/transactions/{transaction_id}/refund";
constexpr std::string_view kTransactionCancelOrRefundPath =
    "/v1/payments/{payment_id}/transactions/{transaction_id}/cancel-or-refund";

// Each call is built once here, for the synchronous and the asynchronous variant alike. The
// ApiCall's views point at literals or at the caller's arguments; bodies are owned.

ApiCall create_call(const internal::ClientCore& core, const CreatePaymentRequest& request,
                    const RequestOptions& options) {
  // The default account goes into the JSON, not into a copy of the request: a payment
  // request is a few dozen strings, copied on every call otherwise.
  const bool default_account = !request.account_id || request.account_id->empty();
  const std::optional<std::string> account_id =
      default_account ? std::optional<std::string>(core.account_id(options)) : std::nullopt;
  for (const auto& [field, value] :
       {std::pair<const char*, const std::optional<std::string>&>{
            "account_id", default_account ? account_id : request.account_id},
        {"merchant_order_id", request.merchant_order_id},
        {"description", request.description},
        {"country", request.country}}) {
    if (!value || value->empty()) {
      throw InvalidArgumentError(std::string("CreatePaymentRequest.") + field +
                                 " is required (account_id defaults to ClientOptions::account_id)");
    }
  }
  if (request.amount.currency.empty()) {
    throw InvalidArgumentError("CreatePaymentRequest.amount.currency is required");
  }
  nlohmann::json body;
  to_json(body, request);  // into a local: see internal::request_body
  if (default_account) body["account_id"] = *account_id;
  return ApiCall{"POST", "/v1/payments", {}, {}, internal::dump_json(body), false};
}

ApiCall retrieve_call(std::string_view payment_id) {
  return ApiCall{"GET", "/v1/payments/{payment_id}", {payment_id}, {}, std::nullopt, false};
}

ApiCall by_order_call(std::string_view merchant_order_id) {
  if (merchant_order_id.empty()) throw InvalidArgumentError("merchant_order_id must not be empty");
  return ApiCall{"GET", "/v1/payments", {},
                 {{"merchant_order_id", std::string(merchant_order_id)}}, std::nullopt, false};
}

template <typename Body>
ApiCall transaction_call(std::string_view path, std::string_view payment_id,
                         std::string_view transaction_id, const Body& request) {
  return ApiCall{"POST", path, {payment_id, transaction_id}, {},
                 internal::request_body(request), false};
}

ApiCall capture_call(const Payment& payment, const CaptureRequest& request) {
  const Transaction* authorization =
      pick_transaction(payment, {{TransactionType::kAuthorize, TransactionStatus::kSucceeded}});
  if (authorization == nullptr) no_transaction(payment, "capture", "successful AUTHORIZE");
  CaptureRequest full = request;
  if (!full.amount) {
    const Decimal remaining = payment.capturable_amount();
    if (remaining <= Decimal()) {
      throw TransactionNotFoundError("cannot capture payment " + payment.id +
                                     ": nothing is left to capture");
    }
    full.amount = Amount(remaining, payment.amount ? payment.amount->currency : std::string());
  }
  return transaction_call(kCapturePath, payment.id, authorization->id, full);
}

ApiCall cancel_call(const Payment& payment, const CancelRequest& request) {
  const Transaction* target =
      pick_transaction(payment, {{TransactionType::kAuthorize, TransactionStatus::kSucceeded},
                                 {TransactionType::kAuthorize, TransactionStatus::kPending},
                                 {TransactionType::kPurchase, TransactionStatus::kPending},
                                 {TransactionType::kAuthorize, TransactionStatus::kCreated},
                                 {TransactionType::kPurchase, TransactionStatus::kCreated}});
  if (target == nullptr) no_transaction(payment, "cancel", "AUTHORIZE or pending PURCHASE");
  return transaction_call(kCancelPath, payment.id, target->id, request);
}

ApiCall refund_call(const Payment& payment, const RefundRequest& request) {
  const Transaction* charge =
      pick_transaction(payment, {{TransactionType::kCapture, TransactionStatus::kSucceeded},
                                 {TransactionType::kPurchase, TransactionStatus::kSucceeded}});
  if (charge == nullptr) no_transaction(payment, "refund", "successful CAPTURE or PURCHASE");
  return transaction_call(kRefundPath, payment.id, charge->id, request);
}

ApiCall cancel_or_refund_call(std::string_view payment_id, const CancelOrRefundRequest& request) {
  return ApiCall{"POST", "/v1/payments/{payment_id}/cancel-or-refund", {payment_id}, {},
                 internal::request_body(request), false};
}

// The parsers, shared likewise.

Response<std::vector<Payment>> payments_response(ApiResult&& result) {
  internal::JsonTape tape;
  internal::parse_tape_body(result, tape);
  std::vector<Payment> payments;
  if (tape.root().is_array()) {
    payments = internal::tape_to_model<std::vector<Payment>>(tape.root(), result);
  } else {
    payments.push_back(payment_from(tape.root(), result));  // a single payment, not in a list
  }
  return Response<std::vector<Payment>>(std::move(payments), std::move(result.metadata));
}

Response<Transaction> transaction_response(ApiResult&& result) {
  return internal::parse_response<Transaction>(std::move(result));
}

}  // namespace

PaymentsClient::PaymentsClient(std::shared_ptr<const internal::ClientCore> core)
    : core_(std::move(core)) {}

Response<Payment> PaymentsClient::create(const CreatePaymentRequest& request,
                                         const RequestOptions& options) const {
  return payment_response(core_->execute(create_call(*core_, request, options), options));
}

Response<Payment> PaymentsClient::retrieve(std::string_view payment_id,
                                           const RequestOptions& options) const {
  return payment_response(core_->execute(retrieve_call(payment_id), options));
}

Response<std::vector<Payment>> PaymentsClient::retrieve_by_merchant_order_id(
    std::string_view merchant_order_id, const RequestOptions& options) const {
  return payments_response(core_->execute(by_order_call(merchant_order_id), options));
}

Response<Transaction> PaymentsClient::capture(std::string_view payment_id,
                                              std::string_view transaction_id,
                                              const CaptureRequest& request,
                                              const RequestOptions& options) const {
  return transaction_response(
      core_->execute(transaction_call(kCapturePath, payment_id, transaction_id, request), options));
}

Response<Transaction> PaymentsClient::capture(const Payment& payment, const CaptureRequest& request,
                                              const RequestOptions& options) const {
  return transaction_response(core_->execute(capture_call(payment, request), options));
}

Response<Transaction> PaymentsClient::cancel(std::string_view payment_id,
                                             std::string_view transaction_id,
                                             const CancelRequest& request,
                                             const RequestOptions& options) const {
  return transaction_response(
      core_->execute(transaction_call(kCancelPath, payment_id, transaction_id, request), options));
}

Response<Transaction> PaymentsClient::cancel(const Payment& payment, const CancelRequest& request,
                                             const RequestOptions& options) const {
  return transaction_response(core_->execute(cancel_call(payment, request), options));
}

Response<Payment> PaymentsClient::refund(std::string_view payment_id,
                                         std::string_view transaction_id,
                                         const RefundRequest& request,
                                         const RequestOptions& options) const {
  return payment_response(
      core_->execute(transaction_call(kRefundPath, payment_id, transaction_id, request), options));
}

Response<Payment> PaymentsClient::refund(const Payment& payment, const RefundRequest& request,
                                         const RequestOptions& options) const {
  return payment_response(core_->execute(refund_call(payment, request), options));
}

Response<Transaction> PaymentsClient::cancel_or_refund(std::string_view payment_id,
                                                       const CancelOrRefundRequest& request,
                                                       const RequestOptions& options) const {
  return transaction_response(core_->execute(cancel_or_refund_call(payment_id, request), options));
}

Response<Transaction> PaymentsClient::cancel_or_refund(std::string_view payment_id,
                                                       std::string_view transaction_id,
                                                       const CancelOrRefundRequest& request,
                                                       const RequestOptions& options) const {
  return transaction_response(core_->execute(
      transaction_call(kTransactionCancelOrRefundPath, payment_id, transaction_id, request),
      options));
}

// --- Asynchronous twins: the same builders and parsers, through run_async. ---

std::future<Response<Payment>> PaymentsClient::create_async(const CreatePaymentRequest& request,
                                                            const RequestOptions& options) const {
  return run_async(*core_, options, [&] { return create_call(*core_, request, options); },
                   &payment_response);
}

std::future<Response<Payment>> PaymentsClient::retrieve_async(std::string_view payment_id,
                                                              const RequestOptions& options) const {
  return run_async(*core_, options, [&] { return retrieve_call(payment_id); }, &payment_response);
}

void PaymentsClient::create_async(const CreatePaymentRequest& request, const RequestOptions& options,
                                  AsyncCallback<Response<Payment>> done) const {
  run_async(*core_, options, [&] { return create_call(*core_, request, options); },
            &payment_response, std::move(done));
}

void PaymentsClient::retrieve_async(std::string_view payment_id, const RequestOptions& options,
                                    AsyncCallback<Response<Payment>> done) const {
  run_async(*core_, options, [&] { return retrieve_call(payment_id); }, &payment_response,
            std::move(done));
}

std::future<Response<std::vector<Payment>>> PaymentsClient::retrieve_by_merchant_order_id_async(
    std::string_view merchant_order_id, const RequestOptions& options) const {
  return run_async(*core_, options, [&] { return by_order_call(merchant_order_id); },
                   &payments_response);
}

std::future<Response<Transaction>> PaymentsClient::capture_async(
    std::string_view payment_id, std::string_view transaction_id, const CaptureRequest& request,
    const RequestOptions& options) const {
  return run_async(
      *core_, options,
      [&] { return transaction_call(kCapturePath, payment_id, transaction_id, request); },
      &transaction_response);
}

std::future<Response<Transaction>> PaymentsClient::capture_async(
    const Payment& payment, const CaptureRequest& request, const RequestOptions& options) const {
  return run_async(*core_, options, [&] { return capture_call(payment, request); },
                   &transaction_response);
}

std::future<Response<Transaction>> PaymentsClient::cancel_async(
    std::string_view payment_id, std::string_view transaction_id, const CancelRequest& request,
    const RequestOptions& options) const {
  return run_async(
      *core_, options,
      [&] { return transaction_call(kCancelPath, payment_id, transaction_id, request); },
      &transaction_response);
}

std::future<Response<Transaction>> PaymentsClient::cancel_async(
    const Payment& payment, const CancelRequest& request, const RequestOptions& options) const {
  return run_async(*core_, options, [&] { return cancel_call(payment, request); },
                   &transaction_response);
}

std::future<Response<Payment>> PaymentsClient::refund_async(std::string_view payment_id,
                                                            std::string_view transaction_id,
                                                            const RefundRequest& request,
                                                            const RequestOptions& options) const {
  return run_async(
      *core_, options,
      [&] { return transaction_call(kRefundPath, payment_id, transaction_id, request); },
      &payment_response);
}

std::future<Response<Payment>> PaymentsClient::refund_async(const Payment& payment,
                                                            const RefundRequest& request,
                                                            const RequestOptions& options) const {
  return run_async(*core_, options, [&] { return refund_call(payment, request); },
                   &payment_response);
}

std::future<Response<Transaction>> PaymentsClient::cancel_or_refund_async(
    std::string_view payment_id, const CancelOrRefundRequest& request,
    const RequestOptions& options) const {
  return run_async(*core_, options, [&] { return cancel_or_refund_call(payment_id, request); },
                   &transaction_response);
}

std::future<Response<Transaction>> PaymentsClient::cancel_or_refund_async(
    std::string_view payment_id, std::string_view transaction_id,
    const CancelOrRefundRequest& request, const RequestOptions& options) const {
  return run_async(*core_, options,
                   [&] {
                     return transaction_call(kTransactionCancelOrRefundPath, payment_id,
                                             transaction_id, request);
                   },
                   &transaction_response);
}

}  // namespace yuno
