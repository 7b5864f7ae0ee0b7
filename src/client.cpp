#include "yuno/client.hpp"

#include "internal/client_core.hpp"

namespace yuno {

YunoClient::YunoClient(ClientOptions options)
    : core_(std::make_shared<const internal::ClientCore>(std::move(options))) {}

CustomersClient YunoClient::customers() const { return CustomersClient(core_); }

CheckoutSessionsClient YunoClient::checkout_sessions() const {
  return CheckoutSessionsClient(core_);
}

PaymentsClient YunoClient::payments() const { return PaymentsClient(core_); }

CustomerSessionsClient YunoClient::customer_sessions() const {
  return CustomerSessionsClient(core_);
}

PaymentMethodsClient YunoClient::payment_methods() const { return PaymentMethodsClient(core_); }

WebhooksClient YunoClient::webhooks() const { return WebhooksClient(core_); }

Environment YunoClient::environment() const { return core_->environment(); }

const std::string& YunoClient::base_url() const { return core_->base_url(); }

}  // namespace yuno
