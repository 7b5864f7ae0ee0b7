// The default transport, on libcurl.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "yuno/http_transport.hpp"

namespace yuno {

/// Options of CurlTransport, each with its libcurl default. TLS peer and host verification
/// are always on: there is deliberately no switch to turn them off.
struct CurlTransportOptions {
  /// CA bundle (PEM file) used instead of libcurl's default bundle file, e.g. for a local
  /// HTTPS sandbox or a TLS-inspecting proxy (CURLOPT_CAINFO). Empty: the system bundle.
  std::string ca_bundle_path;
  /// Proxy URL (CURLOPT_PROXY). Empty: libcurl's usual environment variables
  /// (https_proxy, http_proxy, no_proxy) apply.
  std::string proxy;
  /// Largest response body accepted; larger ones fail with kResponseTooLarge so a hostile
  /// or broken server cannot exhaust memory. Default 8 MiB; 0 accepts empty bodies only.
  std::size_t max_response_bytes = 8 * 1024 * 1024;
  /// Idle pooled handles kept for reuse (each keeps its connections alive).
  std::size_t max_idle_handles = 16;
};

/// HttpTransport on libcurl easy handles kept in a pool, so connections (and TLS sessions)
/// are reused across calls and threads. Accepts gzip, offers HTTP/2 over TLS, never follows
/// redirects. Thread-safe: share one instance.
class CurlTransport : public HttpTransport {
 public:
  explicit CurlTransport(CurlTransportOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  TransportResult send(const HttpRequest& request) override;

  /// libcurl's version string, e.g. "libcurl/7.88.1", for the User-Agent.
  static std::string curl_version();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace yuno
