// What goes on the wire: URL, headers, idempotency keys, encoding and header injection.
#include <regex>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "unit_test_support.hpp"

namespace {

using ::testing::StartsWith;
using yuno::find_header;
using yuno::test::customer_json;
using yuno::test::MockClient;

bool is_uuid_v4(const std::string& text) {
  static const std::regex kUuid("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  return std::regex_match(text, kUuid);
}

yuno::CreateCustomerRequest sample_request() {
  yuno::CreateCustomerRequest request;
  request.merchant_customer_id = "merchant-42";
  request.email = "john@example.com";
  return request;
}

TEST(RequestBuilding, CreateSendsEveryHeaderAndTheJsonBody) {
  MockClient mock;
  mock.options.user_agent = "my-shop/2.1";
  mock.transport->enqueue_json(201, customer_json());
  mock.make().customers().create(sample_request());

  const yuno::HttpRequest request = mock.transport->last_request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://api-sandbox.y.uno/v1/customers");
  EXPECT_TRUE(find_header(request.headers, "public-api-key") == yuno::test::kPublicKey);
  EXPECT_TRUE(find_header(request.headers, "private-secret-key") == yuno::test::kSecretKey);
  EXPECT_EQ(find_header(request.headers, "account-code"), yuno::test::kAccountId);
  EXPECT_EQ(find_header(request.headers, "content-type"), "application/json");
  EXPECT_EQ(find_header(request.headers, "accept"), "application/json");
  const std::string user_agent = find_header(request.headers, "user-agent").value_or("");
  EXPECT_THAT(user_agent, StartsWith(std::string("yuno-cpp/") + yuno::version() + " libcurl/"));
  EXPECT_THAT(user_agent, ::testing::EndsWith(" my-shop/2.1"));
  EXPECT_TRUE(is_uuid_v4(find_header(request.headers, "x-idempotency-key").value_or("")));
  EXPECT_EQ(nlohmann::json::parse(request.body),
            (nlohmann::json{{"merchant_customer_id", "merchant-42"}, {"email", "john@example.com"}}));
  EXPECT_EQ(request.timeout, std::chrono::milliseconds(75'000));
  EXPECT_EQ(request.connect_timeout, std::chrono::milliseconds(10'000));
}

TEST(RequestBuilding, ReadsCarryNoIdempotencyKeyNorBody) {
  MockClient mock;
  mock.transport->enqueue_json(200, customer_json());
  mock.make().customers().retrieve("c-1");
  const yuno::HttpRequest request = mock.transport->last_request();
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.url, "https://api-sandbox.y.uno/v1/customers/c-1");
  EXPECT_FALSE(find_header(request.headers, "x-idempotency-key").has_value());
  EXPECT_FALSE(find_header(request.headers, "content-type").has_value());
  EXPECT_TRUE(request.body.empty());
}

TEST(RequestBuilding, AccountCodeOmittedWhenNotConfigured) {
  MockClient mock;
  mock.options.account_id.clear();
  mock.transport->enqueue_json(200, customer_json());
  mock.make().customers().retrieve("c-1");
  EXPECT_FALSE(find_header(mock.transport->last_request().headers, "account-code").has_value());
}

TEST(RequestBuilding, EachLogicalCallGetsItsOwnKeyAndResultCarriesIt) {
  MockClient mock;
  auto client = mock.make();
  std::set<std::string> keys;
  for (int i = 0; i < 5; ++i) {
    mock.transport->enqueue_json(201, customer_json());
    auto customer = client.customers().create(sample_request());
    const std::string sent =
        find_header(mock.transport->last_request().headers, "x-idempotency-key").value_or("");
    EXPECT_EQ(customer.response_metadata().idempotency_key, sent);
    keys.insert(sent);
  }
  EXPECT_EQ(keys.size(), 5u);
}

TEST(RequestBuilding, CallerIdempotencyKeyWins) {
  MockClient mock;
  mock.transport->enqueue_json(200, customer_json());
  yuno::RequestOptions options;
  options.idempotency_key = "order-7781-update";
  auto customer = mock.make().customers().update("c-1", {}, options);
  EXPECT_EQ(find_header(mock.transport->last_request().headers, "x-idempotency-key"),
            "order-7781-update");
  EXPECT_EQ(customer.response_metadata().idempotency_key, "order-7781-update");
  EXPECT_EQ(mock.transport->last_request().method, "PATCH");
}

TEST(RequestBuilding, PathParametersAreEncodedAsOneSegment) {
  MockClient mock;
  auto client = mock.make();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a.b", "a%2Eb"}, {"a=b&c", "a%3Db%26c"}, {"id with space", "id%20with%20space"}};
  for (const auto& [id, encoded] : cases) {
    mock.transport->enqueue_json(200, customer_json());
    client.customers().retrieve(id);
    EXPECT_EQ(mock.transport->last_request().url,
              "https://api-sandbox.y.uno/v1/customers/" + encoded);
  }
  // What a decoding hop could turn into another path is refused (tests/security).
  for (const char* id : {"../x", "a/b", "..", "a?b=c#d", "a%2Fb"}) {
    EXPECT_THROW(client.customers().retrieve(id), yuno::InvalidArgumentError) << id;
  }
  EXPECT_EQ(mock.transport->request_count(), cases.size());
}

TEST(RequestBuilding, QueryValuesAreEncoded) {
  MockClient mock;
  mock.transport->enqueue_json(200, customer_json());
  mock.make().customers().retrieve_by_merchant_customer_id("a b&c=d/e");
  EXPECT_EQ(mock.transport->last_request().url,
            "https://api-sandbox.y.uno/v1/customers?merchant_customer_id=a%20b%26c%3Dd%2Fe");
}

TEST(RequestBuilding, EmptyIdIsRejectedBeforeSending) {
  MockClient mock;
  auto client = mock.make();
  EXPECT_THROW(client.customers().retrieve(""), yuno::InvalidArgumentError);
  EXPECT_THROW(client.customers().update("", {}), yuno::InvalidArgumentError);
  EXPECT_THROW(client.customers().remove(""), yuno::InvalidArgumentError);
  EXPECT_THROW(client.customers().retrieve_by_merchant_customer_id(""), yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 0u);
}

TEST(RequestBuilding, CrLfInHeaderValuesIsRejectedBeforeSending) {
  MockClient mock;
  auto client = mock.make();
  yuno::RequestOptions bad_key;
  bad_key.idempotency_key = "abc\r\nX-Injected: 1";
  EXPECT_THROW(client.customers().create(sample_request(), bad_key), yuno::InvalidArgumentError);

  yuno::RequestOptions bad_header;
  bad_header.extra_headers = {{"X-Trace", "t1\nX-Injected: 1"}};
  EXPECT_THROW(client.customers().retrieve("c-1", bad_header), yuno::InvalidArgumentError);

  yuno::RequestOptions bad_name;
  bad_name.extra_headers = {{"X-Trace\r\nX-Injected", "1"}};
  EXPECT_THROW(client.customers().retrieve("c-1", bad_name), yuno::InvalidArgumentError);

  yuno::RequestOptions bad_account;
  bad_account.account_id = std::string("acc\r\n", 5);
  EXPECT_THROW(client.customers().retrieve("c-1", bad_account), yuno::InvalidArgumentError);

  yuno::RequestOptions empty_key;
  empty_key.idempotency_key = "";
  EXPECT_THROW(client.customers().create(sample_request(), empty_key), yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 0u);
}

TEST(RequestBuilding, ExtraHeadersAreSentButManagedOnesAreRefused) {
  MockClient mock;
  auto client = mock.make();
  mock.transport->enqueue_json(200, customer_json());
  yuno::RequestOptions options;
  options.extra_headers = {{"X-Trace-Parent", "00-abc-01"}};
  client.customers().retrieve("c-1", options);
  EXPECT_EQ(find_header(mock.transport->last_request().headers, "x-trace-parent"), "00-abc-01");

  for (const char* managed : {"private-secret-key", "Public-Api-Key", "X-Idempotency-Key",
                              "account-code", "Content-Type", "User-Agent"}) {
    yuno::RequestOptions bad;
    bad.extra_headers = {{managed, "x"}};
    EXPECT_THROW(client.customers().retrieve("c-1", bad), yuno::InvalidArgumentError) << managed;
  }
  EXPECT_EQ(mock.transport->request_count(), 1u);
}

TEST(RequestBuilding, PerCallOptionsOverrideTheClient) {
  MockClient mock;
  mock.transport->enqueue_json(200, customer_json());
  yuno::RequestOptions options;
  options.account_id = "acc-override";
  options.timeout = std::chrono::milliseconds(5'000);
  mock.make().customers().retrieve("c-1", options);
  const auto request = mock.transport->last_request();
  EXPECT_EQ(find_header(request.headers, "account-code"), "acc-override");
  EXPECT_EQ(request.timeout, std::chrono::milliseconds(5'000));
  EXPECT_EQ(request.connect_timeout, std::chrono::milliseconds(5'000));
}

TEST(RequestBuilding, RemoveNeedsTheAccountCode) {
  MockClient mock;
  mock.options.account_id.clear();
  auto client = mock.make();
  EXPECT_THROW(client.customers().remove("c-1"), yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 0u);

  mock.transport->enqueue(yuno::HttpResponse{202, {}, ""});
  yuno::RequestOptions options;
  options.account_id = "acc-9";
  const yuno::ResponseMetadata metadata = client.customers().remove("c-1", options);
  EXPECT_EQ(metadata.status_code, 202);
  EXPECT_EQ(mock.transport->last_request().method, "DELETE");
  EXPECT_EQ(find_header(mock.transport->last_request().headers, "account-code"), "acc-9");
}

TEST(RequestBuilding, BaseUrlPathPrefixIsKept) {
  MockClient mock;
  mock.options.base_url = "http://127.0.0.1:8080/yuno/";
  mock.transport->enqueue_json(200, customer_json());
  mock.make().customers().retrieve("c-1");
  EXPECT_EQ(mock.transport->last_request().url, "http://127.0.0.1:8080/yuno/v1/customers/c-1");
}

}  // namespace
