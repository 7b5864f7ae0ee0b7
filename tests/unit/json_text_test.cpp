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

TEST(JsonText, InvalidUtf8IsATypedError) {
  EXPECT_THROW(dump_json(nlohmann::json(std::string("\xff\xfe"))), yuno::InvalidArgumentError);
}

}  // namespace
