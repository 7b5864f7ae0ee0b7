#include "yuno/webhooks.hpp"

#include <array>

#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "internal/json_limits.hpp"
#include "internal/model_json.hpp"
#include "internal/strings.hpp"

namespace yuno {
namespace {

using Digest = std::array<unsigned char, 32>;  // SHA-256

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

Digest hmac_sha256(std::string_view secret, std::string_view body) {
  Digest out{};
  unsigned int length = 0;
  const auto* ok = HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
                        reinterpret_cast<const unsigned char*>(body.data()), body.size(),
                        out.data(), &length);
  if (ok == nullptr || length != out.size()) throw Error("HMAC-SHA256 failed in OpenSSL");
  return out;
}

std::string base64_encode(const unsigned char* data, std::size_t size) {
  std::string out;
  out.reserve((size + 2) / 3 * 4);
  for (std::size_t i = 0; i < size; i += 3) {
    const unsigned value = (data[i] << 16) | (i + 1 < size ? data[i + 1] << 8 : 0) |
                           (i + 2 < size ? data[i + 2] : 0);
    out += kBase64Alphabet[(value >> 18) & 63];
    out += kBase64Alphabet[(value >> 12) & 63];
    out += i + 1 < size ? kBase64Alphabet[(value >> 6) & 63] : '=';
    out += i + 2 < size ? kBase64Alphabet[value & 63] : '=';
  }
  return out;
}

// Strict standard base64 (padding required, no whitespace inside): nullopt otherwise.
std::optional<std::string> base64_decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    unsigned value = 0;
    int padding = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = text[i + k];
      if (c == '=') {
        // Padding only in the last group's last one or two places.
        if (i + 4 != text.size() || k < 2) return std::nullopt;
        ++padding;
        value <<= 6;
        continue;
      }
      if (padding > 0) return std::nullopt;  // data after padding
      const std::size_t index = kBase64Alphabet.find(c);
      if (index == std::string_view::npos) return std::nullopt;
      value = (value << 6) | static_cast<unsigned>(index);
    }
    out += static_cast<char>((value >> 16) & 0xFF);
    if (padding < 2) out += static_cast<char>((value >> 8) & 0xFF);
    if (padding < 1) out += static_cast<char>(value & 0xFF);
  }
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  // The length of a configured value is not secret; its bytes are.
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

void check_secret(std::string_view secret) {
  if (secret.empty()) throw InvalidArgumentError("the webhook secret is empty");
  if (internal::trim(secret).size() != secret.size()) {
    throw InvalidArgumentError(
        "the webhook secret has leading or trailing whitespace (a newline read from a file "
        "or an environment variable?): remove it");
  }
}

std::string hex(const Digest& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char byte : digest) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0F];
  }
  return out;
}

Digest sha256(std::string_view text) {
  Digest out{};
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), out.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw Error("SHA-256 failed in OpenSSL");
  }
  return out;
}

}  // namespace

std::optional<Payment> WebhookEvent::payment() const {
  const nlohmann::json& j = data.value();
  if (!j.is_object()) return std::nullopt;
  const auto it = j.find("payment");
  if (it == j.end() || it->is_null()) return std::nullopt;
  try {
    return it->get<Payment>();
  } catch (const std::exception& e) {
    throw InvalidArgumentError(std::string("webhook data.payment is not a payment: ") + e.what());
  }
}

std::optional<Json> WebhookEvent::enrollment() const {
  if (auto method = section("payment_method")) return method;
  if (type == "enrollment" && !data.is_null()) return data;
  return std::nullopt;
}

std::optional<Json> WebhookEvent::section(std::string_view name) const {
  const nlohmann::json& j = data.value();
  if (!j.is_object()) return std::nullopt;
  const auto it = j.find(name);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return Json(*it);
}

std::string WebhookEvent::dedup_key() const {
  const nlohmann::json& j = data.value();
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!it->is_object()) continue;
      const auto key = it->find("idempotency_key");
      if (key != it->end() && key->is_string() && !key->get_ref<const std::string&>().empty()) {
        return type_event + ":" + key->get<std::string>();
      }
    }
  }
  return type_event + ":sha256:" + hex(sha256(j.dump()));
}

void to_json(nlohmann::json& j, const WebhookEvent& value) {
  internal::FieldWriter out(j);
  out.required("type", value.type);
  out.required("type_event", value.type_event);
  out.optional("account_id", value.account_id);
  out.optional("retry", value.retry);
  out.optional("version", value.version);
  if (!value.data.is_null()) out.required("data", value.data);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, WebhookEvent& value) {
  internal::FieldReader in(j, "WebhookEvent");
  in.value_or_default("type", value.type);
  in.value_or_default("type_event", value.type_event);
  in.optional("account_id", value.account_id);
  in.optional("retry", value.retry);
  in.optional("version", value.version);
  std::optional<Json> data;
  in.optional("data", data);
  value.data = data.value_or(Json());
  value.unknown_fields = in.unknown();
}

namespace webhooks {

bool verify_signature(std::string_view raw_body, std::string_view signature_header,
                      std::string_view secret) {
  check_secret(secret);
  const auto decoded = base64_decode(internal::trim(signature_header));
  if (!decoded || decoded->size() != Digest().size()) return false;
  const Digest expected = hmac_sha256(secret, raw_body);
  return CRYPTO_memcmp(expected.data(), decoded->data(), expected.size()) == 0;
}

WebhookEvent construct_event(std::string_view raw_body, std::string_view signature_header,
                             std::string_view secret) {
  check_secret(secret);
  const std::string_view header = internal::trim(signature_header);
  if (header.empty()) {
    throw SignatureVerificationError("webhook rejected: the x-hmac-signature header is missing");
  }
  const auto decoded = base64_decode(header);
  if (!decoded) {
    throw SignatureVerificationError("webhook rejected: x-hmac-signature is not valid base64");
  }
  if (decoded->size() != Digest().size()) {
    throw SignatureVerificationError(
        "webhook rejected: x-hmac-signature is not an HMAC-SHA256 (wrong length)");
  }
  if (!verify_signature(raw_body, header, secret)) {
    throw SignatureVerificationError(
        "webhook rejected: x-hmac-signature does not match the body (a wrong secret, or the "
        "body changed: verify the raw bytes, before any parsing)");
  }
  const auto parsed = internal::parse_json_bounded(raw_body);
  if (parsed.is_discarded() || !parsed.is_object()) {
    throw InvalidArgumentError(
        "webhook body is signed correctly but is not a JSON object (or nests deeper than " +
        std::to_string(internal::kMaxJsonDepth) + " levels)");
  }
  try {
    return parsed.get<WebhookEvent>();
  } catch (const std::exception& e) {
    throw InvalidArgumentError(std::string("webhook body is not an event: ") + e.what());
  }
}

WebhookEvent construct_event(std::string_view raw_body,
                             const std::map<std::string, std::string>& headers,
                             const WebhookSecrets& secrets) {
  auto header = [&headers](std::string_view name) -> std::optional<std::string_view> {
    for (const auto& [key, value] : headers) {
      if (internal::iequals(key, name)) return std::string_view(value);
    }
    return std::nullopt;
  };
  const auto check = [&](const std::optional<std::string>& expected, std::string_view name) {
    if (!expected) return;
    const auto got = header(name);
    if (!got) {
      throw SignatureVerificationError("webhook rejected: the " + std::string(name) +
                                       " header is missing");
    }
    if (!constant_time_equal(internal::trim(*got), *expected)) {
      throw SignatureVerificationError("webhook rejected: the " + std::string(name) +
                                       " header does not match the configured value");
    }
  };
  check(secrets.api_key, "x-api-key");
  check(secrets.x_secret, "x-secret");
  return construct_event(raw_body, header(kSignatureHeader).value_or(std::string_view()),
                         secrets.hmac_secret);
}

std::string sign(std::string_view raw_body, std::string_view secret) {
  check_secret(secret);
  const Digest digest = hmac_sha256(secret, raw_body);
  return base64_encode(digest.data(), digest.size());
}

InMemoryDeduplicator::InMemoryDeduplicator(std::size_t capacity, std::chrono::milliseconds ttl,
                                           std::shared_ptr<Clock> clock)
    : capacity_(capacity == 0 ? 1 : capacity),
      ttl_(ttl),
      clock_(clock ? std::move(clock) : std::make_shared<SystemClock>()) {}

void InMemoryDeduplicator::evict_expired(Clock::time_point now) {
  while (!order_.empty() && order_.front().expires <= now) {
    index_.erase(order_.front().key);
    order_.pop_front();
  }
}

bool InMemoryDeduplicator::first_time(const std::string& key) {
  const Clock::time_point now = clock_->now();
  std::lock_guard<std::mutex> lock(mutex_);
  evict_expired(now);
  if (index_.count(key) != 0) return false;
  if (order_.size() >= capacity_) {  // full: forget the oldest
    index_.erase(order_.front().key);
    order_.pop_front();
  }
  order_.push_back(Entry{key, now + ttl_});
  index_[key] = std::prev(order_.end());
  return true;
}

std::size_t InMemoryDeduplicator::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return order_.size();
}

}  // namespace webhooks
}  // namespace yuno
