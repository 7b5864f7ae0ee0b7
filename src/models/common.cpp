#include "yuno/models/common.hpp"

#include "internal/model_tape.hpp"

namespace yuno {

using internal::FieldReader;
using internal::FieldWriter;

void to_json(nlohmann::json& j, const Document& value) {
  FieldWriter out(j);
  out.optional("document_type", value.document_type);
  out.optional("document_number", value.document_number);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, Document& value) {
  FieldReader in(j, "Document");
  in.optional("document_type", value.document_type);
  in.optional("document_number", value.document_number);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, Document& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, Document& value) { read(j, value); }

void to_json(nlohmann::json& j, const Phone& value) {
  FieldWriter out(j);
  out.optional("country_code", value.country_code);
  out.optional("number", value.number);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, Phone& value) {
  FieldReader in(j, "Phone");
  in.optional("country_code", value.country_code);
  in.optional("number", value.number);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, Phone& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, Phone& value) { read(j, value); }

void to_json(nlohmann::json& j, const Address& value) {
  FieldWriter out(j);
  out.optional("address_line_1", value.address_line_1);
  out.optional("address_line_2", value.address_line_2);
  out.optional("building_number_1", value.building_number_1);
  out.optional("building_number_2", value.building_number_2);
  out.optional("city", value.city);
  out.optional("country", value.country);
  out.optional("state", value.state);
  out.optional("zip_code", value.zip_code);
  out.optional("neighborhood", value.neighborhood);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, Address& value) {
  FieldReader in(j, "Address");
  in.optional("address_line_1", value.address_line_1);
  in.optional("address_line_2", value.address_line_2);
  in.optional("building_number_1", value.building_number_1);
  in.optional("building_number_2", value.building_number_2);
  in.optional("city", value.city);
  in.optional("country", value.country);
  in.optional("state", value.state);
  in.optional("zip_code", value.zip_code);
  in.optional("neighborhood", value.neighborhood);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, Address& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, Address& value) { read(j, value); }

void to_json(nlohmann::json& j, const MetadataEntry& value) {
  FieldWriter out(j);
  out.required("key", value.key);
  out.required("value", value.value);
  out.finish(value.unknown_fields);
}

template <typename Node>  // nlohmann::json or internal::TapeNode
void read(const Node& j, MetadataEntry& value) {
  FieldReader in(j, "MetadataEntry");
  in.value_or_default("key", value.key);
  in.value_or_default("value", value.value);
  value.unknown_fields = in.unknown();
}

void from_json(const nlohmann::json& j, MetadataEntry& value) { read(j, value); }

void from_tape(const internal::TapeNode& j, MetadataEntry& value) { read(j, value); }

}  // namespace yuno
