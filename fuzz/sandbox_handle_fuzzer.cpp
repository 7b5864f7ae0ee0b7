// Fuzz target: yuno-sandbox's request handling, in process (SandboxApp::handle, the call the
// HTTP server makes for every request), with no network.
//
// Input: one or more requests separated by a line "~~~", each HTTP-like:
//   POST /v1/payments/$payment/transactions/$transaction/capture?a=1&b=2
//   x-idempotency-key: key-1
//   <empty line>
//   {"amount": {"value": 10, "currency": "USD"}}
// Valid credentials are appended to every request's headers, so the handlers are reached;
// an input that sends its own public-api-key / private-secret-key header first (the first
// header of a name wins) reaches the 401 path instead. `$payment`, `$transaction`,
// `$customer`, `$session`, `$token`, `$vaulted_token`, `$customer_session` and `$id` are
// replaced, in the path, query, headers and body, by the ids the earlier requests of the
// same input got back: one input can create a customer, a session and a payment, then
// capture and refund it. A line "@remote <address>" before the request line sets the
// client address (default 127.0.0.1, so /_sandbox/ answers too).
//
// Properties: handle() never throws (an escaping exception is a crash) and never answers
// 500 except for an injected fault (a handler threw something that is not a Yuno error);
// the status is one Yuno uses; a non-empty body is JSON, and an error body is
// {"code": string, "messages": [strings]}; header names and values have no CR/LF; every
// answer carries x-request-id; a connection is dropped only when faults are configured.
//
// State is bounded: every input starts from a reset app with no faults, at most 48 requests.
// Injected latency is capped at 1 ms (PUT /_sandbox/faults can ask for more), and webhooks
// are never created (POST/PATCH /v1/webhooks are skipped: a webhook would deliver events
// over the network).
// Seeds: every request example of the OpenAPI documents (yuno_fuzz_seeds) and the flows in
// fuzz/corpus/sandbox_handle.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_types.hpp"
#include "faults.hpp"
#include "fuzz_support.hpp"
#include "sandbox_app.hpp"
#include "webhooks.hpp"

namespace {

using yuno::sandbox::ApiRequest;
using yuno::sandbox::ApiResponse;

// Test credentials of this in-process app only.
constexpr const char* kPublicKey = "sandbox_fuzz_public_key";
constexpr const char* kSecretKey = "sandbox_fuzz_secret_key";
constexpr const char* kAccountId = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
constexpr std::size_t kMaxRequests = 48;

struct World {
  yuno::sandbox::FaultInjector faults;
  yuno::sandbox::WebhookDispatcher webhooks;  // no URL: events are dropped, nothing is sent
  yuno::sandbox::SandboxApp app;
  World()
      : app(yuno::sandbox::AppSettings{kPublicKey, kSecretKey, kAccountId,
                                       std::chrono::milliseconds(0)},
            faults, webhooks) {}
};

World& world() {
  static World* const instance = new World();  // lives for the process: no exit-time races
  return *instance;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void replace_all(std::string& text, std::string_view from, const std::string& to) {
  if (from.empty()) return;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// The ids earlier responses gave, by variable name ("$payment" -> "..."). Longest names
// are substituted first so that "$id" does not eat the start of nothing else.
using Variables = std::map<std::string, std::string, std::greater<>>;

std::string substitute(std::string_view text, const Variables& variables) {
  std::string out(text);
  if (out.find('$') == std::string::npos) return out;
  for (const auto& [name, value] : variables) replace_all(out, name, value);
  return out;
}

void remember(const ApiRequest& request, const nlohmann::json& body, Variables& variables) {
  if (!body.is_object()) return;
  auto text = [&body](const char* key) -> const std::string* {
    const auto it = body.find(key);
    return it != body.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
  };
  const std::string_view path = request.path;
  const bool payments = path.substr(0, 12) == "/v1/payments";
  const bool payment_operation = payments && path.find("/transactions/") != std::string::npos;
  if (const std::string* id = text("id")) {
    variables["$id"] = *id;
    if (payment_operation) {
      variables["$transaction"] = *id;
    } else if (payments) {
      variables["$payment"] = *id;
    } else if (path.substr(0, 13) == "/v1/customers" && path.substr(0, 22) != "/v1/customers/sessions") {
      variables["$customer"] = *id;
    }
  }
  if (const std::string* session = text("checkout_session")) variables["$session"] = *session;
  if (const std::string* session = text("customer_session")) variables["$customer_session"] = *session;
  if (const std::string* token = text("token")) variables["$token"] = *token;
  if (const std::string* token = text("vaulted_token")) variables["$vaulted_token"] = *token;
  if (const auto payment = body.find("payment"); payment != body.end() && payment->is_object()) {
    const auto id = payment->find("id");
    if (id != payment->end() && id->is_string()) variables["$payment"] = id->get<std::string>();
  }
  if (const auto transactions = body.find("transactions"); transactions != body.end()) {
    const nlohmann::json* first = nullptr;
    if (transactions->is_array() && !transactions->empty()) first = &transactions->front();
    if (transactions->is_object()) first = &*transactions;
    if (first != nullptr && first->is_object()) {
      const auto id = first->find("id");
      if (id != first->end() && id->is_string()) variables["$transaction"] = id->get<std::string>();
    }
  }
}

bool has_cr_or_lf(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

bool expected_status(int status) {
  switch (status) {
    case 200: case 201: case 202: case 204:
    case 400: case 401: case 403: case 404: case 405: case 409: case 422: case 429:
    case 500: case 501: case 502: case 503: case 504:
      return true;
    default:
      return false;
  }
}

std::string describe(const ApiRequest& request, const ApiResponse& response) {
  std::string out = request.method + " " + request.path + " -> " + std::to_string(response.status) +
                    "\n  request body: " + request.body.substr(0, 2000) +
                    "\n  response body: " + response.body.substr(0, 2000);
  return out;
}

void check_response(const ApiRequest& request, const ApiResponse& response, bool faults_on) {
  YUNO_FUZZ_CHECK(expected_status(response.status), "unexpected status\n" + describe(request, response));
  YUNO_FUZZ_CHECK(!response.drop_connection || faults_on,
                  "connection dropped without faults\n" + describe(request, response));
  bool request_id = false;
  for (const auto& [name, value] : response.headers) {
    YUNO_FUZZ_CHECK(!name.empty() && !has_cr_or_lf(name) && !has_cr_or_lf(value),
                    "header with CR/LF: " + name + "\n" + describe(request, response));
    request_id = request_id || name == "x-request-id";
  }
  YUNO_FUZZ_CHECK(request_id, "no x-request-id\n" + describe(request, response));
  if (response.body.empty()) {
    YUNO_FUZZ_CHECK(response.status < 400, "an error without a body\n" + describe(request, response));
    return;
  }
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  YUNO_FUZZ_CHECK(!body.is_discarded(), "body is not JSON\n" + describe(request, response));
  if (response.status >= 400) {
    const auto code = body.find("code");
    const auto messages = body.find("messages");
    YUNO_FUZZ_CHECK(body.is_object() && code != body.end() && code->is_string() &&
                        messages != body.end() && messages->is_array(),
                    "not a Yuno error body\n" + describe(request, response));
    for (const auto& message : *messages) {
      YUNO_FUZZ_CHECK(message.is_string(), "a message is not a string\n" + describe(request, response));
    }
    if (response.status == 500) {
      // Faults answer 500 with "(injected by yuno-sandbox)"; any other 500 is SandboxApp's
      // catch (const std::exception&): a handler threw something that is not an ApiError.
      const bool injected = !messages->empty() && messages->front().is_string() &&
                            messages->front().get_ref<const std::string&>().find("injected") !=
                                std::string::npos;
      YUNO_FUZZ_CHECK(injected, "500 from an unexpected exception in a handler\n" +
                                    describe(request, response));
    }
  }
}

// Caps injected latency, so a fuzzed PUT /_sandbox/faults cannot turn into a hang.
bool tame_faults(yuno::sandbox::FaultInjector& faults) {
  yuno::sandbox::FaultSettings settings = faults.settings();
  const bool on = settings.server_error_rate > 0 || settings.rate_limit_rate > 0 ||
                  settings.latency_rate > 0 || settings.drop_before_rate > 0 ||
                  settings.drop_after_rate > 0;
  if (settings.latency > std::chrono::milliseconds(1)) {
    settings.latency = std::chrono::milliseconds(1);
    faults.configure(settings);
  }
  return on;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  World& w = world();
  w.faults.configure(yuno::sandbox::FaultSettings{});
  w.app.reset();

  std::string_view input = yuno::fuzz::as_text(data, size);
  Variables variables;
  bool faults_on = false;
  for (std::size_t count = 0; !input.empty() && count < kMaxRequests; ++count) {
    // One request: up to the next "\n~~~\n" (or the end).
    std::string_view chunk = input;
    const std::size_t separator = input.find("\n~~~\n");
    if (separator == std::string_view::npos) {
      input = std::string_view();
    } else {
      chunk = input.substr(0, separator + 1);
      input.remove_prefix(separator + 5);
    }

    ApiRequest request;
    request.remote_addr = "127.0.0.1";
    std::string_view line = yuno::fuzz::take_line(chunk);
    while (line.substr(0, 8) == "@remote ") {
      request.remote_addr = std::string(line.substr(8));
      line = yuno::fuzz::take_line(chunk);
    }
    const std::size_t space = line.find(' ');
    request.method = std::string(line.substr(0, space));
    std::string target = space == std::string_view::npos ? std::string("/")
                                                         : substitute(line.substr(space + 1), variables);
    const std::size_t question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos) {
      std::string_view query = std::string_view(target).substr(question + 1);
      while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const std::size_t eq = pair.find('=');
        request.query.emplace_back(std::string(pair.substr(0, eq)),
                                   eq == std::string_view::npos ? std::string()
                                                                : std::string(pair.substr(eq + 1)));
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
      }
    }
    for (auto& [name, value] : yuno::fuzz::take_headers(chunk)) {
      request.headers.emplace_back(lower(name), substitute(value, variables));
    }
    request.headers.emplace_back("public-api-key", kPublicKey);
    request.headers.emplace_back("private-secret-key", kSecretKey);
    request.body = substitute(chunk, variables);

    // Creating a webhook would start delivering events over the network: not here.
    if (request.path.substr(0, 12) == "/v1/webhooks" &&
        (request.method == "POST" || request.method == "PATCH")) {
      continue;
    }

    const ApiResponse response = w.app.handle(request);
    faults_on = tame_faults(w.faults) || faults_on;
    check_response(request, response, faults_on);
    if (response.status >= 200 && response.status < 300 && !response.body.empty()) {
      remember(request, nlohmann::json::parse(response.body, nullptr, false), variables);
    }
  }
  return 0;
}
