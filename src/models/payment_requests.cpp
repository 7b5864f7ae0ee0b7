// The request bodies of the payments endpoints (declared in yuno/models/payment.hpp).
#include "yuno/models/payment.hpp"

#include "internal/model_json.hpp"

namespace yuno {

using internal::FieldReader;
using internal::FieldWriter;

namespace {

// `io` is a FieldReader or a FieldWriter: one field list serves both directions.
template <typename IO, typename Model>
void create_payment_fields(IO& io, Model& value) {
  io.optional("account_id", value.account_id);
  io.optional("description", value.description);
  io.optional("country", value.country);
  io.optional("merchant_order_id", value.merchant_order_id);
  io.optional("merchant_reference", value.merchant_reference);
  io.optional("workflow", value.workflow);
  io.optional("checkout", value.checkout);
  io.optional("customer_payer", value.customer_payer);
  io.optional("payment_method", value.payment_method);
  io.optional("additional_data", value.additional_data);
  io.optional("metadata", value.metadata);
  io.optional("callback_url", value.callback_url);
  io.optional("split_marketplace", value.split_marketplace);
  io.optional("fraud_screening", value.fraud_screening);
  io.optional("subscription", value.subscription);
  io.optional("taxes", value.taxes);
}

template <typename IO, typename Model>
void capture_fields(IO& io, Model& value) {
  io.optional("amount", value.amount);
  io.optional("merchant_reference", value.merchant_reference);
  io.optional("reason", value.reason);
  io.optional("description", value.description);
  io.optional("additional_data", value.additional_data);
  io.optional("simplified_mode", value.simplified_mode);
}

template <typename IO, typename Model>
void cancel_fields(IO& io, Model& value) {
  io.optional("description", value.description);
  io.optional("reason", value.reason);
  io.optional("merchant_reference", value.merchant_reference);
  io.optional("response_additional_data", value.response_additional_data);
}

// RefundRequest and CancelOrRefundRequest share their fields.
template <typename IO, typename Model>
void refund_fields(IO& io, Model& value) {
  io.optional("amount", value.amount);
  io.optional("description", value.description);
  io.optional("reason", value.reason);
  io.optional("merchant_reference", value.merchant_reference);
  io.optional("split_marketplace", value.split_marketplace);
  io.optional("simplified_mode", value.simplified_mode);
  io.optional("response_additional_data", value.response_additional_data);
  io.optional("customer_payer", value.customer_payer);
  io.optional("payment_method", value.payment_method);
}

}  // namespace

void to_json(nlohmann::json& j, const CreatePaymentRequest& value) {
  FieldWriter out(j);
  out.required("amount", value.amount);
  create_payment_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CreatePaymentRequest& value) {
  FieldReader in(j, "CreatePaymentRequest");
  value.amount = Amount();
  in.value_or_default("amount", value.amount);
  create_payment_fields(in, value);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const CaptureRequest& value) {
  FieldWriter out(j);
  capture_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CaptureRequest& value) {
  FieldReader in(j, "CaptureRequest");
  capture_fields(in, value);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const CancelRequest& value) {
  FieldWriter out(j);
  cancel_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CancelRequest& value) {
  FieldReader in(j, "CancelRequest");
  cancel_fields(in, value);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const RefundRequest& value) {
  FieldWriter out(j);
  refund_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, RefundRequest& value) {
  FieldReader in(j, "RefundRequest");
  refund_fields(in, value);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const CancelOrRefundRequest& value) {
  FieldWriter out(j);
  refund_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CancelOrRefundRequest& value) {
  FieldReader in(j, "CancelOrRefundRequest");
  refund_fields(in, value);
  value.unknown_fields = in.unknown();
}

}  // namespace yuno
