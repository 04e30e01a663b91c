// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: Each Query arms its own RetryTimer member with std::bind(&Query::onTimeout, shared_from_this()), and RetryTimer::cancel() only disarms without dropping the stored callback, so every query retains itself through its timer.
#include <chrono>
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#define RESOLV_LOG(x) (std::clog << "[resolv] " << x << '\n')

namespace resolv {

using Clock = std::chrono::steady_clock;

class RetryTimer {
public:
    using Callback = std::function<void()>;
    void arm(Clock::duration delay, Callback cb);
    void cancel() { armed_ = false; }
    void poll(Clock::time_point now);

private:
    Callback callback_;  // LEAK-HERE
    Clock::time_point deadline_{};
    bool armed_ = false;
};

void RetryTimer::arm(Clock::duration delay, Callback cb) {
    callback_ = std::move(cb);  // LEAK-HERE
    deadline_ = Clock::now() + delay;
    armed_ = true;
}

void RetryTimer::poll(Clock::time_point now) {
    if (armed_ && now >= deadline_) {
        armed_ = false;
        if (callback_) callback_();
    }
}

class Query : public std::enable_shared_from_this<Query> {
public:
    Query(std::string name, std::uint16_t qtype) : name_(std::move(name)), qtype_(qtype) {}

    void send();
    void onAnswer(const std::vector<std::string>& records);
    void onTimeout();
    void tick(Clock::time_point now) { timer_.poll(now); }
    bool done() const { return done_; }

private:
    std::string name_;
    std::uint16_t qtype_;
    int attempts_ = 0;
    bool done_ = false;
    RetryTimer timer_;  // LEAK-HERE
};

void Query::send() {
    ++attempts_;
    RESOLV_LOG("query " << name_ << " type " << qtype_ << " attempt " << attempts_);
    timer_.arm(std::chrono::milliseconds(500 << attempts_),  // LEAK-HERE
               std::bind(&Query::onTimeout, shared_from_this()));  // LEAK-HERE
}

void Query::onAnswer(const std::vector<std::string>& records) {
    timer_.cancel();
    done_ = true;
    RESOLV_LOG(name_ << " answered with " << records.size() << " records");
}

void Query::onTimeout() {
    if (done_) return;
    if (attempts_ < 3) {
        send();
    } else {
        done_ = true;
        RESOLV_LOG(name_ << " timed out");
    }
}

class Resolver {
public:
    std::shared_ptr<Query> lookup(const std::string& name, std::uint16_t qtype);
    void runOnce();

private:
    std::vector<std::weak_ptr<Query>> inflight_;
};

std::shared_ptr<Query> Resolver::lookup(const std::string& name, std::uint16_t qtype) {
    auto q = std::make_shared<Query>(name, qtype);
    q->send();
    inflight_.push_back(q);
    return q;
}

void Resolver::runOnce() {
    auto now = Clock::now();
    std::vector<std::weak_ptr<Query>> still;
    for (auto& w : inflight_) {
        auto q = w.lock();
        if (!q || q->done()) continue;
        q->tick(now);
        still.push_back(w);
    }
    inflight_.swap(still);
}

}  // namespace resolv
