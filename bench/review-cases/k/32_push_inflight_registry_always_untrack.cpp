// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: Each DeliveryAttempt puts its own shared_from_this() into the process-wide InflightRegistry<DeliveryAttempt> singleton via the CRTP base's track(), but start() untracks it after dispatch() returns regardless of the provider outcome, so the registry only holds attempts while they are in flight.
#include <cstddef>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

namespace push {

enum class ProviderStatus { Ok, RetryLater, Unregistered, PayloadTooLarge };

struct Notification {
  std::string deviceToken;
  std::string title;
  std::string body;
};

template <class T>
class InflightRegistry {
public:
  static InflightRegistry& instance() {
    static InflightRegistry registry;
    return registry;
  }
  void put(const std::string& key, std::shared_ptr<T> item) {
    byKey_[key] = std::move(item);
  }
  void erase(const std::string& key) { byKey_.erase(key); }
  std::size_t size() const { return byKey_.size(); }

private:
  std::unordered_map<std::string, std::shared_ptr<T>> byKey_;
};

template <class Derived>
class InflightTracked : public std::enable_shared_from_this<Derived> {
protected:
  void track(const std::string& key) {
    auto self = this->shared_from_this();
    InflightRegistry<Derived>::instance().put(key, std::move(self));
  }
  void untrack(const std::string& key) { InflightRegistry<Derived>::instance().erase(key); }
};

// Stand-in for the APNs/FCM client.
class ProviderTransport {
public:
  ProviderStatus send(const Notification& n, int attempt) {
    ++sent_;
    std::size_t h = std::hash<std::string>()(n.deviceToken);
    if (n.body.size() > 256) return ProviderStatus::PayloadTooLarge;
    if (h % 7 == 0) return ProviderStatus::Unregistered;
    if (h % 3 == 0 && attempt == 0) return ProviderStatus::RetryLater;
    return ProviderStatus::Ok;
  }
  std::size_t sent() const { return sent_; }

private:
  std::size_t sent_ = 0;
};

struct DeliveryStats {
  int delivered = 0, dropped = 0, rejected = 0, unregistered = 0;
};

class DeliveryAttempt : public InflightTracked<DeliveryAttempt> {
public:
  static int live;
  using FeedbackFn = std::function<void(const std::string& token)>;

  static std::shared_ptr<DeliveryAttempt> create(std::string id, Notification n, ProviderTransport& t,
                                                 DeliveryStats& stats, FeedbackFn feedback) {
    return std::shared_ptr<DeliveryAttempt>(
        new DeliveryAttempt(std::move(id), std::move(n), t, stats, std::move(feedback)));
  }
  ~DeliveryAttempt() { --live; }

  void start() {
    track(id_);
    dispatch();
    untrack(id_);
  }

private:
  DeliveryAttempt(std::string id, Notification n, ProviderTransport& t, DeliveryStats& stats, FeedbackFn fb)
      : id_(std::move(id)), note_(std::move(n)), transport_(t), stats_(stats), feedback_(std::move(fb)) {
    ++live;
  }

  void dispatch() {
    ProviderStatus st = transport_.send(note_, attempts_);
    while (st == ProviderStatus::RetryLater && ++attempts_ < 3) st = transport_.send(note_, attempts_);
    onProviderResponse(st);
  }

  void onProviderResponse(ProviderStatus st) {
    switch (st) {
    case ProviderStatus::Ok:
      ++stats_.delivered;
      break;
    case ProviderStatus::RetryLater:
      ++stats_.dropped;
      break;
    case ProviderStatus::PayloadTooLarge:
      ++stats_.rejected;
      break;
    case ProviderStatus::Unregistered:
      ++stats_.unregistered;
      if (feedback_) feedback_(note_.deviceToken);
      break;
    }
  }

  std::string id_;
  Notification note_;
  ProviderTransport& transport_;
  DeliveryStats& stats_;
  FeedbackFn feedback_;
  int attempts_ = 0;
};
int DeliveryAttempt::live = 0;

class PushService {
public:
  explicit PushService(DeliveryAttempt::FeedbackFn fb) : feedback_(std::move(fb)) {}
  void notify(const std::string& token, const std::string& title, const std::string& body) {
    std::string id = "msg-" + std::to_string(++seq_);
    auto attempt = DeliveryAttempt::create(id, Notification{token, title, body}, transport_, stats_, feedback_);
    attempt->start();
  }
  const DeliveryStats& stats() const { return stats_; }

private:
  ProviderTransport transport_;
  DeliveryStats stats_;
  DeliveryAttempt::FeedbackFn feedback_;
  long seq_ = 0;
};

} // namespace push

int main() {
  int uninstalled = 0;
  push::PushService service([&uninstalled](const std::string&) { ++uninstalled; });
  for (int round = 1; round <= 5; ++round) {
    for (int u = 0; u < 200; ++u)
      service.notify("device-" + std::to_string(round * 1000 + u), "Order shipped", "Your parcel is on the way");
    std::printf("round %d: live attempts=%d inflight=%zu delivered=%d uninstalled=%d\n", round,
                push::DeliveryAttempt::live, push::InflightRegistry<push::DeliveryAttempt>::instance().size(),
                service.stats().delivered, uninstalled);
  }
  return 0;
}
