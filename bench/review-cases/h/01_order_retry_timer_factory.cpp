// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: Each OrderSubmission owns a RetryTimer whose callback, built by makeRetry(shared_from_this()), holds a shared_ptr to the submission itself, so the submission is never freed after the router drops it.
#include <atomic>
#include <cstdio>
#include <functional>
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

// Simulated venue session: throttles the first few attempts of every order.
class VenueSession {
public:
    explicit VenueSession(int rejectFirst) : rejectFirst_(rejectFirst) {}
    bool send(const OrderRequest& req, int attempt) {
        ++messagesSent_;
        if (attempt < rejectFirst_) return false;
        lastAcked_ = req.clOrdId;
        return true;
    }
    long messagesSent() const { return messagesSent_; }

private:
    int rejectFirst_;
    long messagesSent_ = 0;
    std::string lastAcked_;
};

// Single-shot retry timer, manually advanced by the router's pump loop.
class RetryTimer {
public:
    using Callback = std::function<void(int)>;

    void setCallback(Callback cb) { cb_ = std::move(cb); } // LEAK-HERE
    void arm(int ticks) { remaining_ = ticks; armed_ = true; }
    void disarm() { armed_ = false; }

    bool tick() {
        if (!armed_) return false;
        if (--remaining_ > 0) return true;
        armed_ = false;
        if (cb_) cb_(++attempt_);
        return armed_;
    }

private:
    Callback cb_; // LEAK-HERE
    int remaining_ = 0;
    int attempt_ = 0;
    bool armed_ = false;
};

class OrderSubmission;
RetryTimer::Callback makeRetry(std::shared_ptr<OrderSubmission> sub);

class OrderSubmission : public std::enable_shared_from_this<OrderSubmission> {
public:
    static std::shared_ptr<OrderSubmission> create(OrderRequest req, VenueSession& venue) {
        auto sub = std::shared_ptr<OrderSubmission>(new OrderSubmission(std::move(req), venue));
        sub->start();
        return sub;
    }
    ~OrderSubmission() { --g_liveSubmissions; }

    void onRetry(int attempt) {
        if (acked_) return;
        if (venue_.send(req_, attempt)) {
            acked_ = true;
            return;
        }
        timer_.arm(backoffTicks(attempt));
    }

    bool acked() const { return acked_; }
    RetryTimer& timer() { return timer_; }
    const std::string& id() const { return req_.clOrdId; }

private:
    OrderSubmission(OrderRequest req, VenueSession& venue) : req_(std::move(req)), venue_(venue) {
        ++g_liveSubmissions;
    }

    void start() {
        timer_.setCallback(makeRetry(shared_from_this())); // LEAK-HERE
        onRetry(0);
    }

    static int backoffTicks(int attempt) { return attempt < 3 ? 1 << attempt : 8; }

    OrderRequest req_;
    VenueSession& venue_;
    RetryTimer timer_; // LEAK-HERE
    bool acked_ = false;
};

RetryTimer::Callback makeRetry(std::shared_ptr<OrderSubmission> sub) {
    return [sub](int attempt) { sub->onRetry(attempt); }; // LEAK-HERE
}

class OrderRouter {
public:
    explicit OrderRouter(VenueSession& venue) : venue_(venue) {}

    void route(const std::string& symbol, long qty, double px) {
        OrderRequest req{nextId(), symbol, qty, px};
        auto sub = OrderSubmission::create(std::move(req), venue_);
        if (!sub->acked()) pending_.push_back(std::move(sub));
        else ++ackedImmediately_;
    }

    // Advance all retry timers until every pending order is acknowledged.
    void pumpUntilIdle() {
        while (!pending_.empty()) {
            std::vector<std::shared_ptr<OrderSubmission>> still;
            for (auto& sub : pending_) {
                sub->timer().tick();
                if (!sub->acked()) still.push_back(sub);
            }
            pending_.swap(still);
        }
    }

    size_t pending() const { return pending_.size(); }

private:
    std::string nextId() { return "ORD-" + std::to_string(++seq_); }

    VenueSession& venue_;
    std::vector<std::shared_ptr<OrderSubmission>> pending_;
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
        router.pumpUntilIdle();
        std::printf("round %d: pending=%zu live submissions=%d msgs=%ld\n", round,
                    router.pending(), trading::g_liveSubmissions.load(), venue.messagesSent());
        std::fflush(stdout);
    }
    return 0;
}
