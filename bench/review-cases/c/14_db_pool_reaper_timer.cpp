// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: The pool's own reaper timer stores a callback, but it captures weak_from_this() and locks it per tick, so the timer member never owns the pool.
#include <chrono>
#include <cstdint>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace db {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

class PeriodicTimer {
public:
    using Callback = std::function<void()>;

    explicit PeriodicTimer(Clock::duration interval) : interval_(interval) {}
    void arm(Callback cb, Clock::time_point now) {
        cb_ = std::move(cb);
        next_ = now + interval_;
    }
    void poll(Clock::time_point now) {
        if (!cb_ || now < next_) return;
        next_ = now + interval_;
        cb_();
    }

private:
    Clock::duration interval_;
    Clock::time_point next_{};
    Callback cb_;
};

struct PooledConnection {
    std::uint64_t id;
    Clock::time_point lastUsed;
};

class ConnectionPool : public std::enable_shared_from_this<ConnectionPool> {
public:
    static std::shared_ptr<ConnectionPool> create(std::string dsn, std::size_t maxIdle);

    std::uint64_t acquire(Clock::time_point now);
    void release(std::uint64_t id, Clock::time_point now) { idle_.push_back({id, now}); }
    void pollTimers(Clock::time_point now) { reaper_.poll(now); }
    std::size_t idleCount() const { return idle_.size(); }

private:
    ConnectionPool(std::string dsn, std::size_t maxIdle) : dsn_(std::move(dsn)), maxIdle_(maxIdle) {}
    void reapIdle(Clock::time_point now);

    std::string dsn_;
    std::size_t maxIdle_;
    std::uint64_t nextId_ = 1;
    std::vector<PooledConnection> idle_;
    PeriodicTimer reaper_{5s};
};

std::shared_ptr<ConnectionPool> ConnectionPool::create(std::string dsn, std::size_t maxIdle) {
    std::shared_ptr<ConnectionPool> pool(new ConnectionPool(std::move(dsn), maxIdle));
    pool->reaper_.arm([weak = pool->weak_from_this()] {
        if (auto self = weak.lock()) self->reapIdle(Clock::now());
    }, Clock::now());
    return pool;
}

std::uint64_t ConnectionPool::acquire(Clock::time_point now) {
    if (!idle_.empty()) {
        auto c = idle_.back();
        idle_.pop_back();
        return c.id;
    }
    (void)now;
    return nextId_++;
}

void ConnectionPool::reapIdle(Clock::time_point now) {
    std::vector<PooledConnection> keep;
    for (const auto& c : idle_) {
        if (now - c.lastUsed < 30s && keep.size() < maxIdle_) keep.push_back(c);
    }
    idle_.swap(keep);
}

} // namespace db

int main() {
    std::map<std::string, std::shared_ptr<db::ConnectionPool>> tenants;
    bool running = true;
    std::uint64_t iteration = 0;
    while (running) {
        std::string tenant = "tenant-" + std::to_string(iteration % 40);
        auto& pool = tenants[tenant];
        if (!pool) pool = db::ConnectionPool::create("mysql://" + tenant + "@db", 8);
        auto now = db::Clock::now();
        auto conn = pool->acquire(now);
        pool->release(conn, now);
        for (auto& kv : tenants) kv.second->pollTimers(now);
        if (iteration % 1000 == 999) tenants.erase(tenant);
        if (++iteration == 1000000) running = false;
    }
    std::cout << "tenants with pools: " << tenants.size() << '\n';
}
