/// @file
/// Time and randomness behind retries, injectable so tests run instantly and exactly.
#pragma once

#include <chrono>

#include "yuno/export.hpp"

namespace yuno {

/// Source of time, waiting and jitter for the retry loop. Implementations must be
/// thread-safe. yuno::testing::FakeClock is a deterministic one for tests.
class YUNO_API Clock {
 public:
  /// A monotonic instant (deadlines, TTLs).
  using time_point = std::chrono::steady_clock::time_point;
  virtual ~Clock() = default;
  /// The current instant; never goes backwards.
  virtual time_point now() = 0;
  /// Blocks the calling thread for `duration` (the backoff of synchronous calls).
  virtual void sleep_for(std::chrono::milliseconds duration) = 0;
  /// A uniformly distributed number in [0, 1), for backoff jitter.
  virtual double random_unit() = 0;
  /// The wait between two attempts of an asynchronous call (`*_async`). Those never block a
  /// thread in sleep_for: the transport's event loop arms a timer instead, for the real time
  /// this returns. The default returns `duration`. yuno::testing::FakeClock records the wait
  /// like sleep_for, advances its time by it and returns zero, so async retries run at once.
  virtual std::chrono::milliseconds begin_async_wait(std::chrono::milliseconds duration) {
    return duration;
  }
};

/// The real clock: steady_clock, this_thread::sleep_for and a per-thread PRNG.
class YUNO_API SystemClock : public Clock {
 public:
  time_point now() override;
  void sleep_for(std::chrono::milliseconds duration) override;
  double random_unit() override;
};

}  // namespace yuno
