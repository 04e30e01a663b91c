// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: handlers that capture shared_from_this() are only handed to the server-owned IoContext, which runs each once and drops it; the handlers stored in the session's own timer and on_close_ member capture only weak_ptr, so no session owns a callback that owns the session.
#include <chrono>
#include <deque>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>
#include <unordered_set>

namespace mini_asio {

class io_context {
public:
    template <class F>
    void post(F&& f) { ready_.emplace_back(std::forward<F>(f)); }
    std::size_t run() {
        std::size_t n = 0;
        while (!ready_.empty()) {
            std::function<void()> h = std::move(ready_.front());
            ready_.pop_front();
            h();  // executed once, then destroyed
            ++n;
        }
        return n;
    }

private:
    std::deque<std::function<void()>> ready_;
};

class steady_timer {
public:
    explicit steady_timer(io_context& io) : io_(io) {}
    void expires_after(std::chrono::milliseconds d) { after_ = d; }
    void async_wait(std::function<void(std::error_code)> h) { pending_ = std::move(h); }
    void cancel() {
        if (!pending_) return;
        auto h = std::move(pending_);
        pending_ = nullptr;
        io_.post([h] { h(std::make_error_code(std::errc::operation_canceled)); });
    }

private:
    io_context& io_;
    std::chrono::milliseconds after_{0};
    std::function<void(std::error_code)> pending_;
};

}  // namespace mini_asio

namespace chat {

class Session : public std::enable_shared_from_this<Session> {
public:
    using CloseHandler = std::function<void()>;
    Session(mini_asio::io_context& io, int fd) : io_(io), heartbeat_(io), fd_(fd) {}

    void start();
    void setOnClose(CloseHandler h);
    void deliver(const std::string& msg);
    int fd() const { return fd_; }

private:
    void arm_heartbeat();
    void handle_read(std::string data);

    mini_asio::io_context& io_;
    mini_asio::steady_timer heartbeat_;
    CloseHandler on_close_;
    std::string outbox_;
    int fd_;
};

void Session::setOnClose(CloseHandler h) { on_close_ = std::move(h); }

void Session::start() {
    arm_heartbeat();
    auto self = shared_from_this();
    // keep-alive: the external executor owns this handler until it runs once
    io_.post([self] { self->handle_read("hello from " + std::to_string(self->fd_)); });
}

void Session::arm_heartbeat() {
    std::weak_ptr<Session> weak = weak_from_this();
    heartbeat_.expires_after(std::chrono::seconds(15));
    heartbeat_.async_wait([weak](std::error_code ec) {
        if (ec) return;
        if (auto s = weak.lock()) s->deliver("ping");
    });
}

void Session::handle_read(std::string data) {
    deliver("echo: " + data);
    heartbeat_.cancel();
    if (on_close_) on_close_();
}

void Session::deliver(const std::string& msg) { outbox_ = msg; }

class Server {
public:
    explicit Server(mini_asio::io_context& io) : io_(io) {}
    void on_accept(int fd);
    std::size_t live() const { return sessions_.size(); }

private:
    mini_asio::io_context& io_;
    std::unordered_set<std::shared_ptr<Session>> sessions_;
};

void Server::on_accept(int fd) {
    auto s = std::make_shared<Session>(io_, fd);
    std::weak_ptr<Session> ws = s;
    s->setOnClose([this, ws] {
        if (auto locked = ws.lock()) sessions_.erase(locked);
    });
    sessions_.insert(s);
    s->start();
}

}  // namespace chat

int main() {
    mini_asio::io_context io;
    chat::Server server(io);
    for (int fd = 3; fd < 40000; ++fd) {
        server.on_accept(fd);
        io.run();
    }
    std::cout << "live sessions: " << server.live() << "\n";
}
