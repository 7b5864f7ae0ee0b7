// Customers: POST/GET/PATCH/DELETE /v1/customers[/{customer_id}] and
// GET /v1/customers?merchant_customer_id=...
#include <string_view>
#include <vector>

#include "api_handlers.hpp"
#include "ids.hpp"
#include "json_io.hpp"
#include "render.hpp"
#include "validation.hpp"

namespace yuno::sandbox {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxMetadata = 120;

// An object of string fields (document, phone, addresses) with every known key, null when
// unset; null when the object is absent. Unknown keys are dropped.
std::optional<json> string_object(Fields& parent, std::string_view key,
                                  const std::vector<std::string_view>& keys) {
  auto fields = parent.object(key);
  if (!fields) return std::nullopt;
  json out = json::object();
  for (std::string_view name : keys) {
    auto value = fields->text(name, Need::kOptional, 0, 255);
    out[std::string(name)] = value ? json(*value) : json(nullptr);
  }
  return out;
}

const std::vector<std::string_view> kAddressKeys = {
    "address_line_1", "address_line_2", "building_number_1", "building_number_2", "city",
    "country",        "state",          "zip_code",          "neighborhood"};

// The profile fields present in `body` (all of them, null when unset, if `complete`).
json read_profile(Fields& body, bool complete) {
  json profile = json::object();
  auto put = [&](std::string_view key, std::optional<json> value) {
    if (value) {
      profile[std::string(key)] = std::move(*value);
    } else if (complete) {
      profile[std::string(key)] = nullptr;
    }
  };
  auto text = [&](std::string_view key, std::size_t min, std::size_t max) {
    auto value = body.text(key, Need::kOptional, min, max);
    return value ? std::optional<json>(*value) : std::nullopt;
  };
  auto country = [&](std::string_view key) {
    auto value = body.country(key);
    return value ? std::optional<json>(*value) : std::nullopt;
  };
  put("merchant_customer_created_at", text("merchant_customer_created_at", 0, 64));
  put("first_name", text("first_name", 1, 255));
  put("last_name", text("last_name", 1, 255));
  put("gender", text("gender", 1, 16));
  auto birth = body.text("date_of_birth", Need::kOptional, 0, 255);
  if (birth && (birth->size() != 10 || (*birth)[4] != '-' || (*birth)[7] != '-')) {
    body.errors().invalid(body.name("date_of_birth"), "must be YYYY-MM-DD");
    birth.reset();
  }
  put("date_of_birth", birth ? std::optional<json>(*birth) : std::nullopt);
  put("email", text("email", 3, 255));
  put("nationality", country("nationality"));
  put("country", country("country"));
  put("document", string_object(body, "document", {"document_type", "document_number"}));
  put("phone", string_object(body, "phone", {"country_code", "number"}));
  put("billing_address", string_object(body, "billing_address", kAddressKeys));
  put("shipping_address", string_object(body, "shipping_address", kAddressKeys));
  put("metadata", body.metadata("metadata", kMaxMetadata));
  return profile;
}

CustomerRecord& find_customer_record(Store& store, const std::string& id) {
  const auto it = store.customers.find(id);
  if (it == store.customers.end()) throw ApiError(400, "CUSTOMER_NOT_FOUND", "Customer not found.");
  return it->second;
}

[[noreturn]] void duplicated() {
  throw ApiError(400, "CUSTOMER_ID_DUPLICATED",
                 "A customer with this merchant_customer_id already exists.");
}

}  // namespace

ApiResponse create_customer(ApiContext& context, const ApiRequest& request, const PathParams&) {
  const ParsedJson document = parse_request_json(request.body);
  FieldErrors errors;
  Fields body(document, errors);
  const auto merchant_customer_id = body.text("merchant_customer_id", Need::kRequired, 3, 255);
  json profile = read_profile(body, true);
  errors.raise();

  auto lock = context.store.lock();
  if (context.store.customer_by_merchant_id.count(*merchant_customer_id) != 0) duplicated();
  CustomerRecord customer;
  customer.id = new_uuid();
  customer.merchant_customer_id = *merchant_customer_id;
  customer.profile = std::move(profile);
  customer.created_at = now_timestamp();
  customer.updated_at = customer.created_at;
  context.store.customer_by_merchant_id[customer.merchant_customer_id] = customer.id;
  const auto& stored = context.store.customers.emplace(customer.id, std::move(customer)).first->second;
  return json_response(201, dump_json(customer_json(stored)));
}

ApiResponse find_customer(ApiContext& context, const ApiRequest& request, const PathParams&) {
  const std::string* merchant_customer_id = request.query_param("merchant_customer_id");
  if (merchant_customer_id == nullptr || merchant_customer_id->empty()) {
    throw ApiError(400, "MISSING_PARAMETERS", "merchant_customer_id is required");
  }
  auto lock = context.store.lock();
  const auto it = context.store.customer_by_merchant_id.find(*merchant_customer_id);
  if (it == context.store.customer_by_merchant_id.end()) {
    throw ApiError(400, "CUSTOMER_NOT_FOUND", "Customer not found.");
  }
  return json_response(200, dump_json(customer_json(find_customer_record(context.store, it->second))));
}

ApiResponse retrieve_customer(ApiContext& context, const ApiRequest&, const PathParams& params) {
  auto lock = context.store.lock();
  return json_response(200, dump_json(customer_json(find_customer_record(context.store, params[0]))));
}

ApiResponse update_customer(ApiContext& context, const ApiRequest& request,
                            const PathParams& params) {
  const ParsedJson document = parse_request_json(request.body);
  FieldErrors errors;
  Fields body(document, errors);
  const auto merchant_customer_id = body.text("merchant_customer_id", Need::kOptional, 3, 255);
  json changes = read_profile(body, false);
  errors.raise();

  auto lock = context.store.lock();
  CustomerRecord& customer = find_customer_record(context.store, params[0]);
  if (merchant_customer_id && *merchant_customer_id != customer.merchant_customer_id) {
    if (context.store.customer_by_merchant_id.count(*merchant_customer_id) != 0) duplicated();
    context.store.customer_by_merchant_id.erase(customer.merchant_customer_id);
    context.store.customer_by_merchant_id[*merchant_customer_id] = customer.id;
    customer.merchant_customer_id = *merchant_customer_id;
  }
  for (auto it = changes.begin(); it != changes.end(); ++it) customer.profile[it.key()] = it.value();
  customer.updated_at = now_timestamp();
  return json_response(200, dump_json(customer_json(customer)));
}

ApiResponse delete_customer(ApiContext& context, const ApiRequest& request,
                            const PathParams& params) {
  const std::string* account_code = request.header("x-account-code");
  if (account_code == nullptr) account_code = request.header("account-code");
  if (account_code == nullptr || account_code->empty()) {
    throw ApiError(400, "MISSING_PARAMETERS", "x-account-code header is required");
  }
  if (*account_code != context.config.account_id) {
    throw ApiError(400, "INVALID_PARAMETERS",
                   "x-account-code does not match the account of these API keys");
  }
  auto lock = context.store.lock();
  CustomerRecord& customer = find_customer_record(context.store, params[0]);
  context.store.customer_by_merchant_id.erase(customer.merchant_customer_id);
  context.store.customers.erase(params[0]);
  return json_response(202, "");
}

}  // namespace yuno::sandbox
