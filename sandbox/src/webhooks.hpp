// Webhook delivery for yuno-sandbox: POSTs events to the configured URL the way Yuno does
// (primer: envelope, x-api-key / x-secret, x-hmac-signature), retrying until a 200.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <memory>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace httplib {
class Client;
}

namespace yuno::sandbox {

struct WebhookSettings {
  std::string url;     ///< empty: webhooks off
  std::string secret;  ///< HMAC key; empty: no x-hmac-signature header
  std::string api_key;    ///< sent as x-api-key when set
  std::string x_secret;   ///< sent as x-secret when set
  int max_attempts = 8;   ///< the first delivery plus Yuno's seven retries
  std::chrono::milliseconds initial_backoff{200};  ///< scaled down from Yuno's hours
  double multiplier = 2.0;
  std::chrono::milliseconds timeout{5'000};  ///< per delivery attempt
};

/// Delivery statistics, for the control API and the demo.
struct WebhookStats {
  std::uint64_t published = 0;   ///< events accepted by publish()
  std::uint64_t delivered = 0;   ///< events answered 200
  std::uint64_t attempts = 0;    ///< POSTs made, retries included
  std::uint64_t abandoned = 0;   ///< events that ran out of attempts
  std::uint64_t pending = 0;     ///< events still queued or waiting for a retry
};
void to_json(nlohmann::json& j, const WebhookStats& stats);

/// Delivers on its own thread, in publish order per event. Thread-safe.
class WebhookDispatcher {
 public:
  explicit WebhookDispatcher(WebhookSettings settings = {});
  ~WebhookDispatcher();  ///< stops the worker promptly (pending events are dropped)
  WebhookDispatcher(const WebhookDispatcher&) = delete;
  WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

  /// Queues one event: an envelope with type, type_event, account_id, version and data.
  /// The dispatcher sets "retry" (0 for the first delivery, then 1, 2, ...) on each attempt
  /// and signs the exact bytes it sends. Ignored when no URL is configured.
  void publish(nlohmann::json envelope);
  void configure(const WebhookSettings& settings);
  WebhookSettings settings() const;
  WebhookStats stats() const;
  /// Waits until nothing is pending or the timeout passes; true when nothing is pending.
  bool wait_idle(std::chrono::milliseconds timeout);

  /// base64(HMAC-SHA256(secret, body)): the x-hmac-signature of `body`.
  static std::string sign(const std::string& body, const std::string& secret);

 private:
  // Implementation is free to change; keep the public interface above.
  struct Pending;
  void run();
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  WebhookSettings settings_;
  WebhookStats stats_;
  std::deque<nlohmann::json> queue_;      ///< first attempts, in publish order
  std::vector<Pending> retries_;          ///< failed once or more, each with its due time
  std::shared_ptr<httplib::Client> in_flight_;  ///< the attempt under way, for stop()
  bool stopping_ = false;
  bool worker_done_ = false;
  std::thread worker_;
};

}  // namespace yuno::sandbox
