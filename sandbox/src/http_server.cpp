#include "http_server.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <list>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace yuno::sandbox::http {
namespace {

constexpr std::size_t kReadChunk = 16 * 1024;

std::string address_text(const sockaddr_storage& address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof(text));
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof(text));
  }
  return text;
}

void set_timeouts(int fd, std::chrono::milliseconds timeout) {
  timeval value{};
  value.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  value.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, sizeof(value));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, sizeof(value));
}

// One accepted socket and, over HTTPS, its TLS session. Reads and writes block (bounded by
// the socket timeouts); any failure ends the connection.
class Connection {
 public:
  Connection(int fd, SSL* ssl) : fd_(fd), ssl_(ssl) {}
  ~Connection() {
    if (ssl_ != nullptr) {
      SSL_shutdown(ssl_);  // best effort close_notify; the peer may be gone
      SSL_free(ssl_);
    }
    close(fd_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Bytes read (> 0), or 0 on close, timeout or error.
  std::size_t read(char* data, std::size_t size) {
    if (ssl_ != nullptr) {
      const int n = SSL_read(ssl_, data, static_cast<int>(size));
      if (n <= 0) ERR_clear_error();
      return n > 0 ? static_cast<std::size_t>(n) : 0;
    }
    for (;;) {
      const ssize_t n = recv(fd_, data, size, 0);
      if (n < 0 && errno == EINTR) continue;
      return n > 0 ? static_cast<std::size_t>(n) : 0;
    }
  }

  /// Before closing with a request possibly unread (a refusal): closing a socket whose
  /// receive queue holds data sends a reset, which can destroy the answer before the
  /// client reads it. Half-close, then drop what the client still sends, up to 1 MiB or
  /// one quiet second.
  void linger() {
    if (ssl_ != nullptr) return;  // TLS: close_notify in the destructor is what we can do
    if (shutdown(fd_, SHUT_WR) != 0) return;
    timeval second{1, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &second, sizeof(second));
    char sink[kReadChunk];
    for (std::size_t dropped = 0; dropped < 1024 * 1024;) {
      const ssize_t n = recv(fd_, sink, sizeof(sink), 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      dropped += static_cast<std::size_t>(n);
    }
  }

  bool write_all(std::string_view data) {
    while (!data.empty()) {
      if (ssl_ != nullptr) {
        const int n = SSL_write(ssl_, data.data(), static_cast<int>(data.size()));
        if (n <= 0) {
          ERR_clear_error();
          return false;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
        continue;
      }
      // MSG_NOSIGNAL: a peer that has gone is an error here, not a SIGPIPE.
      const ssize_t n = send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

 private:
  int fd_;
  SSL* ssl_;
};

struct Accepted {
  int fd;
  std::string remote_addr;
};

// A connection being served, as stop() sees it: idle ones are shut down at once.
struct Tracked {
  int fd;
  bool idle;
};

}  // namespace

struct Server::Impl {
  Impl(ServerSettings given, Handler given_handler)
      : settings(std::move(given)), handler(std::move(given_handler)) {}
  ~Impl() {
    if (tls_context != nullptr) SSL_CTX_free(tls_context);
  }

  void accept_loop();
  void worker_loop();
  void serve(Accepted accepted);
  /// Appends what the peer sends next to `in`; false when the connection must end.
  bool read_more(Connection& connection, Tracked& tracked, std::string& in);
  void set_idle(Tracked& tracked, bool idle);
  bool answer(Connection& connection, const ApiResponse& response, bool close, bool head_only,
              std::string& out);
  /// Answers a request it will not serve with the Yuno error body, then closes.
  void refuse(Connection& connection, int status, const std::string& message, std::string& out);

  const ServerSettings settings;
  const Handler handler;
  SSL_CTX* tls_context = nullptr;
  int listen_fd = -1;
  std::atomic<bool> stopping{false};
  std::atomic<bool> accepting{false};
  std::thread acceptor;
  std::vector<std::thread> workers;

  std::mutex mutex;  // guards the two below
  std::condition_variable work_ready;
  std::deque<Accepted> queue;
  std::list<Tracked> connections;
};

void Server::Impl::accept_loop() {
  for (;;) {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    const int fd = accept4(listen_fd, reinterpret_cast<sockaddr*>(&address), &length,
                           SOCK_CLOEXEC);
    if (stopping) {
      if (fd >= 0) close(fd);
      break;
    }
    if (fd < 0) {
      // Out of descriptors (EMFILE/ENFILE) or a connection reset while queued: keep going,
      // without spinning.
      if (errno != EINTR && errno != ECONNABORTED) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      continue;
    }
    const int yes = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
    set_timeouts(fd, settings.idle_timeout);
    {
      std::lock_guard<std::mutex> lock(mutex);
      queue.push_back(Accepted{fd, address_text(address)});
    }
    work_ready.notify_one();
  }
  accepting = false;
}

void Server::Impl::worker_loop() {
  for (;;) {
    Accepted next;
    {
      std::unique_lock<std::mutex> lock(mutex);
      work_ready.wait(lock, [this] { return stopping || !queue.empty(); });
      if (stopping) return;  // stop() closes what is still queued
      next = std::move(queue.front());
      queue.pop_front();
    }
    serve(std::move(next));
  }
}

void Server::Impl::set_idle(Tracked& tracked, bool idle) {
  std::lock_guard<std::mutex> lock(mutex);
  tracked.idle = idle;
}

bool Server::Impl::read_more(Connection& connection, Tracked& tracked, std::string& in) {
  // Waiting for a new request, the connection is idle: stop() may shut it down.
  // (Stray CR/LF after a request, which some clients send, do not start the next one.)
  const bool between_requests = in.find_first_not_of("\r\n") == std::string::npos;
  if (between_requests) {
    std::lock_guard<std::mutex> lock(mutex);
    if (stopping) return false;
    tracked.idle = true;
  }
  char chunk[kReadChunk];
  const std::size_t n = connection.read(chunk, sizeof(chunk));
  if (between_requests) set_idle(tracked, false);
  if (n == 0 || (between_requests && stopping)) return false;
  in.append(chunk, n);
  return true;
}

bool Server::Impl::answer(Connection& connection, const ApiResponse& response, bool close,
                          bool head_only, std::string& out) {
  out.clear();
  write_response(response, close, head_only, out);
  return connection.write_all(out) && !close;
}

void Server::Impl::refuse(Connection& connection, int status, const std::string& message,
                          std::string& out) {
  // A failed write changes nothing: the connection closes either way.
  answer(connection, error_response(status, "INVALID_REQUEST", message), true, false, out);
  connection.linger();
}

void Server::Impl::serve(Accepted accepted) {
  SSL* ssl = nullptr;
  if (tls_context != nullptr) {
    ssl = SSL_new(tls_context);
    if (ssl == nullptr || SSL_set_fd(ssl, accepted.fd) != 1) {
      if (ssl != nullptr) SSL_free(ssl);
      ERR_clear_error();
      close(accepted.fd);
      return;
    }
  }
  Connection connection(accepted.fd, ssl);
  // Tracked from the start, idle until a request arrives: stop() also ends a client that
  // connected but never completed its TLS handshake.
  std::list<Tracked>::iterator tracked;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (stopping) return;
    tracked = connections.insert(connections.end(), Tracked{accepted.fd, true});
  }
  // Declared after `connection`, so destroyed before it: the descriptor leaves the list
  // before it is closed, and stop() never shuts down a reused number.
  struct Untrack {
    Impl& impl;
    std::list<Tracked>::iterator it;
    ~Untrack() {
      std::lock_guard<std::mutex> lock(impl.mutex);
      impl.connections.erase(it);
    }
  } untrack{*this, tracked};
  if (ssl != nullptr && SSL_accept(ssl) != 1) {
    ERR_clear_error();
    return;
  }

  const Limits& limits = settings.limits;
  std::string in;
  std::string out;
  RequestHead head;
  ApiRequest request;
  for (;;) {
    std::size_t head_size = 0;
    Refusal refusal;
    Parse state;
    while ((state = parse_request_head(in, limits, head, head_size, refusal)) == Parse::kIncomplete) {
      if (!read_more(connection, *tracked, in)) return;
    }
    if (state == Parse::kRefused) {
      // Where this request ends is unknown: answer and close.
      refuse(connection, refusal.status, refusal.message, out);
      return;
    }

    // The body. A client waiting for "100 Continue" (curl does for large bodies) is told
    // to go on only once the head is accepted.
    const bool body_pending = head.body != RequestHead::Body::kNone && in.size() == head_size;
    if (head.expect_continue && body_pending &&
        !connection.write_all("HTTP/1.1 100 Continue\r\n\r\n")) {
      return;
    }
    std::size_t request_size = head_size;
    request.body.clear();
    if (head.body == RequestHead::Body::kLength) {
      while (in.size() - head_size < head.content_length) {
        if (!read_more(connection, *tracked, in)) return;
      }
      request.body.assign(in, head_size, head.content_length);
      request_size += head.content_length;
    } else if (head.body == RequestHead::Body::kChunked) {
      std::size_t encoded_size = 0;
      while ((state = decode_chunked(std::string_view(in).substr(head_size), limits.max_body,
                                     request.body, encoded_size, refusal)) == Parse::kIncomplete) {
        if (!read_more(connection, *tracked, in)) return;
      }
      if (state == Parse::kRefused) {
        refuse(connection, refusal.status, refusal.message, out);
        return;
      }
      request_size += encoded_size;
    }
    in.erase(0, request_size);  // usually everything; pipelined requests stay

    request.method = std::move(head.method);
    request.headers = std::move(head.headers);
    request.remote_addr = accepted.remote_addr;
    if (!decode_target(head.target, request.path, request.query)) {
      refuse(connection, 400, "Malformed request target", out);
      return;
    }

    ApiResponse response;
    try {
      response = handler(request);
    } catch (...) {
      response = error_response(500, "INTERNAL_ERROR", "Internal error");
    }
    if (response.drop_connection) {
      // Fault injection: the head of an answer, then the connection closes mid-body. The
      // client sees a broken transfer; the status says 500, so that even a client lenient
      // about truncated bodies never reads a success.
      connection.write_all(
          "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
          "Transfer-Encoding: chunked\r\n\r\n");
      return;
    }
    const bool close = !head.keep_alive || stopping;
    if (!answer(connection, response, close, request.method == "HEAD", out)) return;
  }
}

Server::Server(ServerSettings settings, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(handler))) {}

Server::~Server() { stop(); }

int Server::start() {
  Impl& impl = *impl_;
  if (impl.listen_fd >= 0) throw std::logic_error("http::Server::start: already started");
  const ServerSettings& settings = impl.settings;
  if (settings.threads < 1) throw std::invalid_argument("threads must be at least 1");

  if (!settings.tls_cert_file.empty()) {
    SSL_CTX* context = SSL_CTX_new(TLS_server_method());
    const bool loaded =
        context != nullptr && SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) == 1 &&
        SSL_CTX_use_certificate_chain_file(context, settings.tls_cert_file.c_str()) == 1 &&
        SSL_CTX_use_PrivateKey_file(context, settings.tls_key_file.c_str(), SSL_FILETYPE_PEM) ==
            1 &&
        SSL_CTX_check_private_key(context) == 1;
    ERR_clear_error();
    if (!loaded) {
      if (context != nullptr) SSL_CTX_free(context);
      throw std::runtime_error("cannot load the TLS certificate or key file");
    }
    impl.tls_context = context;
  }

  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(settings.port);
  const std::string where = settings.host + ":" + service;
  if (getaddrinfo(settings.host.c_str(), service.c_str(), &hints, &found) != 0) {
    throw std::runtime_error("cannot listen on " + where + ": unknown host");
  }
  int fd = -1;
  for (addrinfo* candidate = found; candidate != nullptr && fd < 0;
       candidate = candidate->ai_next) {
    fd = socket(candidate->ai_family, candidate->ai_socktype | SOCK_CLOEXEC,
                candidate->ai_protocol);
    if (fd < 0) continue;
    // SO_REUSEADDR (not SO_REUSEPORT): quick restarts, and a second server on a port in
    // use fails instead of sharing its connections.
    const int yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    if (bind(fd, candidate->ai_addr, candidate->ai_addrlen) != 0 || listen(fd, SOMAXCONN) != 0) {
      close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(found);
  if (fd < 0) throw std::runtime_error("cannot listen on " + where);

  sockaddr_storage bound{};
  socklen_t length = sizeof(bound);
  getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
  const int port = bound.ss_family == AF_INET6
                       ? ntohs(reinterpret_cast<const sockaddr_in6&>(bound).sin6_port)
                       : ntohs(reinterpret_cast<const sockaddr_in&>(bound).sin_port);

  impl.listen_fd = fd;
  impl.accepting = true;
  for (int i = 0; i < settings.threads; ++i) {
    impl.workers.emplace_back([&impl] { impl.worker_loop(); });
  }
  impl.acceptor = std::thread([&impl] { impl.accept_loop(); });
  return port;
}

void Server::stop() {
  Impl& impl = *impl_;
  if (impl.listen_fd < 0 || impl.stopping.exchange(true)) return;
  // Wakes accept() (Linux answers EINVAL on a listening socket shut down).
  shutdown(impl.listen_fd, SHUT_RDWR);
  if (impl.acceptor.joinable()) impl.acceptor.join();
  {
    std::lock_guard<std::mutex> lock(impl.mutex);
    // Idle connections wake from their read with end-of-file; busy ones finish first.
    for (const Tracked& connection : impl.connections) {
      if (connection.idle) shutdown(connection.fd, SHUT_RD);
    }
    for (const Accepted& waiting : impl.queue) close(waiting.fd);
    impl.queue.clear();
  }
  impl.work_ready.notify_all();
  for (std::thread& worker : impl.workers) worker.join();
  impl.workers.clear();
  close(impl.listen_fd);
}

bool Server::running() const { return impl_->accepting && !impl_->stopping; }


}  // namespace yuno::sandbox::http
