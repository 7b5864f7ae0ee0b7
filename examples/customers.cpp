// Creates a customer and reads it back.
//
// Configure with the environment, as every example does:
//   YUNO_PUBLIC_API_KEY, YUNO_PRIVATE_SECRET_KEY, YUNO_ACCOUNT_ID
//   and optionally YUNO_ENVIRONMENT or YUNO_BASE_URL (e.g. a local yuno-sandbox).
#include <chrono>
#include <iostream>
#include <string>

#include <yuno/yuno.hpp>

int main() {
  try {
    yuno::YunoClient client(yuno::ClientOptions::from_env());
    std::cout << "Using " << client.base_url() << " (" << yuno::to_string(client.environment())
              << ")\n";

    // Your own id for the customer: unique per customer in your system.
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    yuno::CreateCustomerRequest request;
    request.merchant_customer_id =
        "example-" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now).count());
    request.first_name = "John";
    request.last_name = "Doe";
    request.email = "john.doe@example.com";
    request.country = "US";

    const yuno::Response<yuno::Customer> created = client.customers().create(request);
    std::cout << "Created customer " << created.id << " (idempotency key "
              << created.response_metadata().idempotency_key << ")\n";

    const yuno::Customer fetched = client.customers().retrieve(created.id);
    std::cout << "Read back " << fetched.id << ": " << fetched.first_name.value_or("?") << " "
              << fetched.last_name.value_or("?") << " <" << fetched.email.value_or("?") << ">\n";
    return 0;
  } catch (const yuno::ConfigurationError& e) {
    std::cerr << "Configuration: " << e.what()
              << "\nSet YUNO_PUBLIC_API_KEY and YUNO_PRIVATE_SECRET_KEY (see README).\n";
    return 2;
  } catch (const yuno::Error& e) {
    std::cerr << "Yuno error: " << e.what() << "\n";
    return 1;
  }
}
