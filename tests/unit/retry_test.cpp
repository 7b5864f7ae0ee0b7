// The retry matrix, backoff, Retry-After and the overall deadline, on a fake clock.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "internal/retry_policy.hpp"
#include "unit_test_support.hpp"

namespace {

using std::chrono::milliseconds;
using yuno::find_header;
using yuno::test::customer_json;
using yuno::test::error_json;
using yuno::test::MockClient;
using Kind = yuno::TransportErrorKind;

yuno::CreateCustomerRequest sample_request() {
  yuno::CreateCustomerRequest request;
  request.merchant_customer_id = "merchant-42";
  return request;
}

// One way an attempt can fail.
struct Outcome {
  const char* name;
  std::function<void(yuno::testing::MockTransport&)> enqueue;
};

// Names the parameter in test output (instead of its bytes).
void PrintTo(const Outcome& outcome, std::ostream* out) { *out << outcome.name; }

std::vector<std::string> idempotency_keys(const yuno::testing::MockTransport& transport) {
  std::vector<std::string> keys;
  for (const auto& request : transport.requests()) {
    keys.push_back(find_header(request.headers, "x-idempotency-key").value_or("<none>"));
  }
  return keys;
}

class RetriedOutcome : public ::testing::TestWithParam<Outcome> {};

TEST_P(RetriedOutcome, IsRetriedWithTheSameIdempotencyKey) {
  MockClient mock;
  GetParam().enqueue(*mock.transport);
  mock.transport->enqueue_json(201, customer_json());

  auto customer = mock.make().customers().create(sample_request());

  EXPECT_EQ(customer.response_metadata().attempts, 2);
  const auto keys = idempotency_keys(*mock.transport);
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0], keys[1]);
  EXPECT_EQ(customer.response_metadata().idempotency_key, keys[0]);
  // Every attempt sends the very same request.
  const auto requests = mock.transport->requests();
  EXPECT_EQ(requests[0].body, requests[1].body);
  EXPECT_EQ(requests[0].url, requests[1].url);
}

INSTANTIATE_TEST_SUITE_P(
    RetryMatrix, RetriedOutcome,
    ::testing::Values(
        Outcome{"Http500", [](auto& t) { t.enqueue_json(500, error_json("INTERNAL_ERROR", "x")); }},
        Outcome{"Http502", [](auto& t) { t.enqueue_json(502, "<html>Bad Gateway</html>"); }},
        Outcome{"Http503", [](auto& t) { t.enqueue_json(503, ""); }},
        Outcome{"Http504", [](auto& t) { t.enqueue_json(504, error_json("REQUEST_TIMEOUT", "t")); }},
        Outcome{"Http429", [](auto& t) { t.enqueue_json(429, error_json("TOO_MANY_REQUESTS", "slow down")); }},
        Outcome{"RequestInProcess",
                [](auto& t) { t.enqueue_json(400, error_json("REQUEST_IN_PROCESS", "Request in process")); }},
        Outcome{"Timeout", [](auto& t) { t.enqueue_failure(Kind::kTimeout, true); }},
        Outcome{"ConnectionLost", [](auto& t) { t.enqueue_failure(Kind::kConnectionLost, true); }},
        Outcome{"ConnectFailed", [](auto& t) { t.enqueue_failure(Kind::kConnectFailed, false); }},
        Outcome{"TlsHandshake", [](auto& t) { t.enqueue_failure(Kind::kTlsHandshake, false); }}),
    [](const auto& info) { return std::string(info.param.name); });

// A final outcome: no retry, one attempt, and the matching exception.
template <typename Exception>
void expect_not_retried(const std::function<void(yuno::testing::MockTransport&)>& enqueue) {
  MockClient mock;
  enqueue(*mock.transport);
  mock.transport->enqueue_json(201, customer_json());  // must stay unused
  EXPECT_THROW(mock.make().customers().create(sample_request()), Exception);
  EXPECT_EQ(mock.transport->request_count(), 1u);
  EXPECT_EQ(mock.transport->pending(), 1u);
  EXPECT_TRUE(mock.clock->sleeps().empty());
}

TEST(RetryMatrix, ClientErrorsAreNeverRetried) {
  expect_not_retried<yuno::InvalidRequestError>(
      [](auto& t) { t.enqueue_json(400, error_json("INVALID_PARAMETERS", "bad")); });
  expect_not_retried<yuno::InvalidRequestError>(
      [](auto& t) { t.enqueue_json(400, error_json("IDEMPOTENCY_DUPLICATED", "dup")); });
  expect_not_retried<yuno::InvalidRequestError>(
      [](auto& t) { t.enqueue_json(422, error_json("INVALID_AMOUNT", "amount")); });
  expect_not_retried<yuno::AuthenticationError>(
      [](auto& t) { t.enqueue_json(401, error_json("INVALID_CREDENTIALS", "creds")); });
  expect_not_retried<yuno::PermissionError>(
      [](auto& t) { t.enqueue_json(403, error_json("AUTHORIZATION_REQUIRED", "no")); });
  expect_not_retried<yuno::NotFoundError>(
      [](auto& t) { t.enqueue_json(404, error_json("NOT_FOUND", "nf")); });
  expect_not_retried<yuno::ConflictError>(
      [](auto& t) { t.enqueue_json(409, error_json("CONFLICT", "c")); });
}

TEST(RetryMatrix, TlsVerificationFailureIsNeverRetried) {
  expect_not_retried<yuno::ConnectionError>(
      [](auto& t) { t.enqueue_failure(Kind::kTlsVerification, false, "certificate verify failed"); });
}

TEST(RetryMatrix, OversizedResponseIsNotRetried) {
  expect_not_retried<yuno::ConnectionError>(
      [](auto& t) { t.enqueue_failure(Kind::kResponseTooLarge, true, "too large"); });
}

TEST(RetryMatrix, ReadsAreRetriedOnServerErrors) {
  MockClient mock;
  mock.transport->enqueue_json(503, "");
  mock.transport->enqueue_failure(Kind::kTimeout, true);
  mock.transport->enqueue_json(200, customer_json());
  auto customer = mock.make().customers().retrieve("c-1");
  EXPECT_EQ(customer.response_metadata().attempts, 3);
  EXPECT_EQ(mock.transport->request_count(), 3u);
}

TEST(RetryMatrix, GivesUpAfterMaxRetriesWithTheLastError) {
  MockClient mock;
  for (int i = 0; i < 3; ++i) mock.transport->enqueue_json(503, error_json("INTERNAL_ERROR", "down"));
  mock.transport->enqueue_json(201, customer_json());  // never reached
  try {
    mock.make().customers().create(sample_request());
    FAIL() << "expected ServerError";
  } catch (const yuno::ServerError& e) {
    EXPECT_EQ(e.status_code(), 503);
    EXPECT_EQ(e.attempts(), 3);
    EXPECT_EQ(e.context().max_attempts, 3);
    EXPECT_THAT(e.what(), ::testing::HasSubstr("attempt 3/3"));
    EXPECT_EQ(e.idempotency_key(), idempotency_keys(*mock.transport).front());
  }
  EXPECT_EQ(mock.transport->request_count(), 3u);
}

TEST(RetryMatrix, MaxRetriesZeroDisablesRetries) {
  MockClient mock;
  mock.options.max_retries = 0;
  mock.transport->enqueue_json(503, "");
  EXPECT_THROW(mock.make().customers().create(sample_request()), yuno::ServerError);
  EXPECT_EQ(mock.transport->request_count(), 1u);

  MockClient per_call;
  per_call.transport->enqueue_failure(Kind::kTimeout, true);
  yuno::RequestOptions options;
  options.max_retries = 0;
  EXPECT_THROW(per_call.make().customers().retrieve("c-1", options), yuno::TimeoutError);
  EXPECT_EQ(per_call.transport->request_count(), 1u);
}

TEST(RetryMatrix, CallerKeyIsReusedOnRetries) {
  MockClient mock;
  mock.transport->enqueue_failure(Kind::kConnectionLost, true);
  mock.transport->enqueue_json(201, customer_json());
  yuno::RequestOptions options;
  options.idempotency_key = "order-1234";
  mock.make().customers().create(sample_request(), options);
  EXPECT_EQ(idempotency_keys(*mock.transport), (std::vector<std::string>{"order-1234", "order-1234"}));
}

// judge_attempt decides alone whether a write without a key may be re-sent.
TEST(RetryPolicy, WritesWithoutIdempotencyKeyAreNotResentOnceTheyMayHaveArrived) {
  using yuno::internal::judge_attempt;
  using yuno::RetryReason;
  const yuno::TransportResult timeout = yuno::TransportError{Kind::kTimeout, true, ""};
  const yuno::TransportResult refused = yuno::TransportError{Kind::kConnectFailed, false, ""};
  const yuno::TransportResult lost = yuno::TransportError{Kind::kConnectionLost, true, ""};
  const yuno::TransportResult http500 = yuno::HttpResponse{500, {}, ""};
  const yuno::TransportResult http429 = yuno::HttpResponse{429, {}, ""};

  EXPECT_EQ(judge_attempt(timeout, false).retry_reason, RetryReason::kNone);
  EXPECT_EQ(judge_attempt(lost, false).retry_reason, RetryReason::kNone);
  EXPECT_EQ(judge_attempt(http500, false).retry_reason, RetryReason::kNone);
  EXPECT_EQ(judge_attempt(refused, false).retry_reason, RetryReason::kConnectionFailed);
  EXPECT_EQ(judge_attempt(http429, false).retry_reason, RetryReason::kRateLimited);

  EXPECT_EQ(judge_attempt(timeout, true).retry_reason, RetryReason::kTimeout);
  EXPECT_EQ(judge_attempt(lost, true).retry_reason, RetryReason::kConnectionFailed);
  EXPECT_EQ(judge_attempt(http500, true).retry_reason, RetryReason::kServerError);
  EXPECT_TRUE(judge_attempt(yuno::HttpResponse{204, {}, ""}, false).success);
}

TEST(Backoff, DoublesFromHalfASecondToTheCap) {
  MockClient mock;
  mock.options.max_retries = 6;
  for (int i = 0; i < 6; ++i) mock.transport->enqueue_json(503, "");
  mock.transport->enqueue_json(200, customer_json());
  mock.make().customers().retrieve("c-1");
  // FakeClock's random 0.5 puts the jitter factor at exactly 1.
  EXPECT_EQ(mock.clock->sleeps(),
            (std::vector<milliseconds>{milliseconds(500), milliseconds(1000), milliseconds(2000),
                                       milliseconds(4000), milliseconds(8000), milliseconds(8000)}));
}

TEST(Backoff, JitterSpreadsTheDelay) {
  yuno::BackoffOptions backoff;  // 500 ms, x2, cap 8 s, jitter 0.25
  using yuno::internal::backoff_delay;
  EXPECT_EQ(backoff_delay(backoff, 1, 0.0), milliseconds(375));
  EXPECT_EQ(backoff_delay(backoff, 1, 0.5), milliseconds(500));
  EXPECT_EQ(backoff_delay(backoff, 1, 0.999), milliseconds(625));
  EXPECT_EQ(backoff_delay(backoff, 3, 0.0), milliseconds(1500));
  EXPECT_EQ(backoff_delay(backoff, 10, 0.999), milliseconds(8000));  // never above the cap

  MockClient mock;
  mock.clock->set_random(0.0);
  mock.transport->enqueue_json(503, "");
  mock.transport->enqueue_json(200, customer_json());
  mock.make().customers().retrieve("c-1");
  EXPECT_EQ(mock.clock->sleeps(), std::vector<milliseconds>{milliseconds(375)});
}

TEST(Backoff, RetryAfterIsHonouredAndCapped) {
  MockClient mock;
  mock.options.max_retries = 3;
  mock.transport->enqueue_json(429, "", {{"Retry-After", "2"}});
  mock.transport->enqueue_json(503, "", {{"Retry-After", "3600"}});
  mock.transport->enqueue_json(429, "", {{"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}});
  mock.transport->enqueue_json(200, customer_json());
  mock.make().customers().retrieve("c-1");
  // 2 s as asked; an hour capped to max_retry_after (30 s); an HTTP date falls back to backoff.
  EXPECT_EQ(mock.clock->sleeps(),
            (std::vector<milliseconds>{milliseconds(2000), milliseconds(30'000), milliseconds(2000)}));
  EXPECT_EQ(yuno::internal::parse_retry_after("0.5"), milliseconds(500));
  EXPECT_EQ(yuno::internal::parse_retry_after(" 7 "), milliseconds(7000));
  EXPECT_FALSE(yuno::internal::parse_retry_after("-1").has_value());
  EXPECT_FALSE(yuno::internal::parse_retry_after("").has_value());
}

TEST(Deadline, BoundsAttemptsAndWaits) {
  MockClient mock;
  mock.options.overall_timeout = milliseconds(3000);
  mock.options.max_retries = 5;
  auto clock = mock.clock;
  std::vector<milliseconds> attempt_timeouts;
  for (int i = 0; i < 6; ++i) {
    mock.transport->enqueue_handler([clock, &attempt_timeouts](const yuno::HttpRequest& request) {
      attempt_timeouts.push_back(request.timeout);
      clock->advance(milliseconds(1000));  // each attempt takes a second, then fails
      return yuno::TransportResult(yuno::HttpResponse{503, {}, ""});
    });
  }
  try {
    mock.make().customers().retrieve("c-1");
    FAIL() << "expected ServerError";
  } catch (const yuno::ServerError& e) {
    // t=0 attempt 1 (1 s), wait 0.5 s, t=1.5 attempt 2 (1 s), t=2.5 + 1 s wait > 3 s: stop.
    EXPECT_EQ(e.attempts(), 2);
  }
  EXPECT_EQ(attempt_timeouts, (std::vector<milliseconds>{milliseconds(3000), milliseconds(1500)}));
  EXPECT_EQ(mock.clock->sleeps(), std::vector<milliseconds>{milliseconds(500)});
}

TEST(Deadline, ATimedOutLastAttemptIsATimeoutError) {
  MockClient mock;
  mock.options.overall_timeout = milliseconds(1000);
  auto clock = mock.clock;
  mock.transport->enqueue_handler([clock](const yuno::HttpRequest& request) {
    clock->advance(request.timeout);
    return yuno::TransportResult(yuno::TransportError{Kind::kTimeout, true, "timed out"});
  });
  try {
    mock.make().customers().create(sample_request());
    FAIL() << "expected TimeoutError";
  } catch (const yuno::TimeoutError& e) {
    EXPECT_TRUE(e.may_have_reached_server());
    EXPECT_FALSE(e.idempotency_key().empty());
    EXPECT_EQ(e.attempts(), 1);
  }
  EXPECT_EQ(mock.transport->request_count(), 1u);
}

}  // namespace
