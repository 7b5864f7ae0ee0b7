#include "yuno/curl_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <exception>
#include <iterator>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "internal/strings.hpp"

namespace yuno {
namespace {

using internal::has_control_line_break;
using internal::iequals;
using internal::is_http_token;
using internal::trim;

// Total bytes of response header lines accepted per exchange (interim 1xx responses included).
constexpr std::size_t kMaxHeaderBytes = 64 * 1024;

// curl_global_init is not guaranteed thread-safe on every libcurl we support, so it runs
// once under the function-local static guard. No curl_global_cleanup: other code in the
// process (or a transport destroyed late) may still use libcurl during static destruction.
CURLcode global_init_result() {
  static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
  return result;
}

struct EasyDeleter {
  void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;

struct SlistDeleter {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

// "host[:port]" of an absolute URL, without userinfo, path or query: safe for messages.
std::string url_host(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  auto rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  const auto at = rest.rfind('@');
  if (at != std::string_view::npos) rest.remove_prefix(at + 1);
  return std::string(rest);
}

long clamp_ms(std::chrono::milliseconds ms) {
  // 0 means "no timeout" to libcurl: never let a non-positive value turn into that.
  if (ms.count() <= 0) return 1;
  if (ms.count() > static_cast<std::chrono::milliseconds::rep>(LONG_MAX)) return LONG_MAX;
  return static_cast<long>(ms.count());
}

// State of one exchange, reached from the libcurl callbacks.
struct Exchange {
  std::size_t max_body = 0;
  std::string body;
  HttpHeaders headers;
  std::size_t header_bytes = 0;
  bool body_too_large = false;
  bool headers_too_large = false;
  bool in_headers = false;  // between a status line and its blank line
  bool out_of_memory = false;
  bool expects_body = true;  // false for HEAD: its Content-Length announces no body

  // Ready for the next exchange. The body and headers were moved out with the last
  // response (or are dropped here after a failure).
  void reset(std::size_t cap, bool body_expected) {
    max_body = cap;
    body.clear();
    headers.clear();
    header_bytes = 0;
    body_too_large = headers_too_large = in_headers = out_of_memory = false;
    expects_body = body_expected;
  }
};

size_t write_body(char* data, size_t size, size_t count, void* userdata) {
  auto* ex = static_cast<Exchange*>(userdata);
  const size_t n = size * count;
  if (n > ex->max_body - std::min(ex->max_body, ex->body.size())) {
    ex->body_too_large = true;
    return 0;  // makes libcurl abort with CURLE_WRITE_ERROR
  }
  try {
    ex->body.append(data, n);
  } catch (...) {  // never let an exception unwind through libcurl's C frames
    ex->out_of_memory = true;
    return 0;
  }
  return n;
}

void on_header_line(Exchange* ex, std::string_view line);

size_t write_header(char* data, size_t size, size_t count, void* userdata) {
  auto* ex = static_cast<Exchange*>(userdata);
  const size_t n = size * count;
  ex->header_bytes += n;
  if (ex->header_bytes > kMaxHeaderBytes) {
    ex->headers_too_large = true;
    return 0;
  }
  try {
    on_header_line(ex, std::string_view(data, n));
  } catch (...) {
    ex->out_of_memory = true;
    return 0;
  }
  return n;
}

void on_header_line(Exchange* ex, std::string_view line) {
  if (line.rfind("HTTP/", 0) == 0) {
    // A new status line: only the final response's headers are kept (drops 1xx headers).
    ex->headers.clear();
    ex->in_headers = true;
    return;
  }
  if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
    // Obsolete line folding: continues the previous header's value.
    const auto more = trim(line);
    if (!ex->headers.empty() && !more.empty()) {
      auto& value = ex->headers.back().second;
      if (!value.empty()) value += ' ';
      value += more;
    }
    return;
  }
  if (trim(line).empty()) {
    ex->in_headers = false;
    return;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return;  // junk
  const auto name = trim(line.substr(0, colon));
  if (name.empty()) return;
  const auto value = trim(line.substr(colon + 1));
  if (ex->headers.empty()) ex->headers.reserve(16);
  ex->headers.emplace_back(std::string(name), std::string(value));
  // One allocation for the body instead of a doubling series (bounded by the cap; a gzip
  // body's length is its compressed size, a lower bound).
  if (ex->expects_body && iequals(name, "Content-Length")) {
    std::size_t length = 0;
    bool digits = !value.empty() && value.size() <= 18;
    for (char c : value) {
      if (c < '0' || c > '9') {
        digits = false;
        break;
      }
      length = length * 10 + static_cast<std::size_t>(c - '0');
    }
    if (digits && length <= ex->max_body) ex->body.reserve(length);
  }
}

TransportErrorKind kind_of(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      return TransportErrorKind::kConnectFailed;
    case CURLE_PEER_FAILED_VERIFICATION:  // also CURLE_SSL_CACERT
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
      return TransportErrorKind::kTlsVerification;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CIPHER:
    case CURLE_USE_SSL_FAILED:
      return TransportErrorKind::kTlsHandshake;
    case CURLE_OPERATION_TIMEDOUT:
      return TransportErrorKind::kTimeout;
    case CURLE_FILESIZE_EXCEEDED:
      return TransportErrorKind::kResponseTooLarge;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_BAD_CONTENT_ENCODING:
    case CURLE_SSL_SHUTDOWN_FAILED:
      return TransportErrorKind::kConnectionLost;
    default:
      return TransportErrorKind::kOther;
  }
}

// Drops curl's detail text if it could echo something sensitive (it normally never does:
// this is defence in depth), and strips control characters so it stays one log line.
std::string safe_detail(const char* errbuf, CURLcode code, const HttpRequest& request,
                        const std::string& proxy) {
  std::string detail = errbuf;
  const std::string_view url = request.url;
  const auto query = url.find_first_of("?#");
  std::vector<std::string_view> sensitive;
  if (query != std::string_view::npos) sensitive.push_back(url.substr(query));
  if (!proxy.empty()) sensitive.emplace_back(proxy);
  for (const auto& header : request.headers) sensitive.emplace_back(header.second);
  sensitive.emplace_back(request.body);
  const bool leaks = std::any_of(sensitive.begin(), sensitive.end(), [&](std::string_view s) {
    return s.size() >= 4 && detail.find(s) != std::string::npos;
  });
  // Userinfo in the URL ("user:pass@host") is never echoed either.
  const auto host_start = url.find("://");
  const auto authority = host_start == std::string_view::npos
                             ? std::string_view{}
                             : url.substr(host_start + 3, url.find_first_of("/?#", host_start + 3) -
                                                              (host_start + 3));
  const auto at = authority.rfind('@');
  const bool leaks_userinfo =
      at != std::string_view::npos && at > 0 && detail.find(authority.substr(0, at)) != std::string::npos;
  if (detail.empty() || leaks || leaks_userinfo) detail = curl_easy_strerror(code);
  for (auto& c : detail) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return std::string(trim(detail));
}

TransportError make_error(TransportErrorKind kind, bool may_have_reached_server,
                          const std::string& host, const std::string& detail) {
  TransportError error;
  error.kind = kind;
  error.may_have_reached_server = may_have_reached_server;
  // The kind is not repeated here: the client's exception message names it.
  error.message = host;
  if (!detail.empty()) error.message += (host.empty() ? "" : ": ") + detail;
  return error;
}

struct ShareDeleter {
  void operator()(CURLSH* share) const noexcept { curl_share_cleanup(share); }
};
using ShareHandle = std::unique_ptr<CURLSH, ShareDeleter>;

// One exchange's libcurl handle and state, reused from exchange to exchange: a warm Transfer
// allocates nothing for the request it sends, and only the response it hands out.
struct Transfer {
  EasyHandle easy;
  Exchange ex;
  char errbuf[CURL_ERROR_SIZE] = {};
  // The request's header list, built in place rather than with curl_slist_append: libcurl
  // only reads the list, and these lines keep their capacity from one request to the next.
  std::vector<std::string> lines;
  std::vector<curl_slist> nodes;
  // send() only: the thread that used this handle last (see Impl::borrow).
  std::thread::id last_thread;
  // send_async only: the request in flight and where its outcome goes.
  const HttpRequest* request = nullptr;
  TransportCallback done;

  std::string& next_line(std::size_t& used) {
    if (used == lines.size()) lines.emplace_back();
    std::string& line = lines[used++];
    line.clear();
    return line;
  }
};

// Drops every pointer into the caller's request (its body) and the list, so that neither
// curl_easy_cleanup nor the next exchange can reach them.
void detach_call_state(CURL* h) {
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(-1));
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, static_cast<const char*>(nullptr));
}

void share_lock(CURL*, curl_lock_data data, curl_lock_access, void* userptr);
void share_unlock(CURL*, curl_lock_data data, void* userptr);

// A timer of run_after: due time, then scheduling order.
struct Timer {
  std::chrono::steady_clock::time_point due;
  std::uint64_t sequence = 0;
  std::function<void()> task;
};
struct TimerLater {
  bool operator()(const Timer& a, const Timer& b) const {
    return a.due != b.due ? a.due > b.due : a.sequence > b.sequence;
  }
};

struct Submission {
  const HttpRequest* request;
  TransportCallback done;
};

}  // namespace

struct CurlTransport::Impl {
  CurlTransportOptions options;
  bool clear_capath = false;
  ShareHandle share;
  std::mutex share_locks[CURL_LOCK_DATA_LAST];

  // send(): idle transfers, LIFO (the most recently used has warm connections).
  std::mutex pool_mutex;
  std::vector<std::unique_ptr<Transfer>> idle;

  // send_async() and run_after(): the curl_multi loop, started on first use.
  std::mutex loop_mutex;
  CURLM* multi = nullptr;  // set once under loop_mutex, then used by the loop thread only
  std::thread loop;
  std::thread::id loop_id;
  bool stopping = false;
  bool delete_self = false;  // destroyed from the loop thread: the loop deletes this Impl
  bool wake_pending = false;
  std::vector<Submission> submissions;
  std::vector<Timer> timers;  // a heap (TimerLater)
  std::uint64_t next_sequence = 0;
  // Loop thread only:
  std::vector<std::unique_ptr<Transfer>> active;
  std::vector<std::unique_ptr<Transfer>> spare;

  explicit Impl(CurlTransportOptions opts) : options(std::move(opts)) {
    // Without a CA directory, libcurl may cache the store parsed from the bundle file
    // (CURLOPT_CA_CACHE_TIMEOUT); keep the directory only when there is no bundle at all.
    const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
    clear_capath = !options.ca_bundle_path.empty() || (info != nullptr && info->cainfo != nullptr);
    share.reset(curl_share_init());
    if (share) {
      bool ok = curl_share_setopt(share.get(), CURLSHOPT_LOCKFUNC, &share_lock) == CURLSHE_OK &&
                curl_share_setopt(share.get(), CURLSHOPT_UNLOCKFUNC, &share_unlock) == CURLSHE_OK &&
                curl_share_setopt(share.get(), CURLSHOPT_USERDATA, static_cast<void*>(share_locks)) ==
                    CURLSHE_OK;
      // Connections are deliberately not shared (libcurl does not support that across
      // threads): send() keeps them per pooled handle, send_async() in its multi handle.
      ok = ok &&
           curl_share_setopt(share.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION) ==
               CURLSHE_OK &&
           curl_share_setopt(share.get(), CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) == CURLSHE_OK;
      if (!ok) share.reset();  // still correct without it, only slower
    }
  }

  ~Impl() {
    // Handles first: they use the share handle.
    idle.clear();
    active.clear();
    spare.clear();
    if (multi != nullptr) curl_multi_cleanup(multi);
  }

  // Options that never change for this transport, set once per handle. Returns false if
  // any security-relevant option could not be applied.
  bool configure(CURL* h) const {
    bool ok = true;
    const auto must = [&ok](CURLcode rc) { ok = ok && rc == CURLE_OK; };
    must(curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L));
    must(curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L));
    must(curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L));
    must(curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L));
    must(curl_easy_setopt(h, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2)));
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85.0 deprecates CURLOPT_PROTOCOLS
    must(curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https"));
#else
    must(curl_easy_setopt(h, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS)));
#endif
    must(curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L));
    must(curl_easy_setopt(h, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L));
    if (!options.ca_bundle_path.empty()) {
      must(curl_easy_setopt(h, CURLOPT_CAINFO, options.ca_bundle_path.c_str()));
    }
    if (clear_capath) must(curl_easy_setopt(h, CURLOPT_CAPATH, static_cast<const char*>(nullptr)));
    if (!options.proxy.empty()) must(curl_easy_setopt(h, CURLOPT_PROXY, options.proxy.c_str()));
    // Per-exchange state lives in the Transfer, so these pointers are set once.
    must(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &write_body));
    must(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &write_header));
    // Optional niceties: a libcurl built without zlib or nghttp2 rejects these; carry on.
    (void)curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    (void)curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    if (share) (void)curl_easy_setopt(h, CURLOPT_SHARE, share.get());
#if LIBCURL_VERSION_NUM >= 0x075700  // 7.87.0
    (void)curl_easy_setopt(h, CURLOPT_CA_CACHE_TIMEOUT, 86400L);
#endif
    return ok;
  }

  curl_off_t max_file_size() const {
    return static_cast<curl_off_t>(std::min<std::uintmax_t>(
        options.max_response_bytes, static_cast<std::uintmax_t>(std::numeric_limits<curl_off_t>::max())));
  }

  std::unique_ptr<Transfer> make_transfer() const {
    auto t = std::make_unique<Transfer>();
    t->easy.reset(curl_easy_init());
    if (!t->easy || !configure(t->easy.get())) return nullptr;
    bool ok = curl_easy_setopt(t->easy.get(), CURLOPT_ERRORBUFFER, t->errbuf) == CURLE_OK;
    ok = ok && curl_easy_setopt(t->easy.get(), CURLOPT_WRITEDATA, static_cast<void*>(&t->ex)) == CURLE_OK;
    ok = ok && curl_easy_setopt(t->easy.get(), CURLOPT_HEADERDATA, static_cast<void*>(&t->ex)) == CURLE_OK;
    ok = ok && curl_easy_setopt(t->easy.get(), CURLOPT_PRIVATE, static_cast<void*>(t.get())) == CURLE_OK;
    if (!ok) return nullptr;
    return t;
  }

  // The handle this thread used last if it is idle, else the most recently returned one.
  // Threads sharing a client then keep to their own handles as they would with one each:
  // libcurl frees per-request strings the previous user allocated, and a free into another
  // thread's malloc arena takes that arena's lock (8 threads trading handles at every call
  // cost about 15% more CPU per request than 8 private handles).
  std::unique_ptr<Transfer> borrow() {
    const std::thread::id me = std::this_thread::get_id();
    std::unique_ptr<Transfer> t;
    {
      std::lock_guard<std::mutex> lock(pool_mutex);
      if (!idle.empty()) {
        auto pick = std::prev(idle.end());
        for (auto it = idle.rbegin(); it != idle.rend(); ++it) {
          if ((*it)->last_thread == me) {
            pick = std::prev(it.base());
            break;
          }
        }
        t = std::move(*pick);
        idle.erase(pick);
      }
    }
    if (!t) t = make_transfer();
    if (t) t->last_thread = me;
    return t;
  }

  void give_back(std::unique_ptr<Transfer> t) {
    {
      std::lock_guard<std::mutex> lock(pool_mutex);
      if (idle.size() < options.max_idle_handles) {
        idle.push_back(std::move(t));
        return;
      }
    }
    // Over the bound: t closes its connections here, outside the lock.
  }

  // Sets up `t` for `request`; an error when it cannot be sent (nothing was).
  std::optional<TransportError> prepare(Transfer& t, const HttpRequest& request) const;
  // The outcome of a finished exchange; `reusable` tells whether the handle is in a known
  // good state (a response arrived).
  TransportResult complete(Transfer& t, CURLcode rc, const HttpRequest& request,
                           bool& reusable) const;

  // --- the curl_multi loop ---
  bool on_loop_thread() const { return loop_id == std::this_thread::get_id(); }
  void ensure_loop();  // under loop_mutex
  void wake();         // under loop_mutex
  void run();
  void start(Submission submission);
  void finish(CURL* easy, CURLcode rc);
  void shut_down();
};

namespace {

// userptr: the share's mutexes, one per curl_lock_data.
void share_lock(CURL*, curl_lock_data data, curl_lock_access, void* userptr) {
  static_cast<std::mutex*>(userptr)[static_cast<int>(data) % CURL_LOCK_DATA_LAST].lock();
}

void share_unlock(CURL*, curl_lock_data data, void* userptr) {
  static_cast<std::mutex*>(userptr)[static_cast<int>(data) % CURL_LOCK_DATA_LAST].unlock();
}

TransportError shut_down_error(const HttpRequest& request, bool may_have_reached_server) {
  return make_error(TransportErrorKind::kOther, may_have_reached_server, url_host(request.url),
                    "the transport was destroyed before the exchange finished");
}

}  // namespace

std::optional<TransportError> CurlTransport::Impl::prepare(Transfer& t,
                                                           const HttpRequest& request) const {
  if (global_init_result() != CURLE_OK) {
    return make_error(TransportErrorKind::kOther, false, url_host(request.url),
                      "libcurl initialisation failed");
  }
  if (!is_http_token(request.method)) {
    return make_error(TransportErrorKind::kOther, false, url_host(request.url),
                      "invalid HTTP method");
  }

  // Header list; values are never echoed in errors.
  std::size_t used = 0;
  bool has_expect = false;
  bool has_content_type = false;
  for (const auto& [name, value] : request.headers) {
    if (!is_http_token(name) || has_control_line_break(value)) {
      return make_error(TransportErrorKind::kOther, false, url_host(request.url),
                        "invalid header (name or value has forbidden characters)");
    }
    has_expect = has_expect || iequals(name, "Expect");
    has_content_type = has_content_type || iequals(name, "Content-Type");
    std::string& line = t.next_line(used);
    line.append(name);
    // "Name;" is libcurl's way to send a header with an empty value ("Name:" would delete it).
    if (value.empty()) {
      line.push_back(';');
    } else {
      line.append(": ").append(value);
    }
  }
  // No 100-continue round trip: the API answers directly, and the wait only adds latency.
  if (!has_expect) t.next_line(used).append("Expect:");

  const std::string& m = request.method;
  const bool is_get = m == "GET";
  const bool is_head = m == "HEAD";
  // Methods that carry a body go through libcurl's POST machinery (plus CUSTOMREQUEST).
  const bool sends_body = !is_head && (m == "POST" || m == "PUT" || m == "PATCH" || !request.body.empty());
  // Without this libcurl adds "Content-Type: application/x-www-form-urlencoded".
  if (sends_body && !has_content_type) t.next_line(used).append("Content-Type:");

  t.nodes.resize(used);
  for (std::size_t i = 0; i < used; ++i) {
    t.nodes[i].data = t.lines[i].data();
    t.nodes[i].next = i + 1 < used ? &t.nodes[i + 1] : nullptr;
  }
  t.ex.reset(options.max_response_bytes, !is_head);
  t.errbuf[0] = '\0';

  CURL* h = t.easy.get();
  bool ok = true;
  const auto must = [&ok](CURLcode rc) { ok = ok && rc == CURLE_OK; };
  must(curl_easy_setopt(h, CURLOPT_URL, request.url.c_str()));
  must(curl_easy_setopt(h, CURLOPT_HTTPHEADER, used == 0 ? nullptr : t.nodes.data()));
  must(curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, clamp_ms(request.connect_timeout)));
  must(curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, clamp_ms(request.timeout)));
  if (sends_body) {
    // Size first: setting it after POSTFIELDS could reset the pointer. No copy: the request
    // outlives the transfer. POST=1 also clears a previous use's NOBODY.
    must(curl_easy_setopt(h, CURLOPT_POST, 1L));
    must(curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size())));
    must(curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str()));
  } else {
    // Clear a previous use's body; setting POSTFIELDS switches to POST, so HTTPGET (which
    // also clears NOBODY) comes after it.
    must(curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(-1)));
    must(curl_easy_setopt(h, CURLOPT_POSTFIELDS, static_cast<const char*>(nullptr)));
    must(curl_easy_setopt(h, CURLOPT_HTTPGET, 1L));
    if (is_head) must(curl_easy_setopt(h, CURLOPT_NOBODY, 1L));
  }
  const bool standard = is_get || is_head || m == "POST";
  must(curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, standard ? nullptr : m.c_str()));
  // libcurl checks MAXFILESIZE against Content-Length even for HEAD, which has no body.
  // 0 would mean "unlimited" to libcurl; the write callback enforces a zero cap instead.
  must(curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, is_head ? curl_off_t{0} : max_file_size()));
  if (!ok) {
    detach_call_state(h);
    return make_error(TransportErrorKind::kOther, false, url_host(request.url),
                      "could not configure the request");
  }
  return std::nullopt;
}

TransportResult CurlTransport::Impl::complete(Transfer& t, CURLcode rc, const HttpRequest& request,
                                              bool& reusable) const {
  CURL* h = t.easy.get();
  Exchange& ex = t.ex;
  reusable = false;
  if (rc == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (status < 100 || status > 999) {
      return make_error(TransportErrorKind::kConnectionLost, true, url_host(request.url),
                        "no HTTP status in the response");
    }
    HttpResponse response;
    response.status_code = static_cast<int>(status);
    response.headers = std::move(ex.headers);
    response.body = std::move(ex.body);
    reusable = true;
    return response;
  }

  // Conservative: any request byte written, or a connection ready to write, counts as reached.
  long request_size = 0;
  curl_off_t pretransfer = 0;
  const bool size_known = curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &request_size) == CURLE_OK;
  const bool time_known = curl_easy_getinfo(h, CURLINFO_PRETRANSFER_TIME_T, &pretransfer) == CURLE_OK;
  const bool may_have_reached = !size_known || !time_known || request_size > 0 || pretransfer > 0;
  const std::string host = url_host(request.url);

  if (ex.out_of_memory) {
    return make_error(TransportErrorKind::kOther, true, host, "out of memory while receiving the response");
  }
  if (ex.headers_too_large) {
    return make_error(TransportErrorKind::kResponseTooLarge, true, host,
                      "response headers exceed " + std::to_string(kMaxHeaderBytes) + " bytes");
  }
  // libcurl 7.x rejects a single header line over its own limit (100 KiB) as out of memory.
  if (rc == CURLE_OUT_OF_MEMORY && ex.in_headers) {
    return make_error(TransportErrorKind::kResponseTooLarge, true, host,
                      "a response header line exceeds libcurl's limit");
  }
  if (ex.body_too_large || rc == CURLE_FILESIZE_EXCEEDED) {
    return make_error(TransportErrorKind::kResponseTooLarge, true, host,
                      "response body exceeds " + std::to_string(options.max_response_bytes) + " bytes");
  }
  TransportErrorKind kind = kind_of(rc);
  // Same code for a scheme libcurl refuses up front and a reply that is not HTTP at all.
  if (rc == CURLE_UNSUPPORTED_PROTOCOL && may_have_reached) kind = TransportErrorKind::kConnectionLost;
  return make_error(kind, may_have_reached, host, safe_detail(t.errbuf, rc, request, options.proxy));
}

void CurlTransport::Impl::ensure_loop() {
  if (loop.joinable() || stopping) return;
  if (multi == nullptr) {
    multi = curl_multi_init();
    if (multi == nullptr) throw std::runtime_error("curl_multi_init failed");
    const long max_connections = static_cast<long>(
        std::min<std::size_t>(std::max<std::size_t>(options.max_idle_connections, 1), LONG_MAX));
    (void)curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, max_connections);
  }
  loop = std::thread([this] { run(); });
  loop_id = loop.get_id();
}

void CurlTransport::Impl::wake() {
  // The loop checks its queues before it polls, so its own thread never needs waking.
  if (wake_pending || on_loop_thread()) return;
  wake_pending = true;
  curl_multi_wakeup(multi);
}

void CurlTransport::Impl::start(Submission submission) {
  const HttpRequest& request = *submission.request;
  std::unique_ptr<Transfer> t;
  if (!spare.empty()) {
    t = std::move(spare.back());
    spare.pop_back();
  } else {
    t = make_transfer();
  }
  if (!t) {
    submission.done(make_error(TransportErrorKind::kOther, false, url_host(request.url),
                               "could not create a libcurl handle"));
    return;
  }
  if (auto error = prepare(*t, request)) {
    spare.push_back(std::move(t));
    submission.done(std::move(*error));
    return;
  }
  // HTTP/2 over TLS: wait for a connection that may multiplex rather than open another.
  (void)curl_easy_setopt(t->easy.get(), CURLOPT_PIPEWAIT,
                         request.url.rfind("https:", 0) == 0 ? 1L : 0L);
  if (curl_multi_add_handle(multi, t->easy.get()) != CURLM_OK) {
    detach_call_state(t->easy.get());
    submission.done(make_error(TransportErrorKind::kOther, false, url_host(request.url),
                               "could not start the transfer"));
    return;  // the handle is dropped: its state is unknown
  }
  t->request = submission.request;
  t->done = std::move(submission.done);
  active.push_back(std::move(t));
}

void CurlTransport::Impl::finish(CURL* easy, CURLcode rc) {
  void* pointer = nullptr;
  curl_easy_getinfo(easy, CURLINFO_PRIVATE, &pointer);
  auto it = std::find_if(active.begin(), active.end(),
                         [pointer](const auto& t) { return t.get() == pointer; });
  if (it == active.end()) return;
  std::unique_ptr<Transfer> t = std::move(*it);
  *it = std::move(active.back());
  active.pop_back();
  curl_multi_remove_handle(multi, easy);

  bool reusable = false;
  TransportResult result = complete(*t, rc, *t->request, reusable);
  detach_call_state(easy);
  TransportCallback done = std::move(t->done);
  t->done = nullptr;
  t->request = nullptr;
  // The multi handle owns the connections, so a handle is reusable after any outcome.
  if (spare.size() < 256) spare.push_back(std::move(t));
  t.reset();
  done(std::move(result));  // last: it may submit the call's next attempt
}

void CurlTransport::Impl::run() {
  std::vector<Submission> batch;
  std::vector<std::function<void()>> due;
  for (;;) {
    auto next_timer = std::chrono::steady_clock::time_point::max();
    {
      std::lock_guard<std::mutex> lock(loop_mutex);
      if (stopping) break;
      batch.swap(submissions);
      wake_pending = false;
      const auto now = std::chrono::steady_clock::now();
      while (!timers.empty() && timers.front().due <= now) {
        std::pop_heap(timers.begin(), timers.end(), TimerLater{});
        due.push_back(std::move(timers.back().task));
        timers.pop_back();
      }
      if (!timers.empty()) next_timer = timers.front().due;
    }
    for (Submission& submission : batch) start(std::move(submission));
    batch.clear();
    for (auto& task : due) {
      try {
        task();
      } catch (...) {  // a task must not end the loop
      }
    }
    due.clear();

    int running = 0;
    curl_multi_perform(multi, &running);
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
      if (message->msg == CURLMSG_DONE) finish(message->easy_handle, message->data.result);
    }

    long curl_wait = -1;
    curl_multi_timeout(multi, &curl_wait);
    long wait_ms = curl_wait < 0 ? 1000 : std::min(curl_wait, 1000L);
    {
      std::lock_guard<std::mutex> lock(loop_mutex);
      if (stopping || !submissions.empty()) wait_ms = 0;
      if (!timers.empty()) next_timer = timers.front().due;
    }
    if (next_timer != std::chrono::steady_clock::time_point::max()) {
      const auto until = std::chrono::ceil<std::chrono::milliseconds>(
          next_timer - std::chrono::steady_clock::now());
      wait_ms = std::min<long>(wait_ms, std::max<long>(0, static_cast<long>(until.count())));
    }
    if (wait_ms > 0) curl_multi_poll(multi, nullptr, 0, static_cast<int>(wait_ms), nullptr);
  }
  shut_down();
  bool destroy = false;
  {
    std::lock_guard<std::mutex> lock(loop_mutex);
    destroy = delete_self;
  }
  if (destroy) delete this;
}

void CurlTransport::Impl::shut_down() {
  // Requests in flight were (perhaps) sent; queued ones never were. Completions may submit
  // more (they should not: their client is gone), so drain until nothing is left.
  for (;;) {
    std::vector<std::pair<TransportCallback, TransportError>> outcomes;
    for (auto& t : active) {
      curl_multi_remove_handle(multi, t->easy.get());
      detach_call_state(t->easy.get());
      outcomes.emplace_back(std::move(t->done), shut_down_error(*t->request, true));
    }
    active.clear();
    std::vector<Submission> queued;
    std::vector<Timer> dropped;
    {
      std::lock_guard<std::mutex> lock(loop_mutex);
      queued.swap(submissions);
      dropped.swap(timers);
    }
    for (Submission& submission : queued) {
      outcomes.emplace_back(std::move(submission.done), shut_down_error(*submission.request, false));
    }
    if (outcomes.empty() && dropped.empty()) break;
    dropped.clear();  // tasks are dropped without running
    for (auto& [done, error] : outcomes) {
      try {
        done(std::move(error));
      } catch (...) {
      }
    }
  }
}

CurlTransport::CurlTransport(CurlTransportOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {
  (void)global_init_result();
}

CurlTransport::~CurlTransport() {
  std::unique_lock<std::mutex> lock(impl_->loop_mutex);
  impl_->stopping = true;
  if (!impl_->loop.joinable()) return;
  if (impl_->on_loop_thread()) {
    // Destroyed by a completion running on the loop: the loop finishes after it returns,
    // then deletes the Impl itself.
    impl_->delete_self = true;
    impl_->loop.detach();
    lock.unlock();
    (void)impl_.release();
    return;
  }
  curl_multi_wakeup(impl_->multi);
  lock.unlock();
  impl_->loop.join();
}

std::string CurlTransport::curl_version() {
  (void)global_init_result();
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  return std::string("libcurl/") + (info && info->version ? info->version : LIBCURL_VERSION);
}

TransportResult CurlTransport::send(const HttpRequest& request) {
  std::unique_ptr<Transfer> t = impl_->borrow();
  if (!t) {
    return make_error(TransportErrorKind::kOther, false, url_host(request.url),
                      "could not create a libcurl handle");
  }
  if (auto error = impl_->prepare(*t, request)) {
    impl_->give_back(std::move(t));
    return std::move(*error);
  }
  const CURLcode rc = curl_easy_perform(t->easy.get());
  bool reusable = false;
  TransportResult result = impl_->complete(*t, rc, request, reusable);
  detach_call_state(t->easy.get());
  // After a failure the handle's connection state is suspect: it closes with the handle.
  if (reusable) impl_->give_back(std::move(t));
  return result;
}

void CurlTransport::send_async(const HttpRequest& request, TransportCallback done) {
  {
    std::lock_guard<std::mutex> lock(impl_->loop_mutex);
    if (!impl_->stopping) {
      impl_->ensure_loop();
      impl_->submissions.push_back(Submission{&request, std::move(done)});
      impl_->wake();
      return;
    }
  }
  // Only reachable from a completion running while the transport is destroyed.
  done(shut_down_error(request, false));
}

void CurlTransport::run_after(std::chrono::milliseconds delay, std::function<void()> task) {
  std::lock_guard<std::mutex> lock(impl_->loop_mutex);
  if (impl_->stopping) return;  // dropped, like the timers pending at destruction
  impl_->ensure_loop();
  const auto due = std::chrono::steady_clock::now() + std::max(delay, std::chrono::milliseconds(0));
  impl_->timers.push_back(Timer{due, impl_->next_sequence++, std::move(task)});
  std::push_heap(impl_->timers.begin(), impl_->timers.end(), TimerLater{});
  impl_->wake();
}

}  // namespace yuno
