// Webhook delivery for yuno-sandbox (see webhooks.hpp).
//
// One worker thread owns delivery. Events wait in `queue_` (first attempts, publish order)
// or, after a failed attempt, in `retries_` with their due time; the worker sleeps on a
// condition variable until the next one is due, a new event comes, or it is told to stop.
// The attempt itself runs without the lock; the destructor interrupts it through httplib's
// thread-safe stop().
#include "webhooks.hpp"

#include "json_io.hpp"

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

namespace yuno::sandbox {
namespace {

using Clock = std::chrono::steady_clock;

// "https://host:port/path?q" -> {"https://host:port", "/path?q"}. Throws
// std::invalid_argument for anything but an absolute http(s) URL with a host.
std::pair<std::string, std::string> split_url(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    throw std::invalid_argument("webhook URL must start with http:// or https://");
  }
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") {
    throw std::invalid_argument("webhook URL must start with http:// or https://");
  }
  const auto authority_start = scheme_end + 3;
  auto path_start = url.find_first_of("/?#", authority_start);
  if (path_start == std::string::npos) path_start = url.size();
  if (path_start == authority_start) throw std::invalid_argument("webhook URL has no host");
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      throw std::invalid_argument("webhook URL contains spaces or control characters");
    }
  }
  std::string path = url.substr(path_start);
  if (const auto fragment = path.find('#'); fragment != std::string::npos) path.erase(fragment);
  if (path.empty() || path.front() != '/') path.insert(path.begin(), '/');
  return {url.substr(0, path_start), path};
}

void validate(const WebhookSettings& settings) {
  if (!settings.url.empty()) split_url(settings.url);
  if (settings.max_attempts < 1) throw std::invalid_argument("max_attempts must be at least 1");
  if (settings.initial_backoff.count() < 0) {
    throw std::invalid_argument("initial_backoff must not be negative");
  }
  if (!(settings.multiplier >= 1.0) || !std::isfinite(settings.multiplier)) {
    throw std::invalid_argument("multiplier must be at least 1");
  }
  if (settings.timeout.count() <= 0) throw std::invalid_argument("timeout must be positive");
}

// initial_backoff * multiplier^retries_so_far, capped at an hour.
std::chrono::milliseconds backoff(const WebhookSettings& settings, int retries_so_far) {
  const double delay = static_cast<double>(settings.initial_backoff.count()) *
                       std::pow(settings.multiplier, retries_so_far);
  const double cap = 3'600'000.0;
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::min(delay, cap)));
}

}  // namespace

// An event between publish() and its last attempt.
struct WebhookDispatcher::Pending {
  nlohmann::json envelope;
  int attempts = 0;  ///< made so far
  Clock::time_point due;
};

void to_json(nlohmann::json& j, const WebhookStats& stats) {
  j = nlohmann::json{{"published", stats.published}, {"delivered", stats.delivered},
                     {"attempts", stats.attempts},   {"abandoned", stats.abandoned},
                     {"pending", stats.pending}};
}

// Deliberately not yuno::webhooks::sign: the emulator signs with OpenSSL's own base64 so
// that the SDK's verifier is checked against an independent implementation.
std::string WebhookDispatcher::sign(const std::string& body, const std::string& secret) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest,
           &digest_length) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  std::string encoded(4 * ((digest_length + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()), digest,
                                     static_cast<int>(digest_length));
  encoded.resize(static_cast<std::size_t>(length));
  return encoded;
}

WebhookDispatcher::WebhookDispatcher(WebhookSettings settings) {
  validate(settings);
  settings_ = std::move(settings);
  worker_ = std::thread([this] { run(); });
}

WebhookDispatcher::~WebhookDispatcher() {
  std::unique_lock<std::mutex> lock(mutex_);
  stopping_ = true;
  wake_.notify_all();
  idle_.notify_all();
  // Interrupt a delivery under way. stop() only reaches a request whose socket is open, so
  // keep at it (briefly waiting on the worker's signal in between) until the worker is out.
  while (!worker_done_) {
    if (in_flight_ != nullptr) in_flight_->stop();
    idle_.wait_for(lock, std::chrono::milliseconds(10));
  }
  lock.unlock();
  if (worker_.joinable()) worker_.join();
}

void WebhookDispatcher::publish(nlohmann::json envelope) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (settings_.url.empty() || stopping_) return;
    if (!envelope.is_object()) envelope = nlohmann::json::object();
    queue_.push_back(std::move(envelope));
    ++stats_.published;
    ++stats_.pending;
  }
  wake_.notify_all();
}

void WebhookDispatcher::configure(const WebhookSettings& settings) {
  validate(settings);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    settings_ = settings;
    if (settings_.url.empty()) {
      // Webhooks turned off: what was waiting will never be sent.
      stats_.pending -= queue_.size() + retries_.size();
      queue_.clear();
      retries_.clear();
    }
  }
  wake_.notify_all();
  idle_.notify_all();
}

WebhookSettings WebhookDispatcher::settings() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return settings_;
}

WebhookStats WebhookDispatcher::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stats_;
}

bool WebhookDispatcher::wait_idle(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return idle_.wait_for(lock, timeout, [this] { return stats_.pending == 0 || stopping_; }) &&
         stats_.pending == 0;
}

void WebhookDispatcher::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    // Next event: a retry that is due (it waited longest), else a first attempt, else wait
    // for the earliest retry or a new event.
    Pending pending;
    const auto earliest = std::min_element(
        retries_.begin(), retries_.end(),
        [](const Pending& a, const Pending& b) { return a.due < b.due; });
    if (earliest != retries_.end() && earliest->due <= Clock::now()) {
      pending = std::move(*earliest);
      retries_.erase(earliest);
    } else if (!queue_.empty()) {
      pending.envelope = std::move(queue_.front());
      queue_.pop_front();
    } else {
      if (earliest != retries_.end()) {
        wake_.wait_until(lock, earliest->due);
      } else {
        wake_.wait(lock);
      }
      continue;  // re-examine: stopping, a new event, or configure() may have come
    }

    const WebhookSettings settings = settings_;
    pending.envelope["retry"] = pending.attempts;
    std::shared_ptr<httplib::Client> client;
    std::string path;
    std::string body;
    httplib::Headers headers{{"User-Agent", "yuno-sandbox"}};
    try {
      body = dump_json(pending.envelope);  // amounts exactly, as the API responses
      auto target = split_url(settings.url);
      path = std::move(target.second);
      if (!settings.secret.empty()) {
        headers.emplace("x-hmac-signature", sign(body, settings.secret));
      }
      if (!settings.api_key.empty()) headers.emplace("x-api-key", settings.api_key);
      if (!settings.x_secret.empty()) headers.emplace("x-secret", settings.x_secret);
      client = std::make_shared<httplib::Client>(target.first);
      client->set_connection_timeout(settings.timeout);
      client->set_read_timeout(settings.timeout);
      client->set_write_timeout(settings.timeout);
      client->set_keep_alive(false);
      client->set_follow_location(false);
    } catch (const std::exception&) {
      client.reset();  // counted as a failed attempt below
    }
    in_flight_ = client;
    ++stats_.attempts;
    ++pending.attempts;

    lock.unlock();
    bool delivered = false;
    if (client != nullptr) {
      try {
        httplib::Result result = client->Post(path, headers, body, "application/json");
        delivered = result && result->status == 200;
      } catch (const std::exception&) {
        delivered = false;
      }
    }
    lock.lock();
    in_flight_.reset();
    if (stopping_) break;

    if (delivered) {
      ++stats_.delivered;
      --stats_.pending;
    } else if (settings_.url.empty()) {
      --stats_.pending;  // turned off meanwhile: dropped
    } else if (pending.attempts >= settings.max_attempts) {
      ++stats_.abandoned;
      --stats_.pending;
    } else {
      pending.due = Clock::now() + backoff(settings, pending.attempts - 1);
      retries_.push_back(std::move(pending));
    }
    if (stats_.pending == 0) idle_.notify_all();
  }
  worker_done_ = true;
  idle_.notify_all();
}

}  // namespace yuno::sandbox
