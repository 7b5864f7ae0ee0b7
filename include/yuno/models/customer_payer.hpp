// `customer_payer`: the payer of a payment, a token or an enrolled payment method, shared
// by the payment, checkout-session and enrollment models. See yuno/models/common.hpp for
// the model conventions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "yuno/json.hpp"
#include "yuno/models/common.hpp"

namespace yuno {

/// `customer_payer.browser_info` (for 3DS and fraud screening).
struct BrowserInfo {
  std::optional<std::string> user_agent;
  std::optional<std::string> accept_header;
  std::optional<std::string> accept_content;
  std::optional<std::string> accept_browser;
  std::optional<std::string> color_depth;
  std::optional<std::string> screen_height;
  std::optional<std::string> screen_width;
  std::optional<std::string> browser_time_difference;
  std::optional<std::string> language;
  std::optional<std::string> platform;  ///< "WEB", "IOS", "ANDROID"
  std::optional<bool> javascript_enabled;
  std::optional<bool> java_enabled;
  Json unknown_fields;
};

/// One of `customer_payer.device_fingerprints`.
struct DeviceFingerprint {
  std::optional<std::string> id;
  std::optional<std::string> provider_id;  ///< the fraud provider
  Json unknown_fields;
};

/// `customer_payer.merchant_customer_validations`.
struct MerchantCustomerValidations {
  std::optional<bool> account_is_verified;
  std::optional<bool> email_is_verified;
  std::optional<bool> phone_is_verified;
  Json unknown_fields;
};

/// `customer_payer`: who pays (payments, tokens) or whose payment method it is
/// (enrollment). `id` is a Yuno customer id (POST /customers); the rest describes the payer.
struct CustomerPayer {
  std::optional<std::string> id;
  std::optional<std::string> customer_id;  ///< as one of Yuno's request examples names it
  std::optional<std::string> merchant_customer_id;
  std::optional<std::string> merchant_customer_created_at;  ///< ISO 8601
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> gender;
  std::optional<std::string> date_of_birth;  ///< YYYY-MM-DD
  std::optional<std::string> email;
  std::optional<std::string> nationality;  ///< ISO 3166-1 alpha-2
  std::optional<std::string> ip_address;
  std::optional<std::string> device_fingerprint;
  std::optional<std::vector<DeviceFingerprint>> device_fingerprints;
  std::optional<Document> document;
  std::optional<Phone> phone;
  std::optional<Address> billing_address;
  std::optional<Address> shipping_address;
  std::optional<BrowserInfo> browser_info;
  std::optional<MerchantCustomerValidations> merchant_customer_validations;
  std::optional<Json> geolocation;  ///< {"latitude", "longitude"}
  /// Yuno's customer code (direct enrollment requests).
  std::optional<std::string> code;
  /// The customer's id in your own system, scoped to the organization (direct enrollment).
  std::optional<std::string> organization_customer_external_id;
  Json unknown_fields;
};

void to_json(nlohmann::json& j, const BrowserInfo& value);
void from_json(const nlohmann::json& j, BrowserInfo& value);
void to_json(nlohmann::json& j, const DeviceFingerprint& value);
void from_json(const nlohmann::json& j, DeviceFingerprint& value);
void to_json(nlohmann::json& j, const MerchantCustomerValidations& value);
void from_json(const nlohmann::json& j, MerchantCustomerValidations& value);
void to_json(nlohmann::json& j, const CustomerPayer& value);
void from_json(const nlohmann::json& j, CustomerPayer& value);

}  // namespace yuno
