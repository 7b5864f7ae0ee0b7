// Fuzz target: a 4xx/5xx response turned into the typed exception (internal::throw_api_error,
// the one place that maps a status to an ApiError subclass), with Yuno's messages passed
// through the SDK's log scrubber (redact_body, as ClientCore::safe_for_log does).
//
// Properties: throw_api_error throws exactly the subclass its status calls for and nothing
// else; the exception keeps the raw body byte for byte and the status; its code and messages
// are what parse_error_body read, scrubbed, and hold nothing shaped like a card number
// (README: messages never contain card numbers).
//
// Input: the response body, raw; each input is tried with every status below. Seeds: Yuno's
// error codes in fuzz/corpus/error_body and any 4xx/5xx examples of the OpenAPI documents.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <typeinfo>

#include "fuzz_support.hpp"
#include "internal/error_mapping.hpp"
#include "internal/redact.hpp"
#include "internal/retry_policy.hpp"
#include "yuno/errors.hpp"

namespace {

constexpr int kStatuses[] = {400, 401, 403, 404, 405, 409, 418, 422, 429, 499,
                             500, 502, 503, 504, 599, 600, 302, 0,   -1};

// The subclass throw_api_error documents for `status`.
template <typename Expected>
bool is_exactly(const yuno::ApiError& error) {
  return typeid(error) == typeid(Expected);
}

bool right_type(int status, const yuno::ApiError& error) {
  if (status == 400 || status == 422) return is_exactly<yuno::InvalidRequestError>(error);
  if (status == 401) return is_exactly<yuno::AuthenticationError>(error);
  if (status == 403) return is_exactly<yuno::PermissionError>(error);
  if (status == 404) return is_exactly<yuno::NotFoundError>(error);
  if (status == 409) return is_exactly<yuno::ConflictError>(error);
  if (status == 429) return is_exactly<yuno::RateLimitError>(error);
  if (status >= 500 && status < 600) return is_exactly<yuno::ServerError>(error);
  return is_exactly<yuno::ApiError>(error);
}

std::string scrub(std::string_view text) { return yuno::internal::redact_body(text); }

// What the scrubber promises to leave no trace of: a run of 13 to 19 digits (single spaces
// or dashes between digits allowed), i.e. anything shaped like a card number.
bool has_card_like_run(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] < '0' || text[i] > '9') {
      ++i;
      continue;
    }
    std::size_t digits = 0;
    while (i < text.size()) {
      if (text[i] >= '0' && text[i] <= '9') {
        ++digits;
        ++i;
      } else if ((text[i] == ' ' || text[i] == '-') && i + 1 < text.size() &&
                 text[i + 1] >= '0' && text[i + 1] <= '9') {
        ++i;
      } else {
        break;
      }
    }
    if (digits >= 13 && digits <= 19) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body(yuno::fuzz::as_text(data, size));
  const auto expected = yuno::internal::parse_error_body(body);

  for (const int status : kStatuses) {
    yuno::HttpResponse response;
    response.status_code = status;
    response.body = body;
    yuno::RequestContext context;
    context.method = "POST";
    context.path = "/v1/payments";
    context.idempotency_key = "fuzz-key";
    context.attempts = 1;
    context.max_attempts = 3;
    try {
      yuno::internal::throw_api_error(response, context, &scrub);
    } catch (const yuno::ApiError& error) {
      YUNO_FUZZ_CHECK(right_type(status, error),
                      "status " + std::to_string(status) + " threw " + typeid(error).name());
      YUNO_FUZZ_CHECK(error.status_code() == status, "status not kept");
      YUNO_FUZZ_CHECK(error.raw_body() == body, "raw body not kept byte for byte");
      YUNO_FUZZ_CHECK(error.idempotency_key() == "fuzz-key", "context not kept");
      const std::string expected_code = expected ? scrub(expected->code) : std::string();
      YUNO_FUZZ_CHECK(error.code() == expected_code, "code differs from parse_error_body's");
      YUNO_FUZZ_CHECK(error.messages().size() == (expected ? expected->messages.size() : 0),
                      "message count differs from parse_error_body's");
      // Yuno's messages may echo input: what reaches the exception has no card number.
      YUNO_FUZZ_CHECK(!has_card_like_run(error.code()), "card-like digits in code: " + error.code());
      for (const std::string& message : error.messages()) {
        YUNO_FUZZ_CHECK(!has_card_like_run(message), "card-like digits in a message: " + message);
      }
      continue;
    }
    // Anything else (no throw is impossible: [[noreturn]]) escapes to libFuzzer.
  }
  return 0;
}
