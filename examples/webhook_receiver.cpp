// A webhook endpoint: verifies Yuno's signature on the raw body, drops duplicate
// deliveries, prints each event and answers 200 (401 when verification fails).
//
//   webhook_receiver --port 8081 --secret "$YUNO_WEBHOOK_SECRET" [--max-events N]
//
// Point Yuno (or yuno-sandbox --webhook-url http://127.0.0.1:8081/webhooks) at it.
// With --max-events N it exits 0 after N distinct events (used by the demo).
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>
#include <string>

#include <httplib.h>

#include <yuno/webhooks.hpp>

int main(int argc, char** argv) {
  int port = 0;
  std::string secret = std::getenv("YUNO_WEBHOOK_SECRET") ? std::getenv("YUNO_WEBHOOK_SECRET") : "";
  long max_events = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--port") port = std::atoi(argv[i + 1]);
    else if (flag == "--secret") secret = argv[i + 1];
    else if (flag == "--max-events") max_events = std::atol(argv[i + 1]);
    else {
      std::cerr << "unknown flag " << flag << "\n";
      return 2;
    }
  }
  if (secret.empty()) {
    std::cerr << "set --secret or YUNO_WEBHOOK_SECRET (the webhook's HMAC secret)\n";
    return 2;
  }

  yuno::webhooks::InMemoryDeduplicator dedup;  // one process; use your database for several
  std::mutex print_mutex;
  std::atomic<long> distinct{0};
  httplib::Server server;

  server.Post("/webhooks", [&](const httplib::Request& request, httplib::Response& response) {
    std::map<std::string, std::string> headers(request.headers.begin(), request.headers.end());
    try {
      // request.body is the raw bytes: verify before any parsing.
      const yuno::WebhookEvent event =
          yuno::webhooks::construct_event(request.body, headers, {secret, {}, {}});
      const bool first = dedup.first_time(event.dedup_key());
      {
        std::lock_guard<std::mutex> lock(print_mutex);
        std::cout << "  webhook " << event.type_event << " (retry " << event.retry.value_or(0)
                  << ") signature verified";
        if (auto payment = event.payment()) {
          std::cout << ": payment " << payment->id << " " << payment->status.value() << "/"
                    << payment->sub_status.value();
        }
        std::cout << (first ? "" : " [duplicate, ignored]") << "\n" << std::flush;
      }
      response.status = 200;
      if (first && max_events > 0 && ++distinct >= max_events) server.stop();
    } catch (const yuno::SignatureVerificationError& e) {
      std::lock_guard<std::mutex> lock(print_mutex);
      std::cout << "  " << e.what() << "\n" << std::flush;  // "webhook rejected: ..."
      response.status = 401;
    } catch (const yuno::Error& e) {
      std::lock_guard<std::mutex> lock(print_mutex);
      std::cout << "  webhook not understood: " << e.what() << "\n" << std::flush;
      response.status = 400;
    }
  });

  int bound = port;  // --port 0: any free port
  if (port == 0) {
    bound = server.bind_to_any_port("127.0.0.1");
  } else if (!server.bind_to_port("127.0.0.1", port)) {
    bound = -1;
  }
  if (bound <= 0) {
    std::cerr << "cannot listen on 127.0.0.1:" << port << "\n";
    return 1;
  }
  std::cout << "webhook receiver listening on http://127.0.0.1:" << bound << "/webhooks\n"
            << std::flush;
  server.listen_after_bind();
  return 0;
}
