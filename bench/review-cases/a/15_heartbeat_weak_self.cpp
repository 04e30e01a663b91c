// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: PeerLink stores its heartbeat callback in its own RepeatingTimer member, but the lambda captures weak_from_this() and locks it on each tick, so the link does not own itself.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>
#include <cstdint>

namespace cluster {

class RepeatingTimer {
public:
    using Tick = std::function<void(uint64_t)>;
    void start(std::chrono::milliseconds period, Tick fn) {
        period_ = period;
        onTick_ = std::move(fn);
        next_ = std::chrono::steady_clock::now() + period_;
    }
    void poll(std::chrono::steady_clock::time_point now) {
        if (!onTick_ || now < next_) return;
        next_ = now + period_;
        onTick_(++count_);
    }

private:
    Tick onTick_;
    std::chrono::milliseconds period_{1000};
    std::chrono::steady_clock::time_point next_{};
    uint64_t count_ = 0;
};

struct Frame {
    uint8_t type = 0;
    std::vector<uint8_t> payload;
};

Frame makePing(uint64_t seq) {
    Frame f;
    f.type = 0x09;
    for (int i = 0; i < 8; ++i) f.payload.push_back(static_cast<uint8_t>(seq >> (8 * i)));
    return f;
}

class PeerLink : public std::enable_shared_from_this<PeerLink> {
public:
    explicit PeerLink(std::string nodeId) : nodeId_(std::move(nodeId)) {}

    void activate() {
        std::weak_ptr<PeerLink> weak = weak_from_this();
        heartbeat_.start(std::chrono::milliseconds(500), [weak](uint64_t seq) {
            if (auto self = weak.lock()) self->sendPing(seq);
        });
    }

    void poll(std::chrono::steady_clock::time_point now) { heartbeat_.poll(now); }
    size_t queued() const { return outbound_.size(); }
    void drain() { outbound_.clear(); }

private:
    void sendPing(uint64_t seq) { outbound_.push_back(makePing(seq)); }

    std::string nodeId_;
    std::vector<Frame> outbound_;
    RepeatingTimer heartbeat_;
};

class Membership {
public:
    void join(const std::string& id) {
        auto link = std::make_shared<PeerLink>(id);
        link->activate();
        peers_.push_back(std::move(link));
    }
    void leaveOldest() { if (!peers_.empty()) peers_.erase(peers_.begin()); }
    void pollAll() {
        auto now = std::chrono::steady_clock::now();
        for (auto& p : peers_) { p->poll(now); p->drain(); }
    }

private:
    std::vector<std::shared_ptr<PeerLink>> peers_;
};

} // namespace cluster

int main() {
    cluster::Membership m;
    for (int i = 0; i < 5000; ++i) {
        m.join("node-" + std::to_string(i));
        m.pollAll();
        if (i >= 5) m.leaveOldest();
    }
    return 0;
}
