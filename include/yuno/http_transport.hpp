/// @file
/// The one seam between the SDK and the network: replace it to route requests through
/// your own HTTP stack, or use yuno::testing::MockTransport in tests.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "yuno/export.hpp"

namespace yuno {

/// Header list in send order. Names are compared case-insensitively.
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

/// The value of the first header named `name` (case-insensitive), if any.
YUNO_API std::optional<std::string> find_header(const HttpHeaders& headers, std::string_view name);

/// One HTTP request, fully built by the client (URL encoded, headers validated).
struct HttpRequest {
  std::string method;  ///< "GET", "POST", "PATCH", "DELETE" (any token method is allowed)
  std::string url;     ///< absolute URL, e.g. "https://api-sandbox.y.uno/v1/customers"
  HttpHeaders headers;  ///< keys, account code, idempotency key, content type, user agent
  std::string body;    ///< empty for requests without a body
  std::chrono::milliseconds connect_timeout{10'000};  ///< time allowed to connect (TCP, TLS)
  /// Time allowed for the whole exchange (connect, send, wait, receive).
  std::chrono::milliseconds timeout{75'000};
};

/// An HTTP response of any status: 4xx and 5xx are responses, not failures.
struct HttpResponse {
  int status_code = 0;  ///< 100 to 599
  HttpHeaders headers;  ///< names as received
  std::string body;     ///< decompressed; empty when the response had none

  /// The first header named `name` (case-insensitive), if any.
  std::optional<std::string> header(std::string_view name) const {
    return find_header(headers, name);
  }
};

/// Why no HTTP response was obtained.
enum class TransportErrorKind {
  kConnectFailed,     ///< DNS, refused, unreachable: the request was never sent
  kTlsHandshake,      ///< TLS failed before the request was sent (never retried if verification)
  kTlsVerification,   ///< the peer's certificate or host name did not verify: never retried
  kTimeout,           ///< the connect or total timeout elapsed
  kConnectionLost,    ///< reset or closed mid-exchange, or an unusable response
  kResponseTooLarge,  ///< the response exceeded the configured size cap
  kOther,             ///< anything else the transport could not do
};

/// A failed exchange. `may_have_reached_server` is what the retry logic needs: false only
/// when the transport is certain no byte of the request was delivered.
struct TransportError {
  TransportErrorKind kind = TransportErrorKind::kOther;  ///< decides whether it is retried
  /// False only when no byte was sent: then even a write is retried without risk.
  bool may_have_reached_server = true;
  /// Detail for logs and exceptions (e.g. "api.y.uno:443: Connection reset by peer"); the
  /// kind is named by the client. Must not contain headers, bodies or the query string.
  std::string message;
};

/// Either a response or a transport failure.
using TransportResult = std::variant<HttpResponse, TransportError>;

/// Receives the outcome of HttpTransport::send_async.
using TransportCallback = std::function<void(TransportResult result)>;

/// Sends HTTP requests. Implementations must be safe to call from many threads at once, must
/// honour the request's timeouts and must not follow redirects.
///
/// The synchronous calls use send(). The asynchronous ones (`*_async`) use send_async() and,
/// for the backoff between attempts, run_after(): a transport with an event loop of its own
/// (CurlTransport: curl_multi on one thread) overrides both, and a transport that only
/// implements send() still works asynchronously through the defaults below.
///
/// Hold transports in a std::shared_ptr (ClientOptions::transport is one): the default
/// send_async() keeps the transport alive while a worker thread runs its send().
class YUNO_API HttpTransport : public std::enable_shared_from_this<HttpTransport> {
 public:
  virtual ~HttpTransport() = default;

  /// Sends one request and blocks until the outcome is known.
  virtual TransportResult send(const HttpRequest& request) = 0;

  /// Starts sending `request` and returns without waiting. `done` is called exactly once
  /// with the outcome: on a thread of the transport, or on the calling thread (even before
  /// send_async returns), and also when the transport is destroyed first (then with a
  /// kOther TransportError). `request` stays valid and unchanged until `done` is called; the
  /// transport must not touch it once `done` has started. If send_async throws, `done` is
  /// not called and nothing was sent.
  ///
  /// The default runs send() on a small pool of worker threads shared by the process (one per
  /// request in flight, created on demand, each ending after some idle seconds), so a
  /// blocking transport gets asynchronous calls without any code; the pool keeps the
  /// transport alive (shared_from_this) until send() returns.
  virtual void send_async(const HttpRequest& request, TransportCallback done);

  /// Calls `task` once, `delay` from now, without blocking any thread meanwhile (the client's
  /// backoff between attempts of an asynchronous call). A transport may drop, without
  /// running them, tasks still waiting when it is destroyed (CurlTransport, which keeps its
  /// timers in its curl_multi loop, does). The default uses one timer thread shared by the
  /// process, and runs every task.
  virtual void run_after(std::chrono::milliseconds delay, std::function<void()> task);
};

}  // namespace yuno
