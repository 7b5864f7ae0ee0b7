// The one seam between the SDK and the network: replace it to route requests through
// your own HTTP stack, or use yuno::testing::MockTransport in tests.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace yuno {

/// Header list in send order. Names are compared case-insensitively.
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

/// The value of the first header named `name` (case-insensitive), if any.
std::optional<std::string> find_header(const HttpHeaders& headers, std::string_view name);

/// One HTTP request, fully built by the client (URL encoded, headers validated).
struct HttpRequest {
  std::string method;  ///< "GET", "POST", "PATCH", "DELETE" (any token method is allowed)
  std::string url;     ///< absolute URL, e.g. "https://api-sandbox.y.uno/v1/customers"
  HttpHeaders headers;
  std::string body;    ///< empty for requests without a body
  std::chrono::milliseconds connect_timeout{10'000};
  /// Time allowed for the whole exchange (connect, send, wait, receive).
  std::chrono::milliseconds timeout{75'000};
};

/// An HTTP response of any status: 4xx and 5xx are responses, not failures.
struct HttpResponse {
  int status_code = 0;
  HttpHeaders headers;  ///< names as received
  std::string body;

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
  TransportErrorKind kind = TransportErrorKind::kOther;
  bool may_have_reached_server = true;
  /// Detail for logs and exceptions (e.g. "api.y.uno:443: Connection reset by peer"); the
  /// kind is named by the client. Must not contain headers, bodies or the query string.
  std::string message;
};

/// Either a response or a transport failure.
using TransportResult = std::variant<HttpResponse, TransportError>;

/// Sends one HTTP request. Implementations must be safe to call from many threads at once,
/// must honour the request's timeouts and must not follow redirects.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual TransportResult send(const HttpRequest& request) = 0;
};

}  // namespace yuno
