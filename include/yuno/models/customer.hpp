/// @file
/// Customers: https://docs.y.uno/reference/create-customer and siblings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "yuno/export.hpp"
#include "yuno/json.hpp"
#include "yuno/models/common.hpp"

namespace yuno {

/// A customer as Yuno returns it. See yuno/models/common.hpp for the model conventions.
struct Customer {
  std::string id;  ///< Yuno's customer id (UUID)
  std::optional<std::string> merchant_customer_id;  ///< the customer's id in your system
  std::optional<std::string> merchant_customer_created_at;  ///< ISO 8601
  std::optional<std::string> first_name;    ///< given name
  std::optional<std::string> last_name;     ///< family name
  std::optional<std::string> gender;        ///< "M", "F", "NB", "NA", "NK" or "U"
  std::optional<std::string> date_of_birth;  ///< YYYY-MM-DD
  std::optional<std::string> email;         ///< e-mail address
  std::optional<std::string> nationality;  ///< ISO 3166-1 alpha-2
  std::optional<std::string> country;      ///< ISO 3166-1 alpha-2
  std::optional<Document> document;         ///< identity document
  std::optional<Phone> phone;               ///< phone number
  std::optional<Address> billing_address;   ///< the payer's billing address
  std::optional<Address> shipping_address;  ///< where the goods go
  std::optional<std::vector<MetadataEntry>> metadata;  ///< your key/value pairs (strings)
  std::optional<std::string> created_at;  ///< ISO 8601 UTC
  std::optional<std::string> updated_at;    ///< ISO 8601 UTC
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// Body of `POST /v1/customers`. Only merchant_customer_id is required (3 to 255 chars).
struct CreateCustomerRequest {
  std::string merchant_customer_id;         ///< the customer's id in your system
  /// When the customer registered with you, ISO 8601.
  std::optional<std::string> merchant_customer_created_at;
  std::optional<std::string> first_name;    ///< given name
  std::optional<std::string> last_name;     ///< family name
  std::optional<std::string> gender;        ///< "M", "F", "NB", "NA", "NK" or "U"
  std::optional<std::string> date_of_birth;  ///< YYYY-MM-DD
  std::optional<std::string> email;         ///< e-mail address
  std::optional<std::string> nationality;   ///< ISO 3166-1 alpha-2
  std::optional<std::string> country;       ///< ISO 3166-1 alpha-2, e.g. "US"
  std::optional<Document> document;         ///< identity document
  std::optional<Phone> phone;               ///< phone number
  std::optional<Address> billing_address;   ///< the payer's billing address
  std::optional<Address> shipping_address;  ///< where the goods go
  std::optional<std::vector<MetadataEntry>> metadata;  ///< your key/value pairs (strings)
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// Body of `PATCH /v1/customers/{id}`: only the fields that are set change.
struct UpdateCustomerRequest {
  std::optional<std::string> merchant_customer_id;  ///< the customer's id in your system
  /// When the customer registered with you, ISO 8601.
  std::optional<std::string> merchant_customer_created_at;
  std::optional<std::string> first_name;    ///< given name
  std::optional<std::string> last_name;     ///< family name
  std::optional<std::string> gender;        ///< "M", "F", "NB", "NA", "NK" or "U"
  std::optional<std::string> date_of_birth;  ///< YYYY-MM-DD
  std::optional<std::string> email;         ///< e-mail address
  std::optional<std::string> nationality;   ///< ISO 3166-1 alpha-2
  std::optional<std::string> country;       ///< ISO 3166-1 alpha-2, e.g. "US"
  std::optional<Document> document;         ///< identity document
  std::optional<Phone> phone;               ///< phone number
  std::optional<Address> billing_address;   ///< the payer's billing address
  std::optional<Address> shipping_address;  ///< where the goods go
  std::optional<std::vector<MetadataEntry>> metadata;  ///< your key/value pairs (strings)
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// JSON conversions for nlohmann's ADL (`j.get<T>()`, `nlohmann::json j = value;`): include
/// `<nlohmann/json.hpp>` to call them. from_json throws an exception naming the field when
/// a field has the wrong JSON type; fields it does not know go to `unknown_fields`.
///@{
YUNO_API void to_json(nlohmann::json& j, const Customer& value);
YUNO_API void from_json(const nlohmann::json& j, Customer& value);
YUNO_API void to_json(nlohmann::json& j, const CreateCustomerRequest& value);
YUNO_API void from_json(const nlohmann::json& j, CreateCustomerRequest& value);
YUNO_API void to_json(nlohmann::json& j, const UpdateCustomerRequest& value);
YUNO_API void from_json(const nlohmann::json& j, UpdateCustomerRequest& value);
///@}

}  // namespace yuno
