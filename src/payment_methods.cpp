#include "yuno/payment_methods.hpp"

#include "internal/client_core.hpp"
#include "internal/json_text.hpp"
#include "internal/parse_response.hpp"

namespace yuno {

using internal::ApiCall;

namespace {

// Yuno's documented limit for one account updater registration.
constexpr std::size_t kMaxAccountUpdaterIds = 100;

void require_field(std::string_view value, const char* what) {
  if (value.empty()) throw InvalidArgumentError(std::string(what) + " is required");
}

// The list endpoints answer {"payment_methods": [...]}; a bare array is accepted too.
// Anything else is a ResponseParseError carrying the raw body.
Response<std::vector<PaymentMethod>> parse_method_list(internal::ApiResult&& result) {
  nlohmann::json body = internal::parse_json_body(result);
  if (body.is_object()) {
    const auto list = body.find("payment_methods");
    if (list == body.end() || !list->is_array()) {
      internal::throw_parse_error(result, "expected an object with a payment_methods array");
    }
    body = nlohmann::json(*list);
  } else if (!body.is_array()) {
    internal::throw_parse_error(result, "expected a list of payment methods");
  }
  auto methods = internal::json_to_model<std::vector<PaymentMethod>>(body, result);
  return Response<std::vector<PaymentMethod>>(std::move(methods), std::move(result.metadata));
}

}  // namespace

PaymentMethodsClient::PaymentMethodsClient(std::shared_ptr<const internal::ClientCore> core)
    : core_(std::move(core)) {}

Response<PaymentMethod> PaymentMethodsClient::enroll(std::string_view customer_id,
                                                    const EnrollPaymentMethodRequest& given,
                                                    const RequestOptions& options) const {
  require_field(customer_id, "customer_id");
  EnrollPaymentMethodRequest request = given;
  if (request.account_id.empty()) request.account_id = core_->account_id(options);
  require_field(request.account_id, "EnrollPaymentMethodRequest.account_id");
  require_field(request.country, "EnrollPaymentMethodRequest.country");
  require_field(request.type, "EnrollPaymentMethodRequest.type");
  ApiCall call{"POST", "/v1/customers/{customer_id}/payment-methods", {customer_id},
               {},     internal::request_body(request),   false};
  return internal::parse_response<PaymentMethod>(core_->execute(call, options));
}

Response<PaymentMethod> PaymentMethodsClient::enroll_in_session(
    std::string_view customer_session, const SessionEnrollmentRequest& given,
    const RequestOptions& options) const {
  require_field(customer_session, "customer_session");
  SessionEnrollmentRequest request = given;
  if (request.account_id.empty()) request.account_id = core_->account_id(options);
  require_field(request.account_id, "SessionEnrollmentRequest.account_id");
  require_field(request.payment_method_type, "SessionEnrollmentRequest.payment_method_type");
  require_field(request.country, "SessionEnrollmentRequest.country");
  ApiCall call{"POST",
               "/v1/customers/sessions/{customer_session}/payment-methods",
               {customer_session},
               {},
               internal::request_body(request),
               false};
  return internal::parse_response<PaymentMethod>(core_->execute(call, options));
}

Response<std::vector<PaymentMethod>> PaymentMethodsClient::available_to_enroll(
    std::string_view customer_session, const RequestOptions& options) const {
  require_field(customer_session, "customer_session");
  ApiCall call{"GET",
               "/v1/checkout/customers/sessions/{customer_session}/payment-methods",
               {customer_session},
               {},
               std::nullopt,
               false};
  return parse_method_list(core_->execute(call, options));
}

Response<std::vector<PaymentMethod>> PaymentMethodsClient::list(
    std::string_view customer_id, const RequestOptions& options) const {
  require_field(customer_id, "customer_id");
  ApiCall call{
      "GET", "/v1/customers/{customer_id}/payment-methods", {customer_id}, {}, std::nullopt,
      false};
  return parse_method_list(core_->execute(call, options));
}

Response<PaymentMethod> PaymentMethodsClient::retrieve(std::string_view customer_id,
                                                      std::string_view payment_method_id,
                                                      const RequestOptions& options) const {
  require_field(customer_id, "customer_id");
  require_field(payment_method_id, "payment_method_id");
  ApiCall call{"GET",
               "/v1/customers/{customer_id}/payment-methods/{payment_method_id}",
               {customer_id, payment_method_id},
               {},
               std::nullopt,
               false};
  return internal::parse_response<PaymentMethod>(core_->execute(call, options));
}

Response<PaymentMethod> PaymentMethodsClient::retrieve(std::string_view payment_method_id,
                                                      const RequestOptions& options) const {
  require_field(payment_method_id, "payment_method_id");
  ApiCall call{"GET", "/v1/payment-methods/{payment_method_id}", {payment_method_id}, {},
               std::nullopt, false};
  return internal::parse_response<PaymentMethod>(core_->execute(call, options));
}

Response<PaymentMethod> PaymentMethodsClient::unenroll(std::string_view customer_id,
                                                      std::string_view payment_method_id,
                                                      const RequestOptions& options) const {
  require_field(customer_id, "customer_id");
  require_field(payment_method_id, "payment_method_id");
  ApiCall call{"POST",
               "/v1/customers/{customer_id}/payment-methods/{payment_method_id}/unenroll",
               {customer_id, payment_method_id},
               {},
               std::nullopt,
               false};
  return internal::parse_response<PaymentMethod>(core_->execute(call, options));
}

Response<PaymentMethod> PaymentMethodsClient::unenroll(std::string_view payment_method_id,
                                                      const RequestOptions& options) const {
  require_field(payment_method_id, "payment_method_id");
  ApiCall call{"POST",
               "/v1/customers/payment-methods/{payment_method_id}/unenroll",
               {payment_method_id},
               {},
               std::nullopt,
               false};
  return internal::parse_response<PaymentMethod>(core_->execute(call, options));
}

Response<PaymentMethod> PaymentMethodsClient::reassign(std::string_view payment_method_id,
                                                      std::string_view customer_id,
                                                      const RequestOptions& options) const {
  require_field(payment_method_id, "payment_method_id");
  require_field(customer_id, "customer_id");
  ReassignPaymentMethodRequest request;
  request.customer_id = std::string(customer_id);
  // requires_account_code: Yuno wants the account-code header here (InvalidArgumentError,
  // nothing sent, without an account id).
  ApiCall call{"PATCH", "/v1/payment-methods/{payment_method_id}", {payment_method_id},
               {},      internal::request_body(request), true};
  return internal::parse_response<PaymentMethod>(core_->execute(call, options));
}

Response<AccountUpdaterRegistration> PaymentMethodsClient::register_for_account_updater(
    const std::vector<std::string>& payment_method_ids, const RequestOptions& options) const {
  if (payment_method_ids.empty() || payment_method_ids.size() > kMaxAccountUpdaterIds) {
    throw InvalidArgumentError("payment_method_ids must hold 1 to 100 ids, got " +
                               std::to_string(payment_method_ids.size()));
  }
  for (const std::string& id : payment_method_ids) {
    if (id.empty()) throw InvalidArgumentError("payment_method_ids must not hold an empty id");
  }
  AccountUpdaterRequest request;
  request.payment_method_ids = payment_method_ids;
  ApiCall call{"POST", "/v1/payment-methods/account-updater", {}, {},
               internal::request_body(request), false};
  return internal::parse_response<AccountUpdaterRegistration>(core_->execute(call, options));
}

}  // namespace yuno
