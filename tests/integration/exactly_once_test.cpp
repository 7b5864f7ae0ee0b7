// Exactly-once under faults: hundreds of payments through one shared YunoClient while
// yuno-sandbox fails about a third of the requests in every way it can (5xx, 429, added
// latency, the connection dropped before processing, and dropped AFTER the payment was
// committed). Afterwards, with faults off, every merchant_order_id has at most one payment,
// every call that returned a payment has exactly that one stored, and the sandbox stores
// nothing else. This is the proof that the SDK's retries reuse the idempotency key.
//
// The control test sends every attempt with a fresh key (a transport wrapper rewrites the
// X-Idempotency-Key the SDK set), i.e. what an SDK that retried with a new key would do, and
// asserts that the very same checks then find duplicates: the checks can fail.
#include <gtest/gtest.h>
#include <strings.h>

#include <atomic>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <typeinfo>
#include <vector>

#include "sandbox_test.hpp"

namespace yuno::integration {
namespace {

using namespace std::chrono_literals;

const char* const kVisaOk = "4507990000000002";

// About a third of the requests fail (0.12 + 0.05 + 0.06 + 0.10 = 0.33), and 5 % more are
// slowed down. Retry-After is 1 s; the client caps it (max_retry_after) to stay fast.
std::vector<std::string> fault_flags(const std::string& seed) {
  return {"--fault-seed",          seed,   "--fault-server-error-rate", "0.12",
          "--fault-rate-limit-rate", "0.05", "--fault-latency-rate",      "0.05",
          "--fault-latency-ms",    "20",   "--fault-drop-before-rate",  "0.06",
          "--fault-drop-after-rate", "0.10", "--fault-retry-after-seconds", "1"};
}

// What one create call ended with.
struct Outcome {
  std::string order_id;
  bool returned_payment = false;
  std::string payment_id;  ///< when returned_payment
  std::string error;       ///< the error's type (and code), when it threw
  bool typed = true;       ///< false: threw something that is not a yuno::Error
};

// The error's most derived SDK type, plus its code for API errors.
std::string error_name(const yuno::Error& e) {
  if (const auto* api = dynamic_cast<const yuno::ApiError*>(&e)) {
    std::string type = "ApiError";
    if (dynamic_cast<const yuno::InvalidRequestError*>(&e)) type = "InvalidRequestError";
    if (dynamic_cast<const yuno::AuthenticationError*>(&e)) type = "AuthenticationError";
    if (dynamic_cast<const yuno::RateLimitError*>(&e)) type = "RateLimitError";
    if (dynamic_cast<const yuno::ServerError*>(&e)) type = "ServerError";
    return type + " " + std::to_string(api->status_code()) + " " + api->code();
  }
  if (dynamic_cast<const yuno::TimeoutError*>(&e)) return "TimeoutError";
  if (dynamic_cast<const yuno::ConnectionError*>(&e)) return "ConnectionError";
  if (dynamic_cast<const yuno::ResponseParseError*>(&e)) return "ResponseParseError";
  if (dynamic_cast<const yuno::RequestError*>(&e)) return "RequestError";
  return "Error";
}

// Counts every attempt the SDK makes, and why it retried.
struct AttemptTally {
  std::atomic<long> attempts{0};
  std::atomic<long> no_response{0};  ///< attempts that got no HTTP response
  std::mutex mutex;
  std::map<std::string, long> retries_by_reason;
  std::map<int, long> statuses;

  yuno::AttemptObserver observer() {
    return [this](const yuno::AttemptEvent& event) {
      if (event.phase == yuno::AttemptEvent::Phase::kStarted) {
        ++attempts;
        return;
      }
      std::lock_guard<std::mutex> lock(mutex);
      if (event.status_code) {
        ++statuses[*event.status_code];
      } else {
        ++no_response;
      }
      if (event.retry_reason != yuno::RetryReason::kNone) {
        ++retries_by_reason[std::string(yuno::to_string(event.retry_reason))];
      }
    };
  }
  long retries() {
    std::lock_guard<std::mutex> lock(mutex);
    long total = 0;
    for (const auto& [reason, count] : retries_by_reason) total += count;
    return total;
  }
};

// Rewrites the X-Idempotency-Key of every attempt with a fresh one: an SDK that retried
// with a new key. For the control test only.
class FreshKeyPerAttempt : public yuno::HttpTransport {
 public:
  explicit FreshKeyPerAttempt(std::shared_ptr<yuno::HttpTransport> inner)
      : inner_(std::move(inner)) {}
  yuno::TransportResult send(const yuno::HttpRequest& request) override {
    yuno::HttpRequest copy = request;
    for (auto& [name, value] : copy.headers) {
      if (name.size() == 17 && ::strncasecmp(name.c_str(), "X-Idempotency-Key", 17) == 0) {
        char key[40];
        std::snprintf(key, sizeof key, "00000000-0000-4000-8000-%012ld", ++counter_);
        value = key;
      }
    }
    return inner_->send(copy);
  }

 private:
  std::shared_ptr<yuno::HttpTransport> inner_;
  std::atomic<long> counter_{0};
};

class ExactlyOnceTest : public SandboxTest {
 protected:
  // `n` payments through `payments_client` from `threads` threads, each with its own order id.
  std::vector<Outcome> run_payments(const yuno::YunoClient& payments_client, int n, int threads,
                                    const std::string& prefix) {
    std::vector<Outcome> outcomes(static_cast<std::size_t>(n));
    std::atomic<int> next{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        for (int i = next++; i < n; i = next++) {
          Outcome& outcome = outcomes[static_cast<std::size_t>(i)];
          outcome.order_id = prefix + "-" + std::to_string(i);
          try {
            const auto payment = payments_client.payments().create(
                card_payment(outcome.order_id, kVisaOk, "10.00", /*capture=*/true));
            outcome.returned_payment = true;
            outcome.payment_id = payment.id;
          } catch (const yuno::Error& e) {
            outcome.error = error_name(e);
          } catch (const std::exception& e) {
            outcome.typed = false;
            outcome.error = typeid(e).name();
          }
        }
      });
    }
    for (auto& worker : workers) worker.join();
    return outcomes;
  }

  struct Verdict {
    std::vector<std::string> violations;  ///< empty: exactly once held
    int orders_with_duplicates = 0;
    int orders_with_one = 0;
    int errors_without_payment = 0;
    int errors_with_payment = 0;  ///< unknown outcome, and the payment exists
    long stored_payments = 0;     ///< /_sandbox/stats
    std::map<std::string, int> errors_by_type;
  };

  // With faults off: every order checked through the API, and the sandbox's own count.
  Verdict check(const std::vector<Outcome>& outcomes) {
    Verdict verdict;
    long found_total = 0;
    for (const Outcome& outcome : outcomes) {
      if (!outcome.typed) {
        verdict.violations.push_back(outcome.order_id + ": threw a non-yuno exception " +
                                     outcome.error);
      }
      if (!outcome.returned_payment) ++verdict.errors_by_type[outcome.error];
      const auto found = client().payments().retrieve_by_merchant_order_id(outcome.order_id);
      found_total += static_cast<long>(found.size());
      if (found.size() > 1) {
        ++verdict.orders_with_duplicates;
        verdict.violations.push_back(outcome.order_id + ": " + std::to_string(found.size()) +
                                     " payments");
      } else if (found.size() == 1) {
        ++verdict.orders_with_one;
      }
      if (outcome.returned_payment) {
        if (found.empty()) {
          verdict.violations.push_back(outcome.order_id + ": returned payment is not stored");
        } else if (found.size() == 1 && found.front().id != outcome.payment_id) {
          verdict.violations.push_back(outcome.order_id +
                                       ": stored payment is not the one returned");
        }
      } else if (found.empty()) {
        ++verdict.errors_without_payment;
      } else {
        ++verdict.errors_with_payment;
      }
    }
    verdict.stored_payments = control().stats().at("payments").get<long>();
    const long expected = static_cast<long>(outcomes.size()) - verdict.errors_without_payment;
    if (verdict.stored_payments != expected) {
      verdict.violations.push_back("sandbox stores " + std::to_string(verdict.stored_payments) +
                                   " payments; expected " + std::to_string(expected));
    }
    if (found_total != verdict.stored_payments) {
      verdict.violations.push_back("orders list " + std::to_string(found_total) +
                                   " payments, the sandbox stores " +
                                   std::to_string(verdict.stored_payments));
    }
    return verdict;
  }

  static void print(const std::string& title, int n, AttemptTally& tally,
                    const nlohmann::json& faults, const Verdict& verdict) {
    std::ostringstream out;
    out << "[" << title << "] create calls " << n << ", their HTTP attempts " << tally.attempts
        << ", retries " << tally.retries() << ", attempts without a response "
        << tally.no_response << "\n";
    {
      std::lock_guard<std::mutex> lock(tally.mutex);
      out << "  retries by reason:";
      for (const auto& [reason, count] : tally.retries_by_reason) {
        out << " " << reason << "=" << count;
      }
      out << "\n  statuses seen:";
      for (const auto& [status, count] : tally.statuses) out << " " << status << "=" << count;
    }
    out << "\n  faults injected by the sandbox (all requests, set-up included): " << faults.dump()
        << "\n";
    out << "  orders with one payment " << verdict.orders_with_one << ", with duplicates "
        << verdict.orders_with_duplicates << ", errors without a payment "
        << verdict.errors_without_payment << ", errors whose payment exists "
        << verdict.errors_with_payment << ", payments stored " << verdict.stored_payments
        << "\n  errors by type:";
    if (verdict.errors_by_type.empty()) out << " none";
    for (const auto& [type, count] : verdict.errors_by_type) out << " [" << type << "]=" << count;
    out << "\n";
    std::cout << out.str() << std::flush;
  }
};

TEST_F(ExactlyOnceTest, FiveHundredPaymentsUnderFaultsAreEachStoredAtMostOnce) {
  start(fault_flags("2026"));
  yuno::ClientOptions options = client_options(sandbox().base_url());
  options.max_retries = 10;  // the SDK's maximum; (1/3)^11: a call running out is very rare
  options.backoff.initial_delay = 5ms;
  options.backoff.max_delay = 50ms;
  options.backoff.max_retry_after = 20ms;
  client_ = std::make_unique<yuno::YunoClient>(options);  // set-up (under faults) and checks
  make_customer_and_session();

  // The payments go through one shared client whose every attempt is counted.
  AttemptTally tally;
  options.observer = tally.observer();
  const yuno::YunoClient shared(options);
  const int n = 500;
  const auto outcomes = run_payments(shared, n, /*threads=*/4, unique_order_id("exactly-once"));

  const nlohmann::json stats_under_faults = control().stats();
  const nlohmann::json faults = stats_under_faults.value("faults", nlohmann::json::object());
  control().faults_off();
  const Verdict verdict = check(outcomes);
  print("exactly-once", n, tally, faults, verdict);

  EXPECT_TRUE(verdict.violations.empty()) << verdict.violations.size() << " violations, first: "
                                          << verdict.violations.front();
  EXPECT_EQ(verdict.orders_with_duplicates, 0);
  EXPECT_EQ(verdict.stored_payments, n - verdict.errors_without_payment);
  // The run exercised what it claims to: retries happened, and every fault kind occurred,
  // the commit-then-drop one included.
  EXPECT_GT(tally.retries(), n / 5);
  for (const char* kind : {"server_error", "rate_limit", "latency", "drop_before", "drop_after"}) {
    EXPECT_GT(faults.value(kind, 0), 0) << kind << " never injected: " << faults.dump();
  }
}

TEST_F(ExactlyOnceTest, ControlRetryingWithAFreshKeyDuplicatesPayments) {
  start(fault_flags("7"));
  AttemptTally tally;
  yuno::ClientOptions options = client_options(sandbox().base_url());
  options.max_retries = 10;
  options.backoff.initial_delay = 5ms;
  options.backoff.max_delay = 50ms;
  options.backoff.max_retry_after = 20ms;
  client_ = std::make_unique<yuno::YunoClient>(options);  // honest client for set-up and checks
  make_customer_and_session();

  options.observer = tally.observer();
  options.transport = std::make_shared<FreshKeyPerAttempt>(std::make_shared<yuno::CurlTransport>());
  const yuno::YunoClient fresh_keys(options);

  // One thread: the n-th request meets the n-th fault decision, run after run.
  const int n = 150;
  const auto outcomes = run_payments(fresh_keys, n, /*threads=*/1, unique_order_id("control"));
  const nlohmann::json faults =
      control().stats().value("faults", nlohmann::json::object());
  control().faults_off();
  const Verdict verdict = check(outcomes);
  print("control: fresh key per attempt", n, tally, faults, verdict);

  EXPECT_GT(faults.value("drop_after", 0), 0);
  EXPECT_FALSE(verdict.violations.empty()) << "the exactly-once checks missed duplicates";
  EXPECT_GT(verdict.orders_with_duplicates, 0);
  EXPECT_GT(verdict.stored_payments, n - verdict.errors_without_payment);
}

}  // namespace
}  // namespace yuno::integration
