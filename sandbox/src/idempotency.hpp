// Yuno's idempotency rules for writes carrying X-Idempotency-Key (see the primer):
// - the first request with a key runs; its response is kept if it created something;
// - a replay after that gets the original status and body, byte for byte;
// - a replay while the first still runs gets REQUEST_IN_PROCESS;
// - a replay after the first failed (nothing created) gets IDEMPOTENCY_DUPLICATED;
// - a request rejected before processing (credentials, faults) never reaches this store.
// Keys are scoped by the caller (per account) and expire after a time to live. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "api_types.hpp"

namespace yuno::sandbox {

class IdempotencyStore {
 public:
  enum class State { kStarted, kInProgress, kCompleted, kSpent };

  struct Begin {
    State state = State::kStarted;
    ApiResponse response;  ///< kCompleted: the original response
  };

  explicit IdempotencyStore(std::chrono::seconds time_to_live = std::chrono::hours(24));

  /// Claims `key` for a new request (kStarted), or says how the key was used before.
  Begin begin(const std::string& key);
  /// The request that claimed `key` finished: `created` true keeps its response for
  /// replays, false spends the key.
  void finish(const std::string& key, const ApiResponse& response, bool created);
  /// The request that claimed `key` never really ran (internal failure): forget the key.
  void abandon(const std::string& key);
  void clear();
  std::size_t size() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Record {
    State state = State::kInProgress;
    int status = 0;
    std::string body;
    NameValues headers;
    Clock::time_point expires;
  };
  void purge_expired(Clock::time_point now);  // with the lock held

  mutable std::mutex mutex_;
  std::chrono::seconds time_to_live_;
  std::unordered_map<std::string, Record> records_;
  std::size_t writes_since_purge_ = 0;
};

}  // namespace yuno::sandbox
