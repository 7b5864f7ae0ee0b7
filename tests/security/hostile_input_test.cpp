// Hostile input from callers: ids that would leave their path segment (/, .., %), NUL,
// CR/LF, header injection, amounts that are not money. Each is a clear InvalidArgumentError
// before anything is sent: the mock transport records zero requests, sync and async alike.
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <yuno/testing/fake_clock.hpp>
#include <yuno/testing/mock_transport.hpp>
#include <yuno/yuno.hpp>

namespace {

using namespace std::string_literals;

struct Mock {
  std::shared_ptr<yuno::testing::MockTransport> transport =
      std::make_shared<yuno::testing::MockTransport>();
  yuno::YunoClient client = [this] {
    yuno::ClientOptions options;
    options.public_api_key = "sandbox_pk_SECURITY_0123456789";
    options.private_secret_key = "sk_SECURITY_do_not_leak";
    options.account_id = "acc-1";
    options.transport = transport;
    options.clock = std::make_shared<yuno::testing::FakeClock>();
    return yuno::YunoClient(options);
  }();
};

// Ids no Yuno id looks like, each able to change the request's meaning if sent as is.
const std::vector<std::string>& hostile_ids() {
  static const std::vector<std::string> ids = {
      "a/b",          "../x",        "..",           ".",           "%2E%2E",
      "a%2Fb",        "a%00",        "p\\..\\x",     "a?x=1",       "a#frag",
      "a\0b"s,        "\0"s,         "a\r\nX-Injected: 1", "a\nb", "a\rb",
      "a\tb",         "a\x7f" "b",
  };
  return ids;
}

// Readable names for failure output (ids hold control characters).
std::string printable(const std::string& text) {
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

// Every call of the public API that takes an id, with the id in each position.
std::vector<std::pair<std::string, std::function<void(const yuno::YunoClient&, const std::string&)>>>
calls_taking_ids() {
  using C = const yuno::YunoClient&;
  using S = const std::string&;
  yuno::CaptureRequest capture;
  capture.amount = yuno::Amount(yuno::Decimal::parse("1.00"), "USD");
  yuno::RefundRequest refund;
  yuno::CancelRequest cancel;
  yuno::CancelOrRefundRequest cancel_or_refund;
  return {
      {"payments.retrieve", [](C c, S id) { c.payments().retrieve(id); }},
      {"payments.capture(payment_id)", [capture](C c, S id) { c.payments().capture(id, "t-1", capture); }},
      {"payments.capture(transaction_id)", [capture](C c, S id) { c.payments().capture("p-1", id, capture); }},
      {"payments.refund", [refund](C c, S id) { c.payments().refund(id, "t-1", refund); }},
      {"payments.cancel", [cancel](C c, S id) { c.payments().cancel("p-1", id, cancel); }},
      {"payments.cancel_or_refund", [cancel_or_refund](C c, S id) { c.payments().cancel_or_refund(id, cancel_or_refund); }},
      {"payments.retrieve_async", [](C c, S id) { c.payments().retrieve_async(id).get(); }},
      {"customers.retrieve", [](C c, S id) { c.customers().retrieve(id); }},
      {"customers.update", [](C c, S id) { c.customers().update(id, {}); }},
      {"customers.remove", [](C c, S id) { c.customers().remove(id); }},
      {"checkout_sessions.retrieve", [](C c, S id) { c.checkout_sessions().retrieve(id); }},
      {"checkout_sessions.payment_methods", [](C c, S id) { c.checkout_sessions().payment_methods(id); }},
      {"payment_methods.retrieve", [](C c, S id) { c.payment_methods().retrieve("cus-1", id); }},
      {"payment_methods.list", [](C c, S id) { c.payment_methods().list(id); }},
      {"payment_methods.unenroll", [](C c, S id) { c.payment_methods().unenroll(id); }},
      {"webhooks.retrieve", [](C c, S id) { c.webhooks().retrieve(id); }},
      {"webhooks.remove", [](C c, S id) { c.webhooks().remove(id); }},
  };
}

TEST(HostileInput, IdsThatLeaveTheirPathSegmentAreRefusedBeforeSending) {
  Mock mock;
  int checked = 0;
  for (const auto& [name, call] : calls_taking_ids()) {
    for (const std::string& id : hostile_ids()) {
      SCOPED_TRACE(name + "(\"" + printable(id) + "\")");
      try {
        call(mock.client, id);
        ADD_FAILURE() << "accepted";
      } catch (const yuno::InvalidArgumentError& e) {
        const std::string message = e.what();
        // Clear: names the parameter (payment_id, checkout_session...) and never echoes the value.
        EXPECT_NE(message.find("must not"), std::string::npos) << printable(message);
        EXPECT_TRUE(message.find("_id") != std::string::npos ||
                    message.find("_session") != std::string::npos) << printable(message);
        if (id.size() > 2) {
          EXPECT_EQ(message.find(id), std::string::npos) << printable(message);
        }
      } catch (const std::exception& e) {
        ADD_FAILURE() << "not an InvalidArgumentError: " << printable(e.what());
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(calls_taking_ids().size() * hostile_ids().size()));
  EXPECT_EQ(mock.transport->request_count(), 0u);
}

TEST(HostileInput, OrdinaryIdsStillGoOut) {
  // The control: the same calls with a real id are sent (and answered 404).
  Mock mock;
  for (const auto& [name, call] : calls_taking_ids()) {
    SCOPED_TRACE(name);
    mock.transport->enqueue_json(404, R"({"code":"NOT_FOUND","messages":["no such thing"]})");
    EXPECT_THROW(call(mock.client, "bf64527c-5531-4ece-bf2c-51a8e775d8e1"), yuno::NotFoundError);
  }
  EXPECT_EQ(mock.transport->request_count(), calls_taking_ids().size());
}

TEST(HostileInput, ControlCharactersInQueryValuesAreRefused) {
  Mock mock;
  for (const std::string& order : {"order\0x"s, "order\r\nX-Injected: 1"s, "a\nb"s}) {
    SCOPED_TRACE(printable(order));
    EXPECT_THROW(mock.client.payments().retrieve_by_merchant_order_id(order),
                 yuno::InvalidArgumentError);
    EXPECT_THROW(mock.client.customers().retrieve_by_merchant_customer_id(order),
                 yuno::InvalidArgumentError);
  }
  EXPECT_EQ(mock.transport->request_count(), 0u);
  // Free text with URL characters is fine there: it is encoded as one query value.
  mock.transport->enqueue_json(200, "[]");
  mock.client.payments().retrieve_by_merchant_order_id("order 1/2?x=#%");
  EXPECT_EQ(mock.transport->last_request().url,
            "https://api-sandbox.y.uno/v1/payments?merchant_order_id=order%201%2F2%3Fx%3D%23%25");
}

TEST(HostileInput, HeaderInjectionThroughOptionsIsRefused) {
  Mock mock;
  std::vector<yuno::RequestOptions> bad(6);
  bad[0].extra_headers = {{"X-Trace", "t\r\nprivate-secret-key: stolen"}};
  bad[1].extra_headers = {{"X-Trace", "t\nX: 1"}};
  bad[2].extra_headers = {{"X-Trace\r\nX-Injected", "1"}};
  bad[3].extra_headers = {{"X-Trace", "a\0b"s}};
  bad[4].idempotency_key = "key\r\nX-Injected: 1";
  bad[5].account_id = "acc\r\nX-Injected: 1";
  yuno::CreateCustomerRequest customer;
  customer.merchant_customer_id = "m-1";
  for (std::size_t i = 0; i < bad.size(); ++i) {
    SCOPED_TRACE(i);
    // A read sends no idempotency key, so only writes check it.
    if (!bad[i].idempotency_key) {
      EXPECT_THROW(mock.client.customers().retrieve("c-1", bad[i]), yuno::InvalidArgumentError);
    }
    EXPECT_THROW(mock.client.customers().create(customer, bad[i]), yuno::InvalidArgumentError);
  }
  EXPECT_EQ(mock.transport->request_count(), 0u);
  // The control: the same create with clean options is sent.
  mock.transport->enqueue_json(201, R"({"id":"c-1","merchant_customer_id":"m-1"})");
  yuno::RequestOptions clean;
  clean.extra_headers = {{"X-Trace", "t-1"}};
  EXPECT_EQ(mock.client.customers().create(customer, clean).id, "c-1");
  EXPECT_EQ(mock.transport->request_count(), 1u);
}

TEST(HostileInput, AmountsThatAreNotMoneyNeverBecomeARequest) {
  // Amounts are yuno::Decimal: text that is not an exact amount with at most 4 decimals fails
  // to parse, so no request can carry it.
  for (const char* text : {"10.12345", "0.00001", "NaN", "nan", "inf", "-Infinity", "1e3",
                           "0x10", "12,50", " 10", "10 ", "1..0", "", "99999999999999999999",
                           "922337203685477.5808", "-922337203685478"}) {
    SCOPED_TRACE(text);
    EXPECT_THROW(yuno::Decimal::parse(text), yuno::InvalidArgumentError);
  }
  // Arithmetic that overflows throws instead of wrapping to another amount.
  const yuno::Decimal big = yuno::Decimal::parse("900000000000000");
  EXPECT_THROW(big + big, yuno::InvalidArgumentError);
  EXPECT_THROW(big * 1000, yuno::InvalidArgumentError);

  // An amount too precise for the wire (a JSON double would round it) fails before sending.
  Mock mock;
  yuno::CreatePaymentRequest request;
  request.merchant_order_id = "order-1";
  request.amount = yuno::Amount(yuno::Decimal::parse("100000000000.0001"), "USD");
  EXPECT_THROW(mock.client.payments().create(request), yuno::InvalidArgumentError);
  // The same through a nested request (the asan preset checks nothing leaks on the way).
  yuno::CaptureRequest capture;
  capture.amount = yuno::Amount(yuno::Decimal::parse("100000000000.0001"), "USD");
  EXPECT_THROW(mock.client.payments().capture("pay-1", "tx-1", capture),
               yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 0u);
}

}  // namespace
