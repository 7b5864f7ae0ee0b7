/// @file
/// client.checkout_sessions(): checkout sessions, their payment methods and one-time tokens.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yuno/export.hpp"
#include "yuno/models/checkout_session.hpp"
#include "yuno/request_options.hpp"
#include "yuno/response.hpp"

namespace yuno {
namespace internal {
class ClientCore;
}

/// Creates, reads and updates checkout sessions, lists the payment methods a session
/// offers, and turns card data into one-time tokens. Obtained from
/// YunoClient::checkout_sessions(); a cheap handle that shares the client. Thread-safe.
///
/// Every POST and PATCH carries an X-Idempotency-Key, made once per call and reused on its
/// retries (see RequestOptions).
class YUNO_API CheckoutSessionsClient {
 public:
  /// `POST /v1/checkout/sessions`. An empty account_id is filled from
  /// RequestOptions::account_id or ClientOptions::account_id. InvalidArgumentError (nothing
  /// sent) when account_id, merchant_order_id, payment_description or country is empty.
  Response<CheckoutSession> create(const CreateCheckoutSessionRequest& request,
                                   const RequestOptions& options = {}) const;
  /// `GET /v1/checkout/sessions/{checkout_session}`.
  Response<CheckoutSession> retrieve(std::string_view checkout_session,
                                     const RequestOptions& options = {}) const;
  /// `PATCH /v1/checkout/sessions/{checkout_session}`: only the fields set are sent.
  Response<CheckoutSession> update(std::string_view checkout_session,
                                   const UpdateCheckoutSessionRequest& request,
                                   const RequestOptions& options = {}) const;

  /// `GET /v1/checkout/sessions/{checkout_session}/payment-methods[?category=...]`: the
  /// payment methods the session offers, a customer's enrolled ones (with vaulted_token)
  /// included. `category` filters them ("CARD", "BANK_TRANSFER"...); InvalidArgumentError
  /// when it is given empty. Yuno answers with a JSON array; an object holding the array
  /// under `payment_methods` is accepted too.
  Response<std::vector<CheckoutPaymentMethod>> payment_methods(
      std::string_view checkout_session, std::optional<std::string> category = {},
      const RequestOptions& options = {}) const;

  /// `POST /v1/checkout/sessions/{checkout_session}/token`: a one-time-use token for the
  /// card in `request` (use it as `payment_method.token` when creating the payment).
  /// InvalidArgumentError (nothing sent) when request.payment_method.type is empty.
  Response<OneTimeToken> create_one_time_token(std::string_view checkout_session,
                                               const CreateOneTimeTokenRequest& request,
                                               const RequestOptions& options = {}) const;

  /// `POST /v1/tokens`: a one-time-use token without a checkout session (direct
  /// workflows). InvalidArgumentError (nothing sent) when account_id or
  /// card_data.number is empty.
  Response<OneTimeToken> create_token(const CreateTokenRequest& request,
                                      const RequestOptions& options = {}) const;

 private:
  friend class YunoClient;
  explicit CheckoutSessionsClient(std::shared_ptr<const internal::ClientCore> core);
  std::shared_ptr<const internal::ClientCore> core_;
};

}  // namespace yuno
