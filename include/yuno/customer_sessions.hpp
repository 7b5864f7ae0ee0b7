/// @file
/// client.customer_sessions(): customer sessions, the first step of enrolling a payment
/// method through Yuno's SDK (see yuno/payment_methods.hpp).
#pragma once

#include <memory>

#include "yuno/export.hpp"
#include "yuno/models/enrollment.hpp"
#include "yuno/request_options.hpp"
#include "yuno/response.hpp"

namespace yuno {
namespace internal {
class ClientCore;
}

/// Creates customer sessions. Obtained from YunoClient::customer_sessions(); a cheap handle
/// that shares the client. Thread-safe.
class YUNO_API CustomerSessionsClient {
 public:
  /// `POST /v1/customers/sessions`. An empty account_id is filled from
  /// RequestOptions::account_id or ClientOptions::account_id. InvalidArgumentError (nothing
  /// sent) when account_id, customer_id or country is empty.
  Response<CustomerSession> create(const CreateCustomerSessionRequest& request,
                                   const RequestOptions& options = {}) const;

 private:
  friend class YunoClient;
  explicit CustomerSessionsClient(std::shared_ptr<const internal::ClientCore> core);
  std::shared_ptr<const internal::ClientCore> core_;
};

}  // namespace yuno
