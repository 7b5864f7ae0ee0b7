#include "yuno/customers.hpp"

#include "internal/async_call.hpp"
#include "internal/client_core.hpp"
#include "internal/json_text.hpp"
#include "internal/parse_response.hpp"

namespace yuno {
namespace {

using internal::ApiCall;
using internal::ApiResult;
using internal::run_async;

// Each call is built once here, for the synchronous and the asynchronous variant alike. The
// ApiCall's views point at literals or at the caller's arguments; bodies are owned.

ApiCall create_call(const CreateCustomerRequest& request) {
  if (request.merchant_customer_id.empty()) {
    throw InvalidArgumentError("CreateCustomerRequest.merchant_customer_id is required");
  }
  return ApiCall{"POST", "/v1/customers", {}, {}, internal::request_body(request),
                 false};
}

ApiCall retrieve_call(std::string_view customer_id) {
  return ApiCall{"GET", "/v1/customers/{customer_id}", {customer_id}, {}, std::nullopt, false};
}

ApiCall by_merchant_id_call(std::string_view merchant_customer_id) {
  if (merchant_customer_id.empty()) {
    throw InvalidArgumentError("merchant_customer_id must not be empty");
  }
  return ApiCall{"GET", "/v1/customers", {},
                 {{"merchant_customer_id", std::string(merchant_customer_id)}}, std::nullopt,
                 false};
}

ApiCall update_call(std::string_view customer_id, const UpdateCustomerRequest& request) {
  return ApiCall{"PATCH", "/v1/customers/{customer_id}", {customer_id}, {},
                 internal::request_body(request), false};
}

ApiCall remove_call(std::string_view customer_id) {
  return ApiCall{"DELETE", "/v1/customers/{customer_id}", {customer_id}, {}, std::nullopt, true};
}

Response<Customer> customer_response(ApiResult&& result) {
  return internal::parse_response<Customer>(std::move(result));
}

Response<Customer> by_merchant_id_response(ApiResult&& result) {
  nlohmann::json body = internal::parse_json_body(result);
  // Documented as one object; accept a list too, as list-style lookups elsewhere return one.
  if (body.is_array()) {
    if (body.empty()) {
      throw NotFoundError(result.response.status_code, "CUSTOMER_NOT_FOUND",
                          {"no customer has this merchant_customer_id"}, result.response.body,
                          result.context);
    }
    body = nlohmann::json(body.front());
  }
  Customer customer = internal::json_to_model<Customer>(body, result);
  return Response<Customer>(std::move(customer), std::move(result.metadata));
}

ResponseMetadata metadata_only(ApiResult&& result) { return std::move(result.metadata); }

}  // namespace

CustomersClient::CustomersClient(std::shared_ptr<const internal::ClientCore> core)
    : core_(std::move(core)) {}

Response<Customer> CustomersClient::create(const CreateCustomerRequest& request,
                                           const RequestOptions& options) const {
  return customer_response(core_->execute(create_call(request), options));
}

Response<Customer> CustomersClient::retrieve(std::string_view customer_id,
                                             const RequestOptions& options) const {
  return customer_response(core_->execute(retrieve_call(customer_id), options));
}

Response<Customer> CustomersClient::retrieve_by_merchant_customer_id(
    std::string_view merchant_customer_id, const RequestOptions& options) const {
  return by_merchant_id_response(core_->execute(by_merchant_id_call(merchant_customer_id), options));
}

Response<Customer> CustomersClient::update(std::string_view customer_id,
                                           const UpdateCustomerRequest& request,
                                           const RequestOptions& options) const {
  return customer_response(core_->execute(update_call(customer_id, request), options));
}

ResponseMetadata CustomersClient::remove(std::string_view customer_id,
                                         const RequestOptions& options) const {
  return metadata_only(core_->execute(remove_call(customer_id), options));
}

std::future<Response<Customer>> CustomersClient::create_async(
    const CreateCustomerRequest& request, const RequestOptions& options) const {
  return run_async(*core_, options, [&] { return create_call(request); }, &customer_response);
}

std::future<Response<Customer>> CustomersClient::retrieve_async(
    std::string_view customer_id, const RequestOptions& options) const {
  return run_async(*core_, options, [&] { return retrieve_call(customer_id); },
                   &customer_response);
}

std::future<Response<Customer>> CustomersClient::retrieve_by_merchant_customer_id_async(
    std::string_view merchant_customer_id, const RequestOptions& options) const {
  return run_async(*core_, options, [&] { return by_merchant_id_call(merchant_customer_id); },
                   &by_merchant_id_response);
}

std::future<Response<Customer>> CustomersClient::update_async(
    std::string_view customer_id, const UpdateCustomerRequest& request,
    const RequestOptions& options) const {
  return run_async(*core_, options, [&] { return update_call(customer_id, request); },
                   &customer_response);
}

std::future<ResponseMetadata> CustomersClient::remove_async(std::string_view customer_id,
                                                            const RequestOptions& options) const {
  return run_async(*core_, options, [&] { return remove_call(customer_id); }, &metadata_only);
}

}  // namespace yuno
