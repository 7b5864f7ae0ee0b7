/// @file
/// A deterministic yuno::Clock for tests: sleeping advances time instantly.
#pragma once

#include <chrono>
#include <mutex>
#include <vector>

#include "yuno/clock.hpp"
#include "yuno/export.hpp"

namespace yuno::testing {

/// Time starts at an arbitrary fixed point and moves only through sleep_for(),
/// begin_async_wait() and advance(). random_unit() returns a fixed value (default 0.5: no jitter with the
/// default symmetric jitter). Records every sleep. Thread-safe.
class YUNO_API FakeClock : public Clock {
 public:
  time_point now() override;
  void sleep_for(std::chrono::milliseconds duration) override;
  double random_unit() override;
  /// Like sleep_for (recorded in sleeps(), time advances), then returns zero: asynchronous
  /// retries start at once.
  std::chrono::milliseconds begin_async_wait(std::chrono::milliseconds duration) override;

  /// Moves time forward (not recorded in sleeps()).
  void advance(std::chrono::milliseconds duration);
  /// What random_unit() returns from now on, in [0, 1).
  void set_random(double value);
  /// Every duration passed to sleep_for or begin_async_wait, in order.
  std::vector<std::chrono::milliseconds> sleeps() const;

 private:
  mutable std::mutex mutex_;
  time_point now_{std::chrono::hours(1)};
  double random_ = 0.5;
  std::vector<std::chrono::milliseconds> sleeps_;
};

}  // namespace yuno::testing
