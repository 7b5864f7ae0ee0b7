// Small string helpers shared inside the library.
#pragma once

#include <string>
#include <string_view>

namespace yuno::internal {

// ASCII only, on purpose: HTTP names are ASCII, and the C locale functions cost a call per
// character on every header of every request.
inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/// ASCII case-insensitive equality (HTTP header names).
inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

inline bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

/// An HTTP token (RFC 9110): what header names and methods are made of.
inline bool is_http_token(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum || c == '-' || c == '_') continue;  // the usual ones, without the search below
    if (std::string_view("!#$%&'*+.^`|~").find(c) == std::string_view::npos) return false;
  }
  return true;
}

/// True when the text contains CR, LF or NUL (header injection).
inline bool has_control_line_break(std::string_view text) {
  // A plain loop: find_first_of searches the three-character set once per character.
  for (char c : text) {
    if (c == '\r' || c == '\n' || c == '\0') return true;
  }
  return false;
}

inline std::string_view trim(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace yuno::internal
