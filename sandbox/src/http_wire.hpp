// HTTP/1.1 on the wire, for yuno-sandbox's own server (http_server.cpp): parsing a request
// head, framing its body, decoding the target, and writing a response. Pure functions over
// byte buffers, so that they are unit-tested and fuzzed without sockets.
//
// Deliberately strict (RFC 9112): a request that is ambiguous about where it ends (both
// Content-Length and Transfer-Encoding, differing Content-Lengths, folded header lines) is
// refused with 400, never guessed at.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "api_types.hpp"

namespace yuno::sandbox::http {

/// The limits of what a request may be; beyond them it is refused.
struct Limits {
  std::size_t max_request_line = 8 * 1024;  ///< longer: 414
  std::size_t max_head = 64 * 1024;         ///< request line + headers; longer: 431
  std::size_t max_body = 1024 * 1024;       ///< longer: 413
};

/// A refusal: the status to answer with and why (sent in the Yuno error body).
struct Refusal {
  int status = 0;  ///< 0: no refusal
  std::string message;
};

struct RequestHead {
  std::string method;
  std::string target;      ///< as sent: "/v1/payments?x=1"
  int minor_version = 1;   ///< HTTP/1.<minor_version>
  NameValues headers;      ///< names in lower case, values trimmed
  bool keep_alive = true;  ///< from the version and the Connection header
  bool expect_continue = false;
  enum class Body { kNone, kLength, kChunked } body = Body::kNone;
  std::size_t content_length = 0;  ///< with Body::kLength
};

enum class Parse { kIncomplete, kComplete, kRefused };

/// Parses the request head at the start of `buffer`. kComplete: `head` is filled and
/// `consumed` is the head's size (blank line included). kRefused: `refusal` says why.
/// kIncomplete: more bytes are needed (`buffer` is still within the limits).
Parse parse_request_head(std::string_view buffer, const Limits& limits, RequestHead& head,
                         std::size_t& consumed, Refusal& refusal);

/// Decodes a chunked body at the start of `buffer` into `body` (trailers are read and
/// dropped). kComplete: `consumed` is the encoded size. Call again with more bytes after
/// kIncomplete; it starts over.
Parse decode_chunked(std::string_view buffer, std::size_t max_body, std::string& body,
                     std::size_t& consumed, Refusal& refusal);

/// Splits an origin-form target into its percent-decoded path and query parameters ('+'
/// in the query is a space). False when the target is not origin-form or its escapes are
/// malformed.
bool decode_target(std::string_view target, std::string& path, NameValues& query);

/// Appends the status line and headers of `response` to `out` (Content-Type:
/// application/json when there is a body and the handler set none, Content-Length,
/// "Connection: close" when `close`), then the body unless `head_only` (HEAD).
void write_response(const ApiResponse& response, bool close, bool head_only, std::string& out);

/// The reason phrase of a status code ("Not Found"), or "Unknown".
const char* reason_phrase(int status);

}  // namespace yuno::sandbox::http
