// Webhook management: GET/POST /v1/webhooks and GET/PATCH/DELETE /v1/webhooks/{webhook_id},
// with the rules and error codes of Yuno's manage-webhooks document. The webhooks live in
// the WebhookRegistry (which delivers to them); this file reads, checks and renders.
//
// Unlike Yuno, any http(s) URL is accepted, loopback and private addresses included
// (WEBHOOK_URL_UNSAFE is never answered): the emulator's receivers are local.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api_handlers.hpp"
#include "json_io.hpp"

namespace yuno::sandbox {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxNameLength = 255;
constexpr std::size_t kMaxUrlLength = 2048;
constexpr std::size_t kMaxTextLength = 1024;

[[noreturn]] void invalid_request(const std::string& message) {
  throw ApiError(400, "WEBHOOK_INVALID_REQUEST", message);
}

[[noreturn]] void invalid_trigger() {
  throw ApiError(400, "WEBHOOK_INVALID_TRIGGER", "One or more webhook triggers are invalid.");
}

[[noreturn]] void invalid_renewal_days(const std::string& message) {
  throw ApiError(400, "WEBHOOK_INVALID_RENEWAL_DAYS", message);
}

[[noreturn]] void invalid_oauth2() {
  throw ApiError(400, "WEBHOOK_INVALID_OAUTH2",
                 "OAuth2 configuration is incomplete or inconsistent.");
}

[[noreturn]] void not_found() {
  throw ApiError(404, "WEBHOOK_NOT_FOUND", "The webhook does not exist for this account.");
}

// The account a request names must be the sandbox's own.
void check_account(const ApiContext& context, const std::string* account_id) {
  if (account_id == nullptr || account_id->empty()) invalid_request("account_id is required.");
  if (*account_id != context.config.account_id) {
    throw ApiError(400, "INVALID_ACCOUNT_ID", "Account id is invalid");
  }
}

void check_state(const std::string& state) {
  if (state != "ACTIVE" && state != "INACTIVE") {
    invalid_request("state must be ACTIVE or INACTIVE.");
  }
}

// The body as an object; malformed JSON is this API's WEBHOOK_INVALID_REQUEST.
json parse_body(const ApiRequest& request) {
  try {
    return parse_request_json(request.body).value;
  } catch (const ApiError& error) {
    throw ApiError(400, "WEBHOOK_INVALID_REQUEST", error.messages());
  }
}

// A field, or nullptr when absent or null (null means absent, as everywhere in Yuno's API).
const json* field(const json& body, const char* key) {
  const auto it = body.find(key);
  return it == body.end() || it->is_null() ? nullptr : &*it;
}

// A string field; nullopt when absent. "" is refused (it would mean neither "keep" nor
// "remove" in an update).
std::optional<std::string> text(const json& body, const char* key,
                                std::size_t max_length = kMaxTextLength) {
  const json* value = field(body, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) invalid_request(std::string(key) + " must be a string.");
  const auto& content = value->get_ref<const std::string&>();
  if (content.empty()) invalid_request(std::string(key) + " must not be empty.");
  if (content.size() > max_length) {
    invalid_request(std::string(key) + " must be at most " + std::to_string(max_length) +
                    " characters long.");
  }
  return content;
}

std::optional<bool> flag(const json& body, const char* key) {
  const json* value = field(body, key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) invalid_request(std::string(key) + " must be a boolean.");
  return value->get<bool>();
}

// An absolute http(s) URL with a host, without spaces or control characters.
void check_url(const std::string& url) {
  const auto scheme_end = url.find("://");
  const std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  bool ok = scheme == "http" || scheme == "https";
  if (ok) {
    const auto host_start = scheme_end + 3;
    const auto host_end = url.find_first_of("/?#", host_start);
    ok = host_end != host_start && host_start < url.size();
  }
  for (char c : url) {
    ok = ok && static_cast<unsigned char>(c) > 0x20 && c != 0x7f;
  }
  if (!ok) invalid_request("url must be an http or https URL.");
}

struct Family {
  const char* key;  ///< "payment_triggers"
  std::vector<std::string_view> values;
  std::optional<std::vector<std::string>> WebhookRecord::*list;
};

// The trigger families and their values (the create and update schemas' enums).
const std::vector<Family>& families() {
  static const std::vector<Family> kFamilies = {
      {"enrollment_triggers", {"ENROLL", "UNENROLL"}, &WebhookRecord::enrollment_triggers},
      {"payment_triggers",
       {"AUTHORIZE", "CANCEL", "CAPTURE", "CHARGEBACK", "PRECHARGEBACK", "PURCHASE", "REFUND",
        "VERIFY"},
       &WebhookRecord::payment_triggers},
      {"report_triggers", {"CREATE", "UPDATE"}, &WebhookRecord::report_triggers},
      {"subscription_triggers",
       {"ACTIVE", "CANCEL", "CLOSE_TO_RENEWAL", "COMPLETE", "CREATE", "PAUSE", "RESUME"},
       &WebhookRecord::subscription_triggers},
      {"onboarding_triggers",
       {"BLOCKED", "CANCELLED", "CREATED", "DECLINED", "ERROR", "EXPIRED", "INACTIVE", "PENDING",
        "SUCCEEDED", "TRANSFERRED", "UNBLOCKED"},
       &WebhookRecord::onboarding_triggers},
  };
  return kFamilies;
}

std::optional<std::vector<std::string>> trigger_list(const json& body, const Family& family) {
  const json* value = field(body, family.key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_array()) invalid_trigger();
  std::vector<std::string> out;
  for (const json& element : *value) {
    if (!element.is_string()) invalid_trigger();
    const auto& trigger = element.get_ref<const std::string&>();
    if (std::find(family.values.begin(), family.values.end(), trigger) == family.values.end()) {
      invalid_trigger();
    }
    out.push_back(trigger);
  }
  return out;
}

std::optional<std::int64_t> renewal_days(const json& body) {
  const json* value = field(body, "renewal_days");
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer() ||
      (value->is_number_unsigned() &&
       value->get<std::uint64_t>() > static_cast<std::uint64_t>(
                                         std::numeric_limits<std::int32_t>::max())) ||
      value->get<std::int64_t>() < 1 ||
      value->get<std::int64_t>() > std::numeric_limits<std::int32_t>::max()) {
    invalid_renewal_days("renewal_days must be an integer of 1 or more.");
  }
  return value->get<std::int64_t>();
}

// The fields create and update share, read into `record` when present (update: only those
// change). Checks each field on its own; the rules across fields are check_record's.
void read_common(const json& body, WebhookRecord& record) {
  if (auto url = text(body, "url", kMaxUrlLength)) {
    check_url(*url);
    record.url = std::move(*url);
  }
  if (auto name = text(body, "name", kMaxNameLength)) record.name = std::move(*name);
  auto set = [&](const char* key, std::optional<std::string>& out) {
    if (auto value = text(body, key)) out = std::move(*value);
  };
  set("api_key", record.api_key);
  set("secret", record.secret);
  set("hmac_client_secret", record.hmac_client_secret);
  set("oauth2_authentication_url", record.oauth2_authentication_url);
  set("oauth2_client_id", record.oauth2_client_id);
  set("oauth2_client_secret", record.oauth2_client_secret);
  set("oauth2_grant_type", record.oauth2_grant_type);
  set("oauth2_authorization_name", record.oauth2_authorization_name);
  if (auto include = flag(body, "oauth2_include_client_id")) {
    record.oauth2_include_client_id = *include;
  }
  for (const Family& family : families()) {
    if (auto list = trigger_list(body, family)) record.*family.list = std::move(*list);
  }
  if (auto days = renewal_days(body)) record.renewal_days = *days;
}

bool has_trigger(const WebhookRecord& record) {
  for (const Family& family : families()) {
    const auto& list = record.*family.list;
    if (list && !list->empty()) return true;
  }
  return false;
}

// The rules across fields, on the webhook as it would be stored.
void check_record(const WebhookRecord& record) {
  if (!has_trigger(record)) invalid_request("at least one trigger is required.");
  if (record.renewal_days) {
    const auto& subscription = record.subscription_triggers;
    if (!subscription || std::find(subscription->begin(), subscription->end(),
                                   "CLOSE_TO_RENEWAL") == subscription->end()) {
      invalid_renewal_days(
          "renewal_days is only valid when subscription_triggers contains CLOSE_TO_RENEWAL");
    }
  }
  const bool any_oauth2 = record.oauth2_authentication_url || record.oauth2_client_id ||
                          record.oauth2_client_secret || record.oauth2_grant_type;
  const bool all_oauth2 = record.oauth2_authentication_url && record.oauth2_client_id &&
                          record.oauth2_client_secret && record.oauth2_grant_type;
  if (any_oauth2 && (!all_oauth2 || record.oauth2_authentication_url->rfind("https://", 0) != 0)) {
    invalid_oauth2();
  }
}

// Yuno's rendering: every field, secrets as "***" (null when not configured).
json render(const WebhookRecord& record, const std::string& account_id) {
  auto masked = [](const std::optional<std::string>& value) {
    return value ? json("***") : json(nullptr);
  };
  auto plain = [](const std::optional<std::string>& value) {
    return value ? json(*value) : json(nullptr);
  };
  auto list = [](const std::optional<std::vector<std::string>>& value, bool empty_when_unset) {
    if (value) return json(*value);
    return empty_when_unset ? json::array() : json(nullptr);
  };
  return json{
      {"id", record.id},
      {"account_id", account_id},
      {"name", record.name},
      {"state", record.state},
      {"url", record.url},
      {"api_key", masked(record.api_key)},
      {"secret", masked(record.secret)},
      {"hmac_client_secret", masked(record.hmac_client_secret)},
      {"oauth2_authentication_url", plain(record.oauth2_authentication_url)},
      {"oauth2_client_secret", masked(record.oauth2_client_secret)},
      {"oauth2_client_id", plain(record.oauth2_client_id)},
      {"oauth2_grant_type", plain(record.oauth2_grant_type)},
      {"oauth2_scope", plain(record.oauth2_scope)},
      {"oauth2_authorization_name", plain(record.oauth2_authorization_name)},
      {"oauth2_include_client_id", record.oauth2_include_client_id},
      {"enrollment_triggers", list(record.enrollment_triggers, true)},
      {"payment_triggers", list(record.payment_triggers, true)},
      {"report_triggers", list(record.report_triggers, true)},
      {"subscription_triggers", list(record.subscription_triggers, false)},
      {"onboarding_triggers", list(record.onboarding_triggers, false)},
      {"renewal_days", record.renewal_days ? json(*record.renewal_days) : json(nullptr)},
      {"created_at", record.created_at},
      {"updated_at", record.updated_at},
  };
}

ApiResponse webhook_response(int status, const WebhookRecord& record, const ApiContext& context) {
  return json_response(status, dump_json(render(record, context.config.account_id)));
}

}  // namespace

ApiResponse list_webhooks(ApiContext& context, const ApiRequest& request, const PathParams&) {
  check_account(context, request.query_param("account_id"));
  const std::string* state = request.query_param("state");
  if (state != nullptr) check_state(*state);
  json out = json::array();
  for (const WebhookRecord& record : context.webhooks.list()) {
    if (state == nullptr || record.state == *state) {
      out.push_back(render(record, context.config.account_id));
    }
  }
  return json_response(200, dump_json(out));
}

ApiResponse create_webhook(ApiContext& context, const ApiRequest& request, const PathParams&) {
  const json body = parse_body(request);
  auto required = [&](const char* key) {
    const json* value = field(body, key);
    return value != nullptr && !(value->is_string() && value->get_ref<const std::string&>().empty());
  };
  if (!required("account_id") || !required("name") || !required("url")) {
    invalid_request("account_id, name and url are required.");
  }
  const auto account_id = text(body, "account_id");
  check_account(context, &*account_id);
  WebhookRecord record;
  read_common(body, record);
  // oauth2_scope is not in Yuno's create schema, but a webhook has one: kept when sent.
  if (auto scope = text(body, "oauth2_scope")) record.oauth2_scope = std::move(*scope);
  check_record(record);
  return webhook_response(201, context.webhooks.add(std::move(record)), context);
}

ApiResponse retrieve_webhook(ApiContext& context, const ApiRequest& request,
                             const PathParams& params) {
  check_account(context, request.query_param("account_id"));
  const auto record = context.webhooks.find(params[0]);
  if (!record) not_found();
  return webhook_response(200, *record, context);
}

ApiResponse update_webhook(ApiContext& context, const ApiRequest& request,
                           const PathParams& params) {
  const json body = parse_body(request);
  const json* account = field(body, "account_id");
  if (account != nullptr && !account->is_string()) invalid_request("account_id must be a string.");
  check_account(context, account == nullptr ? nullptr : &account->get_ref<const std::string&>());
  const auto state = text(body, "state");
  if (state) check_state(*state);
  const auto clear_renewal_days = flag(body, "clear_renewal_days");
  if (clear_renewal_days && field(body, "renewal_days") != nullptr) {
    invalid_request("renewal_days and clear_renewal_days cannot be set together.");
  }
  // Read and check every field before looking the webhook up, so a bad body is refused
  // the same whether or not the webhook exists.
  WebhookRecord changes;
  read_common(body, changes);
  const auto scope = text(body, "oauth2_scope");

  const WebhookRecord updated = context.webhooks.update(params[0], [&](WebhookRecord& record) {
    read_common(body, record);
    if (scope) record.oauth2_scope = *scope;
    if (state) record.state = *state;
    if (clear_renewal_days.value_or(false)) record.renewal_days.reset();
    check_record(record);
  });
  return webhook_response(200, updated, context);
}

ApiResponse delete_webhook(ApiContext& context, const ApiRequest& request,
                           const PathParams& params) {
  check_account(context, request.query_param("account_id"));
  const auto record = context.webhooks.remove(params[0]);
  if (!record) not_found();
  return webhook_response(200, *record, context);
}

}  // namespace yuno::sandbox
