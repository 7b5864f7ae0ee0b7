// Logging and the attempt observer: what metrics and tracing get, and what they never get.
#include <mutex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "unit_test_support.hpp"

namespace {

using ::testing::HasSubstr;
using yuno::test::customer_json;
using yuno::test::MockClient;

struct CapturedLog {
  std::mutex mutex;
  std::vector<std::pair<yuno::LogLevel, std::string>> lines;

  yuno::Logger logger() {
    return [this](yuno::LogLevel level, std::string_view message) {
      std::lock_guard<std::mutex> lock(mutex);
      lines.emplace_back(level, std::string(message));
    };
  }
  std::string all() {
    std::string text;
    for (const auto& line : lines) text += line.second + "\n";
    return text;
  }
};

yuno::CreateCustomerRequest request_with_card_like_data() {
  yuno::CreateCustomerRequest request;
  request.merchant_customer_id = "m-1";
  // Card data has no place in a customer, but bodies are masked whatever they carry.
  request.unknown_fields = yuno::Json::parse(
      R"({"card":{"number":"4507990000000002","cvv":"123","holder_name":"JOHN DOE"}})");
  return request;
}

TEST(Logging, EachAttemptIsLoggedAtDebugWithoutSecrets) {
  MockClient mock;
  CapturedLog log;
  mock.options.logger = log.logger();
  mock.options.log_level = yuno::LogLevel::kDebug;
  mock.transport->enqueue_json(503, "", {{"x-request-id", "req-1"}});
  mock.transport->enqueue_json(201, customer_json(), {{"x-request-id", "req-2"}});
  auto customer = mock.make().customers().create(request_with_card_like_data());

  ASSERT_EQ(log.lines.size(), 2u);  // bodies are off by default
  EXPECT_EQ(log.lines[0].first, yuno::LogLevel::kDebug);
  const std::string& first = log.lines[0].second;
  EXPECT_THAT(first, HasSubstr("POST /v1/customers attempt 1/3 -> 503"));
  EXPECT_THAT(first, HasSubstr("retrying (server_error) in 500 ms"));
  EXPECT_THAT(first, HasSubstr("idempotency_key=" + customer.response_metadata().idempotency_key));
  EXPECT_THAT(first, HasSubstr("request_id=req-1"));
  EXPECT_THAT(log.lines[1].second, HasSubstr("attempt 2/3 -> 201"));
  const std::string all = log.all();
  EXPECT_EQ(all.find(yuno::test::kSecretKey), std::string::npos);
  EXPECT_EQ(all.find(yuno::test::kPublicKey), std::string::npos);
  EXPECT_EQ(all.find("4507990000000002"), std::string::npos);
}

TEST(Logging, InfoLevelHidesDebugLines) {
  MockClient mock;
  CapturedLog log;
  mock.options.logger = log.logger();  // default level: info
  mock.transport->enqueue_json(200, customer_json());
  mock.make().customers().retrieve("c-1");
  EXPECT_TRUE(log.lines.empty());
}

TEST(Logging, BodyLoggingMasksCardDataAndSecrets) {
  MockClient mock;
  CapturedLog log;
  mock.options.logger = log.logger();
  mock.options.log_level = yuno::LogLevel::kDebug;
  mock.options.log_bodies = true;
  const std::string echo = std::string(R"({"id":"c-1","note":"secret )") + yuno::test::kSecretKey +
                           R"(","card_number":"5252440000000002","security_code":"999"})";
  mock.transport->enqueue_json(201, echo);
  mock.make().customers().create(request_with_card_like_data());

  const std::string all = log.all();
  EXPECT_THAT(all, HasSubstr("request body:"));
  EXPECT_THAT(all, HasSubstr("response body:"));
  EXPECT_THAT(all, HasSubstr("JOHN DOE"));  // the rest of the body is there
  for (const char* forbidden : {"4507990000000002", "5252440000000002", "\"123\"", "\"999\""}) {
    EXPECT_EQ(all.find(forbidden), std::string::npos) << "a masked value leaked (index hidden)";
  }
  EXPECT_EQ(all.find(yuno::test::kSecretKey), std::string::npos);
  EXPECT_EQ(all.find(yuno::test::kPublicKey), std::string::npos);
}

TEST(Observer, SeesEveryAttemptStartAndFinish) {
  MockClient mock;
  struct Seen {
    yuno::AttemptEvent::Phase phase;
    std::string method, path, key, request_id;
    int attempt, max_attempts;
    std::optional<int> status;
    yuno::RetryReason reason;
    bool has_transport_error;
  };
  std::vector<Seen> seen;
  mock.options.observer = [&seen](const yuno::AttemptEvent& e) {
    seen.push_back({e.phase, std::string(e.method), std::string(e.path_template),
                    std::string(e.idempotency_key), std::string(e.request_id), e.attempt,
                    e.max_attempts, e.status_code, e.retry_reason, !e.transport_error.empty()});
  };
  auto clock = mock.clock;
  mock.transport->enqueue_failure(yuno::TransportErrorKind::kTimeout, true, "timed out");
  mock.transport->enqueue_handler([clock](const yuno::HttpRequest&) {
    clock->advance(std::chrono::milliseconds(42));
    return yuno::TransportResult(yuno::HttpResponse{200, {{"x-request-id", "rq"}}, customer_json()});
  });
  yuno::UpdateCustomerRequest update;
  update.email = "a@b.c";
  mock.make().customers().update("c-1", update);

  ASSERT_EQ(seen.size(), 4u);
  using Phase = yuno::AttemptEvent::Phase;
  EXPECT_EQ(seen[0].phase, Phase::kStarted);
  EXPECT_EQ(seen[0].method, "PATCH");
  EXPECT_EQ(seen[0].path, "/v1/customers/{customer_id}");
  EXPECT_EQ(seen[0].attempt, 1);
  EXPECT_EQ(seen[0].max_attempts, 3);
  EXPECT_EQ(seen[0].key.size(), 36u);
  EXPECT_EQ(seen[1].phase, Phase::kFinished);
  EXPECT_FALSE(seen[1].status.has_value());
  EXPECT_TRUE(seen[1].has_transport_error);
  EXPECT_EQ(seen[1].reason, yuno::RetryReason::kTimeout);
  EXPECT_EQ(seen[2].attempt, 2);
  EXPECT_EQ(seen[3].status, 200);
  EXPECT_EQ(seen[3].request_id, "rq");
  EXPECT_EQ(seen[3].reason, yuno::RetryReason::kNone);
  EXPECT_EQ(seen[3].key, seen[0].key);
}

TEST(Observer, ReportsLatencyFromTheClock) {
  MockClient mock;
  std::chrono::microseconds latency{0};
  mock.options.observer = [&latency](const yuno::AttemptEvent& e) {
    if (e.phase == yuno::AttemptEvent::Phase::kFinished) latency = e.latency;
  };
  auto clock = mock.clock;
  mock.transport->enqueue_handler([clock](const yuno::HttpRequest&) {
    clock->advance(std::chrono::milliseconds(120));
    return yuno::TransportResult(yuno::HttpResponse{200, {}, customer_json()});
  });
  mock.make().customers().retrieve("c-1");
  EXPECT_EQ(latency, std::chrono::milliseconds(120));
}

}  // namespace
