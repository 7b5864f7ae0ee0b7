// docs/testing.md: testing code that uses the SDK, with GoogleTest. Runs in ctest (label
// docs; the sandbox tests also `integration`). The guide quotes the regions between
// `// [name]` markers (check_snippets.sh keeps them equal).
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <yuno/testing/fake_clock.hpp>
#include <yuno/testing/mock_transport.hpp>
#include <yuno/yuno.hpp>

extern char** environ;

// [code-under-test]
// Your code: charges an order, returns whether it was paid.
bool charge_order(const yuno::YunoClient& client, const std::string& order_id,
                  const std::string& session_id, const std::string& token) {
  yuno::CreatePaymentRequest request;
  request.description = "Order " + order_id;
  request.country = "US";
  request.merchant_order_id = order_id;
  request.amount = yuno::Amount(yuno::Decimal::parse("25.00"), "USD");
  request.checkout = yuno::PaymentCheckout{};
  request.checkout->session = session_id;
  request.payment_method = yuno::PaymentMethod{};
  request.payment_method->type = "CARD";
  request.payment_method->token = token;
  return client.payments().create(request).is_approved();
}
// [code-under-test]

// [mock-fixture]
// A client whose HTTP goes to a MockTransport and whose retries wait on a FakeClock:
// no network, no sleeping. Link yuno::testing.
class ChargeOrderTest : public ::testing::Test {
 protected:
  std::shared_ptr<yuno::testing::MockTransport> mock =
      std::make_shared<yuno::testing::MockTransport>();
  std::shared_ptr<yuno::testing::FakeClock> clock = std::make_shared<yuno::testing::FakeClock>();

  yuno::YunoClient client() {
    yuno::ClientOptions options;
    options.public_api_key = "sandbox_test_public_key";  // any sandbox_ key
    options.private_secret_key = "test_private_key";
    options.account_id = "test-account";
    options.transport = mock;
    options.clock = clock;
    return yuno::YunoClient(options);
  }
};
// [mock-fixture]

// [mock-tests]
TEST_F(ChargeOrderTest, SendsThePaymentAndReadsTheOutcome) {
  mock->enqueue_json(201, R"({"id": "pay-1", "status": "SUCCEEDED", "sub_status": "APPROVED"})");

  EXPECT_TRUE(charge_order(client(), "1001", "session-1", "token-1"));

  ASSERT_EQ(mock->request_count(), 1u);
  const yuno::HttpRequest sent = mock->last_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, "https://api-sandbox.y.uno/v1/payments");
  EXPECT_NE(sent.body.find(R"("merchant_order_id":"1001")"), std::string::npos);
  EXPECT_TRUE(yuno::find_header(sent.headers, "X-Idempotency-Key").has_value());
}

TEST_F(ChargeOrderTest, ADeclineIsAnOutcomeNotAnException) {
  mock->enqueue_json(201, R"({"id": "pay-2", "status": "DECLINED", "sub_status": "DECLINED"})");
  EXPECT_FALSE(charge_order(client(), "1002", "session-1", "token-1"));
}

TEST_F(ChargeOrderTest, RetriesA503WithTheSameIdempotencyKey) {
  mock->enqueue_json(503, R"({"code": "SERVICE_UNAVAILABLE", "messages": ["try later"]})");
  mock->enqueue_json(201, R"({"id": "pay-3", "status": "SUCCEEDED", "sub_status": "APPROVED"})");

  EXPECT_TRUE(charge_order(client(), "1003", "session-1", "token-1"));

  const std::vector<yuno::HttpRequest> sent = mock->requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(yuno::find_header(sent[0].headers, "X-Idempotency-Key"),
            yuno::find_header(sent[1].headers, "X-Idempotency-Key"));
  EXPECT_EQ(clock->sleeps().size(), 1u);  // one backoff wait, taken instantly
}

TEST_F(ChargeOrderTest, ARejectedRequestThrowsWithYunosCode) {
  mock->enqueue_json(400, R"({"code": "INVALID_PARAMETERS", "messages": ["amount.value"]})");
  try {
    charge_order(client(), "1004", "session-1", "token-1");
    FAIL() << "expected yuno::InvalidRequestError";
  } catch (const yuno::InvalidRequestError& e) {
    EXPECT_EQ(e.status_code(), 400);
    EXPECT_EQ(e.code(), "INVALID_PARAMETERS");
  }
  EXPECT_EQ(mock->request_count(), 1u);  // a 400 is never retried
}

TEST_F(ChargeOrderTest, ANetworkFailureLeavesTheKeyToRetryWith) {
  for (int i = 0; i < 3; ++i) mock->enqueue_failure(yuno::TransportErrorKind::kConnectionLost);
  try {
    charge_order(client(), "1005", "session-1", "token-1");
    FAIL() << "expected yuno::ConnectionError";
  } catch (const yuno::ConnectionError& e) {
    EXPECT_TRUE(e.may_have_reached_server());
    EXPECT_FALSE(e.idempotency_key().empty());  // repeat the call with this key
    EXPECT_EQ(e.attempts(), 3);                 // 1 + max_retries (2)
  }
}
// [mock-tests]

// [sandbox-fixture]
// An integration test against yuno-sandbox (built with the SDK; installed next to it):
// each test starts its own sandbox on a free port of 127.0.0.1 and stops it afterwards.
class Sandbox {
 public:
  explicit Sandbox(const std::string& executable) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<std::string> args = {executable, "--host", "127.0.0.1", "--port", "0",
                                     "--public-api-key", kPublicKey,
                                     "--private-secret-key", kPrivateKey,
                                     "--account-id", kAccountId};
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    const int spawned = posix_spawn(&pid_, executable.c_str(), &actions, nullptr, argv.data(),
                                    environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (spawned != 0) throw std::runtime_error("cannot start " + executable);
    output_ = fdopen(out[0], "r");
    // Its one line on stdout: "yuno-sandbox listening on http://127.0.0.1:PORT".
    char line[256] = {};
    if (output_ == nullptr || std::fgets(line, sizeof line, output_) == nullptr) {
      stop();
      throw std::runtime_error("yuno-sandbox did not start");
    }
    const std::string text(line);
    const std::string marker = "listening on ";
    base_url_ = text.substr(text.find(marker) + marker.size());
    base_url_.erase(base_url_.find_last_not_of("\r\n") + 1);
  }
  ~Sandbox() { stop(); }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  yuno::ClientOptions client_options() const {
    yuno::ClientOptions options;
    options.public_api_key = kPublicKey;
    options.private_secret_key = kPrivateKey;
    options.account_id = kAccountId;
    options.base_url = base_url_;
    return options;
  }

  static constexpr const char* kPublicKey = "sandbox_docs_public_key";
  static constexpr const char* kPrivateKey = "docs_private_secret_key";
  static constexpr const char* kAccountId = "0f5e8c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b";

 private:
  void stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);  // stops cleanly on SIGTERM
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
    if (output_ != nullptr) std::fclose(output_);
    output_ = nullptr;
  }

  pid_t pid_ = -1;
  std::FILE* output_ = nullptr;
  std::string base_url_;
};
// [sandbox-fixture]

// [sandbox-test]
// A Testing Gateway card tokenized through the session (what Yuno's SDK does in a browser).
std::string tokenize(const yuno::YunoClient& client, const std::string& session_id,
                     const std::string& card_number) {
  yuno::CardData card;
  card.number = card_number;
  card.expiration_month = 11;
  card.expiration_year = 2028;
  card.security_code = "123";
  card.holder_name = "JOHN DOE";
  yuno::CreateOneTimeTokenRequest request;
  request.payment_method.card = card;
  return client.checkout_sessions().create_one_time_token(session_id, request).token;
}

std::string new_session(const yuno::YunoClient& client, const std::string& order_id) {
  yuno::CreateCheckoutSessionRequest request;
  request.merchant_order_id = order_id;
  request.payment_description = "Order " + order_id;
  request.country = "US";
  return client.checkout_sessions().create(request).id;
}

TEST(ChargeOrderSandboxTest, ApprovedAndDeclinedCards) {
  const char* executable = std::getenv("YUNO_SANDBOX_EXE");  // set by the test's runner
  ASSERT_NE(executable, nullptr) << "set YUNO_SANDBOX_EXE to the yuno-sandbox executable";
  Sandbox sandbox(executable);
  yuno::YunoClient client(sandbox.client_options());

  const std::string session = new_session(client, "2001");
  const std::string approved = tokenize(client, session, "4507990000000002");
  EXPECT_TRUE(charge_order(client, "2001", session, approved));
  // INSUFFICIENT_FUNDS: the payment is created, DECLINED.
  const std::string declined = tokenize(client, session, "4507990000000010");
  EXPECT_FALSE(charge_order(client, "2002", session, declined));
}
// [sandbox-test]
