// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The process-wide Broker appends a Subscription record for every subscribe() call and unsubscribe() only marks it inactive, so the per-topic vectors grow with every client that ever subscribed.
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>
#include <cstdint>

namespace pubsub {

using SubscriptionId = uint64_t;

struct Subscription {
    SubscriptionId id = 0;
    std::string clientName;
    std::function<void(const std::string&)> deliver;
    bool active = true;
};

class Broker {
public:
    static Broker& global() {
        static Broker b;
        return b;
    }

    SubscriptionId subscribe(const std::string& topic, std::string client,
                             std::function<void(const std::string&)> fn) {
        std::lock_guard<std::mutex> lk(mu_);
        SubscriptionId id = ++nextId_;
        topics_[topic].push_back(Subscription{id, std::move(client), std::move(fn), true}); // LEAK-HERE
        return id;
    }

    void unsubscribe(const std::string& topic, SubscriptionId id) {
        std::lock_guard<std::mutex> lk(mu_);
        auto it = topics_.find(topic);
        if (it == topics_.end()) return;
        for (auto& s : it->second)
            if (s.id == id) s.active = false;
    }

    size_t publish(const std::string& topic, const std::string& payload) {
        std::lock_guard<std::mutex> lk(mu_);
        size_t n = 0;
        auto it = topics_.find(topic);
        if (it == topics_.end()) return 0;
        for (auto& s : it->second) {
            if (!s.active) continue;
            s.deliver(payload);
            ++n;
        }
        return n;
    }

private:
    Broker() = default;
    std::mutex mu_;
    SubscriptionId nextId_ = 0;
    std::unordered_map<std::string, std::vector<Subscription>> topics_; // LEAK-HERE
};

size_t traceDelivery(const std::string& client, const std::string& payload) {
    static size_t deliveredBytes = 0;
    deliveredBytes += client.size() + payload.size();
    return deliveredBytes;
}

class ClientSession {
public:
    explicit ClientSession(std::string name) : name_(std::move(name)) {}
    void follow(const std::string& topic) {
        auto id = Broker::global().subscribe(topic, name_, [name = name_](const std::string& m) { traceDelivery(name, m); });
        subs_.push_back({topic, id});
    }
    ~ClientSession() {
        for (auto& [topic, id] : subs_) Broker::global().unsubscribe(topic, id);
    }

private:
    std::string name_;
    std::vector<std::pair<std::string, SubscriptionId>> subs_;
};

} // namespace pubsub

int main() {
    for (int i = 0; i < 200000; ++i) {
        pubsub::ClientSession s("client-" + std::to_string(i));
        s.follow("prices.eurusd");
        s.follow("news");
        pubsub::Broker::global().publish("news", "tick " + std::to_string(i));
    }
    return 0;
}
