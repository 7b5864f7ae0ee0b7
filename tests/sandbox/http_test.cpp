// yuno-sandbox's own HTTP/1.1 server: the wire format (http_wire.hpp) as pure functions,
// then the server (http_server.hpp) over raw sockets on 127.0.0.1.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "http_server.hpp"
#include "http_wire.hpp"

namespace {

using yuno::sandbox::ApiRequest;
using yuno::sandbox::ApiResponse;
using yuno::sandbox::NameValues;
namespace http = yuno::sandbox::http;
using namespace std::string_literals;

struct Parsed {
  http::Parse state;
  http::RequestHead head;
  std::size_t consumed = 0;
  http::Refusal refusal;
};

Parsed parse(const std::string& text, http::Limits limits = {}) {
  Parsed parsed;
  parsed.state = http::parse_request_head(text, limits, parsed.head, parsed.consumed, parsed.refusal);
  return parsed;
}

int refused_with(const std::string& text, http::Limits limits = {}) {
  const Parsed parsed = parse(text, limits);
  return parsed.state == http::Parse::kRefused ? parsed.refusal.status : 0;
}

TEST(HttpWire, ParsesAHeadWithLowerCaseNamesAndTrimmedValues) {
  const std::string text =
      "POST /v1/payments?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Idempotency-Key:  abc \t\r\n"
      "Content-Length: 5\r\n\r\nhello";
  const Parsed parsed = parse(text);
  ASSERT_EQ(parsed.state, http::Parse::kComplete);
  EXPECT_EQ(parsed.head.method, "POST");
  EXPECT_EQ(parsed.head.target, "/v1/payments?x=1");
  EXPECT_EQ(parsed.head.minor_version, 1);
  EXPECT_TRUE(parsed.head.keep_alive);
  EXPECT_EQ(parsed.head.body, http::RequestHead::Body::kLength);
  EXPECT_EQ(parsed.head.content_length, 5u);
  EXPECT_EQ(parsed.consumed, text.size() - 5);
  const NameValues expected = {
      {"host", "127.0.0.1"}, {"x-idempotency-key", "abc"}, {"content-length", "5"}};
  EXPECT_EQ(parsed.head.headers, expected);
}

TEST(HttpWire, EveryPrefixOfAHeadIsIncomplete) {
  const std::string text = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
  for (std::size_t n = 0; n < text.size(); ++n) {
    EXPECT_EQ(parse(text.substr(0, n)).state, http::Parse::kIncomplete) << n;
  }
  EXPECT_EQ(parse(text).state, http::Parse::kComplete);
}

TEST(HttpWire, AcceptsBareLineFeedsAndLeadingEmptyLines) {
  const Parsed parsed = parse("\r\n\nGET /a HTTP/1.0\nHost: a\n\n");
  ASSERT_EQ(parsed.state, http::Parse::kComplete);
  EXPECT_EQ(parsed.head.target, "/a");
  EXPECT_EQ(parsed.head.minor_version, 0);
  EXPECT_FALSE(parsed.head.keep_alive);  // HTTP/1.0 closes unless asked
}

TEST(HttpWire, ConnectionAndExpectHeadersAreHonoured) {
  EXPECT_FALSE(parse("GET / HTTP/1.1\r\nConnection: Upgrade, CLOSE\r\n\r\n").head.keep_alive);
  EXPECT_TRUE(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").head.keep_alive);
  EXPECT_TRUE(parse("POST / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n")
                  .head.expect_continue);
  EXPECT_FALSE(parse("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n")
                   .head.expect_continue);
}

TEST(HttpWire, RefusesMalformedRequestLines) {
  EXPECT_EQ(refused_with("GET /\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("GET  / HTTP/1.1\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("G(T / HTTP/1.1\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("GET /a\x01 HTTP/1.1\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("GET / HTTP/2.0\r\n\r\n"), 505);
  EXPECT_EQ(refused_with("GET / SPDY/1\r\n\r\n"), 400);
}

TEST(HttpWire, RefusesHeadersItCannotReadSafely) {
  EXPECT_EQ(refused_with("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("GET / HTTP/1.1\r\nNoColon\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("GET / HTTP/1.1\r\nA: b\r\n  folded\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("GET / HTTP/1.1\r\nA: b\0c\r\n\r\n"s), 400);
  EXPECT_EQ(refused_with("GET / HTTP/1.1\r\nA: b\rc\r\n\r\n"), 400);
}

TEST(HttpWire, RefusesAmbiguousOrOversizedBodies) {
  EXPECT_EQ(refused_with("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"),
            400);
  EXPECT_EQ(refused_with("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("POST / HTTP/1.1\r\nContent-Length: 1, 1\r\n\r\n"), 400);
  EXPECT_EQ(refused_with("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"), 501);
  EXPECT_EQ(refused_with("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"), 400);
  http::Limits limits;
  limits.max_body = 100;
  EXPECT_EQ(refused_with("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n", limits), 413);
  EXPECT_EQ(refused_with("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
                         limits),
            413);
  EXPECT_EQ(parse("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n", limits).state,
            http::Parse::kComplete);
}

TEST(HttpWire, RefusesTooLongLinesAndHeadsEvenIncomplete) {
  http::Limits limits;
  limits.max_request_line = 64;
  limits.max_head = 256;
  EXPECT_EQ(refused_with("GET /" + std::string(100, 'a'), limits), 414);
  EXPECT_EQ(refused_with("GET /" + std::string(100, 'a') + " HTTP/1.1\r\n\r\n", limits), 414);
  EXPECT_EQ(refused_with("GET / HTTP/1.1\r\nA: " + std::string(300, 'b'), limits), 431);
  std::string many = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 40; ++i) many += "A: b\r\n";
  EXPECT_EQ(refused_with(many + "\r\n", limits), 431);
}

TEST(HttpWire, DecodesChunkedBodiesWithExtensionsAndTrailers) {
  const std::string encoded = "5;name=x\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: t\r\n\r\nNEXT";
  std::string body;
  std::size_t consumed = 0;
  http::Refusal refusal;
  ASSERT_EQ(http::decode_chunked(encoded, 1000, body, consumed, refusal), http::Parse::kComplete);
  EXPECT_EQ(body, "hello world");
  EXPECT_EQ(encoded.substr(consumed), "NEXT");
  for (std::size_t n = 0; n < encoded.size() - 4; ++n) {
    EXPECT_EQ(http::decode_chunked(encoded.substr(0, n), 1000, body, consumed, refusal),
              http::Parse::kIncomplete)
        << n;
  }
}

TEST(HttpWire, RefusesMalformedOrOversizedChunks) {
  std::string body;
  std::size_t consumed = 0;
  http::Refusal refusal;
  EXPECT_EQ(http::decode_chunked("zz\r\n", 1000, body, consumed, refusal), http::Parse::kRefused);
  EXPECT_EQ(refusal.status, 400);
  EXPECT_EQ(http::decode_chunked("3\r\nabcX", 1000, body, consumed, refusal),
            http::Parse::kRefused);
  EXPECT_EQ(http::decode_chunked("3e9\r\n", 1000, body, consumed, refusal), http::Parse::kRefused);
  EXPECT_EQ(refusal.status, 413);
  EXPECT_EQ(http::decode_chunked("ffffffffffffffffffff\r\n", 1000, body, consumed, refusal),
            http::Parse::kRefused);
  EXPECT_EQ(refusal.status, 413);
  EXPECT_EQ(http::decode_chunked("2\r\nab\r\n2\r\ncd\r\n0\r\n\r\n", 3, body, consumed, refusal),
            http::Parse::kRefused);
  EXPECT_EQ(refusal.status, 413);
}

TEST(HttpWire, DecodesTheTargetIntoPathAndQuery) {
  std::string path;
  NameValues query;
  ASSERT_TRUE(http::decode_target("/v1/a%20b+c?x=1&y=a+b%26c&&flag&=v", path, query));
  EXPECT_EQ(path, "/v1/a b+c");  // '+' is a space only in the query
  const NameValues expected = {{"x", "1"}, {"y", "a b&c"}, {"flag", ""}, {"", "v"}};
  EXPECT_EQ(query, expected);
  EXPECT_FALSE(http::decode_target("v1/a", path, query));
  EXPECT_FALSE(http::decode_target("/a%2", path, query));
  EXPECT_FALSE(http::decode_target("/a%zz", path, query));
  EXPECT_FALSE(http::decode_target("/a%00b", path, query));
  EXPECT_FALSE(http::decode_target("/a?x=%4", path, query));
}

TEST(HttpWire, WritesResponsesWithLengthTypeAndConnection) {
  ApiResponse response;
  response.status = 201;
  response.body = R"({"id":"1"})";
  response.headers.emplace_back("x-request-id", "r1");
  std::string out;
  http::write_response(response, false, false, out);
  EXPECT_EQ(out,
            "HTTP/1.1 201 Created\r\nx-request-id: r1\r\nContent-Type: application/json\r\n"
            "Content-Length: 10\r\n\r\n{\"id\":\"1\"}");
  out.clear();
  http::write_response(response, true, true, out);  // HEAD: the length, not the body
  EXPECT_EQ(out,
            "HTTP/1.1 201 Created\r\nx-request-id: r1\r\nContent-Type: application/json\r\n"
            "Content-Length: 10\r\nConnection: close\r\n\r\n");
  ApiResponse empty;
  empty.status = 204;
  out.clear();
  http::write_response(empty, false, false, out);
  EXPECT_EQ(out, "HTTP/1.1 204 No Content\r\n\r\n");
}

// --- The server, over raw sockets ---

// A blocking client socket to 127.0.0.1 with a 10 s receive timeout (a hang fails, never
// blocks the test run).
class RawClient {
 public:
  explicit RawClient(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{10, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    if (connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
      throw std::runtime_error("cannot connect");
    }
  }
  ~RawClient() { close(fd_); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  void send_text(const std::string& text) {
    ASSERT_EQ(send(fd_, text.data(), text.size(), MSG_NOSIGNAL), static_cast<ssize_t>(text.size()));
  }

  /// One response (head and Content-Length body); "" when the server closed first.
  std::string read_response() {
    for (;;) {
      const std::size_t end = buffered_.find("\r\n\r\n");
      if (end != std::string::npos) {
        std::size_t length = 0;
        const std::size_t at = buffered_.find("Content-Length: ");
        if (at != std::string::npos && at < end) length = std::stoul(buffered_.substr(at + 16));
        if (buffered_.size() >= end + 4 + length) {
          std::string response = buffered_.substr(0, end + 4 + length);
          buffered_.erase(0, end + 4 + length);
          return response;
        }
      }
      if (!read_some()) return "";
    }
  }

  /// Everything until the server closes (or the timeout); true when it did close.
  bool read_until_closed(std::string& all) {
    while (read_some()) {
    }
    all = buffered_;
    buffered_.clear();
    return closed_;
  }

 private:
  bool read_some() {
    char chunk[4096];
    const ssize_t n = recv(fd_, chunk, sizeof(chunk), 0);
    if (n <= 0) {
      closed_ = n == 0;
      return false;
    }
    buffered_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_;
  std::string buffered_;
  bool closed_ = false;
};

std::string body_of(const std::string& response) {
  const std::size_t end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

// The body of the client's next response, as JSON.
nlohmann::json next_json(RawClient& client) {
  return nlohmann::json::parse(body_of(client.read_response()));
}

// Answers with what it was asked, as JSON; "/boom" throws, "/drop" drops the connection.
ApiResponse echo(ApiRequest& request) {
  if (request.path == "/boom") throw std::runtime_error("handler failure");
  ApiResponse response;
  if (request.path == "/drop") {
    response.drop_connection = true;
    return response;
  }
  nlohmann::json query = nlohmann::json::array();
  for (const auto& [name, value] : request.query) query.push_back({name, value});
  const std::string* header = request.header("x-test");
  response.body = nlohmann::json{{"method", request.method},
                                 {"path", request.path},
                                 {"query", query},
                                 {"body", request.body},
                                 {"x-test", header != nullptr ? *header : ""},
                                 {"remote", request.remote_addr}}
                      .dump();
  return response;
}

class HttpServerTest : public ::testing::Test {
 protected:
  void start(http::ServerSettings settings = {}) {
    settings.host = "127.0.0.1";
    settings.port = 0;
    settings.threads = 4;
    settings.limits.max_body = 1000;
    server_ = std::make_unique<http::Server>(settings, echo);
    port_ = server_->start();
  }
  void SetUp() override { start(); }

  std::unique_ptr<http::Server> server_;
  int port_ = 0;
};

TEST_F(HttpServerTest, ServesManyRequestsOnOneConnectionIncludingPipelinedOnes) {
  RawClient client(port_);
  client.send_text("GET /a%20b?x=1&x=2 HTTP/1.1\r\nHost: h\r\nX-Test: one\r\n\r\n");
  const std::string first = client.read_response();
  ASSERT_NE(first.find("HTTP/1.1 200 OK\r\n"), std::string::npos) << first;
  const auto json = nlohmann::json::parse(body_of(first));
  EXPECT_EQ(json["method"], "GET");
  EXPECT_EQ(json["path"], "/a b");
  EXPECT_EQ(json["query"], nlohmann::json::parse(R"([["x","1"],["x","2"]])"));
  EXPECT_EQ(json["x-test"], "one");
  EXPECT_EQ(json["remote"], "127.0.0.1");
  // Two requests in one send: both answered, in order, on the same connection.
  client.send_text(
      "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
      "POST /q HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxy\r\n0\r\n\r\n");
  EXPECT_EQ(next_json(client)["body"], "abc");
  const auto chunked = next_json(client);
  EXPECT_EQ(chunked["path"], "/q");
  EXPECT_EQ(chunked["body"], "xy");
}

TEST_F(HttpServerTest, APostWithoutLengthHasAnEmptyBody) {
  RawClient client(port_);
  client.send_text("POST /reset HTTP/1.1\r\nHost: h\r\n\r\n");
  const auto json = next_json(client);
  EXPECT_EQ(json["method"], "POST");
  EXPECT_EQ(json["body"], "");
}

TEST_F(HttpServerTest, AnExpectingClientIsToldToContinue) {
  RawClient client(port_);
  client.send_text("POST /e HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
  EXPECT_EQ(client.read_response(), "HTTP/1.1 100 Continue\r\n\r\n");
  client.send_text("ok");
  EXPECT_EQ(next_json(client)["body"], "ok");
}

TEST_F(HttpServerTest, HeadAnswersTheLengthWithoutTheBody) {
  RawClient client(port_);
  client.send_text("HEAD /h HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
  std::string all;
  ASSERT_TRUE(client.read_until_closed(all));
  EXPECT_NE(all.find("Content-Length: "), std::string::npos) << all;
  EXPECT_NE(all.find("Connection: close\r\n"), std::string::npos) << all;
  EXPECT_EQ(body_of(all), "");
}

TEST_F(HttpServerTest, RefusalsCarryAYunoErrorBodyAndCloseTheConnection) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"BROKEN\r\n\r\n", "HTTP/1.1 400 "},
      {"POST / HTTP/1.1\r\nContent-Length: 1001\r\n\r\n", "HTTP/1.1 413 "},
      // The refused body already sent: the answer must still arrive (no reset on close).
      {"POST / HTTP/1.1\r\nContent-Length: 60000\r\n\r\n" + std::string(60000, 'x'),
       "HTTP/1.1 413 "},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3e9\r\n", "HTTP/1.1 413 "},
      {"GET /%zz HTTP/1.1\r\n\r\n", "HTTP/1.1 400 "},
      {"GET / HTTP/3.0\r\n\r\n", "HTTP/1.1 505 "},
  };
  for (const auto& [request, status_line] : cases) {
    RawClient client(port_);
    client.send_text(request);
    std::string all;
    ASSERT_TRUE(client.read_until_closed(all)) << request;
    EXPECT_EQ(all.rfind(status_line, 0), 0u) << all;
    EXPECT_NE(all.find("Connection: close\r\n"), std::string::npos) << all;
    EXPECT_EQ(nlohmann::json::parse(body_of(all))["code"], "INVALID_REQUEST") << all;
  }
}

TEST_F(HttpServerTest, AThrowingHandlerAnswers500AndKeepsTheConnection) {
  RawClient client(port_);
  client.send_text("GET /boom HTTP/1.1\r\nHost: h\r\n\r\n");
  const std::string failed = client.read_response();
  EXPECT_EQ(failed.rfind("HTTP/1.1 500 ", 0), 0u) << failed;
  EXPECT_EQ(nlohmann::json::parse(body_of(failed))["code"], "INTERNAL_ERROR");
  client.send_text("GET /fine HTTP/1.1\r\nHost: h\r\n\r\n");
  EXPECT_EQ(client.read_response().rfind("HTTP/1.1 200 ", 0), 0u);
}

TEST_F(HttpServerTest, ADroppedConnectionSendsAHeadThenCloses) {
  RawClient client(port_);
  client.send_text("GET /drop HTTP/1.1\r\nHost: h\r\n\r\n");
  std::string all;
  ASSERT_TRUE(client.read_until_closed(all));
  EXPECT_EQ(all.rfind("HTTP/1.1 500 ", 0), 0u) << all;
  EXPECT_NE(all.find("Transfer-Encoding: chunked\r\n\r\n"), std::string::npos) << all;
  EXPECT_EQ(body_of(all), "");  // no chunk, no terminating chunk: a broken transfer
}

TEST_F(HttpServerTest, Http10ClosesAfterTheAnswer) {
  RawClient client(port_);
  client.send_text("GET /old HTTP/1.0\r\n\r\n");
  std::string all;
  ASSERT_TRUE(client.read_until_closed(all));
  EXPECT_EQ(all.rfind("HTTP/1.1 200 ", 0), 0u) << all;
}

TEST(HttpServer, StopClosesIdleKeepAliveConnectionsWithoutWaitingForTheirTimeout) {
  http::ServerSettings settings;
  settings.port = 0;
  settings.threads = 2;
  // Far beyond the client's 10 s receive timeout: only stop() can close these in time.
  settings.idle_timeout = std::chrono::hours(1);
  http::Server server(settings, echo);
  const int port = server.start();
  EXPECT_TRUE(server.running());
  RawClient idle(port);
  idle.send_text("GET /x HTTP/1.1\r\nHost: h\r\n\r\n");
  ASSERT_EQ(idle.read_response().rfind("HTTP/1.1 200 ", 0), 0u);
  RawClient queued(port);  // connected but never sent anything
  std::thread stopper([&server] { server.stop(); });
  std::string rest;
  EXPECT_TRUE(idle.read_until_closed(rest));  // closed by stop(), not by a timeout
  EXPECT_EQ(rest, "");
  stopper.join();
  EXPECT_FALSE(server.running());
  server.stop();  // idempotent
}

TEST(HttpServer, StartFailsClearlyOnAPortInUseAndOnMissingTlsFiles) {
  http::Server first({}, echo);
  const int port = first.start();
  http::ServerSettings same;
  same.port = port;
  http::Server second(same, echo);
  EXPECT_THROW(second.start(), std::runtime_error);
  http::ServerSettings tls;
  tls.tls_cert_file = "/nonexistent/cert.pem";
  tls.tls_key_file = "/nonexistent/key.pem";
  http::Server third(tls, echo);
  EXPECT_THROW(third.start(), std::runtime_error);
}

}  // namespace
