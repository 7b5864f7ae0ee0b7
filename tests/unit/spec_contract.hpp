// The contract with Yuno's OpenAPI documents (YUNO_API_SPEC_DIR/openapi/<area>/*.json):
// loads every request example and every 2xx response example, so a test can parse each
// into the model its operation takes or returns and check the round trip.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace yuno::test {

struct SpecExample {
  std::string file;    ///< "create-payment.json"
  std::string method;  ///< "post"
  std::string path;    ///< "/payments/{payment_id}"
  bool is_request = false;
  std::string status;  ///< "201" for responses
  std::string name;    ///< the example's name in the document
  nlohmann::json value;

  std::string where() const {
    return file + " " + method + " " + path + (is_request ? " request" : " " + status) + " '" +
           name + "'";
  }
};

/// Examples skipped, each with its reason, for the test to print (never silently dropped).
struct SpecExamples {
  std::vector<SpecExample> examples;
  std::vector<std::string> skipped;
  int single_examples = 0;  ///< of `examples`, those given as a single `example` field
};

inline nlohmann::json strip_nulls(const nlohmann::json& value) {
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!it.value().is_null()) out[it.key()] = strip_nulls(it.value());
    }
    return out;
  }
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& element : value) out.push_back(strip_nulls(element));
    return out;
  }
  return value;
}

/// Loads the examples of openapi/<area>, from `examples` maps and single `example` fields.
/// Fails the current test when the directory is
/// missing. Examples given as JSON text inside a string are parsed; a string that is not
/// JSON (some documents leave an empty placeholder) is listed in `skipped` with the reason.
inline SpecExamples load_spec_examples(const std::string& area) {
  namespace fs = std::filesystem;
  SpecExamples out;
  const fs::path dir = fs::path(YUNO_API_SPEC_DIR) / "openapi" / area;
  if (!fs::is_directory(dir)) {
    ADD_FAILURE() << "Yuno's OpenAPI documents are not at " << dir.string()
                  << ": set the CMake cache variable YUNO_API_SPEC_DIR to shared/yuno-api";
    return out;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    const auto document = nlohmann::json::parse(text.str());
    for (const auto& [path, operations] : document.at("paths").items()) {
      for (const auto& [method, operation] : operations.items()) {
        if (!operation.is_object()) continue;  // path-level "parameters"
        auto add = [&](const nlohmann::json& content, bool is_request, const std::string& status) {
          const auto json_content = content.find("application/json");
          if (json_content == content.end()) return;
          // Most documents give an `examples` map; some give one `example` instead.
          if (const auto single = json_content->find("example");
              single != json_content->end() && !single->is_null()) {
            ++out.single_examples;
            out.examples.push_back(SpecExample{file.filename().string(), method, path,
                                               is_request, status, "(example)", *single});
          }
          const auto examples = json_content->find("examples");
          if (examples == json_content->end()) return;
          for (const auto& [name, example] : examples->items()) {
            SpecExample e{file.filename().string(), method, path, is_request, status, name,
                          example.value("value", nlohmann::json())};
            if (e.value.is_string()) {
              auto parsed = nlohmann::json::parse(e.value.get<std::string>(), nullptr, false);
              if (parsed.is_discarded() || !(parsed.is_object() || parsed.is_array())) {
                out.skipped.push_back(e.where() + ": the example is a string that is not JSON");
                continue;
              }
              e.value = std::move(parsed);
            }
            if (e.value.is_null()) {
              out.skipped.push_back(e.where() + ": the example has no value");
              continue;
            }
            out.examples.push_back(std::move(e));
          }
        };
        if (auto body = operation.find("requestBody"); body != operation.end()) {
          if (auto content = body->find("content"); content != body->end()) add(*content, true, "");
        }
        if (auto responses = operation.find("responses"); responses != operation.end()) {
          for (const auto& [status, response] : responses->items()) {
            if (status.empty() || status[0] != '2') continue;
            if (auto content = response.find("content"); content != response.end()) {
              add(*content, false, status);
            }
          }
        }
      }
    }
  }
  return out;
}

/// Parses `example` as Model and writes it back: equal to the example, nulls aside.
template <typename Model>
::testing::AssertionResult round_trips(const nlohmann::json& example) {
  Model model;
  try {
    model = example.get<Model>();
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "does not parse: " << e.what();
  }
  const nlohmann::json written = model;
  if (written != strip_nulls(example)) {
    return ::testing::AssertionFailure() << "round trip differs:\n  example: "
                                         << strip_nulls(example).dump() << "\n  written: "
                                         << written.dump();
  }
  return ::testing::AssertionSuccess();
}

/// Prints the count and every skip with its reason, as the contract tests report them.
inline void report(const std::string& area, int checked, const std::vector<std::string>& skipped) {
  std::cout << "[contract] " << area << ": " << checked << " examples checked, "
            << skipped.size() << " skipped\n";
  for (const auto& reason : skipped) std::cout << "[contract]   skipped " << reason << "\n";
}

}  // namespace yuno::test
