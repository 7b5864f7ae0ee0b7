#include "yuno/models/customer_payer.hpp"

#include "internal/model_tape.hpp"

namespace yuno {

using internal::FieldReader;
using internal::FieldWriter;

namespace {

// `io` is a FieldReader or a FieldWriter: one field list serves both directions.
template <typename IO, typename Model>
void browser_info_fields(IO& io, Model& value) {
  io.optional("user_agent", value.user_agent);
  io.optional("accept_header", value.accept_header);
  io.optional("accept_content", value.accept_content);
  io.optional("accept_browser", value.accept_browser);
  io.optional("color_depth", value.color_depth);
  io.optional("screen_height", value.screen_height);
  io.optional("screen_width", value.screen_width);
  io.optional("browser_time_difference", value.browser_time_difference);
  io.optional("language", value.language);
  io.optional("platform", value.platform);
  io.optional("javascript_enabled", value.javascript_enabled);
  io.optional("java_enabled", value.java_enabled);
}

template <typename IO, typename Model>
void device_fingerprint_fields(IO& io, Model& value) {
  io.optional("id", value.id);
  io.optional("provider_id", value.provider_id);
}

template <typename IO, typename Model>
void validations_fields(IO& io, Model& value) {
  io.optional("account_is_verified", value.account_is_verified);
  io.optional("email_is_verified", value.email_is_verified);
  io.optional("phone_is_verified", value.phone_is_verified);
}

template <typename IO, typename Model>
void customer_payer_fields(IO& io, Model& value) {
  io.optional("id", value.id);
  io.optional("customer_id", value.customer_id);
  io.optional("merchant_customer_id", value.merchant_customer_id);
  io.optional("merchant_customer_created_at", value.merchant_customer_created_at);
  io.optional("first_name", value.first_name);
  io.optional("last_name", value.last_name);
  io.optional("gender", value.gender);
  io.optional("date_of_birth", value.date_of_birth);
  io.optional("email", value.email);
  io.optional("nationality", value.nationality);
  io.optional("ip_address", value.ip_address);
  io.optional("device_fingerprint", value.device_fingerprint);
  io.optional("device_fingerprints", value.device_fingerprints);
  io.optional("document", value.document);
  io.optional("phone", value.phone);
  io.optional("billing_address", value.billing_address);
  io.optional("shipping_address", value.shipping_address);
  io.optional("browser_info", value.browser_info);
  io.optional("merchant_customer_validations", value.merchant_customer_validations);
  io.optional("geolocation", value.geolocation);
  io.optional("code", value.code);
  io.optional("organization_customer_external_id", value.organization_customer_external_id);
}

}  // namespace

void to_json(nlohmann::json& j, const BrowserInfo& value) {
  FieldWriter out(j);
  browser_info_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, BrowserInfo& value) {
  FieldReader in(j, "BrowserInfo");
  browser_info_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, BrowserInfo& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, BrowserInfo& value) { read(j, value); }

void to_json(nlohmann::json& j, const DeviceFingerprint& value) {
  FieldWriter out(j);
  device_fingerprint_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, DeviceFingerprint& value) {
  FieldReader in(j, "DeviceFingerprint");
  device_fingerprint_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, DeviceFingerprint& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, DeviceFingerprint& value) { read(j, value); }

void to_json(nlohmann::json& j, const MerchantCustomerValidations& value) {
  FieldWriter out(j);
  validations_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, MerchantCustomerValidations& value) {
  FieldReader in(j, "MerchantCustomerValidations");
  validations_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, MerchantCustomerValidations& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, MerchantCustomerValidations& value) { read(j, value); }

void to_json(nlohmann::json& j, const CustomerPayer& value) {
  FieldWriter out(j);
  customer_payer_fields(out, value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, CustomerPayer& value) {
  FieldReader in(j, "CustomerPayer");
  customer_payer_fields(in, value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, CustomerPayer& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, CustomerPayer& value) { read(j, value); }

}  // namespace yuno
