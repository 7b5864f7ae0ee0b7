// Runs the real yuno-sandbox executable as a child process for the integration tests, and
// talks to its control API (/_sandbox/...). Test-only code; 127.0.0.1 only.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <yuno/curl_transport.hpp>
#include <yuno/yuno.hpp>

namespace yuno::integration {

/// The keys every test sandbox is started with (given as flags, so the environment of the
/// test run cannot change them). Shaped like sandbox keys, distinct from the demo keys.
inline constexpr const char* kPublicKey = "sandbox_integration_public_key_0001";
inline constexpr const char* kPrivateKey = "integration_private_secret_key_0001";
inline constexpr const char* kAccountId = "6a1d9e2b-3c4f-4a5b-8c7d-9e0f1a2b3c4d";

/// A running yuno-sandbox. The constructor starts it with `--host 127.0.0.1 --port 0`, the
/// test keys and `extra_args`, and waits for its "listening on" line; the destructor stops
/// and reaps it. The child is killed if the test process dies (PR_SET_PDEATHSIG).
class SandboxProcess {
 public:
  /// Throws std::runtime_error (with the sandbox's output, secrets masked) when the process
  /// cannot start, exits, or does not print the line within `startup_timeout`.
  explicit SandboxProcess(std::vector<std::string> extra_args = {},
                          std::chrono::milliseconds startup_timeout = std::chrono::seconds(30));
  ~SandboxProcess();
  SandboxProcess(const SandboxProcess&) = delete;
  SandboxProcess& operator=(const SandboxProcess&) = delete;

  /// "http://127.0.0.1:PORT" (https with TLS), from the listening line.
  const std::string& base_url() const { return base_url_; }
  pid_t pid() const { return pid_; }

  /// Empty while the process runs; otherwise how it ended ("exited with status 1",
  /// "killed by signal 11"). Reaps it when it has ended.
  std::string exit_description();
  /// SIGTERM, then SIGKILL if it has not ended within `grace`; reaps it. Returns how it
  /// ended. Idempotent.
  std::string stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
  /// Everything it printed so far (stdout and stderr), with secrets and card numbers masked.
  std::string output() const;
  /// Whether what it printed contains `text` (checked on the raw output, never printed).
  bool printed(const std::string& text) const;

 private:
  void read_output();

  pid_t pid_ = -1;
  int output_fd_ = -1;
  std::string base_url_;
  std::string ended_;  ///< how it ended, once reaped
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::string output_;
  bool eof_ = false;
  std::thread reader_;
};

/// `text` with the test keys, the demo keys and every run of 12 or more digits masked.
std::string mask_secrets(const std::string& text);

/// Plain JSON calls to the sandbox's control API and raw API calls (for what the SDK never
/// sends on purpose, like malformed JSON).
class SandboxControl {
 public:
  explicit SandboxControl(std::string base_url, std::string ca_bundle_path = {});

  /// Throws std::runtime_error on a transport failure or a non-2xx answer.
  nlohmann::json get(const std::string& path) const;
  nlohmann::json put(const std::string& path, const nlohmann::json& body) const;
  nlohmann::json post(const std::string& path, const nlohmann::json& body = {}) const;
  nlohmann::json stats() const { return get("/_sandbox/stats"); }
  /// PUT /_sandbox/faults with every rate 0.
  void faults_off() const;

  /// Any request; returns the response (transport failures throw std::runtime_error).
  yuno::HttpResponse raw(const std::string& method, const std::string& path,
                         const yuno::HttpHeaders& headers, const std::string& body) const;

 private:
  std::string base_url_;
  std::shared_ptr<yuno::CurlTransport> transport_;
};

/// ClientOptions for the sandbox: the test keys, its base URL, fast backoff, no proxy.
yuno::ClientOptions client_options(const std::string& base_url);

}  // namespace yuno::integration
