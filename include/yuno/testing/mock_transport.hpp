/// @file
/// A scriptable HttpTransport for tests of code that uses the SDK (link yuno::testing).
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "yuno/export.hpp"
#include "yuno/http_transport.hpp"

/// Test doubles for code that uses the SDK (link the yuno::testing CMake target).
namespace yuno::testing {

/// Replays queued responses or failures in order and records every request it receives.
/// A request with nothing queued fails the call with a TransportError (kOther,
/// may_have_reached_server = false) whose message says so. Thread-safe. Asynchronous
/// exchanges are answered at once, or held for release() (see send_async).
///
/// @code
///   auto mock = std::make_shared<yuno::testing::MockTransport>();
///   mock->enqueue_json(201, R"({"id": "c-1"})");
///   options.transport = mock;
/// @endcode
class YUNO_API MockTransport : public HttpTransport {
 public:
  /// Computes one outcome from the request (see enqueue_handler).
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

  /// The asynchronous calls (`*_async`) come here. By default each exchange is answered at
  /// once, on the calling thread and before send_async returns, by the next queued outcome,
  /// exactly like send(): with a FakeClock (whose async waits take no real time) a whole
  /// async call, retries included, is over when `*_async` returns. With hold_async(true)
  /// exchanges wait instead, in arrival order, until release() answers them: the test sees
  /// what is in flight and decides when each exchange ends.
  void send_async(const HttpRequest& request, TransportCallback done) override;
  /// true: hold asynchronous exchanges until release(); false: answer them at once.
  void hold_async(bool hold);
  /// Asynchronous exchanges waiting for release().
  std::size_t held() const;
  /// Answers the `count` oldest held exchanges with the next queued outcomes, one by one on
  /// this thread (a completion may start the next held exchange). Returns how many it answered.
  std::size_t release(std::size_t count = 1);

  /// Answers the exchanges still held with a kOther TransportError.
  ~MockTransport() override;

  /// Every request received, in order.
  std::vector<HttpRequest> requests() const;
  /// How many requests were received.
  std::size_t request_count() const;
  /// The last request received; throws std::logic_error if there is none.
  HttpRequest last_request() const;
  /// Outcomes queued and not yet consumed.
  std::size_t pending() const;

 private:
  struct Held {
    const HttpRequest* request;
    TransportCallback done;
  };
  /// The next queued outcome for `request` (recorded already).
  TransportResult answer(const HttpRequest& request);

  mutable std::mutex mutex_;
  std::deque<Handler> queue_;
  std::vector<HttpRequest> requests_;
  bool hold_ = false;
  std::deque<Held> held_;
};

}  // namespace yuno::testing
