// Checkout sessions and card tokens: POST/GET/PATCH /v1/checkout/sessions[/{id}],
// GET /v1/checkout/sessions/{id}/payment-methods, POST /v1/checkout/sessions/{id}/token,
// POST /v1/tokens.
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

std::optional<SessionAmount> read_session_amount(Fields& body, std::string_view key) {
  auto amount = body.object(key);
  if (!amount) return std::nullopt;
  SessionAmount out;
  auto currency = amount->currency("currency", Need::kRequired);
  out.value = amount->amount("value");
  if (!currency) return std::nullopt;
  out.currency = *currency;
  return out;
}

std::optional<std::string> read_workflow(Fields& body) {
  auto workflow = body.text("workflow", Need::kOptional, 1, 64);
  if (workflow && *workflow != "SDK_CHECKOUT" && *workflow != "CHECKOUT" &&
      *workflow != "SDK_SEAMLESS") {
    body.errors().invalid(body.name("workflow"), "must be SDK_CHECKOUT, CHECKOUT or SDK_SEAMLESS");
    return std::nullopt;
  }
  return workflow;
}

// The session fields a create or an update may set (an update only changes what it sends).
struct SessionFields {
  std::optional<std::string> account_id;
  std::optional<std::string> merchant_order_id;
  std::optional<std::string> payment_description;
  std::optional<std::string> country;
  std::optional<std::string> customer_id;
  std::optional<std::string> callback_url;
  std::optional<SessionAmount> amount;
  std::optional<SessionAmount> alternative_amount;
  std::optional<json> metadata;
  std::optional<std::string> workflow;
  std::optional<json> installments;
  std::optional<json> recurring_payment;
  std::optional<std::string> checkout_id;
};

SessionFields read_session(Fields& body, Need need, const std::string& configured_account) {
  SessionFields out;
  out.account_id = body.text("account_id", need, 1, 64);
  check_account(body, out.account_id, configured_account);
  out.merchant_order_id = body.text("merchant_order_id", need, 3, 255);
  out.payment_description = body.text("payment_description", need, 3, 255);
  out.country = body.country("country", need);
  out.customer_id = body.text("customer_id", Need::kOptional, 1, 64);
  out.callback_url = body.text("callback_url", Need::kOptional, 3, 526);
  out.amount = read_session_amount(body, "amount");
  out.alternative_amount = read_session_amount(body, "alternative_amount");
  out.metadata = body.metadata("metadata", kMaxMetadata);
  out.workflow = read_workflow(body);
  out.installments = body.any_object("installments");
  out.recurring_payment = body.any_object("recurring_payment");
  out.checkout_id = body.text("checkout_id", Need::kOptional, 1, 64);
  return out;
}

void apply(CheckoutSessionRecord& session, SessionFields&& fields) {
  if (fields.account_id) session.account_id = std::move(*fields.account_id);
  if (fields.merchant_order_id) session.merchant_order_id = std::move(*fields.merchant_order_id);
  if (fields.payment_description) {
    session.payment_description = std::move(*fields.payment_description);
  }
  if (fields.country) session.country = std::move(*fields.country);
  if (fields.customer_id) session.customer_id = std::move(fields.customer_id);
  if (fields.callback_url) session.callback_url = std::move(fields.callback_url);
  if (fields.amount) session.amount = std::move(fields.amount);
  if (fields.alternative_amount) session.alternative_amount = std::move(fields.alternative_amount);
  if (fields.metadata) session.metadata = std::move(*fields.metadata);
  if (fields.workflow) session.workflow = std::move(*fields.workflow);
  if (fields.installments) session.installments = std::move(*fields.installments);
  if (fields.recurring_payment) session.recurring_payment = std::move(*fields.recurring_payment);
  if (fields.checkout_id) session.checkout_id = std::move(fields.checkout_id);
}

void check_customer(const Store& store, const std::optional<std::string>& customer_id) {
  if (customer_id && store.customers.count(*customer_id) == 0) {
    throw ApiError(400, "CUSTOMER_NOT_FOUND", "Customer not found.");
  }
}

CheckoutSessionRecord& find_session(Store& store, const std::string& id) {
  const auto it = store.sessions.find(id);
  if (it == store.sessions.end()) {
    throw ApiError(400, "CHECKOUT_SESSION_NOT_FOUND", "Checkout session not found.");
  }
  return it->second;
}

CardTokenRecord new_token(CardSummary card) {
  CardTokenRecord token;
  token.token = new_uuid();
  token.card = std::move(card);
  token.created_at = now_timestamp();
  return token;
}

}  // namespace

ApiResponse create_session(ApiContext& context, const ApiRequest& request, const PathParams&) {
  const ParsedJson document = parse_request_json(request.body);
  FieldErrors errors;
  Fields body(document, errors);
  SessionFields fields = read_session(body, Need::kRequired, context.config.account_id);
  errors.raise();

  auto lock = context.store.lock();
  check_customer(context.store, fields.customer_id);
  CheckoutSessionRecord session;
  session.id = new_uuid();
  session.created_at = now_timestamp();
  apply(session, std::move(fields));
  const auto& stored = context.store.sessions.emplace(session.id, std::move(session)).first->second;
  return json_response(200, dump_json(session_json(stored, "checkout_session")));
}

ApiResponse retrieve_session(ApiContext& context, const ApiRequest&, const PathParams& params) {
  auto lock = context.store.lock();
  return json_response(200, dump_json(session_json(find_session(context.store, params[0]), "id")));
}

ApiResponse update_session(ApiContext& context, const ApiRequest& request,
                           const PathParams& params) {
  const ParsedJson document = parse_request_json(request.body);
  FieldErrors errors;
  Fields body(document, errors);
  SessionFields fields = read_session(body, Need::kOptional, context.config.account_id);
  errors.raise();

  auto lock = context.store.lock();
  CheckoutSessionRecord& session = find_session(context.store, params[0]);
  check_customer(context.store, fields.customer_id);
  apply(session, std::move(fields));
  return json_response(200, dump_json(session_json(session, "checkout_session")));
}

ApiResponse list_session_payment_methods(ApiContext& context, const ApiRequest& request,
                                         const PathParams& params) {
  const std::string* category = request.query_param("category");
  auto lock = context.store.lock();
  const CheckoutSessionRecord& session = find_session(context.store, params[0]);
  return json_response(200, dump_json(session_payment_methods_json(session, category)));
}

ApiResponse create_session_token(ApiContext& context, const ApiRequest& request,
                                 const PathParams& params) {
  const ParsedJson document = parse_request_json(request.body);
  FieldErrors errors;
  Fields body(document, errors);
  check_account(body, body.text("account_id", Need::kOptional, 1, 64), context.config.account_id);
  std::optional<CardSummary> card;
  if (auto method = body.object("payment_method", Need::kRequired)) {
    const auto type = method->text("type", Need::kRequired, 1, 64);
    if (type && *type != "CARD") {
      errors.invalid(method->name("type"), "must be CARD (yuno-sandbox tokenizes cards only)");
    }
    // The card goes in payment_method.card (Yuno's example repeats it in card_data).
    if (auto fields = method->object("card")) {
      card = read_card(*fields, Need::kOptional);
    } else if (auto data = body.object("card_data")) {
      card = read_card(*data, Need::kOptional);
    } else {
      errors.missing(method->name("card"));
    }
  }
  errors.raise();
  if (!card) throw ApiError(400, "MISSING_PARAMETERS", "payment_method.card is required");

  auto lock = context.store.lock();
  const CheckoutSessionRecord& session = find_session(context.store, params[0]);
  CardTokenRecord token = new_token(std::move(*card));
  token.checkout_session = session.id;
  token.country = session.country;
  const auto& stored = context.store.tokens.emplace(token.token, std::move(token)).first->second;
  return json_response(201, dump_json(session_token_json(stored)));
}

ApiResponse create_direct_token(ApiContext& context, const ApiRequest& request,
                                const PathParams&) {
  const ParsedJson document = parse_request_json(request.body);
  FieldErrors errors;
  Fields body(document, errors);
  check_account(body, body.text("account_id", Need::kRequired, 1, 64), context.config.account_id);
  const auto country = body.country("country");
  body.any_object("customer_payer");
  std::optional<CardSummary> card;
  if (auto data = body.object("card_data", Need::kRequired)) card = read_card(*data, Need::kOptional);
  errors.raise();
  if (!card) throw ApiError(400, "MISSING_PARAMETERS", "card_data is required");

  CardTokenRecord token = new_token(std::move(*card));
  token.country = country;
  auto lock = context.store.lock();
  const auto& stored = context.store.tokens.emplace(token.token, std::move(token)).first->second;
  return json_response(201, dump_json(direct_token_json(stored)));
}

}  // namespace yuno::sandbox
