// Microbenchmarks of the SDK's CPU work per request (issue #6), with Google Benchmark.
//
//   build/bench/bench/yuno_bench_micro                    # all
//   build/bench/bench/yuno_bench_micro --benchmark_filter=Payment
//
// Groups: parsing Yuno's largest payment example (about 7 KB) into yuno::Payment, serialising
// a create-payment request, a whole SDK call without the network (an in-memory transport:
// request building with headers, key and URL, the retry loop, parsing), the same work written
// by hand for comparison, and yuno::Decimal.
#include <benchmark/benchmark.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>
#include <yuno/yuno.hpp>

// Internal pieces measured on their own: the request printer and the key generator.
#include "internal/json_tape.hpp"
#include "internal/json_text.hpp"
#include "internal/model_tape.hpp"
#include "internal/uuid.hpp"

namespace {

std::string read_data(const std::string& name) {
  const std::string path = std::string(YUNO_BENCH_DATA_DIR) + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const std::string& payment_7k() {
  static const std::string text = read_data("payment_7k.json");
  return text;
}

const std::string& payment_3k() {
  static const std::string text = read_data("payment_3k.json");
  return text;
}

const yuno::CreatePaymentRequest& create_request() {
  static const yuno::CreatePaymentRequest request =
      nlohmann::json::parse(read_data("create_payment_request.json")).get<yuno::CreatePaymentRequest>();
  return request;
}

// ---- Parsing a payment -------------------------------------------------------------------------

void BM_Payment7k_Parse(benchmark::State& state) {
  const std::string& text = payment_7k();
  for (auto _ : state) {
    yuno::Payment payment = nlohmann::json::parse(text).get<yuno::Payment>();
    benchmark::DoNotOptimize(payment);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Payment7k_Parse);

// The two halves of the above: text to nlohmann::json, then nlohmann::json to yuno::Payment.
void BM_Payment7k_JsonOnly(benchmark::State& state) {
  const std::string& text = payment_7k();
  for (auto _ : state) {
    nlohmann::json json = nlohmann::json::parse(text);
    benchmark::DoNotOptimize(json);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Payment7k_JsonOnly);

void BM_Payment7k_FromJson(benchmark::State& state) {
  const nlohmann::json json = nlohmann::json::parse(payment_7k());
  for (auto _ : state) {
    yuno::Payment payment = json.get<yuno::Payment>();
    benchmark::DoNotOptimize(payment);
  }
}
BENCHMARK(BM_Payment7k_FromJson);

// What the SDK itself does with a response body: a JSON tape (no DOM), read into the model.
void BM_Payment7k_ParseSdkTape(benchmark::State& state) {
  const std::string& text = payment_7k();
  for (auto _ : state) {
    yuno::internal::JsonTape tape;  // a fresh one, as each SDK call makes
    if (!tape.parse(text)) state.SkipWithError("the tape refused the payment");
    yuno::Payment payment = tape.root().get<yuno::Payment>();
    benchmark::DoNotOptimize(payment);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Payment7k_ParseSdkTape);

void BM_Payment7k_TapeOnly(benchmark::State& state) {
  const std::string& text = payment_7k();
  for (auto _ : state) {
    yuno::internal::JsonTape tape;  // a fresh one, as each SDK call makes
    if (!tape.parse(text)) state.SkipWithError("the tape refused the payment");
    benchmark::DoNotOptimize(tape);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Payment7k_TapeOnly);

void BM_Payment3k_Parse(benchmark::State& state) {
  const std::string& text = payment_3k();
  for (auto _ : state) {
    yuno::Payment payment = nlohmann::json::parse(text).get<yuno::Payment>();
    benchmark::DoNotOptimize(payment);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Payment3k_Parse);

// ---- Serialising a create-payment request ------------------------------------------------------

// What the SDK sends: to_json, then its exact printer (shortest round-trip floats).
void BM_CreatePaymentRequest_Serialize(benchmark::State& state) {
  const yuno::CreatePaymentRequest& request = create_request();
  for (auto _ : state) {
    std::string body = yuno::internal::dump_json(nlohmann::json(request));
    benchmark::DoNotOptimize(body);
  }
}
BENCHMARK(BM_CreatePaymentRequest_Serialize);

void BM_CreatePaymentRequest_ToJson(benchmark::State& state) {
  const yuno::CreatePaymentRequest& request = create_request();
  for (auto _ : state) {
    nlohmann::json json(request);
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK(BM_CreatePaymentRequest_ToJson);

// The SDK's printer against nlohmann's dump() of the same JSON value.
void BM_CreatePaymentRequest_DumpSdkPrinter(benchmark::State& state) {
  const nlohmann::json json(create_request());
  for (auto _ : state) {
    std::string body = yuno::internal::dump_json(json);
    benchmark::DoNotOptimize(body);
  }
}
BENCHMARK(BM_CreatePaymentRequest_DumpSdkPrinter);

void BM_CreatePaymentRequest_DumpNlohmann(benchmark::State& state) {
  const nlohmann::json json(create_request());
  for (auto _ : state) {
    std::string body = json.dump();
    benchmark::DoNotOptimize(body);
  }
}
BENCHMARK(BM_CreatePaymentRequest_DumpNlohmann);

// PaymentsClient::create copies the request (to fill in account_id) before serialising it.
void BM_CreatePaymentRequest_Copy(benchmark::State& state) {
  const yuno::CreatePaymentRequest& request = create_request();
  for (auto _ : state) {
    yuno::CreatePaymentRequest copy = request;
    benchmark::DoNotOptimize(copy);
  }
}
BENCHMARK(BM_CreatePaymentRequest_Copy);

void BM_IdempotencyKey(benchmark::State& state) {
  for (auto _ : state) {
    std::string key = yuno::internal::make_uuid_v4();
    benchmark::DoNotOptimize(key);
  }
}
BENCHMARK(BM_IdempotencyKey);

// ---- A whole SDK call, without the network -----------------------------------------------------

// Answers every request at once with a fixed response, like a server with zero latency.
class CannedTransport : public yuno::HttpTransport {
 public:
  explicit CannedTransport(std::string body) {
    response_.status_code = 200;
    response_.headers = {{"Content-Type", "application/json"},
                         {"x-request-id", "0d3b5f1e-8a2c-4c1e-9f00-3b6c2d1a7e55"}};
    response_.body = std::move(body);
  }
  yuno::TransportResult send(const yuno::HttpRequest& request) override {
    benchmark::DoNotOptimize(request.url.data());
    return response_;
  }

 private:
  yuno::HttpResponse response_;
};

yuno::YunoClient canned_client(std::string body) {
  yuno::ClientOptions options;
  options.public_api_key = "sandbox_yuno_cpp_demo_public_key";
  options.private_secret_key = "yuno_cpp_demo_private_secret_key";
  options.account_id = "8b2f1c3e-5d4a-4e6b-9c7d-0a1b2c3d4e5f";
  options.base_url = "https://api-sandbox.y.uno";
  options.transport = std::make_shared<CannedTransport>(std::move(body));
  return yuno::YunoClient(std::move(options));
}

// The request alone: headers, key, URL, body, the retry loop, metadata; the answer is a
// minimal payment so that parsing costs next to nothing.
void BM_SdkRequestOverhead_Create(benchmark::State& state) {
  const yuno::PaymentsClient payments = canned_client(R"({"id":"p-1"})").payments();
  const yuno::CreatePaymentRequest& request = create_request();
  for (auto _ : state) {
    auto payment = payments.create(request);
    benchmark::DoNotOptimize(payment);
  }
}
BENCHMARK(BM_SdkRequestOverhead_Create);

void BM_SdkRequestOverhead_Retrieve(benchmark::State& state) {
  const yuno::PaymentsClient payments = canned_client(R"({"id":"p-1"})").payments();
  for (auto _ : state) {
    auto payment = payments.retrieve("72c4a364-475d-4988-ac67-5f7b0e214b3b");
    benchmark::DoNotOptimize(payment);
  }
}
BENCHMARK(BM_SdkRequestOverhead_Retrieve);

// The whole call with the benchmark's 3 KB answer: all the SDK's CPU per request but curl's.
void BM_SdkCreate_InMemory(benchmark::State& state) {
  const yuno::PaymentsClient payments = canned_client(payment_3k()).payments();
  const yuno::CreatePaymentRequest& request = create_request();
  for (auto _ : state) {
    auto payment = payments.create(request);
    benchmark::DoNotOptimize(payment);
  }
}
BENCHMARK(BM_SdkCreate_InMemory);

// The same work by hand: serialise, key, header lines, URL, parse into yuno::Payment.
void BM_HandWrittenCreate_InMemory(benchmark::State& state) {
  const yuno::CreatePaymentRequest& request = create_request();
  const std::string& answer = payment_3k();
  const std::string base = "https://api-sandbox.y.uno";
  for (auto _ : state) {
    std::string body = nlohmann::json(request).dump();
    std::string key = yuno::internal::make_uuid_v4();
    std::string url = base + "/v1/payments";
    const std::string headers[] = {"public-api-key: sandbox_yuno_cpp_demo_public_key",
                                   "private-secret-key: yuno_cpp_demo_private_secret_key",
                                   "account-code: 8b2f1c3e-5d4a-4e6b-9c7d-0a1b2c3d4e5f",
                                   "Content-Type: application/json",
                                   "X-Idempotency-Key: " + key};
    benchmark::DoNotOptimize(body);
    benchmark::DoNotOptimize(url);
    benchmark::DoNotOptimize(headers);
    yuno::Payment payment = nlohmann::json::parse(answer).get<yuno::Payment>();
    benchmark::DoNotOptimize(payment);
  }
}
BENCHMARK(BM_HandWrittenCreate_InMemory);

// ---- yuno::Decimal -------------------------------------------------------------------------------

void BM_Decimal_Parse(benchmark::State& state) {
  for (auto _ : state) {
    yuno::Decimal value = yuno::Decimal::parse("123456.7891");
    benchmark::DoNotOptimize(value);
  }
}
BENCHMARK(BM_Decimal_Parse);

void BM_Decimal_ToString(benchmark::State& state) {
  const yuno::Decimal value = yuno::Decimal::parse("123456.7891");
  for (auto _ : state) {
    std::string text = value.to_string();
    benchmark::DoNotOptimize(text);
  }
}
BENCHMARK(BM_Decimal_ToString);

void BM_Decimal_Arithmetic(benchmark::State& state) {
  yuno::Decimal total = yuno::Decimal::parse("0");
  const yuno::Decimal price = yuno::Decimal::parse("19.99");
  for (auto _ : state) {
    total += price * 3;
    total -= price;
    benchmark::DoNotOptimize(total);
  }
}
BENCHMARK(BM_Decimal_Arithmetic);

// A JSON number (a double to nlohmann) read exactly into a Decimal, as every amount is.
void BM_Decimal_FromJsonNumber(benchmark::State& state) {
  const nlohmann::json number = nlohmann::json::parse("5000.25");
  for (auto _ : state) {
    yuno::Decimal value = number.get<yuno::Decimal>();
    benchmark::DoNotOptimize(value);
  }
}
BENCHMARK(BM_Decimal_FromJsonNumber);

void BM_Decimal_ToJson(benchmark::State& state) {
  const yuno::Decimal value = yuno::Decimal::parse("5000.25");
  for (auto _ : state) {
    nlohmann::json json = value;
    benchmark::DoNotOptimize(json);
  }
}
BENCHMARK(BM_Decimal_ToJson);

}  // namespace

BENCHMARK_MAIN();
