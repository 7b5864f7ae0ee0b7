// The routes of the Yuno API under /v1: path pattern, method, handler.
#pragma once

#include <string>
#include <string_view>

#include "api_handlers.hpp"

namespace yuno::sandbox {

struct RouteMatch {
  enum class Result { kFound, kUnknownPath, kWrongMethod };
  Result result = Result::kUnknownPath;
  Handler handler = nullptr;
  PathParams params;
  bool idempotent_write = false;      ///< POST/PATCH: X-Idempotency-Key rules apply
  bool idempotency_required = false;  ///< POST /v1/payments: the key is mandatory
  std::string allow;                  ///< kWrongMethod: the methods the path accepts
};

/// The route for `method` (HEAD counts as GET) and the decoded `path`.
RouteMatch match_route(std::string_view method, std::string_view path);

}  // namespace yuno::sandbox
