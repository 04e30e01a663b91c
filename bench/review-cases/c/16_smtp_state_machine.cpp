// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: The session's state_ std::function only captures a raw this pointer, which confers no ownership, so the session's lifetime is governed solely by the unique_ptr in the listener.
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace smtp {

class Session {
public:
    using Reply = std::function<void(int code, std::string_view text)>;

    explicit Session(Reply reply);
    void feedLine(std::string_view line) { state_(line); }
    bool done() const { return done_; }
    std::size_t messages() const { return delivered_.size(); }

private:
    using State = std::function<void(std::string_view)>;

    void expectHelo(std::string_view line);
    void expectMailFrom(std::string_view line);
    void expectRcptOrData(std::string_view line);
    void readBody(std::string_view line);

    static bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

    Reply reply_;
    State state_;
    std::string from_;
    std::vector<std::string> rcpts_;
    std::string body_;
    std::vector<std::string> delivered_;
    bool done_ = false;
};

Session::Session(Reply reply) : reply_(std::move(reply)) {
    state_ = [this](std::string_view l) { expectHelo(l); };
    reply_(220, "mx.example.net ESMTP ready");
}

void Session::expectHelo(std::string_view line) {
    if (!startsWith(line, "EHLO") && !startsWith(line, "HELO")) return reply_(503, "send HELO first");
    reply_(250, "hello");
    state_ = [this](std::string_view l) { expectMailFrom(l); };
}

void Session::expectMailFrom(std::string_view line) {
    if (startsWith(line, "QUIT")) { done_ = true; return reply_(221, "bye"); }
    if (!startsWith(line, "MAIL FROM:")) return reply_(503, "need MAIL");
    from_ = std::string(line.substr(10));
    rcpts_.clear();
    reply_(250, "ok");
    state_ = [this](std::string_view l) { expectRcptOrData(l); };
}

void Session::expectRcptOrData(std::string_view line) {
    if (startsWith(line, "RCPT TO:")) { rcpts_.emplace_back(line.substr(8)); return reply_(250, "ok"); }
    if (line != "DATA" || rcpts_.empty()) return reply_(503, "need RCPT");
    body_.clear();
    reply_(354, "end with .");
    state_ = [this](std::string_view l) { readBody(l); };
}

void Session::readBody(std::string_view line) {
    if (line != ".") { body_.append(line.data(), line.size()).push_back('\n'); return; }
    delivered_.push_back(from_ + " -> " + std::to_string(rcpts_.size()) + " rcpts, " + std::to_string(body_.size()) + "B");
    reply_(250, "queued");
    state_ = [this](std::string_view l) { expectMailFrom(l); };
}

} // namespace smtp

int main() {
    std::unordered_map<std::uint64_t, std::unique_ptr<smtp::Session>> sessions;
    std::uint64_t replies = 0;
    const std::vector<std::string> script = {"EHLO client", "MAIL FROM:<a@x.org>", "RCPT TO:<b@y.org>",
                                             "DATA", "Subject: hi", "", "body", ".", "QUIT"};
    bool running = true;
    std::uint64_t connId = 0;
    while (running) {
        auto& s = sessions[connId];
        s = std::make_unique<smtp::Session>([&replies](int, std::string_view) { ++replies; });
        for (const auto& line : script) s->feedLine(line);
        if (s->done()) sessions.erase(connId);
        if (++connId == 300000) running = false;
    }
    std::cout << "replies=" << replies << " open=" << sessions.size() << '\n';
}
