// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Each DeviceSession's start() stores a handler capturing shared_from_this() (via the alias `self`) in the singleton TopicRouter's route table, and disconnect() only drops the gateway's own pointer, so the singleton keeps every session that ever connected alive forever.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace iot {

struct Frame {
  std::string topic;
  uint16_t type = 0;
  std::vector<uint8_t> payload;
};

template <typename T>
struct LiveCount {
  static inline int live = 0;
  LiveCount() { ++live; }
  LiveCount(const LiveCount&) { ++live; }
  ~LiveCount() { --live; }
};

class TopicRouter {
 public:
  using Handler = std::function<void(const Frame&)>;

  static TopicRouter& instance() {
    static TopicRouter router;
    return router;
  }

  uint64_t add(const std::string& topic, Handler fn) {
    routes_[topic].push_back(Route{nextId_, std::move(fn)});  // LEAK-HERE
    return nextId_++;
  }

  void remove(const std::string& topic, uint64_t id) {
    auto it = routes_.find(topic);
    if (it == routes_.end()) return;
    auto& vec = it->second;
    for (auto r = vec.begin(); r != vec.end(); ++r)
      if (r->id == id) { vec.erase(r); break; }
    if (vec.empty()) routes_.erase(it);
  }

  void publish(const Frame& f) const {
    auto it = routes_.find(f.topic);
    if (it == routes_.end()) return;
    for (const auto& r : it->second) r.fn(f);
  }

  size_t routeCount() const {
    size_t n = 0;
    for (const auto& kv : routes_) n += kv.second.size();
    return n;
  }

 private:
  struct Route {
    uint64_t id;
    Handler fn;
  };
  std::unordered_map<std::string, std::vector<Route>> routes_;  // LEAK-HERE
  uint64_t nextId_ = 1;
};

class Endpoint : public std::enable_shared_from_this<Endpoint> {
 public:
  virtual ~Endpoint() = default;
  virtual std::vector<std::string> topics() const = 0;
  virtual void onFrame(const Frame& f) = 0;
};

// Wires an endpoint into the router for every topic it declares.
std::vector<std::pair<std::string, uint64_t>> bindTopics(const std::shared_ptr<Endpoint>& ep) {
  std::vector<std::pair<std::string, uint64_t>> ids;
  for (const auto& topic : ep->topics()) {
    auto self = ep;
    auto id = TopicRouter::instance().add(topic, [self](const Frame& f) { self->onFrame(f); });  // LEAK-HERE
    ids.emplace_back(topic, id);
  }
  return ids;
}

class DeviceSession : public Endpoint, private LiveCount<DeviceSession> {
 public:
  explicit DeviceSession(std::string deviceId) : deviceId_(std::move(deviceId)) {
    shadow_.reserve(256);
  }

  std::vector<std::string> topics() const override {
    return {"dev/" + deviceId_ + "/telemetry", "dev/" + deviceId_ + "/config"};
  }

  void onFrame(const Frame& f) override {
    ++framesSeen_;
    shadow_.assign(f.payload.begin(), f.payload.end());
  }

  void start() { routeIds_ = bindTopics(shared_from_this()); }

  const std::string& id() const { return deviceId_; }
  uint64_t framesSeen() const { return framesSeen_; }

 private:
  std::string deviceId_;
  std::vector<uint8_t> shadow_;
  std::vector<std::pair<std::string, uint64_t>> routeIds_;
  uint64_t framesSeen_ = 0;
};

class Gateway {
 public:
  std::shared_ptr<DeviceSession> connect(const std::string& deviceId) {
    auto session = std::make_shared<DeviceSession>(deviceId);
    session->start();
    sessions_[deviceId] = session;
    return session;
  }

  void disconnect(const std::string& deviceId) { sessions_.erase(deviceId); }

  size_t connected() const { return sessions_.size(); }

 private:
  std::unordered_map<std::string, std::shared_ptr<DeviceSession>> sessions_;
};

std::string deviceName(int fleet, int unit) {
  return "sensor-" + std::to_string(fleet) + "-" + std::to_string(unit);
}

}  // namespace iot

int main() {
  iot::Gateway gw;
  for (int round = 0; round < 5; ++round) {
    for (int unit = 0; unit < 100; ++unit) {
      std::string id = iot::deviceName(round, unit);
      gw.connect(id);
      iot::Frame f{"dev/" + id + "/telemetry", 1, {1, 2, 3, 4}};
      iot::TopicRouter::instance().publish(f);
    }
    for (int unit = 0; unit < 100; ++unit) gw.disconnect(iot::deviceName(round, unit));
    std::printf("round %d: connected=%zu live_sessions=%d routes=%zu\n", round, gw.connected(),
                iot::LiveCount<iot::DeviceSession>::live, iot::TopicRouter::instance().routeCount());
  }
  return 0;
}
