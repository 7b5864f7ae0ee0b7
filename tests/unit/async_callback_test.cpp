// The callback flavour of the `*_async` calls (yuno/async.hpp): the callback gets the ready
// future once, with the same results and errors as the future flavour, may start the next
// call, and is failed with ClientClosedError when the client goes first. Waits have a
// generous upper bound: they detect a hang, they never measure speed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "unit_test_support.hpp"

namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using yuno::test::error_json;
using yuno::test::MockClient;
using PaymentResult = yuno::Response<yuno::Payment>;

constexpr auto kHang = 30s;  // hang detection only

json payment_json(const std::string& id) {
  return {{"id", id},
          {"status", "SUCCEEDED"},
          {"merchant_order_id", "order-1"},
          {"amount", {{"value", 100.5}, {"currency", "USD"}}},
          {"custom_field_the_sdk_does_not_know", {{"kept", true}}}};
}

yuno::CreatePaymentRequest payment_request() {
  yuno::CreatePaymentRequest request;
  request.description = "Test";
  request.country = "US";
  request.merchant_order_id = "order-1";
  request.amount = yuno::Amount(yuno::Decimal::parse("100.50"), "USD");
  return request;
}

// Collects what callbacks deliver, from whichever thread they run on.
struct Outcomes {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::string> ids;     // successes
  std::vector<std::string> errors;  // what() of the failures
  int calls = 0;

  yuno::AsyncCallback<PaymentResult> callback() {
    return [this](std::future<PaymentResult> result) {
      std::string id;
      std::string error;
      try {
        id = result.get().id;
      } catch (const std::exception& e) {
        error = e.what();
      }
      std::lock_guard<std::mutex> lock(mutex);
      ++calls;
      if (error.empty()) {
        ids.push_back(id);
      } else {
        errors.push_back(error);
      }
      changed.notify_all();
    };
  }
  bool wait_for_calls(int n) {
    std::unique_lock<std::mutex> lock(mutex);
    return changed.wait_for(lock, kHang, [&] { return calls >= n; });
  }
};

TEST(AsyncCallback, DeliversTheModelOnce) {
  MockClient mock;
  mock.transport->enqueue_json(201, payment_json("pay-cb").dump(), {{"X-Request-Id", "req-7"}});
  const auto client = mock.make();
  std::promise<PaymentResult> got;
  int calls = 0;
  client.payments().create_async(payment_request(), {}, [&](std::future<PaymentResult> result) {
    ++calls;
    got.set_value(result.get());
  });
  auto future = got.get_future();
  ASSERT_EQ(future.wait_for(kHang), std::future_status::ready);
  const PaymentResult payment = future.get();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(payment.id, "pay-cb");
  EXPECT_EQ(payment.amount->value, yuno::Decimal::parse("100.5"));
  EXPECT_EQ(payment.response_metadata().request_id, "req-7");
  EXPECT_FALSE(payment.response_metadata().idempotency_key.empty());
  EXPECT_TRUE(payment.unknown_fields.value().contains("custom_field_the_sdk_does_not_know"));
  // The request is the synchronous call's: same method, path and body shape.
  const auto& sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_THAT(sent.url, ::testing::EndsWith("/v1/payments"));
  EXPECT_EQ(json::parse(sent.body).at("amount").at("value").dump(), "100.5");
}

TEST(AsyncCallback, ErrorsComeOutOfTheFutureItGets) {
  MockClient mock;
  mock.options.max_retries = 0;
  mock.transport->enqueue_json(400, error_json("INVALID_PARAMETERS", "bad country"));
  mock.transport->enqueue_json(201, "not json");
  const auto client = mock.make();
  Outcomes outcomes;
  client.payments().create_async(payment_request(), {}, outcomes.callback());
  client.payments().retrieve_async("pay-1", {}, outcomes.callback());
  // Argument errors: nothing is sent, the callback runs on this thread before the return.
  client.payments().retrieve_async("", {}, outcomes.callback());
  ASSERT_TRUE(outcomes.wait_for_calls(3));
  EXPECT_TRUE(outcomes.ids.empty());
  ASSERT_EQ(outcomes.errors.size(), 3u);
  EXPECT_THAT(outcomes.errors[0], ::testing::HasSubstr("400"));
  EXPECT_THAT(outcomes.errors[1], ::testing::HasSubstr("could not be read"));
  EXPECT_EQ(mock.transport->request_count(), 2u);
}

TEST(AsyncCallback, AnEmptyCallbackIsAnArgumentError) {
  MockClient mock;
  const auto client = mock.make();
  EXPECT_THROW(client.payments().create_async(payment_request(), {}, nullptr),
               yuno::InvalidArgumentError);
  EXPECT_THROW(client.payments().retrieve_async("pay-1", {}, {}), yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 0u);
}

TEST(AsyncCallback, ACallbackMayStartTheNextCall) {
  MockClient mock;
  for (int i = 0; i < 5; ++i) mock.transport->enqueue_json(200, payment_json("p" + std::to_string(i)).dump());
  const auto client = mock.make();
  const auto payments = client.payments();
  Outcomes outcomes;
  std::function<void(int)> chain = [&](int left) {
    payments.retrieve_async("pay-1", {}, [&, left](std::future<PaymentResult> result) {
      outcomes.callback()(std::move(result));
      if (left > 1) chain(left - 1);
    });
  };
  chain(5);
  ASSERT_TRUE(outcomes.wait_for_calls(5));
  EXPECT_THAT(outcomes.ids, ::testing::ElementsAre("p0", "p1", "p2", "p3", "p4"));
  EXPECT_TRUE(outcomes.errors.empty());
}

TEST(AsyncCallback, AThrowingCallbackDoesNotHurtTheClient) {
  MockClient mock;
  mock.transport->enqueue_json(200, payment_json("p-a").dump());
  mock.transport->enqueue_json(200, payment_json("p-b").dump());
  const auto client = mock.make();
  client.payments().retrieve_async("pay-1", {}, [](std::future<PaymentResult>) {
    throw std::runtime_error("callback bug");
  });
  // The exception was dropped; the next call works.
  EXPECT_EQ(client.payments().retrieve("pay-1").id, "p-b");
}

TEST(AsyncCallback, DestroyingTheClientCallsBackWithClientClosedError) {
  MockClient mock;
  mock.options.max_in_flight = 1;
  mock.transport->hold_async(true);
  for (int i = 0; i < 2; ++i) mock.transport->enqueue_json(201, payment_json("p").dump());
  Outcomes outcomes;
  {
    const auto client = mock.make();
    client.payments().create_async(payment_request(), {}, outcomes.callback());  // in flight
    client.payments().create_async(payment_request(), {}, outcomes.callback());  // queued
    EXPECT_EQ(mock.transport->held(), 1u);
    std::lock_guard<std::mutex> lock(outcomes.mutex);
    EXPECT_EQ(outcomes.calls, 0);
  }
  ASSERT_TRUE(outcomes.wait_for_calls(2));
  ASSERT_EQ(outcomes.errors.size(), 2u);
  for (const auto& error : outcomes.errors) {
    EXPECT_THAT(error, ::testing::HasSubstr("client was closed"));
  }
  // The held exchange completes late: no second call of any callback.
  EXPECT_EQ(mock.transport->release(1), 1u);
  std::this_thread::sleep_for(10ms);  // a wrong second delivery would land here (not timing)
  std::lock_guard<std::mutex> lock(outcomes.mutex);
  EXPECT_EQ(outcomes.calls, 2);
}

}  // namespace
