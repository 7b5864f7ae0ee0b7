#include "yuno/client_options.hpp"

#include <cstdlib>

#include "internal/strings.hpp"
#include "yuno/errors.hpp"

namespace yuno {

std::string_view to_string(Environment environment) {
  switch (environment) {
    case Environment::kSandbox: return "sandbox";
    case Environment::kProduction: return "production";
    case Environment::kProductionEu: return "production-eu";
  }
  return "unknown";
}

std::string_view default_base_url(Environment environment) {
  switch (environment) {
    case Environment::kSandbox: return "https://api-sandbox.y.uno";
    case Environment::kProduction: return "https://api.y.uno";
    case Environment::kProductionEu: return "https://api.eu.y.uno";
  }
  return "https://api-sandbox.y.uno";
}

std::string_view to_string(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarning: return "warning";
    case LogLevel::kError: return "error";
  }
  return "unknown";
}

std::string_view to_string(RetryReason reason) {
  switch (reason) {
    case RetryReason::kNone: return "none";
    case RetryReason::kConnectionFailed: return "connection_failed";
    case RetryReason::kTimeout: return "timeout";
    case RetryReason::kServerError: return "server_error";
    case RetryReason::kRateLimited: return "rate_limited";
    case RetryReason::kRequestInProcess: return "request_in_process";
  }
  return "unknown";
}

namespace {

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

}  // namespace

ClientOptions ClientOptions::from_env() {
  ClientOptions options;
  if (auto value = env("YUNO_PUBLIC_API_KEY")) options.public_api_key = *value;
  if (auto value = env("YUNO_PRIVATE_SECRET_KEY")) options.private_secret_key = *value;
  if (auto value = env("YUNO_ACCOUNT_ID")) options.account_id = *value;
  if (auto value = env("YUNO_BASE_URL")) options.base_url = *value;
  if (auto value = env("YUNO_ENVIRONMENT")) {
    const std::string_view name = internal::trim(*value);
    if (internal::iequals(name, "sandbox")) {
      options.environment = Environment::kSandbox;
    } else if (internal::iequals(name, "production")) {
      options.environment = Environment::kProduction;
    } else if (internal::iequals(name, "production-eu")) {
      options.environment = Environment::kProductionEu;
    } else {
      throw ConfigurationError(
          "YUNO_ENVIRONMENT must be one of: sandbox, production, production-eu");
    }
  }
  return options;
}

}  // namespace yuno
