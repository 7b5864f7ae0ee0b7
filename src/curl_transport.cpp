#include "yuno/curl_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
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
  ex->headers.emplace_back(std::string(name), std::string(trim(line.substr(colon + 1))));
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

}  // namespace

struct CurlTransport::Impl {
  CurlTransportOptions options;
  std::mutex mutex;
  std::vector<EasyHandle> idle;  // LIFO: the most recently used handle has warm connections

  explicit Impl(CurlTransportOptions opts) : options(std::move(opts)) {}

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
    if (!options.proxy.empty()) must(curl_easy_setopt(h, CURLOPT_PROXY, options.proxy.c_str()));
    // Optional niceties: a libcurl built without zlib or nghttp2 rejects these; carry on.
    (void)curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    (void)curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    return ok;
  }

  curl_off_t max_file_size() const {
    return static_cast<curl_off_t>(std::min<std::uintmax_t>(
        options.max_response_bytes, static_cast<std::uintmax_t>(std::numeric_limits<curl_off_t>::max())));
  }

  EasyHandle borrow() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!idle.empty()) {
        EasyHandle h = std::move(idle.back());
        idle.pop_back();
        return h;
      }
    }
    EasyHandle h(curl_easy_init());
    if (h && !configure(h.get())) h.reset();
    return h;
  }

  void give_back(EasyHandle h) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (idle.size() < options.max_idle_handles) {
        idle.push_back(std::move(h));
        return;
      }
    }
    // Over the bound: h closes its connections here, outside the lock.
  }
};

namespace {

// Drops every pointer a call gave the handle (its stack buffers, header list, body), so that
// neither curl_easy_cleanup nor a later borrower can reach them.
void detach_call_state(CURL* h) {
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, static_cast<char*>(nullptr));
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));
  curl_easy_setopt(h, CURLOPT_WRITEDATA, static_cast<void*>(nullptr));
  curl_easy_setopt(h, CURLOPT_HEADERDATA, static_cast<void*>(nullptr));
  curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(-1));
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, static_cast<const char*>(nullptr));
}

// A borrowed handle. Declared after the call state it points to, so it is detached before
// that state dies. Closed (with its connections) unless explicitly returned to the pool:
// after any failure its connection state is suspect.
class Lease {
 public:
  explicit Lease(EasyHandle handle) : handle_(std::move(handle)) {}
  ~Lease() {
    if (handle_) detach_call_state(handle_.get());
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  CURL* get() const { return handle_.get(); }
  explicit operator bool() const { return handle_ != nullptr; }

  EasyHandle release_for_reuse() {
    detach_call_state(handle_.get());
    return std::move(handle_);
  }

 private:
  EasyHandle handle_;
};

}  // namespace

CurlTransport::CurlTransport(CurlTransportOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {
  (void)global_init_result();
}

CurlTransport::~CurlTransport() = default;

std::string CurlTransport::curl_version() {
  (void)global_init_result();
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  return std::string("libcurl/") + (info && info->version ? info->version : LIBCURL_VERSION);
}

TransportResult CurlTransport::send(const HttpRequest& request) {
  const std::string host = url_host(request.url);
  if (global_init_result() != CURLE_OK) {
    return make_error(TransportErrorKind::kOther, false, host, "libcurl initialisation failed");
  }
  if (!is_http_token(request.method)) {
    return make_error(TransportErrorKind::kOther, false, host, "invalid HTTP method");
  }

  // Header list; values are never echoed in errors.
  Slist headers;
  const auto append = [&headers](const std::string& line) {
    curl_slist* grown = curl_slist_append(headers.get(), line.c_str());
    if (grown == nullptr) return false;
    (void)headers.release();
    headers.reset(grown);
    return true;
  };
  bool has_expect = false;
  bool has_content_type = false;
  for (const auto& [name, value] : request.headers) {
    if (!is_http_token(name) || has_control_line_break(value)) {
      return make_error(TransportErrorKind::kOther, false, host,
                        "invalid header (name or value has forbidden characters)");
    }
    has_expect = has_expect || iequals(name, "Expect");
    has_content_type = has_content_type || iequals(name, "Content-Type");
    // "Name;" is libcurl's way to send a header with an empty value ("Name:" would delete it).
    if (!append(value.empty() ? name + ";" : name + ": " + value)) {
      return make_error(TransportErrorKind::kOther, false, host, "out of memory");
    }
  }
  // No 100-continue round trip: the API answers directly, and the wait only adds latency.
  if (!has_expect && !append("Expect:")) {
    return make_error(TransportErrorKind::kOther, false, host, "out of memory");
  }

  const std::string& m = request.method;
  const bool is_get = m == "GET";
  const bool is_head = m == "HEAD";
  // Methods that carry a body go through libcurl's POST machinery (plus CUSTOMREQUEST).
  const bool sends_body = !is_head && (m == "POST" || m == "PUT" || m == "PATCH" || !request.body.empty());
  if (sends_body && !has_content_type && !append("Content-Type:")) {
    // Without this libcurl adds "Content-Type: application/x-www-form-urlencoded".
    return make_error(TransportErrorKind::kOther, false, host, "out of memory");
  }

  Exchange ex;
  ex.max_body = impl_->options.max_response_bytes;
  char errbuf[CURL_ERROR_SIZE];
  errbuf[0] = '\0';

  Lease lease(impl_->borrow());
  if (!lease) {
    return make_error(TransportErrorKind::kOther, false, host, "could not create a libcurl handle");
  }
  CURL* h = lease.get();

  bool ok = true;
  const auto must = [&ok](CURLcode rc) { ok = ok && rc == CURLE_OK; };
  must(curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf));
  must(curl_easy_setopt(h, CURLOPT_URL, request.url.c_str()));
  must(curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get()));
  must(curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &write_body));
  must(curl_easy_setopt(h, CURLOPT_WRITEDATA, static_cast<void*>(&ex)));
  must(curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &write_header));
  must(curl_easy_setopt(h, CURLOPT_HEADERDATA, static_cast<void*>(&ex)));
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
  must(curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, is_head ? curl_off_t{0} : impl_->max_file_size()));
  if (!ok) {
    return make_error(TransportErrorKind::kOther, false, host, "could not configure the request");
  }

  const CURLcode rc = curl_easy_perform(h);

  if (rc == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (status < 100 || status > 999) {
      return make_error(TransportErrorKind::kConnectionLost, true, host, "no HTTP status in the response");
    }
    HttpResponse response;
    response.status_code = static_cast<int>(status);
    response.headers = std::move(ex.headers);
    response.body = std::move(ex.body);
    impl_->give_back(lease.release_for_reuse());
    return response;
  }

  // Conservative: any request byte written, or a connection ready to write, counts as reached.
  long request_size = 0;
  curl_off_t pretransfer = 0;
  const bool size_known = curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &request_size) == CURLE_OK;
  const bool time_known = curl_easy_getinfo(h, CURLINFO_PRETRANSFER_TIME_T, &pretransfer) == CURLE_OK;
  const bool may_have_reached = !size_known || !time_known || request_size > 0 || pretransfer > 0;

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
                      "response body exceeds " + std::to_string(impl_->options.max_response_bytes) + " bytes");
  }
  TransportErrorKind kind = kind_of(rc);
  // Same code for a scheme libcurl refuses up front and a reply that is not HTTP at all.
  if (rc == CURLE_UNSUPPORTED_PROTOCOL && may_have_reached) kind = TransportErrorKind::kConnectionLost;
  return make_error(kind, may_have_reached, host, safe_detail(errbuf, rc, request, impl_->options.proxy));
}

}  // namespace yuno
