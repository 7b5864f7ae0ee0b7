// Fuzz target: a 2xx response body read into every top-level model, through the SDK's own
// path (internal::parse_response / json_to_model, and the list and wrapper shapes the
// resource clients accept). The only exception allowed out is a yuno::Error
// (ResponseParseError for a body that is not the model, InvalidArgumentError when writing
// back an amount too large for a JSON number); anything else escapes and libFuzzer reports
// it. A model that was read is written back, read again and written again: the two JSON
// texts must be equal (what the SDK writes, it reads back unchanged).
//
// The SDK reads Payment and the models it nests from a JSON tape (internal/json_tape.hpp),
// nlohmann users through from_json: both must read every body alike (same values written
// back, same error), and refuse the same texts.
//
// Input: the response body, raw. Seeds: every 2xx response example of Yuno's OpenAPI
// documents (scripts/fuzz.sh writes them with yuno_fuzz_seeds) and fuzz/corpus/parse_response.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "internal/json_tape.hpp"
#include "internal/model_tape.hpp"
#include "internal/parse_response.hpp"
#include "yuno/errors.hpp"
#include "yuno/models/checkout_session.hpp"
#include "yuno/models/customer.hpp"
#include "yuno/models/enrollment.hpp"
#include "yuno/models/payment.hpp"
#include "yuno/models/payment_method.hpp"
#include "yuno/models/webhook.hpp"

namespace {

using yuno::internal::ApiResult;

ApiResult make_result(std::string body) {
  ApiResult result;
  result.response.status_code = 200;
  result.response.body = std::move(body);
  result.metadata.status_code = 200;
  result.context.method = "GET";
  result.context.path = "/v1/fuzz";
  return result;
}

// Model -> JSON -> model -> JSON: both JSON values equal. Writing may refuse an amount that
// cannot be a JSON number exactly (InvalidArgumentError): then there is nothing to compare.
template <typename T>
void check_round_trip(const T& model, const char* name) {
  nlohmann::json written;
  try {
    written = model;
  } catch (const yuno::InvalidArgumentError&) {
    return;
  }
  T again;
  try {
    again = written.template get<T>();
  } catch (const std::exception& e) {
    YUNO_FUZZ_CHECK(false, std::string(name) + ": the SDK's own output does not read back: " +
                               e.what() + "\n  written: " + written.dump());
  }
  const nlohmann::json rewritten = again;
  YUNO_FUZZ_CHECK(rewritten == written, std::string(name) + ": round trip differs\n  first:  " +
                                            written.dump() + "\n  second: " + rewritten.dump());
}

// parse_response<T>: what the single-object endpoints do.
template <typename T>
void parse_single(const std::string& body, const char* name) {
  try {
    yuno::Response<T> response = yuno::internal::parse_response<T>(make_result(body));
    check_round_trip<T>(response, name);
  } catch (const yuno::Error&) {
    // ResponseParseError: the documented outcome for a body that is not a T.
  }
}

// A JSON value already parsed, read as T (json_to_model), then round-tripped.
template <typename T>
void parse_value(const nlohmann::json& value, const ApiResult& result, const char* name) {
  try {
    T model = yuno::internal::json_to_model<T>(value, result);
    check_round_trip<T>(model, name);
  } catch (const yuno::Error&) {
  }
}

// The list shapes: a bare array, or an object wrapping it under `key`
// (payment methods, webhooks, checkout payment methods).
template <typename T>
void parse_list(const nlohmann::json& body, const ApiResult& result, const char* key,
                const char* name) {
  if (body.is_object()) {
    const auto list = body.find(key);
    if (list != body.end() && list->is_array()) parse_value<std::vector<T>>(*list, result, name);
  } else if (body.is_array()) {
    parse_value<std::vector<T>>(body, result, name);
  }
}

// A read's outcome: the model written back as JSON text, or the error's message.
template <typename T, typename Node>
std::string read_outcome(const Node& node) {
  try {
    const nlohmann::json written = node.template get<T>();
    return "read: " + written.dump();
  } catch (const std::exception& e) {
    return std::string("error: ") + e.what();
  }
}

template <typename T>
void check_tape_reads_as_dom(const nlohmann::json& dom, const yuno::internal::JsonTape& tape,
                             const char* name) {
  const std::string through_dom = read_outcome<T>(dom);
  const std::string through_tape = read_outcome<T>(tape.root());
  YUNO_FUZZ_CHECK(through_dom == through_tape,
                  std::string(name) + ": the tape and DOM paths differ\n  DOM:  " +
                      through_dom + "\n  tape: " + through_tape);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body(yuno::fuzz::as_text(data, size));

  // Single objects, each through parse_response exactly as the resource clients call it.
  parse_single<yuno::Payment>(body, "Payment");
  parse_single<yuno::Transaction>(body, "Transaction");
  parse_single<yuno::Customer>(body, "Customer");
  parse_single<yuno::CheckoutSession>(body, "CheckoutSession");
  parse_single<yuno::PaymentMethod>(body, "PaymentMethod");
  parse_single<yuno::OneTimeToken>(body, "OneTimeToken");
  parse_single<yuno::CustomerSession>(body, "CustomerSession");
  parse_single<yuno::Webhook>(body, "Webhook");
  parse_single<yuno::AccountUpdaterRegistration>(body, "AccountUpdaterRegistration");

  // The shapes around them (payments.cpp, customers.cpp, payment_methods.cpp,
  // checkout_sessions.cpp, webhook_endpoints.cpp): parse the body once, as they do.
  const ApiResult result = make_result(body);
  nlohmann::json parsed;
  try {
    parsed = yuno::internal::parse_json_body(result);
  } catch (const yuno::Error&) {
    yuno::internal::JsonTape tape;
    YUNO_FUZZ_CHECK(!tape.parse(body), "the tape read a body the DOM parser refused");
    return 0;  // not JSON: every parser above already said ResponseParseError
  }
  yuno::internal::JsonTape tape;
  YUNO_FUZZ_CHECK(tape.parse(body), "the tape refused a body the DOM parser read");
  YUNO_FUZZ_CHECK(tape.root().to_json() == parsed, "the tape parsed another value than the DOM");
  check_tape_reads_as_dom<yuno::Payment>(parsed, tape, "Payment");
  check_tape_reads_as_dom<yuno::Transaction>(parsed, tape, "Transaction");
  check_tape_reads_as_dom<yuno::PaymentMethod>(parsed, tape, "PaymentMethod");
  check_tape_reads_as_dom<std::vector<yuno::Payment>>(parsed, tape, "Payment list");

  // {"payment": {...}} (GET v2, 3DS) when there is no top-level id; lists of payments.
  if (parsed.is_object() && !parsed.contains("id")) {
    if (auto inner = parsed.find("payment"); inner != parsed.end() && inner->is_object()) {
      parse_value<yuno::Payment>(*inner, result, "Payment (wrapped)");
    }
  }
  if (parsed.is_array()) {
    parse_value<std::vector<yuno::Payment>>(parsed, result, "Payment list");
    if (!parsed.empty()) parse_value<yuno::Customer>(parsed.front(), result, "Customer (list)");
  }
  parse_list<yuno::PaymentMethod>(parsed, result, "payment_methods", "PaymentMethod list");
  parse_list<yuno::CheckoutPaymentMethod>(parsed, result, "payment_methods",
                                          "CheckoutPaymentMethod list");
  parse_list<yuno::Webhook>(parsed, result, "webhooks", "Webhook list");
  return 0;
}
