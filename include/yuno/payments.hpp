/// @file
/// client.payments(): take payments, then capture, cancel and refund them.
#pragma once

#include <future>
#include <memory>
#include <string_view>
#include <vector>

#include "yuno/async.hpp"
#include "yuno/export.hpp"
#include "yuno/models/payment.hpp"
#include "yuno/request_options.hpp"
#include "yuno/response.hpp"

namespace yuno {
namespace internal {
class ClientCore;
}

/// The Payments API. Obtained from YunoClient::payments(); a cheap handle sharing the
/// client. Thread-safe.
///
/// Every write carries an X-Idempotency-Key, made once per call and reused on its retries:
/// a call that failed with an unknown outcome (ConnectionError, ServerError) is repeated
/// safely by passing the error's idempotency_key() in RequestOptions.
///
/// The overloads taking a `const Payment&` pick the transaction to act on and throw
/// TransactionNotFoundError (nothing sent) when the payment has none.
///
/// Every call has an `*_async` twin returning a std::future: the same request, idempotency
/// key, retries, backoff and deadline, run on the transport's thread (CurlTransport: one
/// curl_multi thread per client) without blocking yours. The arguments are used before it
/// returns (no need to keep them alive). Every error, InvalidArgumentError included, comes
/// out of future.get() as the same yuno::Error the synchronous call throws; when the last
/// handle of the client is destroyed first, get() throws ClientClosedError. See
/// docs/adr/0004-async-api.md.
///
/// @code
///   std::future<yuno::Response<yuno::Payment>> f = client.payments().create_async(request);
///   yuno::Payment payment = f.get();
/// @endcode
class YUNO_API PaymentsClient {
 public:
  /// `POST /v1/payments`. An empty `account_id` is filled from RequestOptions::account_id or
  /// ClientOptions::account_id; missing account_id, merchant_order_id, description, country
  /// or amount.currency is an InvalidArgumentError before anything is sent.
  Response<Payment> create(const CreatePaymentRequest& request,
                           const RequestOptions& options = {}) const;
  /// `GET /v1/payments/{payment_id}` (the v1 shape and the v2 `{"payment": ...}` shape).
  Response<Payment> retrieve(std::string_view payment_id, const RequestOptions& options = {}) const;
  /// `GET /v1/payments?merchant_order_id=...`: every payment made for your order id.
  Response<std::vector<Payment>> retrieve_by_merchant_order_id(
      std::string_view merchant_order_id, const RequestOptions& options = {}) const;

  /// `POST /v1/payments/{payment_id}/transactions/{transaction_id}/capture`: captures an
  /// authorization, fully or partly (`request.amount`).
  Response<Transaction> capture(std::string_view payment_id, std::string_view transaction_id,
                                const CaptureRequest& request,
                                const RequestOptions& options = {}) const;
  /// Captures the payment's successful AUTHORIZE transaction. Without `request.amount`, the
  /// whole capturable amount (Payment::capturable_amount()) is captured.
  Response<Transaction> capture(const Payment& payment, const CaptureRequest& request,
                                const RequestOptions& options = {}) const;

  /// `POST /v1/payments/{payment_id}/transactions/{transaction_id}/cancel`: cancels a pending
  /// or authorized payment.
  Response<Transaction> cancel(std::string_view payment_id, std::string_view transaction_id,
                               const CancelRequest& request,
                               const RequestOptions& options = {}) const;
  /// Cancels the payment's authorization (its AUTHORIZE transaction, else its pending PURCHASE).
  Response<Transaction> cancel(const Payment& payment, const CancelRequest& request,
                               const RequestOptions& options = {}) const;

  /// `POST /v1/payments/{payment_id}/transactions/{transaction_id}/refund`: full, or partial
  /// with `request.amount`. Returns the payment.
  Response<Payment> refund(std::string_view payment_id, std::string_view transaction_id,
                           const RefundRequest& request, const RequestOptions& options = {}) const;
  /// Refunds the payment's successful charge (its latest CAPTURE, else its PURCHASE).
  Response<Payment> refund(const Payment& payment, const RefundRequest& request,
                           const RequestOptions& options = {}) const;

  /// `POST /v1/payments/{payment_id}/cancel-or-refund`: Yuno cancels or refunds, whichever
  /// applies.
  Response<Transaction> cancel_or_refund(std::string_view payment_id,
                                         const CancelOrRefundRequest& request,
                                         const RequestOptions& options = {}) const;
  /// `POST /v1/payments/{payment_id}/transactions/{transaction_id}/cancel-or-refund`.
  Response<Transaction> cancel_or_refund(std::string_view payment_id,
                                         std::string_view transaction_id,
                                         const CancelOrRefundRequest& request,
                                         const RequestOptions& options = {}) const;

  /// The `*_async` twins of the calls above (see the class comment): same request, key,
  /// retries and errors, thrown by future.get().
  ///@{
  std::future<Response<Payment>> create_async(const CreatePaymentRequest& request,
                                              const RequestOptions& options = {}) const;
  std::future<Response<Payment>> retrieve_async(std::string_view payment_id,
                                                const RequestOptions& options = {}) const;
  std::future<Response<std::vector<Payment>>> retrieve_by_merchant_order_id_async(
      std::string_view merchant_order_id, const RequestOptions& options = {}) const;
  std::future<Response<Transaction>> capture_async(std::string_view payment_id,
                                                   std::string_view transaction_id,
                                                   const CaptureRequest& request,
                                                   const RequestOptions& options = {}) const;
  std::future<Response<Transaction>> capture_async(const Payment& payment,
                                                   const CaptureRequest& request,
                                                   const RequestOptions& options = {}) const;
  std::future<Response<Transaction>> cancel_async(std::string_view payment_id,
                                                  std::string_view transaction_id,
                                                  const CancelRequest& request,
                                                  const RequestOptions& options = {}) const;
  std::future<Response<Transaction>> cancel_async(const Payment& payment,
                                                  const CancelRequest& request,
                                                  const RequestOptions& options = {}) const;
  std::future<Response<Payment>> refund_async(std::string_view payment_id,
                                              std::string_view transaction_id,
                                              const RefundRequest& request,
                                              const RequestOptions& options = {}) const;
  std::future<Response<Payment>> refund_async(const Payment& payment,
                                              const RefundRequest& request,
                                              const RequestOptions& options = {}) const;
  std::future<Response<Transaction>> cancel_or_refund_async(
      std::string_view payment_id, const CancelOrRefundRequest& request,
      const RequestOptions& options = {}) const;
  std::future<Response<Transaction>> cancel_or_refund_async(
      std::string_view payment_id, std::string_view transaction_id,
      const CancelOrRefundRequest& request, const RequestOptions& options = {}) const;
  ///@}

  /// Callback flavour of create_async and retrieve_async: `done` gets the ready future on
  /// the transport's thread (see AsyncCallback); nothing of yours waits, and `done` may
  /// start the next call. An empty `done` is an InvalidArgumentError, thrown here.
  /// @code
  ///   payments.create_async(request, {}, [](std::future<yuno::Response<yuno::Payment>> f) {
  ///     try { use(f.get()); } catch (const yuno::Error& e) { report(e); }
  ///   });
  /// @endcode
  ///@{
  void create_async(const CreatePaymentRequest& request, const RequestOptions& options,
                    AsyncCallback<Response<Payment>> done) const;
  void retrieve_async(std::string_view payment_id, const RequestOptions& options,
                      AsyncCallback<Response<Payment>> done) const;
  ///@}

 private:
  friend class YunoClient;
  explicit PaymentsClient(std::shared_ptr<const internal::ClientCore> core);
  std::shared_ptr<const internal::ClientCore> core_;
};

}  // namespace yuno
