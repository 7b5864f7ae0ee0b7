#include "internal/redact.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "internal/json_limits.hpp"
#include "internal/strings.hpp"

namespace yuno::internal {
namespace {

constexpr std::string_view kMask = "[REDACTED]";

// Field names whose values are never logged, whatever they look like.
bool is_sensitive_key(std::string_view key) {
  static constexpr std::array<std::string_view, 20> kKeys = {
      "number",         "card_number",   "cvv",          "cvv2",
      "cvc",            "security_code", "private_secret_key", "secret",
      "client_secret",  "password",      "x-secret",     "pin",
      "webhook_secret", "api_secret",     "card_pin",
      // Webhook configuration (POST/PATCH /v1/webhooks): credentials Yuno sends back to
      // the merchant's endpoint, and the key it signs with.
      "api_key",        "x-api-key",     "hmac_client_secret", "oauth2_client_secret",
      "private-secret-key"};
  for (std::string_view candidate : kKeys) {
    if (iequals(key, candidate)) return true;
  }
  return false;
}

// Masks every run of 13-19 digits (spaces and dashes inside allowed) to "****1234".
std::string mask_card_like_runs(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] < '0' || text[i] > '9') {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    std::string digits;
    while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') ||
                                 ((text[end] == ' ' || text[end] == '-') && end + 1 < text.size() &&
                                  text[end + 1] >= '0' && text[end + 1] <= '9'))) {
      if (text[end] != ' ' && text[end] != '-') digits += text[end];
      ++end;
    }
    if (digits.size() >= 13 && digits.size() <= 19) {
      out += "****" + digits.substr(digits.size() - 4);
    } else {
      out.append(text.substr(i, end - i));
    }
    i = end;
  }
  return out;
}

void redact_in_place(nlohmann::json& value) {
  if (value.is_object()) {
    for (auto& [key, child] : value.items()) {
      if (is_sensitive_key(key) && !child.is_null()) {
        child = kMask;  // whatever its shape: a secret in an array is still a secret
      } else {
        redact_in_place(child);
      }
    }
  } else if (value.is_array()) {
    for (auto& child : value) redact_in_place(child);
  } else if (value.is_string()) {
    value = mask_card_like_runs(value.get_ref<const std::string&>());
  } else if (value.is_number()) {
    // Floats too: a huge number prints as up to 17 significant digits ("4.5079555555555554e+20"),
    // a run a card number could hide in.
    const std::string text = value.dump();
    const std::string masked = mask_card_like_runs(text);
    if (masked != text) value = masked;
  }
}

}  // namespace

std::string redact_body(std::string_view body) {
  auto parsed = parse_json_bounded(body);  // redact_in_place recurses: bounded depth
  // Plain text (an error code, a message) stays text: parsing "450795555555555555555" as a
  // number and printing it back would rewrite it, and as a float it prints a card-like run.
  if (parsed.is_discarded() || !parsed.is_structured()) return mask_card_like_runs(body);
  redact_in_place(parsed);
  return parsed.dump();
}

}  // namespace yuno::internal
