// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: WsSession::start() stores into the session's own onMessage_ member a lambda that captures shared_from_this(), and onClosed() never resets it, so every accepted session owns a callable that owns the session.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#define WS_DEBUG(fmt, ...) std::fprintf(stderr, "[ws] " fmt "\n", __VA_ARGS__)

namespace ws {

enum class Opcode : std::uint8_t { Text = 1, Binary = 2, Close = 8, Ping = 9, Pong = 10 };

struct Frame {
    Opcode op = Opcode::Text;
    std::string payload;
};

class FrameParser {
public:
    bool feed(const char* data, std::size_t n, Frame& out);

private:
    std::string buf_;
};

class WsSession : public std::enable_shared_from_this<WsSession> {
public:
    using MessageHandler = std::function<void(const Frame&)>;

    WsSession(int fd, std::string route) : fd_(fd), route_(std::move(route)) {}

    void start();
    void setMessageHandler(MessageHandler h);
    void onReadable(const char* data, std::size_t n);
    void onClosed();
    void dispatch(const std::string& route, const Frame& f);

private:
    int fd_;
    std::string route_;
    FrameParser parser_;
    MessageHandler onMessage_;  // LEAK-HERE
    bool closed_ = false;
    std::size_t messages_ = 0;
};

bool FrameParser::feed(const char* data, std::size_t n, Frame& out) {
    buf_.append(data, n);
    auto pos = buf_.find('\n');
    if (pos == std::string::npos) return false;
    out.op = buf_.compare(0, 5, "CLOSE") == 0 ? Opcode::Close : Opcode::Text;
    out.payload = buf_.substr(0, pos);
    buf_.erase(0, pos + 1);
    return true;
}

void WsSession::setMessageHandler(MessageHandler h) {
    onMessage_ = std::move(h);  // LEAK-HERE
}

void WsSession::start() {
    setMessageHandler([self = shared_from_this(), route = route_](const Frame& f) {  // LEAK-HERE
        self->dispatch(route, f);
    });
    WS_DEBUG("session fd=%d started on %s", fd_, route_.c_str());
}

void WsSession::onReadable(const char* data, std::size_t n) {
    if (closed_) return;
    Frame f;
    while (parser_.feed(data, n, f)) {
        n = 0;
        if (f.op == Opcode::Close) {
            onClosed();
            return;
        }
        if (onMessage_) onMessage_(f);
    }
}

void WsSession::onClosed() {
    closed_ = true;
    WS_DEBUG("session fd=%d closed after %zu messages", fd_, messages_);
}

void WsSession::dispatch(const std::string& route, const Frame& f) {
    ++messages_;
    WS_DEBUG("%s <- %zu bytes", route.c_str(), f.payload.size());
}

class Acceptor {
public:
    void onAccept(int fd, const std::string& path);

private:
    std::vector<std::weak_ptr<WsSession>> recent_;
};

void Acceptor::onAccept(int fd, const std::string& path) {
    auto session = std::make_shared<WsSession>(fd, path);
    session->start();
    if (recent_.size() >= 64) recent_.erase(recent_.begin());
    recent_.push_back(session);
}

}  // namespace ws
