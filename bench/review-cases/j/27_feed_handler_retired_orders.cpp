// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The FeedHandler created in main moves every deleted/filled order into retiredOrders_ for late-execution matching, and the only code that evicts it (expireRetired) is never called, so the map grows by one entry per order for the life of the process.
#include <cstdint>
#include <cstdio>
#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace md {

enum class MsgType : std::uint8_t { Add, Execute, Delete };
enum class Side : std::uint8_t { Bid, Ask };

struct FeedMessage {
    MsgType type;
    std::uint64_t seq;
    std::uint64_t orderId;
    std::uint64_t timestampNs;
    Side side;
    std::int64_t price;
    std::uint32_t qty;
};

struct RestingOrder {
    Side side;
    std::int64_t price;
    std::uint32_t qty;
};

struct RetiredOrder {
    RestingOrder last;
    std::uint64_t retiredAtNs;
    std::string reason;
};

struct Trade {
    std::uint64_t orderId;
    std::int64_t price;
    std::uint32_t qty;
};

class PriceLevels {
public:
    void add(Side s, std::int64_t px, std::uint32_t q) { book(s)[px] += q; }
    void remove(Side s, std::int64_t px, std::uint32_t q) {
        auto& b = book(s);
        auto it = b.find(px);
        if (it == b.end()) return;
        it->second = it->second > q ? it->second - q : 0;
        if (it->second == 0) b.erase(it);
    }
    std::size_t depth() const { return bids_.size() + asks_.size(); }

private:
    std::map<std::int64_t, std::uint64_t>& book(Side s) { return s == Side::Bid ? bids_ : asks_; }
    std::map<std::int64_t, std::uint64_t> bids_, asks_;
};

class FeedHandler {
public:
    static constexpr std::size_t kTapeLimit = 1024;

    void onMessage(const FeedMessage& m) {
        if (m.seq != expectedSeq_) ++gaps_;
        expectedSeq_ = m.seq + 1;
        switch (m.type) {
            case MsgType::Add:
                live_[m.orderId] = RestingOrder{m.side, m.price, m.qty};
                levels_.add(m.side, m.price, m.qty);
                break;
            case MsgType::Execute: onExecute(m); break;
            case MsgType::Delete: retire(m.orderId, m.timestampNs, "delete"); break;
        }
    }

    void expireRetired(std::uint64_t nowNs, std::uint64_t ttlNs) {
        for (auto it = retiredOrders_.begin(); it != retiredOrders_.end();) {
            if (nowNs - it->second.retiredAtNs > ttlNs)
                it = retiredOrders_.erase(it);
            else
                ++it;
        }
    }

    std::size_t liveOrders() const { return live_.size(); }
    std::size_t retiredCount() const { return retiredOrders_.size(); }
    std::size_t tapeSize() const { return tape_.size(); }
    std::size_t depth() const { return levels_.depth(); }

private:
    void onExecute(const FeedMessage& m) {
        auto it = live_.find(m.orderId);
        if (it == live_.end()) {
            auto r = retiredOrders_.find(m.orderId);
            if (r != retiredOrders_.end()) ++lateFills_;
            return;
        }
        std::uint32_t filled = m.qty < it->second.qty ? m.qty : it->second.qty;
        levels_.remove(it->second.side, it->second.price, filled);
        it->second.qty -= filled;
        tape_.push_back(Trade{m.orderId, it->second.price, filled});
        if (tape_.size() > kTapeLimit) tape_.pop_front();
        if (it->second.qty == 0) retire(m.orderId, m.timestampNs, "filled");
    }

    void retire(std::uint64_t id, std::uint64_t tsNs, const char* why) {
        auto it = live_.find(id);
        if (it == live_.end()) return;
        levels_.remove(it->second.side, it->second.price, it->second.qty);
        retiredOrders_[id] = RetiredOrder{it->second, tsNs, why};  // LEAK-HERE
        live_.erase(it);
    }

    std::uint64_t expectedSeq_ = 1;
    std::uint64_t gaps_ = 0;
    std::uint64_t lateFills_ = 0;
    PriceLevels levels_;
    std::unordered_map<std::uint64_t, RestingOrder> live_;
    std::unordered_map<std::uint64_t, RetiredOrder> retiredOrders_;  // LEAK-HERE
    std::deque<Trade> tape_;
};

class SyntheticFeed {
public:
    std::vector<FeedMessage> nextBatch(std::size_t orders) {
        std::vector<FeedMessage> out;
        out.reserve(orders * 3);
        for (std::size_t i = 0; i < orders; ++i) {
            std::uint64_t id = nextOrderId_++;
            Side side = (id & 1) ? Side::Bid : Side::Ask;
            std::int64_t px = 10000 + static_cast<std::int64_t>(id % 50);
            out.push_back({MsgType::Add, seq_++, id, clockNs_ += 1000, side, px, 300});
            out.push_back({MsgType::Execute, seq_++, id, clockNs_ += 1000, side, px, 100});
            out.push_back({MsgType::Delete, seq_++, id, clockNs_ += 1000, side, px, 0});
        }
        return out;
    }

private:
    std::uint64_t seq_ = 1;
    std::uint64_t nextOrderId_ = 1;
    std::uint64_t clockNs_ = 0;
};

}  // namespace md

int main() {
    md::FeedHandler handler;
    md::SyntheticFeed feed;
    for (int tick = 1; tick <= 6; ++tick) {
        for (const auto& msg : feed.nextBatch(5000)) handler.onMessage(msg);
        std::printf("tick %d: live=%zu retired=%zu tape=%zu depth=%zu\n", tick, handler.liveOrders(),
                    handler.retiredCount(), handler.tapeSize(), handler.depth());
        std::fflush(stdout);
    }
    return 0;
}
