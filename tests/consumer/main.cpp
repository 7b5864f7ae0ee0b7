// A program built against an installed yuno, linking yuno::yuno only: proves the headers,
// the generated version header, the library and its dependencies all come with the package.
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>  // public dependency: reachable through yuno::yuno
#include <yuno/yuno.hpp>

#ifndef YUNO_CONSUMER_EXPECTED_VERSION
#error "YUNO_CONSUMER_EXPECTED_VERSION (the found package's version) must be defined"
#endif

namespace {

int failures = 0;

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "FAILED: %s\n", what);
    ++failures;
  }
}

// The transport seam, implemented the way an application with its own HTTP stack would:
// answers every request with one customer, and remembers the URL it was asked for.
class CannedTransport : public yuno::HttpTransport {
 public:
  yuno::TransportResult send(const yuno::HttpRequest& request) override {
    last_url = request.url;
    yuno::HttpResponse response;
    response.status_code = 200;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = R"({"id": "c-1", "merchant_customer_id": "m-1", "country": "CO"})";
    return response;
  }
  std::string last_url;
};

yuno::ClientOptions consumer_options() {
  yuno::ClientOptions options;
  options.public_api_key = "sandbox_consumer_test";
  options.private_secret_key = "x";
  return options;
}

}  // namespace

int main() {
  try {
    std::printf("yuno %s (headers %s, package %s), %s\n", yuno::version(), YUNO_VERSION_STRING,
                YUNO_CONSUMER_EXPECTED_VERSION, yuno::CurlTransport::curl_version().c_str());
    check(std::strcmp(yuno::version(), YUNO_VERSION_STRING) == 0,
          "library version equals the installed version.hpp");
    check(std::strcmp(yuno::version(), YUNO_CONSUMER_EXPECTED_VERSION) == 0,
          "library version equals the CMake package version");

    // The default (libcurl) transport: constructing it sends nothing.
    const yuno::YunoClient default_client(consumer_options());
    check(default_client.environment() == yuno::Environment::kSandbox,
          "a sandbox_ key selects the sandbox");
    check(default_client.base_url() == yuno::default_base_url(yuno::Environment::kSandbox),
          "the sandbox base URL is used");

    auto transport = std::make_shared<CannedTransport>();
    auto options = consumer_options();
    options.transport = transport;
    const yuno::YunoClient client(options);
    const yuno::Response<yuno::Customer> customer = client.customers().retrieve("c-1");
    check(customer.id == "c-1", "customer id parsed");
    check(customer.merchant_customer_id.value_or("") == "m-1", "merchant_customer_id parsed");
    check(customer.response_metadata().status_code == 200, "status code in the metadata");
    check(transport->last_url.find("/v1/customers/c-1") != std::string::npos,
          "GET /v1/customers/{id} requested");

    // The model's nlohmann ADL functions link from the consumer's side too.
    const nlohmann::json as_json = static_cast<const yuno::Customer&>(customer);
    check(as_json.at("country") == "CO", "to_json(Customer) usable by consumers");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "FAILED: unexpected exception: %s\n", e.what());
    return 1;
  }
  if (failures != 0) return 1;
  std::printf("consumer app: OK\n");
  return 0;
}
