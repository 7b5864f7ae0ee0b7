// yuno_bench_e2e: the SDK against hand-written libcurl loops, side by side in one run, over
// real HTTP and HTTPS to a local nginx (issue #6). Prints one table and the target ratios.
//
//   ./scripts/bench.sh                      # builds (Release) and runs everything
//   build/bench/bench/yuno_bench_e2e --help
//
// What is compared, each doing the same work per request (build the create-payment request,
// serialise it, send it, parse the 3 KB answer into a yuno::Payment):
//   SDK           client.payments().create(request) / retrieve(id), one YunoClient per row
//   hand-written  one libcurl easy handle reused + nlohmann, the best plain code
//   naive         the same with a new easy handle per request (new connection, handshake,
//                 CA file loaded every time)
//   curl_multi    one thread, N requests in flight on one multi handle (the async reference)
// Client CPU is getrusage(RUSAGE_SELF) of this process only: nginx, the delay server and
// yuno-sandbox are separate processes.
#include <curl/curl.h>
#include <openssl/opensslv.h>
#include <openssl/rand.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iomanip>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <yuno/yuno.hpp>

#include "servers.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using bench::ConnectionCount;

// ---- Options ------------------------------------------------------------------------------

struct Options {
  double seconds = 2.0;          // measured time of each row
  int rounds = 1;                // rows are repeated; each figure is the median
  long warmup = 300;             // requests per thread (or in flight) before measuring
  long memory_requests = 100000; // the RSS row
  int threads = 8;
  int in_flight = 8;
  int delay_in_flight = 64;
  int delay_ms = 50;
  int sandbox_threads = 16;
  std::string nginx = "/usr/sbin/nginx";
  std::string sandbox = YUNO_BENCH_SANDBOX_PATH;
  std::string data_dir = YUNO_BENCH_DATA_DIR;
  std::string nginx_conf = YUNO_BENCH_NGINX_CONF;
  std::string system_ca = "/etc/ssl/certs/ca-certificates.crt";
  std::string only;              // run the rows whose id contains this
  std::string markdown_out;      // also write the table here
};

const char* const kUsage = R"(yuno_bench_e2e: the SDK vs hand-written libcurl loops (issue #6)

Options (defaults in brackets):
  --seconds S           measured seconds per row [2]
  --rounds N            run every row N times, report medians [1]
  --warmup N            requests per thread before measuring [300]
  --memory-requests N   requests of the RSS-growth row; 0 skips it [100000]
  --threads N           threads of the multi-threaded rows [8]
  --in-flight N         requests in flight of the async rows [8]
  --delay-in-flight N   in flight against the delay server [64]
  --delay-ms N          the delay server's added latency [50]
  --nginx PATH          nginx binary [/usr/sbin/nginx]
  --sandbox PATH|none   yuno-sandbox binary [the one built with this program]
  --sandbox-threads N   its worker threads [16]
  --system-ca FILE      CA bundle the TLS clients load (the benchmark CA is appended)
                        [/etc/ssl/certs/ca-certificates.crt]
  --only TEXT           only the rows whose id contains TEXT (e.g. https, sdk, delay)
  --markdown FILE       also write the table and targets as Markdown to FILE
  --quick               a smoke run: 0.5 s rows, 5,000-request RSS row
)";

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else if (arg == "--seconds") {
      o.seconds = std::stod(value());
    } else if (arg == "--rounds") {
      o.rounds = std::stoi(value());
    } else if (arg == "--warmup") {
      o.warmup = std::stol(value());
    } else if (arg == "--memory-requests") {
      o.memory_requests = std::stol(value());
    } else if (arg == "--threads") {
      o.threads = std::stoi(value());
    } else if (arg == "--in-flight") {
      o.in_flight = std::stoi(value());
    } else if (arg == "--delay-in-flight") {
      o.delay_in_flight = std::stoi(value());
    } else if (arg == "--delay-ms") {
      o.delay_ms = std::stoi(value());
    } else if (arg == "--nginx") {
      o.nginx = value();
    } else if (arg == "--sandbox") {
      o.sandbox = value();
    } else if (arg == "--sandbox-threads") {
      o.sandbox_threads = std::stoi(value());
    } else if (arg == "--system-ca") {
      o.system_ca = value();
    } else if (arg == "--only") {
      o.only = value();
    } else if (arg == "--markdown") {
      o.markdown_out = value();
    } else if (arg == "--quick") {
      o.seconds = 0.5;
      o.warmup = 50;
      o.memory_requests = 5000;
    } else {
      throw std::invalid_argument("unknown option " + arg + " (see --help)");
    }
  }
  if (o.seconds <= 0 || o.rounds < 1 || o.warmup < 0 || o.memory_requests < 0 || o.threads < 1 ||
      o.in_flight < 1 || o.delay_in_flight < 1 || o.delay_ms < 0 || o.sandbox_threads < 1) {
    throw std::invalid_argument("option out of range (see --help)");
  }
  return o;
}

// ---- What every request does ----------------------------------------------------------------

struct Workload {
  yuno::CreatePaymentRequest create;  // the 1 KB create-payment request
  std::string payment_id;             // id of the canned payment (retrieve)
};

// Where requests go, and how its connections are counted.
struct Endpoint {
  std::string name;       // "nginx http"
  std::string base_url;   // without /v1
  std::string ca_bundle;  // TLS only
  bool tls = false;
  std::function<std::int64_t()> mark;                       // empty: connections unknown
  std::function<ConnectionCount(std::int64_t)> since;
};

// Checks the parsed answer, so that no work can be skipped and a wrong answer is an error.
void check(const yuno::Payment& payment, const std::string& expected_id) {
  if (payment.id != expected_id) throw std::runtime_error("unexpected payment id in the answer");
}

// UUID v4 from OpenSSL's generator, as any careful hand-written client would make its keys.
std::string uuid_v4() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed");
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 0x0F];
  }
  return out;
}

size_t append_body(char* data, size_t size, size_t count, void* userdata) {
  static_cast<std::string*>(userdata)->append(data, size * count);
  return size * count;
}

// ---- The hand-written client: the reference loop (and, with a new handle every time, the
// naive one) --------------------------------------------------------------------------------

class HandWritten {
 public:
  HandWritten(const Endpoint& endpoint, bool reuse_handle)
      : tls_(endpoint.tls), ca_bundle_(endpoint.ca_bundle), reuse_(reuse_handle) {
    create_url_ = endpoint.base_url + "/v1/payments";
    retrieve_prefix_ = endpoint.base_url + "/v1/payments/";
    fixed_headers_ = {std::string("public-api-key: ") + bench::kSandboxPublicKey,
                      std::string("private-secret-key: ") + bench::kSandboxSecretKey,
                      std::string("account-code: ") + bench::kSandboxAccountId,
                      "Accept: application/json", "User-Agent: hand-written/1.0"};
    if (reuse_) handle_ = new_handle();
  }
  ~HandWritten() {
    if (handle_ != nullptr) curl_easy_cleanup(handle_);
  }
  HandWritten(const HandWritten&) = delete;
  HandWritten& operator=(const HandWritten&) = delete;

  yuno::Payment create(const yuno::CreatePaymentRequest& request) {
    const std::string body = nlohmann::json(request).dump();
    curl_slist* headers = base_headers();
    headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, ("X-Idempotency-Key: " + uuid_v4()).c_str());
    headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
    return exchange(create_url_, headers, &body);
  }

  yuno::Payment retrieve(const std::string& id) {
    return exchange(retrieve_prefix_ + id, base_headers(), nullptr);
  }

  // The answer of GET /v1/payments/{id} as the server sent it.
  std::string retrieve_text(const std::string& id) {
    fetch(retrieve_prefix_ + id, base_headers(), nullptr);
    return response_;
  }

  // Builds the request for `slot`-style use by the curl_multi loop.
  static curl_slist* create_headers(const std::vector<std::string>& fixed) {
    curl_slist* headers = nullptr;
    for (const auto& line : fixed) headers = curl_slist_append(headers, line.c_str());
    headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, ("X-Idempotency-Key: " + uuid_v4()).c_str());
    return curl_slist_append(headers, "Expect:");
  }
  const std::vector<std::string>& fixed_headers() const { return fixed_headers_; }
  const std::string& create_url() const { return create_url_; }
  CURL* new_handle() const {
    CURL* h = curl_easy_init();
    if (h == nullptr) throw std::runtime_error("curl_easy_init failed");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 75000L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &append_body);
    if (tls_) curl_easy_setopt(h, CURLOPT_CAINFO, ca_bundle_.c_str());
    return h;
  }

 private:
  curl_slist* base_headers() const {
    curl_slist* headers = nullptr;
    for (const auto& line : fixed_headers_) headers = curl_slist_append(headers, line.c_str());
    return headers;
  }

  yuno::Payment exchange(const std::string& url, curl_slist* headers, const std::string* body) {
    fetch(url, headers, body);
    return nlohmann::json::parse(response_).get<yuno::Payment>();
  }

  // Sends the request; the answer's body is left in response_.
  void fetch(const std::string& url, curl_slist* headers, const std::string* body) {
    CURL* h = reuse_ ? handle_ : new_handle();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, static_cast<void*>(&response_));
    if (body != nullptr) {
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
      curl_easy_setopt(h, CURLOPT_POSTFIELDS, body->c_str());
    } else {
      curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    }
    response_.clear();
    const CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, static_cast<const char*>(nullptr));
    if (!reuse_) curl_easy_cleanup(h);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) throw std::runtime_error(std::string("curl: ") + curl_easy_strerror(rc));
    if (status < 200 || status > 299) throw std::runtime_error("HTTP " + std::to_string(status));
  }

  bool tls_;
  std::string ca_bundle_;
  bool reuse_;
  CURL* handle_ = nullptr;
  std::string create_url_;
  std::string retrieve_prefix_;
  std::vector<std::string> fixed_headers_;
  std::string response_;
};

yuno::YunoClient make_sdk_client(const Endpoint& endpoint) {
  yuno::ClientOptions options;
  options.public_api_key = bench::kSandboxPublicKey;
  options.private_secret_key = bench::kSandboxSecretKey;
  options.account_id = bench::kSandboxAccountId;
  options.base_url = endpoint.base_url;
  if (endpoint.tls) options.ca_bundle_path = endpoint.ca_bundle;
  return yuno::YunoClient(std::move(options));
}

// ---- Measuring --------------------------------------------------------------------------------

struct CpuSample {
  double seconds = 0;
  long context_switches = 0;  // voluntary (waits) + involuntary (preempted)
};

CpuSample cpu_sample() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return {seconds(usage.ru_utime) + seconds(usage.ru_stime), usage.ru_nvcsw + usage.ru_nivcsw};
}

struct RunStats {
  long requests = 0;
  long errors = 0;
  double seconds = 0;
  double cpu_seconds = 0;
  long context_switches = 0;
  std::vector<std::uint32_t> latencies_us;
  std::string first_error;
  ConnectionCount connections;
  long rss_before_kib = 0;
  long rss_after_kib = 0;
};

// The measured window: wall time, CPU and RSS from open() (after the warm-up); connections
// from construction (the row's start: the warm-up opens them).
class Window {
 public:
  explicit Window(const Endpoint& endpoint) : endpoint_(endpoint) {
    if (endpoint_.mark) mark_ = endpoint_.mark();
  }
  void open(RunStats& stats) {
    stats.rss_before_kib = bench::current_rss_kib();
    cpu_ = cpu_sample();
    started_ = Clock::now();
  }
  void close(RunStats& stats) const {
    stats.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    const CpuSample now = cpu_sample();
    stats.cpu_seconds = now.seconds - cpu_.seconds;
    stats.context_switches = now.context_switches - cpu_.context_switches;
    stats.rss_after_kib = bench::current_rss_kib();
    if (endpoint_.since) stats.connections = endpoint_.since(mark_);
  }
  double elapsed() const { return std::chrono::duration<double>(Clock::now() - started_).count(); }

 private:
  const Endpoint& endpoint_;
  std::int64_t mark_ = 0;
  CpuSample cpu_;
  Clock::time_point started_;
};

struct Limits {
  double seconds = 2;
  long warmup = 0;          // per thread, or completions of an async loop
  long total_requests = 0;  // > 0: stop after this many instead of after `seconds`
};

std::uint32_t micros_since(Clock::time_point start) {
  return static_cast<std::uint32_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count());
}

using Call = std::function<void()>;
// Called once on each worker thread: makes that thread's call (its own handle, or a lambda
// sharing one client).
using CallFactory = std::function<Call()>;

// `threads` threads call their Call in a loop; only the window after every thread's warm-up
// is measured.
RunStats run_threads(int threads, const CallFactory& make_call, const Limits& limits,
                     const Endpoint& endpoint) {
  struct PerThread {
    std::vector<std::uint32_t> latencies;
    long ok = 0;
    long errors = 0;
    std::string first_error;
  };
  std::vector<PerThread> per(static_cast<std::size_t>(threads));
  std::mutex mutex;
  std::condition_variable cv;
  int ready = 0;
  bool go = false;
  std::atomic<bool> stop{false};
  std::atomic<long> budget{limits.total_requests};

  const auto worker = [&](PerThread& mine) {
    Call call;
    const auto note = [&mine](const std::exception& e) {
      ++mine.errors;
      if (mine.first_error.empty()) mine.first_error = e.what();
    };
    try {
      call = make_call();
      for (long i = 0; i < limits.warmup && !bench::g_interrupted; ++i) call();
    } catch (const std::exception& e) {
      note(e);
    }
    {
      std::unique_lock<std::mutex> lock(mutex);
      ++ready;
      cv.notify_all();
      cv.wait(lock, [&] { return go; });
    }
    if (!call || mine.errors > 0) return;  // the warm-up failed: report it, measure nothing
    mine.latencies.reserve(1 << 16);
    while (!stop.load(std::memory_order_relaxed) && !bench::g_interrupted) {
      if (limits.total_requests > 0 && budget.fetch_sub(1) <= 0) break;
      const auto start = Clock::now();
      try {
        call();
        ++mine.ok;
        mine.latencies.push_back(micros_since(start));
      } catch (const std::exception& e) {
        note(e);
      }
    }
  };

  RunStats stats;
  Window window(endpoint);
  std::vector<std::thread> pool;
  for (auto& mine : per) pool.emplace_back(worker, std::ref(mine));
  {
    std::unique_lock<std::mutex> lock(mutex);
    cv.wait(lock, [&] { return ready == threads; });
    window.open(stats);
    go = true;
    cv.notify_all();
  }
  if (limits.total_requests <= 0) {
    while (window.elapsed() < limits.seconds && !bench::g_interrupted) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    stop = true;
  }
  for (auto& thread : pool) thread.join();
  window.close(stats);
  for (auto& mine : per) {
    stats.requests += mine.ok;
    stats.errors += mine.errors;
    if (stats.first_error.empty()) stats.first_error = mine.first_error;
    stats.latencies_us.insert(stats.latencies_us.end(), mine.latencies.begin(), mine.latencies.end());
  }
  return stats;
}

// The asynchronous reference: one thread, `in_flight` requests on one curl_multi handle, each
// doing the hand-written loop's work (serialise + UUID + headers, parse into yuno::Payment).
RunStats run_curl_multi(const Endpoint& endpoint, const Workload& workload, int in_flight,
                        const Limits& limits, const std::string& expected_id) {
  HandWritten prototype(endpoint, false);
  struct Slot {
    CURL* handle = nullptr;
    curl_slist* headers = nullptr;
    std::string body;
    std::string response;
    Clock::time_point started;
  };
  std::vector<Slot> slots(static_cast<std::size_t>(in_flight));
  CURLM* multi = curl_multi_init();
  if (multi == nullptr) throw std::runtime_error("curl_multi_init failed");
  for (auto& slot : slots) {
    slot.handle = prototype.new_handle();
    curl_easy_setopt(slot.handle, CURLOPT_URL, prototype.create_url().c_str());
    curl_easy_setopt(slot.handle, CURLOPT_WRITEDATA, static_cast<void*>(&slot.response));
    curl_easy_setopt(slot.handle, CURLOPT_PRIVATE, static_cast<void*>(&slot));
  }
  const auto start = [&](Slot& slot) {
    slot.body = nlohmann::json(workload.create).dump();
    slot.headers = HandWritten::create_headers(prototype.fixed_headers());
    slot.response.clear();
    curl_easy_setopt(slot.handle, CURLOPT_HTTPHEADER, slot.headers);
    curl_easy_setopt(slot.handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(slot.body.size()));
    curl_easy_setopt(slot.handle, CURLOPT_POSTFIELDS, slot.body.c_str());
    slot.started = Clock::now();
    curl_multi_add_handle(multi, slot.handle);
  };

  RunStats stats;
  Window window(endpoint);
  bool measuring = limits.warmup == 0;
  if (measuring) window.open(stats);
  long completions = 0;
  long active = 0;
  bool stopping = false;
  for (auto& slot : slots) {
    start(slot);
    ++active;
  }
  while (active > 0) {
    int running = 0;
    curl_multi_perform(multi, &running);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Slot* slot = nullptr;
      curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&slot));
      const CURLcode rc = msg->data.result;
      long status = 0;
      curl_easy_getinfo(slot->handle, CURLINFO_RESPONSE_CODE, &status);
      curl_multi_remove_handle(multi, slot->handle);
      curl_slist_free_all(slot->headers);
      slot->headers = nullptr;
      try {
        if (rc != CURLE_OK) throw std::runtime_error(std::string("curl: ") + curl_easy_strerror(rc));
        if (status < 200 || status > 299) throw std::runtime_error("HTTP " + std::to_string(status));
        check(nlohmann::json::parse(slot->response).get<yuno::Payment>(), expected_id);
        if (measuring) {
          ++stats.requests;
          stats.latencies_us.push_back(micros_since(slot->started));
        }
      } catch (const std::exception& e) {
        ++stats.errors;
        if (stats.first_error.empty()) stats.first_error = e.what();
      }
      ++completions;
      if (!measuring && completions >= limits.warmup) {
        measuring = true;
        window.open(stats);
      }
      if (measuring && (window.elapsed() >= limits.seconds || bench::g_interrupted)) stopping = true;
      if (stopping) {
        --active;
      } else {
        start(*slot);
      }
    }
    if (active > 0) curl_multi_poll(multi, nullptr, 0, 100, nullptr);
  }
  window.close(stats);
  for (auto& slot : slots) curl_easy_cleanup(slot.handle);
  curl_multi_cleanup(multi);
  return stats;
}

// ---- The SDK's asynchronous API ------------------------------------------------------------------

// One thread keeps `in_flight` create_async calls going (std::futures), waiting on the oldest;
// the SDK's transport runs them on its own curl_multi thread.
RunStats run_sdk_async(const yuno::PaymentsClient& payments, const Endpoint& endpoint,
                       const Workload& workload, int in_flight, const Limits& limits,
                       const std::string& expected_id) {
  std::deque<std::pair<std::future<yuno::Response<yuno::Payment>>, Clock::time_point>> pending;
  RunStats stats;
  Window window(endpoint);
  bool measuring = limits.warmup == 0;
  if (measuring) window.open(stats);
  long completions = 0;
  bool stopping = false;
  for (;;) {
    while (!stopping && static_cast<int>(pending.size()) < in_flight) {
      pending.emplace_back(payments.create_async(workload.create), Clock::now());
    }
    if (pending.empty()) break;
    auto [call, started] = std::move(pending.front());
    pending.pop_front();
    try {
      check(call.get(), expected_id);
      if (measuring) {
        ++stats.requests;
        stats.latencies_us.push_back(micros_since(started));
      }
    } catch (const std::exception& e) {
      ++stats.errors;
      if (stats.first_error.empty()) stats.first_error = e.what();
    }
    ++completions;
    if (!measuring && completions >= limits.warmup) {
      measuring = true;
      window.open(stats);
    }
    if (measuring && (window.elapsed() >= limits.seconds || bench::g_interrupted)) stopping = true;
  }
  window.close(stats);
  return stats;
}

// The callback flavour: `in_flight` create_async calls whose callbacks, on the SDK's
// curl_multi thread, check the result and start the next call. This thread only waits for
// the end; like the raw curl_multi loop, no thread sleeps per request.
RunStats run_sdk_callback(const yuno::PaymentsClient& payments, const Endpoint& endpoint,
                          const Workload& workload, int in_flight, const Limits& limits,
                          const std::string& expected_id) {
  using Result = yuno::Response<yuno::Payment>;
  struct Driver {
    std::mutex mutex;  // the callbacks run on one thread; this guards the hand-over only
    std::condition_variable finished;
    long active = 0;
    long completions = 0;
    bool measuring = false;
    bool stopping = false;
    RunStats stats;
  } d;
  Window window(endpoint);
  d.measuring = limits.warmup == 0;
  if (d.measuring) window.open(d.stats);
  std::function<void()> start;
  start = [&] {
    const auto started = Clock::now();
    payments.create_async(workload.create, {}, [&, started](std::future<Result> call) {
      std::string error;
      try {
        check(call.get(), expected_id);
      } catch (const std::exception& e) {
        error = e.what();
        if (error.empty()) error = "unknown error";
      }
      std::unique_lock<std::mutex> lock(d.mutex);
      if (!error.empty()) {
        ++d.stats.errors;
        if (d.stats.first_error.empty()) d.stats.first_error = error;
      } else if (d.measuring) {
        ++d.stats.requests;
        d.stats.latencies_us.push_back(micros_since(started));
      }
      ++d.completions;
      if (!d.measuring && d.completions >= limits.warmup) {
        d.measuring = true;
        window.open(d.stats);
      }
      if (d.measuring && (window.elapsed() >= limits.seconds || bench::g_interrupted)) {
        d.stopping = true;
      }
      if (d.stopping) {
        if (--d.active == 0) {
          window.close(d.stats);
          d.finished.notify_all();
        }
        return;
      }
      lock.unlock();
      start();
    });
  };
  {
    std::lock_guard<std::mutex> lock(d.mutex);
    d.active = in_flight;
  }
  for (int i = 0; i < in_flight; ++i) start();
  std::unique_lock<std::mutex> lock(d.mutex);
  d.finished.wait(lock, [&] { return d.active == 0; });
  return std::move(d.stats);
}

// ---- Rows and their summary ---------------------------------------------------------------------

struct Summary {
  double rps = 0;
  double cpu_us = 0;
  double switches = 0;  // context switches of this process per request
  double p50_us = 0;
  double p99_us = 0;
  long requests = 0;
  long errors = 0;
  ConnectionCount connections;
  double peak_rss_mib = 0;
  double rss_growth_kib = 0;
  std::string first_error;
};

double percentile(std::vector<std::uint32_t>& values, double p) {
  if (values.empty()) return 0;
  const auto k = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
  return values[k];
}

Summary summarize(RunStats& stats) {
  Summary s;
  s.requests = stats.requests;
  s.errors = stats.errors;
  s.first_error = stats.first_error;
  if (stats.requests > 0 && stats.seconds > 0) {
    s.rps = static_cast<double>(stats.requests) / stats.seconds;
    s.cpu_us = stats.cpu_seconds * 1e6 / static_cast<double>(stats.requests);
    s.switches = static_cast<double>(stats.context_switches) / static_cast<double>(stats.requests);
  }
  s.p50_us = percentile(stats.latencies_us, 0.50);
  s.p99_us = percentile(stats.latencies_us, 0.99);
  s.connections = stats.connections;
  s.peak_rss_mib = static_cast<double>(bench::peak_rss_kib()) / 1024.0;
  s.rss_growth_kib = static_cast<double>(stats.rss_after_kib - stats.rss_before_kib);
  return s;
}

struct Row {
  std::string id;           // "sdk.https.8t.create": what --only matches
  std::string client;       // "SDK", "hand-written", ...
  std::string server;       // "nginx https"
  std::string concurrency;  // "8 threads"
  std::string op;           // "create"
  bool once = false;        // not repeated by --rounds
  std::function<RunStats()> run;
  std::vector<Summary> results;
};

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// The median of each figure over the rounds (connections: the first round's).
Summary aggregate(const Row& row) {
  Summary out;
  if (row.results.empty()) return out;
  out = row.results.front();
  const auto field = [&](double Summary::*member) {
    std::vector<double> values;
    for (const auto& r : row.results) values.push_back(r.*member);
    return median(values);
  };
  out.rps = field(&Summary::rps);
  out.cpu_us = field(&Summary::cpu_us);
  out.switches = field(&Summary::switches);
  out.p50_us = field(&Summary::p50_us);
  out.p99_us = field(&Summary::p99_us);
  out.peak_rss_mib = 0;
  for (const auto& r : row.results) {
    out.peak_rss_mib = std::max(out.peak_rss_mib, r.peak_rss_mib);
    out.errors = std::max(out.errors, r.errors);
    if (out.first_error.empty()) out.first_error = r.first_error;
  }
  return out;
}

std::string fixed(double value, int decimals) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(decimals) << value;
  return out.str();
}

std::string thousands(double value) {
  std::string digits = std::to_string(static_cast<long long>(value + 0.5));
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) {
    digits.insert(static_cast<std::size_t>(at), ",");
  }
  return digits;
}

std::string latency(double us) {
  return us >= 10000 ? fixed(us / 1000.0, 1) + " ms" : thousands(us) + " µs";
}

// A Markdown table whose columns line up in a terminal too.
std::string table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  // Display width: count UTF-8 lead bytes only (µ, ≥, × are two bytes, one column).
  const auto width = [](const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  };
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], width(row[i]));
  }
  std::ostringstream out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out << "|";
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const std::string cell = i < rows[r].size() ? rows[r][i] : "";
      out << " " << cell << std::string(widths[i] - width(cell), ' ') << " |";
    }
    out << "\n";
    if (r == 0) {
      out << "|";
      for (auto w : widths) out << std::string(w + 2, '-') << "|";
      out << "\n";
    }
  }
  return out.str();
}

std::string load_average() {
  try {
    std::string text = bench::read_file("/proc/loadavg");
    std::istringstream in(text);
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
  } catch (const std::exception&) {
    return "?";
  }
}

// ---- Targets ------------------------------------------------------------------------------------

struct TargetLine {
  std::string what;
  std::string measured;
  std::string goal;
  std::string verdict;  // "met", "MISSED", "n/a", or "-" for a comparison
};

class Targets {
 public:
  explicit Targets(const std::vector<Row>& rows) : rows_(rows) {}

  const Summary* find(const std::string& id) const {
    for (const auto& row : rows_) {
      if (row.id == id && !row.results.empty()) {
        cache_.push_back(std::make_unique<Summary>(aggregate(row)));
        const Summary* s = cache_.back().get();
        return s->requests > 0 ? s : nullptr;
      }
    }
    return nullptr;
  }

  const Row* row(const std::string& id) const {
    for (const auto& r : rows_) {
      if (r.id == id) return &r;
    }
    return nullptr;
  }

  // a/b of `field` (per_round_ratio), against `goal` (at least, or at most).
  void ratio(const std::string& what, const std::string& a, const std::string& b,
             double Summary::*field, double goal, bool at_least) {
    const std::optional<double> value = per_round_ratio(a, b, field);
    if (!value) {
      lines_.push_back({what, "not measured", goal_text(goal, at_least, "x"), "n/a"});
      return;
    }
    lines_.push_back({what, fixed(*value, 2) + "x", goal_text(goal, at_least, "x"),
                      verdict(*value, goal, at_least)});
  }

  // A ratio printed for comparison, with no goal: `why` says what it shows.
  void comparison(const std::string& what, const std::string& a, const std::string& b,
                  double Summary::*field, const std::string& why) {
    const std::optional<double> value = per_round_ratio(a, b, field);
    lines_.push_back({what, value ? fixed(*value, 2) + "x" : "not measured", why, "-"});
  }

  // a/b of `field`. Rows a and b run one after the other in every round (both saw the same
  // machine load): the ratio is taken per round, then the median over the rounds.
  std::optional<double> per_round_ratio(const std::string& a, const std::string& b,
                                        double Summary::*field) const {
    const Summary* x = find(a);
    const Summary* y = find(b);
    if (x == nullptr || y == nullptr || y->*field <= 0) return std::nullopt;
    double value = x->*field / y->*field;
    const Row* ra = row(a);
    const Row* rb = row(b);
    if (ra->results.size() == rb->results.size()) {
      std::vector<double> per_round;
      for (std::size_t i = 0; i < ra->results.size(); ++i) {
        const double num = ra->results[i].*field;
        const double den = rb->results[i].*field;
        if (num > 0 && den > 0) per_round.push_back(num / den);
      }
      if (!per_round.empty()) value = median(per_round);
    }
    return value;
  }

  void absolute(const std::string& what, const std::string& id, double Summary::*field,
                double goal, bool at_least, const std::string& unit) {
    const Summary* x = find(id);
    if (x == nullptr) {
      lines_.push_back({what, "not measured", goal_text(goal, at_least, unit), "n/a"});
      return;
    }
    const double value = x->*field;
    lines_.push_back({what, fixed(value, value < 100 ? 1 : 0) + unit, goal_text(goal, at_least, unit),
                      verdict(value, goal, at_least)});
  }

  // New connections of a row, and (TLS) that each had exactly one handshake.
  void connections(const std::string& what, const std::string& id, long at_most) {
    const Summary* x = find(id);
    if (x == nullptr || x->connections.opened < 0) {
      lines_.push_back({what, "not measured", "<= " + std::to_string(at_most), "n/a"});
      return;
    }
    std::string measured = std::to_string(x->connections.opened) + " connections";
    if (x->connections.full_handshakes >= 0) {
      measured += ", " + std::to_string(x->connections.full_handshakes) + " full + " +
                  std::to_string(x->connections.resumed) + " resumed handshakes";
    }
    lines_.push_back({what, measured, "<= " + std::to_string(at_most),
                      x->connections.opened <= at_most ? "met" : "MISSED"});
  }

  void note(const std::string& what, const std::string& measured, const std::string& goal,
            const std::string& verdict) {
    lines_.push_back({what, measured, goal, verdict});
  }

  const std::vector<TargetLine>& lines() const { return lines_; }

 private:
  static std::string goal_text(double goal, bool at_least, const std::string& unit) {
    return (at_least ? ">= " : "<= ") + fixed(goal, goal < 10 ? 2 : 0) + unit;
  }
  static std::string verdict(double value, double goal, bool at_least) {
    return (at_least ? value >= goal : value <= goal) ? "met" : "MISSED";
  }
  const std::vector<Row>& rows_;
  mutable std::vector<std::unique_ptr<Summary>> cache_;
  std::vector<TargetLine> lines_;
};

// ---- main -------------------------------------------------------------------------------------

int run(const Options& options) {
  const std::string body = bench::read_file(options.data_dir + "/payment_3k.json");
  Workload workload;
  workload.create = nlohmann::json::parse(bench::read_file(options.data_dir + "/create_payment_request.json"))
                        .get<yuno::CreatePaymentRequest>();
  const std::string expected_id = nlohmann::json::parse(body).at("id").get<std::string>();
  workload.payment_id = expected_id;
  const std::string sdk_body = nlohmann::json(workload.create).dump();

  // The delay server forks without exec: first, while this process has one thread.
  auto delay = std::make_unique<bench::DelayServer>(options.delay_ms, body);

  bench::TempDir dir;
  const bool system_ca = bench::make_tls_files(dir.path(), options.system_ca);
  bench::Nginx nginx(options.nginx, dir.path() + "/nginx", bench::read_file(options.nginx_conf), body);
  std::filesystem::create_directories(dir.path() + "/nginx");
  for (const char* name : {"server.pem", "server.key"}) {
    std::filesystem::copy_file(dir.path() + "/" + name, dir.path() + "/nginx/" + name,
                               std::filesystem::copy_options::overwrite_existing);
  }
  nginx.start();

  std::unique_ptr<bench::Sandbox> sandbox;
  std::string sandbox_note;
  if (options.sandbox != "none" && !options.sandbox.empty()) {
    try {
      sandbox = std::make_unique<bench::Sandbox>(options.sandbox, dir.path() + "/sandbox.log",
                                                 options.sandbox_threads);
    } catch (const std::exception& e) {
      sandbox_note = e.what();
    }
  } else {
    sandbox_note = "no yuno-sandbox binary (--sandbox)";
  }

  curl_global_init(CURL_GLOBAL_DEFAULT);
  const std::string bundle = dir.path() + "/ca-bundle.pem";
  Endpoint http{"nginx http", "http://127.0.0.1:" + std::to_string(nginx.http_port()), "", false,
                [&] { return nginx.mark(); },
                [&](std::int64_t m) { return nginx.connections_since(m, false); }};
  Endpoint https{"nginx https", "https://127.0.0.1:" + std::to_string(nginx.https_port()), bundle, true,
                 [&] { return nginx.mark(); },
                 [&](std::int64_t m) { return nginx.connections_since(m, true); }};
  Endpoint slow;
  if (delay) {
    slow = Endpoint{"delay " + std::to_string(options.delay_ms) + " ms",
                    "http://127.0.0.1:" + std::to_string(delay->port()), "", false,
                    [&] { return static_cast<std::int64_t>(delay->accepted()); },
                    [&](std::int64_t m) {
                      ConnectionCount c;
                      c.opened = delay->accepted() - static_cast<long>(m);
                      return c;
                    }};
  }
  Endpoint sandbox_endpoint;
  std::string sandbox_payment_id;
  if (sandbox) {
    sandbox_endpoint = Endpoint{"yuno-sandbox", sandbox->base_url(), "", false, {}, {}};
    try {  // a payment to read back: the same 1 KB request, DIRECT workflow, card data
      yuno::YunoClient client = make_sdk_client(sandbox_endpoint);
      sandbox_payment_id = client.payments().create(workload.create).id;
      // nginx serves the same answer for that id: the comparison row below then parses
      // exactly what the sandbox sends (about 4.4 KB, against nginx's 3 KB canned payment).
      nginx.add_answer("/v1/payments/" + sandbox_payment_id,
                       HandWritten(sandbox_endpoint, true).retrieve_text(sandbox_payment_id));
    } catch (const std::exception& e) {
      sandbox_note = std::string("could not create a payment on yuno-sandbox: ") + e.what();
      sandbox.reset();
    }
  }

  const Limits timed{options.seconds, options.warmup, 0};
  std::vector<Row> rows;
  const std::string threads_text =
      std::to_string(options.threads) + (options.threads == 1 ? " thread" : " threads");

  // Synchronous rows over nginx: SDK, hand-written, naive; 1 and N threads; HTTP and HTTPS.
  for (const Endpoint* endpoint : {&http, &https}) {
    const std::string scheme = endpoint->tls ? "https" : "http";
    for (int threads : {1, options.threads}) {
      const std::string t = threads == 1 ? "1t" : std::to_string(threads) + "t";
      const std::string concurrency = threads == 1 ? "1 thread" : threads_text;
      rows.push_back({"sdk." + scheme + "." + t + ".create", "SDK", endpoint->name,
                      concurrency + (threads == 1 ? "" : ", one client"), "create", false,
                      [=, &workload, &expected_id]() -> RunStats {
                        yuno::YunoClient client = make_sdk_client(*endpoint);
                        const yuno::PaymentsClient payments = client.payments();
                        return run_threads(threads, [&] {
                          return Call([&] { check(payments.create(workload.create), expected_id); });
                        }, timed, *endpoint);
                      }, {}});
      rows.push_back({"ref." + scheme + "." + t + ".create", "hand-written", endpoint->name,
                      concurrency + (threads == 1 ? "" : ", a handle each"), "create", false,
                      [=, &workload, &expected_id]() -> RunStats {
                        return run_threads(threads, [&] {
                          auto client = std::make_shared<HandWritten>(*endpoint, true);
                          return Call([client, &workload, &expected_id] {
                            check(client->create(workload.create), expected_id);
                          });
                        }, timed, *endpoint);
                      }, {}});
      rows.push_back({"naive." + scheme + "." + t + ".create", "naive (handle per request)",
                      endpoint->name, concurrency, "create", false,
                      [=, &workload, &expected_id]() -> RunStats {
                        Limits limits = timed;
                        limits.warmup = std::min<long>(limits.warmup, 20);
                        return run_threads(threads, [&] {
                          auto client = std::make_shared<HandWritten>(*endpoint, false);
                          return Call([client, &workload, &expected_id] {
                            check(client->create(workload.create), expected_id);
                          });
                        }, limits, *endpoint);
                      }, {}});
    }
    rows.push_back({"sdk." + scheme + ".1t.retrieve", "SDK", endpoint->name, "1 thread", "retrieve",
                    false,
                    [=, &workload, &expected_id]() -> RunStats {
                      yuno::YunoClient client = make_sdk_client(*endpoint);
                      const yuno::PaymentsClient payments = client.payments();
                      return run_threads(1, [&] {
                        return Call([&] { check(payments.retrieve(workload.payment_id), expected_id); });
                      }, timed, *endpoint);
                    }, {}});
    rows.push_back({"ref." + scheme + ".1t.retrieve", "hand-written", endpoint->name, "1 thread",
                    "retrieve", false,
                    [=, &workload, &expected_id]() -> RunStats {
                      return run_threads(1, [&] {
                        auto client = std::make_shared<HandWritten>(*endpoint, true);
                        return Call([client, &workload, &expected_id] {
                          check(client->retrieve(workload.payment_id), expected_id);
                        });
                      }, timed, *endpoint);
                    }, {}});
  }
  rows.push_back({"sdk.http." + std::to_string(options.threads) + "t.retrieve", "SDK", http.name,
                  threads_text + ", one client", "retrieve", false,
                  [&]() -> RunStats {
                    yuno::YunoClient client = make_sdk_client(http);
                    const yuno::PaymentsClient payments = client.payments();
                    return run_threads(options.threads, [&] {
                      return Call([&] { check(payments.retrieve(workload.payment_id), expected_id); });
                    }, timed, http);
                  }, {}});

  // Asynchronous rows: N in flight on one thread.
  const std::string flight = "1 thread, " + std::to_string(options.in_flight) + " in flight";
  const std::string f = std::to_string(options.in_flight) + "f";
  for (const Endpoint* endpoint : {&http, &https}) {
    const std::string scheme = endpoint->tls ? "https" : "http";
    rows.push_back({"multi." + scheme + "." + f + ".create", "curl_multi (hand-written)",
                    endpoint->name, flight, "create", false,
                    [=, &workload, &expected_id]() -> RunStats {
                      return run_curl_multi(*endpoint, workload, options.in_flight, timed, expected_id);
                    }, {}});
    rows.push_back({"sdk-async." + scheme + "." + f + ".create", "SDK async", endpoint->name, flight,
                    "create", false,
                    [=, &workload, &expected_id]() -> RunStats {
                      yuno::YunoClient client = make_sdk_client(*endpoint);
                      return run_sdk_async(client.payments(), *endpoint, workload, options.in_flight,
                                           timed, expected_id);
                    }, {}});
    rows.push_back({"sdk-cb." + scheme + "." + f + ".create", "SDK async, callbacks", endpoint->name,
                    flight, "create", false,
                    [=, &workload, &expected_id]() -> RunStats {
                      yuno::YunoClient client = make_sdk_client(*endpoint);
                      return run_sdk_callback(client.payments(), *endpoint, workload,
                                              options.in_flight, timed, expected_id);
                    }, {}});
  }
  if (delay) {
    const std::string many = "1 thread, " + std::to_string(options.delay_in_flight) + " in flight";
    const std::string df = std::to_string(options.delay_in_flight) + "f";
    Limits slow_limits = timed;
    slow_limits.seconds = std::max(options.seconds, 2.0);
    slow_limits.warmup = options.delay_in_flight * 2;
    rows.push_back({"multi.delay." + df + ".create", "curl_multi (hand-written)", slow.name, many,
                    "create", false,
                    [&, slow_limits]() -> RunStats {
                      return run_curl_multi(slow, workload, options.delay_in_flight, slow_limits,
                                            expected_id);
                    }, {}});
    rows.push_back({"sdk-async.delay." + df + ".create", "SDK async", slow.name, many, "create", false,
                    [&, slow_limits]() -> RunStats {
                      yuno::YunoClient client = make_sdk_client(slow);
                      return run_sdk_async(client.payments(), slow, workload, options.delay_in_flight,
                                           slow_limits, expected_id);
                    }, {}});
    rows.push_back({"sdk-cb.delay." + df + ".create", "SDK async, callbacks", slow.name, many,
                    "create", false,
                    [&, slow_limits]() -> RunStats {
                      yuno::YunoClient client = make_sdk_client(slow);
                      return run_sdk_callback(client.payments(), slow, workload,
                                              options.delay_in_flight, slow_limits, expected_id);
                    }, {}});
  }

  // Memory: RSS before and after N requests, after warm-up.
  if (options.memory_requests > 0) {
    rows.push_back({"sdk.http.1t.memory", "SDK", http.name, "1 thread", "create x" +
                    thousands(static_cast<double>(options.memory_requests)), true,
                    [&]() -> RunStats {
                      yuno::YunoClient client = make_sdk_client(http);
                      const yuno::PaymentsClient payments = client.payments();
                      Limits limits{0, std::max<long>(options.warmup, 2000), options.memory_requests};
                      return run_threads(1, [&] {
                        return Call([&] { check(payments.create(workload.create), expected_id); });
                      }, limits, http);
                    }, {}});
  }

  // yuno-sandbox as the server: its own figure, and nginx sending the same answer.
  if (sandbox) {
    const std::string sid = sandbox_payment_id;
    // N threads of SDK retrieves of the sandbox's payment, from `endpoint`.
    const auto retrieve_row = [&, sid](const std::string& server, const std::string& server_name,
                                       const Endpoint& endpoint) {
      rows.push_back({"sdk." + server + "." + std::to_string(options.threads) + "t.retrieve", "SDK",
                      server_name, threads_text + ", one client", "retrieve", false,
                      [&, sid]() -> RunStats {
                        yuno::YunoClient client = make_sdk_client(endpoint);
                        const yuno::PaymentsClient payments = client.payments();
                        return run_threads(options.threads, [&] {
                          return Call([&, sid] { check(payments.retrieve(sid), sid); });
                        }, timed, endpoint);
                      }, {}});
    };
    retrieve_row("http-sandbox-answer", "nginx http, sandbox's answer", http);
    retrieve_row("sandbox", "yuno-sandbox", sandbox_endpoint);
    rows.push_back({"sdk.sandbox." + std::to_string(options.threads) + "t.create", "SDK",
                    "yuno-sandbox", threads_text + ", one client", "create", false,
                    [&]() -> RunStats {
                      yuno::YunoClient client = make_sdk_client(sandbox_endpoint);
                      const yuno::PaymentsClient payments = client.payments();
                      return run_threads(options.threads, [&] {
                        return Call([&] {
                          if (payments.create(workload.create).id.empty()) {
                            throw std::runtime_error("no payment id");
                          }
                        });
                      }, timed, sandbox_endpoint);
                    }, {}});
  }

  // ---- Run ----
  std::vector<Row*> selected;
  for (auto& row : rows) {
    if (options.only.empty() || row.id.find(options.only) != std::string::npos) selected.push_back(&row);
  }
  if (selected.empty()) throw std::invalid_argument("--only " + options.only + " matches no row");
  const std::string load_before = load_average();
  std::size_t step = 0;
  std::size_t steps = 0;
  for (int round = 0; round < options.rounds; ++round) {
    for (Row* row : selected) steps += (round == 0 || !row->once) ? 1 : 0;
  }
  for (int round = 0; round < options.rounds; ++round) {
    for (Row* row : selected) {
      if (round > 0 && row->once) continue;
      if (bench::g_interrupted) throw std::runtime_error("interrupted");
      std::cerr << "[" << ++step << "/" << steps << "] " << row->id << " ... " << std::flush;
      RunStats stats = row->run();
      if (bench::g_interrupted) throw std::runtime_error("interrupted");
      row->results.push_back(summarize(stats));
      const Summary& s = row->results.back();
      std::cerr << thousands(s.rps) << " req/s, " << fixed(s.cpu_us, 1) << " µs CPU/req";
      if (s.errors > 0) std::cerr << ", " << s.errors << " errors (" << s.first_error << ")";
      std::cerr << "\n";
    }
  }
  const std::string load_after = load_average();

  // ---- Report ----
  std::ostringstream report;
  const curl_version_info_data* curl = curl_version_info(CURLVERSION_NOW);
  report << "## yuno-cpp end-to-end benchmark\n\n"
         << "- yuno-cpp " << yuno::version() << ", libcurl " << curl->version << " ("
         << (curl->ssl_version != nullptr ? curl->ssl_version : "no TLS") << "), nlohmann "
         << NLOHMANN_JSON_VERSION_MAJOR << "." << NLOHMANN_JSON_VERSION_MINOR << "."
         << NLOHMANN_JSON_VERSION_PATCH << ", " << nginx.version() << " (1 worker), "
#ifdef NDEBUG
         << "optimised build"
#else
         << "DEBUG BUILD (figures meaningless)"
#endif
         << "\n- " << std::thread::hardware_concurrency() << " CPUs; load average "
         << load_before << " before, " << load_after << " after\n"
         << "- " << options.seconds << " s per row after " << options.warmup
         << " warm-up requests per thread; " << options.rounds << " round(s), medians\n"
         << "- POST /v1/payments: " << sdk_body.size() << " B request, " << body.size()
         << " B answer; GET /v1/payments/{id}: the same answer\n"
         << "- TLS: ECDSA P-256 certificate from a CA made for the run; clients load "
         << (system_ca ? options.system_ca + " + that CA" : "that CA only (no system bundle found)")
         << "\n- CPU: getrusage(RUSAGE_SELF) of this process only, per request; "
            "ctx sw: context switches of this process (waits + preemptions); "
            "new conns: connections the server accepted during the row, warm-up included\n\n";

  std::vector<std::vector<std::string>> cells{{"row", "client", "server", "concurrency", "op",
                                               "req/s", "CPU µs/req", "ctx sw/req", "p50", "p99",
                                               "new conns",
                                               "peak RSS", "requests"}};
  for (const auto& row : rows) {
    if (row.results.empty()) continue;
    std::vector<std::string> line{row.id, row.client, row.server, row.concurrency, row.op};
    {
      const Summary s = aggregate(row);
      long total = 0;  // measured requests, all rounds
      for (const auto& r : row.results) total += r.requests;
      std::string conns = "?";
      if (s.connections.opened >= 0) {
        conns = std::to_string(s.connections.opened);
        if (s.connections.full_handshakes >= 0 && s.connections.opened > 0) {
          conns += " (" + std::to_string(s.connections.full_handshakes) + " full TLS";
          if (s.connections.resumed > 0) conns += ", " + std::to_string(s.connections.resumed) + " resumed";
          conns += ")";
        }
      }
      line.insert(line.end(), {thousands(s.rps) + (s.errors > 0 ? " (errors!)" : ""),
                               fixed(s.cpu_us, 1), fixed(s.switches, 2), latency(s.p50_us),
                               latency(s.p99_us), conns,
                               fixed(s.peak_rss_mib, 1) + " MiB", thousands(static_cast<double>(total))});
    }
    cells.push_back(std::move(line));
  }
  report << table(cells) << "\n";

  Targets targets(rows);
  const std::string n = std::to_string(options.threads) + "t";
  for (const std::string scheme : {"http", "https"}) {
    const std::string up = scheme == "http" ? "HTTP" : "HTTPS";
    targets.ratio("SDK / hand-written req/s, 1 thread, create, " + up, "sdk." + scheme + ".1t.create",
                  "ref." + scheme + ".1t.create", &Summary::rps, 0.9, true);
    targets.ratio("SDK / hand-written CPU per request, 1 thread, create, " + up,
                  "sdk." + scheme + ".1t.create", "ref." + scheme + ".1t.create", &Summary::cpu_us, 1.1,
                  false);
    targets.ratio("SDK / hand-written req/s, 1 thread, retrieve, " + up, "sdk." + scheme + ".1t.retrieve",
                  "ref." + scheme + ".1t.retrieve", &Summary::rps, 0.9, true);
    targets.ratio("SDK / hand-written CPU per request, 1 thread, retrieve, " + up,
                  "sdk." + scheme + ".1t.retrieve", "ref." + scheme + ".1t.retrieve", &Summary::cpu_us,
                  1.1, false);
  }
  targets.ratio("SDK / naive req/s, 1 thread, HTTPS", "sdk.https.1t.create", "naive.https.1t.create",
                &Summary::rps, 50, true);
  targets.connections("SDK connections opened, 1 thread, HTTPS", "sdk.https.1t.create", 1);
  for (const std::string scheme : {"http", "https"}) {
    const std::string up = scheme == "http" ? "HTTP" : "HTTPS";
    targets.ratio("SDK shared by " + std::to_string(options.threads) + " threads / " +
                      std::to_string(options.threads) + " raw handles, req/s, " + up,
                  "sdk." + scheme + "." + n + ".create", "ref." + scheme + "." + n + ".create",
                  &Summary::rps, 0.9, true);
    targets.ratio("SDK " + std::to_string(options.threads) + " threads / SDK 1 thread, req/s, " + up,
                  "sdk." + scheme + "." + n + ".create", "sdk." + scheme + ".1t.create", &Summary::rps,
                  1.3, true);
    targets.connections("SDK connections opened, " + std::to_string(options.threads) + " threads, " + up,
                        "sdk." + scheme + "." + n + ".create", options.threads);
  }
  for (const std::string scheme : {"http", "https"}) {
    const std::string up = scheme == "http" ? "HTTP" : "HTTPS";
    targets.ratio("SDK async (callbacks) / curl_multi req/s, " + std::to_string(options.in_flight) +
                      " in flight, " + up,
                  "sdk-cb." + scheme + "." + f + ".create", "multi." + scheme + "." + f + ".create",
                  &Summary::rps, 0.9, true);
    // The target is the callback flavour's: it is the one whose shape matches "one async
    // thread" (docs/performance.md). Futures add a thread hand-over per call.
    targets.comparison("(comparison) SDK async (futures) / curl_multi req/s, same, " + up,
                       "sdk-async." + scheme + "." + f + ".create",
                       "multi." + scheme + "." + f + ".create", &Summary::rps,
                       "no goal: the caller's thread sleeps in get() for every call");
  }
  const double ideal = options.delay_ms > 0 ? options.delay_in_flight * 1000.0 / options.delay_ms : 0;
  const std::string df = std::to_string(options.delay_in_flight) + "f";
  targets.absolute("SDK async (futures) req/s, " + std::to_string(options.delay_in_flight) +
                       " in flight, " + std::to_string(options.delay_ms) + " ms server latency",
                   "sdk-async.delay." + df + ".create", &Summary::rps, 0.9 * ideal, true, " req/s");
  targets.absolute("SDK async (callbacks) req/s, same", "sdk-cb.delay." + df + ".create",
                   &Summary::rps, 0.9 * ideal, true, " req/s");
  targets.absolute("(reference) curl_multi req/s, same", "multi.delay." + df + ".create", &Summary::rps,
                   0.9 * ideal, true, " req/s");
  targets.absolute("RSS growth over " + thousands(static_cast<double>(options.memory_requests)) +
                       " SDK requests after warm-up",
                   "sdk.http.1t.memory", &Summary::rss_growth_kib, 1024, false, " KiB");
  if (sandbox) {
    targets.ratio("yuno-sandbox / nginx req/s, SDK retrieve of the same answer, " +
                      std::to_string(options.threads) + " threads (the sandbox is not the bottleneck)",
                  "sdk.sandbox." + n + ".retrieve", "sdk.http-sandbox-answer." + n + ".retrieve",
                  &Summary::rps, 0.9, true);
  } else {
    targets.note("yuno-sandbox as a target", "not run: " + sandbox_note, "its own figure", "n/a");
  }

  std::vector<std::vector<std::string>> target_cells{{"target", "measured", "goal", ""}};
  for (const auto& line : targets.lines()) {
    target_cells.push_back({line.what, line.measured, line.goal, line.verdict});
  }
  report << "### Targets (ratios from this run: per round, then the median over rounds)\n\n"
         << table(target_cells);

  bool errors = false;
  std::ostringstream error_lines;
  for (const auto& row : rows) {
    for (const auto& result : row.results) {
      if (result.errors == 0) continue;
      errors = true;
      error_lines << "- " << row.id << ": " << result.errors << " errors, first: " << result.first_error
                  << "\n";
      break;
    }
  }
  if (errors) report << "\n### Errors (figures of these rows are not valid)\n\n" << error_lines.str();

  std::cout << "\n" << report.str() << std::flush;
  if (!options.markdown_out.empty()) bench::write_file(options.markdown_out, report.str());
  return errors ? 3 : 0;  // 3: the run completed but some requests failed
}

}  // namespace

int main(int argc, char** argv) {
  bench::install_signal_handlers();
  try {
    return run(parse_options(argc, argv));
  } catch (const std::invalid_argument& e) {
    std::cerr << "yuno_bench_e2e: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "yuno_bench_e2e: " << e.what() << "\n";
    return 1;
  }
}
