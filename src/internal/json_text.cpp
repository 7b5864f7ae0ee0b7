#include "internal/json_text.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "yuno/errors.hpp"

namespace yuno::internal {
namespace {

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
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out += ',';
        first = false;
        out += nlohmann::json(it.key()).dump();
        out += ':';
        append(out, it.value());
      }
      out += '}';
      return;
    }
    case nlohmann::json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value) {
        if (!first) out += ',';
        first = false;
        append(out, element);
      }
      out += ']';
      return;
    }
    case nlohmann::json::value_t::number_float:
      append_float(out, value.get<double>());
      return;
    default:
      out += value.dump();  // strings (escaping), integers, booleans, null
      return;
  }
}

}  // namespace

std::string dump_json(const nlohmann::json& value) {
  std::string out;
  try {
    append(out, value);
  } catch (const nlohmann::json::type_error&) {
    // nlohmann refuses invalid UTF-8: say so in our terms, without echoing the bytes.
    throw InvalidArgumentError("the request contains a string that is not valid UTF-8");
  }
  return out;
}

}  // namespace yuno::internal
