// Turning a 2xx body into a model: any failure is a ResponseParseError carrying the raw body.
#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "internal/client_core.hpp"
#include "internal/json_limits.hpp"
#include "internal/model_json.hpp"
#include "yuno/errors.hpp"
#include "yuno/response.hpp"

namespace yuno::internal {

[[noreturn]] inline void throw_parse_error(const ApiResult& result, const std::string& why) {
  throw ResponseParseError("Yuno API " + std::to_string(result.response.status_code) +
                               " response could not be read: " + why + " (" +
                               result.context.method + " " + result.context.path + ")",
                           result.response.status_code, result.response.body, result.context);
}

/// The body as JSON; ResponseParseError if it is not JSON or nests too deep.
inline nlohmann::json parse_json_body(const ApiResult& result) {
  JsonRefusal refusal = JsonRefusal::kNone;
  auto parsed = parse_json_bounded(result.response.body, &refusal);
  switch (refusal) {
    case JsonRefusal::kNone:
      return parsed;
    case JsonRefusal::kTooDeep:
      throw_parse_error(result, "the body nests JSON deeper than " +
                                    std::to_string(kMaxJsonDepth) + " levels");
    case JsonRefusal::kRawNul:
      throw_parse_error(result, "the body holds a raw NUL byte, which JSON never does");
    case JsonRefusal::kNotJson:
      break;
  }
  throw_parse_error(result, "the body is not valid JSON");
}

/// Converts JSON to T; ResponseParseError (with the field path) if the shape is wrong.
template <typename T>
T json_to_model(const nlohmann::json& j, const ApiResult& result) {
  try {
    return j.get<T>();
  } catch (const std::exception& e) {
    // Messages name fields and JSON types, never values: safe to put in what().
    throw_parse_error(result, e.what());
  }
}

template <typename T>
Response<T> parse_response(ApiResult&& result) {
  T value = json_to_model<T>(parse_json_body(result), result);
  return Response<T>(std::move(value), std::move(result.metadata));
}

}  // namespace yuno::internal
