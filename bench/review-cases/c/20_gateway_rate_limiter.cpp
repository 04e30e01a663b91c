// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: The gateway-lifetime bucket map gains an entry per client address, but the periodic onTick() sweep erases every bucket idle longer than kIdleTtl, so it stays proportional to recently active clients.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <string>
#include <unordered_map>

namespace gateway {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct TokenBucket {
    double tokens = 0;
    Clock::time_point refilledAt;
    Clock::time_point lastSeen;
};

class RateLimiter {
public:
    static constexpr auto kIdleTtl = 120s;
    static constexpr auto kSweepEvery = 10s;

    RateLimiter(double ratePerSec, double burst) : rate_(ratePerSec), burst_(burst) {}

    bool allow(const std::string& clientAddr, Clock::time_point now);
    void onTick(Clock::time_point now);
    std::size_t tracked() const { return buckets_.size(); }

private:
    void sweep(Clock::time_point now);

    double rate_;
    double burst_;
    Clock::time_point lastSweep_{};
    std::unordered_map<std::string, TokenBucket> buckets_;
};

bool RateLimiter::allow(const std::string& clientAddr, Clock::time_point now) {
    auto [it, inserted] = buckets_.try_emplace(clientAddr);
    TokenBucket& b = it->second;
    if (inserted) {
        b.tokens = burst_;
        b.refilledAt = now;
    }
    double elapsed = std::chrono::duration<double>(now - b.refilledAt).count();
    b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
    b.refilledAt = now;
    b.lastSeen = now;
    if (b.tokens < 1.0) return false;
    b.tokens -= 1.0;
    return true;
}

void RateLimiter::onTick(Clock::time_point now) {
    if (now - lastSweep_ < kSweepEvery) return;
    lastSweep_ = now;
    sweep(now);
}

void RateLimiter::sweep(Clock::time_point now) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
        if (now - it->second.lastSeen > kIdleTtl) {
            it = buckets_.erase(it);
        } else {
            ++it;
        }
    }
}

class Gateway {
public:
    Gateway() : limiter_(50.0, 100.0) {}
    int handle(const std::string& addr, Clock::time_point now) { return limiter_.allow(addr, now) ? 200 : 429; }
    void tick(Clock::time_point now) { limiter_.onTick(now); }
    std::size_t trackedClients() const { return limiter_.tracked(); }

private:
    RateLimiter limiter_;
};

} // namespace gateway

int main() {
    gateway::Gateway gw;
    auto now = gateway::Clock::now();
    std::uint64_t rejected = 0;
    std::uint64_t reqNo = 0;
    for (;;) {
        now += std::chrono::milliseconds(2);
        std::uint64_t client = (reqNo * 2654435761ull) % 1000000;
        std::string addr = "203.0." + std::to_string(client / 256 % 256) + "." + std::to_string(client % 256) +
                           ":" + std::to_string(client / 65536);
        rejected += gw.handle(addr, now) == 429;
        gw.tick(now);
        if (++reqNo % 1000000 == 0) std::cout << "tracked=" << gw.trackedClients() << " rejected=" << rejected << '\n';
        if (reqNo == 10000000) break;
    }
}
