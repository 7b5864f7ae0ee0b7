// Constructing a YunoClient: required options, environment inference and mismatches,
// base URL validation, numeric limits, header injection, ClientOptions::from_env().
// Error messages must name the option and never carry a key or secret value.
#include <cstdlib>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

#include "unit_test_support.hpp"

namespace {

using yuno::ClientOptions;
using yuno::ConfigurationError;
using yuno::Environment;
using yuno::YunoClient;
using yuno::test::kPublicKey;
using yuno::test::kSecretKey;

constexpr const char* kProdKey = "prod_pk_UNITTEST_fedcba9876543210";
constexpr const char* kOtherKey = "pk_UNITTEST_noprefix_5555";

// Options over a MockTransport, so nothing can reach the network.
ClientOptions base_options(const std::string& public_key = kPublicKey) {
  ClientOptions options;
  options.public_api_key = public_key;
  options.private_secret_key = kSecretKey;
  options.transport = std::make_shared<yuno::testing::MockTransport>();
  options.clock = std::make_shared<yuno::testing::FakeClock>();
  return options;
}

// Replaces every occurrence of each secret by a placeholder, so a failure can show a message.
std::string scrub(std::string text, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), "<SECRET>");
    }
  }
  return text;
}

// Expects the constructor to throw a ConfigurationError whose message mentions `mention`
// and contains no key or secret (neither the options' values nor the test constants).
void expect_configuration_error(const ClientOptions& options, const std::string& mention) {
  const std::vector<std::string> secrets = {options.public_api_key, options.private_secret_key,
                                            kPublicKey, kSecretKey, kProdKey, kOtherKey};
  try {
    YunoClient client(options);
    ADD_FAILURE() << "expected a ConfigurationError mentioning " << mention;
  } catch (const ConfigurationError& e) {
    const std::string message = e.what();
    bool leaks = false;
    for (const std::string& secret : secrets) {
      leaks = leaks || (!secret.empty() && message.find(secret) != std::string::npos);
    }
    EXPECT_FALSE(leaks) << "the message carries a key or secret: " << scrub(message, secrets);
    EXPECT_TRUE(message.find(mention) != std::string::npos)
        << "the message does not mention " << mention << ": " << scrub(message, secrets);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected a ConfigurationError, got another exception: "
                  << scrub(e.what(), secrets);
  }
}

// --- required options -------------------------------------------------------------------

TEST(ClientOptions, MissingKeysAreConfigurationErrorsNamingTheOption) {
  ClientOptions options = base_options();
  options.public_api_key.clear();
  expect_configuration_error(options, "public_api_key");

  options = base_options();
  options.private_secret_key.clear();
  expect_configuration_error(options, "private_secret_key");
}

TEST(ClientOptions, ValidOptionsConstruct) {
  EXPECT_NO_THROW(YunoClient client(base_options()));
}

// --- environment ------------------------------------------------------------------------

TEST(ClientOptions, EnvironmentIsInferredFromTheKeyPrefix) {
  const YunoClient sandbox(base_options(kPublicKey));
  EXPECT_EQ(sandbox.environment(), Environment::kSandbox);
  EXPECT_EQ(sandbox.base_url(), "https://api-sandbox.y.uno");

  const YunoClient production(base_options(kProdKey));
  EXPECT_EQ(production.environment(), Environment::kProduction);
  EXPECT_EQ(production.base_url(), "https://api.y.uno");
}

TEST(ClientOptions, ExplicitEnvironmentsThatAgreeWithTheKey) {
  ClientOptions options = base_options(kProdKey);
  options.environment = Environment::kProductionEu;
  const YunoClient eu(options);
  EXPECT_EQ(eu.environment(), Environment::kProductionEu);
  EXPECT_EQ(eu.base_url(), "https://api.eu.y.uno");

  options.environment = Environment::kProduction;
  EXPECT_EQ(YunoClient(options).base_url(), "https://api.y.uno");

  options = base_options(kPublicKey);
  options.environment = Environment::kSandbox;
  EXPECT_EQ(YunoClient(options).base_url(), "https://api-sandbox.y.uno");
}

TEST(ClientOptions, KeyAndEnvironmentMismatchIsRejected) {
  ClientOptions options = base_options(kPublicKey);
  options.environment = Environment::kProduction;
  expect_configuration_error(options, "environment");
  options.environment = Environment::kProductionEu;
  expect_configuration_error(options, "environment");

  options = base_options(kProdKey);
  options.environment = Environment::kSandbox;
  expect_configuration_error(options, "environment");
}

TEST(ClientOptions, UnknownKeyPrefixNeedsAnExplicitEnvironment) {
  ClientOptions options = base_options(kOtherKey);
  expect_configuration_error(options, "environment");

  options.environment = Environment::kSandbox;
  EXPECT_EQ(YunoClient(options).base_url(), "https://api-sandbox.y.uno");
  options.environment = Environment::kProductionEu;
  EXPECT_EQ(YunoClient(options).environment(), Environment::kProductionEu);
}

// --- base_url ---------------------------------------------------------------------------

TEST(ClientOptions, BaseUrlTrailingSlashIsRemoved) {
  ClientOptions options = base_options();
  options.base_url = "https://api-sandbox.y.uno/";
  EXPECT_EQ(YunoClient(options).base_url(), "https://api-sandbox.y.uno");
  options.base_url = "https://proxy.internal/yuno//";
  EXPECT_EQ(YunoClient(options).base_url(), "https://proxy.internal/yuno");
}

TEST(ClientOptions, PlainHttpIsAcceptedForLoopbackHostsOnly) {
  ClientOptions options = base_options();
  for (const char* url : {"http://127.0.0.1:8080", "http://localhost:9", "http://[::1]:8080",
                          "http://127.1.2.3"}) {
    SCOPED_TRACE(url);
    options.base_url = url;
    std::optional<YunoClient> client;
    ASSERT_NO_THROW(client.emplace(options));
    EXPECT_EQ(client->base_url(), url);
  }
  options.base_url = "http://example.com";
  expect_configuration_error(options, "base_url");
  options.base_url = "http://api-sandbox.y.uno";
  expect_configuration_error(options, "base_url");
  options.base_url = "http://localhost.example.com";
  expect_configuration_error(options, "base_url");
}

TEST(ClientOptions, PlainHttpToADnsNameStartingWith127IsRejected) {
  // "127.attacker.example" is a DNS name, not an address in 127.0.0.0/8: it may resolve
  // anywhere, so keys would travel in clear text over the network.
  ClientOptions options = base_options();
  options.base_url = "http://127.attacker.example";
  expect_configuration_error(options, "base_url");
  options.base_url = "http://127.0.0.1.attacker.example:8080";
  expect_configuration_error(options, "base_url");
}

TEST(ClientOptions, BaseUrlWithV1IsRejected) {
  ClientOptions options = base_options();
  for (const char* url : {"https://x.test/v1", "https://x.test/v1/", "https://x.test/proxy/v1"}) {
    SCOPED_TRACE(url);
    options.base_url = url;
    expect_configuration_error(options, "base_url");
  }
}

TEST(ClientOptions, MalformedBaseUrlsAreRejected) {
  ClientOptions options = base_options();
  for (const char* url : {"ftp://x", "https://", "https://a b", "https://h?q=1", "https://h#frag",
                          "https://user:pw@h", "https://user@h", "api.y.uno", "//api.y.uno",
                          "https://h:port", "https://h:", "https://[::1", "https://h\r\n/x",
                          "https:// h"}) {
    SCOPED_TRACE(url);
    options.base_url = url;
    expect_configuration_error(options, "base_url");
  }
}

TEST(ClientOptions, EmptyBaseUrlMeansTheEnvironmentDefault) {
  // An empty string is how "not set" is spelled: it must never become a request to "/v1/...".
  ClientOptions options = base_options();
  options.base_url = "";
  const YunoClient client(options);
  EXPECT_EQ(client.base_url(), "https://api-sandbox.y.uno");
}

TEST(ClientOptions, BaseUrlOfTheOtherEnvironmentIsRejected) {
  ClientOptions options = base_options(kPublicKey);
  options.base_url = "https://api.y.uno";
  expect_configuration_error(options, "base_url");
  options.base_url = "https://api.eu.y.uno";
  expect_configuration_error(options, "base_url");
  options.base_url = "https://API.Y.UNO:443/";
  expect_configuration_error(options, "base_url");

  options = base_options(kProdKey);
  options.base_url = "https://api-sandbox.y.uno";
  expect_configuration_error(options, "base_url");
  options.base_url = "https://api.eu.y.uno";  // production-eu is production too
  EXPECT_EQ(YunoClient(options).base_url(), "https://api.eu.y.uno");
}

TEST(ClientOptions, ProxyBaseUrlWithAPathPrefixIsUsedForRequests) {
  auto transport = std::make_shared<yuno::testing::MockTransport>();
  ClientOptions options = base_options();
  options.transport = transport;
  options.base_url = "https://proxy.internal/yuno";
  const YunoClient client(options);
  EXPECT_EQ(client.base_url(), "https://proxy.internal/yuno");

  transport->enqueue_json(200, yuno::test::customer_json());
  const auto customer = client.customers().retrieve("c-1");
  EXPECT_EQ(customer.id, "bf64527c-5531-4ece-bf2c-51a8e775d8e1");
  ASSERT_EQ(transport->request_count(), 1U);
  EXPECT_EQ(transport->last_request().url, "https://proxy.internal/yuno/v1/customers/c-1");
}

// --- numbers ----------------------------------------------------------------------------

TEST(ClientOptions, InvalidNumbersAreConfigurationErrors) {
  using std::chrono::milliseconds;
  struct Case {
    const char* mention;
    void (*apply)(ClientOptions&);
  };
  const std::vector<Case> cases = {
      {"connect_timeout", [](ClientOptions& o) { o.connect_timeout = milliseconds(0); }},
      {"connect_timeout", [](ClientOptions& o) { o.connect_timeout = milliseconds(-1); }},
      {"timeout", [](ClientOptions& o) { o.timeout = milliseconds(0); }},
      {"timeout", [](ClientOptions& o) { o.timeout = milliseconds(-5'000); }},
      {"overall_timeout", [](ClientOptions& o) { o.overall_timeout = milliseconds(0); }},
      {"overall_timeout", [](ClientOptions& o) { o.overall_timeout = milliseconds(-1); }},
      {"max_retries", [](ClientOptions& o) { o.max_retries = -1; }},
      {"max_retries", [](ClientOptions& o) { o.max_retries = 11; }},
      {"jitter", [](ClientOptions& o) { o.backoff.jitter = 1.0; }},
      {"jitter", [](ClientOptions& o) { o.backoff.jitter = -0.1; }},
      {"multiplier", [](ClientOptions& o) { o.backoff.multiplier = 0.5; }},
      {"backoff", [](ClientOptions& o) { o.backoff.initial_delay = milliseconds(-1); }},
      {"max_response_bytes", [](ClientOptions& o) { o.max_response_bytes = 0; }},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE("case " + std::to_string(i) + " (" + cases[i].mention + ")");
    ClientOptions options = base_options();
    cases[i].apply(options);
    expect_configuration_error(options, cases[i].mention);
  }
}

TEST(ClientOptions, NumbersAtTheLimitsAreAccepted) {
  ClientOptions options = base_options();
  options.max_retries = 0;
  options.backoff.jitter = 0.0;
  options.backoff.multiplier = 1.0;
  options.timeout = std::chrono::milliseconds(1);
  options.connect_timeout = std::chrono::milliseconds(1);
  options.overall_timeout = std::chrono::milliseconds(1);
  EXPECT_NO_THROW(YunoClient client(options));
  options.max_retries = 10;
  options.backoff.jitter = 0.99;
  EXPECT_NO_THROW(YunoClient client(options));
}

// --- header injection -------------------------------------------------------------------

TEST(ClientOptions, KeysWithLineBreaksAreRejectedWithoutEchoingThem) {
  ClientOptions options = base_options();
  options.private_secret_key = std::string(kSecretKey) + "\r\nX-Injected: 1";
  expect_configuration_error(options, "private_secret_key");

  options = base_options();
  options.public_api_key = std::string(kPublicKey) + "\r\nX-Injected: 1";
  expect_configuration_error(options, "public_api_key");

  options = base_options();
  options.private_secret_key = std::string(kSecretKey) + "\n";
  expect_configuration_error(options, "private_secret_key");

  options = base_options();
  options.account_id = "acc\r\nX-Injected: 1";
  expect_configuration_error(options, "account_id");
}

// --- from_env ---------------------------------------------------------------------------

// Clears the YUNO_* variables for the test and puts back whatever was there before.
class ScopedYunoEnv {
 public:
  ScopedYunoEnv() {
    for (const char* name : kNames) {
      const char* value = std::getenv(name);
      if (value != nullptr) saved_[name] = value;
      unsetenv(name);
    }
  }
  ~ScopedYunoEnv() {
    for (const char* name : kNames) {
      auto it = saved_.find(name);
      if (it != saved_.end()) {
        setenv(name, it->second.c_str(), 1);
      } else {
        unsetenv(name);
      }
    }
  }
  ScopedYunoEnv(const ScopedYunoEnv&) = delete;
  ScopedYunoEnv& operator=(const ScopedYunoEnv&) = delete;

  void set(const char* name, const std::string& value) { setenv(name, value.c_str(), 1); }

 private:
  static constexpr const char* kNames[] = {"YUNO_PUBLIC_API_KEY", "YUNO_PRIVATE_SECRET_KEY",
                                           "YUNO_ACCOUNT_ID", "YUNO_ENVIRONMENT",
                                           "YUNO_BASE_URL"};
  std::map<std::string, std::string> saved_;
};

TEST(ClientOptionsFromEnv, ReadsEveryVariable) {
  ScopedYunoEnv env;
  env.set("YUNO_PUBLIC_API_KEY", kPublicKey);
  env.set("YUNO_PRIVATE_SECRET_KEY", kSecretKey);
  env.set("YUNO_ACCOUNT_ID", "acc-9");
  env.set("YUNO_ENVIRONMENT", "sandbox");
  env.set("YUNO_BASE_URL", "https://proxy.internal/yuno");

  const ClientOptions options = ClientOptions::from_env();
  EXPECT_TRUE(options.public_api_key == kPublicKey);
  EXPECT_TRUE(options.private_secret_key == kSecretKey);
  EXPECT_EQ(options.account_id, "acc-9");
  EXPECT_EQ(options.environment, Environment::kSandbox);
  EXPECT_EQ(options.base_url, "https://proxy.internal/yuno");

  ClientOptions with_transport = options;
  with_transport.transport = std::make_shared<yuno::testing::MockTransport>();
  EXPECT_EQ(YunoClient(with_transport).base_url(), "https://proxy.internal/yuno");
}

TEST(ClientOptionsFromEnv, EnvironmentNames) {
  ScopedYunoEnv env;
  const std::vector<std::pair<std::string, Environment>> cases = {
      {"sandbox", Environment::kSandbox},
      {"production", Environment::kProduction},
      {"production-eu", Environment::kProductionEu},
      {"PRODUCTION", Environment::kProduction},
      {"Sandbox", Environment::kSandbox},
      {"Production-EU", Environment::kProductionEu},
  };
  for (const auto& [name, expected] : cases) {
    SCOPED_TRACE(name);
    env.set("YUNO_ENVIRONMENT", name);
    const ClientOptions options = ClientOptions::from_env();
    ASSERT_TRUE(options.environment.has_value());
    EXPECT_EQ(*options.environment, expected);
  }
}

TEST(ClientOptionsFromEnv, UnknownEnvironmentIsAConfigurationError) {
  ScopedYunoEnv env;
  for (const char* name : {"staging", "prod", "production_eu", "live"}) {
    SCOPED_TRACE(name);
    env.set("YUNO_ENVIRONMENT", name);
    try {
      (void)ClientOptions::from_env();
      ADD_FAILURE() << "expected a ConfigurationError";
    } catch (const ConfigurationError& e) {
      EXPECT_TRUE(std::string(e.what()).find("YUNO_ENVIRONMENT") != std::string::npos) << e.what();
    }
  }
}

TEST(ClientOptionsFromEnv, UnsetVariablesLeaveTheDefaults) {
  ScopedYunoEnv env;
  const ClientOptions options = ClientOptions::from_env();
  const ClientOptions defaults;
  EXPECT_TRUE(options.public_api_key.empty());
  EXPECT_TRUE(options.private_secret_key.empty());
  EXPECT_TRUE(options.account_id.empty());
  EXPECT_FALSE(options.environment.has_value());
  EXPECT_TRUE(options.base_url.empty());
  EXPECT_EQ(options.timeout, defaults.timeout);
  EXPECT_EQ(options.max_retries, defaults.max_retries);

  env.set("YUNO_PUBLIC_API_KEY", kProdKey);
  const ClientOptions only_key = ClientOptions::from_env();
  EXPECT_TRUE(only_key.public_api_key == kProdKey);
  EXPECT_TRUE(only_key.private_secret_key.empty());
  EXPECT_FALSE(only_key.environment.has_value());
  EXPECT_TRUE(only_key.base_url.empty());
}

TEST(ClientOptionsFromEnv, RestoresTheEnvironmentAfterwards) {
  // Guards the helper itself, so other tests never see leftovers.
  { ScopedYunoEnv env; env.set("YUNO_BASE_URL", "https://leftover.test"); }
  const char* after = std::getenv("YUNO_BASE_URL");
  EXPECT_TRUE(after == nullptr || std::string(after) != "https://leftover.test");
}

// --- copies -----------------------------------------------------------------------------

TEST(ClientOptions, ClientIsCopyableAndCopiesShareConfiguration) {
  static_assert(std::is_copy_constructible_v<YunoClient>);
  static_assert(std::is_copy_assignable_v<YunoClient>);

  auto transport = std::make_shared<yuno::testing::MockTransport>();
  ClientOptions options = base_options(kProdKey);
  options.environment = Environment::kProductionEu;
  options.transport = transport;
  const YunoClient original(options);
  const YunoClient copy = original;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(copy.base_url(), original.base_url());
  EXPECT_EQ(copy.environment(), Environment::kProductionEu);

  YunoClient assigned(base_options());
  EXPECT_EQ(assigned.base_url(), "https://api-sandbox.y.uno");
  assigned = original;
  EXPECT_EQ(assigned.base_url(), "https://api.eu.y.uno");

  // The copy uses the same transport and configuration.
  transport->enqueue_json(200, yuno::test::customer_json());
  (void)copy.customers().retrieve("c-9");
  EXPECT_EQ(transport->last_request().url, "https://api.eu.y.uno/v1/customers/c-9");
}

}  // namespace
