#include "yuno/string_enum.hpp"

#include <nlohmann/json.hpp>

namespace yuno {

void to_json(nlohmann::json& j, const StringEnumBase& value) { j = value.value(); }

void from_json(const nlohmann::json& j, StringEnumBase& value) {
  value.value_ = j.get<std::string>();  // a non-string is a type_error naming the type
}

}  // namespace yuno
