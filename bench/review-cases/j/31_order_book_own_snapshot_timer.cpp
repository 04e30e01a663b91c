// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: SymbolBook owns its RepeatingTimer by value and startSnapshots() stores std::bind(&SymbolBook::publishSnapshot, keep) in it, where keep is the book's own shared_ptr from book(), so the book owns a callable that owns the book and unsubscribing never frees it.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

namespace feed {

static int g_liveBooks = 0;

class RepeatingTimer {
public:
    void start(std::uint64_t intervalMs, std::function<void()> cb) {
        intervalMs_ = intervalMs;
        cb_ = std::move(cb);  // LEAK-HERE
        nextMs_ = 0;
    }
    void cancel() { cb_ = nullptr; }
    void poll(std::uint64_t nowMs) {
        if (!cb_ || nowMs < nextMs_) return;
        nextMs_ = nowMs + intervalMs_;
        cb_();
    }

private:
    std::uint64_t intervalMs_ = 0;
    std::uint64_t nextMs_ = 0;
    std::function<void()> cb_;  // LEAK-HERE
};

struct SnapshotSink {
    std::uint64_t published = 0;
    std::uint64_t levelsSent = 0;
};

class SymbolBook : public std::enable_shared_from_this<SymbolBook> {
public:
    static std::shared_ptr<SymbolBook> open(std::string symbol, SnapshotSink& sink) {
        return std::shared_ptr<SymbolBook>(new SymbolBook(std::move(symbol), sink));
    }
    ~SymbolBook() { --g_liveBooks; }

    std::shared_ptr<SymbolBook> book() { return shared_from_this(); }

    void startSnapshots(std::uint64_t intervalMs) {
        auto keep = book();
        snapshotTimer_.start(intervalMs, std::bind(&SymbolBook::publishSnapshot, keep));  // LEAK-HERE
    }

    void applyQuote(bool bid, std::int64_t px, std::int64_t qty) {
        if (bid)
            setLevel(bids_, px, qty);
        else
            setLevel(asks_, px, qty);
    }

    template <typename Levels>
    static void setLevel(Levels& side, std::int64_t px, std::int64_t qty) {
        if (qty <= 0)
            side.erase(px);
        else
            side[px] = qty;
    }

    void advance(std::uint64_t nowMs) { snapshotTimer_.poll(nowMs); }
    const std::string& symbol() const { return symbol_; }

private:
    SymbolBook(std::string symbol, SnapshotSink& sink) : symbol_(std::move(symbol)), sink_(sink) {
        ++g_liveBooks;
    }

    void publishSnapshot() {
        ++sink_.published;
        sink_.levelsSent += bids_.size() + asks_.size();
    }

    std::string symbol_;
    SnapshotSink& sink_;
    std::map<std::int64_t, std::int64_t, std::greater<std::int64_t>> bids_;
    std::map<std::int64_t, std::int64_t> asks_;
    RepeatingTimer snapshotTimer_;
};

class MarketDataGateway {
public:
    explicit MarketDataGateway(SnapshotSink& sink) : sink_(sink) {}

    void subscribe(const std::string& symbol) {
        auto b = SymbolBook::open(symbol, sink_);
        b->startSnapshots(250);
        books_.emplace(symbol, std::move(b));
    }

    void unsubscribe(const std::string& symbol) { books_.erase(symbol); }

    void onQuote(const std::string& symbol, bool bid, std::int64_t px, std::int64_t qty) {
        auto it = books_.find(symbol);
        if (it != books_.end()) it->second->applyQuote(bid, px, qty);
    }

    void onClock(std::uint64_t nowMs) {
        for (auto& kv : books_) kv.second->advance(nowMs);
    }

    std::size_t subscribed() const { return books_.size(); }

private:
    SnapshotSink& sink_;
    std::unordered_map<std::string, std::shared_ptr<SymbolBook>> books_;
};

static std::string symbolFor(int round, int i) {
    return "SYM" + std::to_string(round) + "_" + std::to_string(i);
}

}  // namespace feed

int main() {
    feed::SnapshotSink sink;
    feed::MarketDataGateway gw(sink);
    std::uint64_t clockMs = 0;
    for (int round = 1; round <= 5; ++round) {
        for (int i = 0; i < 40; ++i) gw.subscribe(feed::symbolFor(round, i));
        for (int step = 0; step < 20; ++step) {
            for (int i = 0; i < 40; ++i)
                gw.onQuote(feed::symbolFor(round, i), step % 2 == 0, 10000 + step, 100 * (i + 1));
            clockMs += 100;
            gw.onClock(clockMs);
        }
        for (int i = 0; i < 40; ++i) gw.unsubscribe(feed::symbolFor(round, i));
        std::printf("round %d: subscribed=%zu live books=%d snapshots=%llu\n", round, gw.subscribed(),
                    feed::g_liveBooks, static_cast<unsigned long long>(sink.published));
        std::fflush(stdout);
    }
    return 0;
}
