// The asynchronous API (`*_async`) over the mock transport: results, the very same request
// and idempotency key as the synchronous call on every retry, errors through the future,
// the deadline, the bound on requests in flight, and shutdown with calls pending. With a
// FakeClock, async waits take no real time; held exchanges (MockTransport::hold_async) let a
// test decide when each exchange ends. Every wait on a future has a generous upper bound:
// it detects a hang, it never measures speed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "unit_test_support.hpp"

namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using std::chrono::milliseconds;
using yuno::find_header;
using yuno::test::customer_json;
using yuno::test::error_json;
using yuno::test::MockClient;
using Kind = yuno::TransportErrorKind;

constexpr auto kHang = 30s;  // hang detection only

yuno::CreateCustomerRequest customer_request() {
  yuno::CreateCustomerRequest request;
  request.merchant_customer_id = "merchant-42";
  return request;
}

template <typename T>
bool ready(const std::future<T>& future, std::chrono::milliseconds within = 0ms) {
  return future.wait_for(within) == std::future_status::ready;
}

std::vector<std::string> idempotency_keys(const yuno::testing::MockTransport& transport) {
  std::vector<std::string> keys;
  for (const auto& request : transport.requests()) {
    keys.push_back(find_header(request.headers, "x-idempotency-key").value_or("<none>"));
  }
  return keys;
}

json transaction_json(const std::string& id, const std::string& type, const std::string& status) {
  return {{"id", id}, {"type", type}, {"status", status}, {"category", "CARD"},
          {"amount", {{"value", 100}, {"currency", "USD"}}}};
}

json payment_json(json transactions, const std::string& status = "SUCCEEDED",
                  const std::string& sub_status = "CAPTURED") {
  return {{"id", "pay-1"},
          {"status", status},
          {"sub_status", sub_status},
          {"merchant_order_id", "order-1"},
          {"amount", {{"value", 100}, {"currency", "USD"}, {"captured", 0}, {"refunded", 0}}},
          {"transactions", std::move(transactions)}};
}

yuno::CreatePaymentRequest payment_request() {
  yuno::CreatePaymentRequest request;
  request.description = "Test";
  request.country = "US";
  request.merchant_order_id = "order-1";
  request.amount = yuno::Amount(yuno::Decimal::parse("100.50"), "USD");
  return request;
}

// --- results -----------------------------------------------------------------------------

TEST(AsyncApi, ReturnsTheModelAndItsMetadata) {
  MockClient mock;
  mock.transport->enqueue_json(201, customer_json("c-async"), {{"X-Request-Id", "req-9"}});
  auto future = mock.make().customers().create_async(customer_request());
  // A mock that answers at once and a fake clock: the call is over when create_async returns.
  ASSERT_TRUE(ready(future));
  const yuno::Response<yuno::Customer> customer = future.get();
  EXPECT_EQ(customer.id, "c-async");
  EXPECT_EQ(customer.response_metadata().status_code, 201);
  EXPECT_EQ(customer.response_metadata().request_id, "req-9");
  EXPECT_EQ(customer.response_metadata().attempts, 1);
  EXPECT_EQ(customer.response_metadata().idempotency_key,
            find_header(mock.transport->last_request().headers, "x-idempotency-key"));
}

TEST(AsyncApi, SendsExactlyWhatTheSynchronousCallSends) {
  MockClient mock;
  const auto client = mock.make();
  yuno::RequestOptions options;
  options.idempotency_key = "fixed-key";
  options.extra_headers = {{"X-Trace", "t-1"}};
  mock.transport->enqueue_json(201, json{{"id", "pay-1"}, {"status", "PENDING"}}.dump());
  mock.transport->enqueue_json(201, json{{"id", "pay-1"}, {"status", "PENDING"}}.dump());
  (void)client.payments().create(payment_request(), options);
  (void)client.payments().create_async(payment_request(), options).get();
  const auto requests = mock.transport->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, requests[1].method);
  EXPECT_EQ(requests[0].url, requests[1].url);
  EXPECT_EQ(requests[0].headers, requests[1].headers);
  EXPECT_EQ(requests[0].body, requests[1].body);
  EXPECT_EQ(requests[0].timeout, requests[1].timeout);
  EXPECT_EQ(requests[0].connect_timeout, requests[1].connect_timeout);
}

TEST(AsyncApi, EveryCallHitsItsEndpoint) {
  MockClient mock;
  const auto client = mock.make();
  const auto& t = *mock.transport;
  const json authorized = payment_json(
      json::array({transaction_json("tx-a", "AUTHORIZE", "SUCCEEDED")}), "PENDING", "AUTHORIZED");
  const json captured = payment_json(json::array({transaction_json("tx-a", "AUTHORIZE", "SUCCEEDED"),
                                                  transaction_json("tx-c", "CAPTURE", "SUCCEEDED")}));
  const yuno::Payment auth_payment = authorized.get<yuno::Payment>();
  const yuno::Payment captured_payment = captured.get<yuno::Payment>();
  const std::string base = "https://api-sandbox.y.uno/v1";
  const auto expect_last = [&](const std::string& method, const std::string& url) {
    EXPECT_EQ(t.last_request().method, method);
    EXPECT_EQ(t.last_request().url, base + url);
  };
  const std::string transaction = transaction_json("tx-x", "CAPTURE", "SUCCEEDED").dump();

  mock.transport->enqueue_json(201, authorized.dump());
  EXPECT_EQ(client.payments().create_async(payment_request()).get().id, "pay-1");
  expect_last("POST", "/payments");
  mock.transport->enqueue_json(200, json{{"payment", captured}}.dump());
  EXPECT_EQ(client.payments().retrieve_async("pay-1").get().transactions.size(), 2u);
  expect_last("GET", "/payments/pay-1");
  mock.transport->enqueue_json(200, json::array({captured, authorized}).dump());
  EXPECT_EQ(client.payments().retrieve_by_merchant_order_id_async("order 1").get().size(), 2u);
  expect_last("GET", "/payments?merchant_order_id=order%201");

  mock.transport->enqueue_json(200, transaction);
  EXPECT_EQ(client.payments().capture_async("pay-1", "tx-a", {}).get().id, "tx-x");
  expect_last("POST", "/payments/pay-1/transactions/tx-a/capture");
  mock.transport->enqueue_json(200, transaction);
  (void)client.payments().capture_async(auth_payment, {}).get();
  expect_last("POST", "/payments/pay-1/transactions/tx-a/capture");
  EXPECT_EQ(json::parse(t.last_request().body)["amount"]["value"], 100);

  mock.transport->enqueue_json(200, transaction);
  (void)client.payments().cancel_async("pay-1", "tx-a", {}).get();
  expect_last("POST", "/payments/pay-1/transactions/tx-a/cancel");
  mock.transport->enqueue_json(200, transaction);
  (void)client.payments().cancel_async(auth_payment, {}).get();
  expect_last("POST", "/payments/pay-1/transactions/tx-a/cancel");

  mock.transport->enqueue_json(200, captured.dump());
  (void)client.payments().refund_async("pay-1", "tx-c", {}).get();
  expect_last("POST", "/payments/pay-1/transactions/tx-c/refund");
  mock.transport->enqueue_json(200, captured.dump());
  (void)client.payments().refund_async(captured_payment, {}).get();
  expect_last("POST", "/payments/pay-1/transactions/tx-c/refund");

  mock.transport->enqueue_json(200, transaction);
  (void)client.payments().cancel_or_refund_async("pay-1", {}).get();
  expect_last("POST", "/payments/pay-1/cancel-or-refund");
  mock.transport->enqueue_json(200, transaction);
  (void)client.payments().cancel_or_refund_async("pay-1", "tx-c", {}).get();
  expect_last("POST", "/payments/pay-1/transactions/tx-c/cancel-or-refund");

  mock.transport->enqueue_json(201, customer_json("c-1"));
  EXPECT_EQ(client.customers().create_async(customer_request()).get().id, "c-1");
  expect_last("POST", "/customers");
  mock.transport->enqueue_json(200, customer_json("c-1"));
  (void)client.customers().retrieve_async("c-1").get();
  expect_last("GET", "/customers/c-1");
  mock.transport->enqueue_json(200, "[" + customer_json("c-1") + "]");
  EXPECT_EQ(client.customers().retrieve_by_merchant_customer_id_async("m-1").get().id, "c-1");
  expect_last("GET", "/customers?merchant_customer_id=m-1");
  mock.transport->enqueue_json(200, customer_json("c-1"));
  yuno::UpdateCustomerRequest update;
  update.first_name = "Jane";
  (void)client.customers().update_async("c-1", update).get();
  expect_last("PATCH", "/customers/c-1");
  mock.transport->enqueue_json(204, "");
  EXPECT_EQ(client.customers().remove_async("c-1").get().status_code, 204);
  expect_last("DELETE", "/customers/c-1");
  EXPECT_EQ(mock.transport->pending(), 0u);
}

// --- retries -----------------------------------------------------------------------------

TEST(AsyncApi, RetriesReuseTheIdempotencyKeyAndTheBackoff) {
  MockClient mock;
  mock.transport->enqueue_json(503, error_json("INTERNAL_ERROR", "down"));
  mock.transport->enqueue_failure(Kind::kTimeout, true);
  mock.transport->enqueue_json(429, "", {{"Retry-After", "2"}});
  mock.transport->enqueue_json(201, customer_json());
  mock.options.max_retries = 3;
  auto customer = mock.make().customers().create_async(customer_request()).get();
  EXPECT_EQ(customer.response_metadata().attempts, 4);
  const auto keys = idempotency_keys(*mock.transport);
  ASSERT_EQ(keys.size(), 4u);
  EXPECT_EQ(keys, std::vector<std::string>(4, keys[0]));
  EXPECT_EQ(customer.response_metadata().idempotency_key, keys[0]);
  // The synchronous backoff exactly: 0.5 s, 1 s, then Retry-After's 2 s.
  EXPECT_EQ(mock.clock->sleeps(),
            (std::vector<milliseconds>{milliseconds(500), milliseconds(1000), milliseconds(2000)}));
}

TEST(AsyncApi, ObserverSeesTheSameEventsAsTheSynchronousCall) {
  struct Seen {
    yuno::AttemptEvent::Phase phase;
    int attempt;
    std::optional<int> status;
    yuno::RetryReason reason;
    bool operator==(const Seen& o) const {
      return phase == o.phase && attempt == o.attempt && status == o.status && reason == o.reason;
    }
  };
  const auto run = [](bool async) {
    MockClient mock;
    std::vector<Seen> seen;
    mock.options.observer = [&seen](const yuno::AttemptEvent& e) {
      seen.push_back({e.phase, e.attempt, e.status_code, e.retry_reason});
    };
    mock.transport->enqueue_json(500, "");
    mock.transport->enqueue_failure(Kind::kConnectionLost, true);
    mock.transport->enqueue_json(200, customer_json());
    const auto client = mock.make();
    if (async) {
      (void)client.customers().retrieve_async("c-1").get();
    } else {
      (void)client.customers().retrieve("c-1");
    }
    return seen;
  };
  const auto sync_events = run(false);
  EXPECT_EQ(sync_events.size(), 6u);
  EXPECT_TRUE(sync_events == run(true));
}

// --- errors ------------------------------------------------------------------------------

TEST(AsyncApi, ApiErrorsComeOutOfTheFuture) {
  MockClient mock;
  mock.transport->enqueue_json(400, error_json("INVALID_PARAMETERS", "bad email"),
                               {{"X-Request-Id", "req-1"}});
  auto future = mock.make().customers().create_async(customer_request());
  try {
    (void)future.get();
    FAIL() << "expected InvalidRequestError";
  } catch (const yuno::InvalidRequestError& e) {
    EXPECT_EQ(e.status_code(), 400);
    EXPECT_EQ(e.code(), "INVALID_PARAMETERS");
    EXPECT_EQ(e.request_id(), "req-1");
    EXPECT_EQ(e.attempts(), 1);
    EXPECT_FALSE(e.idempotency_key().empty());
  }
  mock.transport->enqueue_json(503, "");
  mock.transport->enqueue_json(503, "");
  mock.transport->enqueue_json(503, "");
  EXPECT_THROW((void)mock.make().payments().retrieve_async("p-1").get(), yuno::ServerError);
  EXPECT_EQ(mock.transport->request_count(), 4u);
}

TEST(AsyncApi, ArgumentErrorsComeOutOfTheFutureAndNothingIsSent) {
  MockClient mock;
  const auto client = mock.make();
  std::future<yuno::Response<yuno::Customer>> future;
  ASSERT_NO_THROW(future = client.customers().create_async(yuno::CreateCustomerRequest{}));
  EXPECT_THROW((void)future.get(), yuno::InvalidArgumentError);
  EXPECT_THROW((void)client.customers().retrieve_async("").get(), yuno::InvalidArgumentError);
  yuno::RequestOptions bad;
  bad.extra_headers = {{"private-secret-key", "x"}};
  EXPECT_THROW((void)client.customers().retrieve_async("c-1", bad).get(),
               yuno::InvalidArgumentError);
  const yuno::Payment no_authorization = payment_json(json::array()).get<yuno::Payment>();
  EXPECT_THROW((void)client.payments().capture_async(no_authorization, {}).get(),
               yuno::TransactionNotFoundError);
  EXPECT_EQ(mock.transport->request_count(), 0u);
}

TEST(AsyncApi, UnreadableSuccessIsAResponseParseError) {
  MockClient mock;
  mock.transport->enqueue_json(201, "not json");
  try {
    (void)mock.make().customers().create_async(customer_request()).get();
    FAIL() << "expected ResponseParseError";
  } catch (const yuno::ResponseParseError& e) {
    EXPECT_EQ(e.raw_body(), "not json");
  }
  EXPECT_EQ(mock.transport->request_count(), 1u);  // a 2xx is never re-sent
}

TEST(AsyncApi, TransportFailuresAreConnectionAndTimeoutErrors) {
  MockClient mock;
  mock.options.max_retries = 0;
  mock.transport->enqueue_failure(Kind::kTlsVerification, false, "certificate verify failed");
  EXPECT_THROW((void)mock.make().customers().retrieve_async("c-1").get(), yuno::ConnectionError);
  mock.transport->enqueue_failure(Kind::kTimeout, true, "timed out");
  try {
    (void)mock.make().customers().create_async(customer_request()).get();
    FAIL() << "expected TimeoutError";
  } catch (const yuno::TimeoutError& e) {
    EXPECT_TRUE(e.may_have_reached_server());
    EXPECT_FALSE(e.idempotency_key().empty());
  }
}

TEST(AsyncApi, ObserverExceptionsFailTheFuture) {
  MockClient mock;
  mock.options.observer = [](const yuno::AttemptEvent&) { throw std::runtime_error("observer"); };
  mock.transport->enqueue_json(200, customer_json());
  auto future = mock.make().customers().retrieve_async("c-1");
  EXPECT_THROW((void)future.get(), std::runtime_error);
}

// --- the deadline --------------------------------------------------------------------------

TEST(AsyncApi, DeadlineBoundsAttemptsAndWaits) {
  MockClient mock;
  mock.options.overall_timeout = milliseconds(3000);
  mock.options.max_retries = 5;
  auto clock = mock.clock;
  std::vector<milliseconds> attempt_timeouts;
  for (int i = 0; i < 6; ++i) {
    mock.transport->enqueue_handler([clock, &attempt_timeouts](const yuno::HttpRequest& request) {
      attempt_timeouts.push_back(request.timeout);
      clock->advance(milliseconds(1000));
      return yuno::TransportResult(yuno::HttpResponse{503, {}, ""});
    });
  }
  try {
    (void)mock.make().customers().retrieve_async("c-1").get();
    FAIL() << "expected ServerError";
  } catch (const yuno::ServerError& e) {
    EXPECT_EQ(e.attempts(), 2);
  }
  // Exactly the synchronous loop's numbers (retry_test.cpp, Deadline.BoundsAttemptsAndWaits).
  EXPECT_EQ(attempt_timeouts, (std::vector<milliseconds>{milliseconds(3000), milliseconds(1500)}));
  EXPECT_EQ(mock.clock->sleeps(), std::vector<milliseconds>{milliseconds(500)});
}

TEST(AsyncApi, TimeSpentQueuedCountsAgainstTheDeadline) {
  MockClient mock;
  mock.options.overall_timeout = milliseconds(1000);
  mock.options.max_in_flight = 1;
  mock.transport->hold_async(true);
  mock.transport->enqueue_handler([clock = mock.clock](const yuno::HttpRequest&) {
    clock->advance(milliseconds(5000));  // the first call holds the only slot for 5 s
    return yuno::TransportResult(yuno::HttpResponse{200, {}, customer_json()});
  });
  const auto client = mock.make();
  auto first = client.customers().retrieve_async("c-1");
  auto second = client.customers().retrieve_async("c-2");  // queued behind it
  EXPECT_EQ(mock.transport->held(), 1u);
  EXPECT_EQ(mock.transport->release(1), 1u);
  EXPECT_EQ(first.get().id, "bf64527c-5531-4ece-bf2c-51a8e775d8e1");
  // Its deadline passed while it waited: it fails without being sent.
  try {
    (void)second.get();
    FAIL() << "expected TimeoutError";
  } catch (const yuno::TimeoutError& e) {
    EXPECT_FALSE(e.may_have_reached_server());
  }
  EXPECT_EQ(mock.transport->request_count(), 1u);
}

// --- the bound on requests in flight -------------------------------------------------------

TEST(AsyncApi, RequestsInFlightStayWithinTheBound) {
  MockClient mock;
  mock.options.max_in_flight = 3;
  mock.transport->hold_async(true);
  for (int i = 0; i < 10; ++i) mock.transport->enqueue_json(200, customer_json("c-" + std::to_string(i)));
  const auto client = mock.make();
  std::vector<std::future<yuno::Response<yuno::Customer>>> futures;
  for (int i = 0; i < 10; ++i) futures.push_back(client.customers().retrieve_async("c-" + std::to_string(i)));
  EXPECT_EQ(mock.transport->held(), 3u);
  EXPECT_EQ(mock.transport->request_count(), 3u);
  for (int answered = 0; answered < 10; ++answered) {
    EXPECT_LE(mock.transport->held(), 3u);
    ASSERT_EQ(mock.transport->release(1), 1u);
  }
  EXPECT_EQ(mock.transport->held(), 0u);
  // First come, first served.
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(ready(futures[static_cast<std::size_t>(i)]));
    EXPECT_EQ(futures[static_cast<std::size_t>(i)].get().id, "c-" + std::to_string(i));
  }
}

TEST(AsyncApi, ABoundOfZeroIsAConfigurationError) {
  MockClient mock;
  mock.options.max_in_flight = 0;
  EXPECT_THROW(mock.make(), yuno::ConfigurationError);
}

// --- shutdown ------------------------------------------------------------------------------

TEST(AsyncApi, DestroyingTheClientFailsPendingCallsWithClientClosedError) {
  MockClient mock;
  mock.options.max_in_flight = 2;
  mock.transport->hold_async(true);
  for (int i = 0; i < 4; ++i) mock.transport->enqueue_json(201, customer_json());
  std::vector<std::future<yuno::Response<yuno::Customer>>> futures;
  {
    const auto client = mock.make();
    auto customers = client.customers();  // resource handles keep the client alive too
    for (int i = 0; i < 4; ++i) futures.push_back(customers.create_async(customer_request()));
    EXPECT_EQ(mock.transport->held(), 2u);
    for (const auto& future : futures) EXPECT_FALSE(ready(future));
  }
  // The last handle is gone: every future is ready with the typed error, nothing hangs.
  for (std::size_t i = 0; i < futures.size(); ++i) {
    ASSERT_TRUE(ready(futures[i], kHang)) << i;
    try {
      (void)futures[i].get();
      FAIL() << "expected ClientClosedError";
    } catch (const yuno::ClientClosedError& e) {
      // Two were in flight (outcome unknown: repeat with the key), two never left.
      EXPECT_EQ(e.may_have_reached_server(), i < 2) << i;
      EXPECT_FALSE(e.idempotency_key().empty());
      EXPECT_THAT(e.what(), ::testing::HasSubstr("client was closed"));
    }
  }
  // Late completions of the exchanges in flight find the client gone and do nothing.
  EXPECT_EQ(mock.transport->release(2), 2u);
  EXPECT_EQ(mock.transport->request_count(), 2u);
}

TEST(AsyncApi, DestroyingTheClientDuringABackoffWaitDoesNotWaitForIt) {
  MockClient mock;
  mock.options.clock = nullptr;  // the real clock: the backoff is a real timer
  mock.options.backoff.initial_delay = milliseconds(60'000);
  mock.options.backoff.max_delay = milliseconds(60'000);
  mock.transport->enqueue_json(503, "");
  std::future<yuno::Response<yuno::Customer>> future;
  {
    const auto client = mock.make();
    future = client.customers().retrieve_async("c-1");
    EXPECT_FALSE(ready(future));  // waiting 60 s for its retry
  }
  ASSERT_TRUE(ready(future, kHang));
  EXPECT_THROW((void)future.get(), yuno::ClientClosedError);
}

TEST(AsyncApi, RealBackoffTimersRetry) {
  MockClient mock;
  mock.options.clock = nullptr;  // the real clock through the default run_after
  mock.options.backoff.initial_delay = milliseconds(5);
  mock.transport->enqueue_json(503, "");
  mock.transport->enqueue_json(200, customer_json("c-timer"));
  const auto client = mock.make();  // kept: destroying it would fail the call
  auto future = client.customers().retrieve_async("c-1");
  ASSERT_TRUE(ready(future, kHang));
  const auto customer = future.get();
  EXPECT_EQ(customer.id, "c-timer");
  EXPECT_EQ(customer.response_metadata().attempts, 2);
}

// A transport that implements only send(): the default send_async runs it on a worker.
class BlockingTransport : public yuno::HttpTransport {
 public:
  yuno::TransportResult send(const yuno::HttpRequest& request) override {
    std::unique_lock<std::mutex> lock(mutex_);
    ++entered_;
    changed_.notify_all();
    changed_.wait(lock, [this] { return open_; });
    if (request.url.find("/v1/customers/c-fail") != std::string::npos) {
      return yuno::TransportError{Kind::kConnectionLost, true, "reset"};
    }
    return yuno::HttpResponse{200, {}, customer_json("c-blocking")};
  }
  void open() {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  bool wait_entered(int count) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, kHang, [&] { return entered_ >= count; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;
  int entered_ = 0;
};

TEST(AsyncApi, BlockingTransportsWorkThroughTheDefaultWorkers) {
  auto transport = std::make_shared<BlockingTransport>();
  yuno::ClientOptions options = yuno::test::mock_options(nullptr, std::make_shared<yuno::testing::FakeClock>());
  options.transport = transport;
  options.max_retries = 0;
  const yuno::YunoClient client(options);
  auto first = client.customers().retrieve_async("c-1");
  auto second = client.customers().retrieve_async("c-fail");
  // Both run at once, each on its own worker: neither returns until the transport opens.
  ASSERT_TRUE(transport->wait_entered(2));
  EXPECT_FALSE(ready(first));
  transport->open();
  ASSERT_TRUE(ready(first, kHang));
  EXPECT_EQ(first.get().id, "c-blocking");
  EXPECT_THROW((void)second.get(), yuno::ConnectionError);
}

TEST(AsyncApi, DestroyingTheClientDoesNotWaitForABlockedSend) {
  auto transport = std::make_shared<BlockingTransport>();
  std::weak_ptr<BlockingTransport> alive = transport;
  yuno::ClientOptions options = yuno::test::mock_options(nullptr, std::make_shared<yuno::testing::FakeClock>());
  options.transport = transport;
  std::future<yuno::Response<yuno::Customer>> future;
  {
    const yuno::YunoClient client(options);
    future = client.customers().retrieve_async("c-1");
    ASSERT_TRUE(transport->wait_entered(1));
  }
  options.transport.reset();
  ASSERT_TRUE(ready(future, kHang));
  EXPECT_THROW((void)future.get(), yuno::ClientClosedError);
  // The worker keeps the transport alive until its send() returns.
  transport->open();
  transport.reset();
  for (int i = 0; i < 3000 && !alive.expired(); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(alive.expired());
}

// --- concurrent use (also run under ThreadSanitizer: ctest label `concurrency`) -----------

TEST(AsyncApiConcurrency, ThreadsShareOneClientForSyncAndAsyncCalls) {
  MockClient mock;
  mock.options.max_in_flight = 4;
  constexpr int kThreads = 8;
  constexpr int kCalls = 50;
  // Every request is answered, whatever thread sends it; every 7th fails once first.
  std::atomic<int> counter{0};
  for (int i = 0; i < kThreads * kCalls * 2; ++i) {
    mock.transport->enqueue_handler([&counter](const yuno::HttpRequest&) {
      if (++counter % 7 == 0) return yuno::TransportResult(yuno::HttpResponse{503, {}, ""});
      return yuno::TransportResult(yuno::HttpResponse{200, {}, customer_json("c-shared")});
    });
  }
  std::atomic<int> ok{0};
  {
    const auto client = mock.make();
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        std::vector<std::future<yuno::Response<yuno::Customer>>> futures;
        for (int i = 0; i < kCalls; ++i) {
          if ((t + i) % 2 == 0) {
            futures.push_back(client.customers().retrieve_async("c-" + std::to_string(i)));
          } else if (client.customers().retrieve("c-" + std::to_string(i)).id == "c-shared") {
            ++ok;
          }
        }
        for (auto& future : futures) {
          if (future.get().id == "c-shared") ++ok;
        }
      });
    }
    for (auto& thread : threads) thread.join();
  }
  EXPECT_EQ(ok.load(), kThreads * kCalls);
}

TEST(AsyncApiConcurrency, HeldExchangesReleasedFromAnotherThread) {
  MockClient mock;
  mock.options.max_in_flight = 2;
  mock.transport->hold_async(true);
  constexpr int kCalls = 40;
  for (int i = 0; i < kCalls; ++i) mock.transport->enqueue_json(200, customer_json());
  const auto client = mock.make();
  std::atomic<bool> done{false};
  std::thread releaser([&] {
    while (!done.load()) {
      if (mock.transport->release(1) == 0) std::this_thread::yield();
    }
  });
  std::vector<std::future<yuno::Response<yuno::Customer>>> futures;
  for (int i = 0; i < kCalls; ++i) futures.push_back(client.customers().retrieve_async("c-1"));
  int answered = 0;
  for (auto& future : futures) {
    if (ready(future, kHang)) answered += future.get().response_metadata().status_code == 200;
  }
  done = true;
  releaser.join();
  EXPECT_EQ(answered, kCalls);
}

}  // namespace
