// Payments: POST /v1/payments, GET /v1/payments/{id}, GET /v1/payments?merchant_order_id=,
// and the transaction actions (capture, cancel, refund, cancel-or-refund). The state rules
// live in PaymentsEngine; this file reads and validates the requests.
#include <thread>

#include "api_handlers.hpp"
#include "card_input.hpp"
#include "json_io.hpp"
#include "validation.hpp"

namespace yuno::sandbox {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxMetadata = 120;

// Payment writes take this long (outside any lock), like a slow processor would.
void processing_delay(const ApiContext& context) {
  if (context.config.processing_delay.count() > 0) {
    std::this_thread::sleep_for(context.config.processing_delay);
  }
}

void read_customer_payer(Fields& body, NewPayment& out) {
  auto payer = body.object("customer_payer");
  if (!payer) return;
  out.customer_id = payer->text("id", Need::kOptional, 1, 64);
  payer->strings_only({"customer_id", "merchant_customer_id", "merchant_customer_created_at",
                       "first_name", "last_name", "gender", "date_of_birth", "email",
                       "nationality", "ip_address", "device_fingerprint"});
  for (const char* key : {"document", "phone", "billing_address", "shipping_address",
                          "browser_info", "merchant_customer_validations", "geolocation"}) {
    payer->any_object(key);
  }
  payer->array("device_fingerprints");
  out.customer_payer = payer->json();
}

void read_payment_method(Fields& body, NewPayment& out) {
  auto method = body.object("payment_method", Need::kRequired);
  if (!method) return;
  const bool back_to_back = out.workflow == "DIRECT" || out.workflow == "REDIRECT";
  out.token = method->text("token", Need::kOptional, 1, 64);
  out.vaulted_token = method->text("vaulted_token", Need::kOptional, 1, 64);
  out.vault_on_success = method->flag("vault_on_success").value_or(false);
  if (out.token && out.vaulted_token) {
    body.errors().invalid(method->name("vaulted_token"),
                          "send payment_method.token or payment_method.vaulted_token, not both");
  }
  if (out.vault_on_success && !out.vaulted_token && !out.customer_id) {
    // Yuno stores the card for customer_payer.id.
    body.errors().missing("customer_payer.id (required with payment_method.vault_on_success)");
  }
  const auto type =
      method->text("type", back_to_back && !out.token ? Need::kRequired : Need::kOptional, 1, 64);
  out.method_type = type.value_or(out.token || out.vaulted_token ? "" : "CARD");
  const bool card = out.method_type.empty() || out.method_type == "CARD";
  auto detail = method->object("detail");
  if (!card) {
    if (detail) out.method_detail = detail->json();
    return;
  }
  bool has_card_data = false;
  if (detail) {
    if (auto card_detail = detail->object("card")) {
      out.capture = card_detail->flag("capture").value_or(true);
      out.installments = card_detail->integer("installments", Need::kOptional, 1, 99).value_or(1);
      out.soft_descriptor = card_detail->text("soft_descriptor", Need::kOptional, 0, 255).value_or("");
      if (card_detail->flag("verify").value_or(false)) {
        body.errors().invalid(card_detail->name("verify"),
                              "true (card verification) is not emulated by yuno-sandbox");
      }
      if (auto data = card_detail->object("card_data")) {
        has_card_data = true;
        out.card = read_card(*data, Need::kRequired);
        if (out.token || out.vaulted_token) {
          body.errors().invalid(card_detail->name("card_data"),
                                "send card_data or a token / vaulted_token, not both");
        }
      }
    }
  }
  if (!has_card_data && !out.token && !out.vaulted_token) {
    body.errors().missing(method->name("token") + " (or payment_method.vaulted_token, or "
                                                  "payment_method.detail.card.card_data)");
  }
}

// Fields shared by the transaction actions.
PaymentAction read_action(Fields& body, const PathParams& params, Need merchant_reference,
                          Need amount) {
  PaymentAction action;
  action.payment_id = params.at(0);
  if (params.size() > 1) action.transaction_id = params[1];
  action.merchant_reference = body.text("merchant_reference", merchant_reference, 3, 255);
  action.description = body.text("description", Need::kOptional, 0, 255);
  if (auto money = body.object("amount", amount)) {
    action.amount = money->amount("value", Need::kRequired);
    action.currency = money->currency("currency");
  }
  return action;
}

}  // namespace

ApiResponse create_payment(ApiContext& context, const ApiRequest& request, const PathParams&) {
  const ParsedJson document = parse_request_json(request.body);
  FieldErrors errors;
  Fields body(document, errors);
  NewPayment payment;
  payment.idempotency_key = context.idempotency_key;
  const auto account_id = body.text("account_id", Need::kRequired, 1, 64);
  check_account(body, account_id, context.config.account_id);
  const auto description = body.text("description", Need::kRequired, 3, 255);
  const auto country = body.country("country", Need::kRequired);
  const auto merchant_order_id = body.text("merchant_order_id", Need::kRequired, 3, 255);
  payment.merchant_reference = body.text("merchant_reference", Need::kOptional, 3, 255);
  payment.callback_url = body.text("callback_url", Need::kOptional, 3, 526);
  std::optional<yuno::Decimal> value;
  std::optional<std::string> currency;
  if (auto amount = body.object("amount", Need::kRequired)) {
    currency = amount->currency("currency", Need::kRequired);
    value = amount->amount("value", Need::kRequired);
  }
  auto workflow = body.text("workflow", Need::kOptional, 1, 64);
  if (workflow && *workflow != "SDK_CHECKOUT" && *workflow != "CHECKOUT" &&
      *workflow != "SDK_SEAMLESS" && *workflow != "DIRECT" && *workflow != "REDIRECT") {
    errors.invalid(body.name("workflow"),
                   "must be SDK_CHECKOUT, CHECKOUT, SDK_SEAMLESS, DIRECT or REDIRECT");
  }
  payment.workflow = workflow.value_or("SDK_CHECKOUT");
  const bool back_to_back = payment.workflow == "DIRECT" || payment.workflow == "REDIRECT";
  if (auto checkout = body.object("checkout", back_to_back ? Need::kOptional : Need::kRequired)) {
    auto session = checkout->text("session", back_to_back ? Need::kOptional : Need::kRequired, 1, 64);
    if (session) payment.checkout_session = session;
  }
  read_customer_payer(body, payment);
  read_payment_method(body, payment);
  if (auto additional = body.any_object("additional_data")) payment.additional_data = *additional;
  if (auto metadata = body.metadata("metadata", kMaxMetadata)) payment.metadata = *metadata;
  if (const json* split = body.array("split_marketplace")) payment.split_marketplace = *split;
  if (auto fraud = body.any_object("fraud_screening")) payment.fraud_screening = *fraud;
  errors.raise();

  payment.account_id = *account_id;
  payment.description = *description;
  payment.country = *country;
  payment.merchant_order_id = *merchant_order_id;
  payment.value = *value;
  payment.currency = *currency;
  processing_delay(context);
  return json_response(201, context.payments.create(payment));
}

ApiResponse find_payments(ApiContext& context, const ApiRequest& request, const PathParams&) {
  const std::string* order = request.query_param("merchant_order_id");
  if (order == nullptr || order->empty()) {
    throw ApiError(400, "MISSING_PARAMETERS", "merchant_order_id is required");
  }
  return json_response(200, context.payments.list_by_order(*order));
}

ApiResponse retrieve_payment(ApiContext& context, const ApiRequest& request,
                             const PathParams& params) {
  const std::string* history = request.query_param("transactions_history");
  const bool with_history = history != nullptr && *history == "true";
  return json_response(200, context.payments.retrieve(params[0], with_history));
}

ApiResponse capture_payment(ApiContext& context, const ApiRequest& request,
                            const PathParams& params) {
  const ParsedJson document = parse_request_json(request.body);
  FieldErrors errors;
  Fields body(document, errors);
  PaymentAction action = read_action(body, params, Need::kRequired, Need::kRequired);
  action.reason = body.text("reason", Need::kOptional, 1, 255);
  body.any_object("additional_data");
  body.flag("simplified_mode");
  errors.raise();
  processing_delay(context);
  return json_response(200, context.payments.capture(action));
}

ApiResponse cancel_payment(ApiContext& context, const ApiRequest& request,
                           const PathParams& params) {
  const ParsedJson document = parse_request_json(request.body);
  FieldErrors errors;
  Fields body(document, errors);
  PaymentAction action = read_action(body, params, Need::kRequired, Need::kOptional);
  action.amount.reset();  // a cancellation releases the whole authorization
  action.currency.reset();
  action.reason = body.text("reason", Need::kOptional, 1, 255);
  body.any_object("response_additional_data");
  errors.raise();
  processing_delay(context);
  return json_response(200, context.payments.cancel(action));
}

ApiResponse refund_payment(ApiContext& context, const ApiRequest& request,
                           const PathParams& params) {
  const ParsedJson document = parse_request_json(request.body);
  FieldErrors errors;
  Fields body(document, errors);
  PaymentAction action = read_action(body, params, Need::kRequired, Need::kOptional);
  action.reason = body.text("reason", Need::kOptional, 1, 255);
  body.any_object("response_additional_data");
  body.any_object("customer_payer");
  body.any_object("payment_method");
  body.array("split_marketplace");
  body.flag("simplified_mode");
  errors.raise();
  processing_delay(context);
  return json_response(200, context.payments.refund(action));
}

ApiResponse cancel_or_refund_payment(ApiContext& context, const ApiRequest& request,
                                     const PathParams& params) {
  const ParsedJson document = parse_request_json(request.body);
  FieldErrors errors;
  Fields body(document, errors);
  PaymentAction action = read_action(body, params, Need::kOptional, Need::kOptional);
  action.reason = body.text("reason", Need::kRequired, 1, 255);
  body.any_object("response_additional_data");
  errors.raise();
  processing_delay(context);
  return json_response(201, context.payments.cancel_or_refund(action));
}

ApiResponse cancel_or_refund_transaction(ApiContext& context, const ApiRequest& request,
                                         const PathParams& params) {
  const ParsedJson document = parse_request_json(request.body);
  FieldErrors errors;
  Fields body(document, errors);
  PaymentAction action = read_action(body, params, Need::kOptional, Need::kOptional);
  action.reason = body.text("reason", Need::kOptional, 1, 255);
  body.any_object("response_additional_data");
  errors.raise();
  processing_delay(context);
  return json_response(201, context.payments.cancel_or_refund(action));
}

}  // namespace yuno::sandbox
