// The servers the end-to-end benchmark talks to, each a child process it starts and
// stops itself: nginx (canned JSON over HTTP and HTTPS), a 50 ms delay server, and
// yuno-sandbox. Plus what they need: a private temp dir and a CA made on the fly.
//
// Children are stopped by their owners' destructors, by the first SIGINT/SIGTERM/SIGHUP
// (install_signal_handlers), and by the kernel if this process dies (PR_SET_PDEATHSIG).
// Not thread-safe: set up and torn down from the main thread.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <string>

namespace bench {

/// Set by the first SIGINT/SIGTERM/SIGHUP; benchmark loops stop when they see it.
extern std::atomic<bool> g_interrupted;

/// First signal: stops every child, sets g_interrupted (the run unwinds and cleans up).
/// Second signal: kills the children and exits at once. Also ignores SIGPIPE.
void install_signal_handlers();

/// A directory under $TMPDIR (or /tmp), removed with its content on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);

/// Writes `dir`/ca.pem, `dir`/server.pem and `dir`/server.key (ECDSA P-256, SAN 127.0.0.1 and
/// localhost), and `dir`/ca-bundle.pem: `system_bundle` (if readable) followed by ca.pem, so
/// that clients load a realistic CA file (the naive loop's cost is mostly loading it).
/// Returns false when the system bundle was missing (then the bundle holds ca.pem only).
bool make_tls_files(const std::string& dir, const std::string& system_bundle);

/// Connections a server accepted, to attribute to one benchmark row.
struct ConnectionCount {
  long opened = -1;           ///< -1: not known for this server
  long full_handshakes = -1;  ///< TLS only: handshakes without session resumption
  long resumed = -1;          ///< TLS only: resumed sessions
};

/// nginx from Debian (/usr/sbin/nginx), one worker, as the current user, with its prefix,
/// config, pid file and logs in `dir`. Serves `body` (a payment's JSON) for
/// POST /v1/payments and GET /v1/payments/{id}, over HTTP and HTTPS (HTTP/1.1, keep-alive).
/// New connections are counted from a log line nginx writes for the first request of each
/// connection ($connection_requests = 1), with $ssl_session_reused for TLS.
class Nginx {
 public:
  Nginx(std::string binary, std::string dir, std::string config_template, const std::string& body);
  ~Nginx();
  Nginx(const Nginx&) = delete;
  Nginx& operator=(const Nginx&) = delete;

  /// Starts and waits until both ports accept connections; throws std::runtime_error with
  /// the tail of nginx's error log otherwise.
  void start();
  void stop() noexcept;

  int http_port() const { return http_port_; }
  int https_port() const { return https_port_; }
  /// "nginx/1.22.1"
  std::string version() const;

  /// Answers GET `path` (e.g. "/v1/payments/ID") with `body` from now on, instead of the
  /// canned payment.
  void add_answer(const std::string& path, const std::string& body) const;

  /// Position in the connection log; pass it to connections_since() after the row.
  std::int64_t mark() const;
  ConnectionCount connections_since(std::int64_t mark, bool tls) const;

 private:
  bool try_start();
  std::string binary_;
  std::string dir_;
  std::string config_template_;
  pid_t pid_ = -1;
  int http_port_ = 0;
  int https_port_ = 0;
};

/// A tiny HTTP/1.1 keep-alive server (epoll, one thread, a forked child process) that answers
/// every request with `body` after `delay_ms`, without blocking other connections meanwhile:
/// what a real API's latency looks like to a client with many requests in flight. nginx has
/// no built-in delay, so it is here, in ~150 lines, rather than a module to install.
/// Construct it before any other thread exists (it forks without exec).
class DelayServer {
 public:
  DelayServer(int delay_ms, const std::string& body);
  ~DelayServer();
  DelayServer(const DelayServer&) = delete;
  DelayServer& operator=(const DelayServer&) = delete;

  int port() const { return port_; }
  int delay_ms() const { return delay_ms_; }
  /// Connections accepted so far.
  long accepted() const;
  void stop() noexcept;

 private:
  struct Shared;
  int delay_ms_;
  int port_ = 0;
  pid_t pid_ = -1;
  Shared* shared_ = nullptr;
};

/// yuno-sandbox's public demo credentials (docs/sandbox.md): the benchmark uses them for
/// every server, so that the SDK sends the same headers everywhere.
inline constexpr const char* kSandboxPublicKey = "sandbox_yuno_cpp_demo_public_key";
inline constexpr const char* kSandboxSecretKey = "yuno_cpp_demo_private_secret_key";
inline constexpr const char* kSandboxAccountId = "8b2f1c3e-5d4a-4e6b-9c7d-0a1b2c3d4e5f";

/// yuno-sandbox (the project's emulator) on a free port, HTTP, with the demo keys above.
class Sandbox {
 public:
  Sandbox(std::string binary, const std::string& log_path, int threads);
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;
  /// "http://127.0.0.1:PORT"
  const std::string& base_url() const { return base_url_; }
  void stop() noexcept;

 private:
  pid_t pid_ = -1;
  std::string base_url_;
};

/// Current and peak resident set size of this process, in KiB.
long current_rss_kib();
long peak_rss_kib();

}  // namespace bench
