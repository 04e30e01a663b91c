// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: the AckWaiters owned through the session's InflightWindow only hold a weak_ptr back to the ClientSession, so dropping the session from the gateway frees it together with its unacked messages.
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace iotgw {

struct MqttMessage {
    std::string topic;
    std::vector<std::uint8_t> payload;
    int qos = 0;
};

class ClientSession;

// Fires once the broker-side PUBACK for a given packet id arrives.
class AckWaiter {
public:
    AckWaiter(const std::shared_ptr<ClientSession>& owner, std::uint16_t packetId)
        : owner_(owner), packetId_(packetId) {}
    void onAck();
    std::uint16_t packetId() const { return packetId_; }
private:
    std::weak_ptr<ClientSession> owner_;
    std::uint16_t packetId_;
};

struct PendingPublish {
    MqttMessage msg;
    std::shared_ptr<AckWaiter> waiter;
    int retries = 0;
};

class InflightWindow {
public:
    explicit InflightWindow(std::size_t maxInflight) : maxInflight_(maxInflight) {}
    bool full() const { return pending_.size() >= maxInflight_; }
    void add(std::uint16_t id, PendingPublish p) { pending_.emplace(id, std::move(p)); }
    std::shared_ptr<AckWaiter> take(std::uint16_t id) {
        auto it = pending_.find(id);
        if (it == pending_.end()) return nullptr;
        auto w = it->second.waiter;
        pending_.erase(it);
        return w;
    }
    std::size_t size() const { return pending_.size(); }
private:
    std::size_t maxInflight_;
    std::map<std::uint16_t, PendingPublish> pending_;
};

class ClientSession : public std::enable_shared_from_this<ClientSession> {
public:
    static std::atomic<int> live;

    explicit ClientSession(std::string clientId)
        : clientId_(std::move(clientId)), inflight_(std::make_unique<InflightWindow>(16)) {
        ++live;
    }
    ~ClientSession() { --live; }

    bool publish(MqttMessage msg) {
        if (msg.qos == 0) { ++delivered_; return true; }
        if (inflight_->full()) return false;
        std::uint16_t id = nextPacketId();
        inflight_->add(id, PendingPublish{std::move(msg), makeWaiter(id), 0});
        return true;
    }

    void handlePuback(std::uint16_t id) {
        if (auto w = inflight_->take(id)) w->onAck();
    }

    void markDelivered() { ++delivered_; }
    const std::string& id() const { return clientId_; }
    std::uint64_t delivered() const { return delivered_; }

private:
    std::shared_ptr<AckWaiter> makeWaiter(std::uint16_t id) {
        auto self = shared_from_this();
        return std::make_shared<AckWaiter>(self, id);
    }
    std::uint16_t nextPacketId() {
        packetId_ = static_cast<std::uint16_t>(packetId_ % 65535 + 1);
        return packetId_;
    }

    std::string clientId_;
    std::unique_ptr<InflightWindow> inflight_;
    std::uint16_t packetId_ = 0;
    std::uint64_t delivered_ = 0;
};

std::atomic<int> ClientSession::live{0};

void AckWaiter::onAck() {
    if (auto session = owner_.lock()) session->markDelivered();
}

class Gateway {
public:
    std::shared_ptr<ClientSession> connect(const std::string& clientId) {
        auto s = std::make_shared<ClientSession>(clientId);
        sessions_[clientId] = s;
        return s;
    }
    void disconnect(const std::string& clientId) { sessions_.erase(clientId); }
    std::size_t sessionCount() const { return sessions_.size(); }
private:
    std::unordered_map<std::string, std::shared_ptr<ClientSession>> sessions_;
};

// A sensor wakes up, pushes a few readings with QoS1 and drops off the radio
// link; only the first reading gets its PUBACK before the link goes away.
void sensorBurst(Gateway& gw, int deviceNo) {
    std::string cid = "sensor-" + std::to_string(deviceNo);
    auto session = gw.connect(cid);
    for (int i = 0; i < 3; ++i) {
        MqttMessage m{"plant/line1/" + cid + "/temp", {static_cast<std::uint8_t>(20 + i)}, 1};
        session->publish(std::move(m));
    }
    session->handlePuback(1);
    gw.disconnect(cid);
}

} // namespace iotgw

int main() {
    iotgw::Gateway gw;
    std::cout << "baseline live sessions=" << iotgw::ClientSession::live.load() << "\n";
    for (int wave = 1; wave <= 5; ++wave) {
        for (int d = 0; d < 50; ++d) iotgw::sensorBurst(gw, wave * 100 + d);
        std::cout << "wave " << wave << " connected=" << gw.sessionCount()
                  << " live sessions=" << iotgw::ClientSession::live.load() << "\n";
    }
    return 0;
}
