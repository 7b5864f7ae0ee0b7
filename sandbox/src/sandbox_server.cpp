#include "sandbox_server.hpp"

#include <csignal>
#include <stdexcept>
#include <utility>

#include "http_server.hpp"
#include "sandbox_app.hpp"

namespace yuno::sandbox {

struct SandboxServer::Impl {
  explicit Impl(SandboxOptions given)
      : options(std::move(given)),
        faults(options.faults),
        webhooks(options.webhooks),
        app(AppSettings{options.public_api_key, options.private_secret_key, options.account_id,
                        options.processing_delay},
            faults, webhooks) {}

  SandboxOptions options;
  FaultInjector faults;
  WebhookDispatcher webhooks;
  SandboxApp app;
  std::unique_ptr<http::Server> server;
  int port = -1;
};

SandboxServer::SandboxServer(SandboxOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

SandboxServer::~SandboxServer() { stop(); }

int SandboxServer::start() {
  Impl& impl = *impl_;
  if (impl.server) throw std::logic_error("SandboxServer::start: already started");
  const SandboxOptions& options = impl.options;
  if (options.threads < 1) throw std::invalid_argument("threads must be at least 1");
  if (options.port < 0 || options.port > 65535) {
    throw std::invalid_argument("port must be between 0 and 65535");
  }
  if (options.public_api_key.empty() || options.private_secret_key.empty()) {
    throw std::invalid_argument("the API keys must not be empty");
  }
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    throw std::invalid_argument("TLS needs both a certificate file and a key file");
  }

  // Webhook deliveries (cpp-httplib's client) and TLS writes may hit a socket the peer has
  // closed: that must fail with EPIPE, not kill the process.
  if (std::signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
    throw std::runtime_error("cannot ignore SIGPIPE");
  }
  http::ServerSettings settings;
  settings.host = options.host;
  settings.port = options.port;
  settings.threads = options.threads;
  settings.limits.max_body = options.max_body_bytes;
  settings.tls_cert_file = options.tls_cert_file;
  settings.tls_key_file = options.tls_key_file;
  SandboxApp& app = impl.app;
  auto server = std::make_unique<http::Server>(
      std::move(settings), [&app](ApiRequest& request) { return app.handle(request); });
  impl.port = server->start();
  impl.server = std::move(server);
  return impl.port;
}

void SandboxServer::stop() {
  Impl& impl = *impl_;
  if (!impl.server) return;
  impl.server->stop();
  impl.server.reset();
}

bool SandboxServer::running() const { return impl_->server && impl_->server->running(); }

int SandboxServer::port() const { return impl_->port; }

std::string SandboxServer::base_url() const {
  std::string host = impl_->options.host;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";  // IPv6
  return std::string(!impl_->options.tls_cert_file.empty() ? "https://" : "http://") + host + ":" + std::to_string(impl_->port);
}

const SandboxOptions& SandboxServer::options() const { return impl_->options; }

SandboxApp& SandboxServer::app() { return impl_->app; }

FaultInjector& SandboxServer::faults() { return impl_->faults; }

WebhookDispatcher& SandboxServer::webhooks() { return impl_->webhooks; }

}  // namespace yuno::sandbox
