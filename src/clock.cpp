#include "yuno/clock.hpp"

#include <random>
#include <thread>

namespace yuno {

Clock::time_point SystemClock::now() { return std::chrono::steady_clock::now(); }

void SystemClock::sleep_for(std::chrono::milliseconds duration) {
  std::this_thread::sleep_for(duration);
}

double SystemClock::random_unit() {
  // Jitter needs spread, not secrecy: a per-thread PRNG seeded once is enough.
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

}  // namespace yuno
