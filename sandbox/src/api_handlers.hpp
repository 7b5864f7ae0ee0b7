// The Yuno API endpoints the emulator answers (routed by SandboxApp). Every handler reads
// and validates its request, throws ApiError for a Yuno error answer, and returns the
// success response. Handlers never sleep with the store lock held.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "api_types.hpp"
#include "payments_engine.hpp"
#include "store.hpp"
#include "webhook_registry.hpp"

namespace yuno::sandbox {

struct ApiConfig {
  std::string account_id;  ///< the one account the keys belong to
  /// How long payment writes take (so a concurrent replay sees REQUEST_IN_PROCESS).
  std::chrono::milliseconds processing_delay{0};
};

/// What a handler works with.
struct ApiContext {
  Store& store;
  PaymentsEngine& payments;
  const ApiConfig& config;
  WebhookRegistry& webhooks;  ///< publish events here (store lock held, for their order)
  const std::string& idempotency_key;  ///< this request's X-Idempotency-Key, "" when none
};

/// The path parameters of the matched route, in order ({customer_id}, {payment_id}...).
using PathParams = std::vector<std::string>;

using Handler = ApiResponse (*)(ApiContext& context, const ApiRequest& request,
                                const PathParams& params);

// customers_api.cpp
ApiResponse create_customer(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse find_customer(ApiContext&, const ApiRequest&, const PathParams&);  // ?merchant_customer_id
ApiResponse retrieve_customer(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse update_customer(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse delete_customer(ApiContext&, const ApiRequest&, const PathParams&);

// checkout_api.cpp
ApiResponse create_session(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse retrieve_session(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse update_session(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse list_session_payment_methods(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse create_session_token(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse create_direct_token(ApiContext&, const ApiRequest&, const PathParams&);

// payments_api.cpp
ApiResponse create_payment(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse find_payments(ApiContext&, const ApiRequest&, const PathParams&);  // ?merchant_order_id
ApiResponse retrieve_payment(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse capture_payment(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse cancel_payment(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse refund_payment(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse cancel_or_refund_payment(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse cancel_or_refund_transaction(ApiContext&, const ApiRequest&, const PathParams&);

// enrollment_api.cpp: customer sessions and stored payment methods
ApiResponse create_customer_session(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse enroll_payment_method(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse enroll_in_session(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse list_methods_to_enroll(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse list_enrolled_methods(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse retrieve_enrolled_method(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse retrieve_payment_method(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse unenroll_method(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse unenroll_session_method(ApiContext&, const ApiRequest&, const PathParams&);

// webhook_admin_api.cpp: /v1/webhooks
ApiResponse list_webhooks(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse create_webhook(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse retrieve_webhook(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse update_webhook(ApiContext&, const ApiRequest&, const PathParams&);
ApiResponse delete_webhook(ApiContext&, const ApiRequest&, const PathParams&);

}  // namespace yuno::sandbox
