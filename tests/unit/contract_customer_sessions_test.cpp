// Contract: every customer-sessions example in Yuno's documents parses and round-trips.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yuno/models/enrollment.hpp>

#include "spec_contract.hpp"

namespace {

using yuno::test::round_trips;

TEST(Contract, CustomerSessionsExamplesRoundTrip) {
  const auto loaded = yuno::test::load_spec_examples("customer-sessions-enrollment");
  int checked = 0;
  for (const auto& example : loaded.examples) {
    SCOPED_TRACE(example.where());
    if (example.file != "create-customer-session.json") {
      ADD_FAILURE() << "an example of a document this test does not know";
      continue;
    }
    if (example.is_request) {
      EXPECT_TRUE(round_trips<yuno::CreateCustomerSessionRequest>(example.value));
      const auto request = example.value.get<yuno::CreateCustomerSessionRequest>();
      EXPECT_FALSE(request.account_id.empty());
      EXPECT_FALSE(request.customer_id.empty());
      EXPECT_FALSE(request.country.empty());
      EXPECT_TRUE(request.checkout_id.has_value());
      // The request example also carries `created_at`, a response field the request schema
      // does not list: it is kept (and sent back) as an unknown field, and nothing else is.
      const auto& unknown = request.unknown_fields.value();
      for (auto it = unknown.begin(); it != unknown.end(); ++it) {
        EXPECT_EQ(it.key(), "created_at");
      }
    } else {
      EXPECT_TRUE(round_trips<yuno::CustomerSession>(example.value));
      const auto session = example.value.get<yuno::CustomerSession>();
      EXPECT_FALSE(session.customer_session.empty());
      EXPECT_TRUE(session.created_at.has_value());
      EXPECT_TRUE(session.unknown_fields.is_null());
    }
    ++checked;
  }
  yuno::test::report("customer-sessions-enrollment", checked, loaded.skipped);
  EXPECT_GE(checked, 2);  // one request, one 201 response
  EXPECT_TRUE(loaded.skipped.empty());
}

}  // namespace
