// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: HttpConnection arms its own IdleTimer member with a lambda capturing shared_from_this(), so the connection owns a callable that owns the connection and it is never destroyed after the socket closes.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>
#include <map>

namespace net {

class IdleTimer {
public:
    using Callback = std::function<void()>;

    void arm(std::chrono::milliseconds after, Callback cb) {
        deadline_ = std::chrono::steady_clock::now() + after;
        callback_ = std::move(cb); // LEAK-HERE
        armed_ = true;
    }
    void disarm() { armed_ = false; }
    void poll() {
        if (armed_ && std::chrono::steady_clock::now() >= deadline_) {
            armed_ = false;
            if (callback_) callback_();
        }
    }

private:
    Callback callback_; // LEAK-HERE
    std::chrono::steady_clock::time_point deadline_{};
    bool armed_ = false;
};

struct Request {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;
};

Request parseRequestLine(const std::string& line) {
    Request r;
    auto sp1 = line.find(' ');
    auto sp2 = line.find(' ', sp1 + 1);
    if (sp1 == std::string::npos || sp2 == std::string::npos) return r;
    r.method = line.substr(0, sp1);
    r.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    return r;
}

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
public:
    explicit HttpConnection(int fd) : fd_(fd) {}

    void start() {
        resetIdle();
    }

    void onData(const std::string& chunk) {
        buffer_ += chunk;
        auto eol = buffer_.find("\r\n");
        if (eol != std::string::npos) {
            pending_.push_back(parseRequestLine(buffer_.substr(0, eol)));
            buffer_.erase(0, eol + 2);
        }
        if (pending_.size() >= 8) dispatchPending();
        resetIdle();
    }

    void close() { open_ = false; idle_.disarm(); }
    bool isOpen() const { return open_; }
    int fd() const { return fd_; }

private:
    void dispatchPending() {
        for (auto& r : pending_) served_ += r.method == "GET" ? 1 : 0;
        pending_.clear();
    }

    void resetIdle() {
        auto self = shared_from_this();
        idle_.arm(std::chrono::milliseconds(15000), [self]() { // LEAK-HERE
            self->close();
        });
    }

    int fd_;
    bool open_ = true;
    std::string buffer_;
    std::vector<Request> pending_;
    unsigned served_ = 0;
    IdleTimer idle_; // LEAK-HERE
};

} // namespace net

int main() {
    std::vector<std::shared_ptr<net::HttpConnection>> active;
    for (int fd = 3; fd < 200; ++fd) {
        auto conn = std::make_shared<net::HttpConnection>(fd);
        conn->start();
        conn->onData("GET /index.html HTTP/1.1\r\n");
        active.push_back(conn);
        if (active.size() > 16) {
            active.front()->close();
            active.erase(active.begin());
        }
    }
    return 0;
}
