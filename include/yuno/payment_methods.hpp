/// @file
/// client.payment_methods(): stored payment methods (enrollment, "vaulting").
///
/// Two ways to enroll, as in Yuno's API:
///  - direct (server to server): enroll(customer_id, request) with the card data or a
///    provider token; PCI-certified merchants only when raw card data is sent;
///  - through a customer session: client.customer_sessions().create(...), then
///    enroll_in_session(...) (Yuno's SDK collects the card in the browser), and
///    available_to_enroll(...) for the methods the session offers.
/// An ENROLLED method carries a `vaulted_token`: charge it with
/// CreatePaymentRequest::payment_method.vaulted_token.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "yuno/export.hpp"
#include "yuno/models/enrollment.hpp"
#include "yuno/models/payment_method.hpp"
#include "yuno/request_options.hpp"
#include "yuno/response.hpp"

namespace yuno {
namespace internal {
class ClientCore;
}

/// Enrolls, lists, reads and unenrolls a customer's stored payment methods. Obtained from
/// YunoClient::payment_methods(); a cheap handle that shares the client. Thread-safe.
/// Every POST and PATCH carries an X-Idempotency-Key, made once per call and reused on its
/// retries (see RequestOptions).
class YUNO_API PaymentMethodsClient {
 public:
  /// `POST /v1/customers/{customer_id}/payment-methods` (direct workflow). An empty
  /// account_id is filled from RequestOptions::account_id or ClientOptions::account_id.
  /// InvalidArgumentError (nothing sent) when customer_id, account_id, country or type is
  /// empty.
  Response<PaymentMethod> enroll(std::string_view customer_id,
                                 const EnrollPaymentMethodRequest& request,
                                 const RequestOptions& options = {}) const;

  /// `POST /v1/customers/sessions/{customer_session}/payment-methods`: starts an
  /// enrollment in a customer session (status READY_TO_ENROLL until Yuno's SDK completes
  /// it). account_id defaults as above; InvalidArgumentError when payment_method_type or
  /// country is empty.
  Response<PaymentMethod> enroll_in_session(std::string_view customer_session,
                                            const SessionEnrollmentRequest& request,
                                            const RequestOptions& options = {}) const;

  /// `GET /v1/checkout/customers/sessions/{customer_session}/payment-methods`: the methods
  /// the customer can enroll in this session. Yuno answers {"payment_methods": [...]}; a
  /// bare array is accepted too.
  Response<std::vector<PaymentMethod>> available_to_enroll(
      std::string_view customer_session, const RequestOptions& options = {}) const;

  /// `GET /v1/customers/{customer_id}/payment-methods`: the customer's enrolled methods.
  /// Yuno answers {"payment_methods": [...]}; a bare array is accepted too.
  Response<std::vector<PaymentMethod>> list(std::string_view customer_id,
                                            const RequestOptions& options = {}) const;

  /// `GET /v1/customers/{customer_id}/payment-methods/{payment_method_id}`.
  Response<PaymentMethod> retrieve(std::string_view customer_id,
                                   std::string_view payment_method_id,
                                   const RequestOptions& options = {}) const;
  /// `GET /v1/payment-methods/{payment_method_id}` (methods enrolled through a session).
  Response<PaymentMethod> retrieve(std::string_view payment_method_id,
                                   const RequestOptions& options = {}) const;

  /// `POST /v1/customers/{customer_id}/payment-methods/{payment_method_id}/unenroll`.
  Response<PaymentMethod> unenroll(std::string_view customer_id,
                                   std::string_view payment_method_id,
                                   const RequestOptions& options = {}) const;
  /// `POST /v1/customers/payment-methods/{payment_method_id}/unenroll` (session variant).
  Response<PaymentMethod> unenroll(std::string_view payment_method_id,
                                   const RequestOptions& options = {}) const;

  /// `PATCH /v1/payment-methods/{payment_method_id}`: moves a card enrolled without a
  /// customer to `customer_id`. Sends the `account-code` header (InvalidArgumentError without an
  /// account id).
  Response<PaymentMethod> reassign(std::string_view payment_method_id,
                                   std::string_view customer_id,
                                   const RequestOptions& options = {}) const;

  /// `POST /v1/payment-methods/account-updater`: registers enrolled cards for the card
  /// networks' account updater. Returns how many Yuno accepted.
  Response<AccountUpdaterRegistration> register_for_account_updater(
      const std::vector<std::string>& payment_method_ids,
      const RequestOptions& options = {}) const;

 private:
  friend class YunoClient;
  explicit PaymentMethodsClient(std::shared_ptr<const internal::ClientCore> core);
  std::shared_ptr<const internal::ClientCore> core_;
};

}  // namespace yuno
