#include "yuno/testing/fake_clock.hpp"

namespace yuno::testing {

Clock::time_point FakeClock::now() {
  std::lock_guard<std::mutex> lock(mutex_);
  return now_;
}

void FakeClock::sleep_for(std::chrono::milliseconds duration) {
  std::lock_guard<std::mutex> lock(mutex_);
  sleeps_.push_back(duration);
  now_ += duration;
}

std::chrono::milliseconds FakeClock::begin_async_wait(std::chrono::milliseconds duration) {
  sleep_for(duration);
  return std::chrono::milliseconds::zero();
}

double FakeClock::random_unit() {
  std::lock_guard<std::mutex> lock(mutex_);
  return random_;
}

void FakeClock::advance(std::chrono::milliseconds duration) {
  std::lock_guard<std::mutex> lock(mutex_);
  now_ += duration;
}

void FakeClock::set_random(double value) {
  std::lock_guard<std::mutex> lock(mutex_);
  random_ = value;
}

std::vector<std::chrono::milliseconds> FakeClock::sleeps() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return sleeps_;
}

}  // namespace yuno::testing
