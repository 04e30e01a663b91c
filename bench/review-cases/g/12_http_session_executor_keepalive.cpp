// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: HttpSession captures shared_from_this() only in completion handlers posted to the external IoContext queue, which pops and destroys each handler after running it, so the session is released once its last read/write chain finishes.
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <utility>

namespace aio {

// Minimal single-threaded executor in the style of asio::io_context.
class IoContext {
public:
    void post(std::function<void()> handler) { queue_.push_back(std::move(handler)); }

    std::size_t run() {
        std::size_t n = 0;
        while (!queue_.empty()) {
            std::function<void()> h = std::move(queue_.front());
            queue_.pop_front();
            h();  // handler (and whatever it captured) is destroyed at end of scope
            ++n;
        }
        return n;
    }

private:
    std::deque<std::function<void()>> queue_;
};

class Socket {
public:
    Socket(IoContext& io, int id) : io_(io), id_(id) {}
    IoContext& context() { return io_; }

    void async_read(std::function<void(std::string)> cb) {
        std::string chunk = reads_++ < 2 ? "GET /api/" + std::to_string(id_) + " HTTP/1.1\r\n\r\n" : "";
        io_.post([cb = std::move(cb), chunk]() { cb(chunk); });
    }
    void async_write(std::string data, std::function<void(std::size_t)> cb) {
        io_.post([cb = std::move(cb), n = data.size()]() { cb(n); });
    }

private:
    IoContext& io_;
    int id_;
    int reads_ = 0;
};

}  // namespace aio

class HttpSession : public std::enable_shared_from_this<HttpSession> {
public:
    HttpSession(aio::IoContext& io, int id) : socket_(io, id) {}

    void start() { do_read(); }

    static std::size_t responses() { return s_responses; }

private:
    void do_read() {
        auto self = shared_from_this();
        socket_.async_read([this, self](std::string chunk) {
            if (chunk.empty())
                return;  // peer closed: no further handler keeps us alive
            on_request(chunk);
        });
    }

    void on_request(const std::string& req) {
        std::string body = "{\"path\":\"" + req.substr(4, req.find(' ', 4) - 4) + "\"}";
        std::string resp = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) +
                           "\r\n\r\n" + body;
        auto self = shared_from_this();
        socket_.async_write(std::move(resp), [this, self](std::size_t written) {
            bytes_out_ += written;
            ++s_responses;
            do_read();
        });
    }

    aio::Socket socket_;
    std::size_t bytes_out_ = 0;
    static inline std::size_t s_responses = 0;
};

int main() {
    aio::IoContext io;
    std::size_t handlers = 0;
    for (int conn = 0; conn < 200000; ++conn) {
        std::make_shared<HttpSession>(io, conn)->start();
        if (conn % 64 == 63)
            handlers += io.run();
    }
    handlers += io.run();
    std::printf("handlers %zu responses %zu\n", handlers, HttpSession::responses());
    return 0;
}
