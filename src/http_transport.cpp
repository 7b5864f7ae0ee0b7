#include "yuno/http_transport.hpp"

#include "internal/strings.hpp"

namespace yuno {

std::optional<std::string> find_header(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (internal::iequals(key, name)) return value;
  }
  return std::nullopt;
}

}  // namespace yuno
