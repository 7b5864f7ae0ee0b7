// Types shared by several resources (customers, payments, checkout sessions).
//
// Model conventions (every model in yuno/models follows them):
// - field names are the JSON names; optional fields are std::optional and are omitted from
//   requests when unset; a null or missing field in a response is an empty optional;
// - `unknown_fields` keeps response fields this SDK version does not know, and to_json
//   writes them back (on requests, it is a way to send fields the SDK does not know yet);
// - conversions are nlohmann's ADL to_json/from_json, declared here, defined in src/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "yuno/json.hpp"

namespace yuno {

/// An identity document.
struct Document {
  std::optional<std::string> document_type;    ///< "CPF", "SSN", "DNI"...
  std::optional<std::string> document_number;
  Json unknown_fields;
};

struct Phone {
  std::optional<std::string> country_code;  ///< "1", "55"
  std::optional<std::string> number;
  Json unknown_fields;
};

/// A postal address (billing or shipping).
struct Address {
  std::optional<std::string> address_line_1;
  std::optional<std::string> address_line_2;
  std::optional<std::string> building_number_1;
  std::optional<std::string> building_number_2;
  std::optional<std::string> city;
  std::optional<std::string> country;  ///< ISO 3166-1 alpha-2
  std::optional<std::string> state;
  std::optional<std::string> zip_code;
  std::optional<std::string> neighborhood;
  Json unknown_fields;
};

/// One merchant-defined key/value pair (`metadata` arrays).
struct MetadataEntry {
  std::string key;
  std::string value;
  Json unknown_fields;
};

void to_json(nlohmann::json& j, const Document& value);
void from_json(const nlohmann::json& j, Document& value);
void to_json(nlohmann::json& j, const Phone& value);
void from_json(const nlohmann::json& j, Phone& value);
void to_json(nlohmann::json& j, const Address& value);
void from_json(const nlohmann::json& j, Address& value);
void to_json(nlohmann::json& j, const MetadataEntry& value);
void from_json(const nlohmann::json& j, MetadataEntry& value);

}  // namespace yuno
