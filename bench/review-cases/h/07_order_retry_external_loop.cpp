// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: The retry callable built by makeRetry(shared_from_this()) is handed to the router-owned EventLoop, which moves it out of its queue, runs it once and destroys it, so the submission holds no callable that references itself.
#include <atomic>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace trading {

std::atomic<int> g_liveSubmissions{0};

struct OrderRequest {
    std::string clOrdId;
    std::string symbol;
    long qty = 0;
    double limitPx = 0.0;
};

class VenueSession {
public:
    explicit VenueSession(int rejectFirst) : rejectFirst_(rejectFirst) {}
    bool send(const OrderRequest&, int attempt) {
        ++messagesSent_;
        return attempt >= rejectFirst_;
    }
    long messagesSent() const { return messagesSent_; }

private:
    int rejectFirst_;
    long messagesSent_ = 0;
};

// Tick-driven timer wheel shared by all submissions of a router.
class EventLoop {
public:
    using Task = std::function<void()>;

    void runAfter(long ticks, Task task) { timers_.emplace(now_ + ticks, std::move(task)); }

    void runUntilIdle() {
        while (!timers_.empty()) {
            auto it = timers_.begin();
            now_ = it->first;
            Task task = std::move(it->second);
            timers_.erase(it);
            task();
        }
    }
    size_t queued() const { return timers_.size(); }

private:
    std::multimap<long, Task> timers_;
    long now_ = 0;
};

class OrderSubmission;
EventLoop::Task makeRetry(std::shared_ptr<OrderSubmission> sub, int attempt);

class OrderSubmission : public std::enable_shared_from_this<OrderSubmission> {
public:
    static std::shared_ptr<OrderSubmission> create(OrderRequest req, VenueSession& venue, EventLoop& loop) {
        auto sub = std::shared_ptr<OrderSubmission>(new OrderSubmission(std::move(req), venue, loop));
        sub->attempt(0);
        return sub;
    }
    ~OrderSubmission() { --g_liveSubmissions; }

    void attempt(int n) {
        if (acked_) return;
        if (venue_.send(req_, n)) {
            acked_ = true;
            return;
        }
        loop_.runAfter(backoffTicks(n), makeRetry(shared_from_this(), n + 1));
    }

    bool acked() const { return acked_; }
    const std::string& id() const { return req_.clOrdId; }

private:
    OrderSubmission(OrderRequest req, VenueSession& venue, EventLoop& loop)
        : req_(std::move(req)), venue_(venue), loop_(loop) {
        ++g_liveSubmissions;
    }

    static long backoffTicks(int n) { return n < 3 ? 1L << n : 8; }

    OrderRequest req_;
    VenueSession& venue_;
    EventLoop& loop_;
    bool acked_ = false;
};

EventLoop::Task makeRetry(std::shared_ptr<OrderSubmission> sub, int attempt) {
    return [sub = std::move(sub), attempt] { sub->attempt(attempt); };
}

class OrderRouter {
public:
    explicit OrderRouter(VenueSession& venue) : venue_(venue) {}

    void route(const std::string& symbol, long qty, double px) {
        OrderRequest req{nextId(), symbol, qty, px};
        auto sub = OrderSubmission::create(std::move(req), venue_, loop_);
        if (sub->acked()) ++ackedImmediately_;
        // Otherwise the pending retry in loop_ keeps the submission alive.
    }

    void pumpUntilIdle() { loop_.runUntilIdle(); }
    size_t queued() const { return loop_.queued(); }

private:
    std::string nextId() { return "ORD-" + std::to_string(++seq_); }

    VenueSession& venue_;
    EventLoop loop_;
    long seq_ = 0;
    long ackedImmediately_ = 0;
};

} // namespace trading

int main() {
    trading::VenueSession venue(/*rejectFirst=*/2);
    trading::OrderRouter router(venue);
    const char* symbols[] = {"AAPL", "MSFT", "NVDA", "ES_F"};

    for (int round = 0; round < 5; ++round) {
        for (int i = 0; i < 20; ++i)
            router.route(symbols[i % 4], 100 * (i + 1), 101.25 + i);
        std::printf("round %d before pump: queued=%zu live=%d\n", round, router.queued(),
                    trading::g_liveSubmissions.load());
        router.pumpUntilIdle();
        std::printf("round %d after pump:  queued=%zu live=%d msgs=%ld\n", round, router.queued(),
                    trading::g_liveSubmissions.load(), venue.messagesSent());
    }
    return 0;
}
