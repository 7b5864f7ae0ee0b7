/// @file
/// yuno::YunoClient: the entry point.
#pragma once

#include <memory>
#include <string>

#include "yuno/checkout_sessions.hpp"
#include "yuno/client_options.hpp"
#include "yuno/customer_sessions.hpp"
#include "yuno/customers.hpp"
#include "yuno/export.hpp"
#include "yuno/payment_methods.hpp"
#include "yuno/payments.hpp"
#include "yuno/webhook_endpoints.hpp"

namespace yuno {
namespace internal {
class ClientCore;
}

/// The Yuno API client. Construct once and share: it is immutable after construction,
/// safe to use from many threads at once, and reuses connections across calls.
/// Copies are cheap and share the same connections.
///
/// @code
///   yuno::YunoClient client(yuno::ClientOptions::from_env());
///   auto customer = client.customers().create({/*merchant_customer_id=*/"c-123"});
/// @endcode
class YUNO_API YunoClient {
 public:
  /// Validates the options; throws yuno::ConfigurationError naming the bad option.
  explicit YunoClient(ClientOptions options);

  /// Customers: create, retrieve, update, delete.
  CustomersClient customers() const;
  /// Checkout sessions, the payment methods they offer, one-time tokens.
  CheckoutSessionsClient checkout_sessions() const;
  /// Payments: create, retrieve, capture, cancel, refund.
  PaymentsClient payments() const;
  /// Customer sessions, for enrolling a payment method through Yuno's front-end SDK.
  CustomerSessionsClient customer_sessions() const;
  /// A customer's stored payment methods (enrollment, vaulted tokens).
  PaymentMethodsClient payment_methods() const;
  /// Managing the account's webhooks; verifying received events is yuno::webhooks.
  WebhooksClient webhooks() const;

  /// The environment in use (given, or inferred from the public key).
  Environment environment() const;
  /// The base URL requests go to, without /v1.
  const std::string& base_url() const;

 private:
  std::shared_ptr<const internal::ClientCore> core_;
};

}  // namespace yuno
