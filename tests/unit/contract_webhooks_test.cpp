// Contract: every request example and 2xx response example of Yuno's webhook management
// document (openapi/webhooks) parses into the model its operation takes or returns, keeps
// nothing documented in unknown_fields, and round-trips.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yuno/models/webhook.hpp>

#include "spec_contract.hpp"

namespace {

using nlohmann::json;
using yuno::test::round_trips;
using yuno::test::SpecExample;

// A webhook: round-trips, and what Yuno documents is typed rather than left unknown.
::testing::AssertionResult webhook_round_trips(const json& example) {
  auto result = round_trips<yuno::Webhook>(example);
  if (!result) return result;
  const auto webhook = example.get<yuno::Webhook>();
  if (!webhook.unknown_fields.is_null()) {
    return ::testing::AssertionFailure() << "unknown fields: " << webhook.unknown_fields.dump();
  }
  if (webhook.id.empty() || !webhook.state || !webhook.name || !webhook.url ||
      !webhook.created_at || !webhook.updated_at) {
    return ::testing::AssertionFailure() << "a documented field was not read";
  }
  for (const auto* secret : {&webhook.api_key, &webhook.secret, &webhook.hmac_client_secret,
                             &webhook.oauth2_client_secret}) {
    if (secret->has_value() && **secret != "***") {
      return ::testing::AssertionFailure() << "a secret that is not masked";
    }
  }
  return ::testing::AssertionSuccess();
}

// Checks one example against its operation's model; false for an operation this test does
// not know (a new one must be mapped, not ignored).
bool check(const SpecExample& example) {
  const json& value = example.value;
  const bool collection = example.path == "/webhooks";
  const bool item = example.path == "/webhooks/{webhook_id}";
  if (example.is_request) {
    if (collection && example.method == "post") {
      EXPECT_TRUE(round_trips<yuno::CreateWebhookRequest>(value));
      const auto request = value.get<yuno::CreateWebhookRequest>();
      EXPECT_TRUE(request.unknown_fields.is_null()) << request.unknown_fields.dump();
      EXPECT_FALSE(request.account_id.empty());
      EXPECT_FALSE(request.name.empty());
      EXPECT_FALSE(request.url.empty());
      EXPECT_TRUE(request.has_trigger());
    } else if (item && example.method == "patch") {
      EXPECT_TRUE(round_trips<yuno::UpdateWebhookRequest>(value));
      const auto request = value.get<yuno::UpdateWebhookRequest>();
      EXPECT_TRUE(request.unknown_fields.is_null()) << request.unknown_fields.dump();
      EXPECT_FALSE(request.account_id.empty());
    } else {
      return false;
    }
    return true;
  }
  if (collection && example.method == "get") {
    if (!value.is_array() || value.empty()) {
      ADD_FAILURE() << "the list example is not a non-empty array";
      return true;
    }
    for (const json& element : value) EXPECT_TRUE(webhook_round_trips(element));
  } else if ((collection && example.method == "post") ||
             (item && (example.method == "get" || example.method == "patch" ||
                       example.method == "delete"))) {
    EXPECT_TRUE(webhook_round_trips(value));
  } else {
    return false;
  }
  return true;
}

TEST(Contract, WebhooksExamplesRoundTrip) {
  const auto loaded = yuno::test::load_spec_examples("webhooks");
  int checked = 0;
  for (const auto& example : loaded.examples) {
    SCOPED_TRACE(example.where());
    if (!check(example)) {
      ADD_FAILURE() << "an example of an operation this test does not know";
      continue;
    }
    ++checked;
  }
  yuno::test::report("webhooks", checked, loaded.skipped);
  // Requests: create 1, update 1. Responses: list 1 (of 2 webhooks), create 1, retrieve 1,
  // update 1, delete 1. All given as single `example`s.
  EXPECT_GE(checked, 7);
  EXPECT_EQ(loaded.single_examples, 7);
  EXPECT_TRUE(loaded.skipped.empty());
}

}  // namespace
