/// @file
/// Types shared by several resources (customers, payments, checkout sessions).
///
/// Model conventions (every model in yuno/models follows them):
/// - field names are the JSON names; optional fields are std::optional and are omitted from
///   requests when unset; a null or missing field in a response is an empty optional;
/// - `unknown_fields` keeps response fields this SDK version does not know, and to_json
///   writes them back (on requests, it is a way to send fields the SDK does not know yet);
/// - conversions are nlohmann's ADL to_json/from_json, declared here, defined in src/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "yuno/export.hpp"
#include "yuno/json.hpp"

namespace yuno {

/// An identity document.
struct Document {
  std::optional<std::string> document_type;    ///< "CPF", "SSN", "DNI"...
  std::optional<std::string> document_number;  ///< the number, as printed
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// A phone number.
struct Phone {
  std::optional<std::string> country_code;  ///< "1", "55"
  std::optional<std::string> number;        ///< the number without the country code
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// A postal address (billing or shipping).
struct Address {
  std::optional<std::string> address_line_1;  ///< street and number
  std::optional<std::string> address_line_2;  ///< apartment, floor, suite...
  std::optional<std::string> building_number_1;  ///< building number
  std::optional<std::string> building_number_2;  ///< second building number
  std::optional<std::string> city;          ///< city
  std::optional<std::string> country;  ///< ISO 3166-1 alpha-2
  std::optional<std::string> state;         ///< state or province
  std::optional<std::string> zip_code;      ///< postal code
  std::optional<std::string> neighborhood;  ///< neighborhood (some countries require it)
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// One merchant-defined key/value pair (`metadata` arrays).
struct MetadataEntry {
  std::string key;    ///< the key (Yuno: up to 48 characters)
  std::string value;  ///< the value, a string
  Json unknown_fields;  ///< fields this SDK does not know; to_json writes them back
};

/// JSON conversions for nlohmann's ADL (`j.get<T>()`, `nlohmann::json j = value;`): include
/// `<nlohmann/json.hpp>` to call them. from_json throws an exception naming the field when
/// a field has the wrong JSON type; fields it does not know go to `unknown_fields`.
///@{
YUNO_API void to_json(nlohmann::json& j, const Document& value);
YUNO_API void from_json(const nlohmann::json& j, Document& value);
YUNO_API void to_json(nlohmann::json& j, const Phone& value);
YUNO_API void from_json(const nlohmann::json& j, Phone& value);
YUNO_API void to_json(nlohmann::json& j, const Address& value);
YUNO_API void from_json(const nlohmann::json& j, Address& value);
YUNO_API void to_json(nlohmann::json& j, const MetadataEntry& value);
YUNO_API void from_json(const nlohmann::json& j, MetadataEntry& value);
///@}

}  // namespace yuno
