// yuno::YunoClient: the entry point.
#pragma once

#include <memory>
#include <string>

#include "yuno/checkout_sessions.hpp"
#include "yuno/client_options.hpp"
#include "yuno/customer_sessions.hpp"
#include "yuno/customers.hpp"
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
///   yuno::YunoClient client(yuno::ClientOptions::from_env());
///   auto customer = client.customers().create({/*merchant_customer_id=*/"c-123"});
class YunoClient {
 public:
  /// Validates the options; throws yuno::ConfigurationError naming the bad option.
  explicit YunoClient(ClientOptions options);

  CustomersClient customers() const;
  CheckoutSessionsClient checkout_sessions() const;
  PaymentsClient payments() const;
  CustomerSessionsClient customer_sessions() const;
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
