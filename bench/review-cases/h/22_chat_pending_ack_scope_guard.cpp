// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: DeliveryTracker::instance().inFlight_ gets one entry per message id, but the entry is owned by an InFlightScope guard whose destructor erases it on every return path, and failures go to a dead-letter ring capped by an eviction loop.
#include <cstdint>
#include <deque>
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

struct DeadLetter {
    MessageId id;
    UserId recipient;
    std::string reason;
};

class DeliveryTracker {
public:
    static DeliveryTracker& instance() {
        static DeliveryTracker tracker;
        return tracker;
    }

    void begin(const OutboundMessage& msg, const std::string& frame) {
        std::lock_guard<std::mutex> lock(mu_);
        inFlight_[msg.id] = Entry{msg.to, frame};
    }

    void end(MessageId id) {
        std::lock_guard<std::mutex> lock(mu_);
        inFlight_.erase(id);
    }

    void deadLetter(MessageId id, const std::string& reason) {
        std::lock_guard<std::mutex> lock(mu_);
        auto it = inFlight_.find(id);
        if (it == inFlight_.end()) return;
        deadLetters_.push_back(DeadLetter{id, it->second.recipient, reason});
        while (deadLetters_.size() > kDeadLetterCap) deadLetters_.pop_front();
    }

    std::size_t inFlightCount() const {
        std::lock_guard<std::mutex> lock(mu_);
        return inFlight_.size();
    }
    std::size_t deadLetterCount() const {
        std::lock_guard<std::mutex> lock(mu_);
        return deadLetters_.size();
    }

private:
    struct Entry {
        UserId recipient;
        std::string frame;
    };
    static constexpr std::size_t kDeadLetterCap = 64;

    DeliveryTracker() = default;
    mutable std::mutex mu_;
    std::unordered_map<MessageId, Entry> inFlight_;
    std::deque<DeadLetter> deadLetters_;
};

// RAII: whatever path handleSend takes, the in-flight record goes away.
class InFlightScope {
public:
    InFlightScope(DeliveryTracker& t, const OutboundMessage& msg, const std::string& frame)
        : tracker_(t), id_(msg.id) {
        tracker_.begin(msg, frame);
    }
    ~InFlightScope() { tracker_.end(id_); }
    InFlightScope(const InFlightScope&) = delete;
    InFlightScope& operator=(const InFlightScope&) = delete;

    void fail(const std::string& reason) { tracker_.deadLetter(id_, reason); }

private:
    DeliveryTracker& tracker_;
    MessageId id_;
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

class Transport {
public:
    bool push(const UserId& to, const std::string& frame) {
        ++pushes_;
        bytes_ += frame.size() + to.size();
        return pushes_ % 7 != 0;
    }

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

    bool handleSend(const UserId& from, const UserId& to, std::string body) {
        OutboundMessage msg{nextId_++, from, to, std::move(body)};
        const std::string frame = encodeFrame(msg);
        InFlightScope scope(DeliveryTracker::instance(), msg, frame);

        if (!presence_.isOnline(msg.to)) {
            scope.fail("recipient offline");
            return false;
        }
        if (!transport_.push(msg.to, frame)) {
            scope.fail("socket backpressure");
            return false;
        }
        return true;
    }

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
    auto& tracker = chat::DeliveryTracker::instance();
    std::cout << "baseline: in-flight = " << tracker.inFlightCount() << "\n";
    for (int round = 0; round < 5; ++round) {
        int delivered = 0;
        for (int i = 0; i < 300; ++i) {
            delivered += router.handleSend("user" + std::to_string(i % 10),
                                           "user" + std::to_string((i * 7) % 10),
                                           "hello #" + std::to_string(i));
        }
        std::cout << "round " << round << ": delivered " << delivered
                  << ", in-flight = " << tracker.inFlightCount()
                  << ", dead letters = " << tracker.deadLetterCount() << "\n";
    }
    return 0;
}
