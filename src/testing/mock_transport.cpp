#include "yuno/testing/mock_transport.hpp"

#include <stdexcept>
#include <utility>

namespace yuno::testing {

void MockTransport::enqueue(HttpResponse response) {
  enqueue_handler([response = std::move(response)](const HttpRequest&) -> TransportResult {
    return response;
  });
}

void MockTransport::enqueue_json(int status_code, std::string body, HttpHeaders extra_headers) {
  HttpResponse response;
  response.status_code = status_code;
  response.headers.emplace_back("Content-Type", "application/json");
  for (auto& header : extra_headers) response.headers.push_back(std::move(header));
  response.body = std::move(body);
  enqueue(std::move(response));
}

void MockTransport::enqueue_failure(TransportErrorKind kind, bool may_have_reached_server,
                                    std::string message) {
  TransportError failure{kind, may_have_reached_server, std::move(message)};
  enqueue_handler([failure](const HttpRequest&) -> TransportResult { return failure; });
}

void MockTransport::enqueue_handler(Handler handler) {
  std::lock_guard<std::mutex> lock(mutex_);
  queue_.push_back(std::move(handler));
}

TransportResult MockTransport::send(const HttpRequest& request) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(request);
  }
  return answer(request);
}

TransportResult MockTransport::answer(const HttpRequest& request) {
  Handler handler;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (queue_.empty()) {
      return TransportError{TransportErrorKind::kOther, false,
                            "MockTransport: no response queued for this request"};
    }
    handler = std::move(queue_.front());
    queue_.pop_front();
  }
  return handler(request);  // outside the lock: a handler may call back into the mock
}

void MockTransport::send_async(const HttpRequest& request, TransportCallback done) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(request);
    if (hold_) {
      held_.push_back(Held{&request, std::move(done)});
      return;
    }
  }
  done(answer(request));
}

void MockTransport::hold_async(bool hold) {
  std::lock_guard<std::mutex> lock(mutex_);
  hold_ = hold;
}

std::size_t MockTransport::held() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return held_.size();
}

std::size_t MockTransport::release(std::size_t count) {
  std::size_t answered = 0;
  for (; answered < count; ++answered) {
    Held next;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (held_.empty()) break;
      next = std::move(held_.front());
      held_.pop_front();
    }
    TransportCallback done = std::move(next.done);
    done(answer(*next.request));
  }
  return answered;
}

MockTransport::~MockTransport() {
  std::deque<Held> held;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    held.swap(held_);
  }
  for (Held& exchange : held) {
    exchange.done(TransportError{TransportErrorKind::kOther, true,
                                 "MockTransport destroyed with the exchange held"});
  }
}

std::vector<HttpRequest> MockTransport::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

std::size_t MockTransport::request_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_.size();
}

HttpRequest MockTransport::last_request() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (requests_.empty()) throw std::logic_error("MockTransport: no request received yet");
  return requests_.back();
}

std::size_t MockTransport::pending() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size();
}

}  // namespace yuno::testing
