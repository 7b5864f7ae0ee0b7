// yuno-sandbox as an embeddable server: a local, stateful emulator of the Yuno API.
//
//   yuno::sandbox::SandboxOptions options;
//   options.port = 0;                       // any free port
//   yuno::sandbox::SandboxServer server(options);
//   const int port = server.start();        // listening when it returns
//   ... point the SDK at server.base_url() with the options' keys ...
//   server.stop();                          // also done by the destructor
//
// The HTTP server itself is http_server.hpp; the emulator is SandboxApp.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "faults.hpp"
#include "webhooks.hpp"

namespace yuno::sandbox {

class SandboxApp;

/// The documented demo credentials, used when neither flags nor YUNO_* variables give any.
inline constexpr const char* kDemoPublicApiKey = "sandbox_yuno_cpp_demo_public_key";
inline constexpr const char* kDemoPrivateSecretKey = "yuno_cpp_demo_private_secret_key";
inline constexpr const char* kDemoAccountId = "8b2f1c3e-5d4a-4e6b-9c7d-0a1b2c3d4e5f";

struct SandboxOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  ///< 0: a free port chosen by the system
  std::string public_api_key = kDemoPublicApiKey;
  std::string private_secret_key = kDemoPrivateSecretKey;
  std::string account_id = kDemoAccountId;
  /// Both set: HTTPS with this certificate chain and private key (PEM files).
  std::string tls_cert_file;
  std::string tls_key_file;
  int threads = 16;  ///< worker threads (each serves one connection at a time)
  /// Payment create/capture/cancel/refund take this long (outside any lock), so that a
  /// concurrent replay of the same idempotency key sees REQUEST_IN_PROCESS.
  std::chrono::milliseconds processing_delay{0};
  std::size_t max_body_bytes = 1024 * 1024;  ///< larger request bodies get 413
  FaultSettings faults;
  WebhookSettings webhooks;
};

class SandboxServer {
 public:
  /// Validates nothing yet; start() does.
  explicit SandboxServer(SandboxOptions options);
  ~SandboxServer();  ///< stop()
  SandboxServer(const SandboxServer&) = delete;
  SandboxServer& operator=(const SandboxServer&) = delete;

  /// Binds and starts serving on background threads; returns the bound port. Throws
  /// std::runtime_error when the address cannot be bound or the TLS files cannot be
  /// loaded, std::invalid_argument for invalid options. Ignores SIGPIPE process-wide
  /// (TLS and webhook deliveries write to sockets the peer may have closed).
  int start();
  /// Stops accepting, closes idle keep-alive connections at once, lets the requests in
  /// progress finish, and joins the threads. Idempotent.
  void stop();

  bool running() const;
  int port() const;              ///< the bound port, or -1 before start()
  std::string base_url() const;  ///< "http://127.0.0.1:PORT" (https:// with TLS)

  const SandboxOptions& options() const;
  SandboxApp& app();
  FaultInjector& faults();
  WebhookDispatcher& webhooks();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace yuno::sandbox
