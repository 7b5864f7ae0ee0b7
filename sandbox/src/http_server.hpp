// yuno-sandbox's HTTP/1.1 server: blocking sockets, a fixed pool of worker threads, each
// serving one keep-alive connection at a time, optional TLS (OpenSSL).
//
// Why not a library: as a benchmark target the emulator must not be the bottleneck, and
// cpp-httplib 0.11 spends ~11 system calls per request (poll before every read and write,
// getpeername/getsockname, headers and body in separate sends). Here a request costs one
// read and one write in the common case. Parsing lives in http_wire.hpp.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "api_types.hpp"
#include "http_wire.hpp"

namespace yuno::sandbox::http {

struct ServerSettings {
  std::string host = "127.0.0.1";
  int port = 0;     ///< 0: a free port chosen by the system
  int threads = 16; ///< workers; each serves one connection at a time, others wait
  Limits limits;
  /// Both set: HTTPS with this certificate chain and private key (PEM files).
  std::string tls_cert_file;
  std::string tls_key_file;
  /// A connection silent this long (between or inside requests) is closed; a client that
  /// does not read its answer for this long too.
  std::chrono::milliseconds idle_timeout{5000};
};

/// Answers one request. Exceptions become 500 INTERNAL_ERROR.
using Handler = std::function<ApiResponse(ApiRequest&)>;

class Server {
 public:
  Server(ServerSettings settings, Handler handler);
  ~Server();  ///< stop()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds, listens and starts the threads; returns the bound port. Throws
  /// std::runtime_error when the address cannot be bound or the TLS files not loaded.
  /// Plain sockets are written with MSG_NOSIGNAL; OpenSSL's writes are not, so a process
  /// serving HTTPS must ignore SIGPIPE (SandboxServer::start does).
  int start();
  /// Stops accepting, closes idle connections at once, lets the requests being served
  /// finish (their answers say "Connection: close"), and joins the threads. Idempotent.
  void stop();

  bool running() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace yuno::sandbox::http
