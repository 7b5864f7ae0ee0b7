#include "yuno/webhook_endpoints.hpp"

#include <string>
#include <utility>

#include "internal/client_core.hpp"
#include "internal/json_text.hpp"
#include "internal/parse_response.hpp"

namespace yuno {
namespace {

using internal::ApiCall;
using internal::ApiResult;

// Messages name fields only: a request carries secrets, and none may reach a message.
[[noreturn]] void invalid(const std::string& message) { throw InvalidArgumentError(message); }

// The account the call is for: the request's own, else the call's, else the client's.
std::string account_for(const internal::ClientCore& core, const std::string& given,
                        const RequestOptions& options, const char* what) {
  std::string account_id = given.empty() ? core.account_id(options) : given;
  if (account_id.empty()) {
    invalid(std::string(what) +
            " needs the account id: set ClientOptions::account_id or RequestOptions::account_id");
  }
  return account_id;
}

void require_webhook_id(std::string_view webhook_id) {
  if (webhook_id.empty()) invalid("webhook_id must not be empty");
}

void check_renewal_days(const std::optional<std::int64_t>& renewal_days, const char* model) {
  if (renewal_days && *renewal_days < 1) {
    invalid(std::string(model) + ".renewal_days must be 1 or more");
  }
}

template <typename T>
bool contains(const std::optional<std::vector<T>>& values, const T& wanted) {
  if (!values) return false;
  for (const T& value : *values) {
    if (value == wanted) return true;
  }
  return false;
}

void check_create(const CreateWebhookRequest& request) {
  if (request.name.empty()) invalid("CreateWebhookRequest.name is required");
  if (request.url.empty()) invalid("CreateWebhookRequest.url is required");
  if (!request.has_trigger()) {
    invalid("CreateWebhookRequest needs at least one trigger (payment_triggers, "
            "enrollment_triggers, report_triggers, subscription_triggers or onboarding_triggers)");
  }
  check_renewal_days(request.renewal_days, "CreateWebhookRequest");
  if (request.renewal_days &&
      !contains(request.subscription_triggers, WebhookSubscriptionTrigger::kCloseToRenewal)) {
    invalid("CreateWebhookRequest.renewal_days needs CLOSE_TO_RENEWAL in subscription_triggers");
  }
}

void check_update(const UpdateWebhookRequest& request) {
  if (request.name && request.name->empty()) {
    invalid("UpdateWebhookRequest.name must not be empty when set");
  }
  if (request.url && request.url->empty()) {
    invalid("UpdateWebhookRequest.url must not be empty when set");
  }
  if (request.state && request.state->empty()) {
    invalid("UpdateWebhookRequest.state must not be empty when set");
  }
  if (request.renewal_days && request.clear_renewal_days) {
    invalid("UpdateWebhookRequest: renewal_days and clear_renewal_days cannot be set together");
  }
  check_renewal_days(request.renewal_days, "UpdateWebhookRequest");
}

Response<Webhook> webhook_response(ApiResult&& result) {
  return internal::parse_response<Webhook>(std::move(result));
}

Response<std::vector<Webhook>> webhook_list_response(ApiResult&& result) {
  nlohmann::json body = internal::parse_json_body(result);
  // Documented (and sent) as a bare array; accept the list wrapped in an object too.
  if (body.is_object()) {
    const auto list = body.find("webhooks");
    if (list == body.end() || !list->is_array()) {
      internal::throw_parse_error(result, "expected a list of webhooks");
    }
    body = nlohmann::json(*list);
  }
  auto webhooks = internal::json_to_model<std::vector<Webhook>>(body, result);
  return Response<std::vector<Webhook>>(std::move(webhooks), std::move(result.metadata));
}

}  // namespace

WebhooksClient::WebhooksClient(std::shared_ptr<const internal::ClientCore> core)
    : core_(std::move(core)) {}

Response<std::vector<Webhook>> WebhooksClient::list(std::optional<WebhookState> state,
                                                    const RequestOptions& options) const {
  std::vector<std::pair<std::string, std::string>> query;
  query.emplace_back("account_id", account_for(*core_, {}, options, "GET /v1/webhooks"));
  if (state) {
    if (state->empty()) invalid("state must not be empty when given");
    query.emplace_back("state", state->value());
  }
  ApiCall call{"GET", "/v1/webhooks", {}, std::move(query), std::nullopt, false};
  return webhook_list_response(core_->execute(call, options));
}

Response<Webhook> WebhooksClient::create(const CreateWebhookRequest& given,
                                         const RequestOptions& options) const {
  check_create(given);
  CreateWebhookRequest request = given;
  request.account_id = account_for(*core_, given.account_id, options, "POST /v1/webhooks");
  ApiCall call{"POST", "/v1/webhooks", {}, {}, internal::request_body(request),
               false};
  return webhook_response(core_->execute(call, options));
}

Response<Webhook> WebhooksClient::retrieve(std::string_view webhook_id,
                                           const RequestOptions& options) const {
  require_webhook_id(webhook_id);
  ApiCall call{"GET",
               "/v1/webhooks/{webhook_id}",
               {webhook_id},
               {{"account_id",
                 account_for(*core_, {}, options, "GET /v1/webhooks/{webhook_id}")}},
               std::nullopt,
               false};
  return webhook_response(core_->execute(call, options));
}

Response<Webhook> WebhooksClient::update(std::string_view webhook_id,
                                         const UpdateWebhookRequest& given,
                                         const RequestOptions& options) const {
  require_webhook_id(webhook_id);
  check_update(given);
  UpdateWebhookRequest request = given;
  request.account_id =
      account_for(*core_, given.account_id, options, "PATCH /v1/webhooks/{webhook_id}");
  ApiCall call{"PATCH",
               "/v1/webhooks/{webhook_id}",
               {webhook_id},
               {},
               internal::request_body(request),
               false};
  return webhook_response(core_->execute(call, options));
}

Response<Webhook> WebhooksClient::remove(std::string_view webhook_id,
                                         const RequestOptions& options) const {
  require_webhook_id(webhook_id);
  ApiCall call{"DELETE",
               "/v1/webhooks/{webhook_id}",
               {webhook_id},
               {{"account_id",
                 account_for(*core_, {}, options, "DELETE /v1/webhooks/{webhook_id}")}},
               std::nullopt,
               false};
  return webhook_response(core_->execute(call, options));
}

}  // namespace yuno
