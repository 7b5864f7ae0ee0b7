// A test of merchant code using the installed test doubles (yuno::testing): scripts one
// response with MockTransport and checks what the client made of it and what it sent.
#include <cstdio>
#include <exception>
#include <memory>
#include <string>

#include <yuno/testing/mock_transport.hpp>
#include <yuno/yuno.hpp>

int main() {
  int failures = 0;
  const auto check = [&failures](bool ok, const char* what) {
    if (!ok) {
      std::fprintf(stderr, "FAILED: %s\n", what);
      ++failures;
    }
  };
  try {
    auto mock = std::make_shared<yuno::testing::MockTransport>();
    mock->enqueue_json(200, R"({"id": "c-1", "merchant_customer_id": "m-1", "email": "a@example.com"})");

    yuno::ClientOptions options;
    options.public_api_key = "sandbox_consumer_test";
    options.private_secret_key = "x";
    options.transport = mock;
    const yuno::YunoClient client(options);

    const auto customer = client.customers().retrieve("c-1");
    check(customer.id == "c-1", "customer id parsed");
    check(customer.email.value_or("") == "a@example.com", "email parsed");
    check(mock->request_count() == 1, "exactly one request sent");
    check(mock->pending() == 0, "the scripted response was consumed");
    const yuno::HttpRequest sent = mock->last_request();
    check(sent.method == "GET", "a GET was sent");
    check(sent.url.find("/v1/customers/c-1") != std::string::npos, "to /v1/customers/c-1");
    check(yuno::find_header(sent.headers, "public-api-key").value_or("") == "sandbox_consumer_test",
          "public-api-key header sent");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "FAILED: unexpected exception: %s\n", e.what());
    return 1;
  }
  if (failures != 0) return 1;
  std::printf("consumer app_testing: OK\n");
  return 0;
}
