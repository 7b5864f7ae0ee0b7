#include "sandbox_server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <csignal>
#include <memory>
#include <stdexcept>
#include <thread>
#include <utility>

#include "sandbox_app.hpp"

namespace yuno::sandbox {
namespace {

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

ApiRequest to_api_request(const httplib::Request& from) {
  ApiRequest request;
  request.method = from.method;
  request.path = from.path;
  for (const auto& [name, value] : from.params) request.query.emplace_back(name, value);
  for (const auto& [name, value] : from.headers) request.headers.emplace_back(lower(name), value);
  request.body = from.body;
  request.remote_addr = from.remote_addr;
  return request;
}

void to_httplib_response(const ApiResponse& from, httplib::Response& to) {
  if (from.drop_connection) {
    // cpp-httplib cannot close a connection from a handler: a chunked body whose provider
    // fails at once sends the status line and headers, then closes the socket without the
    // final chunk. The client sees a broken transfer (curl: error 18). The status line says
    // 500, so that even a client lenient about truncated bodies never sees a success.
    to.status = 500;
    to.set_chunked_content_provider("application/json",
                                    [](std::size_t, httplib::DataSink&) { return false; });
    return;
  }
  to.status = from.status;
  for (const auto& [name, value] : from.headers) to.set_header(name, value);
  if (!from.body.empty()) to.set_content(from.body, "application/json");
}

// Answers httplib produces itself (unknown method, oversized body or URI, bad request
// line) get a Yuno error body too.
httplib::Server::HandlerResponse fill_error_body(const httplib::Request&, httplib::Response& res) {
  // Our own answers always have a body, or a content provider (the dropped connections).
  if (!res.body.empty() || res.content_provider_) {
    return httplib::Server::HandlerResponse::Unhandled;
  }
  ApiResponse error;
  switch (res.status) {
    case 404: error = error_response(404, "NOT_FOUND", "Not Found"); break;
    case 405: error = error_response(405, "UNSUPPORTED_METHOD", "Unsupported method"); break;
    case 413: error = error_response(413, "INVALID_REQUEST", "Request body too large"); break;
    case 414: error = error_response(414, "INVALID_REQUEST", "Request URI too long"); break;
    default:
      if (res.status >= 500) {
        error = error_response(res.status, "INTERNAL_ERROR", "Internal error");
      } else {
        error = error_response(res.status, "INVALID_REQUEST", "Invalid request");
      }
  }
  res.set_content(error.body, "application/json");
  return httplib::Server::HandlerResponse::Handled;
}

}  // namespace

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
  std::unique_ptr<httplib::Server> server;
  std::thread listener;
  int port = -1;
  bool tls = false;
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

  std::unique_ptr<httplib::Server> server;
  if (!options.tls_cert_file.empty()) {
    auto tls_server = std::make_unique<httplib::SSLServer>(options.tls_cert_file.c_str(),
                                                           options.tls_key_file.c_str());
    if (!tls_server->is_valid()) {
      throw std::runtime_error("cannot load the TLS certificate or key file");
    }
    server = std::move(tls_server);
    impl.tls = true;
  } else {
    server = std::make_unique<httplib::Server>();
  }

  const int threads = options.threads;
  server->new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<std::size_t>(threads));
  };
  server->set_payload_max_length(options.max_body_bytes);
  server->set_keep_alive_max_count(100000);
  server->set_tcp_nodelay(true);
  // httplib's default is SO_REUSEPORT, which lets a second server bind a port in use and
  // share its connections. SO_REUSEADDR alone: quick restarts, and "port in use" errors.
  server->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  server->set_error_handler(httplib::Server::HandlerWithResponse(&fill_error_body));
  server->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.set_content(error_response(500, "INTERNAL_ERROR", "Internal error").body,
                        "application/json");
      });
  SandboxApp& app = impl.app;
  const httplib::Server::Handler handler = [&app](const httplib::Request& req,
                                                  httplib::Response& res) {
    to_httplib_response(app.handle(to_api_request(req)), res);
  };
  // cpp-httplib answers 400 to a POST/PUT/PATCH without Content-Length or chunked body
  // (e.g. `curl -X POST .../_sandbox/reset`): HTTP/1.1 reads it as an empty body, so
  // answer such requests before the library tries to read one.
  server->set_pre_routing_handler([&app](const httplib::Request& req, httplib::Response& res) {
    // Answers are never compressed: gzip/brotli of a 3 KB payment cost cpp-httplib several
    // ms, which made the emulator 20x slower than its clients (docs/performance.md) for no
    // gain on loopback. Dropping Accept-Encoding is how httplib 0.11 is told (it has no
    // switch); the request object is httplib's own non-const one, so this is well defined.
    const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
    const bool may_have_body = req.method == "POST" || req.method == "PUT" ||
                               req.method == "PATCH" || req.method == "DELETE";
    if (!may_have_body || req.has_header("Content-Length") ||
        req.has_header("Transfer-Encoding")) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    to_httplib_response(app.handle(to_api_request(req)), res);
    return httplib::Server::HandlerResponse::Handled;
  });
  const char* const any = ".*";
  server->Get(any, handler);
  server->Post(any, handler);
  server->Put(any, handler);
  server->Patch(any, handler);
  server->Delete(any, handler);
  server->Options(any, handler);

  // Writes to a socket the client closed must fail with EPIPE, not kill the process.
  if (std::signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
    throw std::runtime_error("cannot ignore SIGPIPE");
  }
  int port = options.port;
  if (port == 0) {
    port = server->bind_to_any_port(options.host);
  } else if (!server->bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    throw std::runtime_error("cannot listen on " + options.host + ":" +
                             std::to_string(options.port));
  }
  httplib::Server* raw = server.get();
  impl.server = std::move(server);
  impl.port = port;
  auto finished = std::make_shared<std::atomic<bool>>(false);
  impl.listener = std::thread([raw, finished] {
    raw->listen_after_bind();
    *finished = true;
  });
  // stop() only works once the accept loop runs: wait for it.
  while (!raw->is_running() && !*finished) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (*finished) {
    stop();
    throw std::runtime_error("the server stopped at once on " + options.host + ":" +
                             std::to_string(port));
  }
  return port;
}

void SandboxServer::stop() {
  Impl& impl = *impl_;
  if (!impl.server) return;
  impl.server->stop();
  if (impl.listener.joinable()) impl.listener.join();
  impl.server.reset();
}

bool SandboxServer::running() const { return impl_->server && impl_->server->is_running(); }

int SandboxServer::port() const { return impl_->port; }

std::string SandboxServer::base_url() const {
  std::string host = impl_->options.host;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";  // IPv6
  return std::string(impl_->tls ? "https://" : "http://") + host + ":" + std::to_string(impl_->port);
}

const SandboxOptions& SandboxServer::options() const { return impl_->options; }

SandboxApp& SandboxServer::app() { return impl_->app; }

FaultInjector& SandboxServer::faults() { return impl_->faults; }

WebhookDispatcher& SandboxServer::webhooks() { return impl_->webhooks; }

}  // namespace yuno::sandbox
