/// @file
/// `customer_payer`: the payer of a payment, a token or an enrolled payment method, shared
/// by the payment, checkout-session and enrollment models. See yuno/models/common.hpp for
/// the model conventions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "yuno/export.hpp"
#include "yuno/json.hpp"
#include "yuno/models/common.hpp"

namespace yuno {

/// `customer_payer.browser_info` (for 3DS and fraud screening).
struct BrowserInfo {
  std::optional<std::string> user_agent;    ///< the browser's User-Agent
  std::optional<std::string> accept_header;  ///< the browser's Accept header
  std::optional<std::string> accept_content;  ///< accepted content types
  std::optional<std::string> accept_browser;  ///< accepted browser content
  std::optional<std::string> color_depth;   ///< screen color depth, bits
  std::optional<std::string> screen_height;  ///< screen height, pixels
  std::optional<std::string> screen_width;  ///< screen width, pixels
  std::optional<std::string> browser_time_difference;  ///< UTC offset, minutes
  std::optional<std::string> language;      ///< browser language, e.g. "en"
  std::optional<std::string> platform;  ///< "WEB", "IOS", "ANDROID"
  std::optional<bool> javascript_enabled;   ///< JavaScript enabled
  std::optional<bool> java_enabled;         ///< Java enabled
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// One of `customer_payer.device_fingerprints`.
struct DeviceFingerprint {
  std::optional<std::string> id;            ///< the fingerprint
  std::optional<std::string> provider_id;  ///< the fraud provider
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// `customer_payer.merchant_customer_validations`.
struct MerchantCustomerValidations {
  std::optional<bool> account_is_verified;  ///< you verified the account
  std::optional<bool> email_is_verified;    ///< you verified the e-mail
  std::optional<bool> phone_is_verified;    ///< you verified the phone
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// `customer_payer`: who pays (payments, tokens) or whose payment method it is
/// (enrollment). `id` is a Yuno customer id (POST /customers); the rest describes the payer.
struct CustomerPayer {
  std::optional<std::string> id;            ///< Yuno's customer id (CustomersClient::create)
  std::optional<std::string> customer_id;  ///< as one of Yuno's request examples names it
  std::optional<std::string> merchant_customer_id;  ///< the customer's id in your system
  std::optional<std::string> merchant_customer_created_at;  ///< ISO 8601
  std::optional<std::string> first_name;    ///< given name
  std::optional<std::string> last_name;     ///< family name
  std::optional<std::string> gender;        ///< "M", "F", "NB", "NA", "NK" or "U"
  std::optional<std::string> date_of_birth;  ///< YYYY-MM-DD
  std::optional<std::string> email;         ///< e-mail address
  std::optional<std::string> nationality;  ///< ISO 3166-1 alpha-2
  std::optional<std::string> ip_address;    ///< the payer's IP address
  std::optional<std::string> device_fingerprint;  ///< the fraud provider's device fingerprint
  /// Device fingerprints, one per fraud provider.
  std::optional<std::vector<DeviceFingerprint>> device_fingerprints;
  std::optional<Document> document;         ///< identity document
  std::optional<Phone> phone;               ///< phone number
  std::optional<Address> billing_address;   ///< the payer's billing address
  std::optional<Address> shipping_address;  ///< where the goods go
  std::optional<BrowserInfo> browser_info;  ///< browser data for 3DS and fraud screening
  /// What you verified about the customer.
  std::optional<MerchantCustomerValidations> merchant_customer_validations;
  std::optional<Json> geolocation;  ///< {"latitude", "longitude"}
  /// Yuno's customer code (direct enrollment requests).
  std::optional<std::string> code;
  /// The customer's id in your own system, scoped to the organization (direct enrollment).
  std::optional<std::string> organization_customer_external_id;
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// JSON conversions for nlohmann's ADL (`j.get<T>()`, `nlohmann::json j = value;`): include
/// `<nlohmann/json.hpp>` to call them. from_json throws an exception naming the field when
/// a field has the wrong JSON type; fields it does not know go to `unknown_fields`.
///@{
YUNO_API void to_json(nlohmann::json& j, const BrowserInfo& value);
YUNO_API void from_json(const nlohmann::json& j, BrowserInfo& value);
YUNO_API void to_json(nlohmann::json& j, const DeviceFingerprint& value);
YUNO_API void from_json(const nlohmann::json& j, DeviceFingerprint& value);
YUNO_API void to_json(nlohmann::json& j, const MerchantCustomerValidations& value);
YUNO_API void from_json(const nlohmann::json& j, MerchantCustomerValidations& value);
YUNO_API void to_json(nlohmann::json& j, const CustomerPayer& value);
YUNO_API void from_json(const nlohmann::json& j, CustomerPayer& value);
///@}

}  // namespace yuno
