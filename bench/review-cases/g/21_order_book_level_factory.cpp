// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: OrderBook owns its PriceLevel objects through a vector of unique_ptr, but PriceLevel::create() stores a shared_ptr<OrderBook> back to the owning book in every level, so each book that ever received an order keeps itself alive after the feed handler drops it.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace mkt {

class OrderBook;

struct RestingOrder {
    std::uint64_t id;
    std::int64_t qty;
};

class PriceLevel {
public:
    static std::unique_ptr<PriceLevel> create(std::shared_ptr<OrderBook> book, std::int64_t px) {
        std::unique_ptr<PriceLevel> lvl(new PriceLevel(px));
        lvl->m_book = std::move(book);  // LEAK-HERE
        return lvl;
    }

    void add(const RestingOrder& o);
    std::int64_t total() const { return m_total; }
    std::int64_t price() const { return m_price; }

private:
    explicit PriceLevel(std::int64_t px) : m_price(px) {}

    std::shared_ptr<OrderBook> m_book;  // LEAK-HERE
    std::int64_t m_price;
    std::int64_t m_total = 0;
    std::vector<RestingOrder> m_orders;
};

class OrderBook : public std::enable_shared_from_this<OrderBook> {
public:
    explicit OrderBook(std::string symbol) : m_symbol(std::move(symbol)) {}

    void addBid(std::uint64_t id, std::int64_t px, std::int64_t qty) {
        PriceLevel* lvl = findLevel(px);
        if (!lvl) {
            m_bids.push_back(PriceLevel::create(shared_from_this(), px));  // LEAK-HERE
            lvl = m_bids.back().get();
            std::sort(m_bids.begin(), m_bids.end(),
                      [](const auto& a, const auto& b) { return a->price() > b->price(); });
        }
        lvl->add({id, qty});
    }

    void onLevelChanged(std::int64_t px) { m_lastTouched = px; ++m_updates; }

    std::int64_t bestBid() const { return m_bids.empty() ? 0 : m_bids.front()->price(); }
    std::uint64_t updates() const { return m_updates; }
    const std::string& symbol() const { return m_symbol; }

private:
    PriceLevel* findLevel(std::int64_t px) {
        for (auto& l : m_bids)
            if (l->price() == px) return l.get();
        return nullptr;
    }

    std::string m_symbol;
    std::vector<std::unique_ptr<PriceLevel>> m_bids;  // LEAK-HERE
    std::int64_t m_lastTouched = 0;
    std::uint64_t m_updates = 0;
};

void PriceLevel::add(const RestingOrder& o) {
    m_orders.push_back(o);
    m_total += o.qty;
    m_book->onLevelChanged(m_price);
}

}  // namespace mkt

class FeedHandler {
public:
    void onSnapshot(const std::string& symbol, std::uint64_t seq) {
        auto book = std::make_shared<mkt::OrderBook>(symbol);
        for (int i = 0; i < 8; ++i)
            book->addBid(seq * 100 + i, 10000 - (i % 4) * 5, 100 + i);
        m_current = book;  // previous snapshot book is replaced
        m_checksum += static_cast<std::uint64_t>(book->bestBid()) ^ book->updates();
    }
    std::uint64_t checksum() const { return m_checksum; }

private:
    std::shared_ptr<mkt::OrderBook> m_current;
    std::uint64_t m_checksum = 0;
};

int main() {
    FeedHandler feed;
    const char* symbols[] = {"ESZ5", "NQZ5", "CLF6", "GCG6"};
    for (std::uint64_t seq = 1; seq <= 50000; ++seq)
        feed.onSnapshot(symbols[seq % 4], seq);
    std::printf("checksum=%llu\n", static_cast<unsigned long long>(feed.checksum()));
    return 0;
}
