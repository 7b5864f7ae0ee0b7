// Fuzz target: webhooks::construct_event (both overloads) on arbitrary bodies and headers,
// and on arbitrary bodies signed with the right secret.
//
// Input: an HTTP-like head, then the body:
//   x-hmac-signature: <value>      (any "name: value" lines, any names)
//   x-api-key: <value>
//   <empty line>
//   <raw body>
// Properties:
// - with the input's headers, both overloads throw SignatureVerificationError,
//   InvalidArgumentError or return an event: never anything else (with a forged signature
//   the event path is out of reach, as it should be);
// - the body signed with the known secret (webhooks::sign) always passes verification, in
//   both overloads (the headers one also with x-api-key / x-secret set and differently cased
//   names): the result is an event or InvalidArgumentError (a signed body that is not an
//   event), never SignatureVerificationError;
// - an event's accessors (payment(), enrollment(), section(), dedup_key()) throw only
//   InvalidArgumentError, dedup_key() is stable, and the event writes back and reads back
//   to the same JSON.
// Seeds: fuzz/corpus/construct_event (the primer's event shapes: payment, enrollment,
// refund, chargeback, an unknown type).

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "yuno/errors.hpp"
#include "yuno/webhooks.hpp"

namespace {

// Test values only: the fuzz target's own configuration.
constexpr std::string_view kSecret = "whsec_fuzz_0123456789abcdef";
constexpr std::string_view kApiKey = "fuzz-api-key";
constexpr std::string_view kXSecret = "fuzz-x-secret";

void check_event(const yuno::WebhookEvent& event) {
  try {
    (void)event.payment();
  } catch (const yuno::InvalidArgumentError&) {
    // data.payment is not a payment: documented.
  }
  (void)event.enrollment();
  (void)event.section("refund");
  (void)event.section("chargeback");
  (void)event.section("");
  const std::string key = event.dedup_key();
  YUNO_FUZZ_CHECK(!key.empty(), "empty dedup key");
  YUNO_FUZZ_CHECK(key == event.dedup_key(), "dedup_key() not stable");

  const nlohmann::json written = event;
  yuno::WebhookEvent again;
  try {
    again = written.get<yuno::WebhookEvent>();
  } catch (const std::exception& e) {
    YUNO_FUZZ_CHECK(false, std::string("an event's own JSON does not read back: ") + e.what());
  }
  const nlohmann::json rewritten = again;
  YUNO_FUZZ_CHECK(rewritten == written, "event round trip differs\n  first:  " + written.dump() +
                                            "\n  second: " + rewritten.dump());
  YUNO_FUZZ_CHECK(again.dedup_key() == key, "dedup_key() changes across a round trip");
}

// Signed with the right secret: verification must pass.
void check_signed(std::string_view body) {
  const std::string signature = yuno::webhooks::sign(body, kSecret);
  try {
    check_event(yuno::webhooks::construct_event(body, signature, kSecret));
  } catch (const yuno::SignatureVerificationError& e) {
    YUNO_FUZZ_CHECK(false, std::string("a correctly signed body was rejected: ") + e.what());
  } catch (const yuno::InvalidArgumentError&) {
    // Signed correctly, but not a JSON object / not an event.
  }
  YUNO_FUZZ_CHECK(yuno::webhooks::verify_signature(body, " " + signature + "\r\n", kSecret),
                  "surrounding whitespace in the header is not ignored");

  std::map<std::string, std::string> headers{{"X-HMAC-Signature", signature},
                                             {"x-api-key", std::string(kApiKey)},
                                             {"X-Secret", std::string(kXSecret)}};
  yuno::webhooks::WebhookSecrets secrets{std::string(kSecret), std::string(kApiKey),
                                         std::string(kXSecret)};
  try {
    (void)yuno::webhooks::construct_event(body, headers, secrets);
  } catch (const yuno::SignatureVerificationError& e) {
    YUNO_FUZZ_CHECK(false, std::string("correct headers were rejected: ") + e.what());
  } catch (const yuno::InvalidArgumentError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = yuno::fuzz::as_text(data, size);
  const auto head = yuno::fuzz::take_headers(text);
  const std::string_view body = text;

  std::map<std::string, std::string> headers;
  std::string signature;
  bool have_signature = false;
  for (const auto& [name, value] : head) {
    headers.emplace(name, value);
    if (!have_signature && name == "x-hmac-signature") {
      signature = value;
      have_signature = true;
    }
  }

  // The input's own headers: almost always rejected, never by anything but a yuno::Error.
  try {
    check_event(yuno::webhooks::construct_event(body, signature, kSecret));
  } catch (const yuno::SignatureVerificationError&) {
  } catch (const yuno::InvalidArgumentError&) {
  }
  const yuno::webhooks::WebhookSecrets with_keys{std::string(kSecret), std::string(kApiKey),
                                                 std::string(kXSecret)};
  const yuno::webhooks::WebhookSecrets hmac_only{std::string(kSecret), std::nullopt,
                                                 std::nullopt};
  for (const auto* secrets : {&with_keys, &hmac_only}) {
    try {
      check_event(yuno::webhooks::construct_event(body, headers, *secrets));
    } catch (const yuno::SignatureVerificationError&) {
    } catch (const yuno::InvalidArgumentError&) {
    }
  }
  // A secret taken from the input: an empty one or one with surrounding whitespace is
  // InvalidArgumentError (documented), otherwise a plain mismatch.
  if (auto it = headers.find("secret"); it != headers.end()) {
    try {
      (void)yuno::webhooks::verify_signature(body, signature, it->second);
      (void)yuno::webhooks::sign(body, it->second);
    } catch (const yuno::InvalidArgumentError&) {
    }
  }

  check_signed(body);
  return 0;
}
