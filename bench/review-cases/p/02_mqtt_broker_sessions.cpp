// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Sessions still own their Subscriptions via shared_ptr, but the Subscription's back-reference to its subscriber is a weak_ptr, so erasing a session from the broker table destroys it and its subscriptions.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace mqtt {

struct PublishPacket {
  std::string topic;
  std::string payload;
  uint8_t qos = 0;
  uint16_t packet_id = 0;
};

class Session;

struct Subscription {
  std::string filter;
  uint8_t max_qos = 0;
  std::weak_ptr<Session> subscriber;  // session owns the subscription, not vice versa
  uint64_t delivered = 0;
};
using SubscriptionRef = std::shared_ptr<Subscription>;

class Session {
 public:
  Session(std::string client_id, bool clean_start)
      : client_id_(std::move(client_id)), clean_start_(clean_start) {}

  const std::string& clientId() const { return client_id_; }
  bool cleanStart() const { return clean_start_; }

  void track(SubscriptionRef sub) { subscriptions_.push_back(std::move(sub)); }
  const std::vector<SubscriptionRef>& subscriptions() const { return subscriptions_; }

  void enqueue(const PublishPacket& pkt) {
    if (inflight_.size() >= kMaxInflight) inflight_.pop_front();  // oldest QoS0 dropped
    inflight_.push_back(pkt);
  }
  void ack() {
    if (!inflight_.empty()) inflight_.pop_front();
  }
  size_t pending() const { return inflight_.size(); }

 private:
  static constexpr size_t kMaxInflight = 32;
  std::string client_id_;
  bool clean_start_;
  std::vector<SubscriptionRef> subscriptions_;
  std::deque<PublishPacket> inflight_;
};
using SessionPtr = std::shared_ptr<Session>;

static std::vector<std::string> splitLevels(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == '/') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

// MQTT 3.1.1 filter matching with '+' and trailing '#'.
bool topicMatches(const std::string& filter, const std::string& topic) {
  auto f = splitLevels(filter), t = splitLevels(topic);
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] == "#") return true;
    if (i >= t.size()) return false;
    if (f[i] != "+" && f[i] != t[i]) return false;
  }
  return f.size() == t.size();
}

class Broker {
 public:
  SessionPtr connect(const std::string& client_id, bool clean_start) {
    auto it = sessions_.find(client_id);
    if (it != sessions_.end() && !clean_start) return it->second;  // resume
    auto session = std::make_shared<Session>(client_id, clean_start);
    sessions_[client_id] = session;
    return session;
  }

  void subscribe(const SessionPtr& session, const std::string& filter, uint8_t qos) {
    auto sub = std::make_shared<Subscription>();
    sub->filter = filter;
    sub->max_qos = qos;
    sub->subscriber = session;
    session->track(sub);
    routes_[filter].push_back(std::move(sub));
  }

  size_t publish(const PublishPacket& pkt) {
    size_t fanout = 0;
    for (auto& [filter, subs] : routes_) {
      if (!topicMatches(filter, pkt.topic)) continue;
      for (auto& sub : subs) {
        auto target = sub->subscriber.lock();
        if (!target) continue;  // session went away between disconnect and route cleanup
        PublishPacket out = pkt;
        out.qos = std::min(pkt.qos, sub->max_qos);
        target->enqueue(out);
        ++sub->delivered;
        ++fanout;
      }
    }
    return fanout;
  }

  void disconnect(const std::string& client_id) {
    auto it = sessions_.find(client_id);
    if (it == sessions_.end() || !it->second->cleanStart()) return;
    dropRoutes(*it->second);
    sessions_.erase(it);
  }

  size_t sessionCount() const { return sessions_.size(); }
  size_t routeCount() const { return routes_.size(); }

 private:
  void dropRoutes(const Session& s) {
    for (const auto& sub : s.subscriptions()) {
      auto rit = routes_.find(sub->filter);
      if (rit == routes_.end()) continue;
      auto& vec = rit->second;
      vec.erase(std::remove(vec.begin(), vec.end(), sub), vec.end());
      if (vec.empty()) routes_.erase(rit);
    }
  }

  std::unordered_map<std::string, SessionPtr> sessions_;
  std::map<std::string, std::vector<SubscriptionRef>> routes_;
};

}  // namespace mqtt

int main() {
  mqtt::Broker broker;
  auto dashboard = broker.connect("dashboard", /*clean_start=*/false);
  broker.subscribe(dashboard, "telemetry/#", 1);

  size_t delivered = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string id = "sensor-" + std::to_string(i);
    auto session = broker.connect(id, /*clean_start=*/true);
    broker.subscribe(session, "cmd/" + id + "/+", 1);
    broker.subscribe(session, "broadcast/#", 0);

    delivered += broker.publish({"telemetry/" + id + "/temp", "21.5", 1, uint16_t(i)});
    delivered += broker.publish({"cmd/" + id + "/reboot", "{}", 1, uint16_t(i + 1)});
    delivered += broker.publish({"broadcast/firmware", "v2.3.1", 0, 0});
    while (session->pending() > 0) session->ack();

    broker.disconnect(id);
  }
  std::printf("delivered=%zu sessions=%zu routes=%zu\n", delivered, broker.sessionCount(),
              broker.routeCount());
  return 0;
}
