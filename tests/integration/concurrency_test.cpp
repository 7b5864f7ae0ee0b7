// One YunoClient shared by 8 threads mixing synchronous and asynchronous calls against
// yuno-sandbox: customers and card payments, captures, refunds, reads. Once over plain HTTP
// and once over HTTPS under injected faults (5xx, 429, latency, dropped connections), where
// every async create must still leave at most one payment per order. Built as its own
// executable with the ctest label `concurrency` (and `integration`), so the tsan preset can
// run exactly these under ThreadSanitizer. Bounded in count; no timing is asserted.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sandbox_test.hpp"
#include "support/loopback_server.hpp"

namespace yuno::integration {
namespace {

using namespace std::chrono_literals;

const char* const kVisaOk = "4507990000000002";
constexpr int kThreads = 8;

class ConcurrencyTest : public SandboxTest {
 protected:
  // Each thread: a customer (sync), payments created async in a batch, then per payment a
  // sync or async capture, async retrieve, sync or async refund. Returns the order ids whose
  // create returned a payment; failures are recorded in `errors`.
  std::vector<std::string> run_mixed(const yuno::YunoClient& shared, int payments_per_thread,
                                     const std::string& prefix, bool tolerate_errors) {
    std::mutex mutex;
    std::vector<std::string> created_orders;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        try {
          yuno::CreateCustomerRequest customer;
          customer.merchant_customer_id = prefix + "-customer-" + std::to_string(t);
          auto customer_future = shared.customers().create_async(customer);
          const std::string customer_id = customer_future.get().id;
          EXPECT_EQ(shared.customers().retrieve(customer_id).id, customer_id);

          std::vector<std::string> orders;
          std::vector<std::future<yuno::Response<yuno::Payment>>> creates;
          for (int i = 0; i < payments_per_thread; ++i) {
            orders.push_back(prefix + "-" + std::to_string(t) + "-" + std::to_string(i));
            creates.push_back(shared.payments().create_async(
                card_payment(orders.back(), kVisaOk, "10.00", /*capture=*/false)));
          }
          for (int i = 0; i < payments_per_thread; ++i) {
            try {
              const yuno::Payment payment = creates[static_cast<std::size_t>(i)].get();
              {
                std::lock_guard<std::mutex> lock(mutex);
                created_orders.push_back(orders[static_cast<std::size_t>(i)]);
              }
              // Alternate sync and async for every follow-up call.
              yuno::CaptureRequest capture;
              capture.merchant_reference = "cap-" + orders[static_cast<std::size_t>(i)];
              const bool async = (t + i) % 2 == 0;
              const yuno::Transaction captured =
                  async ? shared.payments().capture_async(payment, capture).get()
                        : shared.payments().capture(payment, capture);
              EXPECT_FALSE(captured.id.empty());
              const yuno::Payment after = shared.payments().retrieve_async(payment.id).get();
              EXPECT_EQ(after.id, payment.id);
              yuno::RefundRequest refund;
              refund.merchant_reference = "ref-" + orders[static_cast<std::size_t>(i)];
              refund.amount = yuno::Amount(dec("1.00"), "USD");
              const yuno::Payment refunded = async ? shared.payments().refund_async(after, refund).get()
                                                   : shared.payments().refund(after, refund);
              EXPECT_EQ(refunded.id, payment.id);
            } catch (const yuno::Error& e) {
              if (!tolerate_errors) ADD_FAILURE() << "thread " << t << ": " << e.what();
            }
          }
        } catch (const yuno::Error& e) {
          if (!tolerate_errors) ADD_FAILURE() << "thread " << t << ": " << e.what();
        }
      });
    }
    for (auto& thread : threads) thread.join();
    return created_orders;
  }
};

TEST_F(ConcurrencyTest, EightThreadsShareOneClientForSyncAndAsyncCalls) {
  start();
  make_customer_and_session();
  yuno::ClientOptions options = client_options(sandbox().base_url());
  options.max_in_flight = 8;
  std::atomic<long> attempts{0};
  options.observer = [&attempts](const yuno::AttemptEvent& event) {
    if (event.phase == yuno::AttemptEvent::Phase::kStarted) ++attempts;
  };
  const yuno::YunoClient shared(options);
  const int per_thread = 6;
  const auto created = run_mixed(shared, per_thread, unique_order_id("concurrent"), false);
  EXPECT_EQ(created.size(), static_cast<std::size_t>(kThreads * per_thread));
  // Every payment exactly once; customers + payments + captures + retrieves + refunds.
  EXPECT_EQ(control().stats().at("payments").get<long>(), kThreads * per_thread);
  EXPECT_EQ(attempts.load(), kThreads * 2 + kThreads * per_thread * 4);
}

TEST_F(ConcurrencyTest, AsyncCreatesUnderFaultsOverHttpsAreEachStoredAtMostOnce) {
  const auto cert = yuno::test_support::SelfSignedCert::generate();
  sandbox_ = std::make_unique<SandboxProcess>(std::vector<std::string>{
      "--tls-cert", cert.cert_path().string(), "--tls-key", cert.key_path().string(),
      "--fault-seed", "11", "--fault-server-error-rate", "0.1", "--fault-rate-limit-rate", "0.05",
      "--fault-latency-rate", "0.05", "--fault-latency-ms", "20", "--fault-drop-before-rate",
      "0.05", "--fault-drop-after-rate", "0.05", "--fault-retry-after-seconds", "1"});
  ASSERT_EQ(sandbox().base_url().rfind("https://127.0.0.1:", 0), 0u) << sandbox().base_url();
  control_ = std::make_unique<SandboxControl>(sandbox().base_url(), cert.cert_path().string());
  yuno::ClientOptions options = client_options(sandbox().base_url());
  options.ca_bundle_path = cert.cert_path().string();
  options.max_retries = 10;
  options.max_in_flight = 16;
  client_ = std::make_unique<yuno::YunoClient>(options);
  make_customer_and_session();
  const yuno::YunoClient shared(options);
  const std::string prefix = unique_order_id("faulty");
  const int per_thread = 8;
  (void)run_mixed(shared, per_thread, prefix, /*tolerate_errors=*/true);
  control().faults_off();
  long stored = 0;
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < per_thread; ++i) {
      const std::string order = prefix + "-" + std::to_string(t) + "-" + std::to_string(i);
      const auto found = client().payments().retrieve_by_merchant_order_id(order);
      EXPECT_LE(found.size(), 1u) << order << " has duplicate payments";
      stored += static_cast<long>(found.size());
    }
  }
  EXPECT_EQ(control().stats().at("payments").get<long>(), stored);
  EXPECT_GT(stored, 0);
}

}  // namespace
}  // namespace yuno::integration
