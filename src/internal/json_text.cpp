#include "internal/json_text.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "yuno/errors.hpp"

namespace yuno::internal {
namespace {

// Written straight into `out`, item by item: building a temporary nlohmann::json and a
// std::string per key and scalar made this printer three times slower than dump().

[[noreturn]] void invalid_utf8() {
  // Said in our terms, without echoing the bytes.
  throw InvalidArgumentError("the request contains a string that is not valid UTF-8");
}

// Length of the well-formed UTF-8 sequence at s[i] (lead byte >= 0x80), or 0: the same
// bytes nlohmann's strict serializer accepts (no overlong forms, surrogates or > U+10FFFF).
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char low = 0x80;   // range of the second byte
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (s.size() - i < length) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

// A JSON string exactly as nlohmann's dump() writes it (ensure_ascii off: UTF-8 as is).
void append_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t plain = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t length = utf8_sequence(s, i);
      if (length == 0) invalid_utf8();
      i += length;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(s.data() + plain, i - plain);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0x0F]};
        out.append(escaped, sizeof escaped);
      }
    }
    plain = ++i;
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

template <typename Integer>
void append_integer(std::string& out, Integer number) {
  std::array<char, 24> buffer{};
  const auto printed = std::to_chars(buffer.data(), buffer.data() + buffer.size(), number);
  out.append(buffer.data(), printed.ptr);
}

void append_float(std::string& out, double number) {
  if (!std::isfinite(number)) {
    out += "null";  // as nlohmann does: JSON has no NaN or infinity
    return;
  }
  std::array<char, 400> buffer{};  // fixed notation of the largest double fits
  const double magnitude = std::fabs(number);
  // Plain decimals for money-sized numbers; the shortest form (maybe 1e-07) otherwise.
  const bool fixed = magnitude == 0.0 || (magnitude >= 1e-5 && magnitude < 1e16);
  const auto printed =
      fixed ? std::to_chars(buffer.data(), buffer.data() + buffer.size(), number,
                            std::chars_format::fixed)
            : std::to_chars(buffer.data(), buffer.data() + buffer.size(), number);
  out.append(buffer.data(), printed.ptr);
}

void append(std::string& out, const nlohmann::json& value) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.get_ref<const nlohmann::json::object_t&>()) {
        if (!first) out += ',';
        first = false;
        append_string(out, key);
        out += ':';
        append(out, member);
      }
      out += '}';
      return;
    }
    case Type::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value.get_ref<const nlohmann::json::array_t&>()) {
        if (!first) out += ',';
        first = false;
        append(out, element);
      }
      out += ']';
      return;
    }
    case Type::string:
      append_string(out, value.get_ref<const std::string&>());
      return;
    case Type::number_integer:
      append_integer(out, value.get<nlohmann::json::number_integer_t>());
      return;
    case Type::number_unsigned:
      append_integer(out, value.get<nlohmann::json::number_unsigned_t>());
      return;
    case Type::number_float:
      append_float(out, value.get<double>());
      return;
    case Type::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case Type::null:
      out += "null";
      return;
    default:
      out += value.dump();  // binary and discarded values: never in a request
      return;
  }
}

}  // namespace

std::string dump_json(const nlohmann::json& value) {
  std::string out;
  out.reserve(1024);
  try {
    append(out, value);
  } catch (const nlohmann::json::type_error&) {
    invalid_utf8();
  }
  return out;
}

}  // namespace yuno::internal
