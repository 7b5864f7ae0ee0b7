// The Customers API end to end over the mock transport.
#include <atomic>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "unit_test_support.hpp"

namespace {

using yuno::test::customer_json;
using yuno::test::MockClient;

TEST(CustomersApi, CreateReturnsTheCustomerAndMetadata) {
  MockClient mock;
  mock.transport->enqueue_json(201, customer_json("c-1"), {{"x-request-id", "r-1"}});
  yuno::CreateCustomerRequest request;
  request.merchant_customer_id = "m-1";
  request.billing_address = yuno::Address{};
  request.billing_address->city = "New York";
  request.metadata = std::vector<yuno::MetadataEntry>{{"ID", "123", {}}};

  yuno::Response<yuno::Customer> customer = mock.make().customers().create(request);
  EXPECT_EQ(customer.id, "c-1");
  EXPECT_EQ(customer.first_name, "John");
  EXPECT_FALSE(customer.document.has_value());
  EXPECT_FALSE(customer.phone.has_value());
  EXPECT_EQ(customer.response_metadata().status_code, 201);
  EXPECT_EQ(customer.response_metadata().request_id, "r-1");
  EXPECT_EQ(customer.response_metadata().attempts, 1);

  const auto body = nlohmann::json::parse(mock.transport->last_request().body);
  EXPECT_EQ(body, (nlohmann::json{{"merchant_customer_id", "m-1"},
                                  {"billing_address", {{"city", "New York"}}},
                                  {"metadata", {{{"key", "ID"}, {"value", "123"}}}}}));
  // The response slices to a plain Customer.
  const yuno::Customer plain = customer;
  EXPECT_EQ(plain.id, "c-1");
}

TEST(CustomersApi, CreateNeedsAMerchantCustomerId) {
  MockClient mock;
  EXPECT_THROW(mock.make().customers().create({}), yuno::InvalidArgumentError);
  EXPECT_EQ(mock.transport->request_count(), 0u);
}

TEST(CustomersApi, UpdateSendsOnlyTheFieldsSet) {
  MockClient mock;
  mock.transport->enqueue_json(200, customer_json("c-1"));
  yuno::UpdateCustomerRequest request;
  request.email = "new@example.com";
  auto customer = mock.make().customers().update("c-1", request);
  EXPECT_EQ(customer.id, "c-1");
  const auto sent = mock.transport->last_request();
  EXPECT_EQ(sent.method, "PATCH");
  EXPECT_EQ(sent.url, "https://api-sandbox.y.uno/v1/customers/c-1");
  EXPECT_EQ(nlohmann::json::parse(sent.body), (nlohmann::json{{"email", "new@example.com"}}));
}

TEST(CustomersApi, RetrieveByMerchantCustomerIdAcceptsObjectOrList) {
  MockClient mock;
  auto client = mock.make();
  mock.transport->enqueue_json(200, customer_json("c-obj"));
  EXPECT_EQ(client.customers().retrieve_by_merchant_customer_id("m-1").id, "c-obj");
  mock.transport->enqueue_json(200, "[" + customer_json("c-list") + "]");
  EXPECT_EQ(client.customers().retrieve_by_merchant_customer_id("m-1").id, "c-list");
  mock.transport->enqueue_json(200, "[]");
  EXPECT_THROW(client.customers().retrieve_by_merchant_customer_id("m-1"), yuno::NotFoundError);
  mock.transport->enqueue_json(200, "\"text\"");
  EXPECT_THROW(client.customers().retrieve_by_merchant_customer_id("m-1"),
               yuno::ResponseParseError);
}

TEST(CustomersApi, RemoveReturnsTheMetadataOfAnEmpty202) {
  MockClient mock;
  mock.transport->enqueue(yuno::HttpResponse{202, {{"x-request-id", "r-9"}}, ""});
  const yuno::ResponseMetadata metadata = mock.make().customers().remove("c-1");
  EXPECT_EQ(metadata.status_code, 202);
  EXPECT_EQ(metadata.request_id, "r-9");
  EXPECT_TRUE(metadata.idempotency_key.empty());
  EXPECT_EQ(mock.transport->last_request().url, "https://api-sandbox.y.uno/v1/customers/c-1");
}

TEST(CustomersApi, NotFoundIsTyped) {
  MockClient mock;
  mock.transport->enqueue_json(404, yuno::test::error_json("CUSTOMER_NOT_FOUND", "Customer not found."));
  try {
    mock.make().customers().retrieve("missing");
    FAIL();
  } catch (const yuno::NotFoundError& e) {
    EXPECT_EQ(e.code(), "CUSTOMER_NOT_FOUND");
  }
}

TEST(CustomersApi, ClientIsSafeToShareAcrossThreads) {
  MockClient mock;
  constexpr int kThreads = 8;
  constexpr int kCallsPerThread = 25;
  for (int i = 0; i < kThreads * kCallsPerThread; ++i) mock.transport->enqueue_json(200, customer_json());
  const yuno::YunoClient client = mock.make();
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&client, &ok] {
      for (int i = 0; i < kCallsPerThread; ++i) {
        if (client.customers().retrieve("c-1").id == "bf64527c-5531-4ece-bf2c-51a8e775d8e1") ++ok;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), kThreads * kCallsPerThread);
  EXPECT_EQ(mock.transport->request_count(), static_cast<std::size_t>(kThreads * kCallsPerThread));
}

}  // namespace
