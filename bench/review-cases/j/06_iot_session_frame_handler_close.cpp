// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: DeviceSession::open stores a handler bound to shared_from_this() in its own frameHandler_ via the overridden setFrameHandler, but Gateway::drop always calls close() first, which passes an empty handler through the same override and breaks the self-reference.
#include <cstdint>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gateway {

static int g_liveSessions = 0;

struct Frame {
    std::string deviceId;
    std::string topic;
    double value = 0.0;
};

using FrameHandler = std::function<void(const Frame&)>;

// Transport-neutral endpoint: MQTT, CoAP and raw TCP sessions all implement this.
class Endpoint {
public:
    virtual ~Endpoint() = default;
    virtual void setFrameHandler(FrameHandler h) = 0;
    virtual void deliver(const Frame& f) = 0;
    virtual void close() = 0;
    virtual std::string describe() const = 0;
};

class TelemetryStore {
public:
    void record(const std::string& device, const std::string& topic, double v) {
        last_[device + "/" + topic] = v;
        ++samples_;
    }
    std::size_t samples() const { return samples_; }

private:
    std::map<std::string, double> last_;
    std::size_t samples_ = 0;
};

class DeviceSession : public Endpoint, public std::enable_shared_from_this<DeviceSession> {
public:
    DeviceSession(std::string deviceId, TelemetryStore& store)
        : deviceId_(std::move(deviceId)), store_(store) {
        ++g_liveSessions;
    }
    ~DeviceSession() override { --g_liveSessions; }

    void open() {
        auto self = shared_from_this();
        FrameHandler h = std::bind(&DeviceSession::onTelemetry, self, std::placeholders::_1);
        setFrameHandler(std::move(h));
    }

    void setFrameHandler(FrameHandler h) override {
        frameHandler_ = std::move(h);
    }

    void deliver(const Frame& f) override {
        if (frameHandler_) frameHandler_(f);
    }

    void close() override {
        // Detach from the transport; no more frames will be dispatched.
        setFrameHandler(nullptr);
    }

    std::string describe() const override { return "mqtt:" + deviceId_; }
    const std::string& deviceId() const { return deviceId_; }

private:
    void onTelemetry(const Frame& f) {
        if (f.deviceId != deviceId_) return;
        ++frames_;
        store_.record(f.deviceId, f.topic, f.value);
    }

    std::string deviceId_;
    TelemetryStore& store_;
    FrameHandler frameHandler_;
    std::uint64_t frames_ = 0;
};

class Gateway {
public:
    explicit Gateway(TelemetryStore& store) : store_(store) {}

    std::shared_ptr<Endpoint> accept(const std::string& deviceId) {
        auto s = std::make_shared<DeviceSession>(deviceId, store_);
        s->open();
        std::shared_ptr<Endpoint> ep = s;
        sessions_[deviceId] = ep;
        return ep;
    }

    void route(const Frame& f) {
        auto it = sessions_.find(f.deviceId);
        if (it != sessions_.end()) it->second->deliver(f);
    }

    void drop(const std::string& deviceId) {
        auto it = sessions_.find(deviceId);
        if (it == sessions_.end()) return;
        it->second->close();
        sessions_.erase(it);
    }
    std::size_t connected() const { return sessions_.size(); }

private:
    TelemetryStore& store_;
    std::map<std::string, std::shared_ptr<Endpoint>> sessions_;
};

std::vector<Frame> sampleBurst(const std::string& dev) {
    return {{dev, "temp", 21.5}, {dev, "humidity", 40.0}, {dev, "battery", 3.7}};
}

} // namespace gateway

int main() {
    using namespace gateway;
    TelemetryStore store;
    Gateway gw(store);
    for (int i = 0; i < 6; ++i) {
        std::string dev = "sensor-" + std::to_string(i);
        gw.accept(dev);
        for (const Frame& f : sampleBurst(dev)) gw.route(f);
        // Device went to sleep: keepalive expired.
        gw.drop(dev);
        std::cout << "dropped " << dev << ": connected=" << gw.connected()
                  << " live sessions=" << g_liveSessions
                  << " samples=" << store.samples() << "\n";
    }
    return 0;
}
