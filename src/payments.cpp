#include "yuno/payments.hpp"

#include <initializer_list>
#include <string>
#include <utility>

#include "internal/client_core.hpp"
#include "internal/json_text.hpp"
#include "internal/parse_response.hpp"

namespace yuno {
namespace {

using internal::ApiCall;
using internal::ApiResult;

constexpr std::string_view kTransactionPath =
    "/v1/payments/{payment_id}/transactions/{transaction_id}/";

// Some responses (GET v2, 3DS creates) wrap the payment as {"payment": {...}}.
Payment payment_from_body(const ApiResult& result) {
  nlohmann::json body = internal::parse_json_body(result);
  if (body.is_object() && !body.contains("id")) {
    if (auto inner = body.find("payment"); inner != body.end() && inner->is_object()) {
      return internal::json_to_model<Payment>(*inner, result);
    }
  }
  return internal::json_to_model<Payment>(body, result);
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

}  // namespace

PaymentsClient::PaymentsClient(std::shared_ptr<const internal::ClientCore> core)
    : core_(std::move(core)) {}

Response<Payment> PaymentsClient::create(const CreatePaymentRequest& given,
                                         const RequestOptions& options) const {
  CreatePaymentRequest request = given;
  if (!request.account_id || request.account_id->empty()) {
    request.account_id = core_->account_id(options);
  }
  for (const auto& [field, value] :
       {std::pair<const char*, const std::optional<std::string>&>{"account_id", request.account_id},
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
  ApiCall call{"POST", "/v1/payments", {}, {}, internal::dump_json(nlohmann::json(request)), false};
  return payment_response(core_->execute(call, options));
}

Response<Payment> PaymentsClient::retrieve(std::string_view payment_id,
                                           const RequestOptions& options) const {
  ApiCall call{"GET", "/v1/payments/{payment_id}", {payment_id}, {}, std::nullopt, false};
  return payment_response(core_->execute(call, options));
}

Response<std::vector<Payment>> PaymentsClient::retrieve_by_merchant_order_id(
    std::string_view merchant_order_id, const RequestOptions& options) const {
  if (merchant_order_id.empty()) throw InvalidArgumentError("merchant_order_id must not be empty");
  ApiCall call{"GET", "/v1/payments", {},
               {{"merchant_order_id", std::string(merchant_order_id)}}, std::nullopt, false};
  ApiResult result = core_->execute(call, options);
  const nlohmann::json body = internal::parse_json_body(result);
  std::vector<Payment> payments;
  if (body.is_array()) {
    payments = internal::json_to_model<std::vector<Payment>>(body, result);
  } else {
    payments.push_back(payment_from_body(result));  // a single payment, not in a list
  }
  return Response<std::vector<Payment>>(std::move(payments), std::move(result.metadata));
}

Response<Transaction> PaymentsClient::capture(std::string_view payment_id,
                                              std::string_view transaction_id,
                                              const CaptureRequest& request,
                                              const RequestOptions& options) const {
  const std::string path = std::string(kTransactionPath) + "capture";
  ApiCall call{"POST", path, {payment_id, transaction_id}, {},
               internal::dump_json(nlohmann::json(request)), false};
  return internal::parse_response<Transaction>(core_->execute(call, options));
}

Response<Transaction> PaymentsClient::capture(const Payment& payment, const CaptureRequest& request,
                                              const RequestOptions& options) const {
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
  return capture(payment.id, authorization->id, full, options);
}

Response<Transaction> PaymentsClient::cancel(std::string_view payment_id,
                                             std::string_view transaction_id,
                                             const CancelRequest& request,
                                             const RequestOptions& options) const {
  const std::string path = std::string(kTransactionPath) + "cancel";
  ApiCall call{"POST", path, {payment_id, transaction_id}, {},
               internal::dump_json(nlohmann::json(request)), false};
  return internal::parse_response<Transaction>(core_->execute(call, options));
}

Response<Transaction> PaymentsClient::cancel(const Payment& payment, const CancelRequest& request,
                                             const RequestOptions& options) const {
  const Transaction* target =
      pick_transaction(payment, {{TransactionType::kAuthorize, TransactionStatus::kSucceeded},
                                 {TransactionType::kAuthorize, TransactionStatus::kPending},
                                 {TransactionType::kPurchase, TransactionStatus::kPending},
                                 {TransactionType::kAuthorize, TransactionStatus::kCreated},
                                 {TransactionType::kPurchase, TransactionStatus::kCreated}});
  if (target == nullptr) no_transaction(payment, "cancel", "AUTHORIZE or pending PURCHASE");
  return cancel(payment.id, target->id, request, options);
}

Response<Payment> PaymentsClient::refund(std::string_view payment_id,
                                         std::string_view transaction_id,
                                         const RefundRequest& request,
                                         const RequestOptions& options) const {
  const std::string path = std::string(kTransactionPath) + "refund";
  ApiCall call{"POST", path, {payment_id, transaction_id}, {},
               internal::dump_json(nlohmann::json(request)), false};
  return payment_response(core_->execute(call, options));
}

Response<Payment> PaymentsClient::refund(const Payment& payment, const RefundRequest& request,
                                         const RequestOptions& options) const {
  const Transaction* charge =
      pick_transaction(payment, {{TransactionType::kCapture, TransactionStatus::kSucceeded},
                                 {TransactionType::kPurchase, TransactionStatus::kSucceeded}});
  if (charge == nullptr) no_transaction(payment, "refund", "successful CAPTURE or PURCHASE");
  return refund(payment.id, charge->id, request, options);
}

Response<Transaction> PaymentsClient::cancel_or_refund(std::string_view payment_id,
                                                       const CancelOrRefundRequest& request,
                                                       const RequestOptions& options) const {
  ApiCall call{"POST", "/v1/payments/{payment_id}/cancel-or-refund", {payment_id}, {},
               internal::dump_json(nlohmann::json(request)), false};
  return internal::parse_response<Transaction>(core_->execute(call, options));
}

Response<Transaction> PaymentsClient::cancel_or_refund(std::string_view payment_id,
                                                       std::string_view transaction_id,
                                                       const CancelOrRefundRequest& request,
                                                       const RequestOptions& options) const {
  const std::string path = std::string(kTransactionPath) + "cancel-or-refund";
  ApiCall call{"POST", path, {payment_id, transaction_id}, {},
               internal::dump_json(nlohmann::json(request)), false};
  return internal::parse_response<Transaction>(core_->execute(call, options));
}

}  // namespace yuno
