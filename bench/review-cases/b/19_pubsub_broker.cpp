// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The singleton Broker creates a per-session presence topic on every connect and unsubscribe() only erases from the inner subscriber map so outer topic keys accumulate, while unsubscribeAll() merely nulls callbacks in the append-only wildcard_ vector.
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pubsub {

using SubId = std::uint64_t;
using Callback = std::function<void(const std::string& topic, const std::string& payload)>;

struct Subscriber {
    std::string clientId;
    Callback cb;
};

struct WildcardSub {
    SubId id;
    std::string prefix;
    Callback cb;
};

class Broker {
public:
    static Broker& instance();

    SubId subscribe(const std::string& topic, std::string clientId, Callback cb);
    SubId subscribePrefix(std::string prefix, Callback cb);
    void unsubscribe(const std::string& topic, SubId id);
    void unsubscribeAll(SubId id);
    void publish(const std::string& topic, const std::string& payload);

private:
    Broker() = default;
    std::mutex mu_;
    SubId next_ = 1;
    std::unordered_map<std::string, std::unordered_map<SubId, Subscriber>> topics_;  // LEAK-HERE
    std::vector<WildcardSub> wildcard_;  // LEAK-HERE
};

Broker& Broker::instance() {
    static Broker b;
    return b;
}

SubId Broker::subscribe(const std::string& topic, std::string clientId, Callback cb) {
    std::lock_guard<std::mutex> lock(mu_);
    SubId id = next_++;
    topics_[topic].emplace(id, Subscriber{std::move(clientId), std::move(cb)});  // LEAK-HERE
    return id;
}

SubId Broker::subscribePrefix(std::string prefix, Callback cb) {
    std::lock_guard<std::mutex> lock(mu_);
    SubId id = next_++;
    wildcard_.push_back(WildcardSub{id, std::move(prefix), std::move(cb)});  // LEAK-HERE
    return id;
}

void Broker::unsubscribe(const std::string& topic, SubId id) {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = topics_.find(topic); it != topics_.end()) it->second.erase(id);
}

void Broker::unsubscribeAll(SubId id) {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& w : wildcard_)
        if (w.id == id) w.cb = nullptr;
}

void Broker::publish(const std::string& topic, const std::string& payload) {
    std::vector<Callback> targets;
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (auto it = topics_.find(topic); it != topics_.end())
            for (auto& [id, sub] : it->second) targets.push_back(sub.cb);
        for (auto& w : wildcard_)
            if (w.cb && topic.compare(0, w.prefix.size(), w.prefix) == 0) targets.push_back(w.cb);
    }
    for (auto& cb : targets) cb(topic, payload);
}

class ClientSession {
public:
    explicit ClientSession(std::string id);
    ~ClientSession();

private:
    std::string id_;
    std::string presenceTopic_;
    SubId presenceSub_ = 0;
    SubId monitorSub_ = 0;
    std::size_t seen_ = 0;
};

ClientSession::ClientSession(std::string id)
    : id_(std::move(id)), presenceTopic_("presence/" + id_) {
    auto& broker = Broker::instance();
    presenceSub_ = broker.subscribe(presenceTopic_, id_, [this](const std::string&, const std::string&) { ++seen_; });
    monitorSub_ = broker.subscribePrefix("alerts/", [this](const std::string&, const std::string&) { ++seen_; });
    broker.publish("presence/online", id_);
}

ClientSession::~ClientSession() {
    auto& broker = Broker::instance();
    broker.unsubscribe(presenceTopic_, presenceSub_);
    broker.unsubscribeAll(monitorSub_);
    broker.publish("presence/offline", id_);
}

}  // namespace pubsub
