// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: DeliveryTracker::instance().pending_ gains one entry per sent message id, but only the acknowledge path erases it, so every message to an offline user or with a failed push stays in the process-wide singleton forever.
#include <chrono>
#include <cstdint>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace chat {

using MessageId = std::uint64_t;
using UserId = std::string;

struct OutboundMessage {
    MessageId id;
    UserId from;
    UserId to;
    std::string body;
};

struct PendingDelivery {
    UserId recipient;
    std::string payload;
    int attempts = 0;
    std::chrono::steady_clock::time_point firstSent{};
    std::string lastError;
};

class DeliveryTracker {
public:
    static DeliveryTracker& instance() {
        static DeliveryTracker tracker;
        return tracker;
    }

    void track(const OutboundMessage& msg, std::string encoded) {
        std::lock_guard<std::mutex> lock(mu_);
        PendingDelivery& slot = pending_[msg.id];  // LEAK-HERE
        slot.recipient = msg.to;
        slot.payload = std::move(encoded);
        slot.attempts += 1;
        slot.firstSent = std::chrono::steady_clock::now();
    }

    bool acknowledge(MessageId id) {
        std::lock_guard<std::mutex> lock(mu_);
        return pending_.erase(id) > 0;
    }

    void noteFailure(MessageId id, const std::string& reason) {
        std::lock_guard<std::mutex> lock(mu_);
        auto it = pending_.find(id);
        if (it == pending_.end()) return;
        it->second.lastError = reason;
        ++failures_;
    }

    std::size_t pendingCount() const {
        std::lock_guard<std::mutex> lock(mu_);
        return pending_.size();
    }
    std::uint64_t failures() const { return failures_; }

private:
    DeliveryTracker() = default;
    mutable std::mutex mu_;
    std::unordered_map<MessageId, PendingDelivery> pending_;  // LEAK-HERE
    std::uint64_t failures_ = 0;
};

class PresenceDirectory {
public:
    void setOnline(const UserId& u, bool online) {
        if (online) online_.insert(u); else online_.erase(u);
    }
    bool isOnline(const UserId& u) const { return online_.count(u) != 0; }

private:
    std::unordered_set<UserId> online_;
};

// Stand-in for the websocket fan-out; every 7th push hits a saturated socket.
class Transport {
public:
    bool push(const UserId& to, const std::string& frame) {
        ++pushes_;
        bytes_ += frame.size() + to.size();
        return pushes_ % 7 != 0;
    }
    std::size_t bytes() const { return bytes_; }

private:
    std::uint64_t pushes_ = 0;
    std::size_t bytes_ = 0;
};

std::string encodeFrame(const OutboundMessage& m) {
    std::ostringstream os;
    os << "{\"id\":" << m.id << ",\"from\":\"" << m.from << "\",\"body\":\"" << m.body << "\"}";
    return os.str();
}

class MessageRouter {
public:
    MessageRouter(PresenceDirectory& presence, Transport& transport)
        : presence_(presence), transport_(transport) {}

    void handleSend(const UserId& from, const UserId& to, std::string body) {
        OutboundMessage msg{nextId_++, from, to, std::move(body)};
        std::string frame = encodeFrame(msg);
        auto& tracker = DeliveryTracker::instance();
        tracker.track(msg, frame);

        if (!presence_.isOnline(msg.to)) {
            tracker.noteFailure(msg.id, "recipient offline");
            return;
        }
        if (!transport_.push(msg.to, frame)) {
            tracker.noteFailure(msg.id, "socket backpressure");
            return;
        }
        // In this stand-in the client acks synchronously.
        onClientAck(msg.id);
    }

    void onClientAck(MessageId id) { DeliveryTracker::instance().acknowledge(id); }

private:
    PresenceDirectory& presence_;
    Transport& transport_;
    MessageId nextId_ = 1;
};

}  // namespace chat

int main() {
    chat::PresenceDirectory presence;
    chat::Transport transport;
    for (int u = 0; u < 10; ++u) presence.setOnline("user" + std::to_string(u), u % 3 != 0);

    chat::MessageRouter router(presence, transport);
    for (int round = 0; round < 5; ++round) {
        for (int i = 0; i < 300; ++i) {
            router.handleSend("user" + std::to_string(i % 10), "user" + std::to_string((i * 7) % 10),
                              "hello #" + std::to_string(i));
        }
        std::cout << "round " << round << ": pending entries = "
                  << chat::DeliveryTracker::instance().pendingCount()
                  << " (failures " << chat::DeliveryTracker::instance().failures() << ")\n";
    }
    return 0;
}
