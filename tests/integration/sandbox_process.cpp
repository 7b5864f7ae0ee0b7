#include "sandbox_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <regex>
#include <stdexcept>
#include <utility>
#include <variant>

#ifndef YUNO_SANDBOX_EXE
#error "YUNO_SANDBOX_EXE must name the yuno-sandbox executable"
#endif

extern char** environ;

namespace yuno::integration {
namespace {

constexpr std::size_t kMaxKeptOutput = 256 * 1024;
const std::string kListening = "yuno-sandbox listening on ";

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "ended (wait status " + std::to_string(status) + ")";
}

}  // namespace

std::string mask_secrets(const std::string& text) {
  std::string out = text;
  for (const char* secret : {kPrivateKey, kPublicKey, "yuno_cpp_demo_private_secret_key",
                             "sandbox_yuno_cpp_demo_public_key"}) {
    const std::string s(secret);
    for (auto at = out.find(s); at != std::string::npos; at = out.find(s, at)) {
      out.replace(at, s.size(), "[masked]");
    }
  }
  static const std::regex kDigits("[0-9]{12,}");
  return std::regex_replace(out, kDigits, "[digits]");
}

SandboxProcess::SandboxProcess(std::vector<std::string> extra_args,
                               std::chrono::milliseconds startup_timeout) {
  std::vector<std::string> args{YUNO_SANDBOX_EXE, "--host",          "127.0.0.1",
                                "--port",         "0",               "--public-api-key",
                                kPublicKey,       "--private-secret-key", kPrivateKey,
                                "--account-id",   kAccountId};
  for (auto& arg : extra_args) args.push_back(std::move(arg));
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    // Child: async-signal-safe calls only. Dies with the test process.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(fds[1], STDOUT_FILENO);  // dup2 clears O_CLOEXEC on the copies
    ::dup2(fds[1], STDERR_FILENO);
    const int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    ::execve(argv[0], argv.data(), environ);
    static const char kMessage[] = "integration tests: cannot execute yuno-sandbox\n";
    (void)!::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
    ::_exit(127);
  }
  ::close(fds[1]);
  pid_ = pid;
  output_fd_ = fds[0];
  reader_ = std::thread([this] { read_output(); });

  // Wait for the listening line, the end of the output, or the timeout.
  std::unique_lock<std::mutex> lock(mutex_);
  const bool ready = changed_.wait_for(lock, startup_timeout, [this] {
    const auto at = output_.find(kListening);
    return eof_ || (at != std::string::npos && output_.find('\n', at) != std::string::npos);
  });
  const auto at = output_.find(kListening);
  if (ready && at != std::string::npos) {
    const auto start = at + kListening.size();
    base_url_ = output_.substr(start, output_.find('\n', start) - start);
    while (!base_url_.empty() && (base_url_.back() == '\r' || base_url_.back() == ' ')) {
      base_url_.pop_back();
    }
  }
  lock.unlock();
  static const std::regex kUrl("https?://127\\.0\\.0\\.1:[0-9]{1,5}");
  if (!std::regex_match(base_url_, kUrl)) {
    const std::string why = ready ? "ended before it was ready" : "did not get ready in time";
    const std::string how = stop(std::chrono::seconds(5));
    throw std::runtime_error("yuno-sandbox " + why + " (" + how + "); its output:\n" + output());
  }
}

SandboxProcess::~SandboxProcess() { stop(); }

void SandboxProcess::read_output() {
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(output_fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    std::lock_guard<std::mutex> lock(mutex_);
    if (n <= 0) {
      eof_ = true;
      changed_.notify_all();
      return;
    }
    output_.append(buffer, static_cast<std::size_t>(n));
    if (output_.size() > kMaxKeptOutput) {
      // Keep the head (startup lines) and the most recent output.
      output_.erase(4096, output_.size() - kMaxKeptOutput + 4096);
    }
    changed_.notify_all();
  }
}

std::string SandboxProcess::exit_description() {
  if (!ended_.empty() || pid_ < 0) return ended_;
  int status = 0;
  const pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == pid_) ended_ = describe_status(status);
  return ended_;
}

std::string SandboxProcess::stop(std::chrono::milliseconds grace) {
  if (pid_ >= 0 && exit_description().empty()) {
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + grace;
    int status = 0;
    for (;;) {
      const pid_t r = ::waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        ended_ = describe_status(status);
        break;
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        ended_ = "did not stop on SIGTERM; " + describe_status(status);
        break;
      }
      // The output reader wakes us when the child closes its end (it has exited).
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait_for(lock, std::chrono::milliseconds(20), [this] { return eof_; });
    }
  }
  if (reader_.joinable()) reader_.join();  // EOF follows the exit
  if (output_fd_ >= 0) {
    ::close(output_fd_);
    output_fd_ = -1;
  }
  return ended_;
}

std::string SandboxProcess::output() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return mask_secrets(output_);
}

bool SandboxProcess::printed(const std::string& text) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return output_.find(text) != std::string::npos;
}

SandboxControl::SandboxControl(std::string base_url, std::string ca_bundle_path)
    : base_url_(std::move(base_url)) {
  yuno::CurlTransportOptions options;
  options.ca_bundle_path = std::move(ca_bundle_path);
  transport_ = std::make_shared<yuno::CurlTransport>(options);
}

yuno::HttpResponse SandboxControl::raw(const std::string& method, const std::string& path,
                                       const yuno::HttpHeaders& headers,
                                       const std::string& body) const {
  yuno::HttpRequest request;
  request.method = method;
  request.url = base_url_ + path;
  request.headers = headers;
  request.body = body;
  request.timeout = std::chrono::seconds(30);
  auto result = transport_->send(request);
  if (auto* error = std::get_if<yuno::TransportError>(&result)) {
    throw std::runtime_error(method + " " + path + ": " + error->message);
  }
  return std::get<yuno::HttpResponse>(std::move(result));
}

namespace {
nlohmann::json checked_json(const yuno::HttpResponse& response, const std::string& what) {
  if (response.status_code < 200 || response.status_code >= 300) {
    throw std::runtime_error(what + ": HTTP " + std::to_string(response.status_code) + " " +
                             mask_secrets(response.body));
  }
  if (response.body.empty()) return nlohmann::json();
  auto parsed = nlohmann::json::parse(response.body, nullptr, false);
  if (parsed.is_discarded()) throw std::runtime_error(what + ": not JSON");
  return parsed;
}
const yuno::HttpHeaders kJson{{"Content-Type", "application/json"}};
}  // namespace

nlohmann::json SandboxControl::get(const std::string& path) const {
  return checked_json(raw("GET", path, {}, ""), "GET " + path);
}

nlohmann::json SandboxControl::put(const std::string& path, const nlohmann::json& body) const {
  return checked_json(raw("PUT", path, kJson, body.dump()), "PUT " + path);
}

nlohmann::json SandboxControl::post(const std::string& path, const nlohmann::json& body) const {
  return checked_json(raw("POST", path, kJson, body.is_null() ? "{}" : body.dump()),
                      "POST " + path);
}

void SandboxControl::faults_off() const {
  put("/_sandbox/faults", nlohmann::json{{"server_error_rate", 0},
                                         {"rate_limit_rate", 0},
                                         {"latency_rate", 0},
                                         {"drop_before_rate", 0},
                                         {"drop_after_rate", 0}});
}

yuno::ClientOptions client_options(const std::string& base_url) {
  yuno::ClientOptions options;
  options.public_api_key = kPublicKey;
  options.private_secret_key = kPrivateKey;
  options.account_id = kAccountId;
  options.base_url = base_url;
  options.timeout = std::chrono::seconds(30);
  options.overall_timeout = std::chrono::seconds(120);
  options.max_retries = 2;
  options.backoff.initial_delay = std::chrono::milliseconds(5);
  options.backoff.max_delay = std::chrono::milliseconds(50);
  options.backoff.max_retry_after = std::chrono::milliseconds(50);
  return options;
}

}  // namespace yuno::integration
