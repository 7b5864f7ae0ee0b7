// Contract: every customers example in Yuno's documents parses and round-trips.
#include <gtest/gtest.h>

#include <yuno/models/customer.hpp>

#include "spec_contract.hpp"

namespace {

TEST(Contract, CustomersExamplesRoundTrip) {
  const auto loaded = yuno::test::load_spec_examples("customers");
  int checked = 0;
  for (const auto& example : loaded.examples) {
    SCOPED_TRACE(example.where());
    if (!example.is_request) {
      EXPECT_TRUE(yuno::test::round_trips<yuno::Customer>(example.value));
    } else if (example.method == "post") {
      EXPECT_TRUE(yuno::test::round_trips<yuno::CreateCustomerRequest>(example.value));
    } else {
      EXPECT_TRUE(yuno::test::round_trips<yuno::UpdateCustomerRequest>(example.value));
    }
    ++checked;
  }
  yuno::test::report("customers", checked, loaded.skipped);
  EXPECT_GE(checked, 7);
  EXPECT_TRUE(loaded.skipped.empty());
}

}  // namespace
