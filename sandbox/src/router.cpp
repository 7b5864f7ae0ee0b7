#include "router.hpp"

#include <vector>

namespace yuno::sandbox {
namespace {

struct Route {
  std::string_view method;
  std::string_view pattern;  // "*" segments are path parameters
  Handler handler;
  bool idempotency_required;
};

const Route kRoutes[] = {
    {"POST", "/v1/customers", &create_customer, false},
    {"GET", "/v1/customers", &find_customer, false},
    {"GET", "/v1/customers/*", &retrieve_customer, false},
    {"PATCH", "/v1/customers/*", &update_customer, false},
    {"DELETE", "/v1/customers/*", &delete_customer, false},
    {"POST", "/v1/checkout/sessions", &create_session, false},
    {"GET", "/v1/checkout/sessions/*", &retrieve_session, false},
    {"PATCH", "/v1/checkout/sessions/*", &update_session, false},
    {"GET", "/v1/checkout/sessions/*/payment-methods", &list_session_payment_methods, false},
    {"POST", "/v1/checkout/sessions/*/token", &create_session_token, false},
    {"POST", "/v1/tokens", &create_direct_token, false},
    {"POST", "/v1/payments", &create_payment, true},
    {"GET", "/v1/payments", &find_payments, false},
    {"GET", "/v1/payments/*", &retrieve_payment, false},
    {"POST", "/v1/payments/*/transactions/*/capture", &capture_payment, false},
    {"POST", "/v1/payments/*/transactions/*/cancel", &cancel_payment, false},
    {"POST", "/v1/payments/*/transactions/*/refund", &refund_payment, false},
    {"POST", "/v1/payments/*/transactions/*/cancel-or-refund", &cancel_or_refund_transaction,
     false},
    {"POST", "/v1/payments/*/cancel-or-refund", &cancel_or_refund_payment, false},
    // Literal segments before "*" ones: /v1/customers/sessions is not a customer id.
    {"POST", "/v1/customers/sessions", &create_customer_session, false},
    {"POST", "/v1/customers/sessions/*/payment-methods", &enroll_in_session, false},
    {"GET", "/v1/checkout/customers/sessions/*/payment-methods", &list_methods_to_enroll, false},
    {"POST", "/v1/customers/payment-methods/*/unenroll", &unenroll_session_method, false},
    {"POST", "/v1/customers/*/payment-methods", &enroll_payment_method, false},
    {"GET", "/v1/customers/*/payment-methods", &list_enrolled_methods, false},
    {"GET", "/v1/customers/*/payment-methods/*", &retrieve_enrolled_method, false},
    {"POST", "/v1/customers/*/payment-methods/*/unenroll", &unenroll_method, false},
    {"GET", "/v1/payment-methods/*", &retrieve_payment_method, false},
    {"GET", "/v1/webhooks", &list_webhooks, false},
    {"POST", "/v1/webhooks", &create_webhook, false},
    {"GET", "/v1/webhooks/*", &retrieve_webhook, false},
    {"PATCH", "/v1/webhooks/*", &update_webhook, false},
    {"DELETE", "/v1/webhooks/*", &delete_webhook, false},
};

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/') return segments;
  path.remove_prefix(1);
  while (true) {
    const std::size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

// The routes' patterns, split once.
const std::vector<std::vector<std::string_view>>& patterns() {
  static const std::vector<std::vector<std::string_view>> split_patterns = [] {
    std::vector<std::vector<std::string_view>> out;
    for (const Route& route : kRoutes) out.push_back(split(route.pattern));
    return out;
  }();
  return split_patterns;
}

// Whether `segments` fit `wanted`; the "*" segments (never empty) go to `params`.
bool fits(const std::vector<std::string_view>& segments,
          const std::vector<std::string_view>& wanted, PathParams& params) {
  if (wanted.size() != segments.size()) return false;
  PathParams found;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (wanted[i] == "*") {
      if (segments[i].empty()) return false;
      found.emplace_back(segments[i]);
    } else if (wanted[i] != segments[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

RouteMatch match_route(std::string_view method, std::string_view path) {
  if (method == "HEAD") method = "GET";
  const std::vector<std::string_view> segments = split(path);
  RouteMatch match;
  const auto& split_patterns = patterns();
  for (std::size_t i = 0; i < split_patterns.size(); ++i) {
    const Route& route = kRoutes[i];
    PathParams params;
    if (!fits(segments, split_patterns[i], params)) continue;
    if (route.method != method) {
      if (match.allow.find(route.method) == std::string::npos) {
        if (!match.allow.empty()) match.allow += ", ";
        match.allow += route.method;
      }
      match.result = RouteMatch::Result::kWrongMethod;
      continue;
    }
    match.result = RouteMatch::Result::kFound;
    match.handler = route.handler;
    match.params = std::move(params);
    match.idempotent_write = method == "POST" || method == "PATCH";
    match.idempotency_required = route.idempotency_required;
    return match;
  }
  return match;
}

}  // namespace yuno::sandbox
