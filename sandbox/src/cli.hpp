// yuno-sandbox's command line: flags, then YUNO_* environment variables, then the demo
// defaults. Error messages name flags, never the value of a key or secret.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sandbox_server.hpp"

namespace yuno::sandbox {

struct CliResult {
  SandboxOptions options;
  bool help = false;
  std::string error;  ///< set when the command line is invalid (exit status 2)
};

/// `getenv` is the environment lookup (std::getenv in main, a map in tests): it returns
/// nullptr for an unset variable.
CliResult parse_command_line(const std::vector<std::string>& arguments,
                             const std::function<const char*(const char*)>& getenv);

/// The --help text.
std::string usage_text();

}  // namespace yuno::sandbox
