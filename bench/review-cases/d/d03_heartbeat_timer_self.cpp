// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: heartbeat_session owns its periodic_timer by value and start() stores in that timer a handler capturing shared_from_this(); stop() only flips a flag and never cancels the timer, so the session keeps itself alive after the manager drops it.
#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <system_error>
#include <vector>

namespace net {
namespace detail {

using clock_type = std::chrono::steady_clock;

class periodic_timer {
public:
    using handler_type = std::function<void(const std::error_code&)>;

    explicit periodic_timer(std::chrono::milliseconds period) : period_(period) {}

    void async_wait(handler_type h) {
        handler_ = std::move(h); // LEAK-HERE
        next_ = clock_type::now() + period_;
    }

    void cancel() {
        if (handler_) handler_(std::make_error_code(std::errc::operation_canceled));
        handler_ = nullptr;
    }

    void poll(clock_type::time_point now) {
        if (!handler_ || now < next_) return;
        next_ += period_;
        handler_(std::error_code());
    }

private:
    std::chrono::milliseconds period_;
    clock_type::time_point next_{};
    handler_type handler_; // LEAK-HERE
};

} // namespace detail

class heartbeat_session : public std::enable_shared_from_this<heartbeat_session> {
public:
    using pointer = std::shared_ptr<heartbeat_session>;

    static pointer create(std::string peer) {
        return pointer(new heartbeat_session(std::move(peer)));
    }

    void start() {
        auto self = shared_from_this(); // LEAK-HERE
        timer_.async_wait([self](const std::error_code& ec) { // LEAK-HERE
            if (!ec && !self->stopped_) self->send_ping();
        });
    }

    void stop() { stopped_ = true; }
    bool stopped() const { return stopped_; }
    void tick(detail::clock_type::time_point now) { timer_.poll(now); }
    const std::vector<std::string>& outbox() const { return outbox_; }

private:
    explicit heartbeat_session(std::string peer)
        : peer_(std::move(peer)), timer_(std::chrono::milliseconds(500)) {}

    void send_ping() { outbox_.push_back("PING " + peer_ + " #" + std::to_string(++seq_)); }

    std::string peer_;
    unsigned seq_ = 0;
    bool stopped_ = false;
    std::vector<std::string> outbox_;
    detail::periodic_timer timer_; // LEAK-HERE
};

class session_manager {
public:
    heartbeat_session::pointer open(const std::string& peer) {
        auto s = heartbeat_session::create(peer);
        s->start();
        sessions_.insert(s);
        return s;
    }

    void close(const heartbeat_session::pointer& s) {
        s->stop();
        sessions_.erase(s);
    }

    void run_once() {
        auto now = detail::clock_type::now();
        for (auto& s : sessions_) s->tick(now);
    }

    void shutdown() {
        for (auto& s : sessions_) s->stop();
        sessions_.clear();
    }

private:
    std::set<heartbeat_session::pointer> sessions_;
};

} // namespace net
