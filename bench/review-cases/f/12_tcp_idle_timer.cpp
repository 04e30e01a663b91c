// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: TcpConnection's own idle timer holds a callback capturing shared_from_this(), but the timer is one-shot (fire() moves the callback out) and handleClose() cancels it, which drops the callback, on both the peer-close and the idle-timeout paths.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

class TimerQueue;

class OneShotTimer {
public:
    using Callback = std::function<void()>;
    explicit OneShotTimer(TimerQueue& q) : queue_(q) {}
    ~OneShotTimer() { cancel(); }

    void arm(long deadline, Callback cb);
    void cancel();
    void fire() {
        Callback cb = std::move(cb_);
        cb_ = nullptr;
        armed_ = false;
        if (cb) cb();
    }
    long deadline() const { return deadline_; }

private:
    TimerQueue& queue_;
    Callback cb_;
    long deadline_ = 0;
    bool armed_ = false;
};

class TimerQueue {
public:
    void add(OneShotTimer* t) { timers_.push_back(t); }
    void remove(OneShotTimer* t) { timers_.erase(std::remove(timers_.begin(), timers_.end(), t), timers_.end()); }
    void expire(long now) {
        std::vector<OneShotTimer*> due;
        for (auto* t : timers_) if (t->deadline() <= now) due.push_back(t);
        for (auto* t : due) { remove(t); t->fire(); }
    }
    std::size_t size() const { return timers_.size(); }

private:
    std::vector<OneShotTimer*> timers_;
};

void OneShotTimer::arm(long deadline, Callback cb) {
    cancel();
    cb_ = std::move(cb);
    deadline_ = deadline;
    armed_ = true;
    queue_.add(this);
}

void OneShotTimer::cancel() {
    if (armed_) queue_.remove(this);
    armed_ = false;
    cb_ = nullptr;
}

class TcpConnection;
using TcpConnectionPtr = std::shared_ptr<TcpConnection>;
using CloseCallback = std::function<void(const TcpConnectionPtr&)>;

class TcpConnection : public std::enable_shared_from_this<TcpConnection> {
public:
    TcpConnection(TimerQueue& tq, int fd) : fd_(fd), idle_(tq) {}

    void setCloseCallback(CloseCallback cb) { closeCb_ = std::move(cb); }
    int fd() const { return fd_; }

    void connectEstablished(long now) { touch(now); }

    void handleRead(long now, const std::string& data) {
        if (data.empty()) { handleClose(); return; }
        inbox_ += data;
        touch(now);
    }

    void handleClose() {
        if (closed_) return;
        closed_ = true;
        idle_.cancel();
        TcpConnectionPtr guard(shared_from_this());
        if (closeCb_) closeCb_(guard);
        closeCb_ = nullptr;
    }

private:
    void touch(long now) {
        auto self = shared_from_this();
        idle_.arm(now + kIdleTicks, [self] { self->handleClose(); });
    }

    static constexpr long kIdleTicks = 30;
    int fd_;
    bool closed_ = false;
    std::string inbox_;
    OneShotTimer idle_;
    CloseCallback closeCb_;
};

class TcpServer {
public:
    explicit TcpServer(TimerQueue& tq) : tq_(tq) {}

    void newConnection(int fd, long now) {
        auto conn = std::make_shared<TcpConnection>(tq_, fd);
        conn->setCloseCallback(std::bind(&TcpServer::removeConnection, this, std::placeholders::_1));
        connections_[fd] = conn;
        conn->connectEstablished(now);
    }

    void onReadable(int fd, long now, const std::string& data) {
        auto it = connections_.find(fd);
        if (it != connections_.end()) it->second->handleRead(now, data);
    }

    std::size_t size() const { return connections_.size(); }

private:
    void removeConnection(const TcpConnectionPtr& conn) { connections_.erase(conn->fd()); }

    TimerQueue& tq_;
    std::map<int, TcpConnectionPtr> connections_;
};

int main() {
    TimerQueue tq;
    TcpServer server(tq);
    int nextFd = 3;
    for (long tick = 0; tick < 200000; ++tick) {
        int fd = nextFd++;
        server.newConnection(fd, tick);
        server.onReadable(fd, tick, "GET / HTTP/1.1\r\n\r\n");
        if (fd % 3 == 0) server.onReadable(fd, tick, "");  // peer closes; others idle out
        tq.expire(tick);
    }
    tq.expire(1L << 40);
    std::printf("open=%zu timers=%zu\n", server.size(), tq.size());
    return 0;
}
