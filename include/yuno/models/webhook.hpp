/// @file
/// Webhook configuration: https://docs.y.uno/reference/list-webhooks, create-webhook,
/// retrieve-webhook, update-webhook, delete-webhook (WebhooksClient). Receiving and verifying
/// the events themselves is yuno/webhooks.hpp. See yuno/models/common.hpp for the model
/// conventions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "yuno/export.hpp"
#include "yuno/json.hpp"
#include "yuno/string_enum.hpp"

namespace yuno {

/// A webhook's `state`: ACTIVE webhooks receive notifications, INACTIVE ones keep their
/// configuration but receive nothing.
class WebhookState : public StringEnum<WebhookState> {
 public:
  using StringEnum::StringEnum;
  static const WebhookState kActive;    ///< "ACTIVE"
  static const WebhookState kInactive;  ///< "INACTIVE"
};
inline const WebhookState WebhookState::kActive{"ACTIVE"};
inline const WebhookState WebhookState::kInactive{"INACTIVE"};

// The events a webhook subscribes to, one type per family (`payment.capture` is
// WebhookPaymentTrigger::kCapture in `payment_triggers`). Values Yuno adds later are kept.

/// `enrollment_triggers`: `enrollment.enroll`, `enrollment.unenroll`.
class WebhookEnrollmentTrigger : public StringEnum<WebhookEnrollmentTrigger> {
 public:
  using StringEnum::StringEnum;
  static const WebhookEnrollmentTrigger kEnroll;    ///< "ENROLL"
  static const WebhookEnrollmentTrigger kUnenroll;  ///< "UNENROLL"
};
inline const WebhookEnrollmentTrigger WebhookEnrollmentTrigger::kEnroll{"ENROLL"};
inline const WebhookEnrollmentTrigger WebhookEnrollmentTrigger::kUnenroll{"UNENROLL"};

/// `payment_triggers`: `payment.authorize`, `payment.capture`...
class WebhookPaymentTrigger : public StringEnum<WebhookPaymentTrigger> {
 public:
  using StringEnum::StringEnum;
  static const WebhookPaymentTrigger kAuthorize;      ///< "AUTHORIZE"
  static const WebhookPaymentTrigger kCancel;         ///< "CANCEL"
  static const WebhookPaymentTrigger kCapture;        ///< "CAPTURE"
  static const WebhookPaymentTrigger kChargeback;     ///< "CHARGEBACK"
  static const WebhookPaymentTrigger kPrechargeback;  ///< "PRECHARGEBACK"
  static const WebhookPaymentTrigger kPurchase;       ///< "PURCHASE"
  static const WebhookPaymentTrigger kRefund;         ///< "REFUND"
  static const WebhookPaymentTrigger kVerify;         ///< "VERIFY"
};
inline const WebhookPaymentTrigger WebhookPaymentTrigger::kAuthorize{"AUTHORIZE"};
inline const WebhookPaymentTrigger WebhookPaymentTrigger::kCancel{"CANCEL"};
inline const WebhookPaymentTrigger WebhookPaymentTrigger::kCapture{"CAPTURE"};
inline const WebhookPaymentTrigger WebhookPaymentTrigger::kChargeback{"CHARGEBACK"};
inline const WebhookPaymentTrigger WebhookPaymentTrigger::kPrechargeback{"PRECHARGEBACK"};
inline const WebhookPaymentTrigger WebhookPaymentTrigger::kPurchase{"PURCHASE"};
inline const WebhookPaymentTrigger WebhookPaymentTrigger::kRefund{"REFUND"};
inline const WebhookPaymentTrigger WebhookPaymentTrigger::kVerify{"VERIFY"};

/// `report_triggers`.
class WebhookReportTrigger : public StringEnum<WebhookReportTrigger> {
 public:
  using StringEnum::StringEnum;
  static const WebhookReportTrigger kCreate;  ///< "CREATE"
  static const WebhookReportTrigger kUpdate;  ///< "UPDATE"
};
inline const WebhookReportTrigger WebhookReportTrigger::kCreate{"CREATE"};
inline const WebhookReportTrigger WebhookReportTrigger::kUpdate{"UPDATE"};

/// `subscription_triggers`. kCloseToRenewal is sent `renewal_days` before a renewal.
class WebhookSubscriptionTrigger : public StringEnum<WebhookSubscriptionTrigger> {
 public:
  using StringEnum::StringEnum;
  static const WebhookSubscriptionTrigger kActive;          ///< "ACTIVE"
  static const WebhookSubscriptionTrigger kCancel;          ///< "CANCEL"
  static const WebhookSubscriptionTrigger kCloseToRenewal;  ///< "CLOSE_TO_RENEWAL"
  static const WebhookSubscriptionTrigger kComplete;        ///< "COMPLETE"
  static const WebhookSubscriptionTrigger kCreate;          ///< "CREATE"
  static const WebhookSubscriptionTrigger kPause;           ///< "PAUSE"
  static const WebhookSubscriptionTrigger kResume;          ///< "RESUME"
};
inline const WebhookSubscriptionTrigger WebhookSubscriptionTrigger::kActive{"ACTIVE"};
inline const WebhookSubscriptionTrigger WebhookSubscriptionTrigger::kCancel{"CANCEL"};
inline const WebhookSubscriptionTrigger WebhookSubscriptionTrigger::kCloseToRenewal{
    "CLOSE_TO_RENEWAL"};
inline const WebhookSubscriptionTrigger WebhookSubscriptionTrigger::kComplete{"COMPLETE"};
inline const WebhookSubscriptionTrigger WebhookSubscriptionTrigger::kCreate{"CREATE"};
inline const WebhookSubscriptionTrigger WebhookSubscriptionTrigger::kPause{"PAUSE"};
inline const WebhookSubscriptionTrigger WebhookSubscriptionTrigger::kResume{"RESUME"};

/// `onboarding_triggers`.
class WebhookOnboardingTrigger : public StringEnum<WebhookOnboardingTrigger> {
 public:
  using StringEnum::StringEnum;
  static const WebhookOnboardingTrigger kBlocked;      ///< "BLOCKED"
  static const WebhookOnboardingTrigger kCancelled;    ///< "CANCELLED"
  static const WebhookOnboardingTrigger kCreated;      ///< "CREATED"
  static const WebhookOnboardingTrigger kDeclined;     ///< "DECLINED"
  static const WebhookOnboardingTrigger kError;        ///< "ERROR"
  static const WebhookOnboardingTrigger kExpired;      ///< "EXPIRED"
  static const WebhookOnboardingTrigger kInactive;     ///< "INACTIVE"
  static const WebhookOnboardingTrigger kPending;      ///< "PENDING"
  static const WebhookOnboardingTrigger kSucceeded;    ///< "SUCCEEDED"
  static const WebhookOnboardingTrigger kTransferred;  ///< "TRANSFERRED"
  static const WebhookOnboardingTrigger kUnblocked;    ///< "UNBLOCKED"
};
inline const WebhookOnboardingTrigger WebhookOnboardingTrigger::kBlocked{"BLOCKED"};
inline const WebhookOnboardingTrigger WebhookOnboardingTrigger::kCancelled{"CANCELLED"};
inline const WebhookOnboardingTrigger WebhookOnboardingTrigger::kCreated{"CREATED"};
inline const WebhookOnboardingTrigger WebhookOnboardingTrigger::kDeclined{"DECLINED"};
inline const WebhookOnboardingTrigger WebhookOnboardingTrigger::kError{"ERROR"};
inline const WebhookOnboardingTrigger WebhookOnboardingTrigger::kExpired{"EXPIRED"};
inline const WebhookOnboardingTrigger WebhookOnboardingTrigger::kInactive{"INACTIVE"};
inline const WebhookOnboardingTrigger WebhookOnboardingTrigger::kPending{"PENDING"};
inline const WebhookOnboardingTrigger WebhookOnboardingTrigger::kSucceeded{"SUCCEEDED"};
inline const WebhookOnboardingTrigger WebhookOnboardingTrigger::kTransferred{"TRANSFERRED"};
inline const WebhookOnboardingTrigger WebhookOnboardingTrigger::kUnblocked{"UNBLOCKED"};

/// A webhook as Yuno returns it. The secrets come back masked: `"***"` when configured,
/// empty when not; Yuno never returns their values.
struct Webhook {
  std::string id;  ///< Yuno's webhook id ("12345")
  std::optional<std::string> account_id;    ///< the Yuno account
  std::optional<std::string> name;          ///< unique in the account
  std::optional<WebhookState> state;        ///< ACTIVE: events are delivered
  std::optional<std::string> url;           ///< where Yuno POSTs the events
  std::optional<std::string> api_key;             ///< "***" or empty
  std::optional<std::string> secret;              ///< "***" or empty
  std::optional<std::string> hmac_client_secret;  ///< "***" or empty
  /// OAuth2 client credentials Yuno uses to obtain a token for its deliveries: token URL
  /// (https), client id, client secret, grant type, and the header the token goes in.
  ///@{
  std::optional<std::string> oauth2_authentication_url;
  std::optional<std::string> oauth2_client_secret;  ///< "***" or empty
  std::optional<std::string> oauth2_client_id;
  std::optional<std::string> oauth2_grant_type;
  std::optional<std::string> oauth2_scope;
  std::optional<std::string> oauth2_authorization_name;
  std::optional<bool> oauth2_include_client_id;
  ///@}
  // Yuno answers [] for some families it has no triggers for and null for others: an empty
  // vector and an empty optional are both "no trigger".
  /// The events delivered, by family (a list replaces that family's list on update).
  ///@{
  std::optional<std::vector<WebhookEnrollmentTrigger>> enrollment_triggers;
  std::optional<std::vector<WebhookPaymentTrigger>> payment_triggers;
  std::optional<std::vector<WebhookReportTrigger>> report_triggers;
  std::optional<std::vector<WebhookSubscriptionTrigger>> subscription_triggers;
  std::optional<std::vector<WebhookOnboardingTrigger>> onboarding_triggers;
  ///@}
  std::optional<std::int64_t> renewal_days;  ///< days before a renewal for CLOSE_TO_RENEWAL
  std::optional<std::string> created_at;     ///< ISO 8601 UTC
  std::optional<std::string> updated_at;    ///< ISO 8601 UTC
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back

  /// True when `state` is ACTIVE.
  bool is_active() const { return state == WebhookState::kActive; }
};

/// Body of `POST /v1/webhooks`. Required: name (unique in the account), url (http or https,
/// publicly routable) and at least one trigger; account_id is filled from the client when
/// empty. The webhook starts out ACTIVE.
///
/// Sensitive: api_key, secret, hmac_client_secret and oauth2_client_secret are credentials.
/// The SDK masks them in logged bodies and never puts them in an exception message; do not
/// print the request yourself.
struct YUNO_API CreateWebhookRequest {
  std::string account_id;  ///< default: RequestOptions::account_id, else ClientOptions'
  std::string name;                         ///< unique in the account; required
  std::string url;                          ///< where Yuno POSTs the events; required
  std::optional<std::string> api_key;             ///< sent back to you as `x-api-key`
  std::optional<std::string> secret;              ///< sent back to you as `x-secret`
  std::optional<std::string> hmac_client_secret;  ///< signs the bodies: `x-hmac-signature`
  // OAuth2: send the URL (https), client id, client secret and grant type together.
  /// OAuth2 client credentials Yuno uses to obtain a token for its deliveries: token URL
  /// (https), client id, client secret, grant type, and the header the token goes in.
  ///@{
  std::optional<std::string> oauth2_authentication_url;
  std::optional<std::string> oauth2_client_id;
  std::optional<std::string> oauth2_client_secret;
  std::optional<std::string> oauth2_grant_type;  ///< "client_credentials"
  std::optional<std::string> oauth2_authorization_name;  ///< header; Yuno's default Authorization
  std::optional<bool> oauth2_include_client_id;
  ///@}
  /// The events delivered, by family (a list replaces that family's list on update).
  ///@{
  std::optional<std::vector<WebhookEnrollmentTrigger>> enrollment_triggers;
  std::optional<std::vector<WebhookPaymentTrigger>> payment_triggers;
  std::optional<std::vector<WebhookReportTrigger>> report_triggers;
  std::optional<std::vector<WebhookSubscriptionTrigger>> subscription_triggers;
  std::optional<std::vector<WebhookOnboardingTrigger>> onboarding_triggers;
  ///@}
  /// 1 or more; only with WebhookSubscriptionTrigger::kCloseToRenewal.
  std::optional<std::int64_t> renewal_days;
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back

  /// Whether any trigger of any family is set (Yuno requires one).
  bool has_trigger() const;
};

/// Body of `PATCH /v1/webhooks/{webhook_id}`: only the fields that are set change (a trigger
/// list replaces that family's list). account_id is filled from the client when empty.
/// Sensitive like CreateWebhookRequest: rotated secrets travel here.
struct UpdateWebhookRequest {
  std::string account_id;  ///< default: RequestOptions::account_id, else ClientOptions'
  std::optional<std::string> name;          ///< unique in the account
  std::optional<WebhookState> state;  ///< kInactive pauses deliveries, kActive resumes them
  std::optional<std::string> url;           ///< where Yuno POSTs the events
  std::optional<std::string> api_key;       ///< sent back to you as `x-api-key`
  std::optional<std::string> secret;        ///< sent back to you as `x-secret`
  std::optional<std::string> hmac_client_secret;  ///< signs the bodies: `x-hmac-signature`
  /// OAuth2 client credentials Yuno uses to obtain a token for its deliveries: token URL
  /// (https), client id, client secret, grant type, and the header the token goes in.
  ///@{
  std::optional<std::string> oauth2_authentication_url;
  std::optional<std::string> oauth2_client_id;
  std::optional<std::string> oauth2_client_secret;
  std::optional<std::string> oauth2_grant_type;
  std::optional<std::string> oauth2_scope;
  std::optional<std::string> oauth2_authorization_name;
  std::optional<bool> oauth2_include_client_id;
  ///@}
  /// The events delivered, by family (a list replaces that family's list on update).
  ///@{
  std::optional<std::vector<WebhookEnrollmentTrigger>> enrollment_triggers;
  std::optional<std::vector<WebhookPaymentTrigger>> payment_triggers;
  std::optional<std::vector<WebhookReportTrigger>> report_triggers;
  std::optional<std::vector<WebhookSubscriptionTrigger>> subscription_triggers;
  std::optional<std::vector<WebhookOnboardingTrigger>> onboarding_triggers;
  ///@}
  std::optional<std::int64_t> renewal_days;  ///< 1 or more; not with clear_renewal_days
  std::optional<bool> clear_renewal_days;    ///< true removes renewal_days
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// JSON conversions for nlohmann's ADL (`j.get<T>()`, `nlohmann::json j = value;`): include
/// `<nlohmann/json.hpp>` to call them. from_json throws an exception naming the field when
/// a field has the wrong JSON type; fields it does not know go to `unknown_fields`.
///@{
YUNO_API void to_json(nlohmann::json& j, const Webhook& value);
YUNO_API void from_json(const nlohmann::json& j, Webhook& value);
YUNO_API void to_json(nlohmann::json& j, const CreateWebhookRequest& value);
YUNO_API void from_json(const nlohmann::json& j, CreateWebhookRequest& value);
YUNO_API void to_json(nlohmann::json& j, const UpdateWebhookRequest& value);
YUNO_API void from_json(const nlohmann::json& j, UpdateWebhookRequest& value);
///@}

}  // namespace yuno
