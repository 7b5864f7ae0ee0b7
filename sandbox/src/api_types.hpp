// The request and response types the emulator works with, independent of the HTTP server
// (http_server.cpp reads and writes them on the wire), and ApiError: a Yuno error
// answer, `{"code": "...", "messages": ["..."]}`, thrown by any handler.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace yuno::sandbox {

/// A Yuno error answer. Thrown by handlers; SandboxApp turns it into the error body.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, std::vector<std::string> messages);
  ApiError(int status, std::string code, std::string message);

  int status() const noexcept { return status_; }
  const std::string& code() const noexcept { return code_; }
  const std::vector<std::string>& messages() const noexcept { return messages_; }

 private:
  int status_;
  std::string code_;
  std::vector<std::string> messages_;
};

using NameValues = std::vector<std::pair<std::string, std::string>>;

struct ApiRequest {
  std::string method;  ///< "GET", "POST"... ("HEAD" is answered like "GET")
  std::string path;    ///< decoded, without the query
  NameValues query;    ///< decoded query parameters
  NameValues headers;  ///< names in lower case
  std::string body;
  std::string remote_addr;

  /// The first header with this (lower-case) name, or nullptr.
  const std::string* header(std::string_view lower_name) const;
  /// The first query parameter with this name, or nullptr.
  const std::string* query_param(std::string_view name) const;
};

struct ApiResponse {
  int status = 200;
  std::string body;  ///< JSON text (or empty, e.g. for 202 on DELETE)
  NameValues headers;
  /// Send the status line and headers, then break the body and close the connection:
  /// the client sees a transport error (fault injection).
  bool drop_connection = false;
};

/// `status` with a JSON body.
ApiResponse json_response(int status, std::string body);
/// The Yuno error body for `error`.
ApiResponse error_response(const ApiError& error);
/// The Yuno error body `{"code": code, "messages": [message]}`.
ApiResponse error_response(int status, std::string_view code, std::string_view message);

}  // namespace yuno::sandbox
