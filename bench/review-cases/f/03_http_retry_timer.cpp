// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: OutboundRequest arms its own member Timer with a callback that captures shared_from_this(), and Timer::cancel() only unlinks from the loop without dropping the callback, so every finished request keeps itself alive through its own timer.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

class Timer;

class EventLoop {
public:
    void add(Timer* t) { timers_.push_back(t); }
    void remove(Timer* t) { timers_.erase(std::remove(timers_.begin(), timers_.end(), t), timers_.end()); }
    void runOnce(Clock::time_point now);
    std::size_t pending() const { return timers_.size(); }

private:
    std::vector<Timer*> timers_;
};

class Timer {
public:
    using Callback = std::function<void()>;
    explicit Timer(EventLoop& loop) : loop_(loop) {}
    ~Timer() { cancel(); }

    void setCallback(Callback cb) { callback_ = std::move(cb); }  // LEAK-HERE
    void start(Millis delay) {
        deadline_ = Clock::now() + delay;
        if (!armed_) { loop_.add(this); armed_ = true; }
    }
    void cancel() {
        if (armed_) { loop_.remove(this); armed_ = false; }
    }
    bool due(Clock::time_point now) const { return armed_ && now >= deadline_; }
    void fire() { armed_ = false; if (callback_) callback_(); }

private:
    EventLoop& loop_;
    Callback callback_;  // LEAK-HERE
    Clock::time_point deadline_{};
    bool armed_ = false;
};

void EventLoop::runOnce(Clock::time_point now) {
    std::vector<Timer*> ready;
    for (Timer* t : timers_)
        if (t->due(now)) ready.push_back(t);
    for (Timer* t : ready) { remove(t); t->fire(); }
}

struct HttpResponse {
    int status = 0;
    std::string body;
};

class OutboundRequest : public std::enable_shared_from_this<OutboundRequest> {
public:
    using DoneHandler = std::function<void(const HttpResponse&)>;

    OutboundRequest(EventLoop& loop, std::string url)
        : url_(std::move(url)), retryTimer_(loop) {}

    void onDone(DoneHandler h) { done_ = std::move(h); }
    void setMaxAttempts(int n) { maxAttempts_ = n; }

    void send() {
        ++attempts_;
        HttpResponse r = fakeTransport();
        if (r.status >= 500 && attempts_ < maxAttempts_) {
            scheduleRetry(backoff());
            return;
        }
        finish(r);
    }

private:
    Millis backoff() const { return Millis(0); }

    void scheduleRetry(Millis delay) {
        auto self = shared_from_this();
        retryTimer_.setCallback([self]() { self->send(); });  // LEAK-HERE
        retryTimer_.start(delay);
    }

    void finish(const HttpResponse& r) {
        retryTimer_.cancel();
        if (done_) done_(r);
        done_ = nullptr;
    }

    HttpResponse fakeTransport() {
        // every request fails once, then succeeds
        if (attempts_ == 1) return {503, ""};
        return {200, std::string(512, 'x')};
    }

    std::string url_;
    Timer retryTimer_;
    DoneHandler done_;
    int attempts_ = 0;
    int maxAttempts_ = 3;
};

std::shared_ptr<OutboundRequest> makeRequest(EventLoop& loop, const std::string& url) {
    auto req = std::make_shared<OutboundRequest>(loop, url);
    req->setMaxAttempts(4);
    return req;
}

int main() {
    EventLoop loop;
    std::size_t okBytes = 0;
    for (int i = 0; i < 20000; ++i) {
        {
            auto req = makeRequest(loop, "http://inventory/api/items/" + std::to_string(i));
            req->onDone([&okBytes](const HttpResponse& r) { okBytes += r.body.size(); });
            req->send();
        }  // caller drops its reference; the retry timer keeps the request alive
        loop.runOnce(Clock::now());
    }
    std::printf("ok bytes=%zu pending=%zu\n", okBytes, loop.pending());
    return 0;
}
