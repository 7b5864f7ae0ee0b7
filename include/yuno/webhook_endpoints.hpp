/// @file
/// client.webhooks(): the webhooks configured on an account (where Yuno sends events, and
/// which ones). Receiving and verifying the events is yuno/webhooks.hpp.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "yuno/export.hpp"
#include "yuno/models/webhook.hpp"
#include "yuno/request_options.hpp"
#include "yuno/response.hpp"

namespace yuno {
namespace internal {
class ClientCore;
}

/// Lists, creates, reads, updates and deletes webhooks. Obtained from
/// YunoClient::webhooks(); a cheap handle that shares the client. Thread-safe.
///
/// Yuno wants the account in every call: the `account_id` query parameter (list, retrieve,
/// remove) or body field (create, update) is RequestOptions::account_id, else
/// ClientOptions::account_id, unless the request sets it; InvalidArgumentError (nothing
/// sent) when there is none, as for an empty webhook_id. A name or URL+trigger already taken
/// answers 409: ConflictError (code WEBHOOK_ALREADY_EXISTS); an unknown id 404: NotFoundError.
///
/// The requests carry credentials (api_key, secret, hmac_client_secret,
/// oauth2_client_secret): logged bodies mask them and no exception message contains them.
class YUNO_API WebhooksClient {
 public:
  /// `GET /v1/webhooks?account_id=...[&state=...]`; all webhooks when `state` is empty.
  Response<std::vector<Webhook>> list(std::optional<WebhookState> state = std::nullopt,
                                      const RequestOptions& options = {}) const;
  /// `POST /v1/webhooks`. InvalidArgumentError (nothing sent) when name or url is empty, no
  /// trigger is set, or renewal_days is below 1 or set without CLOSE_TO_RENEWAL.
  Response<Webhook> create(const CreateWebhookRequest& request,
                           const RequestOptions& options = {}) const;
  /// `GET /v1/webhooks/{webhook_id}?account_id=...`.
  Response<Webhook> retrieve(std::string_view webhook_id,
                             const RequestOptions& options = {}) const;
  /// `PATCH /v1/webhooks/{webhook_id}`: only the fields set are sent. InvalidArgumentError
  /// (nothing sent) for renewal_days with clear_renewal_days, renewal_days below 1, or an
  /// empty name, url or state.
  Response<Webhook> update(std::string_view webhook_id, const UpdateWebhookRequest& request,
                           const RequestOptions& options = {}) const;
  /// `DELETE /v1/webhooks/{webhook_id}?account_id=...`: returns the deleted webhook.
  Response<Webhook> remove(std::string_view webhook_id,
                           const RequestOptions& options = {}) const;

 private:
  friend class YunoClient;
  explicit WebhooksClient(std::shared_ptr<const internal::ClientCore> core);
  std::shared_ptr<const internal::ClientCore> core_;
};

}  // namespace yuno
