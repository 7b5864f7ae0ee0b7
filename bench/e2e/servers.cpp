#include "servers.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pwd.h>
#include <grp.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <new>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace bench {

std::atomic<bool> g_interrupted{false};

namespace {

using Clock = std::chrono::steady_clock;

// ---- Children, and what a signal does to them ------------------------------------------

constexpr int kMaxChildren = 8;
std::atomic<pid_t> g_children[kMaxChildren];  // 0: free slot; lock-free, so signal-safe
volatile std::sig_atomic_t g_signals = 0;

void track_child(pid_t pid) {
  for (auto& slot : g_children) {
    pid_t expected = 0;
    if (slot.compare_exchange_strong(expected, pid)) return;
  }
}

void untrack_child(pid_t pid) {
  for (auto& slot : g_children) {
    pid_t expected = pid;
    if (slot.compare_exchange_strong(expected, 0)) return;
  }
}

extern "C" void on_signal(int sig) {
  g_signals = g_signals + 1;
  const bool first = g_signals == 1;
  for (auto& slot : g_children) {
    const pid_t pid = slot.load();
    if (pid > 0) kill(pid, first ? SIGTERM : SIGKILL);
  }
  if (!first) _exit(128 + sig);
  g_interrupted.store(true);
}

// Stops a child: `sig`, then SIGKILL if it is still there after `grace`.
void stop_child(pid_t& pid, int sig, std::chrono::milliseconds grace) noexcept {
  if (pid <= 0) return;
  kill(pid, sig);
  const auto give_up = Clock::now() + grace;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (Clock::now() > give_up) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  untrack_child(pid);
  pid = -1;
}

// In a forked child: die with the parent, default signal handling.
void child_setup(pid_t parent) {
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != parent) _exit(127);  // the parent died before prctl
  struct sigaction deflt {};
  deflt.sa_handler = SIG_DFL;
  sigemptyset(&deflt.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) sigaction(sig, &deflt, nullptr);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
}

// fork + exec with stdout and stderr redirected; every allocation happens before fork.
pid_t spawn(const std::vector<std::string>& argv, int stdout_fd, int stderr_fd) {
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    child_setup(parent);
    const int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, 0);
    if (stdout_fd >= 0) dup2(stdout_fd, 1);
    if (stderr_fd >= 0) dup2(stderr_fd, 2);
    execv(args[0], args.data());
    _exit(127);
  }
  track_child(pid);
  return pid;
}

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    throw std::runtime_error("could not find a free port on 127.0.0.1");
  }
  close(fd);
  return ntohs(addr.sin_port);
}

bool port_accepts(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string tail(const std::string& text, std::size_t bytes) {
  return text.size() <= bytes ? text : text.substr(text.size() - bytes);
}

// ---- TLS material ---------------------------------------------------------------------

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr || X509_add_ext(cert, ext, -1) != 1) {
    X509_EXTENSION_free(ext);
    throw std::runtime_error("could not add a certificate extension");
  }
  X509_EXTENSION_free(ext);
}

Cert make_cert(EVP_PKEY* key, const char* common_name, long serial, X509* issuer,
               EVP_PKEY* issuer_key) {
  Cert cert(X509_new());
  if (!cert) throw std::bad_alloc();
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 7L * 24 * 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("yuno-cpp benchmark"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
  X509* signer = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  add_extension(cert.get(), signer, NID_subject_key_identifier, "hash");
  if (issuer == nullptr) {
    add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    add_extension(cert.get(), signer, NID_authority_key_identifier, "keyid:always");
    add_extension(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), signer, NID_key_usage, "critical,digitalSignature");
    add_extension(cert.get(), signer, NID_ext_key_usage, "serverAuth");
    add_extension(cert.get(), signer, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
  }
  if (X509_sign(cert.get(), issuer_key, EVP_sha256()) == 0) {
    throw std::runtime_error("could not sign a certificate");
  }
  return cert;
}

void write_pem(const std::string& path, X509* cert, EVP_PKEY* key) {
  BIO* bio = BIO_new_file(path.c_str(), "w");
  if (bio == nullptr) throw std::runtime_error("cannot write " + path);
  const int ok = cert != nullptr ? PEM_write_bio_X509(bio, cert)
                                 : PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0,
                                                            nullptr, nullptr);
  BIO_free(bio);
  if (ok != 1) throw std::runtime_error("cannot write " + path);
}

}  // namespace

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &action, nullptr);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGPIPE, &ignore, nullptr);
}

// ---- Files -------------------------------------------------------------------------------

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") +
                        "/yuno-bench-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed: " + std::string(std::strerror(errno)));
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path);
}

bool make_tls_files(const std::string& dir, const std::string& system_bundle) {
  Pkey ca_key(EVP_EC_gen("P-256"));
  Pkey server_key(EVP_EC_gen("P-256"));
  if (!ca_key || !server_key) throw std::runtime_error("could not generate EC keys");
  Cert ca = make_cert(ca_key.get(), "yuno-cpp benchmark CA", 1, nullptr, ca_key.get());
  Cert server = make_cert(server_key.get(), "127.0.0.1", 2, ca.get(), ca_key.get());
  write_pem(dir + "/ca.pem", ca.get(), nullptr);
  write_pem(dir + "/server.pem", server.get(), nullptr);
  write_pem(dir + "/server.key", nullptr, server_key.get());
  std::string bundle;
  bool have_system = false;
  try {
    bundle = read_file(system_bundle);
    have_system = !bundle.empty();
  } catch (const std::exception&) {
  }
  if (!bundle.empty() && bundle.back() != '\n') bundle += '\n';
  write_file(dir + "/ca-bundle.pem", bundle + read_file(dir + "/ca.pem"));
  return have_system;
}

// ---- nginx --------------------------------------------------------------------------------

Nginx::Nginx(std::string binary, std::string dir, std::string config_template,
             const std::string& body)
    : binary_(std::move(binary)), dir_(std::move(dir)), config_template_(std::move(config_template)) {
  std::filesystem::create_directories(dir_ + "/www/canned");
  std::filesystem::create_directories(dir_ + "/temp");
  write_file(dir_ + "/www/canned/payment.json", body);
  write_file(dir_ + "/connections.log", "");
}

Nginx::~Nginx() { stop(); }

void Nginx::add_answer(const std::string& path, const std::string& body) const {
  if (path.empty() || path.front() != '/' || path.find("..") != std::string::npos) {
    throw std::invalid_argument("add_answer: not an absolute request path: " + path);
  }
  const std::string file = dir_ + "/www/canned/ids" + path;
  std::filesystem::create_directories(std::filesystem::path(file).parent_path());
  write_file(file, body);
}

void Nginx::start() {
  if (access(binary_.c_str(), X_OK) != 0) {
    throw std::runtime_error("nginx not found at " + binary_ +
                             " (install Debian's nginx: ./scripts/bench.sh does, or pass --nginx)");
  }
  for (int tries = 0; tries < 5; ++tries) {
    if (try_start()) return;
    std::string log;
    try {
      log = read_file(dir_ + "/error.log") + read_file(dir_ + "/nginx.out");
    } catch (const std::exception&) {
    }
    if (log.find("Address already in use") == std::string::npos) {
      throw std::runtime_error("nginx did not start:\n" + tail(log, 2000));
    }
  }
  throw std::runtime_error("nginx could not find free ports");
}

bool Nginx::try_start() {
  http_port_ = free_port();
  https_port_ = free_port();
  while (https_port_ == http_port_) https_port_ = free_port();
  // As root, nginx's workers would switch to "nobody": keep them this user instead.
  std::string user_line = "# not root: workers run as this user";
  if (geteuid() == 0) {
    const passwd* pw = getpwuid(geteuid());
    const group* gr = getgrgid(getegid());
    if (pw != nullptr && gr != nullptr) {
      user_line = std::string("user ") + pw->pw_name + " " + gr->gr_name + ";";
    }
  }
  std::string config = config_template_;
  config = replace_all(config, "@USER_LINE@", user_line);
  config = replace_all(config, "@DIR@", dir_);
  config = replace_all(config, "@HTTP_PORT@", std::to_string(http_port_));
  config = replace_all(config, "@HTTPS_PORT@", std::to_string(https_port_));
  write_file(dir_ + "/nginx.conf", config);
  write_file(dir_ + "/error.log", "");

  const int out = open((dir_ + "/nginx.out").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  pid_ = spawn({binary_, "-p", dir_ + "/", "-e", dir_ + "/error.log", "-c", dir_ + "/nginx.conf"},
               out, out);
  if (out >= 0) close(out);
  const auto give_up = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < give_up) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      untrack_child(pid_);
      pid_ = -1;
      return false;
    }
    if (port_accepts(http_port_) && port_accepts(https_port_)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop();
  throw std::runtime_error("nginx did not listen within 10 s");
}

void Nginx::stop() noexcept { stop_child(pid_, SIGTERM, std::chrono::seconds(5)); }

std::string Nginx::version() const {
  std::string out;
  const std::string command = "'" + binary_ + "' -v 2>&1";
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
    pclose(pipe);
  }
  const auto at = out.find("nginx/");
  if (at == std::string::npos) return "nginx (version unknown)";
  return out.substr(at, out.find_first_of(" \n", at) - at);
}

std::int64_t Nginx::mark() const {
  std::error_code ec;
  const auto size = std::filesystem::file_size(dir_ + "/connections.log", ec);
  return ec ? 0 : static_cast<std::int64_t>(size);
}

ConnectionCount Nginx::connections_since(std::int64_t mark, bool tls) const {
  ConnectionCount count;
  count.opened = 0;
  if (tls) count.full_handshakes = count.resumed = 0;
  std::ifstream in(dir_ + "/connections.log");
  in.seekg(mark);
  std::string line;
  while (std::getline(in, line)) {
    // "$connection $server_port $ssl_session_reused": "r" resumed, "." full handshake.
    std::istringstream fields(line);
    std::string connection, port, reused;
    if (!(fields >> connection >> port >> reused)) continue;
    ++count.opened;
    if (tls) ++(reused == "r" ? count.resumed : count.full_handshakes);
  }
  return count;
}

// ---- Delay server ---------------------------------------------------------------------------

struct DelayServer::Shared {
  std::atomic<long> accepted{0};
};

namespace {

struct DelayConnection {
  std::string in;
  std::string out;
  std::size_t out_done = 0;
  bool waiting = false;  // a complete request is waiting for its delayed answer
  std::uint64_t generation = 0;
};

struct DueAnswer {
  Clock::time_point due;
  int fd;
  std::uint64_t generation;
};

// Length of the first complete request in `in` (headers + Content-Length body), or 0.
std::size_t complete_request(const std::string& in) {
  const auto end = in.find("\r\n\r\n");
  if (end == std::string::npos) return 0;
  std::size_t body = 0;
  std::string headers = in.substr(0, end);
  std::transform(headers.begin(), headers.end(), headers.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto at = headers.find("\r\ncontent-length:");
  if (at != std::string::npos) body = std::strtoul(headers.c_str() + at + 17, nullptr, 10);
  const std::size_t total = end + 4 + body;
  return in.size() >= total ? total : 0;
}

[[noreturn]] void delay_server_main(int listen_fd, int delay_ms, const std::string& answer,
                                    std::atomic<long>& accepted, pid_t parent) {
  const int ep = epoll_create1(EPOLL_CLOEXEC);
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = listen_fd;
  epoll_ctl(ep, EPOLL_CTL_ADD, listen_fd, &ev);
  std::unordered_map<int, DelayConnection> connections;
  std::deque<DueAnswer> due;  // one delay for all: already in time order
  std::uint64_t generations = 0;
  const auto delay = std::chrono::milliseconds(delay_ms);

  const auto close_connection = [&](int fd) {
    epoll_ctl(ep, EPOLL_CTL_DEL, fd, nullptr);
    close(fd);
    connections.erase(fd);
  };
  const auto want_write = [&](int fd, bool on) {
    epoll_event mod{};
    mod.events = EPOLLIN | (on ? EPOLLOUT : 0u);
    mod.data.fd = fd;
    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &mod);
  };
  // Writes what is pending; false if the connection died.
  const auto flush = [&](int fd, DelayConnection& c) {
    while (c.out_done < c.out.size()) {
      const ssize_t n = send(fd, c.out.data() + c.out_done, c.out.size() - c.out_done, MSG_NOSIGNAL);
      if (n > 0) {
        c.out_done += static_cast<std::size_t>(n);
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        want_write(fd, true);
        return true;
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else {
        return false;
      }
    }
    if (!c.out.empty()) want_write(fd, false);
    c.out.clear();
    c.out_done = 0;
    return true;
  };
  const auto take_request = [&](int fd, DelayConnection& c) {
    if (c.waiting || !c.out.empty()) return;
    const std::size_t length = complete_request(c.in);
    if (length == 0) return;
    c.in.erase(0, length);
    c.waiting = true;
    due.push_back({Clock::now() + delay, fd, c.generation});
  };

  std::vector<epoll_event> events(256);
  for (;;) {
    int timeout_ms = 1000;
    if (!due.empty()) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(due.front().due - Clock::now());
      timeout_ms = static_cast<int>(std::max<long>(0, left.count()));
    }
    const int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), timeout_ms);
    if (getppid() != parent) _exit(0);
    for (int i = 0; i < n; ++i) {
      const int fd = events[static_cast<std::size_t>(i)].data.fd;
      const auto flags = events[static_cast<std::size_t>(i)].events;
      if (fd == listen_fd) {
        for (;;) {
          const int client = accept4(listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
          if (client < 0) break;
          const int one = 1;
          setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          epoll_event add{};
          add.events = EPOLLIN;
          add.data.fd = client;
          epoll_ctl(ep, EPOLL_CTL_ADD, client, &add);
          DelayConnection& c = connections[client];
          c = DelayConnection{};
          c.generation = ++generations;
          accepted.fetch_add(1);
        }
        continue;
      }
      auto found = connections.find(fd);
      if (found == connections.end()) continue;
      DelayConnection& c = found->second;
      if ((flags & EPOLLOUT) != 0 && !flush(fd, c)) {
        close_connection(fd);
        continue;
      }
      if ((flags & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0) {
        bool alive = true;
        char buffer[16384];
        for (;;) {
          const ssize_t got = recv(fd, buffer, sizeof buffer, 0);
          if (got > 0) {
            c.in.append(buffer, static_cast<std::size_t>(got));
          } else if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break;
          } else if (got < 0 && errno == EINTR) {
            continue;
          } else {
            alive = false;
            break;
          }
        }
        if (!alive) {
          close_connection(fd);
          continue;
        }
        take_request(fd, c);
      }
    }
    const auto now = Clock::now();
    while (!due.empty() && due.front().due <= now) {
      const DueAnswer answer_due = due.front();
      due.pop_front();
      auto found = connections.find(answer_due.fd);
      if (found == connections.end() || found->second.generation != answer_due.generation) continue;
      DelayConnection& c = found->second;
      c.waiting = false;
      c.out = answer;
      c.out_done = 0;
      if (!flush(answer_due.fd, c)) {
        close_connection(answer_due.fd);
        continue;
      }
      take_request(answer_due.fd, c);
    }
  }
}

}  // namespace

DelayServer::DelayServer(int delay_ms, const std::string& body) : delay_ms_(delay_ms) {
  void* memory = mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) throw std::runtime_error("mmap failed");
  shared_ = new (memory) Shared();

  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(fd, 1024) != 0 || getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (fd >= 0) close(fd);
    throw std::runtime_error("delay server: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(addr.sin_port);
  const std::string answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                             std::to_string(body.size()) +
                             "\r\nx-request-id: delay-server\r\n\r\n" + body;
  const pid_t parent = getpid();
  pid_ = fork();
  if (pid_ < 0) {
    close(fd);
    throw std::runtime_error("fork failed");
  }
  if (pid_ == 0) {
    child_setup(parent);
    delay_server_main(fd, delay_ms, answer, shared_->accepted, parent);
  }
  close(fd);
  track_child(pid_);
}

DelayServer::~DelayServer() {
  stop();
  if (shared_ != nullptr) {
    shared_->~Shared();
    munmap(shared_, sizeof(Shared));
  }
}

long DelayServer::accepted() const { return shared_->accepted.load(); }

void DelayServer::stop() noexcept { stop_child(pid_, SIGTERM, std::chrono::seconds(2)); }

// ---- yuno-sandbox ----------------------------------------------------------------------------

Sandbox::Sandbox(std::string binary, const std::string& log_path, int threads) {
  if (access(binary.c_str(), X_OK) != 0) throw std::runtime_error("yuno-sandbox not found at " + binary);
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  // The keys are given explicitly so that YUNO_* variables in the environment cannot change
  // them; they are the sandbox's public demo values (docs/sandbox.md), not secrets.
  pid_ = spawn({binary, "--port", "0", "--threads", std::to_string(threads), "--public-api-key",
                kSandboxPublicKey, "--private-secret-key", kSandboxSecretKey, "--account-id",
                kSandboxAccountId},
               pipe_fds[1], log);
  close(pipe_fds[1]);
  if (log >= 0) close(log);
  // It prints "yuno-sandbox listening on http://127.0.0.1:PORT" when ready.
  std::string line;
  const auto give_up = Clock::now() + std::chrono::seconds(10);
  while (line.find('\n') == std::string::npos && Clock::now() < give_up) {
    pollfd p{pipe_fds[0], POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buffer[256];
    const ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
    if (n <= 0) break;
    line.append(buffer, static_cast<std::size_t>(n));
  }
  close(pipe_fds[0]);  // it writes nothing more to stdout
  const auto at = line.find("http://");
  if (at == std::string::npos) {
    stop();
    std::string log_text;
    try {
      log_text = read_file(log_path);
    } catch (const std::exception&) {
    }
    throw std::runtime_error("yuno-sandbox did not start: " + tail(log_text, 1000));
  }
  base_url_ = line.substr(at, line.find_first_of("\r\n", at) - at);
}

Sandbox::~Sandbox() { stop(); }

void Sandbox::stop() noexcept { stop_child(pid_, SIGTERM, std::chrono::seconds(5)); }

// ---- Memory --------------------------------------------------------------------------------

long current_rss_kib() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace bench
