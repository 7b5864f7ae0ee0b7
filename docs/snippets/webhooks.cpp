// docs/webhooks.md: receiving, verifying and de-duplicating Yuno's webhooks, and managing
// the account's webhook endpoints. The guide quotes the regions between `// [name]` markers
// (check_snippets.sh keeps them equal).
#include <iostream>
#include <map>
#include <string>

#include <yuno/yuno.hpp>

namespace docs {

// [handler]
// Called by your HTTP server for POST /webhooks with the body EXACTLY as received (not
// re-serialized, not trimmed) and the request headers. Returns the status to answer.
int handle_webhook(const std::string& raw_body, const std::map<std::string, std::string>& headers,
                   const yuno::webhooks::WebhookSecrets& secrets,
                   yuno::webhooks::Deduplicator& dedup, const yuno::YunoClient& client) {
  yuno::WebhookEvent event;
  std::optional<yuno::Payment> payment;
  try {
    // Checks x-api-key and x-secret (when configured), then x-hmac-signature, then parses.
    event = yuno::webhooks::construct_event(raw_body, headers, secrets);
    payment = event.payment();  // data.payment of payment events; empty for the others
  } catch (const yuno::SignatureVerificationError& e) {
    std::cerr << e.what() << "\n";  // says which check failed; never the secret
    return 401;
  } catch (const yuno::InvalidArgumentError& e) {
    return 400;  // correctly signed but not an event
  }
  if (!dedup.first_time(event.dedup_key())) return 200;  // a repeated delivery: done already

  if (payment) {
    // Events can arrive late and out of order: read the current state before acting.
    yuno::Payment current = client.payments().retrieve(payment->id);
    std::cout << current.merchant_order_id.value_or("?") << ": " << current.status << "\n";
  } else if (event.type == "enrollment") {
    std::optional<yuno::Json> method = event.enrollment();  // the stored payment method, raw
    (void)method;
  }
  // Unknown event types: answer 200 anyway, or Yuno sends them again for days.
  return 200;
}
// [handler]

// Stands for your database access in the example below.
struct Database {
  virtual ~Database() = default;
  /// Runs `sql` with one parameter; returns the number of rows it changed.
  virtual int execute(const std::string& sql, const std::string& parameter) = 0;
};

// [db-dedup]
// Several instances behind a load balancer: each delivery may reach any of them, so the
// "seen" set must be shared. A unique key in your database does it.
class DatabaseDeduplicator : public yuno::webhooks::Deduplicator {
 public:
  explicit DatabaseDeduplicator(Database& db) : db_(db) {}
  bool first_time(const std::string& key) override {
    // CREATE TABLE yuno_webhook_events (dedup_key TEXT PRIMARY KEY, received_at TIMESTAMP
    // DEFAULT now()); delete rows older than Yuno's retry window (about 4 days) now and then.
    return db_.execute("INSERT INTO yuno_webhook_events (dedup_key) VALUES ($1) "
                       "ON CONFLICT DO NOTHING",
                       key) == 1;
  }

 private:
  Database& db_;
};
// [db-dedup]

void single_process() {
  // [memory-dedup]
  yuno::webhooks::InMemoryDeduplicator dedup;  // 100,000 keys, each kept 5 days; thread-safe
  yuno::webhooks::WebhookSecrets secrets;
  secrets.hmac_secret = "the webhook's HMAC client secret";  // from your secret store
  // [memory-dedup]
  (void)dedup;
}

void manage(const yuno::YunoClient& client) {
  // [manage]
  yuno::CreateWebhookRequest request;  // account_id: ClientOptions::account_id
  request.name = "orders service";
  request.url = "https://shop.example.com/webhooks/yuno";
  request.hmac_client_secret = "a long random secret";  // signs every body
  request.payment_triggers = {yuno::WebhookPaymentTrigger::kPurchase,
                              yuno::WebhookPaymentTrigger::kAuthorize,
                              yuno::WebhookPaymentTrigger::kCapture,
                              yuno::WebhookPaymentTrigger::kRefund,
                              yuno::WebhookPaymentTrigger::kCancel};
  request.enrollment_triggers = {yuno::WebhookEnrollmentTrigger::kEnroll};
  yuno::Webhook webhook = client.webhooks().create(request);  // ConflictError if it exists

  for (const yuno::Webhook& existing : client.webhooks().list(yuno::WebhookState::kActive)) {
    std::cout << existing.id << " " << existing.name.value_or("") << "\n";  // secrets: "***"
  }

  yuno::UpdateWebhookRequest pause;
  pause.state = yuno::WebhookState::kInactive;  // stop deliveries; kActive resumes them
  client.webhooks().update(webhook.id, pause);
  client.webhooks().remove(webhook.id);
  // [manage]
}

}  // namespace docs

int main() {
  // A self-check of the verification path, with a body signed like Yuno signs it.
  const std::string body =
      R"({"type":"payment","type_event":"payment.purchase","retry":0,"version":2,)"
      R"("data":{"payment":{"id":"p-1","status":"SUCCEEDED","idempotency_key":"k-1"}}})";
  const std::string secret = "docs-secret";
  // [verify]
  // The lower-level calls: verify only, or verify and parse with the signature alone.
  bool genuine = yuno::webhooks::verify_signature(body, yuno::webhooks::sign(body, secret), secret);
  yuno::WebhookEvent event =
      yuno::webhooks::construct_event(body, yuno::webhooks::sign(body, secret), secret);
  // event.type_event == "payment.purchase"; event.dedup_key() == "payment.purchase:k-1"
  // [verify]
  if (!genuine || event.dedup_key() != "payment.purchase:k-1") {
    std::cerr << "unexpected: " << event.dedup_key() << "\n";
    return 1;
  }
  std::cout << "docs snippets: webhooks, " << event.dedup_key() << "\n";
  return 0;
}
