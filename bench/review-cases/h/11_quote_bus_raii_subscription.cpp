// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: Strategies register `this` (and a lambda capturing it) in the QuoteBus singleton, but the returned Subscription member erases that entry in its destructor, which runs whenever a strategy is destroyed, so the bus never retains a strategy past its lifetime.
#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace trading {

std::atomic<int> g_liveStrategies{0};

struct Quote {
    std::string symbol;
    double bid = 0.0;
    double ask = 0.0;
};

class Subscription;

class QuoteBus {
public:
    using Handler = std::function<void(const Quote&)>;

    static QuoteBus& instance() {
        static QuoteBus bus;
        return bus;
    }

    Subscription subscribe(const void* owner, std::string symbol, Handler h);

    void unsubscribe(const void* owner) {
        std::lock_guard<std::mutex> lk(mu_);
        entries_.erase(owner);
    }

    void publish(const Quote& q) {
        std::vector<Handler> targets;
        {
            std::lock_guard<std::mutex> lk(mu_);
            for (const auto& kv : entries_)
                if (kv.second.symbol == q.symbol) targets.push_back(kv.second.handler);
        }
        for (auto& h : targets) h(q);
    }

    size_t subscribers() const {
        std::lock_guard<std::mutex> lk(mu_);
        return entries_.size();
    }

private:
    struct Entry {
        std::string symbol;
        Handler handler;
    };
    QuoteBus() = default;
    mutable std::mutex mu_;
    std::unordered_map<const void*, Entry> entries_;
};

// Move-only RAII token: removes the owner's entry from the bus when destroyed.
class Subscription {
public:
    Subscription() = default;
    explicit Subscription(const void* owner) : owner_(owner) {}
    Subscription(Subscription&& o) noexcept : owner_(std::exchange(o.owner_, nullptr)) {}
    Subscription& operator=(Subscription&& o) noexcept {
        if (this != &o) {
            reset();
            owner_ = std::exchange(o.owner_, nullptr);
        }
        return *this;
    }
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;
    ~Subscription() { reset(); }

    void reset() {
        if (owner_) QuoteBus::instance().unsubscribe(std::exchange(owner_, nullptr));
    }

private:
    const void* owner_ = nullptr;
};

Subscription QuoteBus::subscribe(const void* owner, std::string symbol, Handler h) {
    std::lock_guard<std::mutex> lk(mu_);
    entries_[owner] = Entry{std::move(symbol), std::move(h)};
    return Subscription(owner);
}

class Strategy {
public:
    explicit Strategy(std::string symbol) : symbol_(std::move(symbol)) { ++g_liveStrategies; }
    virtual ~Strategy() { --g_liveStrategies; }

    void arm() {
        auto& bus = QuoteBus::instance();
        sub_ = bus.subscribe(this, symbol_, [this](const Quote& q) { onQuote(q); });
    }
    long signals() const { return signals_; }

protected:
    virtual void onQuote(const Quote& q) = 0;
    void emitSignal() { ++signals_; }
    std::string symbol_;

private:
    long signals_ = 0;
    Subscription sub_;
};

class SpreadCapture : public Strategy {
public:
    SpreadCapture(std::string symbol, double minSpread) : Strategy(std::move(symbol)), minSpread_(minSpread) {}

protected:
    void onQuote(const Quote& q) override {
        if (q.ask - q.bid >= minSpread_) emitSignal();
    }

private:
    double minSpread_;
};

class TradingSession {
public:
    explicit TradingSession(const std::vector<std::string>& universe) {
        for (const auto& sym : universe) {
            auto s = std::make_unique<SpreadCapture>(sym, 0.05);
            s->arm();
            strategies_.push_back(std::move(s));
        }
    }
    long totalSignals() const {
        long n = 0;
        for (const auto& s : strategies_) n += s->signals();
        return n;
    }

private:
    std::vector<std::unique_ptr<Strategy>> strategies_;
};

} // namespace trading

int main() {
    using namespace trading;
    const std::vector<std::string> universe = {"AAPL", "MSFT", "NVDA", "AMZN", "GOOG"};
    for (int day = 0; day < 5; ++day) {
        long signals = 0;
        {
            TradingSession session(universe);
            for (int tick = 0; tick < 100; ++tick)
                for (const auto& sym : universe)
                {
                    double bid = 100.0 + tick * 0.01;
                    QuoteBus::instance().publish({sym, bid, bid + 0.02 + (tick % 7) * 0.01});
                }
            signals = session.totalSignals();
            std::printf("day %d open:  subscribers=%zu live strategies=%d\n", day,
                        QuoteBus::instance().subscribers(), g_liveStrategies.load());
        }
        std::printf("day %d close: subscribers=%zu live strategies=%d signals=%ld\n", day,
                    QuoteBus::instance().subscribers(), g_liveStrategies.load(), signals);
    }
    return 0;
}
