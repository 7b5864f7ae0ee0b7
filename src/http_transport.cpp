#include "yuno/http_transport.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <queue>
#include <thread>
#include <utility>
#include <vector>

#include "internal/strings.hpp"

namespace yuno {

std::optional<std::string> find_header(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (internal::iequals(key, name)) return value;
  }
  return std::nullopt;
}

namespace {

using namespace std::chrono_literals;

// Worker threads for the default send_async: one per blocking send() in flight, created on
// demand, ending after kIdle without work. Never destroyed (a worker may still be inside a
// slow send() when main returns), so it is reachable from a static pointer until exit.
class WorkerPool {
 public:
  static WorkerPool& instance() {
    static WorkerPool* const pool = new WorkerPool;
    return *pool;
  }

  // Throws std::system_error if a needed thread cannot be started (the job is then dropped).
  void submit(std::function<void()> job) {
    std::unique_lock<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(job));
    if (jobs_.size() <= idle_) {
      wake_.notify_one();
      return;
    }
    try {
      std::thread([this] { work(); }).detach();
    } catch (...) {
      jobs_.pop_back();
      throw;
    }
  }

 private:
  static constexpr std::chrono::seconds kIdle{10};

  void work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      if (jobs_.empty()) {
        ++idle_;
        const bool got = wake_.wait_for(lock, kIdle, [this] { return !jobs_.empty(); });
        --idle_;
        if (!got) return;
      }
      std::function<void()> job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      job();
      job = nullptr;  // what the job captured is released outside the lock
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::size_t idle_ = 0;
};

// The default run_after: one timer thread for the process, started on first use, never
// destroyed (see WorkerPool).
class TimerThread {
 public:
  static TimerThread& instance() {
    static TimerThread* const timers = new TimerThread;
    return *timers;
  }

  void schedule(std::chrono::milliseconds delay, std::function<void()> task) {
    const auto due = std::chrono::steady_clock::now() + std::max(delay, 0ms);
    std::lock_guard<std::mutex> lock(mutex_);
    if (!started_) {
      std::thread([this] { run(); }).detach();
      started_ = true;
    }
    timers_.push(Timer{due, next_sequence_++, std::move(task)});
    wake_.notify_one();
  }

 private:
  struct Timer {
    std::chrono::steady_clock::time_point due;
    std::uint64_t sequence;  // equal due times run in scheduling order
    std::function<void()> task;
  };
  struct Later {
    bool operator()(const Timer& a, const Timer& b) const {
      return a.due != b.due ? a.due > b.due : a.sequence > b.sequence;
    }
  };

  void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      if (timers_.empty()) {
        wake_.wait(lock);
        continue;
      }
      const auto due = timers_.top().due;
      if (std::chrono::steady_clock::now() < due) {
        wake_.wait_until(lock, due);
        continue;
      }
      // priority_queue::top is const: the task is moved out through a const_cast of a value
      // that is popped right after.
      std::function<void()> task = std::move(const_cast<Timer&>(timers_.top()).task);
      timers_.pop();
      lock.unlock();
      try {
        task();
      } catch (...) {  // a task must not end the timer thread
      }
      task = nullptr;
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::priority_queue<Timer, std::vector<Timer>, Later> timers_;
  std::uint64_t next_sequence_ = 0;
  bool started_ = false;
};

}  // namespace

void HttpTransport::send_async(const HttpRequest& request, TransportCallback done) {
  // Null when this transport is not owned by a shared_ptr: its owner keeps it alive then.
  std::shared_ptr<HttpTransport> self = weak_from_this().lock();
  WorkerPool::instance().submit(
      [self = std::move(self), transport = this, &request, done = std::move(done)]() mutable {
        TransportResult result = [&]() -> TransportResult {
          try {
            return transport->send(request);
          } catch (const std::exception& e) {
            return TransportError{TransportErrorKind::kOther, true,
                                  std::string("the transport's send() threw: ") + e.what()};
          } catch (...) {
            return TransportError{TransportErrorKind::kOther, true,
                                  "the transport's send() threw"};
          }
        }();
        try {
          done(std::move(result));
        } catch (...) {  // nothing sensible to do on a worker thread
        }
      });
}

void HttpTransport::run_after(std::chrono::milliseconds delay, std::function<void()> task) {
  TimerThread::instance().schedule(delay, std::move(task));
}

}  // namespace yuno
