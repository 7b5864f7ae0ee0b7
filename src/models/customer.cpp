#include "yuno/models/customer.hpp"

#include "internal/model_json.hpp"

namespace yuno {

using internal::FieldReader;
using internal::FieldWriter;

namespace {

// The profile fields Customer, CreateCustomerRequest and UpdateCustomerRequest share.
// `io` is a FieldReader or a FieldWriter: one list serves both directions.
template <typename IO, typename Model>
void profile_fields(IO& io, Model& value) {
  io.optional("merchant_customer_created_at", value.merchant_customer_created_at);
  io.optional("first_name", value.first_name);
  io.optional("last_name", value.last_name);
  io.optional("gender", value.gender);
  io.optional("date_of_birth", value.date_of_birth);
  io.optional("email", value.email);
  io.optional("nationality", value.nationality);
  io.optional("country", value.country);
  io.optional("document", value.document);
  io.optional("phone", value.phone);
  io.optional("billing_address", value.billing_address);
  io.optional("shipping_address", value.shipping_address);
  io.optional("metadata", value.metadata);
}

}  // namespace

void to_json(nlohmann::json& j, const Customer& value) {
  FieldWriter out(j);
  out.required("id", value.id);
  out.optional("merchant_customer_id", value.merchant_customer_id);
  profile_fields(out, value);
  out.optional("created_at", value.created_at);
  out.optional("updated_at", value.updated_at);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, Customer& value) {
  FieldReader in(j, "Customer");
  in.required("id", value.id);
  in.optional("merchant_customer_id", value.merchant_customer_id);
  profile_fields(in, value);
  in.optional("created_at", value.created_at);
  in.optional("updated_at", value.updated_at);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const CreateCustomerRequest& value) {
  FieldWriter out(j);
  out.required("merchant_customer_id", value.merchant_customer_id);
  profile_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, CreateCustomerRequest& value) {
  FieldReader in(j, "CreateCustomerRequest");
  in.value_or_default("merchant_customer_id", value.merchant_customer_id);
  profile_fields(in, value);
  value.unknown_fields = in.unknown();
}

void to_json(nlohmann::json& j, const UpdateCustomerRequest& value) {
  FieldWriter out(j);
  out.optional("merchant_customer_id", value.merchant_customer_id);
  profile_fields(out, value);
  out.finish(value.unknown_fields);
}

void from_json(const nlohmann::json& j, UpdateCustomerRequest& value) {
  FieldReader in(j, "UpdateCustomerRequest");
  in.optional("merchant_customer_id", value.merchant_customer_id);
  profile_fields(in, value);
  value.unknown_fields = in.unknown();
}

}  // namespace yuno
