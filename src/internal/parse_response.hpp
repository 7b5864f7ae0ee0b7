// Turning a 2xx body into a model: any failure is a ResponseParseError carrying the raw body.
#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "internal/client_core.hpp"
#include "internal/json_limits.hpp"
#include "internal/json_tape.hpp"
#include "internal/model_json.hpp"
#include "internal/model_tape.hpp"
#include "yuno/errors.hpp"
#include "yuno/response.hpp"

namespace yuno::internal {

[[noreturn]] inline void throw_parse_error(const ApiResult& result, const std::string& why) {
  throw ResponseParseError("Yuno API " + std::to_string(result.response.status_code) +
                               " response could not be read: " + why + " (" +
                               result.context.method + " " + result.context.path + ")",
                           result.response.status_code, result.response.body, result.context);
}

[[noreturn]] inline void throw_refusal(const ApiResult& result, JsonRefusal refusal) {
  switch (refusal) {
    case JsonRefusal::kTooDeep:
      throw_parse_error(result, "the body nests JSON deeper than " +
                                    std::to_string(kMaxJsonDepth) + " levels");
    case JsonRefusal::kRawNul:
      throw_parse_error(result, "the body holds a raw NUL byte, which JSON never does");
    case JsonRefusal::kNone:  // not a refusal: a caller's mistake, reported as not JSON
    case JsonRefusal::kNotJson:
      break;
  }
  throw_parse_error(result, "the body is not valid JSON");
}

/// The body as JSON; ResponseParseError if it is not JSON or nests too deep.
inline nlohmann::json parse_json_body(const ApiResult& result) {
  JsonRefusal refusal = JsonRefusal::kNone;
  auto parsed = parse_json_bounded(result.response.body, &refusal);
  if (refusal != JsonRefusal::kNone) throw_refusal(result, refusal);
  return parsed;
}

/// The body as a JsonTape, under the same rules as parse_json_body.
inline void parse_tape_body(const ApiResult& result, JsonTape& tape) {
  JsonRefusal refusal = JsonRefusal::kNone;
  if (!tape.parse(result.response.body, &refusal)) throw_refusal(result, refusal);
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

/// json_to_model for the tape path: same errors.
template <typename T>
T tape_to_model(const TapeNode& node, const ApiResult& result) {
  try {
    return node.get<T>();
  } catch (const std::exception& e) {
    throw_parse_error(result, e.what());
  }
}

/// Models with a tape reader are read from a tape, others from the DOM (the same results).
template <typename T>
T parse_body_as(const ApiResult& result) {
  if constexpr (has_tape_reader<T>::value) {
    JsonTape tape;
    parse_tape_body(result, tape);
    return tape_to_model<T>(tape.root(), result);
  } else {
    return json_to_model<T>(parse_json_body(result), result);
  }
}

template <typename T>
Response<T> parse_response(ApiResult&& result) {
  T value = parse_body_as<T>(result);
  return Response<T>(std::move(value), std::move(result.metadata));
}

}  // namespace yuno::internal
