/// @file
/// client.customers(): the Customers API.
#pragma once

#include <future>
#include <memory>
#include <string_view>

#include "yuno/export.hpp"
#include "yuno/models/customer.hpp"
#include "yuno/request_options.hpp"
#include "yuno/response.hpp"

namespace yuno {
namespace internal {
class ClientCore;
}

/// Creates, reads, updates and deletes customers. Obtained from YunoClient::customers();
/// a cheap handle that shares the client. Thread-safe.
///
/// Every call has an `*_async` twin returning a std::future, with the same request, retries
/// and errors (thrown by future.get(); ClientClosedError if the client is destroyed first):
/// see PaymentsClient and docs/adr/0004-async-api.md.
class YUNO_API CustomersClient {
 public:
  /// `POST /v1/customers`. Sends an X-Idempotency-Key (see RequestOptions).
  Response<Customer> create(const CreateCustomerRequest& request,
                            const RequestOptions& options = {}) const;
  /// `GET /v1/customers/{customer_id}`.
  Response<Customer> retrieve(std::string_view customer_id,
                              const RequestOptions& options = {}) const;
  /// `GET /v1/customers?merchant_customer_id=...`: the customer with your own id.
  Response<Customer> retrieve_by_merchant_customer_id(std::string_view merchant_customer_id,
                                                      const RequestOptions& options = {}) const;
  /// `PATCH /v1/customers/{customer_id}`.
  Response<Customer> update(std::string_view customer_id, const UpdateCustomerRequest& request,
                            const RequestOptions& options = {}) const;
  /// `DELETE /v1/customers/{customer_id}`. Yuno wants the account code here: set
  /// ClientOptions::account_id or RequestOptions::account_id (InvalidArgumentError if neither).
  ResponseMetadata remove(std::string_view customer_id, const RequestOptions& options = {}) const;

  /// The `*_async` twins of the calls above: same request, key, retries and errors, thrown
  /// by future.get() (ClientClosedError if the client is destroyed first).
  ///@{
  std::future<Response<Customer>> create_async(const CreateCustomerRequest& request,
                                               const RequestOptions& options = {}) const;
  std::future<Response<Customer>> retrieve_async(std::string_view customer_id,
                                                 const RequestOptions& options = {}) const;
  std::future<Response<Customer>> retrieve_by_merchant_customer_id_async(
      std::string_view merchant_customer_id, const RequestOptions& options = {}) const;
  std::future<Response<Customer>> update_async(std::string_view customer_id,
                                               const UpdateCustomerRequest& request,
                                               const RequestOptions& options = {}) const;
  std::future<ResponseMetadata> remove_async(std::string_view customer_id,
                                             const RequestOptions& options = {}) const;
  ///@}

 private:
  friend class YunoClient;
  explicit CustomersClient(std::shared_ptr<const internal::ClientCore> core);
  std::shared_ptr<const internal::ClientCore> core_;
};

}  // namespace yuno
