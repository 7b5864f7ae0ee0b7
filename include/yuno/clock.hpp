// Time and randomness behind retries, injectable so tests run instantly and exactly.
#pragma once

#include <chrono>

namespace yuno {

/// Source of time, waiting and jitter for the retry loop. Implementations must be
/// thread-safe. yuno::testing::FakeClock is a deterministic one for tests.
class Clock {
 public:
  using time_point = std::chrono::steady_clock::time_point;
  virtual ~Clock() = default;
  virtual time_point now() = 0;
  virtual void sleep_for(std::chrono::milliseconds duration) = 0;
  /// A uniformly distributed number in [0, 1), for backoff jitter.
  virtual double random_unit() = 0;
};

/// The real clock: steady_clock, this_thread::sleep_for and a per-thread PRNG.
class SystemClock : public Clock {
 public:
  time_point now() override;
  void sleep_for(std::chrono::milliseconds duration) override;
  double random_unit() override;
};

}  // namespace yuno
