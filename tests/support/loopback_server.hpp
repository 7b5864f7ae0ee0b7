// A small HTTP/1.1 test server on 127.0.0.1 (plain or TLS), scripted per request, for
// transport tests: keep-alive, silent or closing peers, drip-fed and oversized replies.
// Test-only code.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yuno::test_support {

/// Header list in wire order, names as written.
using Headers = std::vector<std::pair<std::string, std::string>>;

/// One request as the server parsed it.
struct ReceivedRequest {
  std::string method;
  std::string target;   ///< as sent: "/v1/x?y=1", or absolute-form through a proxy
  std::string version;  ///< "HTTP/1.1"
  Headers headers;
  std::string body;
  std::size_t connection_id = 0;  ///< 1-based, in accept order

  /// First header named `name` (case-insensitive).
  std::optional<std::string> header(std::string_view name) const;
};

/// What the server does with one request.
struct Reply {
  enum class Action {
    kRespond,      ///< write the response described below
    kNeverAnswer,  ///< stay silent, connection open, until the client leaves or the server stops
    kClose,        ///< close the connection without answering
    kReset,        ///< abort the connection (TCP RST) without answering
    kRaw,          ///< write `raw` verbatim, then keep serving (or close if close_after)
  };
  enum class Framing {
    kContentLength,  ///< a Content-Length header (unless `headers` already has one)
    kChunked,        ///< Transfer-Encoding: chunked
    kUntilClose,     ///< no length: the body ends when the server closes the connection
  };

  Action action = Action::kRespond;
  int status = 200;
  std::string reason;  ///< empty: a standard phrase
  Headers headers;
  std::string body;
  Framing framing = Framing::kContentLength;
  std::string preamble;  ///< bytes written before the response, e.g. an interim "100 Continue"
  std::string raw;       ///< kRaw only
  bool close_after = false;  ///< send "Connection: close" and close after the reply
  /// Drip-feed: write at most this many bytes at a time (0: all at once), pausing between.
  std::size_t write_chunk = 0;
  std::chrono::milliseconds write_pause{0};

  static Reply respond(int status, std::string body = {}, Headers headers = {});
  static Reply never_answer();
  static Reply close_connection();
  static Reply reset_connection();
  static Reply raw_bytes(std::string bytes, bool close_after = false);
};

/// A PEM certificate (chain) and its PEM private key.
struct TlsIdentity {
  std::string cert_pem;
  std::string key_pem;

  static TlsIdentity from_files(const std::filesystem::path& cert_pem_path,
                                const std::filesystem::path& key_pem_path);
};

struct LoopbackServerOptions {
  std::optional<TlsIdentity> tls;  ///< set: the server speaks HTTPS
  /// A request whose head or body is larger than this closes the connection.
  std::size_t max_request_bytes = 64 * 1024 * 1024;
};

/// Listens on 127.0.0.1 on a free port from construction until stop() or destruction. One
/// thread accepts; each connection has its own thread. Connections are keep-alive unless
/// the client or the reply says otherwise.
class LoopbackServer {
 public:
  /// Called on a server thread, possibly on several at once: it must be thread-safe.
  /// An exception from it closes the connection.
  using Handler = std::function<Reply(const ReceivedRequest&)>;

  /// Throws std::runtime_error if the socket or TLS setup fails.
  explicit LoopbackServer(Handler handler, LoopbackServerOptions options = {});
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  std::uint16_t port() const;
  /// "http://127.0.0.1:PORT" or "https://127.0.0.1:PORT".
  std::string base_url() const;
  /// base_url() + path_and_query, e.g. url("/v1/x?y=1").
  std::string url(std::string_view path_and_query) const;

  /// TCP connections accepted so far (counted before any TLS handshake).
  std::size_t connections_accepted() const;
  /// TLS handshakes completed so far (HTTPS only), and how many of them resumed an earlier
  /// session (an abbreviated handshake: no certificate exchange).
  std::size_t tls_handshakes() const;
  std::size_t tls_sessions_resumed() const;
  /// Complete requests parsed so far (counted before the handler runs).
  std::size_t requests_received() const;
  /// Copies of every request so far, in arrival order.
  std::vector<ReceivedRequest> requests() const;

  /// Stops listening, wakes and closes every connection, joins every thread. Idempotent;
  /// prompt even while clients are connected and waiting.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// A fresh self-signed certificate (EC P-256) for 127.0.0.1 and localhost (subjectAltName
/// IP:127.0.0.1, DNS:localhost), with its PEM files in a private temp directory removed on
/// destruction. cert_path() doubles as the CA bundle that trusts it.
class SelfSignedCert {
 public:
  /// Throws std::runtime_error on failure.
  static SelfSignedCert generate();

  SelfSignedCert(SelfSignedCert&& other) noexcept;
  SelfSignedCert& operator=(SelfSignedCert&& other) noexcept;
  SelfSignedCert(const SelfSignedCert&) = delete;
  SelfSignedCert& operator=(const SelfSignedCert&) = delete;
  ~SelfSignedCert();

  const TlsIdentity& identity() const { return identity_; }
  const std::filesystem::path& cert_path() const { return cert_path_; }
  const std::filesystem::path& key_path() const { return key_path_; }

 private:
  SelfSignedCert() = default;
  TlsIdentity identity_;
  std::filesystem::path dir_;
  std::filesystem::path cert_path_;
  std::filesystem::path key_path_;
};

/// A 127.0.0.1 port nothing listens on (bound, then released), for connection-refused tests.
std::uint16_t unused_loopback_port();

}  // namespace yuno::test_support
