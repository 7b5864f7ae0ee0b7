// The emulator behind the HTTP server: one call per request, independent of the HTTP
// library. For a /v1 request, in order: the fault decision (FaultInjector::next()), the
// credentials (401 INVALID_CREDENTIALS), the route (404 NOT_FOUND / 405
// UNSUPPORTED_METHOD), the idempotency rules, then the endpoint. /_sandbox/ requests go to
// the control API (loopback clients only, no credentials, never faulted).
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "api_handlers.hpp"
#include "api_types.hpp"
#include "faults.hpp"
#include "idempotency.hpp"
#include "payments_engine.hpp"
#include "store.hpp"
#include "webhook_registry.hpp"
#include "webhooks.hpp"

namespace yuno::sandbox {

struct AppSettings {
  std::string public_api_key;
  std::string private_secret_key;
  std::string account_id;
  std::chrono::milliseconds processing_delay{0};
};

class SandboxApp {
 public:
  /// `faults` and `webhooks` must outlive the app.
  SandboxApp(AppSettings settings, FaultInjector& faults, WebhookDispatcher& webhooks);
  SandboxApp(const SandboxApp&) = delete;
  SandboxApp& operator=(const SandboxApp&) = delete;

  /// Answers one request. Thread-safe; never throws.
  ApiResponse handle(const ApiRequest& request);

  /// Clears every object, the idempotency records and the request and fault counters.
  void reset();

  Store& store() { return store_; }
  IdempotencyStore& idempotency() { return idempotency_; }
  FaultInjector& faults() { return faults_; }
  WebhookDispatcher& webhooks() { return webhooks_; }
  /// Every webhook events go to: the command line's and those created through the API.
  WebhookRegistry& webhook_registry() { return registry_; }
  /// /v1 requests received since the start or the last reset.
  std::uint64_t api_requests() const { return api_requests_.load(); }

 private:
  ApiResponse handle_api(const ApiRequest& request);
  bool authenticated(const ApiRequest& request) const;

  AppSettings settings_;
  ApiConfig config_;
  std::array<unsigned char, 32> public_key_digest_{};
  std::array<unsigned char, 32> secret_key_digest_{};
  FaultInjector& faults_;
  WebhookDispatcher& webhooks_;
  WebhookRegistry registry_;
  Store store_;
  IdempotencyStore idempotency_;
  PaymentsEngine payments_;
  std::atomic<std::uint64_t> api_requests_{0};
};

}  // namespace yuno::sandbox
