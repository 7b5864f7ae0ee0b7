// The integration flow end to end: customer, checkout session, the payment methods on
// offer, a card payment authorized first, a partial capture, a partial refund, and a second
// payment that is cancelled. Prints a transcript; exits non-zero on any unexpected status.
//
// Configure with the environment (ClientOptions::from_env): YUNO_PUBLIC_API_KEY,
// YUNO_PRIVATE_SECRET_KEY, YUNO_ACCOUNT_ID, and YUNO_ENVIRONMENT or YUNO_BASE_URL.
// The card is a Yuno Testing Gateway card: sandbox only, and sending card data directly
// needs a PCI-enabled account.
#include <chrono>
#include <iostream>
#include <string>

#include <yuno/yuno.hpp>

namespace {

// A step whose outcome was not the one expected: the example stops with exit code 1.
struct UnexpectedStatus {
  std::string what;
};

void step(const std::string& name, const std::string& detail) {
  std::cout << "  " << name << ": " << detail << "\n";
}

void expect_payment(const yuno::Payment& payment, const yuno::PaymentStatus& status,
                    const yuno::PaymentSubStatus& sub_status) {
  step("payment " + payment.id, payment.status.value() + "/" + payment.sub_status.value());
  if (payment.status != status || payment.sub_status != sub_status) {
    throw UnexpectedStatus{"expected " + status.value() + "/" + sub_status.value()};
  }
}

void expect_transaction(const yuno::Transaction& transaction, const yuno::TransactionType& type) {
  step(transaction.type.value() + " " + transaction.id, transaction.status.value());
  if (transaction.type != type || transaction.status != yuno::TransactionStatus::kSucceeded) {
    throw UnexpectedStatus{"expected a successful " + type.value()};
  }
}

// A card payment of `value` USD for the session, authorized only (capture: false).
yuno::CreatePaymentRequest authorization(const std::string& order_id, const std::string& session,
                                         const std::string& customer_id, const char* value) {
  yuno::CreatePaymentRequest request;
  request.description = "yuno-cpp example order";
  request.country = "US";
  request.merchant_order_id = order_id;
  request.amount = yuno::Amount(yuno::Decimal::parse(value), "USD");
  request.workflow = yuno::PaymentWorkflow::kDirect;
  request.checkout = yuno::PaymentCheckout{};
  request.checkout->session = session;
  request.customer_payer = yuno::CustomerPayer{};
  request.customer_payer->id = customer_id;

  yuno::CardData card;  // Testing Gateway: SUCCEEDED
  card.number = "4507990000000002";
  card.expiration_month = 11;
  card.expiration_year = 2028;
  card.security_code = "123";
  card.holder_name = "JOHN DOE";
  yuno::CardDetail detail;
  detail.capture = false;  // authorize now, capture later
  detail.card_data = card;
  request.payment_method = yuno::PaymentMethod{};
  request.payment_method->type = "CARD";
  request.payment_method->detail = yuno::PaymentMethodDetail{};
  request.payment_method->detail->card = detail;
  return request;
}

}  // namespace

int main() {
  try {
    yuno::YunoClient client(yuno::ClientOptions::from_env());
    std::cout << "Checkout flow against " << client.base_url() << "\n";
    const std::string run = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::system_clock::now().time_since_epoch())
            .count());

    std::cout << "1. Customer\n";
    yuno::CreateCustomerRequest new_customer;
    new_customer.merchant_customer_id = "example-customer-" + run;
    new_customer.first_name = "John";
    new_customer.last_name = "Doe";
    new_customer.email = "john.doe@example.com";
    new_customer.country = "US";
    const yuno::Customer customer = client.customers().create(new_customer);
    step("customer", customer.id);

    std::cout << "2. Checkout session\n";
    yuno::CreateCheckoutSessionRequest new_session;  // account_id: from YUNO_ACCOUNT_ID
    new_session.merchant_order_id = "example-order-" + run;
    new_session.payment_description = "yuno-cpp example order";
    new_session.country = "US";
    new_session.customer_id = customer.id;
    new_session.amount = yuno::CheckoutAmount{};
    new_session.amount->currency = "USD";
    new_session.amount->value = yuno::Decimal::parse("100.00");
    const yuno::CheckoutSession session = client.checkout_sessions().create(new_session);
    step("session", session.id);

    std::cout << "3. Payment methods offered\n";
    for (const auto& method : client.checkout_sessions().payment_methods(session.id)) {
      step(method.type.value_or("?"), method.name.value_or(""));
    }

    std::cout << "4. Card payment, authorized only\n";
    const yuno::Payment authorized = client.payments().create(
        authorization(new_session.merchant_order_id, session.id, customer.id, "100.00"));
    expect_payment(authorized, yuno::PaymentStatus::kPending, yuno::PaymentSubStatus::kAuthorized);

    std::cout << "5. Partial capture of 60.00\n";
    yuno::CaptureRequest capture;
    capture.merchant_reference = "capture-" + run;
    capture.amount = yuno::Amount(yuno::Decimal::parse("60.00"), "USD");
    expect_transaction(client.payments().capture(authorized, capture),
                       yuno::TransactionType::kCapture);
    const yuno::Payment captured = client.payments().retrieve(authorized.id);
    expect_payment(captured, yuno::PaymentStatus::kSucceeded,
                   yuno::PaymentSubStatus::kPartiallyCaptured);

    std::cout << "6. Partial refund of 10.00\n";
    yuno::RefundRequest refund;
    refund.merchant_reference = "refund-" + run;
    refund.amount = yuno::Amount(yuno::Decimal::parse("10.00"), "USD");
    const yuno::Payment refunded = client.payments().refund(captured, refund);
    expect_payment(refunded, yuno::PaymentStatus::kSucceeded,
                   yuno::PaymentSubStatus::kPartiallyRefunded);
    step("refundable now", refunded.refundable_amount().to_string() + " USD");

    std::cout << "7. A second authorization, cancelled\n";
    const yuno::Payment second = client.payments().create(authorization(
        new_session.merchant_order_id + "-2", session.id, customer.id, "25.50"));
    expect_payment(second, yuno::PaymentStatus::kPending, yuno::PaymentSubStatus::kAuthorized);
    yuno::CancelRequest cancel;
    cancel.merchant_reference = "cancel-" + run;
    expect_transaction(client.payments().cancel(second, cancel), yuno::TransactionType::kCancel);
    expect_payment(client.payments().retrieve(second.id), yuno::PaymentStatus::kCanceled,
                   yuno::PaymentSubStatus::kCanceled);

    std::cout << "Flow completed.\n";
    return 0;
  } catch (const UnexpectedStatus& e) {
    std::cerr << "Unexpected status: " << e.what << "\n";
    return 1;
  } catch (const yuno::ConfigurationError& e) {
    std::cerr << "Configuration: " << e.what() << "\nSet the YUNO_* variables (see README).\n";
    return 2;
  } catch (const yuno::Error& e) {
    std::cerr << "Yuno error: " << e.what() << "\n";
    return 1;
  }
}
