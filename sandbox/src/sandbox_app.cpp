#include "sandbox_app.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <exception>
#include <thread>

#include "control_api.hpp"
#include "ids.hpp"
#include "router.hpp"

namespace yuno::sandbox {
namespace {

constexpr std::size_t kMaxIdempotencyKeyLength = 255;

std::array<unsigned char, 32> sha256(const std::string& text) {
  // Fetched once: OpenSSL 3 would otherwise look the algorithm up on every call.
  static EVP_MD* const algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  std::array<unsigned char, 32> digest{};
  unsigned int length = 0;
  if (algorithm == nullptr ||
      EVP_Digest(text.data(), text.size(), digest.data(), &length, algorithm, nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return digest;
}

// Compares the digests, so that neither the content nor the length of a key leaks through
// the time taken.
bool same_key(const std::string* given, const std::array<unsigned char, 32>& expected) {
  if (given == nullptr) return false;
  const auto digest = sha256(*given);
  return CRYPTO_memcmp(digest.data(), expected.data(), digest.size()) == 0;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

ApiResponse fault_response(const FaultDecision& decision) {
  switch (decision.status) {
    case 502:
      return error_response(502, "BAD_GATEWAY", "Bad gateway (injected by yuno-sandbox)");
    case 503:
      return error_response(503, "SERVICE_UNAVAILABLE",
                            "Service unavailable (injected by yuno-sandbox)");
    case 504:
      return error_response(504, "REQUEST_TIMEOUT", "Request timeout (injected by yuno-sandbox)");
    default:
      return error_response(decision.status == 0 ? 500 : decision.status, "INTERNAL_ERROR",
                            "Internal error (injected by yuno-sandbox)");
  }
}

}  // namespace

SandboxApp::SandboxApp(AppSettings settings, FaultInjector& faults, WebhookDispatcher& webhooks)
    : settings_(std::move(settings)),
      faults_(faults),
      webhooks_(webhooks),
      registry_(webhooks),
      payments_(store_, registry_, settings_.account_id) {
  config_.account_id = settings_.account_id;
  config_.processing_delay = settings_.processing_delay;
  public_key_digest_ = sha256(settings_.public_api_key);
  secret_key_digest_ = sha256(settings_.private_secret_key);
}

ApiResponse SandboxApp::handle(const ApiRequest& request) {
  ApiResponse response;
  try {
    if (request.path == "/v1" || starts_with(request.path, "/v1/")) {
      ++api_requests_;
      const FaultDecision fault = faults_.next();
      switch (fault.kind) {
        case FaultKind::kServerError:
          response = fault_response(fault);
          break;
        case FaultKind::kRateLimit:
          response = error_response(429, "TOO_MANY_REQUESTS",
                                    "Too many requests (injected by yuno-sandbox)");
          response.headers.emplace_back("Retry-After", std::to_string(fault.retry_after_seconds));
          break;
        case FaultKind::kDropBefore:
          response.drop_connection = true;  // nothing processed
          break;
        case FaultKind::kLatency:
          std::this_thread::sleep_for(fault.latency);
          response = handle_api(request);
          break;
        case FaultKind::kDropAfter:
          response = handle_api(request);  // committed, idempotency record included
          response.drop_connection = true;
          break;
        case FaultKind::kNone:
          response = handle_api(request);
          break;
      }
    } else if (request.path == "/_sandbox" || starts_with(request.path, "/_sandbox/")) {
      response = handle_control_request(*this, request);
    } else {
      response = error_response(404, "NOT_FOUND", "Not Found");
    }
  } catch (const ApiError& error) {
    response = error_response(error);
  } catch (const std::exception&) {
    response = error_response(500, "INTERNAL_ERROR", "Internal error");
  }
  response.headers.emplace_back("x-request-id", new_uuid());
  return response;
}

bool SandboxApp::authenticated(const ApiRequest& request) const {
  // Both checks always run: the time taken does not say which key was wrong.
  const bool public_ok = same_key(request.header("public-api-key"), public_key_digest_);
  const bool secret_ok = same_key(request.header("private-secret-key"), secret_key_digest_);
  return public_ok && secret_ok;
}

ApiResponse SandboxApp::handle_api(const ApiRequest& request) {
  if (!authenticated(request)) {
    return error_response(401, "INVALID_CREDENTIALS", "Invalid credentials");
  }
  const RouteMatch match = match_route(request.method, request.path);
  if (match.result == RouteMatch::Result::kUnknownPath) {
    return error_response(404, "NOT_FOUND", "Not Found");
  }
  if (match.result == RouteMatch::Result::kWrongMethod) {
    ApiResponse response = error_response(405, "UNSUPPORTED_METHOD",
                                          request.method + " is not supported on this path");
    response.headers.emplace_back("Allow", match.allow);
    return response;
  }

  const std::string* key_header = request.header("x-idempotency-key");
  const std::string key = key_header != nullptr ? *key_header : std::string();
  if (key.empty() && match.idempotency_required) {
    return error_response(400, "MISSING_PARAMETERS", "X-Idempotency-Key header is required");
  }
  if (key.size() > kMaxIdempotencyKeyLength) {
    return error_response(400, "INVALID_PARAMETERS",
                          "X-Idempotency-Key must be at most 255 characters long");
  }
  ApiContext context{store_, payments_, config_, registry_, key};
  if (!match.idempotent_write || key.empty()) {
    try {
      return match.handler(context, request, match.params);
    } catch (const ApiError& error) {
      return error_response(error);
    }
  }

  // Keys are scoped per account: the account is the public API key.
  const std::string scoped_key = settings_.public_api_key + '\n' + key;
  IdempotencyStore::Begin begun = idempotency_.begin(scoped_key);
  switch (begun.state) {
    case IdempotencyStore::State::kCompleted:
      return begun.response;  // the original answer, byte for byte
    case IdempotencyStore::State::kInProgress:
      return error_response(400, "REQUEST_IN_PROCESS",
                            "Request with the same idempotency is already in process. Try "
                            "again in a few seconds.");
    case IdempotencyStore::State::kSpent:
      return error_response(400, "IDEMPOTENCY_DUPLICATED",
                            "A request with this X-Idempotency-Key already failed; use a new "
                            "key for a new attempt.");
    case IdempotencyStore::State::kStarted:
      break;
  }
  try {
    ApiResponse response = match.handler(context, request, match.params);
    idempotency_.finish(scoped_key, response, true);
    return response;
  } catch (const ApiError& error) {
    ApiResponse response = error_response(error);
    idempotency_.finish(scoped_key, response, false);
    return response;
  } catch (...) {
    idempotency_.abandon(scoped_key);
    throw;
  }
}

void SandboxApp::reset() {
  {
    auto lock = store_.lock();
    store_.clear();
  }
  idempotency_.clear();
  registry_.clear();
  faults_.configure(faults_.settings());  // restarts the sequence and zeroes the counts
  api_requests_ = 0;
}

}  // namespace yuno::sandbox
