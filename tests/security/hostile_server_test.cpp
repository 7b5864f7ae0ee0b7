// Hostile servers: the whole SDK (YunoClient over the default CurlTransport) against loopback
// servers that misbehave. Each case ends in its typed error, never a crash or a hang, and
// leaks nothing (the asan preset runs these). Times are only checked against a generous hang
// guard (the call's overall timeout plus slack), never for speed.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <future>
#include <typeinfo>
#include <memory>
#include <string>
#include <vector>

#include <yuno/yuno.hpp>

#include "security_test_support.hpp"
#include "support/loopback_server.hpp"

namespace yuno::security {
namespace {

using namespace std::chrono_literals;
using test_support::LoopbackServer;
using test_support::ReceivedRequest;
using test_support::Reply;

constexpr const char* kPaymentJson =
    R"({"id":"bf64527c-5531-4ece-bf2c-51a8e775d8e1","status":"SUCCEEDED",)"
    R"("amount":{"currency":"USD","value":10}})";

yuno::CreatePaymentRequest payment_request() {
  yuno::CreatePaymentRequest request;
  request.description = "hostile server test";
  request.merchant_order_id = "order-1";
  request.country = "US";
  request.amount = yuno::Amount(yuno::Decimal::parse("10.00"), "USD");
  return request;
}

// Runs `call`, which must throw `Expected`; checks the hang guard, then `check(error)`.
template <typename Expected, typename Call, typename Check>
void expect_error_within(const ClientOptions& options, Call call, Check check) {
  const auto started = std::chrono::steady_clock::now();
  try {
    call();
    ADD_FAILURE() << "no error";
  } catch (const Expected& e) {
    EXPECT_LT(std::chrono::steady_clock::now() - started, options.overall_timeout + kHangSlack)
        << "past the deadline";
    check(e);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "wrong error type: " << typeid(e).name() << ": " << e.what();
  }
}

TEST(HostileServer, BodyLargerThanTheCapIsATypedErrorAndNotRetried) {
  const std::string big = R"({"id":")" + std::string(256 * 1024, 'x') + R"("})";
  for (const auto framing : {Reply::Framing::kContentLength, Reply::Framing::kChunked,
                             Reply::Framing::kUntilClose}) {
    SCOPED_TRACE(static_cast<int>(framing));
    LoopbackServer server([&](const ReceivedRequest&) {
      Reply reply = Reply::respond(200, big, {{"Content-Type", "application/json"}});
      reply.framing = framing;
      return reply;
    });
    ClientOptions options = loopback_options(server.base_url());
    options.max_response_bytes = 64 * 1024;
    const YunoClient client(options);
    expect_error_within<ConnectionError>(
        options, [&] { client.payments().retrieve("p-1"); }, [](const ConnectionError& error) {
          EXPECT_EQ(dynamic_cast<const TimeoutError*>(&error), nullptr);
          EXPECT_NE(std::string(error.what()).find("too large"), std::string::npos)
              << error.what();
          EXPECT_EQ(error.attempts(), 1);  // the same server would send the same body again
        });
    EXPECT_EQ(server.requests_received(), 1u);
  }
}

TEST(HostileServer, DripFeedingServerIsCutOffByTheTimeout) {
  // One byte a second of a valid response: only the per-attempt timeout ends it.
  LoopbackServer server([](const ReceivedRequest&) {
    Reply reply = Reply::respond(200, kPaymentJson, {{"Content-Type", "application/json"}});
    reply.write_chunk = 1;
    reply.write_pause = 1s;
    return reply;
  });
  ClientOptions options = loopback_options(server.base_url());
  options.timeout = 1500ms;
  options.max_retries = 1;
  options.overall_timeout = 4s;
  const YunoClient client(options);
  expect_error_within<TimeoutError>(
      options, [&] { client.payments().retrieve("p-1"); }, [](const TimeoutError& error) {
        EXPECT_TRUE(error.may_have_reached_server());
        EXPECT_GE(error.attempts(), 1);
        EXPECT_LE(error.attempts(), 2);
      });
  // A write that timed out may have happened: its retry, if any, carries the same key.
  std::string key;
  expect_error_within<TimeoutError>(
      options, [&] { client.payments().create(payment_request()); },
      [&](const TimeoutError& error) { key = error.idempotency_key(); });
  EXPECT_FALSE(key.empty());
  server.stop();
  const auto requests = server.requests();
  std::vector<std::string> keys;
  for (const auto& request : requests) {
    if (request.method == "POST") keys.push_back(request.header("X-Idempotency-Key").value_or(""));
  }
  ASSERT_FALSE(keys.empty());
  for (const auto& sent : keys) EXPECT_EQ(sent, key);
}

TEST(HostileServer, InvalidJsonInA200IsAResponseParseError) {
  for (const std::string body : {"{\"id\": \"p-1\", ", "<html>oops</html>", "", "\xff\xfe{}",
                                 "{\"id\":\"p-1\"} trailing"}) {
    SCOPED_TRACE(body);
    LoopbackServer server([&](const ReceivedRequest&) {
      return Reply::respond(200, body, {{"Content-Type", "application/json"}});
    });
    const ClientOptions options = loopback_options(server.base_url());
    const YunoClient client(options);
    expect_error_within<ResponseParseError>(
        options, [&] { client.payments().retrieve("p-1"); },
        [&](const ResponseParseError& error) {
          EXPECT_EQ(error.status_code(), 200);
          EXPECT_EQ(error.raw_body(), body);
        });
    EXPECT_EQ(server.requests_received(), 1u);  // a 2xx is never retried
  }
}

TEST(HostileServer, JsonOfTheWrongShapeIsAResponseParseError) {
  struct Case {
    const char* name;
    std::string body;
    std::function<void(const YunoClient&)> call;
  };
  const std::vector<Case> cases = {
      {"array for a payment", "[]", [](const YunoClient& c) { c.payments().retrieve("p-1"); }},
      {"array of payments for a payment", std::string("[") + kPaymentJson + "]",
       [](const YunoClient& c) { c.payments().retrieve("p-1"); }},
      {"array for a created payment", "[1,2]",
       [](const YunoClient& c) { c.payments().create(payment_request()); }},
      {"number for a list", "42",
       [](const YunoClient& c) { c.payments().retrieve_by_merchant_order_id("o-1"); }},
      {"array of strings for a list", R"(["p-1","p-2"])",
       [](const YunoClient& c) { c.payments().retrieve_by_merchant_order_id("o-1"); }},
      {"string for a customer", "\"customer\"", [](const YunoClient& c) { c.customers().retrieve("c-1"); }},
      {"number for a session", "42", [](const YunoClient& c) { c.checkout_sessions().retrieve("s-1"); }},
      {"id of the wrong type", R"({"id":12,"status":"SUCCEEDED"})",
       [](const YunoClient& c) { c.payments().retrieve("p-1"); }},
  };
  for (const Case& test_case : cases) {
    SCOPED_TRACE(test_case.name);
    LoopbackServer server([&](const ReceivedRequest& request) {
      return Reply::respond(request.method == "POST" ? 201 : 200, test_case.body,
                            {{"Content-Type", "application/json"}});
    });
    const ClientOptions options = loopback_options(server.base_url());
    const YunoClient client(options);
    expect_error_within<ResponseParseError>(
        options, [&] { test_case.call(client); },
        [&](const ResponseParseError& error) { EXPECT_EQ(error.raw_body(), test_case.body); });
    EXPECT_EQ(server.requests_received(), 1u);
  }
}

TEST(HostileServer, RedirectsAreNotFollowedAndCredentialsStayHome) {
  // `elsewhere` is another origin; the API server redirects every request there.
  LoopbackServer elsewhere([](const ReceivedRequest&) {
    return Reply::respond(200, kPaymentJson, {{"Content-Type", "application/json"}});
  });
  for (const int status : {301, 302, 303, 307, 308}) {
    SCOPED_TRACE(status);
    LoopbackServer server([&](const ReceivedRequest& request) {
      return Reply::respond(status, "", {{"Location", "http://localhost:" +
                                                          std::to_string(elsewhere.port()) +
                                                          request.target}});
    });
    const ClientOptions options = loopback_options(server.base_url());
    const YunoClient client(options);
    const auto check = [status](const ApiError& error) {
      EXPECT_EQ(error.status_code(), status);
      EXPECT_EQ(error.attempts(), 1);
    };
    expect_error_within<ApiError>(options, [&] { client.payments().retrieve("p-1"); }, check);
    expect_error_within<ApiError>(
        options, [&] { client.payments().create(payment_request()); }, check);
    EXPECT_EQ(server.requests_received(), 2u);  // not retried either
  }
  EXPECT_EQ(elsewhere.connections_accepted(), 0u);
  EXPECT_EQ(elsewhere.requests_received(), 0u);
}

TEST(HostileServer, HugeHeaderIsATypedErrorAndNotRetried) {
  LoopbackServer one_huge([](const ReceivedRequest&) {
    return Reply::respond(200, kPaymentJson, {{"X-Huge", std::string(512 * 1024, 'h')}});
  });
  LoopbackServer very_many([](const ReceivedRequest&) {
    test_support::Headers headers;
    for (int i = 0; i < 5000; ++i) headers.emplace_back("X-Filler-" + std::to_string(i), "f");
    return Reply::respond(200, kPaymentJson, std::move(headers));
  });
  for (LoopbackServer* server : {&one_huge, &very_many}) {
    const ClientOptions options = loopback_options(server->base_url());
    const YunoClient client(options);
    expect_error_within<ConnectionError>(
        options, [&] { client.payments().retrieve("p-1"); }, [](const ConnectionError& error) {
          EXPECT_EQ(dynamic_cast<const TimeoutError*>(&error), nullptr);
          EXPECT_EQ(error.attempts(), 1);
        });
    EXPECT_EQ(server->requests_received(), 1u);
  }
}

TEST(HostileServer, AsyncCallsMeetTheSameErrors) {
  LoopbackServer bad_json([](const ReceivedRequest&) { return Reply::respond(200, "[oops"); });
  LoopbackServer drip([](const ReceivedRequest&) {
    Reply reply = Reply::respond(200, kPaymentJson);
    reply.write_chunk = 1;
    reply.write_pause = 1s;
    return reply;
  });
  ClientOptions options = loopback_options(bad_json.base_url());
  const YunoClient parse_client(options);
  EXPECT_THROW(parse_client.payments().retrieve_async("p-1").get(), ResponseParseError);

  options = loopback_options(drip.base_url());
  options.timeout = 1500ms;
  options.max_retries = 0;
  options.overall_timeout = 3s;
  const YunoClient drip_client(options);
  auto future = drip_client.payments().retrieve_async("p-1");
  ASSERT_EQ(future.wait_for(options.overall_timeout + kHangSlack), std::future_status::ready);
  EXPECT_THROW(future.get(), TimeoutError);
}

}  // namespace
}  // namespace yuno::security
