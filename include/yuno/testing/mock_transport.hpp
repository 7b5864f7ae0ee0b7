// A scriptable HttpTransport for tests of code that uses the SDK (link yuno::testing).
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "yuno/http_transport.hpp"

namespace yuno::testing {

/// Replays queued responses or failures in order and records every request it receives.
/// A request with nothing queued fails the call with a TransportError (kOther,
/// may_have_reached_server = false) whose message says so. Thread-safe.
///
///   auto mock = std::make_shared<yuno::testing::MockTransport>();
///   mock->enqueue_json(201, R"({"id": "c-1"})");
///   options.transport = mock;
class MockTransport : public HttpTransport {
 public:
  using Handler = std::function<TransportResult(const HttpRequest&)>;

  /// Queue a response.
  void enqueue(HttpResponse response);
  /// Queue a JSON response with Content-Type: application/json.
  void enqueue_json(int status_code, std::string body, HttpHeaders extra_headers = {});
  /// Queue a transport failure.
  void enqueue_failure(TransportErrorKind kind, bool may_have_reached_server = true,
                       std::string message = "mock transport failure");
  /// Queue a function that computes the outcome (e.g. to advance a FakeClock).
  void enqueue_handler(Handler handler);

  TransportResult send(const HttpRequest& request) override;

  /// Every request received, in order.
  std::vector<HttpRequest> requests() const;
  std::size_t request_count() const;
  /// The last request received; throws std::logic_error if there is none.
  HttpRequest last_request() const;
  /// Outcomes queued and not yet consumed.
  std::size_t pending() const;

 private:
  mutable std::mutex mutex_;
  std::deque<Handler> queue_;
  std::vector<HttpRequest> requests_;
};

}  // namespace yuno::testing
