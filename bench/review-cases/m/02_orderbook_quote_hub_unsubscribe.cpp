// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: the QuoteHub singleton only holds handlers that capture a weak_ptr to the OrderBook, and the book's Subscription member erases its handler in its destructor, so nothing outlives the book.
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
    using Token = std::uint64_t;

    static QuoteHub& instance() {
        static QuoteHub hub;
        return hub;
    }

    Token subscribe(const std::string& symbol, QuoteHandler handler) {
        std::lock_guard<std::mutex> lock(mu_);
        Token t = ++nextToken_;
        handlers_[symbol].emplace(t, std::move(handler));
        return t;
    }

    void unsubscribe(const std::string& symbol, Token t) {
        std::lock_guard<std::mutex> lock(mu_);
        auto it = handlers_.find(symbol);
        if (it == handlers_.end()) return;
        it->second.erase(t);
        if (it->second.empty()) handlers_.erase(it);
    }

    void publish(const Quote& q) {
        std::vector<QuoteHandler> snapshot;
        {
            std::lock_guard<std::mutex> lock(mu_);
            auto it = handlers_.find(q.symbol);
            if (it == handlers_.end()) return;
            for (auto& kv : it->second) snapshot.push_back(kv.second);
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
    Token nextToken_ = 0;
    std::unordered_map<std::string, std::map<Token, QuoteHandler>> handlers_;
};

// RAII handle: dropping it removes the handler from the hub.
class Subscription {
public:
    Subscription() = default;
    Subscription(std::string symbol, QuoteHub::Token t) : symbol_(std::move(symbol)), token_(t) {}
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;
    Subscription& operator=(Subscription&& o) noexcept {
        reset();
        symbol_ = std::move(o.symbol_);
        token_ = o.token_;
        o.token_ = 0;
        return *this;
    }
    ~Subscription() { reset(); }
    void reset() {
        if (token_ != 0) QuoteHub::instance().unsubscribe(symbol_, token_);
        token_ = 0;
    }
private:
    std::string symbol_;
    QuoteHub::Token token_ = 0;
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
    int strategyId() const { return strategyId_; }

private:
    OrderBook(std::string symbol, int strategyId)
        : symbol_(std::move(symbol)), strategyId_(strategyId), bids_(true), asks_(false) {
        ++live;
    }

    void attachFeed() {
        std::weak_ptr<OrderBook> self = shared_from_this();
        QuoteHandler onTick = [self](const Quote& q) {
            if (auto book = self.lock()) book->apply(q);
        };
        feed_ = Subscription(symbol_, QuoteHub::instance().subscribe(symbol_, std::move(onTick)));
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
    Subscription feed_;
};

std::atomic<int> OrderBook::live{0};

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
    std::cout << "baseline live books=" << OrderBook::live.load()
              << " hub handlers=" << QuoteHub::instance().handlerCount() << "\n";
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
