// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: DashboardSubscription::start stores a lambda capturing shared_from_this() in the function-local static TelemetryBus, but close(), which DashboardServer::onDisconnect always calls, detaches that token from the bus, so the static drops its reference.
#include <cstdint>
#include <deque>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace iotgw {

static int g_liveSubs = 0;

struct Sample {
    std::string deviceId;
    std::string metric;
    double value;
};

class TelemetryBus {
public:
    using Callback = std::function<void(const Sample&)>;

    std::uint64_t attach(const std::string& topic, Callback cb) {
        std::uint64_t token = ++lastToken_;
        byTopic_[topic].push_back(Entry{token, std::move(cb)});
        return token;
    }
    void detach(const std::string& topic, std::uint64_t token) {
        auto it = byTopic_.find(topic);
        if (it == byTopic_.end()) return;
        auto& v = it->second;
        for (auto e = v.begin(); e != v.end(); ++e) {
            if (e->token == token) {
                v.erase(e);
                break;
            }
        }
        if (v.empty()) byTopic_.erase(it);
    }
    void publish(const std::string& topic, const Sample& s) {
        auto it = byTopic_.find(topic);
        if (it == byTopic_.end()) return;
        for (auto& e : it->second) e.fn(s);
    }
    std::size_t listeners() const {
        std::size_t n = 0;
        for (const auto& kv : byTopic_) n += kv.second.size();
        return n;
    }

private:
    struct Entry {
        std::uint64_t token;
        Callback fn;
    };
    std::map<std::string, std::vector<Entry>> byTopic_;
    std::uint64_t lastToken_ = 0;
};

TelemetryBus& telemetryBus() {
    static TelemetryBus bus;
    return bus;
}

std::string topicFor(const std::string& deviceId, const std::string& metric) {
    return "devices/" + deviceId + "/" + metric;
}

class DashboardSubscription : public std::enable_shared_from_this<DashboardSubscription> {
public:
    DashboardSubscription(std::string clientId, std::string topic)
        : clientId_(std::move(clientId)), topic_(std::move(topic)) {
        ++g_liveSubs;
    }
    ~DashboardSubscription() { --g_liveSubs; }

    void start();
    void close() {
        // Websocket went away; stop buffering for it.
        active_ = false;
        pending_.clear();
        telemetryBus().detach(topic_, token_);
    }
    void push(const Sample& s) {
        if (!active_) return;
        pending_.push_back(s);
        if (pending_.size() > 32) pending_.pop_front();
    }
    std::size_t pending() const { return pending_.size(); }

private:
    std::string clientId_;
    std::string topic_;
    std::uint64_t token_ = 0;
    bool active_ = true;
    std::deque<Sample> pending_;
};

namespace {
std::uint64_t listen(const std::string& topic, std::shared_ptr<DashboardSubscription> sub) {
    return telemetryBus().attach(topic, [sub](const Sample& s) { sub->push(s); });
}
} // namespace

void DashboardSubscription::start() {
    auto self = shared_from_this();
    token_ = listen(topic_, self);
}

class DashboardServer {
public:
    std::shared_ptr<DashboardSubscription> onWatch(const std::string& client, const std::string& device) {
        auto sub = std::make_shared<DashboardSubscription>(client, topicFor(device, "temp"));
        sub->start();
        clients_[client] = sub;
        return sub;
    }
    void onDisconnect(const std::string& client) {
        auto it = clients_.find(client);
        if (it == clients_.end()) return;
        it->second->close();
        clients_.erase(it);
    }

private:
    std::map<std::string, std::shared_ptr<DashboardSubscription>> clients_;
};

} // namespace iotgw

int main() {
    using namespace iotgw;
    DashboardServer dash;
    for (int i = 0; i < 6; ++i) {
        std::string client = "browser-" + std::to_string(i);
        dash.onWatch(client, "thermo-" + std::to_string(i % 2));
        telemetryBus().publish(topicFor("thermo-0", "temp"), {"thermo-0", "temp", 20.0 + i});
        dash.onDisconnect(client);
        std::cout << "after " << client << " left: bus listeners=" << telemetryBus().listeners()
                  << " live subscriptions=" << g_liveSubs << "\n";
    }
    return 0;
}
