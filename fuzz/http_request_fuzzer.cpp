// Fuzz target: yuno-sandbox's HTTP/1.1 wire format (sandbox/src/http_wire.hpp), the code that
// reads every byte a client sends before the emulator sees a request.
//
// Input: raw bytes as received on a connection (a request head, maybe a body, maybe more
// requests), parsed with small limits so that the refusals are reached too.
//
// Properties: nothing throws or reads out of bounds (ASan); a complete head consumed no
// more than it was given, its method is a token, its header names are lower case and no
// name or value holds CR, LF or NUL; the same bytes cut at the head's end parse the same;
// a refusal carries a 4xx/5xx status; a chunked body that decodes fits the limit and its
// encoding was given; a decoded target's path starts with '/' and holds no NUL; a response
// written around the input begins with a status line and ends with the body.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "http_wire.hpp"

namespace {

namespace http = yuno::sandbox::http;

bool has_line_break_or_nul(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = yuno::fuzz::as_text(data, size);
  http::Limits limits;
  limits.max_request_line = 200;
  limits.max_head = 1000;
  limits.max_body = 4000;

  http::RequestHead head;
  std::size_t consumed = 0;
  http::Refusal refusal;
  const http::Parse state = http::parse_request_head(input, limits, head, consumed, refusal);
  if (state == http::Parse::kRefused) {
    YUNO_FUZZ_CHECK(refusal.status >= 400 && refusal.status < 600 && !refusal.message.empty(),
                    std::to_string(refusal.status));
    return 0;
  }
  if (state == http::Parse::kIncomplete) return 0;

  YUNO_FUZZ_CHECK(consumed > 0 && consumed <= input.size(), std::to_string(consumed));
  YUNO_FUZZ_CHECK(!head.method.empty() && head.method.find_first_of(" \t\r\n") == std::string::npos,
                  head.method);
  YUNO_FUZZ_CHECK(!has_line_break_or_nul(head.target), head.target);
  for (const auto& [name, value] : head.headers) {
    YUNO_FUZZ_CHECK(!name.empty() && !has_line_break_or_nul(name) && !has_line_break_or_nul(value),
                    name);
    for (const char c : name) YUNO_FUZZ_CHECK(!(c >= 'A' && c <= 'Z'), name);
  }
  if (head.body == http::RequestHead::Body::kLength) {
    YUNO_FUZZ_CHECK(head.content_length <= limits.max_body, std::to_string(head.content_length));
  }

  // The head alone parses to the same result: nothing after it was looked at.
  http::RequestHead again;
  std::size_t consumed_again = 0;
  YUNO_FUZZ_CHECK(http::parse_request_head(input.substr(0, consumed), limits, again,
                                           consumed_again, refusal) == http::Parse::kComplete &&
                      consumed_again == consumed && again.headers == head.headers &&
                      again.target == head.target,
                  std::string(input.substr(0, consumed)));

  if (head.body == http::RequestHead::Body::kChunked) {
    std::string body;
    std::size_t encoded = 0;
    const std::string_view rest = input.substr(consumed);
    const http::Parse chunked = http::decode_chunked(rest, limits.max_body, body, encoded, refusal);
    if (chunked == http::Parse::kComplete) {
      YUNO_FUZZ_CHECK(encoded <= rest.size() && body.size() <= limits.max_body &&
                          body.size() <= encoded,
                      std::to_string(encoded));
    } else if (chunked == http::Parse::kRefused) {
      YUNO_FUZZ_CHECK(refusal.status == 400 || refusal.status == 413 || refusal.status == 431,
                      std::to_string(refusal.status));
    }
  }

  std::string path;
  yuno::sandbox::NameValues query;
  if (http::decode_target(head.target, path, query)) {
    YUNO_FUZZ_CHECK(!path.empty() && path.front() == '/' && path.find('\0') == std::string::npos,
                    path);
  }

  yuno::sandbox::ApiResponse response;
  response.status = 200;
  response.body.assign(input.substr(consumed));
  std::string out;
  http::write_response(response, !head.keep_alive, head.method == "HEAD", out);
  YUNO_FUZZ_CHECK(out.rfind("HTTP/1.1 200 OK\r\n", 0) == 0, out.substr(0, 40));
  if (head.method != "HEAD") {
    YUNO_FUZZ_CHECK(out.size() >= response.body.size() &&
                        out.compare(out.size() - response.body.size(), std::string::npos,
                                    response.body) == 0,
                    "body");
  }
  return 0;
}
