#include "api_types.hpp"

#include <nlohmann/json.hpp>

#include "json_io.hpp"

namespace yuno::sandbox {

ApiError::ApiError(int status, std::string code, std::vector<std::string> messages)
    : std::runtime_error(code), status_(status), code_(std::move(code)),
      messages_(std::move(messages)) {}

ApiError::ApiError(int status, std::string code, std::string message)
    : ApiError(status, std::move(code), std::vector<std::string>{std::move(message)}) {}

const std::string* ApiRequest::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return &value;
  }
  return nullptr;
}

const std::string* ApiRequest::query_param(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return &value;
  }
  return nullptr;
}

ApiResponse json_response(int status, std::string body) {
  ApiResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

ApiResponse error_response(const ApiError& error) {
  nlohmann::json body = {{"code", error.code()}, {"messages", error.messages()}};
  return json_response(error.status(), dump_json(body));
}

ApiResponse error_response(int status, std::string_view code, std::string_view message) {
  return error_response(ApiError(status, std::string(code), std::string(message)));
}

}  // namespace yuno::sandbox
