// URL building: base URL validation and percent-encoding of untrusted path/query values.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yuno::internal {

/// Percent-encodes everything but ALPHA / DIGIT / "-" / "_" / "~", so an id such as
/// "../x", "a/b" or "a?b" stays one path segment ('.' is encoded too: ".." is no segment).
std::string encode_path_segment(std::string_view value);
/// Percent-encodes a query name or value (same alphabet, plus ".").
std::string encode_query_component(std::string_view value);

/// Replaces each "{name}" in `path_template` by the next encoded parameter. Throws
/// InvalidArgumentError when a parameter is empty (it would change the route) or the
/// counts differ (a bug).
std::string expand_path(std::string_view path_template, const std::vector<std::string_view>& params);

/// "?a=1&b=2" (empty when there are no parameters).
std::string build_query(const std::vector<std::pair<std::string, std::string>>& query);

/// A validated base URL: scheme, host[:port] and optional path prefix, no trailing '/'.
struct BaseUrl {
  std::string url;   ///< normalized, e.g. "https://api-sandbox.y.uno"
  std::string host;  ///< lower-case host without port or brackets
  bool https = true;
};

/// Validates a user-given base URL; throws ConfigurationError naming `option_name`.
BaseUrl parse_base_url(std::string_view text, std::string_view option_name);

/// True for localhost, 127.0.0.0/8 and ::1.
bool is_loopback_host(std::string_view host);

}  // namespace yuno::internal
