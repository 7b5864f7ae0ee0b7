#include "internal/url.hpp"

#include "internal/strings.hpp"
#include "yuno/errors.hpp"

namespace yuno::internal {
namespace {

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_' || c == '~';
}

std::string percent_encode(std::string_view value, bool keep_dot) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (is_unreserved(c) || (keep_dot && c == '.')) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

// An id is one path segment. Encoding alone would keep "a/b" or ".." in its place, but a hop
// that decodes %2F or resolves %2E%2E (some proxies do) would not: no Yuno id contains
// these, so they are refused before anything is sent. The value is never echoed.
void check_path_parameter(std::string_view name, std::string_view value) {
  if (value == "." || value == "..") {
    throw InvalidArgumentError(std::string(name) + " must not be '.' or '..'");
  }
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      throw InvalidArgumentError(std::string(name) +
                                 " must not contain control characters (NUL, CR, LF...)");
    }
    if (c == '/' || c == '\\' || c == '%' || c == '?' || c == '#') {
      throw InvalidArgumentError(std::string(name) +
                                 " must not contain '/', '\\', '%', '?' or '#'");
    }
  }
}

[[noreturn]] void bad_url(std::string_view option_name, const std::string& why) {
  throw ConfigurationError(std::string(option_name) + " is not a valid base URL: " + why);
}

}  // namespace

std::string encode_path_segment(std::string_view value) { return percent_encode(value, false); }
std::string encode_query_component(std::string_view value) { return percent_encode(value, true); }

std::string expand_path(std::string_view path_template,
                        const std::vector<std::string_view>& params) {
  std::string out;
  std::size_t next_param = 0;
  std::size_t i = 0;
  while (i < path_template.size()) {
    const std::size_t open = path_template.find('{', i);
    if (open == std::string_view::npos) {
      out += path_template.substr(i);
      break;
    }
    const std::size_t close = path_template.find('}', open);
    out += path_template.substr(i, open - i);
    if (next_param >= params.size()) {
      throw InvalidArgumentError("internal error: missing path parameter");
    }
    const std::string_view name = path_template.substr(open + 1, close - open - 1);
    if (params[next_param].empty()) {
      throw InvalidArgumentError(std::string(name) + " must not be empty");
    }
    check_path_parameter(name, params[next_param]);
    out += encode_path_segment(params[next_param++]);
    i = close + 1;
  }
  if (next_param != params.size()) {
    throw InvalidArgumentError("internal error: too many path parameters");
  }
  return out;
}

std::string build_query(const std::vector<std::pair<std::string, std::string>>& query) {
  std::string out;
  for (const auto& [name, value] : query) {
    // Free text (merchant_order_id "order 1/2") is encoded; control characters never belong.
    for (char c : value) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
        throw InvalidArgumentError(name + " must not contain control characters (NUL, CR, LF...)");
      }
    }
    out += out.empty() ? '?' : '&';
    out += encode_query_component(name) + "=" + encode_query_component(value);
  }
  return out;
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "::1") return true;
  // 127.0.0.0/8 as a dotted IPv4 address; "127.attacker.example" is a DNS name.
  int parts = 0;
  std::size_t start = 0;
  while (start <= host.size()) {
    std::size_t end = host.find('.', start);
    if (end == std::string_view::npos) end = host.size();
    const std::string_view part = host.substr(start, end - start);
    if (part.empty() || part.size() > 3 ||
        part.find_first_not_of("0123456789") != std::string_view::npos ||
        std::stoi(std::string(part)) > 255) {
      return false;
    }
    if (parts == 0 && part != "127") return false;
    ++parts;
    start = end + 1;
  }
  return parts == 4;
}

BaseUrl parse_base_url(std::string_view text, std::string_view option_name) {
  BaseUrl result;
  std::string_view rest;
  if (starts_with(text, "https://")) {
    rest = text.substr(8);
  } else if (starts_with(text, "http://")) {
    rest = text.substr(7);
    result.https = false;
  } else {
    bad_url(option_name, "it must start with https:// (or http:// for a loopback host)");
  }
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) {
      bad_url(option_name, "it contains whitespace or control characters");
    }
  }
  if (rest.find_first_of("?#") != std::string_view::npos) {
    bad_url(option_name, "it must not have a query or fragment");
  }
  const std::size_t slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (authority.find('@') != std::string_view::npos) {
    bad_url(option_name, "credentials in the URL are not allowed");
  }
  // Host: "[v6]:port", "name:port" or "name".
  std::string_view host = authority;
  if (starts_with(host, "[")) {
    const std::size_t end = host.find(']');
    if (end == std::string_view::npos) bad_url(option_name, "unterminated IPv6 address");
    host = host.substr(1, end - 1);
  } else if (const std::size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    const std::string_view port = host.substr(colon + 1);
    if (port.empty() || port.find_first_not_of("0123456789") != std::string_view::npos) {
      bad_url(option_name, "the port is not a number");
    }
    host = host.substr(0, colon);
  }
  if (host.empty()) bad_url(option_name, "it has no host");
  for (char c : host) result.host += ascii_lower(c);
  if (path == "/v1" || (path.size() > 3 && path.substr(path.size() - 3) == "/v1")) {
    bad_url(option_name, "leave out /v1: the SDK adds it to every path");
  }
  if (!result.https && !is_loopback_host(result.host)) {
    bad_url(option_name, "plain http:// is only allowed for loopback hosts; use https://");
  }
  result.url = std::string(text.substr(0, text.size() - (rest.size() - authority.size()))) +
               std::string(path);
  return result;
}

}  // namespace yuno::internal
