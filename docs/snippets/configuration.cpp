// docs/configuration.md: configuring a client. The guide quotes the regions between
// `// [name]` markers (check_snippets.sh keeps them equal).
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include <yuno/yuno.hpp>

namespace docs {

yuno::YunoClient from_environment() {
  // [from-env]
  // YUNO_PUBLIC_API_KEY, YUNO_PRIVATE_SECRET_KEY, YUNO_ACCOUNT_ID, YUNO_ENVIRONMENT,
  // YUNO_BASE_URL; the other options keep their defaults and can be set afterwards.
  yuno::ClientOptions options = yuno::ClientOptions::from_env();
  options.user_agent = "my-shop/2.3";
  yuno::YunoClient client(options);  // throws yuno::ConfigurationError naming the option
  // [from-env]
  return client;
}

yuno::YunoClient explicit_options(const std::string& public_key, const std::string& secret_key) {
  // [explicit]
  yuno::ClientOptions options;
  options.public_api_key = public_key;   // "sandbox_..." or "prod_...": picks the environment
  options.private_secret_key = secret_key;
  options.account_id = "8b2f1c3e-5d4a-4e6b-9c7d-0a1b2c3d4e5f";
  options.environment = yuno::Environment::kProduction;  // optional; must agree with the key
  options.timeout = std::chrono::seconds(75);             // per attempt
  options.overall_timeout = std::chrono::minutes(3);      // all attempts and waits of a call
  options.max_retries = 2;
  options.backoff.initial_delay = std::chrono::milliseconds(500);
  yuno::YunoClient client(options);
  // [explicit]
  return client;
}

void observability(yuno::ClientOptions& options) {
  // [observe]
  // Log lines never contain keys, secrets or card data. Called on the calling thread (for
  // *_async calls on the transport's thread): keep it quick and thread-safe.
  options.logger = [](yuno::LogLevel level, std::string_view message) {
    std::clog << "[" << yuno::to_string(level) << "] " << message << "\n";
  };
  options.log_level = yuno::LogLevel::kDebug;  // the SDK logs one line per HTTP attempt
  options.observer = [](const yuno::AttemptEvent& event) {
    if (event.phase != yuno::AttemptEvent::Phase::kFinished) return;
    // e.g. a histogram labelled by method, path template and status:
    std::clog << event.method << " " << event.path_template << " -> "
              << (event.status_code ? std::to_string(*event.status_code) : "no response")
              << " in " << event.latency.count() << " us, attempt " << event.attempt << "\n";
  };
  // [observe]
}

void local_sandbox(yuno::ClientOptions& options) {
  // [local]
  options.public_api_key = "sandbox_yuno_cpp_demo_public_key";  // yuno-sandbox's demo keys
  options.private_secret_key = "yuno_cpp_demo_private_secret_key";
  options.account_id = "8b2f1c3e-5d4a-4e6b-9c7d-0a1b2c3d4e5f";
  options.base_url = "http://127.0.0.1:8080";  // plain http: loopback hosts only
  // [local]
}

void transport(yuno::ClientOptions& options) {
  // [transport]
  // The default transport is a CurlTransport made from these options:
  options.proxy = "http://proxy.internal:3128";       // else https_proxy/no_proxy apply
  options.ca_bundle_path = "/etc/ssl/certs/corp.pem";  // e.g. a TLS-inspecting proxy's CA
  options.max_response_bytes = 8 * 1024 * 1024;
  // [transport]
}

void own_transport(yuno::ClientOptions& options) {
  // [own-transport]
  // A transport you build yourself (then the three options above are not used): one
  // CurlTransport shared by several clients, or any yuno::HttpTransport of your own.
  yuno::CurlTransportOptions curl;
  curl.proxy = "http://proxy.internal:3128";
  curl.max_idle_handles = 32;
  options.transport = std::make_shared<yuno::CurlTransport>(curl);
  // [own-transport]
}

}  // namespace docs

int main() {
  std::cout << "docs snippets: configuration\n";
  return 0;
}
