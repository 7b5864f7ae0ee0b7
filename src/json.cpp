#include "yuno/json.hpp"

#include <nlohmann/json.hpp>

#include "internal/json_limits.hpp"
#include "yuno/errors.hpp"

namespace yuno {

Json::Json() noexcept = default;
Json::Json(const nlohmann::json& value)
    : value_(value.is_null() ? nullptr : std::make_unique<nlohmann::json>(value)) {}
Json::Json(nlohmann::json&& value)
    : value_(value.is_null() ? nullptr : std::make_unique<nlohmann::json>(std::move(value))) {}
Json::Json(const Json& other)
    : value_(other.value_ ? std::make_unique<nlohmann::json>(*other.value_) : nullptr) {}
Json::Json(Json&& other) noexcept = default;
Json& Json::operator=(const Json& other) {
  if (this != &other) {
    value_ = other.value_ ? std::make_unique<nlohmann::json>(*other.value_) : nullptr;
  }
  return *this;
}
Json& Json::operator=(Json&& other) noexcept = default;
Json::~Json() = default;

Json Json::parse(std::string_view text) {
  auto parsed = internal::parse_json_bounded(text);
  if (parsed.is_discarded()) {
    throw InvalidArgumentError("text is not valid JSON (or nests deeper than " +
                               std::to_string(internal::kMaxJsonDepth) + " levels)");
  }
  return Json(std::move(parsed));
}

bool Json::is_null() const noexcept { return !value_ || value_->is_null(); }
bool Json::empty() const noexcept { return !value_ || value_->empty(); }
std::string Json::dump() const { return value_ ? value_->dump() : "null"; }

const nlohmann::json& Json::value() const {
  static const nlohmann::json kNull;
  return value_ ? *value_ : kNull;
}

nlohmann::json& Json::value() {
  if (!value_) value_ = std::make_unique<nlohmann::json>();
  return *value_;
}

bool operator==(const Json& a, const Json& b) { return a.value() == b.value(); }

void to_json(nlohmann::json& j, const Json& value) { j = value.value(); }
void from_json(const nlohmann::json& j, Json& value) { value = Json(j); }

}  // namespace yuno
