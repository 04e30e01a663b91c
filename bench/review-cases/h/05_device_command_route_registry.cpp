// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: DeviceProxy::goOnline() stores a command route capturing shared_from_this() in the CommandRouter singleton under a per-connection key, and nothing ever erases it, so every proxy from every reconnect stays alive for the life of the process.
#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace iot {

std::atomic<int> g_liveProxies{0};

struct Command {
    std::string name;
    std::string argument;
};

class CommandRouter {
public:
    using Route = std::function<bool(const Command&)>;

    static CommandRouter& instance() {
        static CommandRouter router;
        return router;
    }

    void addRoute(const std::string& key, Route route) {
        std::lock_guard<std::mutex> lk(mu_);
        routes_.emplace(key, std::move(route)); // LEAK-HERE
    }

    bool deliver(const std::string& key, const Command& cmd) {
        Route r;
        {
            std::lock_guard<std::mutex> lk(mu_);
            auto it = routes_.find(key);
            if (it == routes_.end()) return false;
            r = it->second;
        }
        return r(cmd);
    }

    size_t size() const {
        std::lock_guard<std::mutex> lk(mu_);
        return routes_.size();
    }

private:
    CommandRouter() = default;
    mutable std::mutex mu_;
    std::unordered_map<std::string, Route> routes_; // LEAK-HERE
};

struct ConnectionInfo {
    std::string deviceId;
    std::string remoteAddr;
    unsigned long epoch = 0;
};

std::string routeKey(const ConnectionInfo& c) { return c.deviceId + "#" + std::to_string(c.epoch); }

class DeviceProxy : public std::enable_shared_from_this<DeviceProxy> {
public:
    explicit DeviceProxy(ConnectionInfo conn) : conn_(std::move(conn)) { ++g_liveProxies; }
    ~DeviceProxy() { --g_liveProxies; }

    void goOnline() {
        auto self = shared_from_this();
        auto& router = CommandRouter::instance();
        router.addRoute(routeKey(conn_), [self](const Command& c) { return self->execute(c); }); // LEAK-HERE
        online_ = true;
    }

    void goOffline() {
        online_ = false;
        outbox_.clear();
    }

    const ConnectionInfo& connection() const { return conn_; }
    size_t queued() const { return outbox_.size(); }

private:
    bool execute(const Command& c) {
        if (!online_) return false;
        outbox_.push_back(c.name + ":" + c.argument);
        return true;
    }

    ConnectionInfo conn_;
    std::vector<std::string> outbox_;
    bool online_ = false;
};

class GatewayListener {
public:
    std::shared_ptr<DeviceProxy> accept(const std::string& deviceId, const std::string& addr) {
        ConnectionInfo info{deviceId, addr, ++epoch_};
        auto proxy = std::make_shared<DeviceProxy>(std::move(info));
        proxy->goOnline();
        active_[deviceId] = proxy;
        return proxy;
    }

    void onSocketClosed(const std::string& deviceId) {
        auto it = active_.find(deviceId);
        if (it == active_.end()) return;
        it->second->goOffline();
        active_.erase(it);
    }

    bool sendCommand(const std::string& deviceId, Command cmd) {
        auto it = active_.find(deviceId);
        if (it == active_.end()) return false;
        return CommandRouter::instance().deliver(routeKey(it->second->connection()), cmd);
    }

    size_t activeCount() const { return active_.size(); }

private:
    std::unordered_map<std::string, std::shared_ptr<DeviceProxy>> active_;
    unsigned long epoch_ = 0;
};

} // namespace iot

int main() {
    iot::GatewayListener listener;
    const char* fleet[] = {"thermo-01", "thermo-02", "valve-07", "meter-11", "meter-12"};
    for (int cycle = 0; cycle < 6; ++cycle) {
        for (const char* dev : fleet) {
            listener.accept(dev, "10.0.0." + std::to_string(cycle + 2));
            listener.sendCommand(dev, {"set_interval", std::to_string(30 + cycle)});
            listener.sendCommand(dev, {"reboot", ""});
            listener.onSocketClosed(dev);
        }
        std::printf("cycle %d: active=%zu routes=%zu live proxies=%d\n", cycle, listener.activeCount(),
                    iot::CommandRouter::instance().size(), iot::g_liveProxies.load());
        std::fflush(stdout);
    }
    return 0;
}
