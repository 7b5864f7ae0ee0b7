// yuno_soak: the fault soak of issue #7. Drives N card payments through one shared
// YunoClient, from several threads, against yuno-sandbox while it injects every fault it
// knows (5xx, 429 with Retry-After, added latency, the connection dropped before processing
// and dropped AFTER the payment was committed). Then, with faults off, it looks every
// merchant_order_id up and counts the payments stored for it: exactly one each is the
// exactly-once guarantee (docs/reliability.md). Exit status 1 on any duplicate, lost or
// mismatched payment; figures go to stdout. Not a timed test: latencies are printed only.
//
//   yuno_soak                              # 10,000 payments, 8 threads, own sandbox
//   yuno_soak --payments 300 --threads 4   # the short CI run (ctest -L soak)
//   yuno_soak --sandbox http://127.0.0.1:8080   # an already running sandbox (YUNO_* keys)
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <strings.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <typeinfo>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>
#include <yuno/curl_transport.hpp>
#include <yuno/yuno.hpp>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// yuno-sandbox's public demo credentials (docs/sandbox.md): used for a sandbox this tool
// starts, and for --sandbox when the YUNO_* variables are unset.
constexpr const char* kDemoPublicKey = "sandbox_yuno_cpp_demo_public_key";
constexpr const char* kDemoSecretKey = "yuno_cpp_demo_private_secret_key";
constexpr const char* kDemoAccountId = "8b2f1c3e-5d4a-4e6b-9c7d-0a1b2c3d4e5f";

struct Args {
  long payments = 10'000;
  int threads = 8;
  std::string sandbox_url;                 ///< set: use this sandbox
  std::string sandbox_exe = YUNO_SOAK_SANDBOX_PATH;  ///< else start this one
  long seed = 2026;
  int max_retries = 10;
  long max_retry_after_ms = 200;
  // The fault mix: a quarter of the requests fail, 5 % more are slowed down.
  double server_error_rate = 0.08;
  double rate_limit_rate = 0.04;
  double latency_rate = 0.05;
  long latency_ms = 50;
  double drop_before_rate = 0.05;
  double drop_after_rate = 0.08;
  /// The control: every attempt gets a fresh idempotency key (what an SDK that retried with
  /// a new key would do). Duplicates are then expected, and the exit status is 1.
  bool control_fresh_keys = false;
};

void usage(std::ostream& out) {
  out << "usage: yuno_soak [--payments N] [--threads T] [--sandbox URL | --sandbox-exe PATH]\n"
         "                 [--seed S] [--max-retries R] [--max-retry-after-ms MS]\n"
         "                 [--server-error-rate R] [--rate-limit-rate R] [--latency-rate R]\n"
         "                 [--latency-ms MS] [--drop-before-rate R] [--drop-after-rate R]\n"
         "                 [--control-fresh-keys]\n"
         "Defaults: 10000 payments, 8 threads, its own yuno-sandbox, seed 2026, 10 retries,\n"
         "Retry-After capped at 200 ms, rates 0.08 / 0.04 / 0.05 (50 ms) / 0.05 / 0.08.\n"
         "Exit status: 0 every order has exactly one payment; 1 duplicates, lost or\n"
         "mismatched payments; 2 bad command line; 3 set-up failed.\n"
         "--control-fresh-keys rewrites the idempotency key of every attempt: the checks must\n"
         "then find duplicates (exit status 1), which shows they can fail.\n";
}

Args parse_args(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    std::string value;
    if (flag == "-h" || flag == "--help") {
      usage(std::cout);
      std::exit(0);
    }
    if (flag == "--control-fresh-keys") {
      args.control_fresh_keys = true;
      continue;
    }
    const auto eq = flag.find('=');
    if (eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag.resize(eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      throw std::invalid_argument(flag + " needs a value");
    }
    std::size_t used = 0;
    const auto number = [&]() -> long {
      const long n = std::stol(value, &used);
      if (used != value.size() || n < 0) throw std::invalid_argument(flag + ": bad number");
      return n;
    };
    const auto rate = [&]() -> double {
      const double r = std::stod(value, &used);
      if (used != value.size() || !(r >= 0.0 && r <= 1.0)) {
        throw std::invalid_argument(flag + " must be between 0 and 1");
      }
      return r;
    };
    if (flag == "--payments") args.payments = number();
    else if (flag == "--threads") args.threads = static_cast<int>(number());
    else if (flag == "--sandbox") args.sandbox_url = value;
    else if (flag == "--sandbox-exe") args.sandbox_exe = value;
    else if (flag == "--seed") args.seed = number();
    else if (flag == "--max-retries") args.max_retries = static_cast<int>(number());
    else if (flag == "--max-retry-after-ms") args.max_retry_after_ms = number();
    else if (flag == "--server-error-rate") args.server_error_rate = rate();
    else if (flag == "--rate-limit-rate") args.rate_limit_rate = rate();
    else if (flag == "--latency-rate") args.latency_rate = rate();
    else if (flag == "--latency-ms") args.latency_ms = number();
    else if (flag == "--drop-before-rate") args.drop_before_rate = rate();
    else if (flag == "--drop-after-rate") args.drop_after_rate = rate();
    else throw std::invalid_argument("unknown flag " + flag);
  }
  if (args.payments < 1 || args.threads < 1 || args.threads > 256) {
    throw std::invalid_argument("--payments must be >= 1 and --threads between 1 and 256");
  }
  return args;
}

// yuno-sandbox as a child process on a free loopback port. Its output is drained on a
// thread (a full pipe would stall it); the child dies with this process.
class SandboxChild {
 public:
  explicit SandboxChild(const std::string& exe) {
    std::vector<std::string> args{exe,           "--host",           "127.0.0.1",
                                  "--port",      "0",                "--threads",
                                  "32",          "--public-api-key", kDemoPublicKey,
                                  "--private-secret-key", kDemoSecretKey, "--account-id",
                                  kDemoAccountId};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(127);
      ::dup2(fds[1], STDOUT_FILENO);
      ::dup2(fds[1], STDERR_FILENO);
      ::execve(argv[0], argv.data(), environ);
      ::_exit(127);
    }
    ::close(fds[1]);
    fd_ = fds[0];
    // The first line names the URL: "yuno-sandbox listening on http://127.0.0.1:PORT".
    std::string line;
    char c = 0;
    const auto deadline = Clock::now() + 30s;
    while (Clock::now() < deadline && ::read(fd_, &c, 1) == 1 && c != '\n') line += c;
    const std::string marker = "listening on ";
    const auto at = line.find(marker);
    if (at == std::string::npos) {
      stop();
      throw std::runtime_error("yuno-sandbox did not start (" + exe + "): " + line);
    }
    url_ = line.substr(at + marker.size());
    drain_ = std::thread([fd = fd_] {
      char buffer[4096];
      while (::read(fd, buffer, sizeof buffer) > 0) {
      }
    });
  }
  ~SandboxChild() { stop(); }
  SandboxChild(const SandboxChild&) = delete;
  SandboxChild& operator=(const SandboxChild&) = delete;

  const std::string& url() const { return url_; }

  void stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      for (int i = 0; i < 100 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i) {
        std::this_thread::sleep_for(50ms);
        if (i == 99) {
          ::kill(pid_, SIGKILL);
          ::waitpid(pid_, &status, 0);
        }
      }
      pid_ = -1;
    }
    if (drain_.joinable()) drain_.join();
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string url_;
  std::thread drain_;
};

// Plain JSON calls to /_sandbox/... (no credentials, no retries).
class Control {
 public:
  explicit Control(std::string base_url) : base_url_(std::move(base_url)) {}
  nlohmann::json call(const std::string& method, const std::string& path,
                      const nlohmann::json& body = nullptr) const {
    yuno::HttpRequest request;
    request.method = method;
    request.url = base_url_ + path;
    request.timeout = 30s;
    if (!body.is_null()) {
      request.body = body.dump();
      request.headers = {{"Content-Type", "application/json"}};
    }
    const auto result = transport_.send(request);
    const auto* response = std::get_if<yuno::HttpResponse>(&result);
    if (response == nullptr) {
      throw std::runtime_error(method + " " + path + ": " +
                               std::get<yuno::TransportError>(result).message);
    }
    if (response->status_code / 100 != 2) {
      throw std::runtime_error(method + " " + path + ": HTTP " +
                               std::to_string(response->status_code) + " " + response->body);
    }
    return nlohmann::json::parse(response->body);
  }

 private:
  std::string base_url_;
  mutable yuno::CurlTransport transport_;
};

// Gives every attempt a fresh X-Idempotency-Key: the control run only.
class FreshKeyPerAttempt : public yuno::HttpTransport {
 public:
  yuno::TransportResult send(const yuno::HttpRequest& request) override {
    yuno::HttpRequest copy = request;
    for (auto& [name, value] : copy.headers) {
      if (name.size() == 17 && ::strncasecmp(name.c_str(), "X-Idempotency-Key", 17) == 0) {
        char key[40];
        std::snprintf(key, sizeof key, "00000000-0000-4000-8000-%012ld", ++counter_);
        value = key;
      }
    }
    return inner_.send(copy);
  }

 private:
  yuno::CurlTransport inner_;
  std::atomic<long> counter_{0};
};

// The most derived SDK error type, plus status and code for API errors.
std::string error_name(const yuno::Error& e) {
  if (const auto* api = dynamic_cast<const yuno::ApiError*>(&e)) {
    std::string type = "ApiError";
    if (dynamic_cast<const yuno::InvalidRequestError*>(&e)) type = "InvalidRequestError";
    if (dynamic_cast<const yuno::AuthenticationError*>(&e)) type = "AuthenticationError";
    if (dynamic_cast<const yuno::RateLimitError*>(&e)) type = "RateLimitError";
    if (dynamic_cast<const yuno::ServerError*>(&e)) type = "ServerError";
    return type + " " + std::to_string(api->status_code()) + " " + api->code();
  }
  if (dynamic_cast<const yuno::TimeoutError*>(&e)) return "TimeoutError";
  if (dynamic_cast<const yuno::ConnectionError*>(&e)) return "ConnectionError";
  if (dynamic_cast<const yuno::ResponseParseError*>(&e)) return "ResponseParseError";
  if (dynamic_cast<const yuno::InvalidArgumentError*>(&e)) return "InvalidArgumentError";
  return "Error";
}

struct Tally {
  std::atomic<long> attempts{0};
  std::atomic<long> no_response{0};
  std::mutex mutex;
  std::map<std::string, long> retries_by_reason;
  std::map<int, long> statuses;
};

struct Outcome {
  std::string order_id;
  std::string payment_id;  ///< empty: the call threw
  std::string error;
  std::chrono::microseconds latency{0};
};

// Testing Gateway cards (docs/sandbox.md): successes and a decline, which is also a payment.
struct Card {
  const char* number;
  const char* cvv;
};
constexpr Card kCards[] = {{"4507990000000002", "123"},
                           {"5252440000000002", "123"},
                           {"370000000000002", "1234"},
                           {"4507990000000010", "123"}};

yuno::CreatePaymentRequest payment_request(const std::string& order_id, const Card& card,
                                           const std::string& session,
                                           const std::string& customer) {
  yuno::CreatePaymentRequest request;
  request.description = "yuno-cpp soak";
  request.country = "US";
  request.merchant_order_id = order_id;
  request.amount = yuno::Amount(yuno::Decimal::parse("10.00"), "USD");
  request.workflow = yuno::PaymentWorkflow::kDirect;
  request.checkout = yuno::PaymentCheckout{};
  request.checkout->session = session;
  request.customer_payer = yuno::CustomerPayer{};
  request.customer_payer->id = customer;
  yuno::CardData data;
  data.number = card.number;
  data.expiration_month = 11;
  data.expiration_year = 2028;
  data.security_code = card.cvv;
  data.holder_name = "JOHN DOE";
  yuno::CardDetail detail;
  detail.capture = true;
  detail.card_data = data;
  request.payment_method = yuno::PaymentMethod{};
  request.payment_method->type = "CARD";
  request.payment_method->detail = yuno::PaymentMethodDetail{};
  request.payment_method->detail->card = detail;
  return request;
}

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

double ms(std::chrono::microseconds us) { return static_cast<double>(us.count()) / 1000.0; }

int run(const Args& args) {
  std::unique_ptr<SandboxChild> child;
  std::string base_url = args.sandbox_url;
  yuno::ClientOptions options;
  if (base_url.empty()) {
    child = std::make_unique<SandboxChild>(args.sandbox_exe);
    base_url = child->url();
    options.public_api_key = kDemoPublicKey;
    options.private_secret_key = kDemoSecretKey;
    options.account_id = kDemoAccountId;
  } else {
    options.public_api_key = env_or("YUNO_PUBLIC_API_KEY", kDemoPublicKey);
    options.private_secret_key = env_or("YUNO_PRIVATE_SECRET_KEY", kDemoSecretKey);
    options.account_id = env_or("YUNO_ACCOUNT_ID", kDemoAccountId);
  }
  options.base_url = base_url;
  options.timeout = 30s;
  options.overall_timeout = 300s;
  options.max_retries = 2;
  options.backoff.initial_delay = 10ms;
  options.backoff.max_delay = 200ms;
  options.backoff.max_retry_after = std::chrono::milliseconds(args.max_retry_after_ms);

  const Control control(base_url);
  const nlohmann::json faults_off = {{"server_error_rate", 0}, {"rate_limit_rate", 0},
                                     {"latency_rate", 0},      {"drop_before_rate", 0},
                                     {"drop_after_rate", 0}};
  std::string customer_id;
  std::string session_id;
  const std::string run_id = std::to_string(
      std::chrono::system_clock::now().time_since_epoch() / std::chrono::milliseconds(1));
  try {
    control.call("PUT", "/_sandbox/faults", faults_off);
    const yuno::YunoClient setup(options);
    yuno::CreateCustomerRequest customer;
    customer.merchant_customer_id = "soak-customer-" + run_id;
    customer.first_name = "John";
    customer.last_name = "Doe";
    customer.email = "john.doe@example.com";
    customer.country = "US";
    customer_id = setup.customers().create(customer).id;
    yuno::CreateCheckoutSessionRequest session;
    session.merchant_order_id = "soak-session-" + run_id;
    session.payment_description = "yuno-cpp soak";
    session.country = "US";
    session.customer_id = customer_id;
    session.amount = yuno::CheckoutAmount{};
    session.amount->currency = "USD";
    session.amount->value = yuno::Decimal::parse("10.00");
    session_id = setup.checkout_sessions().create(session).id;
  } catch (const std::exception& e) {
    std::cerr << "yuno_soak: set-up failed: " << e.what() << "\n";
    return 3;
  }
  const long payments_before = control.call("GET", "/_sandbox/stats").value("payments", 0L);

  // Payments under faults, through one shared client whose every attempt is counted.
  Tally tally;
  yuno::ClientOptions soak_options = options;
  soak_options.max_retries = args.max_retries;
  if (args.control_fresh_keys) soak_options.transport = std::make_shared<FreshKeyPerAttempt>();
  soak_options.observer = [&tally](const yuno::AttemptEvent& event) {
    if (event.phase == yuno::AttemptEvent::Phase::kStarted) {
      ++tally.attempts;
      return;
    }
    std::lock_guard<std::mutex> lock(tally.mutex);
    if (event.status_code) {
      ++tally.statuses[*event.status_code];
    } else {
      ++tally.no_response;
    }
    if (event.retry_reason != yuno::RetryReason::kNone) {
      ++tally.retries_by_reason[std::string(yuno::to_string(event.retry_reason))];
    }
  };
  control.call("PUT", "/_sandbox/faults",
               {{"seed", args.seed},
                {"server_error_rate", args.server_error_rate},
                {"rate_limit_rate", args.rate_limit_rate},
                {"retry_after_seconds", 1},
                {"latency_rate", args.latency_rate},
                {"latency_ms", args.latency_ms},
                {"drop_before_rate", args.drop_before_rate},
                {"drop_after_rate", args.drop_after_rate}});
  const yuno::YunoClient client(soak_options);
  std::vector<Outcome> outcomes(static_cast<std::size_t>(args.payments));
  std::atomic<long> next{0};
  const auto started = Clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < args.threads; ++t) {
    workers.emplace_back([&] {
      for (long i = next++; i < args.payments; i = next++) {
        Outcome& outcome = outcomes[static_cast<std::size_t>(i)];
        outcome.order_id = "soak-" + run_id + "-" + std::to_string(i);
        const auto request = payment_request(outcome.order_id, kCards[i % 4], session_id,
                                             customer_id);
        const auto call_started = Clock::now();
        try {
          outcome.payment_id = client.payments().create(request).id;
        } catch (const yuno::Error& e) {
          outcome.error = error_name(e);
        } catch (const std::exception& e) {
          outcome.error = std::string("non-yuno exception ") + typeid(e).name();
        }
        outcome.latency =
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - call_started);
      }
    });
  }
  for (auto& worker : workers) worker.join();
  const auto wall = Clock::now() - started;
  const nlohmann::json faults =
      control.call("GET", "/_sandbox/stats").value("faults", nlohmann::json::object());
  control.call("PUT", "/_sandbox/faults", faults_off);

  // Afterwards, faults off: the payments stored for each order.
  std::vector<long> found(outcomes.size(), -1);
  std::vector<std::string> found_id(outcomes.size());
  {
    const yuno::YunoClient checker(options);
    std::atomic<long> next_check{0};
    std::vector<std::thread> checkers;
    for (int t = 0; t < std::min(args.threads, 8); ++t) {
      checkers.emplace_back([&] {
        for (long i = next_check++; i < args.payments; i = next_check++) {
          const auto index = static_cast<std::size_t>(i);
          try {
            const auto list =
                checker.payments().retrieve_by_merchant_order_id(outcomes[index].order_id);
            found[index] = static_cast<long>(list.size());
            if (list.size() == 1) found_id[index] = list.front().id;
          } catch (const std::exception&) {
            found[index] = -1;  // counted as unchecked below
          }
        }
      });
    }
    for (auto& checker_thread : checkers) checker_thread.join();
  }
  const long stored =
      control.call("GET", "/_sandbox/stats").value("payments", 0L) - payments_before;

  long exactly_one = 0, duplicates = 0, lost = 0, unchecked = 0, mismatched = 0, found_total = 0;
  long errors_with_payment = 0, untyped = 0;
  std::map<std::string, long> errors_by_type;
  std::vector<std::chrono::microseconds> latencies;
  latencies.reserve(outcomes.size());
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const Outcome& outcome = outcomes[i];
    latencies.push_back(outcome.latency);
    if (!outcome.error.empty()) {
      ++errors_by_type[outcome.error];
      if (outcome.error.rfind("non-yuno", 0) == 0) ++untyped;
      if (found[i] >= 1) ++errors_with_payment;
    }
    if (found[i] < 0) {
      ++unchecked;
      continue;
    }
    found_total += found[i];
    if (found[i] == 0) ++lost;
    if (found[i] == 1) ++exactly_one;
    if (found[i] > 1) ++duplicates;
    if (!outcome.payment_id.empty() && found[i] == 1 && found_id[i] != outcome.payment_id) {
      ++mismatched;
    }
  }
  std::sort(latencies.begin(), latencies.end());
  const auto percentile = [&](double p) {
    const auto index = static_cast<std::size_t>(p * static_cast<double>(latencies.size() - 1));
    return latencies[index];
  };
  long retries = 0;
  for (const auto& [reason, count] : tally.retries_by_reason) retries += count;

  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(1);
  const double wall_s = std::chrono::duration<double>(wall).count();
  out << "yuno_soak: " << args.payments << " payments, " << args.threads << " threads, seed "
      << args.seed << ", max_retries " << args.max_retries << ", Retry-After capped at "
      << args.max_retry_after_ms << " ms, sandbox " << base_url << "\n";
  if (args.control_fresh_keys) {
    out << "CONTROL RUN: a fresh idempotency key on every attempt (duplicates expected)\n";
  }
  out.precision(2);
  out
      << "fault mix: server_error " << args.server_error_rate << "  rate_limit "
      << args.rate_limit_rate << " (Retry-After 1 s)  latency " << args.latency_rate << " ("
      << args.latency_ms << " ms)  drop_before " << args.drop_before_rate << "  drop_after "
      << args.drop_after_rate << "\n";
  out.precision(1);
  out << "faults injected:    " << faults.dump() << "\n"
      << "calls made:         " << args.payments << "\n"
      << "attempts:           " << tally.attempts << " (without an HTTP response: "
      << tally.no_response << ")\n"
      << "retries:            " << retries << " by reason:";
  for (const auto& [reason, count] : tally.retries_by_reason) out << " " << reason << "=" << count;
  out << "\nstatuses seen:     ";
  for (const auto& [status, count] : tally.statuses) out << " " << status << "=" << count;
  out << "\nerrors by type:    ";
  if (errors_by_type.empty()) out << " none";
  for (const auto& [type, count] : errors_by_type) out << " [" << type << "]=" << count;
  out << "\n"
      << "orders with exactly 1 payment: " << exactly_one << " of " << args.payments
      << " (failed calls whose payment exists: " << errors_with_payment << ")\n"
      << "duplicates:         " << duplicates << "\n"
      << "lost:               " << lost << "\n"
      << "mismatched:         " << mismatched << " (returned payment is not the stored one)\n"
      << "unchecked:          " << unchecked << "\n"
      << "payments stored:    " << stored << " (listed per order: " << found_total << ")\n"
      << "wall time:          " << wall_s << " s ("
      << static_cast<double>(args.payments) / wall_s << " payments/s)\n";
  out.precision(2);
  out << "call latency:       p50 " << ms(percentile(0.50)) << " ms, p99 " << ms(percentile(0.99))
      << " ms, max " << ms(latencies.back()) << " ms (retries and backoff included)\n";
  const bool ok = duplicates == 0 && lost == 0 && mismatched == 0 && unchecked == 0 &&
                  untyped == 0 && stored == found_total;
  out << (ok ? "RESULT: PASS, every order has exactly one payment\n"
             : "RESULT: FAIL, exactly-once violated (see above)\n");
  std::cout << out.str() << std::flush;
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  ::signal(SIGPIPE, SIG_IGN);
  // Proxy variables would send 127.0.0.1 traffic elsewhere.
  for (const char* name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                           "ALL_PROXY"}) {
    ::unsetenv(name);
  }
  Args args;
  try {
    args = parse_args(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "yuno_soak: " << e.what() << "\n";
    usage(std::cerr);
    return 2;
  }
  try {
    return run(args);
  } catch (const std::exception& e) {
    std::cerr << "yuno_soak: " << e.what() << "\n";
    return 3;
  }
}
