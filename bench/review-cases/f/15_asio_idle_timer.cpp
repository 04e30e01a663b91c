// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: each Connection owns an idle SteadyTimer whose stored wait handler captures shared_from_this(); close() shuts the socket but never cancels the timer, and the mock io_context never fires timers that are still pending, so connection->timer->handler->connection is never broken.
#include <chrono>
#include <deque>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <system_error>

namespace net {

class IoContext {
public:
    void post(std::function<void()> fn) { queue_.push_back(std::move(fn)); }
    std::size_t run() {
        std::size_t n = 0;
        while (!queue_.empty()) {
            auto fn = std::move(queue_.front());
            queue_.pop_front();
            fn();
            ++n;
        }
        return n;
    }

private:
    std::deque<std::function<void()>> queue_;
};

class SteadyTimer {
public:
    using WaitHandler = std::function<void(const std::error_code&)>;
    explicit SteadyTimer(IoContext& io) : io_(io) {}

    void expires_after(std::chrono::milliseconds d) { deadline_ = d; }
    void async_wait(WaitHandler h) { handler_ = std::move(h); }  // LEAK-HERE
    void cancel() {
        if (!handler_) return;
        auto h = std::move(handler_);
        handler_ = nullptr;
        io_.post([h] { h(std::make_error_code(std::errc::operation_canceled)); });
    }

private:
    IoContext& io_;
    std::chrono::milliseconds deadline_{0};
    WaitHandler handler_;  // LEAK-HERE
};

class TcpSocket {
public:
    explicit TcpSocket(IoContext& io) : io_(io) {}
    void async_read_some(std::string& buf, std::function<void(std::error_code, std::size_t)> cb) {
        buf = "GET / HTTP/1.1\r\n\r\n";
        io_.post([cb, n = buf.size()] { cb({}, n); });
    }
    void close() { open_ = false; }
    bool is_open() const { return open_; }

private:
    IoContext& io_;
    bool open_ = true;
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
    using Ptr = std::shared_ptr<Connection>;
    static Ptr create(IoContext& io) { return Ptr(new Connection(io)); }

    void start();
    void close() { socket_.close(); }

private:
    explicit Connection(IoContext& io) : socket_(io), idle_timer_(io) {}
    void arm_idle_timer();
    void on_idle(const std::error_code& ec);
    void do_read();

    TcpSocket socket_;
    SteadyTimer idle_timer_;
    std::string buffer_;
};

void Connection::start() {
    arm_idle_timer();
    do_read();
}

void Connection::arm_idle_timer() {
    idle_timer_.expires_after(std::chrono::seconds(30));
    idle_timer_.async_wait(std::bind(&Connection::on_idle, shared_from_this(),  // LEAK-HERE
                                     std::placeholders::_1));
}

void Connection::on_idle(const std::error_code& ec) {
    if (ec) return;
    close();
}

void Connection::do_read() {
    auto self = shared_from_this();
    socket_.async_read_some(buffer_, [self](std::error_code ec, std::size_t n) {
        if (ec || n == 0) return;
        // one request per connection, then the server side hangs up
        self->close();
    });
}

class Server {
public:
    explicit Server(IoContext& io) : io_(io) {}
    void accept_one() { Connection::create(io_)->start(); }

private:
    IoContext& io_;
};

}  // namespace net

int main() {
    net::IoContext io;
    net::Server server(io);
    for (int i = 0; i < 20000; ++i) {
        server.accept_one();
        io.run();
    }
    std::cout << "done\n";
}
