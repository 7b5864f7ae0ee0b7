#include "yuno/checkout_sessions.hpp"

#include "internal/client_core.hpp"
#include "internal/json_text.hpp"
#include "internal/parse_response.hpp"

namespace yuno {

using internal::ApiCall;

namespace {

void require_field(const std::string& value, const char* what) {
  if (value.empty()) throw InvalidArgumentError(std::string(what) + " is required");
}

}  // namespace

CheckoutSessionsClient::CheckoutSessionsClient(std::shared_ptr<const internal::ClientCore> core)
    : core_(std::move(core)) {}

Response<CheckoutSession> CheckoutSessionsClient::create(
    const CreateCheckoutSessionRequest& given, const RequestOptions& options) const {
  CreateCheckoutSessionRequest request = given;
  if (request.account_id.empty()) request.account_id = core_->account_id(options);
  require_field(request.account_id, "CreateCheckoutSessionRequest.account_id");
  require_field(request.merchant_order_id, "CreateCheckoutSessionRequest.merchant_order_id");
  require_field(request.payment_description, "CreateCheckoutSessionRequest.payment_description");
  require_field(request.country, "CreateCheckoutSessionRequest.country");
  ApiCall call{
      "POST", "/v1/checkout/sessions", {}, {}, internal::request_body(request), false};
  return internal::parse_response<CheckoutSession>(core_->execute(call, options));
}

Response<CheckoutSession> CheckoutSessionsClient::retrieve(std::string_view checkout_session,
                                                           const RequestOptions& options) const {
  ApiCall call{
      "GET", "/v1/checkout/sessions/{checkout_session}", {checkout_session}, {}, std::nullopt,
      false};
  return internal::parse_response<CheckoutSession>(core_->execute(call, options));
}

Response<CheckoutSession> CheckoutSessionsClient::update(
    std::string_view checkout_session, const UpdateCheckoutSessionRequest& request,
    const RequestOptions& options) const {
  ApiCall call{"PATCH", "/v1/checkout/sessions/{checkout_session}",   {checkout_session},
               {},      internal::request_body(request), false};
  return internal::parse_response<CheckoutSession>(core_->execute(call, options));
}

Response<std::vector<CheckoutPaymentMethod>> CheckoutSessionsClient::payment_methods(
    std::string_view checkout_session, std::optional<std::string> category,
    const RequestOptions& options) const {
  std::vector<std::pair<std::string, std::string>> query;
  if (category) {
    if (category->empty()) throw InvalidArgumentError("category must not be empty when given");
    query.emplace_back("category", std::move(*category));
  }
  ApiCall call{"GET",
               "/v1/checkout/sessions/{checkout_session}/payment-methods",
               {checkout_session},
               std::move(query),
               std::nullopt,
               false};
  internal::ApiResult result = core_->execute(call, options);
  nlohmann::json body = internal::parse_json_body(result);
  // Documented (and sent) as a bare array; accept the list wrapped in an object too.
  if (body.is_object()) {
    const auto list = body.find("payment_methods");
    if (list == body.end() || !list->is_array()) {
      internal::throw_parse_error(result, "expected a list of payment methods");
    }
    body = nlohmann::json(*list);
  }
  auto methods = internal::json_to_model<std::vector<CheckoutPaymentMethod>>(body, result);
  return Response<std::vector<CheckoutPaymentMethod>>(std::move(methods),
                                                      std::move(result.metadata));
}

Response<OneTimeToken> CheckoutSessionsClient::create_one_time_token(
    std::string_view checkout_session, const CreateOneTimeTokenRequest& request,
    const RequestOptions& options) const {
  require_field(request.payment_method.type, "CreateOneTimeTokenRequest.payment_method.type");
  ApiCall call{"POST", "/v1/checkout/sessions/{checkout_session}/token", {checkout_session},
               {},     internal::request_body(request),     false};
  return internal::parse_response<OneTimeToken>(core_->execute(call, options));
}

Response<OneTimeToken> CheckoutSessionsClient::create_token(const CreateTokenRequest& given,
                                                            const RequestOptions& options) const {
  CreateTokenRequest request = given;
  if (request.account_id.empty()) request.account_id = core_->account_id(options);
  require_field(request.account_id, "CreateTokenRequest.account_id");
  require_field(request.card_data.number.value_or(""), "CreateTokenRequest.card_data.number");
  ApiCall call{"POST", "/v1/tokens", {}, {}, internal::request_body(request), false};
  return internal::parse_response<OneTimeToken>(core_->execute(call, options));
}

}  // namespace yuno
