// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: each OrderBook stores a quote handler capturing its own shared_from_this() in the process-wide QuoteHub singleton and never unsubscribes, so every book created per session stays alive forever.
#include <atomic>
#include <cstdint>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace trading {

struct Quote {
    std::string symbol;
    std::int64_t bidTicks = 0;
    std::int64_t askTicks = 0;
    std::uint32_t bidSize = 0;
    std::uint32_t askSize = 0;
};

using QuoteHandler = std::function<void(const Quote&)>;

class QuoteHub {
public:
    static QuoteHub& instance() {
        static QuoteHub hub;
        return hub;
    }

    void subscribe(const std::string& symbol, QuoteHandler handler) {
        std::lock_guard<std::mutex> lock(mu_);
        handlers_[symbol].push_back(std::move(handler)); // LEAK-HERE
    }

    void publish(const Quote& q) {
        std::vector<QuoteHandler> snapshot;
        {
            std::lock_guard<std::mutex> lock(mu_);
            auto it = handlers_.find(q.symbol);
            if (it == handlers_.end()) return;
            snapshot = it->second;
        }
        for (auto& h : snapshot) h(q);
    }

    std::size_t handlerCount() const {
        std::lock_guard<std::mutex> lock(mu_);
        std::size_t n = 0;
        for (const auto& kv : handlers_) n += kv.second.size();
        return n;
    }

private:
    QuoteHub() = default;
    mutable std::mutex mu_;
    std::unordered_map<std::string, std::vector<QuoteHandler>> handlers_; // LEAK-HERE
};

struct PriceLevel {
    std::int64_t priceTicks;
    std::uint64_t qty;
};

class BookSide {
public:
    explicit BookSide(bool descending) : descending_(descending) {}
    void set(std::int64_t px, std::uint64_t qty) {
        if (qty == 0) levels_.erase(px);
        else levels_[px] = qty;
    }
    PriceLevel best() const {
        if (levels_.empty()) return {0, 0};
        auto it = descending_ ? std::prev(levels_.end()) : levels_.begin();
        return {it->first, it->second};
    }
private:
    bool descending_;
    std::map<std::int64_t, std::uint64_t> levels_;
};

class OrderBook : public std::enable_shared_from_this<OrderBook> {
public:
    static std::atomic<int> live;

    static std::shared_ptr<OrderBook> open(const std::string& symbol, int strategyId) {
        auto book = std::shared_ptr<OrderBook>(new OrderBook(symbol, strategyId));
        book->attachFeed();
        return book;
    }

    ~OrderBook() { --live; }

    std::int64_t spread() const { return asks_.best().priceTicks - bids_.best().priceTicks; }
    std::uint64_t updates() const { return updates_; }
    int strategyId() const { return strategyId_; }

private:
    OrderBook(std::string symbol, int strategyId)
        : symbol_(std::move(symbol)), strategyId_(strategyId), bids_(true), asks_(false) {
        ++live;
    }

    void attachFeed() {
        auto self = shared_from_this();
        QuoteHandler onTick = [self](const Quote& q) { self->apply(q); }; // LEAK-HERE
        QuoteHub::instance().subscribe(symbol_, std::move(onTick));
    }

    void apply(const Quote& q) {
        bids_.set(q.bidTicks, q.bidSize);
        asks_.set(q.askTicks, q.askSize);
        ++updates_;
    }

    std::string symbol_;
    int strategyId_;
    BookSide bids_;
    BookSide asks_;
    std::uint64_t updates_ = 0;
};

std::atomic<int> OrderBook::live{0};

// A strategy session opens a book for the symbol it trades and reports the
// spread after a few ticks.
std::int64_t runStrategySession(const std::string& symbol, int strategyId) {
    auto book = OrderBook::open(symbol, strategyId);
    for (int i = 0; i < 3; ++i) {
        Quote q{symbol, 10000 + i, 10004 + i, 100u + static_cast<std::uint32_t>(i), 80u};
        QuoteHub::instance().publish(q);
    }
    return book->strategyId() >= 0 ? book->spread() : 0;
}

} // namespace trading

int main() {
    using namespace trading;
    const std::vector<std::string> symbols = {"AAPL", "MSFT", "ESZ4"};
    for (int round = 1; round <= 5; ++round) {
        std::int64_t spreadSum = 0;
        for (int s = 0; s < 20; ++s) {
            spreadSum += runStrategySession(symbols[static_cast<std::size_t>(s) % symbols.size()], s);
        }
        std::cout << "round " << round << " spreadSum=" << spreadSum
                  << " live books=" << OrderBook::live.load()
                  << " hub handlers=" << QuoteHub::instance().handlerCount() << "\n";
    }
    return 0;
}
