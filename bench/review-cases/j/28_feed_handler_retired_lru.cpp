// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The FeedHandler created in main still keeps deleted/filled orders for late-execution matching, but retire() stores them in an LRU that evicts the oldest entry once kRetiredCap is reached, so the structure stays bounded however many orders stream through.
#include <cstdint>
#include <cstdio>
#include <deque>
#include <list>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
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

template <typename K, typename V>
class LruMap {
public:
    explicit LruMap(std::size_t cap) : cap_(cap) {}
    void put(const K& k, V v) {
        auto it = index_.find(k);
        if (it != index_.end()) order_.erase(it->second);
        order_.emplace_front(k, std::move(v));
        index_[k] = order_.begin();
        if (order_.size() > cap_) {
            index_.erase(order_.back().first);
            order_.pop_back();
        }
    }
    const V* find(const K& k) const {
        auto it = index_.find(k);
        return it == index_.end() ? nullptr : &it->second->second;
    }
    std::size_t size() const { return order_.size(); }

private:
    using Node = std::pair<K, V>;
    std::size_t cap_;
    std::list<Node> order_;
    std::unordered_map<K, typename std::list<Node>::iterator> index_;
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
    static constexpr std::size_t kRetiredCap = 4096;

    FeedHandler() : retiredOrders_(kRetiredCap) {}

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

    std::size_t liveOrders() const { return live_.size(); }
    std::size_t retiredCount() const { return retiredOrders_.size(); }
    std::size_t tapeSize() const { return tape_.size(); }
    std::size_t depth() const { return levels_.depth(); }

private:
    void onExecute(const FeedMessage& m) {
        auto it = live_.find(m.orderId);
        if (it == live_.end()) {
            if (retiredOrders_.find(m.orderId)) ++lateFills_;
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
        retiredOrders_.put(id, RetiredOrder{it->second, tsNs, why});
        live_.erase(it);
    }

    std::uint64_t expectedSeq_ = 1;
    std::uint64_t gaps_ = 0;
    std::uint64_t lateFills_ = 0;
    PriceLevels levels_;
    std::unordered_map<std::uint64_t, RestingOrder> live_;
    LruMap<std::uint64_t, RetiredOrder> retiredOrders_;
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
