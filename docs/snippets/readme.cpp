// README.md's example: the README quotes the region between the `// [readme]` markers.
#include <string>
// [readme]
#include <iostream>
#include <yuno/yuno.hpp>

void pay(const std::string& checkout_session_id, const std::string& one_time_token) {
  yuno::YunoClient client(yuno::ClientOptions::from_env());  // YUNO_* variables
  try {
    yuno::CreatePaymentRequest payment;
    payment.description = "Order 1001";
    payment.country = "US";
    payment.merchant_order_id = "order-1001";
    payment.amount = yuno::Amount(yuno::Decimal::parse("25.00"), "USD");  // exact decimal
    payment.checkout = yuno::PaymentCheckout{};
    payment.checkout->session = checkout_session_id;  // client.checkout_sessions().create(...)
    payment.payment_method = yuno::PaymentMethod{};
    payment.payment_method->type = "CARD";
    payment.payment_method->token = one_time_token;  // from Yuno's SDK in the browser
    yuno::Response<yuno::Payment> paid = client.payments().create(payment);
    std::cout << paid.id << " " << paid.status << "\n";  // e.g. SUCCEEDED
  } catch (const yuno::ApiError& e) {         // Yuno answered 4xx/5xx: e.code(), e.messages()
    std::cerr << e.what() << " request id " << e.request_id() << "\n";
  } catch (const yuno::ConnectionError& e) {  // outcome unknown: repeat with the same key
    std::cerr << e.what() << " retry with key " << e.idempotency_key() << "\n";
  }
}
// [readme]
