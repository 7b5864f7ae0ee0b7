// TLS: a certificate that does not verify is never retried and never bypassed, and no
// option turns verification off for production. Loopback HTTPS servers with a fresh
// self-signed certificate (127.0.0.1 only).
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <type_traits>

#include <yuno/yuno.hpp>

#include "security_test_support.hpp"
#include "support/loopback_server.hpp"

namespace yuno::security {
namespace {

using namespace std::chrono_literals;
using test_support::LoopbackServer;
using test_support::LoopbackServerOptions;
using test_support::ReceivedRequest;
using test_support::Reply;
using test_support::SelfSignedCert;

constexpr const char* kCustomerJson =
    R"({"id":"bf64527c-5531-4ece-bf2c-51a8e775d8e1","merchant_customer_id":"m-1"})";

class TlsVerification : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_cert_ = new SelfSignedCert(SelfSignedCert::generate());
    other_cert_ = new SelfSignedCert(SelfSignedCert::generate());
  }
  static void TearDownTestSuite() {
    delete server_cert_;
    delete other_cert_;
    server_cert_ = other_cert_ = nullptr;
  }

  TlsVerification()
      : server_([](const ReceivedRequest&) { return Reply::respond(200, kCustomerJson); },
                [] {
                  LoopbackServerOptions options;
                  options.tls = server_cert_->identity();
                  return options;
                }()) {}

  // Client options that retry a lot, with every attempt counted.
  ClientOptions counted_options() {
    ClientOptions options = loopback_options(server_.base_url());
    options.max_retries = 10;
    options.observer = [this](const AttemptEvent& event) {
      if (event.phase == AttemptEvent::Phase::kStarted) ++attempts_;
      if (event.phase == AttemptEvent::Phase::kFinished &&
          event.retry_reason != RetryReason::kNone) {
        ++retries_;
      }
    };
    return options;
  }

  void expect_verification_failure(const std::function<void()>& call) {
    try {
      call();
      ADD_FAILURE() << "the untrusted certificate was accepted";
    } catch (const TimeoutError& e) {
      ADD_FAILURE() << "a timeout, not a verification failure: " << e.what();
    } catch (const ConnectionError& e) {
      EXPECT_NE(std::string(e.what()).find("certificate"), std::string::npos) << e.what();
      EXPECT_FALSE(e.may_have_reached_server());
      EXPECT_EQ(e.attempts(), 1);
    }
  }

  static SelfSignedCert* server_cert_;
  static SelfSignedCert* other_cert_;
  LoopbackServer server_;
  std::atomic<int> attempts_{0};
  std::atomic<int> retries_{0};
};
SelfSignedCert* TlsVerification::server_cert_ = nullptr;
SelfSignedCert* TlsVerification::other_cert_ = nullptr;

TEST_F(TlsVerification, UntrustedCertificateIsNeverRetriedNorSentTo) {
  const YunoClient client(counted_options());
  expect_verification_failure([&] { client.customers().retrieve("c-1"); });
  yuno::CreateCustomerRequest customer;
  customer.merchant_customer_id = "m-1";
  expect_verification_failure([&] { client.customers().create(customer); });
  expect_verification_failure([&] { client.customers().retrieve_async("c-1").get(); });
  EXPECT_EQ(attempts_, 3);  // one per call, although 10 retries were allowed
  EXPECT_EQ(retries_, 0);
  EXPECT_EQ(server_.requests_received(), 0u);  // no request, so no key ever reached it
}

TEST_F(TlsVerification, AnotherCaBundleReplacesTrustButNeverDisablesIt) {
  ClientOptions options = counted_options();
  options.ca_bundle_path = other_cert_->cert_path().string();
  const YunoClient client(options);
  expect_verification_failure([&] { client.customers().retrieve("c-1"); });
  EXPECT_EQ(attempts_, 1);
  EXPECT_EQ(server_.requests_received(), 0u);
}

TEST_F(TlsVerification, ControlTheServersOwnCaIsAccepted) {
  // The same server and client succeed once its certificate is trusted: the failures above
  // are verification, not a broken set-up.
  ClientOptions options = counted_options();
  options.ca_bundle_path = server_cert_->cert_path().string();
  const YunoClient client(options);
  EXPECT_EQ(client.customers().retrieve("c-1").id, "bf64527c-5531-4ece-bf2c-51a8e775d8e1");
  EXPECT_EQ(server_.requests_received(), 1u);
}

TEST(TlsOptions, ProductionCannotRunWithoutTls) {
  // Plain http is only for a local sandbox: with a production environment it is refused,
  // loopback included, so production keys never travel unverified.
  for (const auto environment : {Environment::kProduction, Environment::kProductionEu}) {
    for (const char* url : {"http://127.0.0.1:8080", "http://localhost:9", "http://[::1]:443",
                            "http://api.y.uno"}) {
      SCOPED_TRACE(url);
      ClientOptions options;
      options.public_api_key = "prod_security_public_key_1";
      options.private_secret_key = "prod_security_private_secret_1";
      options.environment = environment;
      options.base_url = url;
      try {
        YunoClient client(options);
        ADD_FAILURE() << "accepted";
      } catch (const ConfigurationError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("base_url"), std::string::npos) << message;
        EXPECT_EQ(message.find("prod_security"), std::string::npos);
      }
    }
  }
  // The sandbox may use a loopback http sandbox; production https is accepted.
  ClientOptions sandbox;
  sandbox.public_api_key = "sandbox_security_public_key_1";
  sandbox.private_secret_key = "security_private_secret_1";
  sandbox.base_url = "http://127.0.0.1:8080";
  EXPECT_NO_THROW(YunoClient{sandbox});
  ClientOptions production;
  production.public_api_key = "prod_security_public_key_1";
  production.private_secret_key = "prod_security_private_secret_1";
  production.base_url = "https://127.0.0.1:8443";
  EXPECT_NO_THROW(YunoClient{production});
}

// No option could turn verification off: ClientOptions and CurlTransportOptions have no such
// member (this fails to compile... as a test failure, if one is added under a usual name).
template <typename T, typename = void>
struct HasVerifyPeer : std::false_type {};
template <typename T>
struct HasVerifyPeer<T, std::void_t<decltype(std::declval<T&>().verify_peer)>> : std::true_type {};
template <typename T, typename = void>
struct HasVerifyTls : std::false_type {};
template <typename T>
struct HasVerifyTls<T, std::void_t<decltype(std::declval<T&>().verify_tls)>> : std::true_type {};
template <typename T, typename = void>
struct HasInsecure : std::false_type {};
template <typename T>
struct HasInsecure<T, std::void_t<decltype(std::declval<T&>().insecure)>> : std::true_type {};
template <typename T, typename = void>
struct HasSslVerify : std::false_type {};
template <typename T>
struct HasSslVerify<T, std::void_t<decltype(std::declval<T&>().ssl_verify)>> : std::true_type {};

template <typename T>
constexpr bool has_verification_switch() {
  return HasVerifyPeer<T>::value || HasVerifyTls<T>::value || HasInsecure<T>::value ||
         HasSslVerify<T>::value;
}

TEST(TlsOptions, ThereIsNoSwitchToTurnVerificationOff) {
  EXPECT_FALSE(has_verification_switch<ClientOptions>());
  EXPECT_FALSE(has_verification_switch<CurlTransportOptions>());
  struct WithSwitch {
    bool insecure = false;
  };
  EXPECT_TRUE(has_verification_switch<WithSwitch>());  // the detector works
}

}  // namespace
}  // namespace yuno::security
