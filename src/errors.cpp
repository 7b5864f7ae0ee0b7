#include "yuno/errors.hpp"

#include <utility>

namespace yuno {

RequestError::RequestError(const std::string& message, RequestContext context)
    : Error(message), context_(std::move(context)) {}

ApiError::ApiError(int status_code, std::string code, std::vector<std::string> messages,
                   std::string raw_body, RequestContext context)
    : RequestError(
          [&] {
            // "Yuno API 400 INVALID_PARAMETERS: a; b (POST /v1/customers, attempt 1/3)"
            std::string line = "Yuno API " + std::to_string(status_code);
            if (!code.empty()) line += " " + code;
            if (!messages.empty()) {
              line += ":";
              for (std::size_t i = 0; i < messages.size(); ++i) {
                line += (i == 0 ? " " : "; ") + messages[i];
              }
            }
            line += " (" + context.method + " " + context.path + ", attempt " +
                    std::to_string(context.attempts) + "/" +
                    std::to_string(context.max_attempts) + ")";
            return line;
          }(),
          context),
      status_code_(status_code),
      code_(std::move(code)),
      messages_(std::move(messages)),
      raw_body_(std::move(raw_body)) {}

ConnectionError::ConnectionError(const std::string& message, bool may_have_reached_server,
                                 RequestContext context)
    : RequestError(message, std::move(context)),
      may_have_reached_server_(may_have_reached_server) {}

ResponseParseError::ResponseParseError(const std::string& message, int status_code,
                                       std::string raw_body, RequestContext context)
    : RequestError(message, std::move(context)),
      status_code_(status_code),
      raw_body_(std::move(raw_body)) {}

}  // namespace yuno
