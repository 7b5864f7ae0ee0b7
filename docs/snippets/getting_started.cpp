// docs/getting-started.md: the first payment program. Built by docs/snippets/CMakeLists.txt;
// the guide quotes the region between the `// [first-payment]` markers (check_snippets.sh).
// [first-payment]
#include <iostream>

#include <yuno/yuno.hpp>

int main() {
  try {
    // YUNO_PUBLIC_API_KEY, YUNO_PRIVATE_SECRET_KEY, YUNO_ACCOUNT_ID (and YUNO_BASE_URL for
    // the local sandbox). The key's prefix picks the environment: sandbox_ or prod_.
    yuno::YunoClient client(yuno::ClientOptions::from_env());

    // 1. A checkout session for the order (account_id comes from YUNO_ACCOUNT_ID).
    yuno::CreateCheckoutSessionRequest order;
    order.merchant_order_id = "order-1001";
    order.payment_description = "Order 1001";
    order.country = "US";
    order.amount = yuno::CheckoutAmount{};
    order.amount->currency = "USD";
    order.amount->value = yuno::Decimal::parse("25.00");
    yuno::CheckoutSession session = client.checkout_sessions().create(order);

    // 2. A one-time token for the card. In production Yuno's front-end SDK makes it in the
    //    customer's browser; here a Testing Gateway card is tokenized from the server.
    yuno::CardData card;
    card.number = "4507990000000002";  // SUCCEEDED
    card.expiration_month = 11;
    card.expiration_year = 2028;
    card.security_code = "123";
    card.holder_name = "JOHN DOE";
    yuno::CreateOneTimeTokenRequest tokenize;
    tokenize.payment_method.card = card;
    yuno::OneTimeToken token =
        client.checkout_sessions().create_one_time_token(session.id, tokenize);

    // 3. The payment.
    yuno::CreatePaymentRequest payment;
    payment.description = "Order 1001";
    payment.country = "US";
    payment.merchant_order_id = "order-1001";
    payment.amount = yuno::Amount(yuno::Decimal::parse("25.00"), "USD");
    payment.checkout = yuno::PaymentCheckout{};
    payment.checkout->session = session.id;
    payment.payment_method = yuno::PaymentMethod{};
    payment.payment_method->type = "CARD";
    payment.payment_method->token = token.token;
    yuno::Response<yuno::Payment> paid = client.payments().create(payment);

    std::cout << "payment " << paid.id << ": " << paid.status << "/" << paid.sub_status
              << " (idempotency key " << paid.response_metadata().idempotency_key << ")\n";
    return paid.is_approved() ? 0 : 1;
  } catch (const yuno::ConfigurationError& e) {  // a missing or contradictory YUNO_* variable
    std::cerr << "configuration: " << e.what() << "\n";
  } catch (const yuno::ApiError& e) {  // Yuno answered 4xx/5xx
    std::cerr << e.what() << " (code " << e.code() << ", request id " << e.request_id() << ")\n";
  } catch (const yuno::Error& e) {  // network, timeout, unexpected response...
    std::cerr << e.what() << "\n";
  }
  return 2;
}
// [first-payment]
