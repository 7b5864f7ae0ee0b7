// yuno::Decimal: exact amounts with 4 fractional digits, as text and as JSON numbers.
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yuno/decimal.hpp>
#include <yuno/errors.hpp>

namespace {

using yuno::Decimal;

constexpr std::int64_t kMaxUnits = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMinUnits = std::numeric_limits<std::int64_t>::min();

// Reads the "v" member of a JSON document given as text, as a Decimal.
Decimal read_v(const std::string& document) {
  return nlohmann::json::parse(document).at("v").get<Decimal>();
}

TEST(DecimalText, ParsesAndPrintsShortestExactText) {
  struct Case {
    const char* text;
    std::int64_t units;
    const char* printed;
  };
  const std::vector<Case> cases = {
      {"19.99", 199'900, "19.99"},     {"150", 1'500'000, "150"},
      {"-0.0001", -1, "-0.0001"},      {"0.5", 5'000, "0.5"},
      {"+3", 30'000, "3"},             {"0", 0, "0"},
      {"-12.3400", -123'400, "-12.34"}, {"0.0001", 1, "0.0001"},
      {"007.10", 71'000, "7.1"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const Decimal value = Decimal::parse(c.text);
    EXPECT_EQ(value.units(), c.units);
    EXPECT_EQ(value.to_string(), c.printed);
    // The printed form parses back to the same value.
    EXPECT_EQ(Decimal::parse(value.to_string()), value);
  }
}

TEST(DecimalText, StreamsItsText) {
  std::ostringstream out;
  out << Decimal::parse("-150.75");
  EXPECT_EQ(out.str(), "-150.75");
}

TEST(DecimalText, ExtremesPrintExactly) {
  EXPECT_EQ(Decimal::from_units(kMaxUnits).to_string(), "922337203685477.5807");
  EXPECT_EQ(Decimal::from_units(kMinUnits).to_string(), "-922337203685477.5808");
  EXPECT_EQ(Decimal::parse("922337203685477.5807").units(), kMaxUnits);
}

TEST(DecimalArithmetic, IsExactNotBinaryFloatingPoint) {
  EXPECT_EQ(Decimal::parse("0.1") + Decimal::parse("0.2"), Decimal::parse("0.3"));
  EXPECT_EQ(Decimal::parse("0.3") - Decimal::parse("0.1"), Decimal::parse("0.2"));
  EXPECT_EQ(Decimal::parse("19.99") * 3, Decimal::parse("59.97"));
  EXPECT_EQ(-Decimal::parse("19.99"), Decimal::parse("-19.99"));
  EXPECT_EQ(Decimal(150), Decimal::parse("150"));
  EXPECT_EQ(Decimal().units(), 0);

  Decimal total;
  for (int i = 0; i < 1000; ++i) total += Decimal::parse("0.0001");
  EXPECT_EQ(total, Decimal::parse("0.1"));
  total -= Decimal::parse("0.1");
  EXPECT_EQ(total, Decimal());
}

TEST(DecimalArithmetic, ComparesByValue) {
  const Decimal small = Decimal::parse("-1.5");
  const Decimal mid = Decimal::parse("0.0001");
  const Decimal big = Decimal::parse("19.99");
  EXPECT_TRUE(small < mid);
  EXPECT_TRUE(mid < big);
  EXPECT_FALSE(big < mid);
  EXPECT_FALSE(mid < mid);
  EXPECT_TRUE(mid <= mid);
  EXPECT_TRUE(small <= big);
  EXPECT_FALSE(big <= small);
  EXPECT_TRUE(big > small);
  EXPECT_FALSE(mid > mid);
  EXPECT_TRUE(big >= big);
  EXPECT_FALSE(small >= mid);
  EXPECT_TRUE(small != big);
  EXPECT_FALSE(Decimal::parse("1.50") != Decimal::parse("1.5"));
  EXPECT_TRUE(Decimal::parse("1.50") == Decimal::parse("1.5"));
}

TEST(DecimalText, MoreThanFourFractionalDigitsIsAnError) {
  EXPECT_THROW(Decimal::parse("1.23456"), yuno::InvalidArgumentError);
  EXPECT_THROW(Decimal::parse("0.00001"), yuno::InvalidArgumentError);
  EXPECT_THROW(Decimal::parse("-0.00005"), yuno::InvalidArgumentError);
  EXPECT_THROW(Decimal::parse("1.00000000001"), yuno::InvalidArgumentError);
}

TEST(DecimalText, TrailingZerosBeyondFourDigitsAreAccepted) {
  EXPECT_EQ(Decimal::parse("1.50000"), Decimal::parse("1.5"));
  EXPECT_EQ(Decimal::parse("1.50000000"), Decimal::parse("1.5"));
  EXPECT_EQ(Decimal::parse("-0.000100"), Decimal::from_units(-1));
}

TEST(DecimalText, MalformedTextIsInvalidArgument) {
  for (const char* text : {"", ".", "1.", "abc", "1e5", "1.2.3", " 1", "--1", "1 ", "+", "-",
                           "-.", "1,5", "0x10", "1e-5", "+-1", "12a", "٣"}) {
    SCOPED_TRACE(text);
    EXPECT_THROW(Decimal::parse(text), yuno::InvalidArgumentError);
  }
}

TEST(DecimalText, EmbeddedNulIsRejected) {
  EXPECT_THROW(Decimal::parse(std::string_view("1\0" "5", 3)), yuno::InvalidArgumentError);
}

TEST(DecimalOverflow, ParseOverflowIsInvalidArgument) {
  EXPECT_THROW(Decimal::parse("922337203685477.5808"), yuno::InvalidArgumentError);
  EXPECT_THROW(Decimal::parse("922337203685478"), yuno::InvalidArgumentError);
  EXPECT_THROW(Decimal::parse("-922337203685478"), yuno::InvalidArgumentError);
  EXPECT_THROW(Decimal::parse("99999999999999999999999"), yuno::InvalidArgumentError);
  EXPECT_THROW(Decimal::parse("92233720368547758070000"), yuno::InvalidArgumentError);
}

TEST(DecimalOverflow, ArithmeticOverflowIsInvalidArgument) {
  const Decimal max = Decimal::from_units(kMaxUnits);
  const Decimal min = Decimal::from_units(kMinUnits);
  const Decimal tiny = Decimal::from_units(1);

  EXPECT_THROW(max + tiny, yuno::InvalidArgumentError);
  EXPECT_THROW(min + (-tiny), yuno::InvalidArgumentError);
  EXPECT_THROW(min - tiny, yuno::InvalidArgumentError);
  EXPECT_THROW(max - (-tiny), yuno::InvalidArgumentError);
  EXPECT_THROW(max * 2, yuno::InvalidArgumentError);
  EXPECT_THROW(min * -1, yuno::InvalidArgumentError);
  EXPECT_THROW(Decimal::parse("1000000000") * 1'000'000, yuno::InvalidArgumentError);
  EXPECT_THROW(-min, yuno::InvalidArgumentError);

  Decimal accumulated = max;
  EXPECT_THROW(accumulated += tiny, yuno::InvalidArgumentError);
  Decimal decremented = min;
  EXPECT_THROW(decremented -= tiny, yuno::InvalidArgumentError);

  // Right at the edges the operations still work.
  EXPECT_EQ((max - tiny) + tiny, max);
  EXPECT_EQ((min + tiny) - tiny, min);
  EXPECT_EQ(-max, Decimal::from_units(-kMaxUnits));
  EXPECT_EQ(max * 1, max);
  EXPECT_EQ(max * -1, Decimal::from_units(-kMaxUnits));
}

TEST(DecimalMinorUnits, ConvertsByDigitCount) {
  EXPECT_EQ(Decimal::from_minor_units(1999, 2), Decimal::parse("19.99"));
  EXPECT_EQ(Decimal::from_minor_units(150, 0), Decimal::parse("150"));
  EXPECT_EQ(Decimal::from_minor_units(1, 4), Decimal::parse("0.0001"));
  EXPECT_EQ(Decimal::from_minor_units(-505, 3), Decimal::parse("-0.505"));
  EXPECT_EQ(Decimal::from_minor_units(0, 1), Decimal());
}

TEST(DecimalMinorUnits, BadDigitCountsAndOverflowThrow) {
  EXPECT_THROW(Decimal::from_minor_units(1999, -1), yuno::InvalidArgumentError);
  EXPECT_THROW(Decimal::from_minor_units(1999, 5), yuno::InvalidArgumentError);
  EXPECT_THROW(Decimal::from_minor_units(1999, 100), yuno::InvalidArgumentError);
  EXPECT_THROW(Decimal::from_minor_units(kMaxUnits, 0), yuno::InvalidArgumentError);
  EXPECT_EQ(Decimal::from_minor_units(kMaxUnits, 4).units(), kMaxUnits);
}

TEST(DecimalJson, WritesPlainNumbers) {
  EXPECT_EQ(nlohmann::json(Decimal::parse("19.99")).dump(), "19.99");
  EXPECT_EQ(nlohmann::json(Decimal::parse("150")).dump(), "150");
  EXPECT_EQ(nlohmann::json(Decimal::parse("150.75")).dump(), "150.75");
  EXPECT_EQ(nlohmann::json(Decimal::parse("-0.0001")).dump(), "-0.0001");
  EXPECT_EQ(nlohmann::json(Decimal::parse("0.1")).dump(), "0.1");
  EXPECT_EQ(nlohmann::json(Decimal::parse("-42")).dump(), "-42");
  EXPECT_EQ(nlohmann::json(Decimal()).dump(), "0");
  EXPECT_TRUE(nlohmann::json(Decimal::parse("150")).is_number_integer());
  EXPECT_EQ((nlohmann::json{{"value", Decimal::parse("19.99")}}).dump(), R"({"value":19.99})");
}

TEST(DecimalJson, ReadsIntegersDecimalsAndNumericStringsExactly) {
  EXPECT_EQ(read_v(R"({"v":150})"), Decimal::parse("150"));
  EXPECT_EQ(read_v(R"({"v":-150})"), Decimal::parse("-150"));
  EXPECT_EQ(read_v(R"({"v":150.75})"), Decimal::parse("150.75"));
  EXPECT_EQ(read_v(R"({"v":19.99})"), Decimal::parse("19.99"));
  EXPECT_EQ(read_v(R"({"v":-0.0001})"), Decimal::parse("-0.0001"));
  EXPECT_EQ(read_v(R"({"v":0.1})"), Decimal::parse("0.1"));
  EXPECT_EQ(read_v(R"({"v":150.0})"), Decimal::parse("150"));
  EXPECT_EQ(read_v(R"({"v":1.50000})"), Decimal::parse("1.5"));
  EXPECT_EQ(read_v(R"({"v":"19.99"})"), Decimal::parse("19.99"));
  EXPECT_EQ(read_v(R"({"v":"150"})"), Decimal::parse("150"));
}

TEST(DecimalJson, MoreThanFourFractionalDigitsInJsonIsAnError) {
  EXPECT_THROW(read_v(R"({"v":1.23456})"), yuno::InvalidArgumentError);
  EXPECT_THROW(read_v(R"({"v":0.00001})"), yuno::InvalidArgumentError);
  EXPECT_THROW(read_v(R"({"v":-19.99999})"), yuno::InvalidArgumentError);
  EXPECT_THROW(read_v(R"({"v":"1.23456"})"), yuno::InvalidArgumentError);
}

TEST(DecimalJson, NonNumbersAndMalformedStringsAreErrors) {
  for (const char* document : {R"({"v":true})", R"({"v":false})", R"({"v":null})", R"({"v":{}})",
                               R"({"v":{"value":1}})", R"({"v":[1]})", R"({"v":"abc"})",
                               R"({"v":""})", R"({"v":"1e5"})"}) {
    SCOPED_TRACE(document);
    EXPECT_ANY_THROW(read_v(document));
  }
}

TEST(DecimalJson, OutOfRangeJsonNumbersAreErrors) {
  EXPECT_THROW(read_v(R"({"v":922337203685478})"), yuno::InvalidArgumentError);
  EXPECT_THROW(read_v(R"({"v":-922337203685478})"), yuno::InvalidArgumentError);
  EXPECT_THROW(read_v(R"({"v":18446744073709551615})"), yuno::InvalidArgumentError);
  EXPECT_THROW(read_v(R"({"v":1e300})"), yuno::InvalidArgumentError);
  EXPECT_THROW(read_v(R"({"v":-1e300})"), yuno::InvalidArgumentError);
  // The largest whole amount that fits still reads.
  EXPECT_EQ(read_v(R"({"v":922337203685477})"), Decimal::parse("922337203685477"));
}

TEST(DecimalJson, LargeAmountRoundTripsThroughJsonTextExactly) {
  for (const char* text : {"99999999999.9999", "-99999999999.9999", "12345678901.2345",
                           "99999999999.0001", "0.0001"}) {
    SCOPED_TRACE(text);
    const Decimal amount = Decimal::parse(text);
    const std::string wire = nlohmann::json{{"v", amount}}.dump();
    EXPECT_EQ(wire, std::string(R"({"v":)") + text + "}");
    EXPECT_EQ(read_v(wire), amount);
  }
}

TEST(DecimalJson, EveryAmountBelowTheExactLimitRoundTrips) {
  // A deterministic pseudo-random walk over amounts of up to 15 significant digits.
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < 20000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto magnitude = static_cast<std::int64_t>((state >> 8) % 1'000'000'000'000'000ULL);
    const std::int64_t units = (i % 2 == 0) ? magnitude : -magnitude;
    const Decimal amount = Decimal::from_units(units);
    const std::string wire = nlohmann::json(amount).dump();
    const Decimal back = nlohmann::json::parse(wire).get<Decimal>();
    ASSERT_EQ(back, amount) << "wire text " << wire;
    ASSERT_EQ(Decimal::parse(amount.to_string()), amount);
  }
  for (std::int64_t units = -30'000; units <= 30'000; units += 7) {
    const Decimal amount = Decimal::from_units(units);
    ASSERT_EQ(nlohmann::json::parse(nlohmann::json(amount).dump()).get<Decimal>(), amount);
  }
}

TEST(DecimalJson, AmountsTooPreciseForAJsonDoubleAreRefused) {
  // 10^11 with a fraction needs 16 significant digits: a double would change it.
  EXPECT_THROW(nlohmann::json(Decimal::parse("100000000000.0001")), yuno::InvalidArgumentError);
  EXPECT_THROW(nlohmann::json(Decimal::from_units(kMaxUnits)), yuno::InvalidArgumentError);
  // Whole amounts are written as JSON integers, exactly, however large.
  EXPECT_EQ(nlohmann::json(Decimal::parse("922337203685477")).dump(), "922337203685477");
}

}  // namespace
