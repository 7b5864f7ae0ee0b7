// CurlTransport against the loopback server: 127.0.0.1 only, no outside network. Timing is
// only ever checked against generous upper bounds.
#include "yuno/curl_transport.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "support/loopback_server.hpp"

namespace {

using yuno::CurlTransport;
using yuno::CurlTransportOptions;
using yuno::HttpRequest;
using yuno::HttpResponse;
using yuno::TransportError;
using yuno::TransportErrorKind;
using yuno::TransportResult;
using yuno::test_support::LoopbackServer;
using yuno::test_support::LoopbackServerOptions;
using yuno::test_support::ReceivedRequest;
using yuno::test_support::Reply;
using yuno::test_support::SelfSignedCert;
using namespace std::chrono_literals;
using namespace std::string_literals;

// Proxy variables inherited from the environment would send 127.0.0.1 traffic elsewhere.
class NoProxyEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    for (const char* name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                             "ALL_PROXY", "no_proxy", "NO_PROXY"}) {
      ::unsetenv(name);
    }
  }
};
[[maybe_unused]] ::testing::Environment* const kNoProxy =
    ::testing::AddGlobalTestEnvironment(new NoProxyEnvironment);

const char* kind_name(TransportErrorKind kind) {
  switch (kind) {
    case TransportErrorKind::kConnectFailed: return "kConnectFailed";
    case TransportErrorKind::kTlsHandshake: return "kTlsHandshake";
    case TransportErrorKind::kTlsVerification: return "kTlsVerification";
    case TransportErrorKind::kTimeout: return "kTimeout";
    case TransportErrorKind::kConnectionLost: return "kConnectionLost";
    case TransportErrorKind::kResponseTooLarge: return "kResponseTooLarge";
    case TransportErrorKind::kOther: return "kOther";
  }
  return "?";
}

// For failure output only; never used in the secrets test.
std::string describe(const TransportResult& result) {
  if (const auto* response = std::get_if<HttpResponse>(&result)) {
    return "HTTP " + std::to_string(response->status_code);
  }
  const auto& error = std::get<TransportError>(result);
  return std::string(kind_name(error.kind)) + ": " + error.message;
}

HttpRequest make_request(std::string method, std::string url, yuno::HttpHeaders headers = {},
                         std::string body = {}) {
  HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.headers = std::move(headers);
  request.body = std::move(body);
  request.connect_timeout = 10s;
  request.timeout = 30s;  // generous: sanitizer builds are slow
  return request;
}

Reply ok(std::string body = "ok") { return Reply::respond(200, std::move(body)); }

std::size_t count_headers(const ReceivedRequest& request, std::string_view name) {
  const auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  return static_cast<std::size_t>(std::count_if(request.headers.begin(), request.headers.end(),
                                                [&](const auto& h) { return lower(h.first) == lower(std::string(name)); }));
}

#define ASSERT_RESPONSE(result) \
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(result)) << describe(result)
#define ASSERT_ERROR(result) \
  ASSERT_TRUE(std::holds_alternative<TransportError>(result)) << describe(result)

// --- round trips -------------------------------------------------------------------------

TEST(CurlTransport, GetRoundTrip) {
  LoopbackServer server([](const ReceivedRequest&) {
    return Reply::respond(200, R"({"ok":true})", {{"Content-Type", "application/json"}, {"X-Reply", "r1"}});
  });
  CurlTransport transport;
  const auto result = transport.send(make_request(
      "GET", server.url("/v1/customers?limit=2&name=a%20b"), {{"X-Test", "hello"}, {"Accept", "application/json"}}));
  ASSERT_RESPONSE(result);

  const auto& response = std::get<HttpResponse>(result);
  EXPECT_EQ(response.status_code, 200);
  EXPECT_EQ(response.body, R"({"ok":true})");
  EXPECT_EQ(response.header("x-reply"), "r1");
  EXPECT_EQ(response.header("Content-Type"), "application/json");
  // Names as received, values trimmed.
  EXPECT_NE(std::find(response.headers.begin(), response.headers.end(), std::pair<std::string, std::string>("X-Reply", "r1")),
            response.headers.end());

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& got = requests[0];
  EXPECT_EQ(got.method, "GET");
  EXPECT_EQ(got.target, "/v1/customers?limit=2&name=a%20b");
  EXPECT_EQ(got.header("X-Test"), "hello");
  EXPECT_EQ(got.header("Accept"), "application/json");
  EXPECT_EQ(count_headers(got, "Accept"), 1u);
  EXPECT_EQ(got.header("Host"), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_FALSE(got.header("Content-Length"));
  EXPECT_FALSE(got.header("Expect"));
  EXPECT_TRUE(got.body.empty());
}

TEST(CurlTransport, PostRoundTrip) {
  LoopbackServer server([](const ReceivedRequest& request) {
    return Reply::respond(201, "echo:" + request.body, {{"X-Request-Id", "  padded  "}});
  });
  CurlTransport transport;
  // An embedded NUL proves the body is sent by size, not as a C string.
  const std::string body = "{\"amount\":{\"value\":10.5,\"currency\":\"BRL\"}}\0tail"s;
  const auto result = transport.send(make_request(
      "POST", server.url("/v1/payments"),
      {{"Content-Type", "application/json"}, {"X-Idempotency-Key", "idem-1"}}, body));
  ASSERT_RESPONSE(result);

  const auto& response = std::get<HttpResponse>(result);
  EXPECT_EQ(response.status_code, 201);
  EXPECT_EQ(response.body, "echo:" + body);
  EXPECT_EQ(response.header("X-Request-Id"), "padded");

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& got = requests[0];
  EXPECT_EQ(got.method, "POST");
  EXPECT_EQ(got.target, "/v1/payments");
  EXPECT_EQ(got.body, body);
  EXPECT_EQ(got.header("Content-Length"), std::to_string(body.size()));
  EXPECT_EQ(got.header("Content-Type"), "application/json");
  EXPECT_EQ(count_headers(got, "Content-Type"), 1u);
  EXPECT_EQ(got.header("X-Idempotency-Key"), "idem-1");
  EXPECT_FALSE(got.header("Expect"));
}

TEST(CurlTransport, LargePostHasNoExpectContinue) {
  LoopbackServer server([](const ReceivedRequest& request) { return ok(std::to_string(request.body.size())); });
  CurlTransport transport;
  const std::string body(2 * 1024 * 1024, 'x');
  const auto result = transport.send(make_request("POST", server.url("/big"), {{"Content-Type", "text/plain"}}, body));
  ASSERT_RESPONSE(result);
  EXPECT_EQ(std::get<HttpResponse>(result).body, std::to_string(body.size()));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_FALSE(requests[0].header("Expect"));
  EXPECT_EQ(requests[0].body.size(), body.size());
}

TEST(CurlTransport, PostWithoutBodySendsExplicitEmptyBody) {
  LoopbackServer server([](const ReceivedRequest&) { return ok(); });
  CurlTransport transport;
  ASSERT_RESPONSE(transport.send(make_request("POST", server.url("/v1/empty"))));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].header("Content-Length"), "0");
  // libcurl's default form Content-Type must not sneak in.
  EXPECT_FALSE(requests[0].header("Content-Type"));
}

TEST(CurlTransport, OtherMethodsAndHandleReuse) {
  LoopbackServer server([](const ReceivedRequest& request) {
    if (request.method == "HEAD") {
      return Reply::respond(200, std::string(5000, 'h'));  // Content-Length 5000, no body sent
    }
    return ok(request.method);
  });
  CurlTransportOptions options;
  options.max_response_bytes = 1024;  // HEAD's Content-Length must not trip the cap
  options.max_idle_handles = 1;       // every call below reuses the same handle
  CurlTransport transport(options);

  struct Case {
    std::string method;
    std::string body;
  };
  const std::vector<Case> cases = {
      {"PATCH", R"({"name":"x"})"}, {"GET", ""},   {"PUT", "put-body"}, {"DELETE", ""},
      {"POST", "post-body"},        {"HEAD", ""},  {"DELETE", "del-body"}, {"GET", ""},
      {"PATCH", ""},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto& c = cases[i];
    SCOPED_TRACE(c.method + " #" + std::to_string(i));
    const auto result = transport.send(
        make_request(c.method, server.url("/m/" + std::to_string(i)), {{"Content-Type", "application/json"}}, c.body));
    ASSERT_RESPONSE(result);
    const auto& response = std::get<HttpResponse>(result);
    EXPECT_EQ(response.status_code, 200);
    if (c.method == "HEAD") {
      EXPECT_TRUE(response.body.empty());
      EXPECT_EQ(response.header("Content-Length"), "5000");
    } else {
      EXPECT_EQ(response.body, c.method);
    }
    const auto got = server.requests().back();
    EXPECT_EQ(got.method, c.method);
    EXPECT_EQ(got.target, "/m/" + std::to_string(i));
    // A previous call's body never leaks into the next one.
    EXPECT_EQ(got.body, c.body);
    if (!c.body.empty() || c.method == "PATCH" || c.method == "PUT" || c.method == "POST") {
      EXPECT_EQ(got.header("Content-Length"), std::to_string(c.body.size()));
    } else {
      EXPECT_FALSE(got.header("Content-Length"));
    }
  }
  EXPECT_EQ(server.connections_accepted(), 1u);
}

TEST(CurlTransport, ErrorStatusesAreResponses) {
  LoopbackServer server([](const ReceivedRequest& request) {
    if (request.target == "/missing") return Reply::respond(404, R"({"code":"NOT_FOUND"})");
    return Reply::respond(500, R"({"code":"INTERNAL"})");
  });
  CurlTransport transport;
  const auto not_found = transport.send(make_request("GET", server.url("/missing")));
  ASSERT_RESPONSE(not_found);
  EXPECT_EQ(std::get<HttpResponse>(not_found).status_code, 404);
  EXPECT_EQ(std::get<HttpResponse>(not_found).body, R"({"code":"NOT_FOUND"})");

  const auto failed = transport.send(make_request("POST", server.url("/boom"), {}, "{}"));
  ASSERT_RESPONSE(failed);
  EXPECT_EQ(std::get<HttpResponse>(failed).status_code, 500);
  EXPECT_EQ(std::get<HttpResponse>(failed).body, R"({"code":"INTERNAL"})");
}

TEST(CurlTransport, RedirectsAreNotFollowed) {
  LoopbackServer server([](const ReceivedRequest&) {
    return Reply::respond(302, "", {{"Location", "/elsewhere"}});
  });
  CurlTransport transport;
  const auto result = transport.send(make_request("GET", server.url("/start")));
  ASSERT_RESPONSE(result);
  EXPECT_EQ(std::get<HttpResponse>(result).status_code, 302);
  EXPECT_EQ(std::get<HttpResponse>(result).header("Location"), "/elsewhere");
  EXPECT_EQ(server.requests_received(), 1u);
}

TEST(CurlTransport, KeepsOnlyTheFinalResponsesHeaders) {
  LoopbackServer server([](const ReceivedRequest&) {
    Reply reply = Reply::respond(200, "final", {{"X-Final", "yes"}});
    reply.preamble = "HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n";
    return reply;
  });
  CurlTransport transport;
  const auto result = transport.send(make_request("POST", server.url("/"), {}, "body"));
  ASSERT_RESPONSE(result);
  const auto& response = std::get<HttpResponse>(result);
  EXPECT_EQ(response.status_code, 200);
  EXPECT_EQ(response.body, "final");
  EXPECT_EQ(response.header("X-Final"), "yes");
  EXPECT_FALSE(response.header("X-Interim"));
}

TEST(CurlTransport, AcceptsAndDecodesGzip) {
  // gzip of "hello from gzip".
  static const unsigned char kGzip[] = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xcb, 0x48,
                                        0xcd, 0xc9, 0xc9, 0x57, 0x48, 0x2b, 0xca, 0xcf, 0x55, 0x48, 0xaf, 0xca,
                                        0x2c, 0x00, 0x00, 0x64, 0xaa, 0x8e, 0xb5, 0x0f, 0x00, 0x00, 0x00};
  LoopbackServer server([](const ReceivedRequest&) {
    return Reply::respond(200, std::string(reinterpret_cast<const char*>(kGzip), sizeof kGzip),
                          {{"Content-Encoding", "gzip"}});
  });
  CurlTransport transport;
  const auto result = transport.send(make_request("GET", server.url("/gz")));
  ASSERT_RESPONSE(result);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto accept_encoding = requests[0].header("Accept-Encoding");
  ASSERT_TRUE(accept_encoding);
  EXPECT_NE(accept_encoding->find("gzip"), std::string::npos) << *accept_encoding;
  EXPECT_EQ(std::get<HttpResponse>(result).body, "hello from gzip");
}

TEST(CurlTransport, ProxyOptionIsUsed) {
  // The loopback server plays a plain HTTP forward proxy: it sees the absolute-form target.
  LoopbackServer proxy([](const ReceivedRequest&) { return ok("via proxy"); });
  CurlTransportOptions options;
  options.proxy = proxy.base_url();
  CurlTransport transport(options);
  const auto result = transport.send(make_request("GET", "http://yuno.invalid/v1/ping?x=1"));
  ASSERT_RESPONSE(result);
  EXPECT_EQ(std::get<HttpResponse>(result).body, "via proxy");
  const auto requests = proxy.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].target, "http://yuno.invalid/v1/ping?x=1");
  EXPECT_EQ(requests[0].header("Host"), "yuno.invalid");
}

// --- connection reuse --------------------------------------------------------------------

TEST(CurlTransport, SequentialRequestsShareOneConnection) {
  LoopbackServer server([](const ReceivedRequest&) { return ok(); });
  CurlTransport transport;
  for (int i = 0; i < 50; ++i) {
    const auto result = transport.send(make_request(i % 2 ? "POST" : "GET", server.url("/n"), {}, i % 2 ? "b" : ""));
    ASSERT_RESPONSE(result);
  }
  EXPECT_EQ(server.requests_received(), 50u);
  EXPECT_EQ(server.connections_accepted(), 1u);
}

TEST(CurlTransport, ThreadsSharingATransportUseBoundedConnections) {
  LoopbackServer server([](const ReceivedRequest&) { return ok(); });
  CurlTransport transport;
  constexpr int kThreads = 4;
  constexpr int kPerThread = 25;
  std::atomic<int> successes{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const auto result = transport.send(
            make_request("POST", server.url("/t/" + std::to_string(t)), {}, std::to_string(i)));
        if (const auto* response = std::get_if<HttpResponse>(&result); response && response->status_code == 200) {
          ++successes;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(successes.load(), kThreads * kPerThread);
  EXPECT_EQ(server.requests_received(), static_cast<std::size_t>(kThreads * kPerThread));
  // At most one handle per concurrent caller exists, and each keeps its one connection.
  EXPECT_GE(server.connections_accepted(), 1u);
  EXPECT_LE(server.connections_accepted(), static_cast<std::size_t>(kThreads));
}

// Threads sharing a transport keep to their own pooled handle (and so their connection),
// as they would with one handle each: a handle that changes threads at every call makes
// libcurl free the previous thread's allocations (docs/performance.md).
TEST(CurlTransport, EachThreadKeepsToItsOwnHandle) {
  // Two requests held until both have arrived: two handles, two connections.
  std::mutex hold_mutex;
  std::condition_variable arrived;
  int holding = 0;
  LoopbackServer server([&](const ReceivedRequest& request) {
    if (request.target == "/hold") {
      std::unique_lock<std::mutex> lock(hold_mutex);
      ++holding;
      arrived.notify_all();
      arrived.wait_for(lock, 10s, [&] { return holding >= 2; });
    }
    return ok();
  });
  CurlTransport transport;
  // Then the two threads take turns: A, B, A, B... Each returns its handle before the other
  // borrows, so a plain most-recently-returned pool would hand each the other's handle.
  std::mutex turn_mutex;
  std::condition_variable turn_changed;
  int turn = 0;
  std::atomic<int> failures{0};
  const auto client = [&](int parity, const std::string& path) {
    if (!std::holds_alternative<HttpResponse>(transport.send(make_request("GET", server.url("/hold"))))) {
      ++failures;
    }
    for (int round = 0; round < 4; ++round) {
      {
        std::unique_lock<std::mutex> lock(turn_mutex);
        turn_changed.wait(lock, [&] { return turn % 2 == parity; });
      }
      if (!std::holds_alternative<HttpResponse>(transport.send(make_request("GET", server.url(path))))) {
        ++failures;
      }
      {
        std::lock_guard<std::mutex> lock(turn_mutex);
        ++turn;
      }
      turn_changed.notify_all();
    }
  };
  std::thread a(client, 0, "/a");
  std::thread b(client, 1, "/b");
  a.join();
  b.join();
  ASSERT_EQ(failures.load(), 0);
  EXPECT_EQ(server.connections_accepted(), 2u);
  std::set<std::size_t> a_connections;
  std::set<std::size_t> b_connections;
  for (const ReceivedRequest& request : server.requests()) {
    if (request.target == "/a") a_connections.insert(request.connection_id);
    if (request.target == "/b") b_connections.insert(request.connection_id);
  }
  ASSERT_EQ(a_connections.size(), 1u);
  ASSERT_EQ(b_connections.size(), 1u);
  EXPECT_NE(*a_connections.begin(), *b_connections.begin());
}

TEST(CurlTransport, HandlesBeyondTheIdleBoundAreClosed) {
  LoopbackServer server([](const ReceivedRequest&) { return ok(); });
  CurlTransportOptions options;
  options.max_idle_handles = 0;  // nothing is pooled: each call starts from a new handle
  CurlTransport transport(options);
  for (int i = 0; i < 5; ++i) ASSERT_RESPONSE(transport.send(make_request("GET", server.url("/"))));
  EXPECT_EQ(server.connections_accepted(), 5u);
}

// --- TLS ---------------------------------------------------------------------------------

class CurlTransportTls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cert_ = new SelfSignedCert(SelfSignedCert::generate()); }
  static void TearDownTestSuite() {
    delete cert_;
    cert_ = nullptr;
  }
  static LoopbackServerOptions tls_options() {
    LoopbackServerOptions options;
    options.tls = cert_->identity();
    return options;
  }
  static SelfSignedCert* cert_;
};
SelfSignedCert* CurlTransportTls::cert_ = nullptr;

TEST_F(CurlTransportTls, SelfSignedCertificateRejectedWithoutItsCa) {
  LoopbackServer server([](const ReceivedRequest&) { return ok(); }, tls_options());
  CurlTransport transport;
  const auto result = transport.send(make_request("GET", server.url("/secure")));
  ASSERT_ERROR(result);
  const auto& error = std::get<TransportError>(result);
  EXPECT_EQ(error.kind, TransportErrorKind::kTlsVerification) << describe(result);
  EXPECT_FALSE(error.may_have_reached_server);
  EXPECT_EQ(server.requests_received(), 0u);
}

TEST_F(CurlTransportTls, AcceptedWithCaBundleAndConnectionReused) {
  LoopbackServer server([](const ReceivedRequest& request) { return ok("tls:" + request.body); }, tls_options());
  CurlTransportOptions options;
  options.ca_bundle_path = cert_->cert_path().string();
  CurlTransport transport(options);
  for (int i = 0; i < 5; ++i) {
    const auto result = transport.send(make_request("POST", server.url("/secure"), {}, std::to_string(i)));
    ASSERT_RESPONSE(result);
    EXPECT_EQ(std::get<HttpResponse>(result).status_code, 200);
    EXPECT_EQ(std::get<HttpResponse>(result).body, "tls:" + std::to_string(i));
  }
  EXPECT_EQ(server.connections_accepted(), 1u);
}

TEST(CurlTransport, HttpsToAPlainServerIsAHandshakeFailure) {
  LoopbackServer server([](const ReceivedRequest&) { return ok(); });
  CurlTransport transport;
  const auto result =
      transport.send(make_request("GET", "https://127.0.0.1:" + std::to_string(server.port()) + "/"));
  ASSERT_ERROR(result);
  const auto& error = std::get<TransportError>(result);
  EXPECT_EQ(error.kind, TransportErrorKind::kTlsHandshake) << describe(result);
  EXPECT_FALSE(error.may_have_reached_server);
}

// --- failures ----------------------------------------------------------------------------

TEST(CurlTransport, ServerThatNeverAnswersTimesOut) {
  LoopbackServer server([](const ReceivedRequest&) { return Reply::never_answer(); });
  CurlTransport transport;
  auto request = make_request("POST", server.url("/slow"), {}, "{}");
  request.timeout = 300ms;
  const auto start = std::chrono::steady_clock::now();
  const auto result = transport.send(request);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_ERROR(result);
  const auto& error = std::get<TransportError>(result);
  EXPECT_EQ(error.kind, TransportErrorKind::kTimeout) << describe(result);
  EXPECT_TRUE(error.may_have_reached_server);  // the request was written
  EXPECT_LT(elapsed, 10s);
  EXPECT_EQ(server.requests_received(), 1u);
}

TEST(CurlTransport, ConnectionRefused) {
  const auto port = yuno::test_support::unused_loopback_port();
  CurlTransport transport;
  const auto result =
      transport.send(make_request("POST", "http://127.0.0.1:" + std::to_string(port) + "/", {}, "{}"));
  ASSERT_ERROR(result);
  const auto& error = std::get<TransportError>(result);
  EXPECT_EQ(error.kind, TransportErrorKind::kConnectFailed) << describe(result);
  EXPECT_FALSE(error.may_have_reached_server);
}

TEST(CurlTransport, ConnectionClosedOrResetWithoutAnswer) {
  for (const bool reset : {false, true}) {
    SCOPED_TRACE(reset ? "reset" : "close");
    LoopbackServer server([reset](const ReceivedRequest&) {
      return reset ? Reply::reset_connection() : Reply::close_connection();
    });
    CurlTransport transport;
    const auto result = transport.send(make_request("POST", server.url("/"), {}, "{}"));
    ASSERT_ERROR(result);
    const auto& error = std::get<TransportError>(result);
    EXPECT_EQ(error.kind, TransportErrorKind::kConnectionLost) << describe(result);
    EXPECT_TRUE(error.may_have_reached_server);
  }
}

TEST(CurlTransport, TransportRecoversAfterAnError) {
  std::atomic<int> calls{0};
  LoopbackServer server([&calls](const ReceivedRequest&) {
    return ++calls == 1 ? Reply::close_connection() : ok("second");
  });
  CurlTransport transport;
  ASSERT_ERROR(transport.send(make_request("GET", server.url("/"))));
  const auto result = transport.send(make_request("GET", server.url("/")));
  ASSERT_RESPONSE(result);
  EXPECT_EQ(std::get<HttpResponse>(result).body, "second");
}

TEST(CurlTransport, OversizedBodiesAreRejected) {
  const std::string big(64 * 1024, 'z');
  for (const auto framing : {Reply::Framing::kContentLength, Reply::Framing::kChunked, Reply::Framing::kUntilClose}) {
    SCOPED_TRACE(static_cast<int>(framing));
    LoopbackServer server([&big, framing](const ReceivedRequest&) {
      Reply reply = Reply::respond(200, big);
      reply.framing = framing;
      return reply;
    });
    CurlTransportOptions options;
    options.max_response_bytes = 1024;
    CurlTransport transport(options);
    const auto result = transport.send(make_request("GET", server.url("/big")));
    ASSERT_ERROR(result);
    const auto& error = std::get<TransportError>(result);
    EXPECT_EQ(error.kind, TransportErrorKind::kResponseTooLarge) << describe(result);
    EXPECT_TRUE(error.may_have_reached_server);
  }
}

TEST(CurlTransport, BodyExactlyAtTheCapIsAccepted) {
  const std::string body(1024, 'a');
  for (const auto framing : {Reply::Framing::kContentLength, Reply::Framing::kChunked}) {
    LoopbackServer server([&body, framing](const ReceivedRequest&) {
      Reply reply = Reply::respond(200, body);
      reply.framing = framing;
      return reply;
    });
    CurlTransportOptions options;
    options.max_response_bytes = body.size();
    CurlTransport transport(options);
    const auto result = transport.send(make_request("GET", server.url("/exact")));
    ASSERT_RESPONSE(result);
    EXPECT_EQ(std::get<HttpResponse>(result).body, body);
  }
}

TEST(CurlTransport, OversizedHeadersAreRejected) {
  LoopbackServer many([](const ReceivedRequest&) {
    yuno::test_support::Headers headers;
    for (int i = 0; i < 2000; ++i) headers.emplace_back("X-Filler-" + std::to_string(i), std::string(60, 'f'));
    return Reply::respond(200, "ok", std::move(headers));
  });
  LoopbackServer one_huge([](const ReceivedRequest&) {
    return Reply::respond(200, "ok", {{"X-Huge", std::string(200 * 1024, 'h')}});
  });
  CurlTransport transport;
  for (const auto* server : {&many, &one_huge}) {
    const auto result = transport.send(make_request("GET", server->url("/")));
    ASSERT_ERROR(result);
    EXPECT_EQ(std::get<TransportError>(result).kind, TransportErrorKind::kResponseTooLarge) << describe(result);
    EXPECT_TRUE(std::get<TransportError>(result).may_have_reached_server);
  }
}

TEST(CurlTransport, UnusableResponsesAreConnectionLost) {
  const std::vector<std::string> replies = {
      "not http at all\r\n\r\n",                                         // no status line
      "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\ntruncated",  // body cut short
  };
  for (const auto& raw : replies) {
    LoopbackServer server([raw](const ReceivedRequest&) { return Reply::raw_bytes(raw, /*close_after=*/true); });
    CurlTransport transport;
    const auto result = transport.send(make_request("POST", server.url("/"), {}, "{}"));
    ASSERT_ERROR(result);
    EXPECT_EQ(std::get<TransportError>(result).kind, TransportErrorKind::kConnectionLost) << describe(result);
    EXPECT_TRUE(std::get<TransportError>(result).may_have_reached_server);
  }
}

TEST(CurlTransport, SchemesOtherThanHttpAreRefused) {
  CurlTransport transport;
  const auto result = transport.send(make_request("GET", "file:///etc/hostname"));
  ASSERT_ERROR(result);
  EXPECT_EQ(std::get<TransportError>(result).kind, TransportErrorKind::kOther) << describe(result);
  EXPECT_FALSE(std::get<TransportError>(result).may_have_reached_server);
}

TEST(CurlTransport, InvalidHeaderIsRejectedBeforeSending) {
  LoopbackServer server([](const ReceivedRequest&) { return ok(); });
  CurlTransport transport;
  const auto result = transport.send(make_request("GET", server.url("/"), {{"X-Bad", "a\r\nInjected: 1"}}));
  ASSERT_ERROR(result);
  EXPECT_EQ(std::get<TransportError>(result).kind, TransportErrorKind::kOther);
  EXPECT_FALSE(std::get<TransportError>(result).may_have_reached_server);
  EXPECT_EQ(server.connections_accepted(), 0u);
}

TEST(CurlTransport, ErrorMessagesNeverContainSecrets) {
  const std::string secret = "s3cr3t-value";
  const std::string card = "4507990000000002";
  const std::string query_secret = "qs-s3cr3t";
  const std::string body = R"({"card":{"number":")" + card + R"("}})";

  LoopbackServer silent([](const ReceivedRequest&) { return Reply::never_answer(); });
  LoopbackServer closing([](const ReceivedRequest&) { return Reply::close_connection(); });
  LoopbackServer huge([](const ReceivedRequest&) { return Reply::respond(200, std::string(4096, 'x')); });
  const std::string refused = "http://127.0.0.1:" + std::to_string(yuno::test_support::unused_loopback_port());
  const std::string path = "/v1/payments?token=" + query_secret;

  CurlTransportOptions options;
  options.max_response_bytes = 1024;
  CurlTransport transport(options);
  const std::vector<std::string> urls = {silent.url(path), closing.url(path), huge.url(path), refused + path};
  for (const auto& url : urls) {
    auto request = make_request("POST", url, {{"private-secret-key", secret}, {"Content-Type", "application/json"}}, body);
    request.timeout = 300ms;
    const auto result = transport.send(request);
    // Deliberately no `<< describe(result)`: a failing check must not print the message.
    ASSERT_TRUE(std::holds_alternative<TransportError>(result));
    const auto& message = std::get<TransportError>(result).message;
    EXPECT_FALSE(message.empty());
    EXPECT_EQ(message.find(secret), std::string::npos);
    EXPECT_EQ(message.find(card), std::string::npos);
    EXPECT_EQ(message.find(query_secret), std::string::npos);
    EXPECT_EQ(message.find("token="), std::string::npos);
    EXPECT_NE(message.find("127.0.0.1"), std::string::npos);  // the host is useful and harmless
  }
}

TEST(CurlTransport, CurlVersionNamesLibcurl) {
  const std::string version = CurlTransport::curl_version();
  ASSERT_EQ(version.rfind("libcurl/", 0), 0u) << version;
  ASSERT_GT(version.size(), 8u);
  EXPECT_TRUE(version[8] >= '0' && version[8] <= '9') << version;
}

// --- the loopback server itself ----------------------------------------------------------

TEST(LoopbackServer, StopsPromptlyWhileAClientWaits) {
  auto server = std::make_unique<LoopbackServer>([](const ReceivedRequest&) { return Reply::never_answer(); });
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(server->port());
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const std::string request = "GET /wait HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_EQ(::send(fd, request.data(), request.size(), MSG_NOSIGNAL), static_cast<ssize_t>(request.size()));
  for (int i = 0; i < 1000 && server->requests_received() == 0; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_EQ(server->requests_received(), 1u);

  const auto start = std::chrono::steady_clock::now();
  server.reset();  // the client is still connected and waiting
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
  char byte;
  EXPECT_EQ(::recv(fd, &byte, 1, 0), 0);  // the server closed its side
  ::close(fd);
}

}  // namespace
