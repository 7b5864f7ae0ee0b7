#include "cli.hpp"

#include <charconv>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace yuno::sandbox {
namespace {

template <typename Number>
std::optional<Number> parse_number(const std::string& text) {
  Number value{};
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

template <typename Number>
std::string text_of(Number number) {
  if constexpr (std::is_floating_point_v<Number>) {
    std::string text = std::to_string(number);
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
  } else {
    return std::to_string(number);
  }
}

struct Parser {
  const std::vector<std::string>& arguments;
  std::size_t index = 0;
  CliResult result;

  // The value of `flag`: "--flag=value" or "--flag value".
  std::optional<std::string> value(const std::string& flag, const std::optional<std::string>& inline_value) {
    if (inline_value) return inline_value;
    if (index + 1 >= arguments.size()) {
      result.error = flag + " needs a value";
      return std::nullopt;
    }
    return arguments[++index];
  }

  template <typename Number>
  bool number(const std::string& flag, const std::optional<std::string>& inline_value, Number min,
              Number max, Number& out) {
    const auto text = value(flag, inline_value);
    if (!text) return false;
    const auto parsed = parse_number<Number>(*text);
    if (!parsed || !(*parsed >= min && *parsed <= max)) {
      result.error = flag + " must be a number between " + text_of(min) + " and " +
                     text_of(max) + " (got '" + text->substr(0, 32) + "')";
      return false;
    }
    out = *parsed;
    return true;
  }

  // A key or secret: never echoed in messages.
  bool secret(const std::string& flag, const std::optional<std::string>& inline_value,
              std::string& out) {
    const auto text = value(flag, inline_value);
    if (!text) return false;
    if (text->empty()) {
      result.error = flag + " must not be empty";
      return false;
    }
    out = *text;
    return true;
  }

  bool text(const std::string& flag, const std::optional<std::string>& inline_value,
            std::string& out) {
    const auto given = value(flag, inline_value);
    if (!given) return false;
    if (given->empty()) {
      result.error = flag + " must not be empty";
      return false;
    }
    out = *given;
    return true;
  }
};

}  // namespace

CliResult parse_command_line(const std::vector<std::string>& arguments,
                             const std::function<const char*(const char*)>& getenv) {
  Parser p{arguments, 0, {}};
  SandboxOptions& o = p.result.options;
  // Environment first; flags override it.
  auto from_env = [&](const char* name, std::string& out) {
    const char* value = getenv(name);
    if (value != nullptr && *value != '\0') out = value;
  };
  from_env("YUNO_PUBLIC_API_KEY", o.public_api_key);
  from_env("YUNO_PRIVATE_SECRET_KEY", o.private_secret_key);
  from_env("YUNO_ACCOUNT_ID", o.account_id);

  for (p.index = 1; p.index < arguments.size() && p.result.error.empty(); ++p.index) {
    std::string flag = arguments[p.index];
    std::optional<std::string> inline_value;
    if (const std::size_t equals = flag.find('='); flag.rfind("--", 0) == 0 && equals != std::string::npos) {
      inline_value = flag.substr(equals + 1);
      flag.resize(equals);
    }
    long long ms = 0;
    int integer = 0;
    std::uint64_t seed = 0;
    double rate = 0;
    if (flag == "--help" || flag == "-h") {
      p.result.help = true;
      return p.result;
    } else if (flag == "--host") {
      p.text(flag, inline_value, o.host);
    } else if (flag == "--port") {
      p.number(flag, inline_value, 0, 65535, o.port);
    } else if (flag == "--public-api-key") {
      p.secret(flag, inline_value, o.public_api_key);
    } else if (flag == "--private-secret-key") {
      p.secret(flag, inline_value, o.private_secret_key);
    } else if (flag == "--account-id") {
      p.text(flag, inline_value, o.account_id);
    } else if (flag == "--tls-cert") {
      p.text(flag, inline_value, o.tls_cert_file);
    } else if (flag == "--tls-key") {
      p.text(flag, inline_value, o.tls_key_file);
    } else if (flag == "--threads") {
      p.number(flag, inline_value, 1, 1024, o.threads);
    } else if (flag == "--processing-delay-ms") {
      if (p.number(flag, inline_value, 0LL, 600'000LL, ms)) o.processing_delay = std::chrono::milliseconds(ms);
    } else if (flag == "--max-body-bytes") {
      std::size_t bytes = 0;
      if (p.number(flag, inline_value, std::size_t{1024}, std::size_t{1} << 30, bytes)) {
        o.max_body_bytes = bytes;
      }
    } else if (flag == "--webhook-url") {
      if (p.text(flag, inline_value, o.webhooks.url) && o.webhooks.url.rfind("http://", 0) != 0 &&
          o.webhooks.url.rfind("https://", 0) != 0) {
        p.result.error = "--webhook-url must start with http:// or https://";
      }
    } else if (flag == "--webhook-secret") {
      p.secret(flag, inline_value, o.webhooks.secret);
    } else if (flag == "--webhook-api-key") {
      p.secret(flag, inline_value, o.webhooks.api_key);
    } else if (flag == "--webhook-x-secret") {
      p.secret(flag, inline_value, o.webhooks.x_secret);
    } else if (flag == "--webhook-initial-backoff-ms") {
      if (p.number(flag, inline_value, 0LL, 86'400'000LL, ms)) {
        o.webhooks.initial_backoff = std::chrono::milliseconds(ms);
      }
    } else if (flag == "--webhook-max-attempts") {
      p.number(flag, inline_value, 1, 100, o.webhooks.max_attempts);
    } else if (flag == "--fault-seed") {
      if (p.number(flag, inline_value, std::uint64_t{0}, std::numeric_limits<std::uint64_t>::max(), seed)) {
        o.faults.seed = seed;
      }
    } else if (flag == "--fault-server-error-rate") {
      if (p.number(flag, inline_value, 0.0, 1.0, rate)) o.faults.server_error_rate = rate;
    } else if (flag == "--fault-rate-limit-rate") {
      if (p.number(flag, inline_value, 0.0, 1.0, rate)) o.faults.rate_limit_rate = rate;
    } else if (flag == "--fault-latency-rate") {
      if (p.number(flag, inline_value, 0.0, 1.0, rate)) o.faults.latency_rate = rate;
    } else if (flag == "--fault-latency-ms") {
      if (p.number(flag, inline_value, 0LL, 600'000LL, ms)) o.faults.latency = std::chrono::milliseconds(ms);
    } else if (flag == "--fault-drop-before-rate") {
      if (p.number(flag, inline_value, 0.0, 1.0, rate)) o.faults.drop_before_rate = rate;
    } else if (flag == "--fault-drop-after-rate") {
      if (p.number(flag, inline_value, 0.0, 1.0, rate)) o.faults.drop_after_rate = rate;
    } else if (flag == "--fault-retry-after-seconds") {
      if (p.number(flag, inline_value, 0, 86'400, integer)) o.faults.retry_after_seconds = integer;
    } else if (flag.rfind("--", 0) == 0) {
      p.result.error = "unknown option '" + flag.substr(0, 64) + "'";
    } else {
      // Not echoed: a stray argument may well be a key that lost its flag.
      p.result.error = "unexpected argument #" + std::to_string(p.index) +
                       " (yuno-sandbox takes only --options)";
    }
  }
  if (!p.result.error.empty()) return p.result;

  if (o.tls_cert_file.empty() != o.tls_key_file.empty()) {
    p.result.error = "--tls-cert and --tls-key go together";
    return p.result;
  }
  try {
    o.faults.validate();
  } catch (const std::invalid_argument& error) {
    p.result.error = std::string("invalid fault settings: ") + error.what();
  }
  return p.result;
}

std::string usage_text() {
  return R"(Usage: yuno-sandbox [options]

A local, stateful emulator of the Yuno API (customers, checkout sessions, tokens, payments)
for the examples and tests of yuno-cpp. Prints one line when ready:
  yuno-sandbox listening on http://127.0.0.1:PORT
and stops cleanly on SIGINT or SIGTERM.

Server:
  --host ADDRESS              address to listen on (default 127.0.0.1)
  --port N                    port; 0 picks a free one (default 8080)
  --threads N                 worker threads, one connection each at a time (default 16)
  --tls-cert FILE             serve HTTPS with this PEM certificate (chain)...
  --tls-key FILE              ...and this PEM private key
  --processing-delay-ms N     payment create/capture/cancel/refund take N ms (default 0)
  --max-body-bytes N          largest request body accepted (default 1048576)

Credentials (each: the flag, else the environment variable, else the demo value):
  --public-api-key KEY        YUNO_PUBLIC_API_KEY      demo: sandbox_yuno_cpp_demo_public_key
  --private-secret-key KEY    YUNO_PRIVATE_SECRET_KEY  demo: yuno_cpp_demo_private_secret_key
  --account-id ID             YUNO_ACCOUNT_ID          demo: 8b2f1c3e-5d4a-4e6b-9c7d-0a1b2c3d4e5f

Webhooks (payment.purchase, .authorize, .capture, .refund, .cancel):
  --webhook-url URL           POST events here (default: no webhooks)
  --webhook-secret SECRET     sign bodies: x-hmac-signature = base64(HMAC-SHA256)
  --webhook-api-key KEY       send as x-api-key
  --webhook-x-secret SECRET   send as x-secret
  --webhook-initial-backoff-ms N   first retry delay, doubling (default 200)
  --webhook-max-attempts N    attempts per event, first included (default 8)

Fault injection on /v1 requests (deterministic for a seed; rates 0..1, summing to <= 1;
also at run time: PUT /_sandbox/faults):
  --fault-seed N
  --fault-server-error-rate R     answer 500/502/503/504
  --fault-rate-limit-rate R       answer 429 with Retry-After
  --fault-retry-after-seconds N   the Retry-After value (default 1)
  --fault-latency-rate R          add --fault-latency-ms (default 200) then answer
  --fault-latency-ms N
  --fault-drop-before-rate R      drop the connection without processing
  --fault-drop-after-rate R       process and commit, then drop the connection

Control API (loopback clients, no credentials): GET /_sandbox/health, POST /_sandbox/reset,
GET /_sandbox/stats, GET|PUT /_sandbox/faults.

  -h, --help                  this text
Exit status: 0 after a clean stop, 1 when the server cannot start, 2 for a bad command line.
)";
}

}  // namespace yuno::sandbox
