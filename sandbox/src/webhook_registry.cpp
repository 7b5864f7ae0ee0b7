// The event targets of yuno-sandbox (see webhook_registry.hpp).
//
// Each webhook created through the API has its own WebhookDispatcher (its own thread,
// queue, retries and signature key), so a slow or failing endpoint never delays another's
// events. The registry's mutex guards the list; dispatchers are destroyed after it is
// released, as stopping one may wait briefly for a delivery under way.
#include "webhook_registry.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>

#include "api_types.hpp"
#include "ids.hpp"

namespace yuno::sandbox {
namespace {

// The first id handed out: Yuno's documents show decimal ids such as "12345".
constexpr std::uint64_t kFirstId = 12345;

[[noreturn]] void conflict() {
  throw ApiError(409, "WEBHOOK_ALREADY_EXISTS",
                 "A webhook with the same name, or url and trigger(s), already exists for this "
                 "account.");
}

bool share_a_trigger(const std::optional<std::vector<std::string>>& a,
                     const std::optional<std::vector<std::string>>& b) {
  if (!a || !b) return false;
  for (const std::string& trigger : *a) {
    if (std::find(b->begin(), b->end(), trigger) != b->end()) return true;
  }
  return false;
}

const char* const kFamilies[] = {"enrollment", "payment", "report", "subscription", "onboarding"};

bool same_url_and_trigger(const WebhookRecord& a, const WebhookRecord& b) {
  if (a.url != b.url) return false;
  for (const char* family : kFamilies) {
    if (share_a_trigger(*a.triggers(family), *b.triggers(family))) return true;
  }
  return false;
}

}  // namespace

const std::optional<std::vector<std::string>>* WebhookRecord::triggers(
    const std::string& family) const {
  if (family == "enrollment") return &enrollment_triggers;
  if (family == "payment") return &payment_triggers;
  if (family == "report") return &report_triggers;
  if (family == "subscription") return &subscription_triggers;
  if (family == "onboarding") return &onboarding_triggers;
  return nullptr;
}

bool WebhookRecord::wants(const std::string& type_event) const {
  if (state != "ACTIVE") return false;
  const auto dot = type_event.find('.');
  if (dot == std::string::npos) return false;
  const auto* list = triggers(type_event.substr(0, dot));
  if (list == nullptr || !list->has_value()) return false;
  std::string trigger = type_event.substr(dot + 1);
  for (char& c : trigger) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return std::find((*list)->begin(), (*list)->end(), trigger) != (*list)->end();
}

struct WebhookRegistry::Impl {
  struct Entry {
    WebhookRecord record;
    std::shared_ptr<WebhookDispatcher> dispatcher;
  };

  mutable std::mutex mutex;
  std::vector<Entry> entries;  ///< oldest first
  std::uint64_t next_id = kFirstId;

  Entry* find(const std::string& id) {
    for (Entry& entry : entries) {
      if (entry.record.id == id) return &entry;
    }
    return nullptr;
  }

  // 409 when a webhook other than `record` itself takes its name, or its url with a
  // trigger in common.
  void check_conflicts(const WebhookRecord& record) const {
    for (const Entry& entry : entries) {
      if (entry.record.id == record.id) continue;
      if (entry.record.name == record.name || same_url_and_trigger(entry.record, record)) {
        conflict();
      }
    }
  }
};

namespace {

// The delivery settings of `record`: its url and credentials, with the retry settings of
// the command line's webhook.
WebhookSettings settings_for(const WebhookRecord& record, const WebhookSettings& configured) {
  WebhookSettings settings;
  settings.url = record.url;
  settings.secret = record.hmac_client_secret.value_or("");
  settings.api_key = record.api_key.value_or("");
  settings.x_secret = record.secret.value_or("");
  settings.max_attempts = configured.max_attempts;
  settings.initial_backoff = configured.initial_backoff;
  settings.multiplier = configured.multiplier;
  settings.timeout = configured.timeout;
  return settings;
}

[[noreturn]] void unusable_url() {
  throw ApiError(400, "WEBHOOK_INVALID_REQUEST", "url must be an http or https URL.");
}

}  // namespace

WebhookRegistry::WebhookRegistry(WebhookDispatcher& configured)
    : configured_(configured), impl_(std::make_unique<Impl>()) {}

WebhookRegistry::~WebhookRegistry() = default;

bool WebhookRegistry::has_targets() const {
  if (!configured_.settings().url.empty()) return true;
  std::lock_guard<std::mutex> lock(impl_->mutex);
  for (const auto& entry : impl_->entries) {
    if (entry.record.state == "ACTIVE") return true;
  }
  return false;
}

void WebhookRegistry::publish(const nlohmann::json& envelope) {
  if (!configured_.settings().url.empty()) configured_.publish(envelope);
  const auto type_event = envelope.find("type_event");
  if (type_event == envelope.end() || !type_event->is_string()) return;
  const std::string& event = type_event->get_ref<const std::string&>();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  for (const auto& entry : impl_->entries) {
    if (entry.record.wants(event)) entry.dispatcher->publish(envelope);
  }
}

std::vector<WebhookRecord> WebhookRegistry::list() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  std::vector<WebhookRecord> out;
  out.reserve(impl_->entries.size());
  for (const auto& entry : impl_->entries) out.push_back(entry.record);
  return out;
}

std::optional<WebhookRecord> WebhookRegistry::find(const std::string& id) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const Impl::Entry* entry = impl_->find(id);
  if (entry == nullptr) return std::nullopt;
  return entry->record;
}

WebhookRecord WebhookRegistry::add(WebhookRecord record) {
  const WebhookSettings configured = configured_.settings();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  record.id.clear();  // never equal to a stored id during the conflict check
  impl_->check_conflicts(record);
  std::shared_ptr<WebhookDispatcher> dispatcher;
  try {
    dispatcher = std::make_shared<WebhookDispatcher>(settings_for(record, configured));
  } catch (const std::invalid_argument&) {
    unusable_url();
  }
  record.id = std::to_string(impl_->next_id++);
  record.created_at = now_timestamp();
  record.updated_at = record.created_at;
  impl_->entries.push_back(Impl::Entry{record, std::move(dispatcher)});
  return record;
}

WebhookRecord WebhookRegistry::update(const std::string& id,
                                      const std::function<void(WebhookRecord&)>& change) {
  const WebhookSettings configured = configured_.settings();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Impl::Entry* entry = impl_->find(id);
  if (entry == nullptr) {
    throw ApiError(404, "WEBHOOK_NOT_FOUND", "The webhook does not exist for this account.");
  }
  WebhookRecord updated = entry->record;
  change(updated);
  updated.id = entry->record.id;
  updated.created_at = entry->record.created_at;
  impl_->check_conflicts(updated);
  try {
    entry->dispatcher->configure(settings_for(updated, configured));
  } catch (const std::invalid_argument&) {
    unusable_url();
  }
  updated.updated_at = now_timestamp();
  entry->record = std::move(updated);
  return entry->record;
}

std::optional<WebhookRecord> WebhookRegistry::remove(const std::string& id) {
  std::shared_ptr<WebhookDispatcher> stopping;  // destroyed after the lock is released
  std::lock_guard<std::mutex> lock(impl_->mutex);
  auto& entries = impl_->entries;
  const auto it = std::find_if(entries.begin(), entries.end(),
                               [&](const Impl::Entry& entry) { return entry.record.id == id; });
  if (it == entries.end()) return std::nullopt;
  WebhookRecord record = std::move(it->record);
  stopping = std::move(it->dispatcher);
  entries.erase(it);
  return record;
}

void WebhookRegistry::clear() {
  std::vector<Impl::Entry> stopping;  // destroyed after the lock is released
  std::lock_guard<std::mutex> lock(impl_->mutex);
  stopping.swap(impl_->entries);
}

WebhookStats WebhookRegistry::stats() const {
  WebhookStats total = configured_.stats();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  for (const auto& entry : impl_->entries) {
    const WebhookStats one = entry.dispatcher->stats();
    total.published += one.published;
    total.delivered += one.delivered;
    total.attempts += one.attempts;
    total.abandoned += one.abandoned;
    total.pending += one.pending;
  }
  return total;
}

bool WebhookRegistry::wait_idle(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto left = [&] {
    return std::max(std::chrono::milliseconds(0),
                    std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now()));
  };
  std::vector<std::shared_ptr<WebhookDispatcher>> dispatchers;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    for (const auto& entry : impl_->entries) dispatchers.push_back(entry.dispatcher);
  }
  bool idle = configured_.wait_idle(left());
  for (const auto& dispatcher : dispatchers) idle = dispatcher->wait_idle(left()) && idle;
  return idle;
}

}  // namespace yuno::sandbox
