#include "yuno/customers.hpp"

#include "internal/client_core.hpp"
#include "internal/json_text.hpp"
#include "internal/parse_response.hpp"

namespace yuno {

using internal::ApiCall;

CustomersClient::CustomersClient(std::shared_ptr<const internal::ClientCore> core)
    : core_(std::move(core)) {}

Response<Customer> CustomersClient::create(const CreateCustomerRequest& request,
                                           const RequestOptions& options) const {
  if (request.merchant_customer_id.empty()) {
    throw InvalidArgumentError("CreateCustomerRequest.merchant_customer_id is required");
  }
  ApiCall call{"POST", "/v1/customers", {}, {}, internal::dump_json(nlohmann::json(request)), false};
  return internal::parse_response<Customer>(core_->execute(call, options));
}

Response<Customer> CustomersClient::retrieve(std::string_view customer_id,
                                             const RequestOptions& options) const {
  ApiCall call{"GET", "/v1/customers/{customer_id}", {customer_id}, {}, std::nullopt, false};
  return internal::parse_response<Customer>(core_->execute(call, options));
}

Response<Customer> CustomersClient::retrieve_by_merchant_customer_id(
    std::string_view merchant_customer_id, const RequestOptions& options) const {
  if (merchant_customer_id.empty()) {
    throw InvalidArgumentError("merchant_customer_id must not be empty");
  }
  ApiCall call{"GET", "/v1/customers", {},
               {{"merchant_customer_id", std::string(merchant_customer_id)}}, std::nullopt, false};
  internal::ApiResult result = core_->execute(call, options);
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

Response<Customer> CustomersClient::update(std::string_view customer_id,
                                           const UpdateCustomerRequest& request,
                                           const RequestOptions& options) const {
  ApiCall call{"PATCH", "/v1/customers/{customer_id}", {customer_id}, {},
               internal::dump_json(nlohmann::json(request)), false};
  return internal::parse_response<Customer>(core_->execute(call, options));
}

ResponseMetadata CustomersClient::remove(std::string_view customer_id,
                                         const RequestOptions& options) const {
  ApiCall call{"DELETE", "/v1/customers/{customer_id}", {customer_id}, {}, std::nullopt, true};
  return core_->execute(call, options).metadata;
}

}  // namespace yuno
