// Helpers shared by the fuzz targets: a failed property is a crash (libFuzzer keeps the
// input), and small text splitters for the targets whose input has a header part.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yuno::fuzz {

/// Prints what broke and aborts: libFuzzer reports a deadly signal and saves the input.
[[noreturn]] inline void fail(const char* file, int line, const char* what,
                              const std::string& detail) {
  std::fprintf(stderr, "\n==== yuno fuzz property failed at %s:%d: %s\n%s\n", file, line, what,
               detail.c_str());
  std::fflush(stderr);
  std::abort();
}

#define YUNO_FUZZ_CHECK(condition, detail)                                   \
  do {                                                                       \
    if (!(condition)) ::yuno::fuzz::fail(__FILE__, __LINE__, #condition, (detail)); \
  } while (0)

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

/// Splits off the first line (without its "\n"; a trailing "\r" is dropped too) and
/// returns it; `text` keeps what follows. No newline: the whole text is the line.
inline std::string_view take_line(std::string_view& text) {
  const std::size_t newline = text.find('\n');
  std::string_view line = text.substr(0, newline);
  text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

inline std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

/// "name: value" header lines up to the first empty line (an HTTP-like head); `text` keeps
/// the body after it. A line without ':' is a name with an empty value.
inline std::vector<std::pair<std::string, std::string>> take_headers(std::string_view& text) {
  std::vector<std::pair<std::string, std::string>> headers;
  while (!text.empty()) {
    const std::string_view line = take_line(text);
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      headers.emplace_back(std::string(trim(line)), std::string());
    } else {
      headers.emplace_back(std::string(trim(line.substr(0, colon))),
                           std::string(trim(line.substr(colon + 1))));
    }
  }
  return headers;
}

}  // namespace yuno::fuzz
