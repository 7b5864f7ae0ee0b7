#include "yuno/models/enrollment.hpp"

#include <ostream>

#include "internal/model_json.hpp"

namespace yuno {

using internal::FieldReader;
using internal::FieldWriter;

namespace {

// `io` is a FieldReader or a FieldWriter: one field list serves both directions.
template <typename IO, typename Model>
void customer_session_request_fields(IO& io, Model& value) {
  io.optional("callback_url", value.callback_url);
  io.optional("checkout_id", value.checkout_id);
}

template <typename IO, typename Model>
void customer_session_fields(IO& io, Model& value) {
  io.optional("customer_id", value.customer_id);
  io.optional("country", value.country);
  io.optional("callback_url", value.callback_url);
  io.optional("checkout_id", value.checkout_id);
  io.optional("created_at", value.created_at);
}

template <typename IO, typename Model>
void provider_data_fields(IO& io, Model& value) {
  io.optional("id", value.id);
  io.optional("token_source", value.token_source);
  io.optional("payment_method_token", value.payment_method_token);
  io.optional("connection_id", value.connection_id);
}

template <typename IO, typename Model>
void enroll_request_fields(IO& io, Model& value) {
  io.optional("workflow", value.workflow);
  io.optional("callback_url", value.callback_url);
  io.optional("token", value.token);
  io.optional("parent_type", value.parent_type);
  io.optional("account_updater", value.account_updater);
  io.optional("card_data", value.card_data);
  io.optional("customer_payer", value.customer_payer);
  io.optional("payment_method", value.payment_method);
  io.optional("provider_data", value.provider_data);
  io.optional("verify", value.verify);
  io.optional("recurring_payment", value.recurring_payment);
}

template <typename IO, typename Model>
void session_enrollment_fields(IO& io, Model& value) {
  io.optional("account_updater", value.account_updater);
  io.optional("verify", value.verify);
}

}  // namespace

std::string EnrollPaymentMethodRequest::to_string() const {
  std::string text = "EnrollPaymentMethodRequest{country=" + country + ", type=" + type;
  if (workflow) text += ", workflow=" + workflow->value();
  if (card_data) text += ", card_data=" + card_data->to_string();
  if (provider_data && provider_data->id) text += ", provider_data.id=" + *provider_data->id;
  if (verify && verify->vault_on_success) {
    text += std::string(", verify.vault_on_success=") +
            (*verify->vault_on_success ? "true" : "false");
  }
  return text + "}";
}

std::ostream& operator<<(std::ostream& out, const EnrollPaymentMethodRequest& value) {
  return out << value.to_string();
}

void to_json(nlohmann::json& j, const CreateCustomerSessionRequest& value) {
  FieldWriter out(j);
  out.required("account_id", value.account_id);
  out.required("customer_id", value.customer_id);
  out.required("country", value.country);
  customer_session_request_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CreateCustomerSessionRequest& value) {
  FieldReader in(j, "CreateCustomerSessionRequest");
  in.value_or_default("account_id", value.account_id);
  in.value_or_default("customer_id", value.customer_id);
  in.value_or_default("country", value.country);
  customer_session_request_fields(in, value);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const CustomerSession& value) {
  FieldWriter out(j);
  out.required("customer_session", value.customer_session);
  customer_session_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CustomerSession& value) {
  FieldReader in(j, "CustomerSession");
  in.required("customer_session", value.customer_session);
  customer_session_fields(in, value);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const EnrollmentProviderData& value) {
  FieldWriter out(j);
  provider_data_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, EnrollmentProviderData& value) {
  FieldReader in(j, "EnrollmentProviderData");
  provider_data_fields(in, value);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const EnrollPaymentMethodRequest& value) {
  FieldWriter out(j);
  out.required("account_id", value.account_id);
  out.required("country", value.country);
  out.required("type", value.type);
  enroll_request_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, EnrollPaymentMethodRequest& value) {
  FieldReader in(j, "EnrollPaymentMethodRequest");
  in.value_or_default("account_id", value.account_id);
  in.value_or_default("country", value.country);
  in.value_or_default("type", value.type);
  enroll_request_fields(in, value);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const SessionEnrollmentRequest& value) {
  FieldWriter out(j);
  out.required("account_id", value.account_id);
  out.required("payment_method_type", value.payment_method_type);
  out.required("country", value.country);
  session_enrollment_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, SessionEnrollmentRequest& value) {
  FieldReader in(j, "SessionEnrollmentRequest");
  in.value_or_default("account_id", value.account_id);
  in.value_or_default("payment_method_type", value.payment_method_type);
  in.value_or_default("country", value.country);
  session_enrollment_fields(in, value);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const ReassignPaymentMethodRequest& value) {
  FieldWriter out(j);
  out.required("customer_id", value.customer_id);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, ReassignPaymentMethodRequest& value) {
  FieldReader in(j, "ReassignPaymentMethodRequest");
  in.value_or_default("customer_id", value.customer_id);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const AccountUpdaterRequest& value) {
  FieldWriter out(j);
  out.required("payment_method_ids", value.payment_method_ids);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, AccountUpdaterRequest& value) {
  FieldReader in(j, "AccountUpdaterRequest");
  in.value_or_default("payment_method_ids", value.payment_method_ids);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const AccountUpdaterRegistration& value) {
  FieldWriter out(j);
  out.required("accepted", value.accepted);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, AccountUpdaterRegistration& value) {
  FieldReader in(j, "AccountUpdaterRegistration");
  in.required("accepted", value.accepted);
  value.unknown_fields = in.unknown();
}

}  // namespace yuno
