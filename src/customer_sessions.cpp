#include "yuno/customer_sessions.hpp"

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

CustomerSessionsClient::CustomerSessionsClient(std::shared_ptr<const internal::ClientCore> core)
    : core_(std::move(core)) {}

Response<CustomerSession> CustomerSessionsClient::create(const CreateCustomerSessionRequest& given,
                                                         const RequestOptions& options) const {
  CreateCustomerSessionRequest request = given;
  if (request.account_id.empty()) request.account_id = core_->account_id(options);
  require_field(request.account_id, "CreateCustomerSessionRequest.account_id");
  require_field(request.customer_id, "CreateCustomerSessionRequest.customer_id");
  require_field(request.country, "CreateCustomerSessionRequest.country");
  ApiCall call{
      "POST", "/v1/customers/sessions", {}, {}, internal::request_body(request), false};
  return internal::parse_response<CustomerSession>(core_->execute(call, options));
}

}  // namespace yuno
