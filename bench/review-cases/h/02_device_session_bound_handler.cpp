// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: DeviceSession::attach() pushes bindHandler(self, ...) — a std::bind holding a shared_ptr to the session — into the handler list of its own member dispatcher_, so every disconnected session keeps itself alive.
#include <atomic>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace iot::gateway {

std::atomic<int> g_liveSessions{0};

struct Frame {
    std::string topic;
    std::vector<unsigned char> payload;
};

// Per-session serial executor (strand-like); owned by value so that all work
// for one device runs in order.
class SerialExecutor {
public:
    void post(std::function<void()> task) { queue_.push_back(std::move(task)); }
    size_t runPending() {
        size_t n = 0;
        while (!queue_.empty()) {
            auto task = std::move(queue_.front());
            queue_.pop_front();
            task();
            ++n;
        }
        return n;
    }

private:
    std::deque<std::function<void()>> queue_;
};

class FrameDispatcher {
public:
    using Handler = std::function<bool(const Frame&)>;

    void addHandler(Handler h) { handlers_.push_back(std::move(h)); } // LEAK-HERE
    size_t dispatch(const Frame& f) {
        size_t consumed = 0;
        for (auto& h : handlers_)
            if (h(f)) ++consumed;
        return consumed;
    }

private:
    std::vector<Handler> handlers_; // LEAK-HERE
};

template <typename Obj>
FrameDispatcher::Handler bindHandler(std::shared_ptr<Obj> obj, bool (Obj::*fn)(const Frame&)) {
    return std::bind(fn, std::move(obj), std::placeholders::_1); // LEAK-HERE
}

class DeviceSession : public std::enable_shared_from_this<DeviceSession> {
public:
    explicit DeviceSession(std::string deviceId) : deviceId_(std::move(deviceId)) { ++g_liveSessions; }
    ~DeviceSession() { --g_liveSessions; }

    void attach() {
        auto self = shared_from_this();
        dispatcher_.addHandler(bindHandler(self, &DeviceSession::onTelemetry)); // LEAK-HERE
        dispatcher_.addHandler(bindHandler(self, &DeviceSession::onStatus)); // LEAK-HERE
        executor_.post([self] { self->sendHello(); });
        executor_.runPending();
    }

    void receive(Frame f) {
        auto self = shared_from_this();
        executor_.post([self, f = std::move(f)] { self->dispatcher_.dispatch(f); });
    }

    size_t flush() { return executor_.runPending(); }
    void close() { open_ = false; }

    const std::string& id() const { return deviceId_; }
    long samples() const { return samples_; }

private:
    bool onTelemetry(const Frame& f) {
        if (f.topic != "telemetry" || !open_) return false;
        samples_ += static_cast<long>(f.payload.size());
        return true;
    }
    bool onStatus(const Frame& f) {
        if (f.topic != "status") return false;
        lastStatus_.assign(f.payload.begin(), f.payload.end());
        return true;
    }
    void sendHello() { helloSent_ = true; }

    std::string deviceId_;
    SerialExecutor executor_;
    FrameDispatcher dispatcher_; // LEAK-HERE
    std::string lastStatus_;
    long samples_ = 0;
    bool helloSent_ = false;
    bool open_ = true;
};

class Gateway {
public:
    std::shared_ptr<DeviceSession> connect(const std::string& deviceId) {
        auto session = std::make_shared<DeviceSession>(deviceId);
        session->attach();
        sessions_[deviceId] = session;
        return session;
    }

    void ingest(const std::string& deviceId, Frame f) {
        auto it = sessions_.find(deviceId);
        if (it == sessions_.end()) return;
        it->second->receive(std::move(f));
        it->second->flush();
    }

    void disconnect(const std::string& deviceId) {
        auto it = sessions_.find(deviceId);
        if (it == sessions_.end()) return;
        it->second->close();
        sessions_.erase(it);
    }

    size_t connected() const { return sessions_.size(); }

private:
    std::map<std::string, std::shared_ptr<DeviceSession>> sessions_;
};

Frame makeTelemetry(int reading) {
    Frame f{"telemetry", {}};
    for (int i = 0; i < 4; ++i) f.payload.push_back(static_cast<unsigned char>(reading >> (8 * i)));
    return f;
}

} // namespace iot::gateway

int main() {
    using namespace iot::gateway;
    Gateway gw;
    for (int wave = 0; wave < 5; ++wave) {
        // Devices on a flaky cellular link reconnect every wave.
        for (int d = 0; d < 16; ++d) {
            std::string id = "sensor-" + std::to_string(d);
            gw.connect(id);
            for (int r = 0; r < 3; ++r) gw.ingest(id, makeTelemetry(wave * 100 + r));
            gw.ingest(id, Frame{"status", {'o', 'k'}});
            gw.disconnect(id);
        }
        std::printf("wave %d: connected=%zu live sessions=%d\n", wave, gw.connected(),
                    g_liveSessions.load());
        std::fflush(stdout);
    }
    return 0;
}
