// Customers: https://docs.y.uno/reference/create-customer and siblings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "yuno/json.hpp"
#include "yuno/models/common.hpp"

namespace yuno {

/// A customer as Yuno returns it. See yuno/models/common.hpp for the model conventions.
struct Customer {
  std::string id;  ///< Yuno's customer id (UUID)
  std::optional<std::string> merchant_customer_id;
  std::optional<std::string> merchant_customer_created_at;  ///< ISO 8601
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> gender;
  std::optional<std::string> date_of_birth;  ///< YYYY-MM-DD
  std::optional<std::string> email;
  std::optional<std::string> nationality;  ///< ISO 3166-1 alpha-2
  std::optional<std::string> country;      ///< ISO 3166-1 alpha-2
  std::optional<Document> document;
  std::optional<Phone> phone;
  std::optional<Address> billing_address;
  std::optional<Address> shipping_address;
  std::optional<std::vector<MetadataEntry>> metadata;
  std::optional<std::string> created_at;  ///< ISO 8601 UTC
  std::optional<std::string> updated_at;
  Json unknown_fields;
};

/// Body of `POST /v1/customers`. Only merchant_customer_id is required (3 to 255 chars).
struct CreateCustomerRequest {
  std::string merchant_customer_id;
  std::optional<std::string> merchant_customer_created_at;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> gender;
  std::optional<std::string> date_of_birth;
  std::optional<std::string> email;
  std::optional<std::string> nationality;
  std::optional<std::string> country;
  std::optional<Document> document;
  std::optional<Phone> phone;
  std::optional<Address> billing_address;
  std::optional<Address> shipping_address;
  std::optional<std::vector<MetadataEntry>> metadata;
  Json unknown_fields;
};

/// Body of `PATCH /v1/customers/{id}`: only the fields that are set change.
struct UpdateCustomerRequest {
  std::optional<std::string> merchant_customer_id;
  std::optional<std::string> merchant_customer_created_at;
  std::optional<std::string> first_name;
  std::optional<std::string> last_name;
  std::optional<std::string> gender;
  std::optional<std::string> date_of_birth;
  std::optional<std::string> email;
  std::optional<std::string> nationality;
  std::optional<std::string> country;
  std::optional<Document> document;
  std::optional<Phone> phone;
  std::optional<Address> billing_address;
  std::optional<Address> shipping_address;
  std::optional<std::vector<MetadataEntry>> metadata;
  Json unknown_fields;
};

void to_json(nlohmann::json& j, const Customer& value);
void from_json(const nlohmann::json& j, Customer& value);
void to_json(nlohmann::json& j, const CreateCustomerRequest& value);
void from_json(const nlohmann::json& j, CreateCustomerRequest& value);
void to_json(nlohmann::json& j, const UpdateCustomerRequest& value);
void from_json(const nlohmann::json& j, UpdateCustomerRequest& value);

}  // namespace yuno
