// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: WsSession stores a frame handler bound to shared_from_this() in its own member, but run() always ends in shutdown(), which resets that handler and the ping callback, so the self-reference is broken on every close path.
#include <functional>
#include <memory>
#include <string>
#include <vector>
#include <queue>

namespace ws {

enum class Opcode { Text, Binary, Ping, Close };

struct WsFrame {
    Opcode op = Opcode::Text;
    std::string data;
};

class FrameSource {
public:
    explicit FrameSource(std::vector<WsFrame> frames) {
        for (auto& f : frames) q_.push(std::move(f));
    }
    bool next(WsFrame& out) {
        if (q_.empty()) return false;
        out = std::move(q_.front());
        q_.pop();
        return true;
    }

private:
    std::queue<WsFrame> q_;
};

class WsSession : public std::enable_shared_from_this<WsSession> {
public:
    explicit WsSession(FrameSource src) : src_(std::move(src)) {}

    void run() {
        onFrame_ = std::bind(&WsSession::dispatch, shared_from_this(), std::placeholders::_1);
        onPing_ = [self = shared_from_this()](const std::string& p) { self->pongs_.push_back(p); };
        WsFrame f;
        while (open_ && src_.next(f)) onFrame_(f);
        shutdown();
    }

    size_t textBytes() const { return textBytes_; }

private:
    void dispatch(const WsFrame& f) {
        switch (f.op) {
        case Opcode::Text: textBytes_ += f.data.size(); break;
        case Opcode::Binary: binaryFrames_++; break;
        case Opcode::Ping: if (onPing_) onPing_(f.data); break;
        case Opcode::Close: open_ = false; break;
        }
    }

    void shutdown() {
        open_ = false;
        onFrame_ = nullptr;
        onPing_ = nullptr;
        pongs_.clear();
    }

    FrameSource src_;
    bool open_ = true;
    size_t textBytes_ = 0;
    size_t binaryFrames_ = 0;
    std::vector<std::string> pongs_;
    std::function<void(const WsFrame&)> onFrame_;
    std::function<void(const std::string&)> onPing_;
};

std::vector<WsFrame> scriptedClient(int n) {
    std::vector<WsFrame> v;
    for (int i = 0; i < n; ++i) v.push_back({i % 4 == 0 ? Opcode::Ping : Opcode::Text, "msg" + std::to_string(i)});
    if (n % 2 == 0) v.push_back({Opcode::Close, ""});
    return v;
}

} // namespace ws

int main() {
    size_t total = 0;
    for (int conn = 0; conn < 20000; ++conn) {
        auto s = std::make_shared<ws::WsSession>(ws::FrameSource(ws::scriptedClient(conn % 17)));
        s->run();
        total += s->textBytes();
    }
    return total > 0 ? 0 : 1;
}
