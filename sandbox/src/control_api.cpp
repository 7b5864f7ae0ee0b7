#include "control_api.hpp"

#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

#include "json_io.hpp"
#include "sandbox_app.hpp"

namespace yuno::sandbox {
namespace {

using nlohmann::json;

bool is_loopback(std::string_view address) {
  return address == "::1" || address.substr(0, 4) == "127." ||
         address.substr(0, 11) == "::ffff:127.";
}

ApiResponse wrong_method(const ApiRequest& request, const char* allow) {
  ApiResponse response =
      error_response(405, "UNSUPPORTED_METHOD", request.method + " is not supported on this path");
  response.headers.emplace_back("Allow", allow);
  return response;
}

json stats(SandboxApp& app) {
  json out;
  {
    Store& store = app.store();
    auto lock = store.lock();
    out["customers"] = store.customers.size();
    out["checkout_sessions"] = store.sessions.size();
    out["tokens"] = store.tokens.size();
    out["payments"] = store.payments.size();
  }
  out["idempotency_keys"] = app.idempotency().size();
  out["requests"] = app.api_requests();
  out["faults"] = app.faults().counts();
  out["webhooks"] = app.webhooks().stats();
  return out;
}

ApiResponse put_faults(SandboxApp& app, const ApiRequest& request) {
  const ParsedJson document = parse_request_json(request.body);
  FaultSettings settings = app.faults().settings();
  try {
    from_json(document.value, settings);
    app.faults().configure(settings);
  } catch (const std::invalid_argument& error) {
    throw ApiError(400, "INVALID_PARAMETERS", error.what());
  }
  return json_response(200, dump_json(json(app.faults().settings())));
}

}  // namespace

ApiResponse handle_control_request(SandboxApp& app, const ApiRequest& request) {
  if (!is_loopback(request.remote_addr)) {
    return error_response(403, "AUTHORIZATION_REQUIRED",
                          "The control API answers loopback clients only");
  }
  const std::string& path = request.path;
  const std::string& method = request.method;
  const bool get = method == "GET" || method == "HEAD";
  if (path == "/_sandbox/health") {
    if (!get) return wrong_method(request, "GET");
    return json_response(200, R"({"status":"ok"})");
  }
  if (path == "/_sandbox/reset") {
    if (method != "POST") return wrong_method(request, "POST");
    app.reset();
    return json_response(200, R"({"reset":true})");
  }
  if (path == "/_sandbox/stats") {
    if (!get) return wrong_method(request, "GET");
    return json_response(200, dump_json(stats(app)));
  }
  if (path == "/_sandbox/faults") {
    if (get) return json_response(200, dump_json(json(app.faults().settings())));
    if (method == "PUT") return put_faults(app, request);
    return wrong_method(request, "GET, PUT");
  }
  return error_response(404, "NOT_FOUND", "Not Found");
}

}  // namespace yuno::sandbox
