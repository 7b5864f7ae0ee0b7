#include "http_wire.hpp"

#include <vector>

namespace yuno::sandbox::http {
namespace {

// The byte classes of RFC 9110, ASCII only: no locale, nothing above 0x7f folded.
bool is_tchar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
    case '.': case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

bool is_token(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!is_tchar(c)) return false;
  }
  return true;
}

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
  }
  return true;
}

std::string_view trim_ows(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A field value may hold visible bytes, spaces, tabs and obs-text; no other control byte.
bool is_field_value(std::string_view value) {
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7f) return false;
  }
  return true;
}

// A request target: visible ASCII only (no spaces, controls, or raw bytes >= 0x80).
bool is_target(std::string_view target) {
  if (target.empty()) return false;
  for (const char c : target) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f) return false;
  }
  return true;
}

// Whether the comma-separated `list` holds `token` (case-insensitive), as in
// "Connection: keep-alive, Upgrade".
bool list_has(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    if (iequals(trim_ows(list.substr(0, comma)), token)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

Parse refuse(Refusal& refusal, int status, std::string message) {
  refusal.status = status;
  refusal.message = std::move(message);
  return Parse::kRefused;
}

// The line starting at `pos` without its "\n" or "\r\n"; npos `end` when there is no "\n"
// yet. A bare CR elsewhere in the line is left in and refused by the caller's checks.
std::string_view line_at(std::string_view buffer, std::size_t pos, std::size_t& end) {
  end = buffer.find('\n', pos);
  if (end == std::string_view::npos) return {};
  std::string_view line = buffer.substr(pos, end - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

Parse parse_request_line(std::string_view line, RequestHead& head, Refusal& refusal) {
  const std::size_t first = line.find(' ');
  const std::size_t second =
      first == std::string_view::npos ? first : line.find(' ', first + 1);
  if (second == std::string_view::npos || line.find(' ', second + 1) != std::string_view::npos) {
    return refuse(refusal, 400, "Malformed request line");
  }
  const std::string_view method = line.substr(0, first);
  const std::string_view target = line.substr(first + 1, second - first - 1);
  const std::string_view version = line.substr(second + 1);
  if (!is_token(method)) return refuse(refusal, 400, "Malformed request method");
  if (!is_target(target)) return refuse(refusal, 400, "Malformed request target");
  if (version == "HTTP/1.1") {
    head.minor_version = 1;
  } else if (version == "HTTP/1.0") {
    head.minor_version = 0;
  } else if (version.size() == 8 && version.substr(0, 5) == "HTTP/" && version[6] == '.') {
    return refuse(refusal, 505, "HTTP version not supported");
  } else {
    return refuse(refusal, 400, "Malformed HTTP version");
  }
  head.method.assign(method);
  head.target.assign(target);
  return Parse::kComplete;
}

Parse parse_header_line(std::string_view line, RequestHead& head, Refusal& refusal) {
  // A line starting with whitespace continues the previous one (obs-fold): refused, as
  // RFC 9112 allows, rather than joined.
  if (line.front() == ' ' || line.front() == '\t') {
    return refuse(refusal, 400, "Folded header lines are not accepted");
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) {
    return refuse(refusal, 400, "Malformed header line");
  }
  const std::string_view value = trim_ows(line.substr(colon + 1));
  if (!is_field_value(value)) return refuse(refusal, 400, "Malformed header value");
  std::string name(line.substr(0, colon));
  for (char& c : name) c = lower_ascii(c);
  head.headers.emplace_back(std::move(name), std::string(value));
  return Parse::kComplete;
}

// Decimal digits only, no sign, no list; false when malformed. Lengths of more than 18
// digits (beyond any body limit, and past where 64 bits could overflow) read as SIZE_MAX.
bool parse_length(std::string_view text, std::size_t& value) {
  if (text.empty()) return false;
  value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    if (text.size() <= 18) value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  if (text.size() > 18) value = static_cast<std::size_t>(-1);
  return true;
}

// Decides how the body is framed from the parsed headers.
Parse frame_body(const Limits& limits, RequestHead& head, Refusal& refusal) {
  bool has_length = false;
  bool has_encoding = false;
  for (const auto& [name, value] : head.headers) {
    if (name == "content-length") {
      std::size_t length = 0;
      if (!parse_length(value, length)) {
        return refuse(refusal, 400, "Malformed Content-Length");
      }
      if (has_length && length != head.content_length) {
        return refuse(refusal, 400, "Conflicting Content-Length headers");
      }
      has_length = true;
      head.content_length = length;
    } else if (name == "transfer-encoding") {
      if (has_encoding || !iequals(value, "chunked")) {
        return refuse(refusal, 501, "Only the chunked transfer coding is supported");
      }
      has_encoding = true;
    } else if (name == "connection") {
      if (list_has(value, "close")) {
        head.keep_alive = false;
      } else if (list_has(value, "keep-alive")) {
        head.keep_alive = true;
      }
    } else if (name == "expect") {
      head.expect_continue = iequals(value, "100-continue");
    }
  }
  // Both framings: the request could end in two places (request smuggling). Refuse.
  if (has_length && has_encoding) {
    return refuse(refusal, 400, "Both Content-Length and Transfer-Encoding");
  }
  if (has_encoding && head.minor_version == 0) {
    return refuse(refusal, 400, "Transfer-Encoding in an HTTP/1.0 request");
  }
  if (has_length && head.content_length > limits.max_body) {
    return refuse(refusal, 413, "Request body too large");
  }
  if (head.minor_version == 0) head.expect_continue = false;
  head.body = has_encoding ? RequestHead::Body::kChunked
              : has_length ? RequestHead::Body::kLength
                           : RequestHead::Body::kNone;
  return Parse::kComplete;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool percent_decode(std::string_view text, bool plus_is_space, std::string& out) {
  out.clear();
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return false;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return false;
      const char decoded = static_cast<char>(high * 16 + low);
      if (decoded == '\0') return false;  // NUL never reaches the application
      out += decoded;
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return true;
}

}  // namespace

Parse parse_request_head(std::string_view buffer, const Limits& limits, RequestHead& head,
                         std::size_t& consumed, Refusal& refusal) {
  head = RequestHead{};
  // Empty lines before a request line are ignored (RFC 9112, section 2.2).
  std::size_t start = 0;
  while (start < buffer.size() && (buffer[start] == '\r' || buffer[start] == '\n') &&
         start < limits.max_request_line) {
    ++start;
  }
  std::size_t end = 0;
  const std::string_view request_line = line_at(buffer, start, end);
  if (end == std::string_view::npos) {
    if (buffer.size() - start > limits.max_request_line) {
      return refuse(refusal, 414, "Request line too long");
    }
    return Parse::kIncomplete;
  }
  if (request_line.size() > limits.max_request_line) {
    return refuse(refusal, 414, "Request line too long");
  }
  if (parse_request_line(request_line, head, refusal) == Parse::kRefused) return Parse::kRefused;
  head.keep_alive = head.minor_version == 1;

  std::size_t pos = end + 1;
  for (;;) {
    if (pos - start > limits.max_head) return refuse(refusal, 431, "Request headers too large");
    const std::string_view line = line_at(buffer, pos, end);
    if (end == std::string_view::npos) {
      if (buffer.size() - start > limits.max_head) {
        return refuse(refusal, 431, "Request headers too large");
      }
      return Parse::kIncomplete;
    }
    pos = end + 1;
    if (line.empty()) break;
    if (parse_header_line(line, head, refusal) == Parse::kRefused) return Parse::kRefused;
  }
  if (pos - start > limits.max_head) return refuse(refusal, 431, "Request headers too large");
  if (frame_body(limits, head, refusal) == Parse::kRefused) return Parse::kRefused;
  consumed = pos;
  return Parse::kComplete;
}

Parse decode_chunked(std::string_view buffer, std::size_t max_body, std::string& body,
                     std::size_t& consumed, Refusal& refusal) {
  constexpr std::size_t kMaxLine = 1024;      // a chunk-size line or one trailer line
  constexpr std::size_t kMaxTrailers = 8192;  // all trailer lines together
  body.clear();
  std::size_t pos = 0;
  for (;;) {
    std::size_t end = 0;
    const std::string_view line = line_at(buffer, pos, end);
    if (end == std::string_view::npos) {
      if (buffer.size() - pos > kMaxLine) return refuse(refusal, 400, "Malformed chunk size");
      return Parse::kIncomplete;
    }
    if (line.size() > kMaxLine) return refuse(refusal, 400, "Malformed chunk size");
    // chunk-size [; extensions]: the extensions are ignored.
    const std::string_view digits = trim_ows(line.substr(0, line.find(';')));
    if (digits.empty()) return refuse(refusal, 400, "Malformed chunk size");
    if (digits.size() > 15) return refuse(refusal, 413, "Request body too large");
    std::size_t size = 0;
    for (const char c : digits) {
      const int digit = hex_value(c);
      if (digit < 0) return refuse(refusal, 400, "Malformed chunk size");
      size = size * 16 + static_cast<std::size_t>(digit);
      if (size > max_body - body.size()) return refuse(refusal, 413, "Request body too large");
    }
    pos = end + 1;
    if (size == 0) break;
    if (buffer.size() - pos < size) return Parse::kIncomplete;
    body.append(buffer.substr(pos, size));
    pos += size;
    // The chunk's data ends with CRLF (or a bare LF).
    if (pos >= buffer.size()) return Parse::kIncomplete;
    if (buffer[pos] == '\r') {
      if (pos + 1 >= buffer.size()) return Parse::kIncomplete;
      if (buffer[pos + 1] != '\n') return refuse(refusal, 400, "Malformed chunk");
      pos += 2;
    } else if (buffer[pos] == '\n') {
      pos += 1;
    } else {
      return refuse(refusal, 400, "Malformed chunk");
    }
  }
  // Trailer lines, up to an empty line: read and dropped.
  const std::size_t trailers_start = pos;
  for (;;) {
    std::size_t end = 0;
    const std::string_view line = line_at(buffer, pos, end);
    if (end == std::string_view::npos) {
      if (buffer.size() - trailers_start > kMaxTrailers) {
        return refuse(refusal, 431, "Trailers too large");
      }
      return Parse::kIncomplete;
    }
    pos = end + 1;
    if (pos - trailers_start > kMaxTrailers) return refuse(refusal, 431, "Trailers too large");
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon)) ||
        !is_field_value(line.substr(colon + 1))) {
      return refuse(refusal, 400, "Malformed trailer line");
    }
  }
  consumed = pos;
  return Parse::kComplete;
}

bool decode_target(std::string_view target, std::string& path, NameValues& query) {
  query.clear();
  if (target.empty() || target.front() != '/') return false;
  const std::size_t question = target.find('?');
  if (!percent_decode(target.substr(0, question), false, path)) return false;
  if (question == std::string_view::npos) return true;
  std::string_view rest = target.substr(question + 1);
  std::string name;
  std::string value;
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    const std::string_view raw_value =
        equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1);
    if (!percent_decode(pair.substr(0, equals), true, name) ||
        !percent_decode(raw_value, true, value)) {
      return false;
    }
    query.emplace_back(name, value);
  }
  return true;
}

void write_response(const ApiResponse& response, bool close, bool head_only, std::string& out) {
  out += "HTTP/1.1 ";
  out += std::to_string(response.status);
  out += ' ';
  out += reason_phrase(response.status);
  out += "\r\n";
  bool has_content_type = false;
  for (const auto& [name, value] : response.headers) {
    has_content_type = has_content_type || iequals(name, "content-type");
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  if (!response.body.empty() && !has_content_type) out += "Content-Type: application/json\r\n";
  // 1xx, 204 and 304 never carry a body nor (RFC 9110) a Content-Length.
  const bool bodiless = response.status < 200 || response.status == 204 || response.status == 304;
  if (!bodiless) {
    out += "Content-Length: ";
    out += std::to_string(response.body.size());
    out += "\r\n";
  }
  if (close) out += "Connection: close\r\n";
  out += "\r\n";
  if (!head_only && !bodiless) out += response.body;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
  }
}

}  // namespace yuno::sandbox::http
