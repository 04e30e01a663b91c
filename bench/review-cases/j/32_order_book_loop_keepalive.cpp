// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: SymbolBook hands std::bind(&SymbolBook::publishSnapshot, keep) with its own shared_ptr to the external EventLoop owned by main, which runs each posted handler once and drops it; a closed book stops re-posting, so the last reference disappears on the next loop pass.
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

namespace feed {

static int g_liveBooks = 0;

class EventLoop {
public:
    void post(std::function<void()> fn) { queue_.push_back(std::move(fn)); }
    std::size_t runPending() {
        std::deque<std::function<void()>> batch;
        batch.swap(queue_);
        std::size_t ran = 0;
        while (!batch.empty()) {
            auto fn = std::move(batch.front());
            batch.pop_front();
            fn();
            ++ran;
        }
        return ran;
    }
    std::size_t pending() const { return queue_.size(); }

private:
    std::deque<std::function<void()>> queue_;
};

struct SnapshotSink {
    std::uint64_t published = 0;
    std::uint64_t levelsSent = 0;
};

class SymbolBook : public std::enable_shared_from_this<SymbolBook> {
public:
    static std::shared_ptr<SymbolBook> open(std::string symbol, SnapshotSink& sink, EventLoop& loop) {
        return std::shared_ptr<SymbolBook>(new SymbolBook(std::move(symbol), sink, loop));
    }
    ~SymbolBook() { --g_liveBooks; }

    std::shared_ptr<SymbolBook> book() { return shared_from_this(); }

    void startSnapshots() {
        auto keep = book();
        loop_.post(std::bind(&SymbolBook::publishSnapshot, keep));
    }

    void close() { closed_ = true; }

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

    const std::string& symbol() const { return symbol_; }

private:
    SymbolBook(std::string symbol, SnapshotSink& sink, EventLoop& loop)
        : symbol_(std::move(symbol)), sink_(sink), loop_(loop) {
        ++g_liveBooks;
    }

    void publishSnapshot() {
        if (closed_) return;
        ++sink_.published;
        sink_.levelsSent += bids_.size() + asks_.size();
        startSnapshots();
    }

    std::string symbol_;
    SnapshotSink& sink_;
    EventLoop& loop_;
    bool closed_ = false;
    std::map<std::int64_t, std::int64_t, std::greater<std::int64_t>> bids_;
    std::map<std::int64_t, std::int64_t> asks_;
};

class MarketDataGateway {
public:
    MarketDataGateway(SnapshotSink& sink, EventLoop& loop) : sink_(sink), loop_(loop) {}

    void subscribe(const std::string& symbol) {
        auto b = SymbolBook::open(symbol, sink_, loop_);
        b->startSnapshots();
        books_.emplace(symbol, std::move(b));
    }

    void unsubscribe(const std::string& symbol) {
        auto it = books_.find(symbol);
        if (it == books_.end()) return;
        it->second->close();
        books_.erase(it);
    }

    void onQuote(const std::string& symbol, bool bid, std::int64_t px, std::int64_t qty) {
        auto it = books_.find(symbol);
        if (it != books_.end()) it->second->applyQuote(bid, px, qty);
    }

    std::size_t subscribed() const { return books_.size(); }

private:
    SnapshotSink& sink_;
    EventLoop& loop_;
    std::unordered_map<std::string, std::shared_ptr<SymbolBook>> books_;
};

static std::string symbolFor(int round, int i) {
    return "SYM" + std::to_string(round) + "_" + std::to_string(i);
}

}  // namespace feed

int main() {
    feed::SnapshotSink sink;
    feed::EventLoop loop;
    feed::MarketDataGateway gw(sink, loop);
    for (int round = 1; round <= 5; ++round) {
        for (int i = 0; i < 40; ++i) gw.subscribe(feed::symbolFor(round, i));
        for (int step = 0; step < 20; ++step) {
            for (int i = 0; i < 40; ++i)
                gw.onQuote(feed::symbolFor(round, i), step % 2 == 0, 10000 + step, 100 * (i + 1));
            loop.runPending();
        }
        for (int i = 0; i < 40; ++i) gw.unsubscribe(feed::symbolFor(round, i));
        loop.runPending();
        std::printf("round %d: subscribed=%zu live books=%d pending=%zu snapshots=%llu\n", round,
                    gw.subscribed(), feed::g_liveBooks, loop.pending(),
                    static_cast<unsigned long long>(sink.published));
        std::fflush(stdout);
    }
    return 0;
}
