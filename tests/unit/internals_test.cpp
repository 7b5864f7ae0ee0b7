// Internal helpers: idempotency-key UUIDs, log redaction, URL encoding, HTTP string checks,
// the block cache behind async results.
#include <cstring>
#include <future>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yuno/errors.hpp>

#include "internal/block_cache.hpp"
#include "internal/redact.hpp"
#include "internal/strings.hpp"
#include "internal/url.hpp"
#include "internal/uuid.hpp"

namespace {

using nlohmann::json;
using yuno::internal::build_query;
using yuno::internal::encode_path_segment;
using yuno::internal::encode_query_component;
using yuno::internal::expand_path;
using yuno::internal::make_uuid_v4;
using yuno::internal::redact_body;

// --- UUIDs ------------------------------------------------------------------------------

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

TEST(InternalUuid, IsAVersion4UuidInCanonicalForm) {
  for (int i = 0; i < 200; ++i) {
    const std::string uuid = make_uuid_v4();
    SCOPED_TRACE(uuid);
    ASSERT_EQ(uuid.size(), 36U);
    for (std::size_t at = 0; at < uuid.size(); ++at) {
      if (at == 8 || at == 13 || at == 18 || at == 23) {
        EXPECT_EQ(uuid[at], '-') << "at " << at;
      } else {
        EXPECT_TRUE(is_lower_hex(uuid[at])) << "at " << at;
      }
    }
    EXPECT_EQ(uuid[14], '4');
    EXPECT_NE(std::string("89ab").find(uuid[19]), std::string::npos);
  }
}

TEST(InternalUuid, ValuesAreDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(make_uuid_v4());
  EXPECT_EQ(seen.size(), 1000U);
}

TEST(InternalUuid, RandomBitsVary) {
  // Every non-fixed hex position takes more than one value over many UUIDs: guards
  // against a generator that leaves some bytes constant.
  std::vector<std::set<char>> values(36);
  for (int i = 0; i < 500; ++i) {
    const std::string uuid = make_uuid_v4();
    for (std::size_t at = 0; at < uuid.size(); ++at) values[at].insert(uuid[at]);
  }
  for (std::size_t at = 0; at < 36; ++at) {
    if (at == 8 || at == 13 || at == 18 || at == 23 || at == 14) continue;
    EXPECT_GT(values[at].size(), 1U) << "position " << at;
  }
  EXPECT_EQ(values[19].size(), 4U);  // 8, 9, a, b all occur
}

// --- redaction --------------------------------------------------------------------------

constexpr const char* kVisa = "4507990000000002";
constexpr const char* kVisaSpaced = "4507 9900 0000 0002";
constexpr const char* kMastercard = "5252440000000002";
constexpr const char* kAmex = "370000000000002";

// The digits of `text`.
std::string digits_of(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

// True when the masked form keeps exactly the last 4 digits of `card` and no others.
bool keeps_only_last4(const std::string& masked, const std::string& card) {
  const std::string card_digits = digits_of(card);
  return digits_of(masked) == card_digits.substr(card_digits.size() - 4);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(InternalRedact, CardNumbersInStringsKeepOnlyTheLast4Digits) {
  for (const char* card : {kVisa, kVisaSpaced, kMastercard, kAmex, "4507-9900-0000-0002"}) {
    SCOPED_TRACE(std::string("card ending ") + digits_of(card).substr(digits_of(card).size() - 4));
    const json body = {{"pan", card}, {"note", std::string("paid with ") + card}};
    const std::string out = redact_body(body.dump());
    EXPECT_FALSE(contains(digits_of(out), digits_of(card)));
    const json parsed = json::parse(out);
    ASSERT_TRUE(parsed.at("pan").is_string());
    EXPECT_TRUE(keeps_only_last4(parsed.at("pan").get<std::string>(), card));
    const std::string note = parsed.at("note").get<std::string>();
    EXPECT_EQ(note.rfind("paid with ", 0), 0U);
    EXPECT_TRUE(keeps_only_last4(note, card));
  }
}

TEST(InternalRedact, CardNumbersAsJsonNumbersAreMasked) {
  const std::string out = redact_body(R"({"pan": 4507990000000002, "items": [5252440000000002]})");
  EXPECT_FALSE(contains(out, kVisa));
  EXPECT_FALSE(contains(out, kMastercard));
  const json parsed = json::parse(out);
  EXPECT_TRUE(keeps_only_last4(parsed.at("pan").dump(), kVisa));
  EXPECT_TRUE(keeps_only_last4(parsed.at("items").at(0).dump(), kMastercard));
}

TEST(InternalRedact, CardNumberFieldsInAPaymentAreMasked) {
  const json body = json::parse(R"({
    "amount": {"currency": "BRL", "value": 150.75},
    "payment_method": {"type": "CARD", "detail": {"card": {
      "number": "4507990000000002", "expiration_month": 11, "expiration_year": 28,
      "security_code": "123", "holder_name": "JOHN DOE"}}}})");
  const std::string out = redact_body(body.dump());
  EXPECT_FALSE(contains(digits_of(out), kVisa));
  const json card = json::parse(out).at(json::json_pointer("/payment_method/detail/card"));
  EXPECT_NE(card.at("number"), body.at(json::json_pointer("/payment_method/detail/card/number")));
  EXPECT_FALSE(contains(card.at("number").dump(), "4507"));
  EXPECT_NE(card.at("security_code"), "123");
  EXPECT_FALSE(contains(card.at("security_code").dump(), "123"));
  EXPECT_EQ(card.at("holder_name"), "JOHN DOE");
  EXPECT_EQ(card.at("expiration_month"), 11);
  EXPECT_EQ(json::parse(out).at("amount"), body.at("amount"));
}

TEST(InternalRedact, SensitiveFieldsAreMaskedWhateverTheyLookLike) {
  const std::vector<std::pair<std::string, json>> cases = {
      {"cvv", "123"},
      {"cvv", 123},
      {"cvv", "1234"},
      {"security_code", "999"},
      {"security_code", 4321},
      {"private_secret_key", "sk_UNITTEST_SECRET_do_not_leak_42"},
      {"secret", "hunter2-correct-horse"},
      {"secret", 31337},
      {"secret", true},
  };
  for (const auto& [key, value] : cases) {
    SCOPED_TRACE(key + " as " + value.type_name());
    const json body = {{"outer", {{key, value}, {"id", "c-1"}}}};
    const json out = json::parse(redact_body(body.dump()));
    const json& masked = out.at("outer").at(key);
    EXPECT_TRUE(masked != value) << "value left as is";
    const std::string original_text = value.is_string() ? value.get<std::string>() : value.dump();
    EXPECT_FALSE(contains(masked.dump(), original_text)) << "original still visible";
    EXPECT_EQ(out.at("outer").at("id"), "c-1");
  }
}

TEST(InternalRedact, SensitiveFieldsHoldingArraysOrObjectsAreMasked) {
  // A secret is a secret whatever its JSON shape: an array or object under a sensitive
  // name must not come out with its contents readable.
  // Named constants, so a failure message shows the names, not the values.
  const std::string secret_word = "hunter2-correct-horse";
  const std::string secret_key = "sk-live-abcdef";
  const std::string cvv = "987";
  const json body = {{"secret", json::array({secret_word})},
                     {"private_secret_key", {{"value", secret_key}}},
                     {"cvv", json::array({cvv})}};
  const std::string out = redact_body(body.dump());
  EXPECT_FALSE(contains(out, secret_word));
  EXPECT_FALSE(contains(out, secret_key));
  EXPECT_FALSE(contains(out, cvv));
}

TEST(InternalRedact, OtherFieldsAreUnchanged) {
  const json body = json::parse(R"({
    "id": "c-1", "amount": {"value": 150.75, "currency": "BRL", "captured": 0},
    "merchant_order_id": "order-123456", "count": 12, "year": 2028, "ok": true, "none": null,
    "phone_digits": "5551234567", "created_at": "2025-04-24T18:54:54.351969Z",
    "list": [1, "two", {"three": 3.5}]})");
  const std::string out = redact_body(body.dump());
  EXPECT_EQ(json::parse(out), body);
}

TEST(InternalRedact, NonJsonTextHasCardNumbersMasked) {
  const std::string text = std::string("card=") + kVisa + "&holder=JOHN&spaced=" + kVisaSpaced;
  const std::string out = redact_body(text);
  EXPECT_FALSE(contains(out, kVisa));
  EXPECT_FALSE(contains(out, kVisaSpaced));
  EXPECT_TRUE(contains(out, "holder=JOHN"));
  EXPECT_EQ(out.rfind("card=", 0), 0U);
  // Each card keeps its last 4 digits only: two cards ending 0002.
  EXPECT_EQ(digits_of(out), "00020002");

  const std::string truncated = std::string(R"({"number": ")") + kAmex;
  const std::string truncated_out = redact_body(truncated);
  EXPECT_FALSE(contains(truncated_out, kAmex));
  EXPECT_EQ(digits_of(truncated_out), "0002");

  EXPECT_EQ(redact_body("plain text, id 12345"), "plain text, id 12345");
}

// --- URL encoding -------------------------------------------------------------------------

TEST(InternalUrl, PathSegmentsCannotEscapeTheirPlace) {
  EXPECT_EQ(encode_path_segment("../x"), "%2E%2E%2Fx");
  EXPECT_EQ(encode_path_segment(".."), "%2E%2E");
  EXPECT_EQ(encode_path_segment("a/b"), "a%2Fb");
  EXPECT_EQ(encode_path_segment("a?b#c"), "a%3Fb%23c");
  EXPECT_EQ(encode_path_segment("a b%c"), "a%20b%25c");
  EXPECT_EQ(encode_path_segment("a\\b"), "a%5Cb");
  EXPECT_EQ(encode_path_segment("a\r\nb"), "a%0D%0Ab");
  EXPECT_EQ(encode_path_segment("AZaz09-_~"), "AZaz09-_~");
  EXPECT_EQ(encode_path_segment("bf64527c-5531-4ece-bf2c-51a8e775d8e1"),
            "bf64527c-5531-4ece-bf2c-51a8e775d8e1");
}

TEST(InternalUrl, Utf8BytesArePercentEncoded) {
  EXPECT_EQ(encode_path_segment("Bogot\xC3\xA1"), "Bogot%C3%A1");
  EXPECT_EQ(encode_path_segment("\xE2\x82\xAC"), "%E2%82%AC");
  EXPECT_EQ(encode_query_component("\xC3\xB1"), "%C3%B1");
  EXPECT_EQ(encode_path_segment(std::string("a\0b", 3)), "a%00b");
}

TEST(InternalUrl, ExpandPathEncodesEachParameter) {
  EXPECT_EQ(expand_path("/v1/customers/{customer_id}", {"c-1"}), "/v1/customers/c-1");
  EXPECT_EQ(expand_path("/v1/customers/{customer_id}", {"a b"}), "/v1/customers/a%20b");
  EXPECT_EQ(expand_path("/v1/payments/{payment_id}/transactions/{transaction_id}/refund",
                        {"p:1", "t=2"}),
            "/v1/payments/p%3A1/transactions/t%3D2/refund");
  EXPECT_THROW(expand_path("/v1/customers/{customer_id}", {"../x"}), yuno::InvalidArgumentError);
  EXPECT_EQ(expand_path("/v1/customers", {}), "/v1/customers");
}

TEST(InternalUrl, EmptyPathParameterThrows) {
  EXPECT_THROW(expand_path("/v1/customers/{customer_id}", {""}), yuno::InvalidArgumentError);
  try {
    (void)expand_path("/v1/customers/{customer_id}", {""});
  } catch (const yuno::InvalidArgumentError& e) {
    EXPECT_TRUE(contains(e.what(), "customer_id")) << e.what();
  }
  EXPECT_THROW(expand_path("/v1/payments/{payment_id}/transactions/{transaction_id}", {"p-1", ""}),
               yuno::InvalidArgumentError);
}

TEST(InternalUrl, ParameterCountMismatchThrows) {
  EXPECT_THROW(expand_path("/v1/customers/{customer_id}", {}), yuno::InvalidArgumentError);
  EXPECT_THROW(expand_path("/v1/customers/{customer_id}", {"a", "b"}), yuno::InvalidArgumentError);
}

TEST(InternalUrl, QueryValuesAreEncoded) {
  EXPECT_EQ(build_query({{"merchant_customer_id", "a b&c=d"}}),
            "?merchant_customer_id=a%20b%26c%3Dd");
  EXPECT_EQ(build_query({}), "");
  EXPECT_EQ(build_query({{"a", "1"}, {"b", "2"}}), "?a=1&b=2");
  EXPECT_EQ(build_query({{"id", "x.y"}}), "?id=x.y");
  EXPECT_EQ(build_query({{"q", "50%+#frag"}}), "?q=50%25%2B%23frag");
  EXPECT_EQ(build_query({{"a&b", "1"}}), "?a%26b=1");
}

TEST(InternalUrl, LoopbackHosts) {
  using yuno::internal::is_loopback_host;
  EXPECT_TRUE(is_loopback_host("localhost"));
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("127.255.0.9"));
  EXPECT_TRUE(is_loopback_host("::1"));
  EXPECT_FALSE(is_loopback_host("example.com"));
  EXPECT_FALSE(is_loopback_host("128.0.0.1"));
  EXPECT_FALSE(is_loopback_host("localhost.example.com"));
}

TEST(InternalUrl, DnsNamesStartingWith127AreNotLoopback) {
  using yuno::internal::is_loopback_host;
  // A DNS name that merely starts with "127." is not in 127.0.0.0/8.
  EXPECT_FALSE(is_loopback_host("127.attacker.example"));
  EXPECT_FALSE(is_loopback_host("127.0.0.1.attacker.example"));
}

// --- HTTP string checks ---------------------------------------------------------------------

TEST(InternalStrings, HttpTokensAreTheCharactersOfRfc9110) {
  using yuno::internal::is_http_token;
  EXPECT_TRUE(is_http_token("X-Idempotency-Key"));
  EXPECT_TRUE(is_http_token("private_secret_key"));
  EXPECT_TRUE(is_http_token("!#$%&'*+-.^_`|~09azAZ"));
  EXPECT_FALSE(is_http_token(""));
  for (const char* bad : {"Bad Name", "Bad:Name", "Bad\tName", "Bad\"Name", "Bad(Name)", "Bad/Name",
                          "Bad@Name", "Bad,Name", "Bad;Name", "Bad=Name", "Bad{Name}", "Bad\x7fName",
                          "Bad\xc3\xa9Name"}) {
    EXPECT_FALSE(is_http_token(bad)) << bad;
  }
  EXPECT_FALSE(is_http_token(std::string("Bad\0Name", 8)));
}

TEST(InternalStrings, LineBreaksAndNulAreFoundAnywhere) {
  using yuno::internal::has_control_line_break;
  EXPECT_FALSE(has_control_line_break(""));
  EXPECT_FALSE(has_control_line_break("a value, with\ttabs and \x01 other controls"));
  EXPECT_TRUE(has_control_line_break("\rstart"));
  EXPECT_TRUE(has_control_line_break("middle\nX-Injected: 1"));
  EXPECT_TRUE(has_control_line_break(std::string("end\0", 4)));
}

TEST(InternalStrings, CaseAndSpaceAreAsciiOnly) {
  using yuno::internal::iequals;
  using yuno::internal::trim;
  EXPECT_TRUE(iequals("Content-Length", "content-LENGTH"));
  EXPECT_FALSE(iequals("Content-Length", "Content-Lengt"));
  EXPECT_FALSE(iequals("\xc3\x89", "\xc3\xa9"));  // no locale folds bytes beyond ASCII
  EXPECT_FALSE(iequals("[", "{"));                // 0x5b and 0x7b differ by the case bit only
  EXPECT_EQ(trim(" \t\r\n\v\fvalue  with inner space\t "), "value  with inner space");
  EXPECT_EQ(trim("\xa0value\xa0"), "\xa0value\xa0");  // a Latin-1 no-break space is not ASCII space
  EXPECT_EQ(trim(" \t "), "");
}

// --- Block cache -------------------------------------------------------------------------------

TEST(InternalBlockCache, AGivenBlockIsTakenAgainForTheSameSizeOnly) {
  using yuno::internal::give_block;
  using yuno::internal::take_block;
  // Sizes no library type has, so nothing else in this process shares their bins.
  constexpr std::size_t kSize = 40000 + 8;
  constexpr std::size_t kOtherSize = 40000 + 16;
  void* block = take_block(kSize);
  ASSERT_NE(block, nullptr);
  std::memset(block, 0xab, kSize);  // all of it is usable (ASan checks the bounds)
  give_block(block, kSize);
  void* other = take_block(kOtherSize);
  EXPECT_NE(other, block);
  void* again = take_block(kSize);
  EXPECT_EQ(again, block);
  give_block(other, kOtherSize);
  give_block(again, kSize);
}

TEST(InternalBlockCache, ManyBlocksOfOneSizeAreAllReturnedSafely) {
  using yuno::internal::give_block;
  using yuno::internal::take_block;
  constexpr std::size_t kSize = 40000 + 24;
  std::vector<void*> blocks;
  for (int i = 0; i < 100; ++i) blocks.push_back(take_block(kSize));  // more than it keeps
  EXPECT_EQ(std::set<void*>(blocks.begin(), blocks.end()).size(), blocks.size());
  for (void* block : blocks) give_block(block, kSize);  // the surplus is freed (ASan: no leak)
  std::vector<void*> reused;
  for (int i = 0; i < 100; ++i) reused.push_back(take_block(kSize));
  EXPECT_EQ(std::set<void*>(reused.begin(), reused.end()).size(), reused.size());
  for (void* block : reused) give_block(block, kSize);
}

TEST(InternalBlockCache, PromisesWithTheAllocatorCarryLargeValuesAcrossThreads) {
  struct Large {
    std::string text;
    char padding[12000] = {};
  };
  for (int round = 0; round < 50; ++round) {
    std::promise<Large> promise(std::allocator_arg, yuno::internal::RecyclingAllocator<char>{});
    std::future<Large> future = promise.get_future();
    std::thread producer([&promise, round] {
      Large value;
      value.text = "round " + std::to_string(round);
      value.padding[11999] = 'z';
      promise.set_value(std::move(value));
    });
    const Large got = future.get();
    producer.join();
    EXPECT_EQ(got.text, "round " + std::to_string(round));
    EXPECT_EQ(got.padding[11999], 'z');
  }
}

}  // namespace
