// Model conventions, checked on the customer models: Yuno's own examples parse and round
// trip, nulls are empty optionals, unknown fields survive, unset optionals are omitted,
// type errors name the field. Plus yuno::Json, the holder of untyped JSON.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yuno/errors.hpp>
#include <yuno/json.hpp>
#include <yuno/models/customer.hpp>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A copy of `value` without null members, at any depth (array elements are kept).
json strip_nulls(const json& value) {
  if (value.is_object()) {
    json out = json::object();
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!it.value().is_null()) out[it.key()] = strip_nulls(it.value());
    }
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const json& element : value) out.push_back(strip_nulls(element));
    return out;
  }
  return value;
}

json read_json_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// Parses `example` as Model and checks that writing it back gives the example, nulls removed.
template <typename Model>
void expect_round_trip(const json& example) {
  Model model;
  ASSERT_NO_THROW(model = example.get<Model>());
  const json written = model;
  EXPECT_EQ(written, strip_nulls(example)) << "example:  " << example.dump()
                                           << "\nwritten:  " << written.dump();
}

// What the message of the exception thrown by `j.get<Model>()` is ("" if none was thrown).
template <typename Model>
std::string parse_error(const json& j) {
  try {
    (void)j.get<Model>();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

json full_customer() {
  return json::parse(R"({
    "id": "bf64527c-5531-4ece-bf2c-51a8e775d8e1",
    "merchant_customer_id": "m-42",
    "first_name": "John",
    "last_name": "Doe",
    "email": "john.doe@email.com",
    "document": {"document_type": "SSN", "document_number": "123-45-6789"},
    "phone": {"number": "5551234567", "country_code": "1"},
    "billing_address": {"address_line_1": "123 Main St", "city": "New York", "country": "US"},
    "metadata": [{"key": "ID", "value": "123456"}],
    "created_at": "2025-04-24T18:54:54.351969Z"
  })");
}

// --- Yuno's own examples ---------------------------------------------------------------

TEST(CustomerModelSpec, EveryDocumentedExampleParsesAndRoundTrips) {
  const fs::path dir = fs::path(YUNO_API_SPEC_DIR) / "openapi" / "customers";
  if (!fs::is_directory(dir)) {
    FAIL() << "Yuno's OpenAPI documents were not found at " << dir.string()
           << ": set the CMake variable YUNO_API_SPEC_DIR to the shared/yuno-api directory";
  }

  int visited = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    const json document = read_json_file(entry.path());
    if (!document.contains("paths")) continue;
    for (const auto& [path, operations] : document.at("paths").items()) {
      for (const auto& [method, operation] : operations.items()) {
        if (!operation.is_object()) continue;
        const std::string where = entry.path().filename().string() + " " + method + " " + path;

        const json request_examples =
            operation.value(json::json_pointer("/requestBody/content/application~1json/examples"),
                            json::object());
        for (const auto& [name, example] : request_examples.items()) {
          if (!example.contains("value")) continue;
          SCOPED_TRACE(where + " request example " + name);
          if (method == "post") {
            expect_round_trip<yuno::CreateCustomerRequest>(example.at("value"));
          } else if (method == "patch") {
            expect_round_trip<yuno::UpdateCustomerRequest>(example.at("value"));
          } else {
            ADD_FAILURE() << "unexpected request body on " << where;
          }
          ++visited;
        }

        if (!operation.contains("responses")) continue;
        for (const auto& [status, response] : operation.at("responses").items()) {
          if (status.size() != 3 || status[0] != '2') continue;
          const json response_examples = response.value(
              json::json_pointer("/content/application~1json/examples"), json::object());
          for (const auto& [name, example] : response_examples.items()) {
            if (!example.contains("value")) continue;
            SCOPED_TRACE(where + " " + status + " example " + name);
            expect_round_trip<yuno::Customer>(example.at("value"));
            ++visited;
          }
        }
      }
    }
  }
  RecordProperty("examples_visited", visited);
  EXPECT_GE(visited, 4) << "too few examples found under " << dir.string();
}

// --- nulls and missing fields ----------------------------------------------------------

TEST(CustomerModel, NullsAndMissingFieldsAreEmptyOptionals) {
  // Yuno's "min. data" response.
  const json j = json::parse(R"({
    "id": "fe17085f-e9fd-4882-a42a-21eacc10fbb6", "merchant_customer_id": "AAAAAAA000001",
    "first_name": "John", "last_name": "Doe", "gender": null, "date_of_birth": null,
    "email": "john.doe@email.com", "nationality": null, "country": null, "document": null,
    "phone": null, "billing_address": null, "shipping_address": null,
    "created_at": "2025-04-24T18:54:15.805086Z", "updated_at": "2025-04-24T18:54:15.805088Z",
    "merchant_customer_created_at": null})");
  const auto customer = j.get<yuno::Customer>();
  EXPECT_EQ(customer.id, "fe17085f-e9fd-4882-a42a-21eacc10fbb6");
  EXPECT_EQ(customer.first_name, "John");
  EXPECT_EQ(customer.email, "john.doe@email.com");
  EXPECT_FALSE(customer.document.has_value());
  EXPECT_FALSE(customer.phone.has_value());
  EXPECT_FALSE(customer.billing_address.has_value());
  EXPECT_FALSE(customer.shipping_address.has_value());
  EXPECT_FALSE(customer.gender.has_value());
  EXPECT_FALSE(customer.date_of_birth.has_value());
  EXPECT_FALSE(customer.nationality.has_value());
  EXPECT_FALSE(customer.country.has_value());
  EXPECT_FALSE(customer.merchant_customer_created_at.has_value());
  EXPECT_FALSE(customer.metadata.has_value());  // missing altogether
  EXPECT_TRUE(customer.unknown_fields.is_null());
}

TEST(CustomerModel, NullsInsideNestedObjectsAreEmptyOptionals) {
  const json j = json::parse(
      R"({"id": "c-1", "billing_address": {"city": null, "country": "US"},
          "document": {"document_type": "CPF", "document_number": null}})");
  const auto customer = j.get<yuno::Customer>();
  ASSERT_TRUE(customer.billing_address.has_value());
  EXPECT_FALSE(customer.billing_address->city.has_value());
  EXPECT_EQ(customer.billing_address->country, "US");
  ASSERT_TRUE(customer.document.has_value());
  EXPECT_EQ(customer.document->document_type, "CPF");
  EXPECT_FALSE(customer.document->document_number.has_value());
  EXPECT_EQ(json(customer), strip_nulls(j));
}

// --- unknown fields --------------------------------------------------------------------

TEST(CustomerModel, UnknownFieldsSurviveARoundTripExactly) {
  json j = full_customer();
  j["loyalty_tier"] = "gold";
  j["risk"] = {{"score", 0.25}, {"flags", json::array({"a", "b"})}};
  j["billing_address"]["geo"] = {{"lat", 40.7128}, {"lng", -74.006}};
  j["phone"]["whatsapp"] = true;
  j["document"]["issuer"] = "US-SSA";
  j["metadata"][0]["visibility"] = "private";

  const auto customer = j.get<yuno::Customer>();
  EXPECT_EQ(customer.unknown_fields.value(),
            (json{{"loyalty_tier", "gold"}, {"risk", j["risk"]}}));
  ASSERT_TRUE(customer.billing_address.has_value());
  EXPECT_EQ(customer.billing_address->unknown_fields.value(), (json{{"geo", j["billing_address"]["geo"]}}));
  EXPECT_EQ(customer.billing_address->city, "New York");
  ASSERT_TRUE(customer.metadata.has_value());
  ASSERT_EQ(customer.metadata->size(), 1U);
  EXPECT_EQ(customer.metadata->at(0).key, "ID");
  EXPECT_EQ(customer.metadata->at(0).unknown_fields.value(), (json{{"visibility", "private"}}));

  EXPECT_EQ(json(customer), j);
  // A copy of the model keeps them too.
  const yuno::Customer copy = customer;
  EXPECT_EQ(json(copy), j);
}

TEST(CustomerModel, UnknownFieldsOnRequestsAreSentButNeverOverrideKnownOnes) {
  yuno::CreateCustomerRequest request;
  request.merchant_customer_id = "m-1";
  request.email = "real@example.com";
  request.unknown_fields = json{{"email", "shadow@example.com"}, {"new_field", 7}};
  EXPECT_EQ(json(request),
            (json{{"merchant_customer_id", "m-1"}, {"email", "real@example.com"}, {"new_field", 7}}));

  const json update_body = json::parse(R"({"email": "a@b.c", "preferred_language": "es"})");
  const auto update = update_body.get<yuno::UpdateCustomerRequest>();
  EXPECT_EQ(update.email, "a@b.c");
  EXPECT_EQ(json(update), update_body);
}

// --- unset optionals -------------------------------------------------------------------

TEST(CustomerModel, UnsetOptionalsAreOmitted) {
  yuno::CreateCustomerRequest create;
  create.merchant_customer_id = "merchant-42";
  EXPECT_EQ(json(create).dump(), R"({"merchant_customer_id":"merchant-42"})");

  yuno::UpdateCustomerRequest update;
  update.email = "john@example.com";
  EXPECT_EQ(json(update).dump(), R"({"email":"john@example.com"})");

  EXPECT_EQ(json(yuno::UpdateCustomerRequest{}).dump(), "{}");

  yuno::CreateCustomerRequest nested;
  nested.merchant_customer_id = "m-2";
  nested.billing_address = yuno::Address{};
  nested.billing_address->city = "Bogotá";
  EXPECT_EQ(json(nested),
            (json{{"merchant_customer_id", "m-2"}, {"billing_address", {{"city", "Bogotá"}}}}));

  yuno::Customer customer;
  customer.id = "c-1";
  EXPECT_EQ(json(customer).dump(), R"({"id":"c-1"})");
}

TEST(CustomerModel, RequestsParseFromTheirOwnJson) {
  const json body = json::parse(R"({"merchant_customer_id": "4321", "first_name": "John",
      "metadata": [{"key": "ID", "value": "1"}, {"key": "tier", "value": "gold"}]})");
  const auto request = body.get<yuno::CreateCustomerRequest>();
  EXPECT_EQ(request.merchant_customer_id, "4321");
  EXPECT_EQ(request.first_name, "John");
  ASSERT_TRUE(request.metadata.has_value());
  ASSERT_EQ(request.metadata->size(), 2U);
  EXPECT_EQ(request.metadata->at(1).key, "tier");
  EXPECT_EQ(request.metadata->at(1).value, "gold");
  EXPECT_FALSE(request.email.has_value());
}

// --- wrong types -----------------------------------------------------------------------

TEST(CustomerModel, WrongTypeErrorsNameTheField) {
  struct Case {
    const char* field;
    json value;
  };
  const std::vector<Case> cases = {
      {"email", 5},
      {"billing_address", "x"},
      {"metadata", json::object()},
      {"document", json::array()},
      {"first_name", json::object()},
      {"created_at", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.field);
    json j = full_customer();
    j[c.field] = c.value;
    EXPECT_ANY_THROW((void)j.get<yuno::Customer>());
    const std::string message = parse_error<yuno::Customer>(j);
    EXPECT_NE(message.find(c.field), std::string::npos) << message;
  }
}

TEST(CustomerModel, WrongTypesInsideNestedObjectsNameThePath) {
  json j = full_customer();
  j["billing_address"]["city"] = 12;
  std::string message = parse_error<yuno::Customer>(j);
  EXPECT_NE(message.find("billing_address"), std::string::npos) << message;
  EXPECT_NE(message.find("city"), std::string::npos) << message;

  j = full_customer();
  j["metadata"][0]["value"] = json::array({1, 2});
  message = parse_error<yuno::Customer>(j);
  EXPECT_NE(message.find("metadata"), std::string::npos) << message;

  j = full_customer();
  j["metadata"] = json::array({"not an object"});
  message = parse_error<yuno::Customer>(j);
  EXPECT_NE(message.find("metadata"), std::string::npos) << message;
}

TEST(CustomerModel, CustomerWithoutIdThrows) {
  json j = full_customer();
  j.erase("id");
  std::string message = parse_error<yuno::Customer>(j);
  EXPECT_NE(message.find("id"), std::string::npos) << message;
  EXPECT_ANY_THROW((void)j.get<yuno::Customer>());

  j["id"] = nullptr;
  EXPECT_ANY_THROW((void)j.get<yuno::Customer>());

  j["id"] = 42;
  EXPECT_ANY_THROW((void)j.get<yuno::Customer>());
}

TEST(CustomerModel, NonObjectsAreRejected) {
  for (const char* text : {"[]", "\"c-1\"", "42", "null", "true"}) {
    SCOPED_TRACE(text);
    const json j = json::parse(text);
    EXPECT_ANY_THROW((void)j.get<yuno::Customer>());
    EXPECT_ANY_THROW((void)j.get<yuno::CreateCustomerRequest>());
    EXPECT_ANY_THROW((void)j.get<yuno::UpdateCustomerRequest>());
  }
}

// --- yuno::Json --------------------------------------------------------------------------

TEST(JsonModel, DefaultIsNull) {
  const yuno::Json value;
  EXPECT_TRUE(value.is_null());
  EXPECT_TRUE(value.empty());
  EXPECT_EQ(value.dump(), "null");
  EXPECT_TRUE(value.value().is_null());
  EXPECT_EQ(value, yuno::Json(json(nullptr)));
}

TEST(JsonModel, CopiesAreDeep) {
  yuno::Json original(json{{"k", 1}, {"list", {1, 2}}});
  yuno::Json copy = original;
  copy.value()["k"] = 2;
  copy.value()["list"].push_back(3);
  EXPECT_EQ(original.value(), (json{{"k", 1}, {"list", {1, 2}}}));
  EXPECT_EQ(copy.value(), (json{{"k", 2}, {"list", {1, 2, 3}}}));

  yuno::Json assigned;
  assigned = original;
  assigned.value()["k"] = "changed";
  EXPECT_EQ(original.value().at("k"), 1);
  EXPECT_EQ(assigned.value().at("k"), "changed");

  // A model's unknown fields are deep-copied with it.
  yuno::Customer customer;
  customer.id = "c-1";
  customer.unknown_fields = json{{"x", 1}};
  yuno::Customer other = customer;
  other.unknown_fields.value()["x"] = 2;
  EXPECT_EQ(customer.unknown_fields.value().at("x"), 1);
}

TEST(JsonModel, ModifyingANullJsonOwnsItsValue) {
  yuno::Json a;
  yuno::Json b;
  a.value()["k"] = 1;
  EXPECT_FALSE(a.is_null());
  EXPECT_TRUE(b.is_null());
  EXPECT_TRUE(b.value().is_null());
}

TEST(JsonModel, ParseReadsJsonAndRejectsInvalidText) {
  const yuno::Json parsed = yuno::Json::parse(R"({"a": [1, 2.5, "x"], "b": null})");
  EXPECT_EQ(parsed.value(), (json{{"a", {1, 2.5, "x"}}, {"b", nullptr}}));
  EXPECT_EQ(yuno::Json::parse("{}").dump(), "{}");
  EXPECT_TRUE(yuno::Json::parse("{}").empty());
  EXPECT_FALSE(yuno::Json::parse("{}").is_null());
  EXPECT_TRUE(yuno::Json::parse("null").is_null());

  for (const char* text : {"", "{", "{\"a\":}", "[1,]", "nul", "{'a': 1}", "1 2", "{\"a\":1}}"}) {
    SCOPED_TRACE(text);
    EXPECT_THROW(yuno::Json::parse(text), yuno::InvalidArgumentError);
  }
}

TEST(JsonModel, EqualityComparesValues) {
  EXPECT_EQ(yuno::Json::parse(R"({"a":1,"b":[true]})"), yuno::Json(json{{"b", {true}}, {"a", 1}}));
  EXPECT_NE(yuno::Json::parse(R"({"a":1})"), yuno::Json::parse(R"({"a":2})"));
  EXPECT_NE(yuno::Json::parse("{}"), yuno::Json());
  EXPECT_NE(yuno::Json::parse("0"), yuno::Json());
  EXPECT_EQ(yuno::Json(), yuno::Json());
  EXPECT_TRUE(yuno::Json::parse("[1]") == yuno::Json::parse("[1]"));
  EXPECT_FALSE(yuno::Json::parse("[1]") != yuno::Json::parse("[1]"));
}

TEST(JsonModel, ConvertsToAndFromNlohmann) {
  const json source = {{"nested", {{"k", "v"}}}};
  const auto held = source.get<yuno::Json>();
  EXPECT_EQ(held.value(), source);
  const json back = held;
  EXPECT_EQ(back, source);
  EXPECT_EQ(held.dump(), source.dump());
}

}  // namespace
