// Where yuno-sandbox sends its events: the webhook given on the command line (--webhook-url,
// every event) and the webhooks created through the API (`/v1/webhooks`), each ACTIVE one
// receiving the events its triggers select, signed with its own hmac_client_secret.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "webhooks.hpp"

namespace yuno::sandbox {

/// One webhook created through the API, its secrets in clear (they never leave the process
/// but in delivery headers and signatures: webhook_admin_api.cpp renders them as "***").
struct WebhookRecord {
  std::string id;  ///< "12345": decimal, as Yuno's documents show
  std::string name;
  std::string url;
  std::string state = "ACTIVE";  ///< "ACTIVE" or "INACTIVE"
  std::optional<std::string> api_key;             ///< sent as x-api-key
  std::optional<std::string> secret;              ///< sent as x-secret
  std::optional<std::string> hmac_client_secret;  ///< signs the body: x-hmac-signature
  std::optional<std::string> oauth2_authentication_url;
  std::optional<std::string> oauth2_client_id;
  std::optional<std::string> oauth2_client_secret;
  std::optional<std::string> oauth2_grant_type;
  std::optional<std::string> oauth2_scope;
  std::optional<std::string> oauth2_authorization_name;
  bool oauth2_include_client_id = false;
  // Unset families render as Yuno does: [] for enrollment, payment and report, null for
  // subscription and onboarding.
  std::optional<std::vector<std::string>> enrollment_triggers;
  std::optional<std::vector<std::string>> payment_triggers;
  std::optional<std::vector<std::string>> report_triggers;
  std::optional<std::vector<std::string>> subscription_triggers;
  std::optional<std::vector<std::string>> onboarding_triggers;
  std::optional<std::int64_t> renewal_days;
  std::string created_at;
  std::string updated_at;

  /// The trigger list of an event family ("payment", "enrollment", "report",
  /// "subscription", "onboarding"); nullptr for another family.
  const std::optional<std::vector<std::string>>* triggers(const std::string& family) const;
  /// Whether the webhook is ACTIVE and its triggers select `type_event`
  /// ("payment.authorize" -> "AUTHORIZE" in payment_triggers).
  bool wants(const std::string& type_event) const;
};

/// Thread-safe (its own mutex, independent of the store's). Holds one WebhookDispatcher per
/// webhook created through the API.
class WebhookRegistry {
 public:
  /// `configured` (the command line's) must outlive the registry.
  explicit WebhookRegistry(WebhookDispatcher& configured);
  ~WebhookRegistry();
  WebhookRegistry(const WebhookRegistry&) = delete;
  WebhookRegistry& operator=(const WebhookRegistry&) = delete;

  /// True when some webhook would receive an event (lets callers skip building one).
  bool has_targets() const;
  /// Sends `envelope` (type, type_event, account_id, version, data) to every target that
  /// wants it: the command line's webhook always, each API webhook when it wants()
  /// type_event. Call it with the store lock held to keep one object's events in order.
  void publish(const nlohmann::json& envelope);

  /// The webhook given on the command line.
  WebhookDispatcher& configured() { return configured_; }

  // --- The webhooks created through the API (webhook_admin_api.cpp) ---

  /// Every webhook, oldest first.
  std::vector<WebhookRecord> list() const;
  std::optional<WebhookRecord> find(const std::string& id) const;
  /// Stores `record` under a new id (created_at = updated_at = now) and starts delivering to
  /// it. Throws ApiError 409 WEBHOOK_ALREADY_EXISTS when another webhook has the same name,
  /// or the same url and a trigger in common; 400 WEBHOOK_INVALID_REQUEST for a url the
  /// dispatcher cannot use.
  WebhookRecord add(WebhookRecord record);
  /// Applies `change` to a copy of webhook `id` (it may throw ApiError to refuse), checks
  /// the conflicts as add() does, then commits (updated_at = now) and reconfigures its
  /// delivery. 404 WEBHOOK_NOT_FOUND for an unknown id. Nothing changes when it throws.
  WebhookRecord update(const std::string& id, const std::function<void(WebhookRecord&)>& change);
  /// Removes webhook `id` (what it had not delivered yet is dropped); nullopt when unknown.
  std::optional<WebhookRecord> remove(const std::string& id);

  /// Forgets the webhooks created through the API (control API reset). Ids keep counting.
  void clear();

  /// The delivery statistics of the command line's webhook and the API ones together (a
  /// removed webhook's counts go with it).
  WebhookStats stats() const;
  /// Waits until no webhook (command line or API) has anything pending, or the timeout
  /// passes; true when nothing is pending.
  bool wait_idle(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  WebhookDispatcher& configured_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace yuno::sandbox
