// Every HTTP failure maps to its exception type, with the whole support ticket attached,
// and messages never carry secrets or card numbers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "unit_test_support.hpp"

namespace {

using ::testing::HasSubstr;
using yuno::test::customer_json;
using yuno::test::error_json;
using yuno::test::MockClient;

yuno::CreateCustomerRequest sample_request() {
  yuno::CreateCustomerRequest request;
  request.merchant_customer_id = "merchant-42";
  return request;
}

// Sends one create that fails with `status`/`body` (no retries) and returns the error.
template <typename Expected>
std::unique_ptr<Expected> failing_create(int status, const std::string& body,
                                         yuno::HttpHeaders headers = {}) {
  MockClient mock;
  mock.options.max_retries = 0;
  mock.transport->enqueue_json(status, body, std::move(headers));
  try {
    mock.make().customers().create(sample_request());
  } catch (const Expected& e) {
    return std::make_unique<Expected>(e);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "status " << status << " threw the wrong type: " << e.what();
    return nullptr;
  }
  ADD_FAILURE() << "status " << status << " did not throw";
  return nullptr;
}

TEST(ErrorMapping, EachStatusHasItsType) {
  const std::string body = error_json("SOME_CODE", "m");
  EXPECT_TRUE(failing_create<yuno::InvalidRequestError>(400, body));
  EXPECT_TRUE(failing_create<yuno::InvalidRequestError>(422, body));
  EXPECT_TRUE(failing_create<yuno::AuthenticationError>(401, body));
  EXPECT_TRUE(failing_create<yuno::PermissionError>(403, body));
  EXPECT_TRUE(failing_create<yuno::NotFoundError>(404, body));
  EXPECT_TRUE(failing_create<yuno::ConflictError>(409, body));
  EXPECT_TRUE(failing_create<yuno::RateLimitError>(429, body));
  EXPECT_TRUE(failing_create<yuno::ServerError>(500, body));
  EXPECT_TRUE(failing_create<yuno::ServerError>(503, body));
  auto other = failing_create<yuno::ApiError>(405, error_json("UNSUPPORTED_METHOD", "m"));
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status_code(), 405);
  EXPECT_EQ(dynamic_cast<const yuno::InvalidRequestError*>(other.get()), nullptr);
}

TEST(ErrorMapping, ApiErrorCarriesTheSupportTicket) {
  const std::string body =
      R"({"code":"INVALID_PARAMETERS","messages":["merchant_customer_id is invalid","email is invalid"]})";
  auto error = failing_create<yuno::InvalidRequestError>(400, body, {{"X-Request-Id", "req-77"}});
  ASSERT_TRUE(error);
  EXPECT_EQ(error->status_code(), 400);
  EXPECT_EQ(error->code(), "INVALID_PARAMETERS");
  EXPECT_EQ(error->messages(),
            (std::vector<std::string>{"merchant_customer_id is invalid", "email is invalid"}));
  EXPECT_EQ(error->raw_body(), body);
  EXPECT_EQ(error->request_id(), "req-77");
  EXPECT_EQ(error->attempts(), 1);
  EXPECT_EQ(error->idempotency_key().size(), 36u);
  EXPECT_STREQ(error->what(),
               "Yuno API 400 INVALID_PARAMETERS: merchant_customer_id is invalid; email is invalid "
               "(POST /v1/customers, attempt 1/1)");
}

TEST(ErrorMapping, NonJsonErrorBodyIsKeptRaw) {
  auto error = failing_create<yuno::ServerError>(502, "<html>502 Bad Gateway</html>");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code(), "");
  EXPECT_TRUE(error->messages().empty());
  EXPECT_EQ(error->raw_body(), "<html>502 Bad Gateway</html>");
  EXPECT_STREQ(error->what(), "Yuno API 502 (POST /v1/customers, attempt 1/1)");
}

TEST(ErrorMapping, UnparsableSuccessIsAResponseParseErrorWithTheRawBody) {
  for (const std::string& body : {std::string("not json"), std::string("[1,2]"),
                                 std::string(R"({"id": 42})"), std::string(""),
                                 std::string(R"({"id":"c","email":{"a":1}})")}) {
    MockClient mock;
    mock.transport->enqueue_json(201, body);
    try {
      mock.make().customers().create(sample_request());
      ADD_FAILURE() << "no error for body " << body;
    } catch (const yuno::ResponseParseError& e) {
      EXPECT_EQ(e.raw_body(), body);
      EXPECT_EQ(e.status_code(), 201);
      EXPECT_EQ(e.idempotency_key().size(), 36u);
      EXPECT_THAT(e.what(), HasSubstr("POST /v1/customers"));
    }
    EXPECT_EQ(mock.transport->request_count(), 1u);  // a 2xx is never re-sent
  }
}

TEST(ErrorMapping, TransportFailuresAreConnectionOrTimeoutErrors) {
  MockClient mock;
  mock.options.max_retries = 0;
  mock.transport->enqueue_failure(yuno::TransportErrorKind::kConnectFailed, false, "refused");
  try {
    mock.make().customers().retrieve("c-1");
    FAIL();
  } catch (const yuno::TimeoutError&) {
    FAIL() << "a refused connection is not a timeout";
  } catch (const yuno::ConnectionError& e) {
    EXPECT_FALSE(e.may_have_reached_server());
    EXPECT_STREQ(e.what(),
                 "Yuno API request could not connect: refused (GET /v1/customers/{customer_id}, "
                 "attempt 1/1)");
  }
  mock.transport->enqueue_failure(yuno::TransportErrorKind::kTimeout, true, "timed out");
  EXPECT_THROW(mock.make().customers().retrieve("c-1"), yuno::TimeoutError);
}

TEST(ErrorMapping, AllErrorsShareTheRoot) {
  EXPECT_TRUE((std::is_base_of_v<yuno::Error, yuno::ConfigurationError>));
  EXPECT_TRUE((std::is_base_of_v<yuno::Error, yuno::ApiError>));
  EXPECT_TRUE((std::is_base_of_v<yuno::RequestError, yuno::ConnectionError>));
  EXPECT_TRUE((std::is_base_of_v<yuno::ConnectionError, yuno::TimeoutError>));
  EXPECT_TRUE((std::is_base_of_v<yuno::RequestError, yuno::ResponseParseError>));
  EXPECT_TRUE((std::is_base_of_v<std::runtime_error, yuno::Error>));
}

TEST(ErrorMessages, NeverContainSecretsOrCardNumbers) {
  // A hostile or careless server echoes the credentials and a card number back.
  const std::string echo = std::string(R"({"code":"INVALID_CREDENTIALS","messages":["key )") +
                           yuno::test::kSecretKey + " / " + yuno::test::kPublicKey +
                           R"( card 4507990000000002 rejected"]})";
  MockClient mock;
  mock.options.max_retries = 0;
  auto client = mock.make();
  std::vector<std::string> messages;

  mock.transport->enqueue_json(401, echo);
  try {
    client.customers().create(sample_request());
  } catch (const yuno::AuthenticationError& e) {
    messages.push_back(e.what());
    for (const auto& m : e.messages()) messages.push_back(m);
  }
  mock.transport->enqueue_failure(yuno::TransportErrorKind::kConnectionLost, true,
                                  std::string("reset while sending ") + yuno::test::kSecretKey);
  try {
    client.customers().retrieve("c-1");
  } catch (const yuno::ConnectionError& e) {
    messages.push_back(e.what());
  }
  ASSERT_EQ(messages.size(), 3u);
  for (const std::string& message : messages) {
    EXPECT_EQ(message.find(yuno::test::kSecretKey), std::string::npos);
    EXPECT_EQ(message.find(yuno::test::kPublicKey), std::string::npos);
    EXPECT_EQ(message.find("4507990000000002"), std::string::npos);
  }
  EXPECT_NE(messages[1].find("****0002"), std::string::npos);  // masked, not dropped
}

}  // namespace
