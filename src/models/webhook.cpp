#include "yuno/models/webhook.hpp"

#include "internal/model_json.hpp"

namespace yuno {

using internal::FieldReader;
using internal::FieldWriter;

namespace {

// The fields Webhook, CreateWebhookRequest and UpdateWebhookRequest share (all optional).
// `io` is a FieldReader or a FieldWriter: one list serves both directions.
template <typename IO, typename Model>
void credential_fields(IO& io, Model& value) {
  io.optional("api_key", value.api_key);
  io.optional("secret", value.secret);
  io.optional("hmac_client_secret", value.hmac_client_secret);
  io.optional("oauth2_authentication_url", value.oauth2_authentication_url);
  io.optional("oauth2_client_id", value.oauth2_client_id);
  io.optional("oauth2_client_secret", value.oauth2_client_secret);
  io.optional("oauth2_grant_type", value.oauth2_grant_type);
  io.optional("oauth2_authorization_name", value.oauth2_authorization_name);
  io.optional("oauth2_include_client_id", value.oauth2_include_client_id);
}

template <typename IO, typename Model>
void trigger_fields(IO& io, Model& value) {
  io.optional("enrollment_triggers", value.enrollment_triggers);
  io.optional("payment_triggers", value.payment_triggers);
  io.optional("report_triggers", value.report_triggers);
  io.optional("subscription_triggers", value.subscription_triggers);
  io.optional("onboarding_triggers", value.onboarding_triggers);
  io.optional("renewal_days", value.renewal_days);
}

template <typename IO, typename Model>
void webhook_fields(IO& io, Model& value) {
  io.optional("account_id", value.account_id);
  io.optional("name", value.name);
  io.optional("state", value.state);
  io.optional("url", value.url);
  credential_fields(io, value);
  io.optional("oauth2_scope", value.oauth2_scope);
  trigger_fields(io, value);
  io.optional("created_at", value.created_at);
  io.optional("updated_at", value.updated_at);
}

template <typename IO, typename Model>
void update_fields(IO& io, Model& value) {
  io.optional("name", value.name);
  io.optional("state", value.state);
  io.optional("url", value.url);
  credential_fields(io, value);
  io.optional("oauth2_scope", value.oauth2_scope);
  trigger_fields(io, value);
  io.optional("clear_renewal_days", value.clear_renewal_days);
}

template <typename T>
bool non_empty(const std::optional<std::vector<T>>& triggers) {
  return triggers.has_value() && !triggers->empty();
}

}  // namespace

bool CreateWebhookRequest::has_trigger() const {
  return non_empty(enrollment_triggers) || non_empty(payment_triggers) ||
         non_empty(report_triggers) || non_empty(subscription_triggers) ||
         non_empty(onboarding_triggers);
}

void to_json(nlohmann::json& j, const Webhook& value) {
  FieldWriter out(j);
  out.required("id", value.id);
  webhook_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, Webhook& value) {
  FieldReader in(j, "Webhook");
  in.required("id", value.id);
  webhook_fields(in, value);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const CreateWebhookRequest& value) {
  FieldWriter out(j);
  out.required("account_id", value.account_id);
  out.required("name", value.name);
  out.required("url", value.url);
  credential_fields(out, value);
  trigger_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CreateWebhookRequest& value) {
  FieldReader in(j, "CreateWebhookRequest");
  in.value_or_default("account_id", value.account_id);
  in.value_or_default("name", value.name);
  in.value_or_default("url", value.url);
  credential_fields(in, value);
  trigger_fields(in, value);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const UpdateWebhookRequest& value) {
  FieldWriter out(j);
  out.required("account_id", value.account_id);
  update_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, UpdateWebhookRequest& value) {
  FieldReader in(j, "UpdateWebhookRequest");
  in.value_or_default("account_id", value.account_id);
  update_fields(in, value);
  value.unknown_fields = in.unknown();
}

}  // namespace yuno
