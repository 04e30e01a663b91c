// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: Each Consumer's this-capturing delivery callback sits in the static DeliveryRegistry keyed by its address, but the ScopedRegistration member erases that key in its destructor, which always runs when the Consumer is destroyed.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace broker {

struct Message {
  std::string topic;
  std::string payload;
  uint64_t delivery_tag = 0;
};

class DeliveryRegistry {
 public:
  using Sink = std::function<void(const Message&)>;
  static DeliveryRegistry& instance() {
    static DeliveryRegistry r;
    return r;
  }
  void add(uintptr_t key, std::string topic, Sink sink) {
    entries_[key] = Entry{std::move(topic), std::move(sink)};
  }
  void remove(uintptr_t key) { entries_.erase(key); }
  size_t fan_out(const Message& m) const {
    size_t n = 0;
    for (auto& [key, e] : entries_)
      if (e.topic == m.topic) {
        e.sink(m);
        ++n;
      }
    return n;
  }
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string topic;
    Sink sink;
  };
  std::unordered_map<uintptr_t, Entry> entries_;
};

// RAII handle: registration lives exactly as long as the owning member.
template <typename Registry>
class ScopedRegistration {
 public:
  ScopedRegistration(Registry& reg, uintptr_t key, std::string topic, typename Registry::Sink sink)
      : reg_(&reg), key_(key) {
    reg_->add(key_, std::move(topic), std::move(sink));
  }
  ~ScopedRegistration() {
    if (reg_) reg_->remove(key_);
  }
  ScopedRegistration(const ScopedRegistration&) = delete;
  ScopedRegistration& operator=(const ScopedRegistration&) = delete;

 private:
  Registry* reg_;
  uintptr_t key_;
};

template <typename T>
uintptr_t key_of(const T* p) {
  return reinterpret_cast<uintptr_t>(p);
}

class Consumer {
 public:
  Consumer(std::string name, const std::string& topic, size_t prefetch)
      : name_(std::move(name)),
        prefetch_(prefetch),
        registration_(DeliveryRegistry::instance(), key_of(this), topic,
                      [this](const Message& m) { on_delivery(m); }) {
    ++live_;
  }
  ~Consumer() { --live_; }

  size_t acked() const { return acked_.size(); }
  static int live() { return live_; }

 private:
  void on_delivery(const Message& m) {
    if (inflight_.size() >= prefetch_) {
      acked_.insert(acked_.end(), inflight_.begin(), inflight_.end());
      inflight_.clear();
    }
    inflight_.push_back(m.delivery_tag);
  }

  std::string name_;
  size_t prefetch_;
  std::vector<uint64_t> inflight_;
  std::vector<uint64_t> acked_;
  // Declared last so it is destroyed first, before the state the sink touches.
  ScopedRegistration<DeliveryRegistry> registration_;
  static int live_;
};
int Consumer::live_ = 0;

class Exchange {
 public:
  size_t publish(const std::string& topic, std::string payload) {
    Message m{topic, std::move(payload), ++tag_};
    return DeliveryRegistry::instance().fan_out(m);
  }

 private:
  uint64_t tag_ = 0;
};

std::vector<std::unique_ptr<Consumer>> spawn_workers(const std::string& topic, int n) {
  std::vector<std::unique_ptr<Consumer>> out;
  for (int i = 0; i < n; ++i)
    out.push_back(std::make_unique<Consumer>(topic + "-worker-" + std::to_string(i), topic, 4));
  return out;
}

}  // namespace broker

int main() {
  broker::Exchange exchange;
  const size_t baseline = broker::DeliveryRegistry::instance().size();
  for (int batch = 0; batch < 5; ++batch) {
    auto orders = broker::spawn_workers("orders", 3);
    auto audit = std::make_unique<broker::Consumer>("auditor", "audit", 8);
    size_t delivered = 0;
    for (int i = 0; i < 20; ++i) {
      delivered += exchange.publish("orders", "order#" + std::to_string(i));
      delivered += exchange.publish("audit", "evt#" + std::to_string(i));
    }
    orders.clear();
    audit.reset();
    std::printf("batch %d: delivered=%zu live consumers=%d registry=%zu (baseline %zu)\n", batch,
                delivered, broker::Consumer::live(), broker::DeliveryRegistry::instance().size(),
                baseline);
  }
  return 0;
}
