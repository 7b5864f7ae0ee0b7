// docs/payment-flow.md: each step of the flow as a function. The guide quotes the regions
// between `// [name]` markers (check_snippets.sh keeps them equal).
#include <iostream>
#include <string>
#include <vector>

#include <yuno/yuno.hpp>

namespace docs {

yuno::Customer create_customer(const yuno::YunoClient& client) {
  // [customer]
  yuno::CreateCustomerRequest request;
  request.merchant_customer_id = "customer-8817";  // your id for this customer, unique
  request.first_name = "John";
  request.last_name = "Doe";
  request.email = "john.doe@example.com";
  request.country = "US";
  yuno::Customer customer = client.customers().create(request);
  // Later: client.customers().retrieve(customer.id), or by your own id:
  // client.customers().retrieve_by_merchant_customer_id("customer-8817")
  // [customer]
  return customer;
}

yuno::CheckoutSession create_session(const yuno::YunoClient& client,
                                     const yuno::Customer& customer) {
  // [session]
  yuno::CreateCheckoutSessionRequest request;  // account_id: ClientOptions::account_id
  request.merchant_order_id = "order-1001";
  request.payment_description = "Order 1001";
  request.country = "US";
  request.customer_id = customer.id;
  request.amount = yuno::CheckoutAmount{};
  request.amount->currency = "USD";
  request.amount->value = yuno::Decimal::parse("100.00");
  yuno::CheckoutSession session = client.checkout_sessions().create(request);
  // session.id goes to your front end, where Yuno's SDK shows the payment methods.
  // [session]
  return session;
}

void list_methods(const yuno::YunoClient& client, const yuno::CheckoutSession& session) {
  // [methods]
  for (const yuno::CheckoutPaymentMethod& method :
       client.checkout_sessions().payment_methods(session.id)) {
    std::cout << method.type.value_or("?") << " " << method.name.value_or("") << "\n";
    if (method.vaulted_token) std::cout << "  stored: " << *method.vaulted_token << "\n";
  }
  // [methods]
}

yuno::Payment authorize(const yuno::YunoClient& client, const yuno::CheckoutSession& session,
                        const yuno::Customer& customer, const std::string& one_time_token) {
  // [payment]
  yuno::CreatePaymentRequest request;  // account_id: ClientOptions::account_id
  request.description = "Order 1001";
  request.country = "US";
  request.merchant_order_id = "order-1001";
  request.amount = yuno::Amount(yuno::Decimal::parse("100.00"), "USD");
  request.checkout = yuno::PaymentCheckout{};
  request.checkout->session = session.id;
  request.customer_payer = yuno::CustomerPayer{};
  request.customer_payer->id = customer.id;
  request.payment_method = yuno::PaymentMethod{};
  request.payment_method->type = "CARD";
  request.payment_method->token = one_time_token;  // from Yuno's SDK in the browser
  // Authorize only; capture later. Leave `detail` out for a purchase captured at once.
  request.payment_method->detail = yuno::PaymentMethodDetail{};
  request.payment_method->detail->card = yuno::CardDetail{};
  request.payment_method->detail->card->capture = false;

  yuno::Payment payment = client.payments().create(request);
  if (payment.is_authorized()) {
    // PENDING/AUTHORIZED: funds held, capture or cancel them.
  } else if (payment.is_declined()) {
    // DECLINED or REJECTED: not an exception. Ask the customer for another method;
    // payment.transactions.front().response_code says why ("INSUFFICIENT_FUNDS"...).
  } else if (payment.is_pending()) {
    // A step is left (3DS, a redirect, the provider): wait for the webhook or retrieve it.
  }
  // [payment]
  return payment;
}

void capture(const yuno::YunoClient& client, const yuno::Payment& payment) {
  // [capture]
  yuno::CaptureRequest request;
  request.merchant_reference = "capture-1001";
  request.amount = yuno::Amount(yuno::Decimal::parse("60.00"), "USD");  // partial: 60 of 100
  yuno::Transaction capture = client.payments().capture(payment, request);
  // capture.status == yuno::TransactionStatus::kSucceeded; the payment is now
  // SUCCEEDED/PARTIALLY_CAPTURED and the other 40.00 can no longer be captured.
  // [capture]
  (void)capture;
}

void refund(const yuno::YunoClient& client, const std::string& payment_id) {
  // [refund]
  yuno::Payment payment = client.payments().retrieve(payment_id);  // current amounts
  yuno::RefundRequest request;
  request.merchant_reference = "refund-1001";
  request.reason = "REQUESTED_BY_CUSTOMER";
  request.amount = yuno::Amount(yuno::Decimal::parse("10.00"), "USD");  // leave out: full
  if (request.amount->value <= payment.refundable_amount()) {
    yuno::Payment after = client.payments().refund(payment, request);
    // after.sub_status == yuno::PaymentSubStatus::kPartiallyRefunded
  }
  // [refund]
}

void cancel(const yuno::YunoClient& client, const yuno::Payment& authorized) {
  // [cancel]
  yuno::CancelRequest request;
  request.merchant_reference = "cancel-1001";
  request.reason = "REQUESTED_BY_CUSTOMER";
  yuno::Transaction cancel = client.payments().cancel(authorized, request);  // CANCELED

  // Or let Yuno pick: cancels an authorization, refunds a captured payment.
  yuno::CancelOrRefundRequest either;
  either.merchant_reference = "cancel-or-refund-1001";
  either.reason = "REQUESTED_BY_CUSTOMER";
  client.payments().cancel_or_refund(authorized.id, either);
  // [cancel]
  (void)cancel;
}

void by_order(const yuno::YunoClient& client) {
  // [by-order]
  // Every payment made for your order id (e.g. after a crash, before trying again):
  for (const yuno::Payment& payment :
       client.payments().retrieve_by_merchant_order_id("order-1001")) {
    std::cout << payment.id << " " << payment.status << "/" << payment.sub_status << "\n";
  }
  // [by-order]
}

void enroll_in_session(const yuno::YunoClient& client, const yuno::Customer& customer) {
  // [customer-session]
  yuno::CreateCustomerSessionRequest request;  // account_id: ClientOptions::account_id
  request.customer_id = customer.id;
  request.country = "US";
  yuno::CustomerSession session = client.customer_sessions().create(request);
  // Hand session.customer_session to Yuno's SDK in the browser: it collects the card.

  // What the customer may enroll in this session:
  for (const yuno::PaymentMethod& method :
       client.payment_methods().available_to_enroll(session.customer_session)) {
    std::cout << method.type.value_or("?") << "\n";
  }
  // Or start the enrollment from the server (status READY_TO_ENROLL until the SDK ends it):
  yuno::SessionEnrollmentRequest enrollment;
  enrollment.payment_method_type = "CARD";
  enrollment.country = "US";
  yuno::PaymentMethod pending =
      client.payment_methods().enroll_in_session(session.customer_session, enrollment);
  // [customer-session]
  (void)pending;
}

std::string enroll_direct(const yuno::YunoClient& client, const yuno::Customer& customer,
                          const std::string& one_time_token) {
  // [enroll]
  yuno::EnrollPaymentMethodRequest request;  // account_id: ClientOptions::account_id
  request.country = "US";
  request.type = "CARD";
  request.token = one_time_token;  // or card_data (PCI-certified merchants only)
  request.verify = yuno::EnrollmentVerification{};
  request.verify->vault_on_success = true;  // store it only if a verification passes
  request.verify->currency = "USD";
  yuno::PaymentMethod method = client.payment_methods().enroll(customer.id, request);
  if (method.status != yuno::PaymentMethodStatus::kEnrolled) return {};  // e.g. DECLINED
  std::string vaulted_token = method.vaulted_token.value_or("");  // keep it for the customer
  // [enroll]
  return vaulted_token;
}

void pay_with_stored_card(const yuno::YunoClient& client, const yuno::Customer& customer,
                          const yuno::CheckoutSession& session) {
  // [vaulted]
  // The customer's stored methods (ENROLLED only):
  std::vector<yuno::PaymentMethod> stored = client.payment_methods().list(customer.id);
  if (stored.empty() || !stored.front().vaulted_token) return;

  yuno::CreatePaymentRequest request;
  request.description = "Order 1002";
  request.country = "US";
  request.merchant_order_id = "order-1002";
  request.amount = yuno::Amount(yuno::Decimal::parse("15.00"), "USD");
  request.checkout = yuno::PaymentCheckout{};
  request.checkout->session = session.id;
  request.customer_payer = yuno::CustomerPayer{};
  request.customer_payer->id = customer.id;  // the owner of the stored card
  request.payment_method = yuno::PaymentMethod{};
  request.payment_method->type = "CARD";
  request.payment_method->vaulted_token = stored.front().vaulted_token;
  yuno::Payment payment = client.payments().create(request);

  // Forget it (the customer removed the card):
  client.payment_methods().unenroll(customer.id, stored.front().id.value_or(""));
  // [vaulted]
  (void)payment;
}

void save_on_payment(yuno::CreatePaymentRequest& request, const yuno::Customer& customer) {
  // [vault-on-success]
  request.customer_payer = yuno::CustomerPayer{};
  request.customer_payer->id = customer.id;         // required with vault_on_success
  request.payment_method->vault_on_success = true;  // store the card if the payment succeeds
  // After a successful payment: payment.payment_method->vaulted_token
  // [vault-on-success]
}

}  // namespace docs

int main() {
  // Compiled so the guide's code stays correct; the flow itself runs in
  // examples/checkout_flow.cpp (./scripts/demo.sh) and in the integration tests.
  std::cout << "docs snippets: payment flow\n";
  return 0;
}
