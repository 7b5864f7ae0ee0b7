// docs/going-live.md: the production configuration, checked at startup. The guide quotes the
// region between the `// [startup]` markers (check_snippets.sh keeps them equal).
#include <iostream>

#include <yuno/yuno.hpp>

int main() {
  try {
    // [startup]
    // The same code in every environment; only the variables change:
    //   YUNO_PUBLIC_API_KEY=prod_...      (a sandbox_ key cannot reach production)
    //   YUNO_PRIVATE_SECRET_KEY=...       (from your secret store, never in the code)
    //   YUNO_ACCOUNT_ID=...               (the production account's id)
    //   YUNO_ENVIRONMENT=production       (or production-eu; must agree with the key)
    yuno::YunoClient client(yuno::ClientOptions::from_env());
    std::clog << "Yuno: " << yuno::to_string(client.environment()) << " at " << client.base_url()
              << ", yuno-cpp " << yuno::version() << "\n";
    // [startup]
    return 0;
  } catch (const yuno::ConfigurationError& e) {  // names the option, never its value
    std::cerr << "Yuno configuration: " << e.what() << "\n";
    return 2;
  }
}
