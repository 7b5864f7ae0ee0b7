// The exact JSON printer every request body goes through.
#include <cstdint>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "internal/json_text.hpp"
#include "yuno/decimal.hpp"
#include "yuno/errors.hpp"

namespace {

using yuno::internal::dump_json;

TEST(JsonText, MatchesNlohmannForEverythingButFloats) {
  const auto value = nlohmann::json::parse(
      R"({"a":[1,-2,true,null,"x\"y\n\u00e9"],"b":{"c":{}},"d":[],"e":18446744073709551615})");
  EXPECT_EQ(dump_json(value), value.dump());
}

TEST(JsonText, EveryAmountIsWrittenExactly) {
  // Amounts of up to 15 significant digits, where nlohmann's own printer sometimes adds
  // digits (57984212752.5014 -> 57984212752.501404).
  EXPECT_EQ(dump_json(nlohmann::json(yuno::Decimal::parse("57984212752.5014"))), "57984212752.5014");
  std::uint64_t state = 0x243F6A8885A308D3ULL;
  for (int i = 0; i < 50000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto units = static_cast<std::int64_t>((state >> 8) % 1'000'000'000'000'000ULL);
    const auto amount = yuno::Decimal::from_units(i % 2 ? units : -units);
    ASSERT_EQ(dump_json(nlohmann::json(amount)), amount.to_string());
  }
  for (std::int64_t units = 1; units < 20'000; ++units) {
    const auto amount = yuno::Decimal::from_units(units);
    ASSERT_EQ(dump_json(nlohmann::json(amount)), amount.to_string());
  }
}

TEST(JsonText, OtherFloatsStayValidJson) {
  for (double x : {1e-7, 1e300, -2.5e-300, 0.0, 1e16, 0.1}) {
    const std::string text = dump_json(nlohmann::json(x));
    EXPECT_EQ(nlohmann::json::parse(text).get<double>(), x) << text;
  }
  EXPECT_EQ(dump_json(nlohmann::json(std::nan(""))), "null");
}

TEST(JsonText, StringsAreEscapedAndCheckedExactlyAsNlohmannDoes) {
  // Random byte strings, biased towards control characters, quotes and UTF-8 edge bytes:
  // nlohmann's text where it accepts the string, a typed error where it refuses it.
  const unsigned char interesting[] = {0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, 0x20,
                                       '"',  '\\', '/',  'a',  0x7F, 0x80, 0xBF, 0xC0, 0xC2,
                                       0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x9F,
                                       0xA0, 0x90, 0x8F};
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const int length = static_cast<int>(state % 7);
    for (int k = 0; k < length; ++k) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      text += static_cast<char>(interesting[(state >> 33) % sizeof interesting]);
    }
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const nlohmann::json value = {{text, text}};
    std::string expected;
    try {
      expected = value.dump();
    } catch (const nlohmann::json::type_error&) {
      EXPECT_THROW(dump_json(value), yuno::InvalidArgumentError) << i;
      continue;
    }
    ++accepted;
    ASSERT_EQ(dump_json(value), expected) << i;
  }
  EXPECT_GT(accepted, 1000);  // both branches were exercised
}

TEST(JsonText, InvalidUtf8IsATypedError) {
  EXPECT_THROW(dump_json(nlohmann::json(std::string("\xff\xfe"))), yuno::InvalidArgumentError);
}

}  // namespace
