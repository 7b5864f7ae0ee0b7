#include "internal/async_engine.hpp"

#include <condition_variable>
#include <deque>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace yuno::internal {

// One asynchronous call: its attempts and where its outcome goes.
struct AsyncCall {
  explicit AsyncCall(CallAttempts built) : attempts(std::move(built)) {}
  CallAttempts attempts;  // touched by one step at a time (the transport orders them)
  std::unique_ptr<AsyncCompletion> completion;
  // Guarded by AsyncShared::mutex:
  bool finished = false;
  std::list<std::shared_ptr<AsyncCall>>::iterator position;  // in AsyncShared::live
};

// What transport callbacks and timers share with the engine. It outlives the client: a late
// callback finds `closed` set and never touches the client (core, transport, clock) again.
struct AsyncShared {
  AsyncShared(const ClientCore& c, HttpTransport& t, Clock& k, std::size_t max)
      : core(&c), transport(&t), clock(&k), max_in_flight(max) {}

  const ClientCore* core;   // valid while !closed, within a Step
  HttpTransport* transport;
  Clock* clock;
  const std::size_t max_in_flight;

  std::mutex mutex;
  std::condition_variable steps_done;
  bool closed = false;
  int active_steps = 0;
  std::size_t in_flight = 0;
  std::deque<std::shared_ptr<AsyncCall>> waiting;  // attempts waiting for a slot
  std::list<std::shared_ptr<AsyncCall>> live;      // every call not finished yet
};

namespace {

using SharedPtr = std::shared_ptr<AsyncShared>;
using CallPtr = std::shared_ptr<AsyncCall>;

// A step may use the client only while a Step is open; close() waits for open steps.
class Step {
 public:
  explicit Step(AsyncShared& shared) : shared_(shared) {
    std::lock_guard<std::mutex> lock(shared_.mutex);
    if (!shared_.closed) {
      ++shared_.active_steps;
      open_ = true;
    }
  }
  ~Step() {
    if (!open_) return;
    std::lock_guard<std::mutex> lock(shared_.mutex);
    if (--shared_.active_steps == 0 && shared_.closed) shared_.steps_done.notify_all();
  }
  Step(const Step&) = delete;
  Step& operator=(const Step&) = delete;
  explicit operator bool() const { return open_; }

 private:
  AsyncShared& shared_;
  bool open_ = false;
};

// Marks the call finished; false if it already was (completed, or failed by close()).
bool claim(AsyncShared& shared, AsyncCall& call) {
  std::lock_guard<std::mutex> lock(shared.mutex);
  if (call.finished) return false;
  call.finished = true;
  shared.live.erase(call.position);
  return true;
}

void fail(AsyncShared& shared, AsyncCall& call, std::exception_ptr error) {
  if (claim(shared, call)) call.completion->fail(std::move(error));
}

void send(const SharedPtr& shared, const CallPtr& call);
void on_done(const SharedPtr& shared, const CallPtr& call, TransportResult result);

// Runs part of a step; an exception (from an observer, a logger, the transport's
// send_async or run_after...) fails the call, as it would have left the synchronous call.
template <typename F>
void guarded(AsyncShared& shared, AsyncCall& call, F&& f) {
  try {
    f();
  } catch (...) {
    fail(shared, call, std::current_exception());
  }
}

// Sends the call's next attempt now, or queues it until a slot frees.
void launch(const SharedPtr& shared, const CallPtr& call, bool retry) {
  {
    std::lock_guard<std::mutex> lock(shared->mutex);
    if (shared->in_flight >= shared->max_in_flight) {
      // Retries go first: their call has waited already, and its deadline runs.
      if (retry) {
        shared->waiting.push_front(call);
      } else {
        shared->waiting.push_back(call);
      }
      return;
    }
    ++shared->in_flight;
  }
  send(shared, call);
}

// Frees one in-flight slot; returns the waiting call that takes it over, if any (none once
// the engine is closed).
CallPtr release_slot(AsyncShared& shared) {
  std::lock_guard<std::mutex> lock(shared.mutex);
  --shared.in_flight;
  if (shared.closed || shared.waiting.empty()) return nullptr;
  CallPtr next = std::move(shared.waiting.front());
  shared.waiting.pop_front();
  ++shared.in_flight;
  return next;
}

// Sends the call's next attempt; holds one in-flight slot, given back by on_done.
void send(const SharedPtr& shared, const CallPtr& call) {
  std::optional<TransportResult> early;
  try {
    early = call->attempts.begin_attempt();
    if (!early) {
      shared->transport->send_async(
          call->attempts.request(),
          [shared, call](TransportResult result) { on_done(shared, call, std::move(result)); });
      return;
    }
  } catch (...) {  // `done` will not be called: give the slot back, fail the call
    CallPtr next = release_slot(*shared);
    fail(*shared, *call, std::current_exception());
    if (next) send(shared, next);
    return;
  }
  on_done(shared, call, std::move(*early));  // the deadline passed before the attempt
}

void process(const SharedPtr& shared, const CallPtr& call, TransportResult result) {
  const CallAttempts::Next next = call->attempts.end_attempt(std::move(result));
  switch (next.kind) {
    case CallAttempts::Next::kSucceeded:
      if (claim(*shared, *call)) call->completion->succeed(call->attempts.take_result());
      return;
    case CallAttempts::Next::kFailed:
      try {
        call->attempts.throw_failure();
      } catch (...) {
        fail(*shared, *call, std::current_exception());
      }
      return;
    case CallAttempts::Next::kRetry:
      break;
  }
  const std::chrono::milliseconds wait = shared->clock->begin_async_wait(next.delay);
  if (wait <= std::chrono::milliseconds::zero()) {
    launch(shared, call, /*retry=*/true);
    return;
  }
  shared->transport->run_after(wait, [shared, call] {
    Step step(*shared);
    if (!step) return;  // closed meanwhile: the call was failed already
    guarded(*shared, *call, [&] { launch(shared, call, /*retry=*/true); });
  });
}

// The transport's completion of one attempt: frees its slot (starting the next waiting
// attempt), then judges the outcome.
void on_done(const SharedPtr& shared, const CallPtr& call, TransportResult result) {
  Step step(*shared);
  CallPtr next = release_slot(*shared);
  if (!step) return;  // the client is closed: the call was failed already
  if (next) send(shared, next);
  guarded(*shared, *call, [&] { process(shared, call, std::move(result)); });
}

std::string closed_message(const RequestContext& context) {
  std::string message =
      "Yuno API call abandoned: the client was closed while it was pending (" +
      context.method + " " + context.path;
  if (context.attempts > 0) {
    message += ", attempt " + std::to_string(context.attempts) + "/" +
               std::to_string(context.max_attempts);
  } else {
    message += ", not sent";
  }
  return message + ")";
}

}  // namespace

AsyncEngine::AsyncEngine(const ClientCore& core, HttpTransport& transport, Clock& clock,
                         std::size_t max_in_flight)
    : shared_(std::make_shared<AsyncShared>(core, transport, clock, max_in_flight)) {}

AsyncEngine::~AsyncEngine() { close(); }

void AsyncEngine::start(ApiCall&& call, const RequestOptions& options,
                        std::unique_ptr<AsyncCompletion> completion) {
  CallPtr async_call;
  try {
    async_call = std::make_shared<AsyncCall>(CallAttempts(*shared_->core, std::move(call), options));
  } catch (...) {  // InvalidArgumentError: nothing was sent
    completion->fail(std::current_exception());
    return;
  }
  async_call->completion = std::move(completion);
  Step step(*shared_);  // never closed here: the caller holds the client
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    async_call->position = shared_->live.insert(shared_->live.end(), async_call);
  }
  guarded(*shared_, *async_call, [&] { launch(shared_, async_call, /*retry=*/false); });
}

void AsyncEngine::close() {
  std::list<CallPtr> pending;
  std::deque<CallPtr> waiting;
  {
    std::unique_lock<std::mutex> lock(shared_->mutex);
    if (shared_->closed) return;
    shared_->closed = true;
    shared_->steps_done.wait(lock, [this] { return shared_->active_steps == 0; });
    pending.swap(shared_->live);
    waiting.swap(shared_->waiting);
    for (const CallPtr& call : pending) call->finished = true;
  }
  for (const CallPtr& call : pending) {
    const RequestContext& context = call->attempts.context();
    call->completion->fail(std::make_exception_ptr(
        ClientClosedError(closed_message(context), call->attempts.sent(), context)));
  }
}

}  // namespace yuno::internal
