// The response path's JSON tape (src/internal/json_tape.*, model_tape.hpp): it must parse
// exactly what nlohmann::json::parse does, refuse what parse_json_bounded refuses, and read
// every model with a tape reader exactly as the DOM path (from_json) does: same values,
// same unknown fields, same error messages. The last is checked on every response example
// of Yuno's documents and on thousands of variants of them (each member in turn made null,
// of another type, or repeated).
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yuno/models/customer_payer.hpp>
#include <yuno/models/payment.hpp>
#include <yuno/models/payment_method.hpp>

#include "internal/json_limits.hpp"
#include "internal/json_tape.hpp"
#include "internal/model_tape.hpp"
#include "spec_contract.hpp"

namespace {

using nlohmann::json;
using yuno::internal::JsonRefusal;
using yuno::internal::JsonTape;

// ---- parsing -----------------------------------------------------------------------------

const std::vector<std::string>& valid_texts() {
  static const std::vector<std::string> texts = {
      "{}",
      "[]",
      "null",
      "true",
      "-0",
      "\"\"",
      "3.25",
      "-9223372036854775808",
      "18446744073709551615",
      R"({"a":1,"b":[1,2,{"c":null}],"d":{"e":"f"}})",
      R"({"a":1,"a":2})",
      R"({"a":{"x":1},"a":null})",
      R"(["\u00e9\ud83d\ude00", "tab\there", "\"quoted\"", "slash\/"])",
      R"({"":{"":[[],{}]}})",
      " \n\t{ \"spaced\" : [ 1 , 2 ] } \r\n",
      R"({"id":"p","amount":{"value":"10.50","currency":"USD"},"items":[{"n":1},{"n":2}]})",
  };
  return texts;
}

TEST(JsonTape, ParsesExactlyAsNlohmann) {
  for (const std::string& text : valid_texts()) {
    SCOPED_TRACE(text);
    JsonTape tape;
    JsonRefusal refusal = JsonRefusal::kNotJson;
    ASSERT_TRUE(tape.parse(text, &refusal));
    EXPECT_EQ(refusal, JsonRefusal::kNone);
    EXPECT_EQ(tape.root().to_json(), json::parse(text));
  }
}

TEST(JsonTape, CountsMembersAndElementsAndSkipsOverValues) {
  JsonTape tape;
  ASSERT_TRUE(tape.parse(R"({"a":[1,[2,3],{"b":4}],"c":"d","e":{}})"));
  const auto root = tape.root();
  ASSERT_TRUE(root.is_object());
  EXPECT_EQ(root.size(), 3U);
  std::vector<std::string> keys;
  root.for_each_member([&](std::string_view key, const yuno::internal::TapeNode& value) {
    keys.emplace_back(key);
    if (key == "a") { EXPECT_EQ(value.size(), 3U); }
    if (key == "c") { EXPECT_EQ(value.string(), "d"); }
    if (key == "e") { EXPECT_EQ(value.size(), 0U); }
  });
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "c", "e"}));
  EXPECT_EQ(root.at("c").string(), "d");
  EXPECT_FALSE(root.find("missing").has_value());
  EXPECT_THROW(root.at("missing"), std::out_of_range);
}

TEST(JsonTape, RefusesWhatTheBoundedDomParserRefuses) {
  const std::string deep_ok = std::string(yuno::internal::kMaxJsonDepth, '[') +
                              std::string(yuno::internal::kMaxJsonDepth, ']');
  const std::string too_deep = "[" + deep_ok + "]";
  const std::vector<std::string> texts = {
      "",           "{",       "{\"a\":}",  "[1,]",     "{} {}",     "nul",
      "\"\\x\"",    "01",      "1e400",      "{'a':1}",   "[1] x",    too_deep,    deep_ok,
      std::string("{\"a\":1}\0{", 9),       std::string("\"a\0b\"", 5),
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text.substr(0, 40));
    JsonRefusal dom_refusal = JsonRefusal::kNone;
    const json dom = yuno::internal::parse_json_bounded(text, &dom_refusal);
    JsonTape tape;
    JsonRefusal tape_refusal = JsonRefusal::kNone;
    const bool parsed = tape.parse(text, &tape_refusal);
    EXPECT_EQ(tape_refusal, dom_refusal);
    EXPECT_EQ(parsed, dom_refusal == JsonRefusal::kNone);
    if (parsed) { EXPECT_EQ(tape.root().to_json(), dom); }
  }
}

TEST(JsonTape, ReusesItsBuffersAcrossParses) {
  JsonTape tape;
  ASSERT_TRUE(tape.parse(R"({"first":"value"})"));
  ASSERT_FALSE(tape.parse("{"));
  ASSERT_TRUE(tape.parse(R"(["second"])"));
  EXPECT_EQ(tape.root().to_json(), json::parse(R"(["second"])"));
}

// ---- models: the tape path reads as the DOM path ------------------------------------------

// What a read gives: the model written back as JSON, or the error's message.
struct Outcome {
  bool ok = false;
  std::string text;
};

template <typename Model>
Outcome read_through_dom(const std::string& text) {
  try {
    const json written = json::parse(text).get<Model>();
    return {true, written.dump()};
  } catch (const std::exception& e) {
    return {false, e.what()};
  }
}

template <typename Model>
Outcome read_through_tape(const std::string& text) {
  JsonTape tape;
  if (!tape.parse(text)) return {false, "not JSON"};
  try {
    const json written = tape.root().get<Model>();
    return {true, written.dump()};
  } catch (const std::exception& e) {
    return {false, e.what()};
  }
}

// On a mismatch only error messages are printed (they name fields and types, never values);
// the written JSON could hold an example's card data.
template <typename Model>
::testing::AssertionResult reads_alike(const std::string& text) {
  const Outcome dom = read_through_dom<Model>(text);
  const Outcome tape = read_through_tape<Model>(text);
  if (dom.ok != tape.ok) {
    return ::testing::AssertionFailure()
           << (dom.ok ? "only the DOM path read it; tape: " + tape.text
                      : "only the tape path read it; DOM: " + dom.text);
  }
  if (dom.text != tape.text) {
    return ::testing::AssertionFailure()
           << (dom.ok ? std::string("the two paths read different values")
                      : "different errors:\n  DOM:  " + dom.text + "\n  tape: " + tape.text);
  }
  return ::testing::AssertionSuccess();
}

TEST(JsonTapeModels, ReadLikeTheDomPathOnHandPickedShapes) {
  const std::vector<std::string> payments = {
      R"({"id":"p1","status":"SUCCEEDED","amount":{"value":10.5,"currency":"USD"}})",
      R"({"id":"p1","amount":{"value":"10.50","currency":"USD","captured":1}})",
      R"({"id":"p1","transactions":{"id":"t1","amount":12}})",
      R"({"id":"p1","transactions":[{"id":"t1","amount":{"value":1,"currency":"BRL"}}]})",
      R"({"id":"p1","transactions":"nope"})",
      R"({"id":"p1","id":"p2","status":null,"extra":{"x":null,"y":[null,1]},"zz":null})",
      R"({"id":"p1","extra":1,"extra":null})",
      R"({"id":"p1","metadata":[{"key":"k","value":"v"}],"workflow":"DIRECT"})",
      R"({"id":"p1","amount":{"value":"1.23456"}})",
      R"({"id":"p1","amount":{"value":1e12}})",
      R"({"id":"p1","amount":{"value":true}})",
      R"({"id":"p1","amount":{"currency":"USD"}})",
      R"({"id":"p1","checkout":{"sdk_action_required":"yes"}})",
      R"({"id":"p1","additional_data":{"order":{"items":[{"quantity":2.0},{"quantity":1.5}]}}})",
      R"({"id":"p1","additional_data":{"order":{"items":[{"quantity":4294967297}]}}})",
      R"({"id":"p1","additional_data":{"order":{"items":{"quantity":1}}}})",
      R"({"id":"p1","payment_method":{"payment_method_detail":{"card":{"installments":3}}}})",
      R"({"id":"p1","customer_payer":{"document":{"document_number":5},"phone":null}})",
      R"({"id":7})",
      R"({"status":"PENDING"})",
      R"([{"id":"p1"}])",
      R"("p1")",
      R"({"id":"p1","amount":{"value":1,"currency_conversion":{"rate":true,"created_at":1}}})",
  };
  for (const std::string& text : payments) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(reads_alike<yuno::Payment>(text));
  }
  EXPECT_TRUE(reads_alike<yuno::Transaction>(R"({"id":"t","payment":{"id":"p"}})"));
  EXPECT_TRUE(reads_alike<yuno::Transaction>(R"({"id":"t","payment":{"status":"X"}})"));
  EXPECT_TRUE(reads_alike<yuno::CustomerPayer>(R"({"id":"c","billing_address":{"city":1}})"));
}

// Every value of `example` in turn replaced by each of `replacements`, and every object
// member repeated with a replacement after it: the variants as JSON texts.
std::vector<std::string> variants_of(const json& example) {
  static const std::vector<json> replacements = {nullptr, true, 2.5, "12.34", json::object(),
                                                 json::array({1, "a", nullptr})};
  std::vector<std::string> out;
  json copy = example;
  // Walks `node` (inside `copy`), calling `vary` for each value; `vary` mutates it in place
  // and restores it.
  std::function<void(json&)> walk = [&](json& node) {
    if (node.is_object()) {
      for (auto it = node.begin(); it != node.end(); ++it) {
        json saved = it.value();
        for (const json& replacement : replacements) {
          it.value() = replacement;
          out.push_back(copy.dump());
        }
        it.value() = saved;
        walk(it.value());
      }
      // Repeated keys (a known one: null, then 7; an unknown one: an object, then null,
      // which leaves no unknown field): the text is edited, as a json object cannot
      // hold one. The object is swapped for a marker string, whose quoted text is replaced.
      if (!node.empty()) {
        const std::string text = node.dump();
        const std::string key = json(node.begin().key()).dump();
        const std::string repeated = text.substr(0, text.size() - 1) + "," + key + ":null," +
                                     key + R"(:7,"zz":{"a":1},"zz":null})";
        json saved = std::move(node);
        node = "\x01repeated-key-marker";
        const std::string outer = copy.dump();
        node = std::move(saved);
        const std::string marker = json("\x01repeated-key-marker").dump();
        const std::size_t at = outer.find(marker);
        if (at != std::string::npos) {
          out.push_back(outer.substr(0, at) + repeated + outer.substr(at + marker.size()));
        }
      }
    } else if (node.is_array()) {
      for (json& element : node) walk(element);
    }
  };
  walk(copy);
  return out;
}

TEST(JsonTapeModels, ReadLikeTheDomPathOnEveryDocumentedPaymentAndItsVariants) {
  const auto loaded = yuno::test::load_spec_examples("payments");
  int payments = 0;
  int variants = 0;
  int index = 0;
  for (const auto& example : loaded.examples) {
    if (example.is_request || example.value.is_array()) continue;
    // Variants of every 15th payment: their fields overlap much, and each payment gives
    // about 1,000 variants (all of them: 45 s in a debug build, several minutes under ASan;
    // the parse_response fuzz target compares the two paths on every input it makes).
    const bool vary = index++ % 15 == 0;
    // The payment itself, or a transaction carrying one; wrapped ones unwrapped.
    const json& value = example.value.contains("payment") && !example.value.contains("id")
                            ? example.value.at("payment")
                            : example.value;
    if (!value.is_object() || !value.contains("id")) continue;
    SCOPED_TRACE(example.where());
    ++payments;
    EXPECT_TRUE(reads_alike<yuno::Payment>(value.dump()));
    EXPECT_TRUE(reads_alike<yuno::Transaction>(value.dump()));
    if (!vary) continue;
    for (const std::string& variant : variants_of(value)) {
      ++variants;
      ASSERT_TRUE(reads_alike<yuno::Payment>(variant)) << "variant " << variants;
    }
  }
  // The payments documents hold dozens of response examples; a loader that found none
  // would make this test pass vacuously.
  EXPECT_GE(payments, 20);
  EXPECT_GE(variants, 5000);
  std::cout << "[tape] " << payments << " documented payments, " << variants
            << " variants read alike\n";
}

TEST(JsonTapeModels, ReadLikeTheDomPathOnEveryDocumentedPaymentMethod) {
  int checked = 0;
  for (const char* area : {"payment-methods-direct-workflow", "customer-sessions-enrollment"}) {
    for (const auto& example : yuno::test::load_spec_examples(area).examples) {
      if (example.is_request) continue;
      SCOPED_TRACE(example.where());
      std::vector<json> methods;
      if (example.value.is_array()) {
        methods = example.value.get<std::vector<json>>();
      } else if (example.value.is_object() && example.value.contains("payment_methods")) {
        methods = example.value.at("payment_methods").get<std::vector<json>>();
      } else {
        methods.push_back(example.value);
      }
      for (const json& method : methods) {
        ++checked;
        EXPECT_TRUE(reads_alike<yuno::PaymentMethod>(method.dump()));
        for (const std::string& variant : variants_of(method)) {
          ASSERT_TRUE(reads_alike<yuno::PaymentMethod>(variant));
        }
      }
    }
  }
  EXPECT_GE(checked, 5);
}

}  // namespace
