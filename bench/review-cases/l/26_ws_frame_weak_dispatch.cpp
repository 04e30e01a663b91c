// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: The handler stored in the session-owned decoder's handler list captures only a weak_ptr (attach takes shared_from_this() as a weak_ptr parameter) and locks it per message, so the session is not kept alive by its own decoder.
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace webfw {

static int g_liveSessions = 0;

using TextHandler = std::function<void(const std::string&)>;

class FrameSink {
public:
    virtual ~FrameSink() = default;
    virtual void setTextHandler(TextHandler h) = 0;
    virtual void feed(const std::string& raw) = 0;
};

class FrameDecoder : public FrameSink {
public:
    void setTextHandler(TextHandler h) override {
        handlers_.push_back(std::move(h));
    }

    void feed(const std::string& raw) override {
        buffer_ += raw;
        std::size_t pos;
        while ((pos = buffer_.find('\n')) != std::string::npos) {
            std::string frame = buffer_.substr(0, pos);
            buffer_.erase(0, pos + 1);
            if (frame.rfind("TEXT ", 0) == 0) dispatch(frame.substr(5));
        }
    }

private:
    void dispatch(const std::string& payload) {
        for (auto& h : handlers_) h(payload);
    }

    std::vector<TextHandler> handlers_;
    std::string buffer_;
};

class WebSocketSession : public std::enable_shared_from_this<WebSocketSession> {
public:
    WebSocketSession(std::string peer, std::string route)
        : peer_(std::move(peer)), route_(std::move(route)), decoder_(new FrameDecoder) {
        ++g_liveSessions;
        outbox_.reserve(8);
    }
    ~WebSocketSession() { --g_liveSessions; }

    void start() {
        auto self = shared_from_this();
        attach(decoder(), self);
        outbox_.push_back("HELLO " + route_);
    }

    void onBytes(const std::string& raw) {
        if (open_) decoder_->feed(raw);
    }

    void close() { open_ = false; }

    std::size_t sent() const { return outbox_.size(); }

private:
    static void attach(FrameSink& sink, std::weak_ptr<WebSocketSession> session) {
        sink.setTextHandler([session](const std::string& msg) {
            if (auto live = session.lock()) live->handleText(msg);
        });
    }

    FrameSink& decoder() { return *decoder_; }

    void handleText(const std::string& msg) {
        if (msg == "ping") outbox_.push_back("pong");
        else outbox_.push_back("[" + peer_ + "] " + msg);
    }

    std::string peer_;
    std::string route_;
    std::unique_ptr<FrameSink> decoder_;
    std::vector<std::string> outbox_;
    bool open_ = true;
};

class ChatEndpoint {
public:
    explicit ChatEndpoint(std::string route) : route_(std::move(route)) {}

    std::size_t serveConnection(const std::string& peer, const std::vector<std::string>& wire) {
        auto session = std::make_shared<WebSocketSession>(peer, route_);
        session->start();
        for (const auto& chunk : wire) session->onBytes(chunk);
        session->close();
        ++served_;
        return session->sent();
    }

    int served() const { return served_; }

private:
    std::string route_;
    int served_ = 0;
};

}  // namespace webfw

int main() {
    webfw::ChatEndpoint chat("/ws/chat");
    const std::vector<std::string> wire = {"TEXT hel", "lo\nTEXT ping\n", "TEXT bye\n"};
    std::size_t frames = 0;
    for (int i = 0; i < 60; ++i) {
        frames += chat.serveConnection("10.0.0." + std::to_string(i % 250), wire);
        if (i % 20 == 19)
            std::printf("served=%d live sessions=%d\n", chat.served(), webfw::g_liveSessions);
    }
    std::printf("frames=%zu\n", frames);
    std::fflush(stdout);
    return 0;
}
