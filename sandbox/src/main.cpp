// yuno-sandbox: a local, stateful emulator of the Yuno API. See --help and docs/sandbox.md.
#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli.hpp"
#include "sandbox_server.hpp"

int main(int argc, char** argv) {
  using namespace yuno::sandbox;
  const std::vector<std::string> arguments(argv, argv + argc);
  const CliResult cli =
      parse_command_line(arguments, [](const char* name) { return std::getenv(name); });
  if (cli.help) {
    std::cout << usage_text();
    return 0;
  }
  if (!cli.error.empty()) {
    std::cerr << "yuno-sandbox: " << cli.error << "\nRun 'yuno-sandbox --help' for the options.\n";
    return 2;
  }

  // SIGINT and SIGTERM are taken by sigwait() below: block them before any thread starts,
  // so that every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  try {
    SandboxServer server(cli.options);
    server.start();
    std::cout << "yuno-sandbox listening on " << server.base_url() << std::endl;
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    std::cerr << "yuno-sandbox: stopping\n";
    server.stop();
  } catch (const std::invalid_argument& error) {
    std::cerr << "yuno-sandbox: " << error.what() << "\n";
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "yuno-sandbox: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
