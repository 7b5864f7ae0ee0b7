/// @file
/// Receiving Yuno's webhooks safely: verify the signature over the raw bytes, then parse,
/// then drop duplicates (Yuno re-sends an event up to seven times).
///
/// @code
///   // in your HTTP handler, with the body exactly as received:
///   yuno::WebhookEvent event = yuno::webhooks::construct_event(body, signature, secret);
///   if (!dedup.first_time(event.dedup_key())) return 200;  // already handled
///   if (auto payment = event.payment()) ...
/// @endcode
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json_fwd.hpp>

#include "yuno/clock.hpp"
#include "yuno/errors.hpp"
#include "yuno/export.hpp"
#include "yuno/json.hpp"
#include "yuno/models/payment.hpp"

namespace yuno {

/// A webhook failed verification. The message says which check failed and never contains
/// the secret or the signature.
class YUNO_API SignatureVerificationError : public Error {
 public:
  using Error::Error;
};

/// One event, as Yuno POSTs it. Event types and fields Yuno adds later parse fine and stay
/// reachable through `data` and `unknown_fields`.
struct YUNO_API WebhookEvent {
  std::string type;        ///< "payment", "enrollment", "refund", "chargeback", ...
  std::string type_event;  ///< "payment.purchase", "payment.capture", "enrollment.enroll", ...
  std::optional<std::string> account_id;  ///< the Yuno account the event belongs to
  std::optional<int> retry;    ///< delivery attempt count (0 for the first)
  std::optional<int> version;  ///< 2
  Json data;                   ///< e.g. {"payment": {...}}
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back

  /// The payment of a payment event (`data.payment`); empty for other events. Throws
  /// InvalidArgumentError (naming the field) when data.payment is not a payment.
  std::optional<Payment> payment() const;
  /// The payment method of an enrollment event (`data.payment_method`, else `data`), raw.
  std::optional<Json> enrollment() const;
  /// `data.<name>` raw, e.g. section("refund"), section("chargeback"); empty if absent.
  std::optional<Json> section(std::string_view name) const;

  /// A key that is the same for every delivery of this event and differs between events:
  /// `type_event` + ":" + the `idempotency_key` of the object in `data`, e.g. `data.payment`
  /// (Yuno keeps it across retries). Fallback when the event has none: `type_event` + ":sha256:" + the
  /// SHA-256 of `data` (the `retry` counter, which changes per delivery, is not in data).
  std::string dedup_key() const;
};

/// JSON conversions for nlohmann's ADL (`j.get<T>()`, `nlohmann::json j = value;`): include
/// `<nlohmann/json.hpp>` to call them. from_json throws an exception naming the field when
/// a field has the wrong JSON type; fields it does not know go to `unknown_fields`.
///@{
YUNO_API void to_json(nlohmann::json& j, const WebhookEvent& value);
YUNO_API void from_json(const nlohmann::json& j, WebhookEvent& value);
///@}

/// Receiving webhooks: signature checks, event parsing and de-duplication.
namespace webhooks {

/// The header Yuno signs with.
inline constexpr std::string_view kSignatureHeader = "x-hmac-signature";

/// True when `signature_header` is the base64 HMAC-SHA256 of `raw_body` keyed with
/// `secret`, compared in constant time on the decoded bytes. A missing, empty or
/// non-base64 header is false; whitespace around the header is ignored. A secret that is
/// empty or has surrounding whitespace (a newline read from a file) is a mistake, not a
/// mismatch: InvalidArgumentError.
YUNO_API bool verify_signature(std::string_view raw_body, std::string_view signature_header,
                      std::string_view secret);

/// Verifies first (SignatureVerificationError saying which check failed), then parses the
/// event (InvalidArgumentError when a correctly signed body is not an event).
YUNO_API WebhookEvent construct_event(std::string_view raw_body, std::string_view signature_header,
                             std::string_view secret);

/// What you configured for the webhook in Yuno's dashboard or API.
struct WebhookSecrets {
  std::string hmac_secret;              ///< the client secret that keys x-hmac-signature
  std::optional<std::string> api_key;   ///< checked against x-api-key when set
  std::optional<std::string> x_secret;  ///< checked against x-secret when set
};

/// As above, taking the request's headers (names case-insensitive): checks x-api-key and
/// x-secret in constant time when configured, then x-hmac-signature.
YUNO_API WebhookEvent construct_event(std::string_view raw_body,
                             const std::map<std::string, std::string>& headers,
                             const WebhookSecrets& secrets);

/// base64(HMAC-SHA256(secret, raw_body)): sign your own fixtures in tests.
YUNO_API std::string sign(std::string_view raw_body, std::string_view secret);

/// Remembers which events were handled. The in-memory default fits one process; when you
/// run several instances, implement it on your database (an insert on a unique key).
/// Implementations must be thread-safe.
class YUNO_API Deduplicator {
 public:
  virtual ~Deduplicator() = default;
  /// True the first time `key` is seen (then remembered), false for a repeat.
  virtual bool first_time(const std::string& key) = 0;
};

/// Bounded, TTL'd, in-memory Deduplicator. The TTL should cover Yuno's retry window
/// (about 96 hours): the default is 5 days. Thread-safe.
class YUNO_API InMemoryDeduplicator : public Deduplicator {
 public:
  /// Remembers at most `capacity` keys (the oldest go first), each for `ttl`; `clock`
  /// defaults to SystemClock.
  explicit InMemoryDeduplicator(std::size_t capacity = 100'000,
                                std::chrono::milliseconds ttl = std::chrono::hours(24 * 5),
                                std::shared_ptr<Clock> clock = nullptr);
  bool first_time(const std::string& key) override;
  /// Keys remembered now.
  std::size_t size() const;

 private:
  struct Entry {
    std::string key;
    Clock::time_point expires;
  };
  void evict_expired(Clock::time_point now);
  mutable std::mutex mutex_;
  std::size_t capacity_;
  std::chrono::milliseconds ttl_;
  std::shared_ptr<Clock> clock_;
  std::list<Entry> order_;  // oldest first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace webhooks
}  // namespace yuno
