// yuno-sandbox's FaultInjector: deterministic for a seed, rates honoured and validated.
#include "faults.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

using yuno::sandbox::FaultDecision;
using yuno::sandbox::FaultInjector;
using yuno::sandbox::FaultKind;
using yuno::sandbox::FaultSettings;
using namespace std::chrono_literals;

FaultSettings mixed(std::uint64_t seed) {
  FaultSettings settings;
  settings.seed = seed;
  settings.server_error_rate = 0.1;
  settings.rate_limit_rate = 0.05;
  settings.latency_rate = 0.05;
  settings.drop_before_rate = 0.05;
  settings.drop_after_rate = 0.1;
  settings.latency = 35ms;
  settings.retry_after_seconds = 3;
  return settings;
}

std::vector<FaultDecision> draw(FaultInjector& injector, int n) {
  std::vector<FaultDecision> decisions;
  for (int i = 0; i < n; ++i) decisions.push_back(injector.next());
  return decisions;
}

bool same(const std::vector<FaultDecision>& a, const std::vector<FaultDecision>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].status != b[i].status ||
        a[i].retry_after_seconds != b[i].retry_after_seconds || a[i].latency != b[i].latency) {
      return false;
    }
  }
  return true;
}

TEST(FaultInjector, SameSeedGivesTheSameDecisionSequence) {
  FaultInjector first(mixed(42));
  FaultInjector second(mixed(42));
  EXPECT_TRUE(same(draw(first, 2000), draw(second, 2000)));
}

TEST(FaultInjector, DifferentSeedsGiveDifferentSequences) {
  FaultInjector first(mixed(1));
  FaultInjector second(mixed(2));
  EXPECT_FALSE(same(draw(first, 500), draw(second, 500)));
}

TEST(FaultInjector, ConfigureRestartsTheSequenceAndTheCounts) {
  FaultInjector injector(mixed(7));
  const auto before = draw(injector, 300);
  injector.configure(mixed(7));
  EXPECT_EQ(injector.counts().at("none"), 0u);
  EXPECT_TRUE(same(before, draw(injector, 300)));
}

TEST(FaultInjector, ZeroRatesNeverMisbehave) {
  FaultSettings settings;  // every rate 0
  settings.seed = 99;
  FaultInjector injector(settings);
  for (const auto& decision : draw(injector, 5000)) {
    EXPECT_EQ(decision.kind, FaultKind::kNone);
    EXPECT_EQ(decision.status, 0);
  }
  EXPECT_EQ(injector.counts().at("none"), 5000u);
  EXPECT_EQ(injector.counts().at("server_error"), 0u);
}

TEST(FaultInjector, ServerErrorsPickEachOfTheFourStatusesEvenly) {
  FaultSettings settings;
  settings.server_error_rate = 1.0;
  FaultInjector injector(settings);
  std::map<int, int> by_status;
  const int n = 8000;
  for (const auto& decision : draw(injector, n)) {
    ASSERT_EQ(decision.kind, FaultKind::kServerError);
    ++by_status[decision.status];
  }
  ASSERT_EQ(by_status.size(), 4u);
  for (int status : {500, 502, 503, 504}) {
    ASSERT_EQ(by_status.count(status), 1u) << status;
    // Deterministic with the seed; a generous band around n/4.
    EXPECT_NEAR(by_status[status], n / 4, n / 20) << status;
  }
}

TEST(FaultInjector, SharesFollowTheRatesAndDecisionsCarryTheirParameters) {
  FaultInjector injector(mixed(2026));
  const int n = 20000;
  std::map<FaultKind, int> by_kind;
  for (const auto& decision : draw(injector, n)) {
    ++by_kind[decision.kind];
    switch (decision.kind) {
      case FaultKind::kServerError:
        EXPECT_TRUE(decision.status == 500 || decision.status == 502 || decision.status == 503 ||
                    decision.status == 504);
        break;
      case FaultKind::kRateLimit:
        EXPECT_EQ(decision.status, 429);
        EXPECT_EQ(decision.retry_after_seconds, 3);
        break;
      case FaultKind::kLatency:
        EXPECT_EQ(decision.latency, 35ms);
        EXPECT_EQ(decision.status, 0);
        break;
      default:
        EXPECT_EQ(decision.status, 0);
        break;
    }
  }
  const auto share = [&](FaultKind kind) { return static_cast<double>(by_kind[kind]) / n; };
  EXPECT_NEAR(share(FaultKind::kServerError), 0.10, 0.015);
  EXPECT_NEAR(share(FaultKind::kRateLimit), 0.05, 0.01);
  EXPECT_NEAR(share(FaultKind::kLatency), 0.05, 0.01);
  EXPECT_NEAR(share(FaultKind::kDropBefore), 0.05, 0.01);
  EXPECT_NEAR(share(FaultKind::kDropAfter), 0.10, 0.015);
  EXPECT_NEAR(share(FaultKind::kNone), 0.65, 0.02);

  const auto counts = injector.counts();
  for (const auto& [kind, count] : by_kind) {
    EXPECT_EQ(counts.at(to_string(kind)), static_cast<std::uint64_t>(count)) << to_string(kind);
  }
}

TEST(FaultInjector, RatesSummingToOneLeaveNoRequestAlone) {
  FaultSettings settings;
  settings.server_error_rate = 0.2;
  settings.rate_limit_rate = 0.2;
  settings.latency_rate = 0.2;
  settings.drop_before_rate = 0.2;
  settings.drop_after_rate = 0.2;
  FaultInjector injector(settings);
  for (const auto& decision : draw(injector, 3000)) EXPECT_NE(decision.kind, FaultKind::kNone);
}

TEST(FaultInjector, IsSafeToShareBetweenThreads) {
  FaultInjector injector(mixed(5));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2500; ++i) injector.next();
    });
  }
  for (auto& thread : threads) thread.join();
  std::uint64_t total = 0;
  for (const auto& [kind, count] : injector.counts()) total += count;
  EXPECT_EQ(total, 10000u);
}

TEST(FaultSettings, ValidateRejectsRatesOutsideZeroToOneNamingTheField) {
  const auto rejects = [](FaultSettings settings, const std::string& field) {
    try {
      settings.validate();
      ADD_FAILURE() << "accepted a bad " << field;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
    }
    EXPECT_THROW(FaultInjector{settings}, std::invalid_argument);
    FaultInjector injector;
    EXPECT_THROW(injector.configure(settings), std::invalid_argument);
  };
  FaultSettings s;
  s.server_error_rate = -0.1;
  rejects(s, "server_error_rate");
  s = {};
  s.rate_limit_rate = 1.5;
  rejects(s, "rate_limit_rate");
  s = {};
  s.latency_rate = std::numeric_limits<double>::quiet_NaN();
  rejects(s, "latency_rate");
  s = {};
  s.drop_before_rate = std::numeric_limits<double>::infinity();
  rejects(s, "drop_before_rate");
  s = {};
  s.drop_after_rate = -1;
  rejects(s, "drop_after_rate");
  s = {};
  s.server_error_rate = 0.6;
  s.drop_after_rate = 0.5;
  rejects(s, "sum");
  s = {};
  s.latency = -1ms;
  rejects(s, "latency");
  s = {};
  s.retry_after_seconds = -1;
  rejects(s, "retry_after_seconds");

  FaultSettings fine;
  fine.server_error_rate = 0.5;
  fine.drop_after_rate = 0.5;
  EXPECT_NO_THROW(fine.validate());
}

TEST(FaultSettings, JsonRoundTripsEveryField) {
  const FaultSettings settings = mixed(123456789012345ULL);
  const nlohmann::json j = settings;
  EXPECT_EQ(j.at("seed"), 123456789012345ULL);
  EXPECT_EQ(j.at("latency_ms"), 35);
  EXPECT_EQ(j.at("retry_after_seconds"), 3);
  EXPECT_DOUBLE_EQ(j.at("drop_after_rate").get<double>(), 0.1);
  FaultSettings back;
  yuno::sandbox::from_json(j, back);
  EXPECT_EQ(back.seed, settings.seed);
  EXPECT_DOUBLE_EQ(back.server_error_rate, settings.server_error_rate);
  EXPECT_DOUBLE_EQ(back.rate_limit_rate, settings.rate_limit_rate);
  EXPECT_DOUBLE_EQ(back.latency_rate, settings.latency_rate);
  EXPECT_DOUBLE_EQ(back.drop_before_rate, settings.drop_before_rate);
  EXPECT_DOUBLE_EQ(back.drop_after_rate, settings.drop_after_rate);
  EXPECT_EQ(back.latency, settings.latency);
  EXPECT_EQ(back.retry_after_seconds, settings.retry_after_seconds);
}

TEST(FaultSettings, JsonMissingFieldsKeepTheirValues) {
  FaultSettings settings;
  yuno::sandbox::from_json(nlohmann::json::parse(R"({"drop_after_rate": 0.25})"), settings);
  EXPECT_DOUBLE_EQ(settings.drop_after_rate, 0.25);
  EXPECT_EQ(settings.seed, 1u);
  EXPECT_EQ(settings.latency, 200ms);
  EXPECT_EQ(settings.retry_after_seconds, 1);
  yuno::sandbox::from_json(nlohmann::json::object(), settings);
  EXPECT_DOUBLE_EQ(settings.drop_after_rate, 0.25);
}

TEST(FaultSettings, JsonRejectsWrongTypesValuesAndUnknownFieldsAndChangesNothing) {
  for (const char* text :
       {R"([])", R"({"server_error_rate": "0.5"})", R"({"server_error_rate": 2})",
        R"({"seed": -1})", R"({"seed": 1.5})", R"({"latency_ms": -5})", R"({"latency_ms": "5"})",
        R"({"retry_after_seconds": true})", R"({"drop_after": 0.1})",
        R"({"server_error_rate": 0.7, "drop_before_rate": 0.7})"}) {
    FaultSettings settings;
    settings.drop_after_rate = 0.125;
    EXPECT_THROW(yuno::sandbox::from_json(nlohmann::json::parse(text), settings),
                 std::invalid_argument)
        << text;
    EXPECT_DOUBLE_EQ(settings.drop_after_rate, 0.125) << text;
    EXPECT_DOUBLE_EQ(settings.server_error_rate, 0.0) << text;
  }
}

TEST(FaultKindNames, AreTheCountKeys) {
  EXPECT_STREQ(to_string(FaultKind::kNone), "none");
  EXPECT_STREQ(to_string(FaultKind::kServerError), "server_error");
  EXPECT_STREQ(to_string(FaultKind::kRateLimit), "rate_limit");
  EXPECT_STREQ(to_string(FaultKind::kLatency), "latency");
  EXPECT_STREQ(to_string(FaultKind::kDropBefore), "drop_before");
  EXPECT_STREQ(to_string(FaultKind::kDropAfter), "drop_after");
  FaultInjector injector;
  const std::set<std::string> expected{"none",    "server_error", "rate_limit",
                                       "latency", "drop_before",  "drop_after"};
  std::set<std::string> keys;
  for (const auto& [key, count] : injector.counts()) keys.insert(key);
  EXPECT_EQ(keys, expected);
}

}  // namespace
