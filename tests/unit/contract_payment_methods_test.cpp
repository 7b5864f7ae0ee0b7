// Contract: every example of Yuno's enrollment documents (payment-methods-checkout and
// payment-methods-direct-workflow) parses into the model its operation takes or returns,
// and round-trips.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yuno/models/enrollment.hpp>
#include <yuno/models/payment.hpp>
#include <yuno/models/payment_method.hpp>

#include "spec_contract.hpp"

namespace {

using nlohmann::json;
using yuno::test::round_trips;
using yuno::test::SpecExample;

// Besides the round trip: what Yuno documents is typed, not left in unknown_fields, so a
// model that kept everything as unknown fields could not pass.
void expect_typed_method(const json& example, bool listed_to_enroll) {
  const auto method = example.get<yuno::PaymentMethod>();
  EXPECT_TRUE(method.unknown_fields.is_null()) << method.unknown_fields.dump();
  EXPECT_TRUE(method.type.has_value());
  if (listed_to_enroll) {
    ASSERT_TRUE(method.enrollment.has_value());
    EXPECT_TRUE(method.enrollment->session.has_value());
    EXPECT_TRUE(method.icon.has_value());
    return;
  }
  ASSERT_TRUE(method.status.has_value());
  EXPECT_FALSE(method.status->empty());
  if (method.card_data) {
    EXPECT_TRUE(method.card_data->unknown_fields.is_null()) << method.card_data->unknown_fields.dump();
    EXPECT_TRUE(method.card_data->lfd.has_value());
  }
  if (method.provider) {
    EXPECT_TRUE(method.provider->unknown_fields.is_null());
  }
  if (method.enrollment) {
    EXPECT_TRUE(method.enrollment->unknown_fields.is_null());
  }
  if (method.customer_payer) {
    EXPECT_TRUE(method.customer_payer->unknown_fields.is_null());
  }
  if (method.verify) {
    EXPECT_TRUE(method.verify->unknown_fields.is_null());
    // The verification payment, when there is one, is a whole payment.
    if (method.verify->payment) {
      EXPECT_TRUE(round_trips<yuno::Payment>(example.at("verify").at("payment")));
      const auto payment = method.verify->parsed_payment();
      ASSERT_TRUE(payment.has_value());
      EXPECT_FALSE(payment->id.empty());
      EXPECT_FALSE(payment->status.empty());
    } else {
      EXPECT_FALSE(method.verify->parsed_payment().has_value());
    }
  }
}

::testing::AssertionResult method_round_trips(const json& example, bool listed_to_enroll = false) {
  auto result = round_trips<yuno::PaymentMethod>(example);
  if (result) expect_typed_method(example, listed_to_enroll);
  return result;
}

// {"payment_methods": [...]}, as both list endpoints answer.
::testing::AssertionResult method_list_round_trips(const json& example, bool listed_to_enroll) {
  if (!example.is_object() || example.size() != 1 || !example.contains("payment_methods") ||
      !example.at("payment_methods").is_array() || example.at("payment_methods").empty()) {
    return ::testing::AssertionFailure() << "not {\"payment_methods\": [...]}";
  }
  for (const json& element : example.at("payment_methods")) {
    auto result = method_round_trips(element, listed_to_enroll);
    if (!result) return result;
  }
  return ::testing::AssertionSuccess();
}

// Checks one example against the model of its operation; false for a document this test
// does not know (a new document must be mapped, not ignored).
bool check(const SpecExample& example) {
  const std::string& file = example.file;
  const json& value = example.value;
  if (example.is_request) {
    if (file == "enroll-payment-method-checkout.json") {
      EXPECT_TRUE(round_trips<yuno::SessionEnrollmentRequest>(value));
      const auto request = value.get<yuno::SessionEnrollmentRequest>();
      EXPECT_FALSE(request.payment_method_type.empty());
      EXPECT_TRUE(request.unknown_fields.is_null());
    } else if (file == "enroll-payment-method-api.json") {
      EXPECT_TRUE(round_trips<yuno::EnrollPaymentMethodRequest>(value));
      const auto request = value.get<yuno::EnrollPaymentMethodRequest>();
      EXPECT_FALSE(request.type.empty());
      EXPECT_FALSE(request.country.empty());
      EXPECT_TRUE(request.unknown_fields.is_null()) << request.unknown_fields.dump();
      // Each example is one of the documented ways to enroll.
      EXPECT_TRUE(request.card_data || request.provider_data || request.payment_method);
      if (request.customer_payer) {
        EXPECT_TRUE(request.customer_payer->unknown_fields.is_null());
      }
    } else if (file == "reassign-payment-method-api.json") {
      EXPECT_TRUE(round_trips<yuno::ReassignPaymentMethodRequest>(value));
      EXPECT_FALSE(value.get<yuno::ReassignPaymentMethodRequest>().customer_id.empty());
    } else if (file == "register-cards-for-account-updater-api.json") {
      EXPECT_TRUE(round_trips<yuno::AccountUpdaterRequest>(value));
      EXPECT_FALSE(value.get<yuno::AccountUpdaterRequest>().payment_method_ids.empty());
    } else {
      return false;
    }
    return true;
  }
  if (file == "retrieve-payment-methods-to-enroll-checkout.json") {
    EXPECT_TRUE(method_list_round_trips(value, /*listed_to_enroll=*/true));
  } else if (file == "retrieve-enrolled-payment-methods-api.json") {
    EXPECT_TRUE(method_list_round_trips(value, /*listed_to_enroll=*/false));
  } else if (file == "register-cards-for-account-updater-api.json") {
    EXPECT_TRUE(round_trips<yuno::AccountUpdaterRegistration>(value));
    EXPECT_GT(value.get<yuno::AccountUpdaterRegistration>().accepted, 0);
  } else if (file == "enroll-payment-method-checkout.json" ||
             file == "retrieve-payment-method-by-id-checkout.json" ||
             file == "unenroll-payment-method-checkout.json" ||
             file == "enroll-payment-method-api.json" ||
             file == "reassign-payment-method-api.json" ||
             file == "retrieve-enrolled-payment-method-by-id-api.json" ||
             file == "retrieve-enrolled-payment-method-by-id-pci-api.json" ||
             file == "unenroll-payment-method-api.json") {
    EXPECT_TRUE(method_round_trips(value));
  } else {
    return false;
  }
  return true;
}

struct AreaResult {
  int checked = 0;
  int single_examples = 0;
  std::vector<std::string> skipped;
};

AreaResult check_area(const std::string& area) {
  AreaResult result;
  const auto loaded = yuno::test::load_spec_examples(area);
  result.skipped = loaded.skipped;
  result.single_examples = loaded.single_examples;
  for (const auto& example : loaded.examples) {
    SCOPED_TRACE(example.where());
    if (!check(example)) {
      ADD_FAILURE() << "an example of a document this test does not know";
      continue;
    }
    ++result.checked;
  }
  yuno::test::report(area, result.checked, result.skipped);
  return result;
}

TEST(Contract, PaymentMethodsCheckoutExamplesRoundTrip) {
  const AreaResult result = check_area("payment-methods-checkout");
  // Requests: enroll in session 2. Responses: enroll 2, retrieve by id 2, methods to
  // enroll 1 (a list of 3), unenroll 1.
  EXPECT_GE(result.checked, 8);
  EXPECT_TRUE(result.skipped.empty());
}

TEST(Contract, PaymentMethodsDirectWorkflowExamplesRoundTrip) {
  const AreaResult result = check_area("payment-methods-direct-workflow");
  // Requests: enroll 5, account updater 1, reassign 1 (a single `example`). Responses:
  // enroll 3, account updater 1, retrieve 1 + 1 (PCI), list 1 (of 2), unenroll 1,
  // reassign 1 (a single `example`).
  EXPECT_GE(result.checked, 16);
  EXPECT_EQ(result.single_examples, 2);
  EXPECT_TRUE(result.skipped.empty());
}

}  // namespace
