// Customer sessions and stored payment methods (enrollment):
//   POST /v1/customers/sessions
//   POST /v1/customers/sessions/{customer_session}/payment-methods   (READY_TO_ENROLL)
//   GET  /v1/checkout/customers/sessions/{customer_session}/payment-methods
//   POST /v1/customers/{customer_id}/payment-methods                  (direct: a card)
//   GET  /v1/customers/{customer_id}/payment-methods[/{payment_method_id}]
//   GET  /v1/payment-methods/{payment_method_id}
//   POST /v1/customers/{customer_id}/payment-methods/{payment_method_id}/unenroll
//   POST /v1/customers/payment-methods/{payment_method_id}/unenroll
// A {payment_method_id} may be the method's id or its vaulted_token (Yuno's documents use
// both). The stored cards and their events live in PaymentsEngine; this file reads and
// validates the requests.
#include <string_view>

#include "api_handlers.hpp"
#include "card_input.hpp"
#include "ids.hpp"
#include "json_io.hpp"
#include "render.hpp"
#include "validation.hpp"

namespace yuno::sandbox {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxMetadata = 120;

const CustomerRecord& find_customer(const Store& store, const std::string& id) {
  const auto it = store.customers.find(id);
  if (it == store.customers.end()) throw ApiError(400, "CUSTOMER_NOT_FOUND", "Customer not found.");
  return it->second;
}

const CustomerSessionRecord& find_customer_session(const Store& store, const std::string& id) {
  const auto it = store.customer_sessions.find(id);
  if (it == store.customer_sessions.end()) {
    throw ApiError(400, "CUSTOMER_SESSION_NOT_FOUND", "Customer session not found.");
  }
  return it->second;
}

[[noreturn]] void method_not_found() {
  throw ApiError(404, "PAYMENT_METHOD_NOT_FOUND", "Payment method not found.");
}

PaymentMethodRecord& find_method(Store& store, const std::string& id_or_token) {
  PaymentMethodRecord* method = store.find_method(id_or_token);
  if (method == nullptr) method_not_found();
  return *method;
}

// A method of this customer (another customer's is not found, as Yuno scopes it).
PaymentMethodRecord& find_customer_method(Store& store, const std::string& customer_id,
                                          const std::string& id_or_token) {
  find_customer(store, customer_id);
  PaymentMethodRecord& method = find_method(store, id_or_token);
  if (method.customer_id != customer_id) method_not_found();
  return method;
}

// `customer_payer` of a stored method: the customer's profile, overlaid with what the
// request sent.
json customer_payer_of(const CustomerRecord& customer, const std::optional<json>& sent) {
  json payer = json::object();
  for (const char* key : {"first_name", "last_name", "email", "gender", "date_of_birth",
                          "document", "phone", "billing_address"}) {
    const auto it = customer.profile.find(key);
    if (it != customer.profile.end() && !it->is_null()) payer[key] = *it;
  }
  if (sent) {
    for (auto it = sent->begin(); it != sent->end(); ++it) payer[it.key()] = it.value();
  }
  return payer;
}

// The `verify` object of an enrollment request.
struct Verification {
  bool vault_on_success = false;
  std::optional<std::string> currency;
  json metadata = json::array();
};

std::optional<Verification> read_verify(Fields& body) {
  auto verify = body.object("verify");
  if (!verify) return std::nullopt;
  Verification out;
  out.vault_on_success = verify->flag("vault_on_success", Need::kRequired).value_or(false);
  out.currency = verify->currency("currency");
  if (auto metadata = verify->metadata("metadata", kMaxMetadata)) out.metadata = *metadata;
  return out;
}

void require_card_type(Fields& body, const std::optional<std::string>& type,
                       std::string_view key) {
  if (type && *type != "CARD") {
    body.errors().invalid(body.name(key), "must be CARD (yuno-sandbox enrolls cards only)");
  }
}

ApiResponse method_response(ApiContext& context, int status, const PaymentMethodRecord& method) {
  return json_response(status, dump_json(context.payments.method_json(method)));
}

}  // namespace

ApiResponse create_customer_session(ApiContext& context, const ApiRequest& request,
                                    const PathParams&) {
  const ParsedJson document = parse_request_json(request.body);
  FieldErrors errors;
  Fields body(document, errors);
  check_account(body, body.text("account_id", Need::kRequired, 1, 64), context.config.account_id);
  const auto country = body.country("country", Need::kRequired);
  const auto customer_id = body.text("customer_id", Need::kRequired, 1, 64);
  const auto callback_url = body.text("callback_url", Need::kOptional, 3, 526);
  const auto checkout_id = body.text("checkout_id", Need::kOptional, 1, 64);
  errors.raise();

  auto lock = context.store.lock();
  find_customer(context.store, *customer_id);
  CustomerSessionRecord session;
  session.id = new_uuid();
  session.customer_id = *customer_id;
  session.country = *country;
  session.callback_url = callback_url;
  session.checkout_id = checkout_id;
  session.created_at = now_timestamp();
  const auto& stored =
      context.store.customer_sessions.emplace(session.id, std::move(session)).first->second;
  return json_response(201, dump_json(customer_session_json(stored)));
}

ApiResponse enroll_in_session(ApiContext& context, const ApiRequest& request,
                              const PathParams& params) {
  const ParsedJson document = parse_request_json(request.body);
  FieldErrors errors;
  Fields body(document, errors);
  check_account(body, body.text("account_id", Need::kRequired, 1, 64), context.config.account_id);
  const auto type = body.text("payment_method_type", Need::kRequired, 3, 255);
  require_card_type(body, type, "payment_method_type");
  const auto country = body.country("country", Need::kRequired);
  body.flag("account_updater");
  const auto verify = read_verify(body);
  errors.raise();

  auto lock = context.store.lock();
  const CustomerSessionRecord& session = find_customer_session(context.store, params[0]);
  const CustomerRecord& customer = find_customer(context.store, session.customer_id);
  PaymentMethodRecord method;
  method.id = new_uuid();
  method.account_id = context.config.account_id;
  method.customer_id = customer.id;
  method.idempotency_key = context.idempotency_key;
  method.type = *type;
  method.country = *country;
  method.status = "READY_TO_ENROLL";
  method.callback_url = session.callback_url;
  method.enrollment_session = session.id;
  method.customer_payer = customer_payer_of(customer, std::nullopt);
  if (verify) {
    method.vault_on_success = verify->vault_on_success;
    if (verify->vault_on_success) method.verify_currency = verify->currency;
  }
  method.created_at = now_timestamp();
  method.updated_at = method.created_at;
  context.store.methods_by_customer[method.customer_id].push_back(method.id);
  const auto& stored =
      context.store.payment_methods.emplace(method.id, std::move(method)).first->second;
  return method_response(context, 201, stored);
}

ApiResponse list_methods_to_enroll(ApiContext& context, const ApiRequest&,
                                   const PathParams& params) {
  auto lock = context.store.lock();
  const CustomerSessionRecord& session = find_customer_session(context.store, params[0]);
  return json_response(200, dump_json(methods_to_enroll_json(session)));
}

ApiResponse enroll_payment_method(ApiContext& context, const ApiRequest& request,
                                  const PathParams& params) {
  const ParsedJson document = parse_request_json(request.body);
  FieldErrors errors;
  Fields body(document, errors);
  check_account(body, body.text("account_id", Need::kRequired, 1, 64), context.config.account_id);
  const auto country = body.country("country", Need::kRequired);
  const auto type = body.text("type", Need::kRequired, 3, 255);
  require_card_type(body, type, "type");
  const auto workflow = body.text("workflow", Need::kOptional, 1, 64);
  if (workflow && *workflow != "DIRECT") errors.invalid(body.name("workflow"), "must be DIRECT");
  const auto callback_url = body.text("callback_url", Need::kOptional, 3, 526);
  const auto token = body.text("token", Need::kOptional, 1, 64);
  body.text("parent_type", Need::kOptional, 1, 255);
  body.flag("account_updater");
  std::optional<CardSummary> card;
  auto data = body.object("card_data");
  if (data) card = read_card(*data, Need::kOptional, Need::kRequired);
  const bool has_card_data = data.has_value();
  if (has_card_data && token) {
    errors.invalid(body.name("token"), "send card_data or token, not both");
  } else if (!has_card_data && !token) {
    errors.missing(body.name("card_data") + " (or token)");
  }
  const auto customer_payer = body.any_object("customer_payer");
  body.any_object("payment_method");
  if (body.any_object("provider_data")) {
    errors.invalid(body.name("provider_data"),
                   "token migration and provider tokens are not emulated by yuno-sandbox");
  }
  const auto verify = read_verify(body);
  errors.raise();

  auto lock = context.store.lock();
  const CustomerRecord& customer = find_customer(context.store, params[0]);
  if (token) {
    const auto it = context.store.tokens.find(*token);
    if (it == context.store.tokens.end()) {
      throw ApiError(400, "INVALID_PARAMETERS", "token is unknown or expired");
    }
    if (it->second.used) throw ApiError(400, "TOKEN_IN_USE", "token was already used");
    card = it->second.card;
    it->second.used = true;
  }
  NewStoredCard stored_card;
  stored_card.account_id = context.config.account_id;
  stored_card.customer_id = customer.id;
  stored_card.country = *country;
  stored_card.card = std::move(*card);
  stored_card.idempotency_key = context.idempotency_key;
  stored_card.callback_url = callback_url;
  stored_card.customer_payer = customer_payer_of(customer, customer_payer);
  if (verify && verify->vault_on_success) {
    stored_card.verify = true;
    stored_card.verify_currency = verify->currency;
    stored_card.verify_metadata = verify->metadata;
  }
  const PaymentMethodRecord& method = context.payments.store_card(stored_card);
  if (method.status == "ENROLLED") context.payments.publish_enrollment(method, "enrollment.enroll");
  return method_response(context, 201, method);
}

ApiResponse list_enrolled_methods(ApiContext& context, const ApiRequest&,
                                  const PathParams& params) {
  auto lock = context.store.lock();
  find_customer(context.store, params[0]);
  json methods = json::array();
  const auto ids = context.store.methods_by_customer.find(params[0]);
  if (ids != context.store.methods_by_customer.end()) {
    for (const std::string& id : ids->second) {
      const auto it = context.store.payment_methods.find(id);
      // Only what can pay: READY_TO_ENROLL, DECLINED and UNENROLLED methods are left out.
      if (it == context.store.payment_methods.end() || it->second.status != "ENROLLED") continue;
      methods.push_back(context.payments.method_json(it->second));
    }
  }
  return json_response(200, dump_json(json{{"payment_methods", std::move(methods)}}));
}

ApiResponse retrieve_enrolled_method(ApiContext& context, const ApiRequest&,
                                     const PathParams& params) {
  auto lock = context.store.lock();
  return method_response(context, 200, find_customer_method(context.store, params[0], params[1]));
}

ApiResponse retrieve_payment_method(ApiContext& context, const ApiRequest&,
                                    const PathParams& params) {
  auto lock = context.store.lock();
  return method_response(context, 200, find_method(context.store, params[0]));
}

ApiResponse unenroll_method(ApiContext& context, const ApiRequest&, const PathParams& params) {
  auto lock = context.store.lock();
  PaymentMethodRecord& method = find_customer_method(context.store, params[0], params[1]);
  context.payments.unenroll(method);
  return method_response(context, 200, method);
}

ApiResponse unenroll_session_method(ApiContext& context, const ApiRequest&,
                                    const PathParams& params) {
  auto lock = context.store.lock();
  PaymentMethodRecord& method = find_method(context.store, params[0]);
  context.payments.unenroll(method);
  return method_response(context, 200, method);
}

}  // namespace yuno::sandbox
