// yuno_fuzz_seeds <spec dir> <out dir>: seed inputs for the fuzz targets from Yuno's OpenAPI
// documents (<spec dir>/openapi/<area>/*.json), the same examples the contract tests read
// (tests/unit/spec_contract.hpp). Writes, one file per distinct input:
//   <out>/parse_response/   every 2xx response example (the body, as JSON text)
//   <out>/error_body/       every 4xx/5xx response example
//   <out>/construct_event/  every payment example inside a payment.purchase event envelope
//   <out>/sandbox_handle/   every operation as a request (method, /v1 path with its ids as
//                           $variables, an idempotency key, the request example as body)
//   <out>/decimal/          every number of the examples
// Prints how many files each directory got. Exit 1 when the spec dir has no documents.

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::map<std::string, int> written;

void write_seed(const fs::path& out, const std::string& target, const std::string& content) {
  const fs::path dir = out / target;
  fs::create_directories(dir);
  char name[32];
  std::snprintf(name, sizeof name, "spec-%016zx", std::hash<std::string>{}(content));
  const fs::path file = dir / name;
  if (fs::exists(file)) return;
  std::ofstream(file, std::ios::binary) << content;
  ++written[target];
}

// The examples of one media type: "examples": {name: {"value": ...}} and "example": ...;
// values given as JSON text inside a string are parsed (as the contract tests do).
std::vector<json> examples_of(const json& content) {
  std::vector<json> out;
  const auto media = content.find("application/json");
  if (media == content.end() || !media->is_object()) return out;
  auto add = [&out](json value) {
    if (value.is_string()) {
      value = json::parse(value.get<std::string>(), nullptr, false);
      if (value.is_discarded()) return;
    }
    if (!value.is_null()) out.push_back(std::move(value));
  };
  if (const auto examples = media->find("examples");
      examples != media->end() && examples->is_object()) {
    for (const auto& [name, example] : examples->items()) {
      if (example.is_object()) add(example.value("value", json()));
    }
  }
  if (const auto example = media->find("example"); example != media->end()) add(*example);
  return out;
}

void collect_numbers(const json& value, std::set<std::string>& numbers) {
  if (value.is_number()) {
    numbers.insert(value.dump());
  } else if (value.is_structured()) {
    for (const auto& child : value) collect_numbers(child, numbers);
  }
}

// "/payments/{payment_id}/transactions/{transaction_id}/capture" ->
// "/v1/payments/$payment/transactions/$transaction/capture" (the fuzz target's variables).
std::string request_path(const std::string& path) {
  static const std::map<std::string, std::string> kVariables = {
      {"payment_id", "$payment"},         {"transaction_id", "$transaction"},
      {"customer_id", "$customer"},       {"checkout_session", "$session"},
      {"customer_session", "$customer_session"}, {"payment_method_id", "$vaulted_token"},
      {"webhook_id", "$id"}};
  std::string out = "/v1";
  std::string resource;  // the segment before a parameter: decides what {id} means
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '{') {
      const std::size_t end = path.find('}', i);
      if (end == std::string::npos) break;
      const std::string name = path.substr(i + 1, end - i - 1);
      std::string variable = "$id";
      if (const auto it = kVariables.find(name); it != kVariables.end()) {
        variable = it->second;
      } else if (resource == "payments") {
        variable = "$payment";
      } else if (resource == "customers") {
        variable = "$customer";
      } else if (resource == "sessions") {
        variable = "$session";
      }
      out += variable;
      i = end + 1;
      continue;
    }
    if (path[i] == '/') {
      const std::size_t next = path.find('/', i + 1);
      const std::string segment = path.substr(i + 1, next == std::string::npos ? std::string::npos
                                                                              : next - i - 1);
      if (!segment.empty() && segment.front() != '{') resource = segment;
    }
    out += path[i++];
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: yuno_fuzz_seeds <spec dir (shared/yuno-api)> <out dir>\n";
    return 2;
  }
  const fs::path openapi = fs::path(argv[1]) / "openapi";
  const fs::path out = argv[2];
  if (!fs::is_directory(openapi)) {
    std::cerr << "yuno_fuzz_seeds: no OpenAPI documents at " << openapi.string() << "\n";
    return 1;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(openapi)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());

  std::set<std::string> numbers;
  int sequence = 0;
  for (const fs::path& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    const json document = json::parse(text.str(), nullptr, false);
    if (document.is_discarded() || !document.contains("paths")) continue;
    for (const auto& [path, operations] : document["paths"].items()) {
      for (const auto& [method, operation] : operations.items()) {
        if (!operation.is_object() || method == "parameters") continue;
        std::string upper = method;
        std::transform(upper.begin(), upper.end(), upper.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        const std::string head = upper + " " + request_path(path) + "\nx-idempotency-key: seed-" +
                                 std::to_string(++sequence) + "\n\n";
        bool any_request = false;
        if (const auto body = operation.find("requestBody"); body != operation.end()) {
          if (const auto content = body->find("content"); content != body->end()) {
            for (const json& example : examples_of(*content)) {
              write_seed(out, "sandbox_handle", head + example.dump(2));
              collect_numbers(example, numbers);
              any_request = true;
            }
          }
        }
        if (!any_request) write_seed(out, "sandbox_handle", head);

        const auto responses = operation.find("responses");
        if (responses == operation.end()) continue;
        for (const auto& [status, response] : responses->items()) {
          const auto content = response.find("content");
          if (content == response.end()) continue;
          for (const json& example : examples_of(*content)) {
            collect_numbers(example, numbers);
            if (!status.empty() && status[0] == '2') {
              write_seed(out, "parse_response", example.dump(2));
              const bool payment = example.is_object() && example.contains("id") &&
                                   (example.contains("transactions") ||
                                    example.contains("merchant_order_id"));
              if (payment) {
                const json event = {{"type", "payment"},
                                    {"type_event", "payment.purchase"},
                                    {"account_id", example.value("account_id", json("acc"))},
                                    {"retry", 0},
                                    {"version", 2},
                                    {"data", {{"payment", example}}}};
                write_seed(out, "construct_event", "x-hmac-signature: \n\n" + event.dump());
              }
            } else if (!status.empty() && (status[0] == '4' || status[0] == '5')) {
              write_seed(out, "error_body", example.dump());
            }
          }
        }
      }
    }
  }
  for (const std::string& number : numbers) write_seed(out, "decimal", number);

  if (files.empty()) {
    std::cerr << "yuno_fuzz_seeds: no documents under " << openapi.string() << "\n";
    return 1;
  }
  for (const auto& [target, count] : written) {
    std::cout << "yuno_fuzz_seeds: " << target << ": " << count << " seeds\n";
  }
  return 0;
}
