// The engine behind the `*_async` calls: runs CallAttempts over HttpTransport::send_async and
// run_after, bounds the requests in flight, and fails what is pending when the client closes.
#pragma once

#include <cstddef>
#include <memory>

#include "internal/client_core.hpp"

namespace yuno::internal {

struct AsyncShared;

/// Owned by one ClientCore. Thread-safe. Steps (observer, logging, judging, parsing) run on
/// whichever thread the transport completes on: CurlTransport's curl_multi thread, the
/// default send_async's worker, or the calling thread for a transport that answers at once.
class AsyncEngine {
 public:
  AsyncEngine(const ClientCore& core, HttpTransport& transport, Clock& clock,
              std::size_t max_in_flight);
  ~AsyncEngine();
  AsyncEngine(const AsyncEngine&) = delete;
  AsyncEngine& operator=(const AsyncEngine&) = delete;

  /// Builds the request on this thread, then sends it (or queues it behind max_in_flight).
  /// Errors, InvalidArgumentError included, go to `completion`.
  void start(ApiCall&& call, const RequestOptions& options,
             std::unique_ptr<AsyncCompletion> completion);

  /// Fails every pending call with ClientClosedError, after waiting for the steps running on
  /// other threads (they are short: no step ever waits for the network or a timer). Later
  /// completions from the transport and timers find the engine closed and do nothing.
  /// Idempotent. Must not be called from a step (an observer or logger).
  void close();

 private:
  std::shared_ptr<AsyncShared> shared_;
};

}  // namespace yuno::internal
