// docs/errors-and-retries.md: handling each error type. The guide quotes the regions between
// `// [name]` markers (check_snippets.sh keeps them equal).
#include <chrono>
#include <iostream>
#include <optional>
#include <string>

#include <yuno/yuno.hpp>

namespace docs {

// [handle]
// What to do after each error. `pay` returns the payment, or nothing when the customer must
// be asked for something else; it rethrows what a person has to look at.
std::optional<yuno::Payment> pay(const yuno::YunoClient& client,
                                 const yuno::CreatePaymentRequest& request,
                                 yuno::RequestOptions options = {}) {
  try {
    return client.payments().create(request, options);
  } catch (const yuno::InvalidArgumentError& e) {
    // Nothing was sent: a bug in the request (empty id, bad decimal...). Fix the code.
    throw;
  } catch (const yuno::AuthenticationError& e) {
    // 401: wrong, expired or mixed-up keys. Fix the configuration; retrying cannot help.
    throw;
  } catch (const yuno::InvalidRequestError& e) {
    // 400/422: Yuno rejected it and nothing was charged. e.code() says why:
    // INVALID_PARAMETERS, MISSING_PARAMETERS, INVALID_STATUS... Fix the request.
    // IDEMPOTENCY_DUPLICATED: an earlier attempt with this key failed; a new attempt needs
    // a new key (leave RequestOptions::idempotency_key empty).
    std::cerr << e.status_code() << " " << e.code() << ": " << e.what() << "\n";
    return std::nullopt;
  } catch (const yuno::RateLimitError& e) {
    // 429 after every retry: slow down, try again later (a new call is a new attempt).
    throw;
  } catch (const yuno::ServerError& e) {
    // 5xx after every retry: the payment may or may not exist. Repeat later WITH THE SAME
    // KEY (options.idempotency_key = e.idempotency_key()): Yuno then answers with the
    // payment if the first attempt created it.
    std::cerr << "repeat later with key " << e.idempotency_key() << "\n";
    throw;
  } catch (const yuno::ConnectionError& e) {
    // No answer (TimeoutError and ClientClosedError included). may_have_reached_server()
    // false: nothing was sent. True: outcome unknown, repeat with the same key as above.
    std::cerr << e.what() << "; key " << e.idempotency_key() << "\n";
    throw;
  } catch (const yuno::ResponseParseError& e) {
    // A 2xx the SDK could not read: the payment WAS created. Retrieve it, or repeat with
    // the same key to get it again; e.raw_body() has the body for a bug report.
    throw;
  }
}
// [handle]

yuno::Payment repeat_after_unclear_failure(const yuno::YunoClient& client,
                                           const yuno::CreatePaymentRequest& request) {
  // [same-key]
  try {
    return client.payments().create(request);
  } catch (const yuno::ConnectionError& e) {
    if (!e.may_have_reached_server()) throw;  // nothing sent: safe to call again, any key
    // Outcome unknown. Repeat with the key of the failed call: at most one payment exists.
    yuno::RequestOptions again;
    again.idempotency_key = e.idempotency_key();
    return client.payments().create(request, again);
  }
  // [same-key]
}

void support_ticket(const yuno::ApiError& e) {
  // [ticket]
  // Everything Yuno's support asks for, and nothing secret (messages never hold keys,
  // secrets or card numbers):
  std::cerr << e.what() << "\n"                                 // one readable line
            << "status " << e.status_code() << " code " << e.code() << "\n"
            << "request id " << e.request_id() << "\n"                 // the server's
            << "idempotency key " << e.idempotency_key() << "\n"
            << "attempts " << e.attempts() << " of " << e.context().max_attempts << "\n"
            << e.context().method << " " << e.context().path << "\n";  // path template
  // [ticket]
}

void per_call_options(const yuno::YunoClient& client, const yuno::CreatePaymentRequest& request) {
  // [per-call]
  yuno::RequestOptions options;
  options.idempotency_key = "order-1001-attempt-1";  // your own key (keys live ~24 h)
  options.timeout = std::chrono::seconds(30);        // per attempt (default 75 s)
  options.max_retries = 0;                           // this call only: no retries
  client.payments().create(request, options);
  // [per-call]
}

}  // namespace docs

int main() {
  std::cout << "docs snippets: errors\n";
  return 0;
}
