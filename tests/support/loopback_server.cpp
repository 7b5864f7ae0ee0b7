#include "support/loopback_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <list>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace yuno::test_support {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<std::string> find(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return std::nullopt;
}

std::string openssl_error(const char* what) {
  std::string message = what;
  const unsigned long code = ERR_get_error();
  if (code != 0) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    message += ": ";
    message += buf;
  }
  ERR_clear_error();
  return message;
}

std::string sys_error(const char* what) {
  return std::string(what) + ": " + std::strerror(errno);
}

const char* reason_phrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

// Writes to a socket whose peer left must yield EPIPE, not kill the test binary. Blocking
// the signal in server threads only (it is thread-directed) leaves the process untouched.
void block_sigpipe() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

struct SslCtxDeleter {
  void operator()(SSL_CTX* ctx) const noexcept { SSL_CTX_free(ctx); }
};
struct X509Deleter {
  void operator()(X509* x) const noexcept { X509_free(x); }
};
struct PkeyDeleter {
  void operator()(EVP_PKEY* k) const noexcept { EVP_PKEY_free(k); }
};
struct BioDeleter {
  void operator()(BIO* b) const noexcept { BIO_free(b); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

BioPtr mem_bio(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) throw std::runtime_error(openssl_error("BIO_new_mem_buf"));
  return bio;
}

std::unique_ptr<SSL_CTX, SslCtxDeleter> make_server_ctx(const TlsIdentity& identity) {
  std::unique_ptr<SSL_CTX, SslCtxDeleter> ctx(SSL_CTX_new(TLS_server_method()));
  if (!ctx) throw std::runtime_error(openssl_error("SSL_CTX_new"));
  SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
  SSL_CTX_set_mode(ctx.get(), SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);

  auto cert_bio = mem_bio(identity.cert_pem);
  X509Ptr cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
  if (!cert || SSL_CTX_use_certificate(ctx.get(), cert.get()) != 1) {
    throw std::runtime_error(openssl_error("loading the TLS certificate"));
  }
  // Any further certificates in the PEM form the chain.
  for (;;) {
    X509* extra = PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr);
    if (extra == nullptr) break;
    if (SSL_CTX_add0_chain_cert(ctx.get(), extra) != 1) {
      X509_free(extra);
      throw std::runtime_error(openssl_error("adding a chain certificate"));
    }
  }
  ERR_clear_error();  // the end-of-PEM "no start line" error

  auto key_bio = mem_bio(identity.key_pem);
  PkeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  if (!key || SSL_CTX_use_PrivateKey(ctx.get(), key.get()) != 1 ||
      SSL_CTX_check_private_key(ctx.get()) != 1) {
    throw std::runtime_error(openssl_error("loading the TLS private key"));
  }
  return ctx;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

// The read end of the stop pipe: it becomes readable (and stays so) once stop() begins,
// so every poll that includes it wakes up promptly.
struct Waker {
  int fd = -1;

  bool stopping() const {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 0) > 0;
  }

  // Waits until `target` is ready for `events` or the server stops. False: stopping or poll failed.
  bool wait(int target, short events) const {
    for (;;) {
      pollfd fds[2] = {{target, events, 0}, {fd, POLLIN, 0}};
      const int rc = ::poll(fds, 2, -1);
      if (rc < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      if (fds[1].revents != 0) return false;
      if (fds[0].revents != 0) return true;
    }
  }

  // Sleeps up to `d`, returning early (false) if the server stops.
  bool pause(std::chrono::milliseconds d) const {
    if (d.count() <= 0) return !stopping();
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(d.count())) == 0;
  }
};

}  // namespace

std::optional<std::string> ReceivedRequest::header(std::string_view name) const {
  return find(headers, name);
}

Reply Reply::respond(int status, std::string body, Headers headers) {
  Reply reply;
  reply.status = status;
  reply.body = std::move(body);
  reply.headers = std::move(headers);
  return reply;
}

Reply Reply::never_answer() {
  Reply reply;
  reply.action = Action::kNeverAnswer;
  return reply;
}

Reply Reply::close_connection() {
  Reply reply;
  reply.action = Action::kClose;
  return reply;
}

Reply Reply::reset_connection() {
  Reply reply;
  reply.action = Action::kReset;
  return reply;
}

Reply Reply::raw_bytes(std::string bytes, bool close_after) {
  Reply reply;
  reply.action = Action::kRaw;
  reply.raw = std::move(bytes);
  reply.close_after = close_after;
  return reply;
}

TlsIdentity TlsIdentity::from_files(const std::filesystem::path& cert_pem_path,
                                    const std::filesystem::path& key_pem_path) {
  return TlsIdentity{read_file(cert_pem_path), read_file(key_pem_path)};
}

// ---------------------------------------------------------------------------------------

struct LoopbackServer::Impl {
  Handler handler;
  LoopbackServerOptions options;
  std::unique_ptr<SSL_CTX, SslCtxDeleter> ssl_ctx;
  int listen_fd = -1;
  Waker waker;  // owns the stop pipe's read end
  int wake_write = -1;
  std::uint16_t port = 0;

  std::atomic<std::size_t> connections{0};
  std::atomic<std::size_t> handshakes{0};
  std::atomic<std::size_t> resumed{0};
  std::atomic<std::size_t> request_count{0};
  mutable std::mutex requests_mutex;
  std::vector<ReceivedRequest> requests;

  struct Connection {
    std::thread thread;
    std::atomic<bool> done{false};
  };
  std::mutex connections_mutex;
  std::list<std::unique_ptr<Connection>> live;  // touched by the acceptor, then by stop()

  std::thread acceptor;
  std::once_flag stop_once;

  ~Impl() {
    for (int fd : {listen_fd, waker.fd, wake_write}) {
      if (fd >= 0) ::close(fd);
    }
  }

  void accept_loop();
  void serve(int fd, std::size_t id);
};

namespace {

// A non-blocking socket, optionally wrapped in TLS; every wait also watches the stop pipe.
class Stream {
 public:
  Stream(const Waker& server, int fd, SSL* ssl) : server_(server), fd_(fd), ssl_(ssl) {}
  ~Stream() {
    if (ssl_ != nullptr) SSL_free(ssl_);
    if (fd_ >= 0) ::close(fd_);
  }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  bool handshake() {
    for (;;) {
      ERR_clear_error();
      const int rc = SSL_accept(ssl_);
      if (rc == 1) return true;
      if (!wait_for(SSL_get_error(ssl_, rc))) return false;
    }
  }

  // >0 bytes read, 0 end of stream, -1 error or server stopping.
  long read_some(char* buf, std::size_t n) {
    for (;;) {
      if (ssl_ != nullptr) {
        ERR_clear_error();
        const int rc = SSL_read(ssl_, buf, static_cast<int>(std::min<std::size_t>(n, 1 << 30)));
        if (rc > 0) return rc;
        const int err = SSL_get_error(ssl_, rc);
        if (err == SSL_ERROR_ZERO_RETURN) return 0;
        if (err == SSL_ERROR_SYSCALL && errno == 0) return 0;  // EOF without close_notify
        if (!wait_for(err)) return -1;
      } else {
        const ssize_t rc = ::recv(fd_, buf, n, 0);
        if (rc >= 0) return static_cast<long>(rc);
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
        if (!server_.wait(fd_, POLLIN)) return -1;
      }
    }
  }

  bool write_all(std::string_view data) {
    while (!data.empty()) {
      if (ssl_ != nullptr) {
        ERR_clear_error();
        const int rc = SSL_write(ssl_, data.data(), static_cast<int>(std::min<std::size_t>(data.size(), 1 << 30)));
        if (rc > 0) {
          data.remove_prefix(static_cast<std::size_t>(rc));
          continue;
        }
        if (!wait_for(SSL_get_error(ssl_, rc))) return false;
      } else {
        const ssize_t rc = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
        if (rc >= 0) {
          data.remove_prefix(static_cast<std::size_t>(rc));
          continue;
        }
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) return false;
        if (!server_.wait(fd_, POLLOUT)) return false;
      }
    }
    return true;
  }

  // Writes in pieces of `chunk` bytes (0: at once) with `gap` between them.
  bool write_paced(std::string_view data, std::size_t chunk, std::chrono::milliseconds gap) {
    if (chunk == 0) return write_all(data);
    while (!data.empty()) {
      const auto piece = data.substr(0, chunk);
      if (!write_all(piece)) return false;
      data.remove_prefix(piece.size());
      if (!data.empty() && !server_.pause(gap)) return false;
    }
    return true;
  }

  void close_gracefully() {
    if (ssl_ != nullptr) {
      ERR_clear_error();
      (void)SSL_shutdown(ssl_);  // one attempt at close_notify; never wait for the peer's
    }
  }

  void reset() {
    linger l{1, 0};
    (void)::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  }

 private:
  bool wait_for(int ssl_error) {
    if (ssl_error == SSL_ERROR_WANT_READ) return server_.wait(fd_, POLLIN);
    if (ssl_error == SSL_ERROR_WANT_WRITE) return server_.wait(fd_, POLLOUT);
    return false;
  }

  const Waker& server_;
  int fd_;
  SSL* ssl_;
};

// Incremental request parser over a buffer that may hold pipelined requests.
enum class Parse { kNeedMore, kDone, kBad };

Parse parse_head(std::string_view buf, std::size_t max_bytes, ReceivedRequest& out,
                 std::size_t& head_len, std::size_t& content_length, bool& expect_continue) {
  // Anything that does not start like a request line (e.g. a TLS ClientHello) is rejected
  // at once instead of waiting for a blank line that never comes.
  if (!buf.empty() && !(buf.front() >= 'A' && buf.front() <= 'Z')) return Parse::kBad;
  const auto end = buf.find("\r\n\r\n");
  if (end == std::string_view::npos) return buf.size() > max_bytes ? Parse::kBad : Parse::kNeedMore;
  head_len = end + 4;

  std::string_view head = buf.substr(0, end + 2);
  const auto line_end = head.find("\r\n");
  const std::string_view line = head.substr(0, line_end);
  head.remove_prefix(line_end + 2);
  const auto sp1 = line.find(' ');
  const auto sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) return Parse::kBad;
  out.method = std::string(line.substr(0, sp1));
  out.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  out.version = std::string(line.substr(sp2 + 1));
  if (out.version.rfind("HTTP/1.", 0) != 0 || out.target.empty()) return Parse::kBad;

  out.headers.clear();
  while (!head.empty()) {
    const auto eol = head.find("\r\n");
    const std::string_view h = head.substr(0, eol);
    head.remove_prefix(eol + 2);
    const auto colon = h.find(':');
    if (colon == std::string_view::npos || colon == 0) return Parse::kBad;
    out.headers.emplace_back(std::string(h.substr(0, colon)), std::string(trim(h.substr(colon + 1))));
  }

  content_length = 0;
  if (find(out.headers, "Transfer-Encoding")) return Parse::kBad;  // chunked uploads: unsupported
  if (const auto cl = find(out.headers, "Content-Length")) {
    if (cl->empty() || cl->size() > 18 || cl->find_first_not_of("0123456789") != std::string::npos) {
      return Parse::kBad;
    }
    content_length = static_cast<std::size_t>(std::stoull(*cl));
    if (content_length > max_bytes) return Parse::kBad;
  }
  const auto expect = find(out.headers, "Expect");
  expect_continue = expect && iequals(*expect, "100-continue");
  return Parse::kDone;
}

std::string encode_response(const Reply& reply, const ReceivedRequest& request, bool close) {
  std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " " +
                    (reply.reason.empty() ? reason_phrase(reply.status) : reply.reason) + "\r\n";
  for (const auto& [name, value] : reply.headers) out += name + ": " + value + "\r\n";
  const bool bodyless = request.method == "HEAD" || reply.status == 204 || reply.status == 304 ||
                        (reply.status >= 100 && reply.status < 200);
  switch (reply.framing) {
    case Reply::Framing::kContentLength:
      if (!find(reply.headers, "Content-Length") && reply.status != 204 && reply.status != 304) {
        out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n";
      }
      break;
    case Reply::Framing::kChunked:
      if (!find(reply.headers, "Transfer-Encoding")) out += "Transfer-Encoding: chunked\r\n";
      break;
    case Reply::Framing::kUntilClose:
      break;
  }
  if (close && !find(reply.headers, "Connection")) out += "Connection: close\r\n";
  out += "\r\n";
  if (bodyless) return out;
  if (reply.framing == Reply::Framing::kChunked) {
    constexpr std::size_t kChunk = 4096;
    for (std::size_t i = 0; i < reply.body.size(); i += kChunk) {
      const auto piece = std::string_view(reply.body).substr(i, kChunk);
      char size[32];
      std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
      out += size;
      out += piece;
      out += "\r\n";
    }
    out += "0\r\n\r\n";
  } else {
    out += reply.body;
  }
  return out;
}

}  // namespace

void LoopbackServer::Impl::accept_loop() {
  block_sigpipe();  // inherited by the connection threads started here
  for (;;) {
    if (!waker.wait(listen_fd, POLLIN)) break;
    const int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EMFILE || errno == ENFILE) waker.pause(std::chrono::milliseconds(10));
      continue;
    }
    const int one = 1;
    (void)::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const std::size_t id = ++connections;

    std::lock_guard<std::mutex> lock(connections_mutex);
    // Join finished connections so a long test does not pile up threads.
    for (auto it = live.begin(); it != live.end();) {
      if ((*it)->done.load()) {
        (*it)->thread.join();
        it = live.erase(it);
      } else {
        ++it;
      }
    }
    auto conn = std::make_unique<Connection>();
    Connection* raw = conn.get();
    try {
      conn->thread = std::thread([this, fd, id, raw] {
        serve(fd, id);
        raw->done.store(true);
      });
      live.push_back(std::move(conn));
    } catch (const std::system_error&) {
      ::close(fd);
    }
  }
}

void LoopbackServer::Impl::serve(int fd, std::size_t id) {
  SSL* ssl = nullptr;
  if (ssl_ctx) {
    ssl = SSL_new(ssl_ctx.get());
    if (ssl == nullptr || SSL_set_fd(ssl, fd) != 1) {
      if (ssl != nullptr) SSL_free(ssl);
      ::close(fd);
      return;
    }
  }
  Stream stream(waker, fd, ssl);
  if (ssl != nullptr) {
    if (!stream.handshake()) return;
    ++handshakes;
    if (SSL_session_reused(ssl) == 1) ++resumed;
  }

  std::string buf;
  char chunk[16 * 1024];
  const auto fill = [&]() {
    const long n = stream.read_some(chunk, sizeof chunk);
    if (n <= 0) return false;
    buf.append(chunk, static_cast<std::size_t>(n));
    return true;
  };

  for (;;) {
    ReceivedRequest request;
    std::size_t head_len = 0;
    std::size_t content_length = 0;
    bool expect_continue = false;
    Parse state;
    while ((state = parse_head(buf, options.max_request_bytes, request, head_len, content_length,
                               expect_continue)) == Parse::kNeedMore) {
      if (!fill()) return;
    }
    if (state == Parse::kBad) return;
    if (expect_continue && buf.size() < head_len + content_length &&
        !stream.write_all("HTTP/1.1 100 Continue\r\n\r\n")) {
      return;
    }
    while (buf.size() < head_len + content_length) {
      if (!fill()) return;
    }
    request.body = buf.substr(head_len, content_length);
    buf.erase(0, head_len + content_length);
    request.connection_id = id;

    ++request_count;
    {
      std::lock_guard<std::mutex> lock(requests_mutex);
      requests.push_back(request);
    }

    Reply reply;
    try {
      reply = handler(request);
    } catch (...) {
      return;
    }

    const auto client_close = request.header("Connection");
    const bool close = reply.close_after || reply.framing == Reply::Framing::kUntilClose ||
                       (client_close && iequals(*client_close, "close"));
    switch (reply.action) {
      case Reply::Action::kNeverAnswer:
        // Drain and ignore until the client gives up or the server stops.
        while (stream.read_some(chunk, sizeof chunk) > 0) {
        }
        return;
      case Reply::Action::kClose:
        return;
      case Reply::Action::kReset:
        stream.reset();
        return;
      case Reply::Action::kRaw:
        if (!stream.write_paced(reply.raw, reply.write_chunk, reply.write_pause)) return;
        if (reply.close_after) {
          stream.close_gracefully();
          return;
        }
        continue;
      case Reply::Action::kRespond:
        break;
    }
    const std::string bytes = reply.preamble + encode_response(reply, request, close);
    if (!stream.write_paced(bytes, reply.write_chunk, reply.write_pause)) return;
    if (close) {
      stream.close_gracefully();
      return;
    }
  }
}

LoopbackServer::LoopbackServer(Handler handler, LoopbackServerOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->options = std::move(options);
  if (impl_->options.tls) impl_->ssl_ctx = make_server_ctx(*impl_->options.tls);

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error(sys_error("pipe2"));
  impl_->waker.fd = pipe_fds[0];
  impl_->wake_write = pipe_fds[1];

  impl_->listen_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (impl_->listen_fd < 0) throw std::runtime_error(sys_error("socket"));
  const int one = 1;
  (void)::setsockopt(impl_->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(impl_->listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    throw std::runtime_error(sys_error("bind"));
  }
  if (::listen(impl_->listen_fd, 128) != 0) throw std::runtime_error(sys_error("listen"));
  socklen_t len = sizeof addr;
  if (::getsockname(impl_->listen_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::runtime_error(sys_error("getsockname"));
  }
  impl_->port = ntohs(addr.sin_port);
  impl_->acceptor = std::thread([impl = impl_.get()] { impl->accept_loop(); });
}

LoopbackServer::~LoopbackServer() { stop(); }

void LoopbackServer::stop() {
  std::call_once(impl_->stop_once, [this] {
    const char byte = 'x';
    while (::write(impl_->wake_write, &byte, 1) < 0 && errno == EINTR) {
    }
    if (impl_->acceptor.joinable()) impl_->acceptor.join();
    // The acceptor is gone, so `live` can no longer grow.
    std::lock_guard<std::mutex> lock(impl_->connections_mutex);
    for (auto& conn : impl_->live) conn->thread.join();
    impl_->live.clear();
    ::close(impl_->listen_fd);
    impl_->listen_fd = -1;
  });
}

std::uint16_t LoopbackServer::port() const { return impl_->port; }

std::string LoopbackServer::base_url() const {
  return std::string(impl_->ssl_ctx ? "https" : "http") + "://127.0.0.1:" + std::to_string(impl_->port);
}

std::string LoopbackServer::url(std::string_view path_and_query) const {
  return base_url() + std::string(path_and_query);
}

std::size_t LoopbackServer::connections_accepted() const { return impl_->connections.load(); }

std::size_t LoopbackServer::tls_handshakes() const { return impl_->handshakes.load(); }

std::size_t LoopbackServer::tls_sessions_resumed() const { return impl_->resumed.load(); }

std::size_t LoopbackServer::requests_received() const { return impl_->request_count.load(); }

std::vector<ReceivedRequest> LoopbackServer::requests() const {
  std::lock_guard<std::mutex> lock(impl_->requests_mutex);
  return impl_->requests;
}

// ---------------------------------------------------------------------------------------

SelfSignedCert SelfSignedCert::generate() {
  PkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) throw std::runtime_error(openssl_error("EVP_EC_gen"));
  X509Ptr cert(X509_new());
  if (!cert) throw std::runtime_error(openssl_error("X509_new"));
  X509* x = cert.get();

  bool ok = X509_set_version(x, X509_VERSION_3) == 1;
  // A random serial, so repeated runs never present two different certs with one serial.
  unsigned char serial_bytes[16];
  ok = ok && RAND_bytes(serial_bytes, sizeof serial_bytes) == 1;
  serial_bytes[0] &= 0x7f;  // positive
  BIGNUM* serial = ok ? BN_bin2bn(serial_bytes, sizeof serial_bytes, nullptr) : nullptr;
  ok = ok && serial != nullptr && BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(x)) != nullptr;
  BN_free(serial);
  ok = ok && X509_gmtime_adj(X509_getm_notBefore(x), -3600) != nullptr;
  ok = ok && X509_gmtime_adj(X509_getm_notAfter(x), 7L * 24 * 3600) != nullptr;
  ok = ok && X509_set_pubkey(x, key.get()) == 1;
  X509_NAME* name = X509_get_subject_name(x);
  ok = ok && X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                        reinterpret_cast<const unsigned char*>("yuno-test localhost"),
                                        -1, -1, 0) == 1;
  ok = ok && X509_set_issuer_name(x, name) == 1;
  if (!ok) throw std::runtime_error(openssl_error("building the test certificate"));

  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, x, x, nullptr, nullptr, 0);
  const std::pair<int, const char*> extensions[] = {
      {NID_basic_constraints, "critical,CA:TRUE"},
      {NID_key_usage, "critical,digitalSignature,keyCertSign"},
      {NID_ext_key_usage, "serverAuth"},
      {NID_subject_key_identifier, "hash"},
      {NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"},
  };
  for (const auto& [nid, value] : extensions) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    const bool added = ext != nullptr && X509_add_ext(x, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    if (!added) throw std::runtime_error(openssl_error("adding a certificate extension"));
  }
  if (X509_sign(x, key.get(), EVP_sha256()) <= 0) throw std::runtime_error(openssl_error("X509_sign"));

  const auto to_pem = [](auto&& write) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1) throw std::runtime_error(openssl_error("PEM encoding"));
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(len));
  };
  SelfSignedCert result;
  result.identity_.cert_pem = to_pem([&](BIO* b) { return PEM_write_bio_X509(b, x); });
  result.identity_.key_pem = to_pem([&](BIO* b) {
    return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  });

  std::string tmpl = (std::filesystem::temp_directory_path() / "yuno-test-tls-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error(sys_error("mkdtemp"));
  result.dir_ = tmpl;
  result.cert_path_ = result.dir_ / "cert.pem";
  result.key_path_ = result.dir_ / "key.pem";
  write_file(result.cert_path_, result.identity_.cert_pem);
  write_file(result.key_path_, result.identity_.key_pem);
  return result;
}

SelfSignedCert::SelfSignedCert(SelfSignedCert&& other) noexcept
    : identity_(std::move(other.identity_)),
      dir_(std::move(other.dir_)),
      cert_path_(std::move(other.cert_path_)),
      key_path_(std::move(other.key_path_)) {
  other.dir_.clear();
}

SelfSignedCert& SelfSignedCert::operator=(SelfSignedCert&& other) noexcept {
  if (this != &other) {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
    identity_ = std::move(other.identity_);
    dir_ = std::move(other.dir_);
    cert_path_ = std::move(other.cert_path_);
    key_path_ = std::move(other.key_path_);
    other.dir_.clear();
  }
  return *this;
}

SelfSignedCert::~SelfSignedCert() {
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

std::uint16_t unused_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error(sys_error("socket"));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  ::close(fd);  // never listened on: connecting now is refused
  if (!ok) throw std::runtime_error(sys_error("bind"));
  return ntohs(addr.sin_port);
}

}  // namespace yuno::test_support
