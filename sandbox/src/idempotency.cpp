#include "idempotency.hpp"

namespace yuno::sandbox {

IdempotencyStore::IdempotencyStore(std::chrono::seconds time_to_live)
    : time_to_live_(time_to_live) {}

IdempotencyStore::Begin IdempotencyStore::begin(const std::string& key) {
  const auto now = Clock::now();
  std::lock_guard<std::mutex> lock(mutex_);
  if (++writes_since_purge_ >= 1024) purge_expired(now);
  auto it = records_.find(key);
  if (it != records_.end() && it->second.expires <= now) {
    records_.erase(it);
    it = records_.end();
  }
  Begin result;
  if (it == records_.end()) {
    Record record;
    record.expires = now + time_to_live_;
    records_.emplace(key, std::move(record));
    result.state = State::kStarted;
    return result;
  }
  result.state = it->second.state;
  if (it->second.state == State::kCompleted) {
    result.response.status = it->second.status;
    result.response.body = it->second.body;
    result.response.headers = it->second.headers;
  }
  return result;
}

void IdempotencyStore::finish(const std::string& key, const ApiResponse& response,
                              bool created) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = records_.find(key);
  if (it == records_.end()) return;  // cleared by a reset meanwhile
  Record& record = it->second;
  record.state = created ? State::kCompleted : State::kSpent;
  if (created) {
    record.status = response.status;
    record.body = response.body;
    record.headers = response.headers;
  }
}

void IdempotencyStore::abandon(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  records_.erase(key);
}

void IdempotencyStore::clear() {
  std::lock_guard<std::mutex> lock(mutex_);
  records_.clear();
  writes_since_purge_ = 0;
}

std::size_t IdempotencyStore::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return records_.size();
}

void IdempotencyStore::purge_expired(Clock::time_point now) {
  writes_since_purge_ = 0;
  for (auto it = records_.begin(); it != records_.end();) {
    // Records in progress are never purged: their request is still running.
    if (it->second.expires <= now && it->second.state != State::kInProgress) {
      it = records_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace yuno::sandbox
