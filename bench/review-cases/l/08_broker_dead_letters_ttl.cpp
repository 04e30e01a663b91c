// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: Dead letters still accumulate in the long-lived broker's deque, but the pump that main calls every tick also expires letters older than the retention window, so the deque stays bounded by rate times retention.
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>

namespace mq {

struct Message {
    std::uint64_t id = 0;
    std::string topic;
    std::string payload;
    int attempts = 0;
};

struct DeadLetter {
    Message message;
    std::string reason;
    std::uint64_t deadAtMs = 0;
};

class DeadLetterQueue {
public:
    void push(DeadLetter letter) { items_.push_back(std::move(letter)); }
    std::size_t size() const { return items_.size(); }
    const DeadLetter* oldest() const { return items_.empty() ? nullptr : &items_.front(); }

    // Letters are pushed in time order, so expiry only ever pops the front.
    std::size_t expireBefore(std::uint64_t cutoffMs) {
        std::size_t dropped = 0;
        while (!items_.empty() && items_.front().deadAtMs < cutoffMs) {
            items_.pop_front();
            ++dropped;
        }
        return dropped;
    }

private:
    std::deque<DeadLetter> items_;
};

struct BrokerStats {
    std::uint64_t published = 0, acked = 0, retried = 0, dead = 0, expired = 0;
};

class Broker {
public:
    using Handler = std::function<bool(const Message&)>;

    Broker(int maxAttempts, std::uint64_t dlqRetentionMs)
        : maxAttempts_(maxAttempts), dlqRetentionMs_(dlqRetentionMs) {}

    void route(const std::string& topic, Handler handler) { routes_[topic] = std::move(handler); }

    void publish(const std::string& topic, std::string payload) {
        Message m{nextId_++, topic, std::move(payload), 0};
        std::uint64_t id = m.id;
        inflight_.emplace(id, std::move(m));
        ++stats_.published;
        deliver(id);
    }

    // Drives redelivery; called by the broker's main loop every tick.
    void pump(std::uint64_t nowMs) {
        nowMs_ = nowMs;
        std::deque<std::uint64_t> due;
        due.swap(retry_);
        for (auto id : due) deliver(id);
        if (nowMs_ > dlqRetentionMs_) stats_.expired += dlq_.expireBefore(nowMs_ - dlqRetentionMs_);
    }

    const BrokerStats& stats() const { return stats_; }
    std::size_t inflight() const { return inflight_.size(); }
    std::size_t deadLetters() const { return dlq_.size(); }

private:
    void deliver(std::uint64_t id) {
        auto it = inflight_.find(id);
        if (it == inflight_.end()) return;
        Message& m = it->second;
        ++m.attempts;
        auto route = routes_.find(m.topic);
        bool ok = route != routes_.end() && route->second(m);
        if (ok)
            ack(id);
        else
            nack(id, route == routes_.end() ? "no route" : "rejected by consumer");
    }

    void ack(std::uint64_t id) {
        inflight_.erase(id);
        ++stats_.acked;
    }

    void nack(std::uint64_t id, const char* reason) {
        auto it = inflight_.find(id);
        if (it->second.attempts < maxAttempts_) {
            retry_.push_back(id);
            ++stats_.retried;
            return;
        }
        auto node = inflight_.extract(it);
        moveToDeadLetters(std::move(node.mapped()), reason);
    }

    void moveToDeadLetters(Message m, const char* reason) {
        ++stats_.dead;
        dlq_.push(DeadLetter{std::move(m), reason, nowMs_});
    }

    int maxAttempts_;
    std::uint64_t dlqRetentionMs_;
    std::uint64_t nextId_ = 1;
    std::uint64_t nowMs_ = 0;
    std::unordered_map<std::string, Handler> routes_;
    std::unordered_map<std::uint64_t, Message> inflight_;
    std::deque<std::uint64_t> retry_;
    DeadLetterQueue dlq_;
    BrokerStats stats_;
};

bool validateOrder(const Message& m) {
    // a real consumer would parse JSON; here malformed orders lack a quantity
    return m.payload.find("qty=") != std::string::npos;
}

std::string makeOrderPayload(std::uint64_t n) {
    std::string p = "sku=" + std::to_string(1000 + n % 97);
    if (n % 5 != 0) p += ";qty=" + std::to_string(1 + n % 4);
    return p;
}

}  // namespace mq

int main() {
    mq::Broker broker(3, 5000);
    broker.route("orders", [](const mq::Message& m) { return mq::validateOrder(m); });

    std::uint64_t now = 0;
    for (std::uint64_t n = 1; n <= 50000; ++n) {
        broker.publish("orders", mq::makeOrderPayload(n));
        if (n % 8 == 0) broker.publish("audit", "order-batch-" + std::to_string(n / 8));
        broker.pump(now += 2);
        if (n % 10000 == 0) {
            const auto& s = broker.stats();
            std::printf("t=%llums published=%llu expired=%llu inflight=%zu dead letters=%zu\n",
                        static_cast<unsigned long long>(now), static_cast<unsigned long long>(s.published),
                        static_cast<unsigned long long>(s.expired), broker.inflight(), broker.deadLetters());
        }
    }
    return 0;
}
