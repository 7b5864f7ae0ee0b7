// Inputs the fuzz targets (fuzz/, docs/fuzzing.md) crashed on or found interesting, kept as
// tests: each one must end in its typed error or a well-defined value, never a crash.
//
// The crash: JSON nested a few hundred thousand levels deep. nlohmann's parser is iterative,
// but copying, dumping and the model conversions recurse once per level, so a signed
// webhook, a 2xx body or an error body of "[[[[..." overflowed the stack (found by
// construct_event_fuzzer; ASan: stack-overflow in without_null_members). Every parse of JSON
// the SDK did not write now stops at internal::kMaxJsonDepth levels.
#include <cstdint>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <yuno/models/payment_method.hpp>
#include <yuno/webhooks.hpp>

#include "internal/error_mapping.hpp"
#include "internal/json_limits.hpp"
#include "internal/model_json.hpp"
#include "internal/redact.hpp"
#include "internal/retry_policy.hpp"
#include "unit_test_support.hpp"

namespace {

using yuno::test::MockClient;

// Deep enough to overflow an 8 MB stack in any of the recursive paths (the fuzzer's crash
// was at about 30,000 levels under ASan); 400 KB of text.
constexpr int kHostileDepth = 200'000;

std::string nested_arrays(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') +
         std::string(static_cast<std::size_t>(depth), ']');
}

// A payment event whose data nests `depth` more levels.
std::string event_with_data_depth(int depth) {
  return R"({"type":"payment","type_event":"payment.purchase","data":{"deep":)" +
         nested_arrays(depth) + "}}";
}

constexpr const char* kSecret = "whsec_regression_0123456789";

TEST(FuzzRegressions, SignedWebhookNestedTooDeepIsATypedError) {
  const std::string body = event_with_data_depth(kHostileDepth);
  const std::string signature = yuno::webhooks::sign(body, kSecret);
  try {
    (void)yuno::webhooks::construct_event(body, signature, kSecret);
    FAIL() << "a 200,000-level body was accepted";
  } catch (const yuno::InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("deeper than"), std::string::npos) << e.what();
  }
}

TEST(FuzzRegressions, NestingUpToTheLimitStillParses) {
  // The event object and `data` are two levels: the deepest array is at the limit exactly.
  const int depth = yuno::internal::kMaxJsonDepth - 2;
  const std::string body = event_with_data_depth(depth);
  const auto event =
      yuno::webhooks::construct_event(body, yuno::webhooks::sign(body, kSecret), kSecret);
  EXPECT_EQ(event.type_event, "payment.purchase");
  EXPECT_TRUE(event.section("deep").has_value());

  const std::string one_more = event_with_data_depth(depth + 1);
  EXPECT_THROW((void)yuno::webhooks::construct_event(
                   one_more, yuno::webhooks::sign(one_more, kSecret), kSecret),
               yuno::InvalidArgumentError);
}

TEST(FuzzRegressions, BracketsInsideStringsDoNotCountAsNesting) {
  const std::string brackets(5000, '[');
  const std::string body = R"({"type":"payment","type_event":"payment.purchase","data":{"note":")" +
                           brackets + R"(\"[{"}})";
  const auto event = yuno::webhooks::construct_event(body, yuno::webhooks::sign(body, kSecret),
                                                     kSecret);
  ASSERT_TRUE(event.section("note").has_value());
  EXPECT_EQ(event.section("note")->dump(), "\"" + brackets + "\\\"[{\"");
}

TEST(FuzzRegressions, DeepSuccessBodyIsAResponseParseError) {
  MockClient mock;
  auto client = mock.make();
  const std::string body = R"({"id":"pay-1","metadata":)" + nested_arrays(kHostileDepth) + "}";
  for (int i = 0; i < 8; ++i) mock.transport->enqueue_json(200, body);  // in case it is retried
  try {
    (void)client.payments().retrieve("pay-1");
    FAIL() << "a 200,000-level body was read as a payment";
  } catch (const yuno::ResponseParseError& e) {
    EXPECT_NE(std::string(e.what()).find("deeper than"), std::string::npos) << e.what();
    EXPECT_EQ(e.raw_body(), body);
  }
}

TEST(FuzzRegressions, DeepErrorBodyKeepsItsStatusAndRawBody) {
  MockClient mock;
  auto client = mock.make();
  const std::string body = R"({"code":"NOT_FOUND","messages":[)" + nested_arrays(kHostileDepth) + "]}";
  mock.transport->enqueue_json(404, body);
  try {
    (void)client.payments().retrieve("pay-1");
    FAIL() << "a 404 did not throw";
  } catch (const yuno::NotFoundError& e) {
    EXPECT_EQ(e.status_code(), 404);
    EXPECT_EQ(e.raw_body(), body);
    EXPECT_EQ(e.code(), "");  // not read: the body is not JSON the SDK accepts
  }
  EXPECT_FALSE(yuno::internal::parse_error_body(body).has_value());
}

TEST(FuzzRegressions, LogScrubberFallsBackToTextForDeepBodies) {
  // The scrubber recursed over the parsed body; deep bodies are now scrubbed as text.
  const std::string body =
      R"({"number":"4507990000000002","x":)" + nested_arrays(kHostileDepth) + "}";
  const std::string scrubbed = yuno::internal::redact_body(body);
  EXPECT_EQ(scrubbed.find("4507990000000002"), std::string::npos);
  EXPECT_EQ(yuno::internal::redact_body(R"({"a":[[["4507990000000002"]]]})")
                .find("4507990000000002"),
            std::string::npos);
}

TEST(FuzzRegressions, JsonParseRejectsDeepTextWithATypedError) {
  EXPECT_THROW((void)yuno::Json::parse(nested_arrays(kHostileDepth)), yuno::InvalidArgumentError);
  EXPECT_EQ(yuno::Json::parse(nested_arrays(10)).dump(), nested_arrays(10));
}

// The other inputs the targets kept coming back to: each has one defined outcome.
TEST(FuzzRegressions, HostileSuccessBodiesAreResponseParseErrors) {
  const std::string bodies[] = {
      std::string("{\"id\":\"\xff\xfe\"}"),                   // invalid UTF-8
      std::string("{\"id\":\"pay-1\"}") + '\0' + "trailing",       // a NUL byte after the JSON
      R"({"id":"pay-1","amount":{"value":1e400,"currency":"USD"}})",  // overflows a double
      R"({"id":"pay-1","amount":{"value":0.00001,"currency":"USD"}})",  // past 4 decimals
      R"({"id":"pay-1","amount":{"value":92233720368547758.08,"currency":"USD"}})",
      R"({"id":["not","a","string"]})",
      R"([{"id":"pay-1"}])",                                    // an array where an object belongs
      "",
  };
  for (const std::string& body : bodies) {
    MockClient mock;
    auto client = mock.make();
    for (int i = 0; i < 8; ++i) mock.transport->enqueue_json(200, body);
    EXPECT_THROW((void)client.payments().retrieve("pay-1"), yuno::ResponseParseError) << body;
  }
}

TEST(FuzzRegressions, DuplicateKeysReadTheLastValue) {
  // nlohmann keeps the last of duplicate keys; the model reads what the JSON value holds.
  MockClient mock;
  auto client = mock.make();
  mock.transport->enqueue_json(200, R"({"id":"first","id":"second","status":"SUCCEEDED"})");
  EXPECT_EQ(client.payments().retrieve("pay-1").id, "second");
}

TEST(FuzzRegressions, EscapedNulInsideAStringIsKept) {
  MockClient mock;
  auto client = mock.make();
  mock.transport->enqueue_json(200, R"({"id":"a\u0000b","status":"SUCCEEDED"})");
  EXPECT_EQ(client.payments().retrieve("pay-1").id, std::string("a\0b", 3));
}

// decimal_fuzzer: a JSON number with 19 significant digits went through a double and came
// back as a different amount, silently (922332687305477.5807 read as 922332687305477.6).
TEST(FuzzRegressions, JsonNumbersADoubleCannotHoldExactlyAreRefused) {
  auto read = [](const std::string& text) {
    return nlohmann::json::parse(text).get<yuno::Decimal>();
  };
  EXPECT_THROW(read("922332687305477.5807"), yuno::InvalidArgumentError);
  EXPECT_THROW(read("922337203685477.0001"), yuno::InvalidArgumentError);  // a whole double
  EXPECT_THROW(read("100000000000.5"), yuno::InvalidArgumentError);
  EXPECT_THROW(read("-1.5e11"), yuno::InvalidArgumentError);
  // Below 10^11 every 4-decimal amount is exact; integers and strings are exact at any size.
  EXPECT_EQ(read("99999999999.9999"), yuno::Decimal::parse("99999999999.9999"));
  EXPECT_EQ(read("922337203685477"), yuno::Decimal::parse("922337203685477"));
  EXPECT_EQ(read("\"922332687305477.5807\""), yuno::Decimal::parse("922332687305477.5807"));
}

}  // namespace

// error_body_fuzzer: Yuno's error code "450795555555555555555" (21 digits, not card-shaped)
// went through the log scrubber, which parsed it as a JSON number and printed it back as
// "4.5079555555555554e+20": the code was rewritten, and its 16-digit mantissa is card-shaped.
TEST(FuzzRegressions, ScrubberLeavesTextThatParsesAsAScalarAlone) {
  using yuno::internal::redact_body;
  EXPECT_EQ(redact_body("450795555555555555555"), "450795555555555555555");
  EXPECT_EQ(redact_body("12.50"), "12.50");
  EXPECT_EQ(redact_body("true"), "true");
  EXPECT_EQ(redact_body("\"quoted\""), "\"quoted\"");
  EXPECT_EQ(redact_body("4507990000000002"), "****0002");  // still masked as text

  const std::string body = R"({"code":"450795555555555555555","messages":[]})";
  yuno::HttpResponse response;
  response.status_code = 400;
  response.body = body;
  try {
    yuno::internal::throw_api_error(response, yuno::RequestContext{},
                                    [](std::string_view text) { return redact_body(text); });
    FAIL() << "no exception";
  } catch (const yuno::ApiError& e) {
    EXPECT_EQ(e.code(), "450795555555555555555");
  }
}

TEST(FuzzRegressions, ScrubberMasksCardShapedRunsInPrintedFloats) {
  // 450795555555555555555 as a JSON number is a double; printed back it shows 17 digits.
  const std::string scrubbed =
      yuno::internal::redact_body(R"({"amount":450795555555555555555})");
  EXPECT_EQ(scrubbed.find("5079555555555554"), std::string::npos) << scrubbed;
  EXPECT_NE(scrubbed.find("****"), std::string::npos) << scrubbed;
}

// construct_event_fuzzer (found in CI): a signed event with "retry":1e30. nlohmann converts a
// JSON number to an int with a plain cast: undefined behaviour for 1e30 (UBSan), and a silent
// wrap for 4294967297. Integer fields are now read checked, in every model.
TEST(FuzzRegressions, IntegerFieldsOutOfRangeAreTypedErrors) {
  for (const char* retry : {"1e30", "-1e30", "4294967297", "2147483648", "1.5", "\"3\""}) {
    const std::string body =
        std::string(R"({"type":"payment","type_event":"payment.purchase","retry":)") + retry +
        R"(,"data":{}})";
    EXPECT_THROW(yuno::webhooks::construct_event(body, yuno::webhooks::sign(body, kSecret),
                                                 kSecret),
                 yuno::InvalidArgumentError)
        << retry;
  }
  const std::string whole_float = R"({"type":"payment","type_event":"p","retry":2.0})";
  EXPECT_EQ(yuno::webhooks::construct_event(whole_float,
                                            yuno::webhooks::sign(whole_float, kSecret), kSecret)
                .retry,
            2);
  EXPECT_THROW(nlohmann::json::parse(R"({"expiration_month":4294967308})").get<yuno::CardData>(),
               std::exception);
  EXPECT_EQ(nlohmann::json::parse(R"({"expiration_month":12})").get<yuno::CardData>()
                .expiration_month,
            12);
}

TEST(FuzzRegressions, CheckedIntegerReadsAtTheEdges) {
  using yuno::internal::read_integer;
  const auto json = [](const char* text) { return nlohmann::json::parse(text); };
  EXPECT_EQ(read_integer<int>(json("2147483647")), 2147483647);
  EXPECT_EQ(read_integer<int>(json("-2147483648")), -2147483647 - 1);
  EXPECT_EQ(read_integer<int>(json("-2147483648.0")), -2147483647 - 1);
  EXPECT_THROW(read_integer<int>(json("2147483648.0")), yuno::internal::ModelError);
  EXPECT_THROW(read_integer<int>(json("-2147483649")), yuno::internal::ModelError);
  EXPECT_EQ(read_integer<std::int64_t>(json("9223372036854775807")), INT64_MAX);
  EXPECT_THROW(read_integer<std::int64_t>(json("9223372036854775808")),
               yuno::internal::ModelError);
  EXPECT_THROW(read_integer<std::int64_t>(json("9.3e18")), yuno::internal::ModelError);
  EXPECT_THROW(read_integer<std::uint16_t>(json("-1")), yuno::internal::ModelError);
  EXPECT_THROW(read_integer<std::uint16_t>(json("65536")), yuno::internal::ModelError);
  EXPECT_EQ(read_integer<std::uint16_t>(json("65535")), 65535);
  EXPECT_THROW(read_integer<int>(json("true")), yuno::internal::ModelError);
  EXPECT_THROW(read_integer<int>(json("null")), yuno::internal::ModelError);
}
