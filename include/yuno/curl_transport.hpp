/// @file
/// The default transport, on libcurl.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "yuno/export.hpp"
#include "yuno/http_transport.hpp"

namespace yuno {

/// Options of CurlTransport, each with its libcurl default. TLS peer and host verification
/// are always on: there is deliberately no switch to turn them off.
struct CurlTransportOptions {
  /// CA bundle (PEM file) trusted instead of libcurl's default bundle file, e.g. for a local
  /// HTTPS sandbox or a TLS-inspecting proxy (CURLOPT_CAINFO). Empty: libcurl's default
  /// bundle. Either way the bundle alone is trusted (CURLOPT_CAPATH is cleared, unless
  /// libcurl has no default bundle and only a directory), so that libcurl can load it once and
  /// keep it (CURLOPT_CA_CACHE_TIMEOUT, 24 h) instead of once per connection.
  std::string ca_bundle_path;
  /// Proxy URL (CURLOPT_PROXY). Empty: libcurl's usual environment variables
  /// (https_proxy, http_proxy, no_proxy) apply.
  std::string proxy;
  /// Largest response body accepted; larger ones fail with kResponseTooLarge so a hostile
  /// or broken server cannot exhaust memory. Default 8 MiB; 0 accepts empty bodies only.
  std::size_t max_response_bytes = 8 * 1024 * 1024;
  /// send(): idle pooled handles kept for reuse (each keeps its connections alive).
  std::size_t max_idle_handles = 16;
  /// send_async(): idle connections the curl_multi handle keeps for reuse
  /// (CURLMOPT_MAXCONNECTS). Default 64, like ClientOptions::max_in_flight (the default
  /// client sets it to that option).
  std::size_t max_idle_connections = 64;
};

/// HttpTransport on libcurl. Thread-safe: share one instance. Accepts gzip, offers HTTP/2
/// over TLS, never follows redirects.
///
/// - send() runs on the calling thread with an easy handle from a pool, so connections are
///   reused across calls and threads; at most one connection per concurrent caller.
/// - send_async() and run_after() run on one thread of the transport, started on first use:
///   a curl_multi loop (curl_multi_poll, woken by curl_multi_wakeup) that also keeps the
///   timers. Requests are not bounded here: the client bounds them (ClientOptions::max_in_flight).
///   Destroying the transport stops the thread promptly: requests in flight or queued complete
///   with a kOther TransportError, pending timers are dropped.
/// - Every handle shares one libcurl share handle (TLS sessions, DNS), so a new connection
///   resumes an earlier TLS session instead of a full handshake; each connection does one
///   handshake, and the CA bundle is parsed once per curl_multi or pooled handle, not per
///   connection. Warm handles reuse their buffers: a request allocates little beyond the
///   response it returns.
class YUNO_API CurlTransport : public HttpTransport {
 public:
  /// Initialises libcurl (once per process); no thread starts before the first send_async()
  /// or run_after().
  explicit CurlTransport(CurlTransportOptions options = {});
  /// Stops the transport's thread; pending asynchronous exchanges fail (kOther).
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  TransportResult send(const HttpRequest& request) override;
  void send_async(const HttpRequest& request, TransportCallback done) override;
  void run_after(std::chrono::milliseconds delay, std::function<void()> task) override;

  /// libcurl's version string, e.g. "libcurl/7.88.1", for the User-Agent.
  static std::string curl_version();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace yuno
