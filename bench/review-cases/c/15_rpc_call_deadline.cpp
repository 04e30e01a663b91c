// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: Each UnaryCall arms its own member DeadlineTimer with std::bind(&UnaryCall::onDeadline, shared_from_this()), and disarm() only flips a flag, so the stored callback keeps the finished call alive.
#include <chrono>
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

namespace rpc {

using Clock = std::chrono::steady_clock;
enum class Status { Ok, DeadlineExceeded, Unavailable };

class DeadlineTimer {
public:
    using Callback = std::function<void()>;

    void expiresAt(Clock::time_point when, Callback cb) {
        when_ = when;
        cb_ = std::move(cb); // LEAK-HERE
        armed_ = true;
    }
    void disarm() { armed_ = false; }
    void poll(Clock::time_point now) {
        if (armed_ && now >= when_) {
            armed_ = false;
            cb_();
        }
    }

private:
    Clock::time_point when_{};
    bool armed_ = false;
    Callback cb_; // LEAK-HERE
};

class UnaryCall : public std::enable_shared_from_this<UnaryCall> {
public:
    using DoneFn = std::function<void(Status, const std::string&)>;

    UnaryCall(std::uint64_t id, std::string method, std::string request, DoneFn done)
        : id_(id), method_(std::move(method)), request_(std::move(request)), done_(std::move(done)) {}

    void start(Clock::duration timeout);
    void onResponse(std::string payload);
    void pollDeadline(Clock::time_point now) { deadline_.poll(now); }
    bool completed() const { return completed_; }
    std::uint64_t id() const { return id_; }

private:
    void onDeadline();
    void finish(Status s, const std::string& payload);

    std::uint64_t id_;
    std::string method_;
    std::string request_;
    DoneFn done_;
    bool completed_ = false;
    DeadlineTimer deadline_; // LEAK-HERE
};

void UnaryCall::start(Clock::duration timeout) {
    deadline_.expiresAt(Clock::now() + timeout, std::bind(&UnaryCall::onDeadline, shared_from_this())); // LEAK-HERE
}

void UnaryCall::onResponse(std::string payload) {
    deadline_.disarm();
    finish(Status::Ok, payload);
}

void UnaryCall::onDeadline() { finish(Status::DeadlineExceeded, {}); }

void UnaryCall::finish(Status s, const std::string& payload) {
    if (completed_) return;
    completed_ = true;
    if (done_) done_(s, payload);
}

class Channel {
public:
    std::uint64_t call(std::string method, std::string req, UnaryCall::DoneFn done);
    void deliver(std::uint64_t id, std::string payload);
    std::size_t inflight() const { return inflight_.size(); }

private:
    std::uint64_t nextId_ = 1;
    std::unordered_map<std::uint64_t, std::shared_ptr<UnaryCall>> inflight_;
};

std::uint64_t Channel::call(std::string method, std::string req, UnaryCall::DoneFn done) {
    auto id = nextId_++;
    auto c = std::make_shared<UnaryCall>(id, std::move(method), std::move(req), std::move(done));
    c->start(std::chrono::milliseconds(250));
    inflight_.emplace(id, std::move(c));
    return id;
}

void Channel::deliver(std::uint64_t id, std::string payload) {
    auto it = inflight_.find(id);
    if (it == inflight_.end()) return;
    auto c = std::move(it->second);
    inflight_.erase(it);
    c->onResponse(std::move(payload));
}

} // namespace rpc

int main() {
    rpc::Channel channel;
    std::uint64_t ok = 0;
    for (std::uint64_t i = 0;; ++i) {
        auto id = channel.call("/inventory.v1.Stock/Get", "sku=" + std::to_string(i),
                               [&ok](rpc::Status s, const std::string&) { ok += s == rpc::Status::Ok; });
        channel.deliver(id, "{\"qty\":" + std::to_string(i % 13) + "}");
        if (i % 100000 == 0) std::cout << "ok=" << ok << " inflight=" << channel.inflight() << '\n';
        if (i == 2000000) break;
    }
}
