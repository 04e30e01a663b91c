// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: PlayerSession re-arms its own by-value heartbeat_ Timer with std::bind(&PlayerSession::onHeartbeat, shared_from_this()), so the session owns a handler that owns the session; only the kick path cancels the timer, and a plain disconnect just erases the server's handle.
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace game {

using Millis = std::uint64_t;

class Timer {
public:
    void expiresAt(Millis t) { deadline_ = t; }
    void asyncWait(std::function<void()> handler) {
        handler_ = std::move(handler);  // LEAK-HERE
        armed_ = true;
    }
    void cancel() {
        armed_ = false;
        handler_ = nullptr;
    }
    bool pollFire(Millis now) {
        if (!armed_ || now < deadline_) return false;
        armed_ = false;
        auto h = std::move(handler_);
        handler_ = nullptr;
        h();
        return true;
    }

private:
    std::function<void()> handler_;  // LEAK-HERE
    Millis deadline_ = 0;
    bool armed_ = false;
};

struct Packet {
    std::uint8_t opcode;
    std::string payload;
};

class PlayerSession : public std::enable_shared_from_this<PlayerSession> {
public:
    static int live;
    static constexpr Millis kHeartbeatMs = 500;

    explicit PlayerSession(std::uint32_t id) : id_(id) { ++live; }
    ~PlayerSession() { --live; }

    void start(Millis now) {
        now_ = now;
        scheduleHeartbeat();
    }

    void tick(Millis now) {
        now_ = now;
        heartbeat_.pollFire(now);
    }

    void close(const std::string& reason) {
        outbox_.push_back(Packet{0xFF, reason});
        heartbeat_.cancel();
    }

    std::uint32_t id() const { return id_; }

private:
    void scheduleHeartbeat() {
        heartbeat_.expiresAt(now_ + kHeartbeatMs);
        auto cb = std::bind(&PlayerSession::onHeartbeat, shared_from_this());  // LEAK-HERE
        heartbeat_.asyncWait(std::move(cb));
    }

    void onHeartbeat() {
        outbox_.push_back(Packet{0x01, "ping:" + std::to_string(now_)});
        if (outbox_.size() > 16) outbox_.erase(outbox_.begin());
        scheduleHeartbeat();
    }

    std::uint32_t id_;
    Millis now_ = 0;
    Timer heartbeat_;  // LEAK-HERE
    std::vector<Packet> outbox_;
};
int PlayerSession::live = 0;

class GameServer {
public:
    std::uint32_t accept() {
        auto session = std::make_shared<PlayerSession>(++nextId_);
        session->start(now_);
        sessions_.emplace(session->id(), session);
        return nextId_;
    }

    void kick(std::uint32_t id, const std::string& why) {
        auto it = sessions_.find(id);
        if (it == sessions_.end()) return;
        it->second->close(why);
        sessions_.erase(it);
    }

    // Client closed the socket: nothing left to tell it.
    void onDisconnect(std::uint32_t id) { sessions_.erase(id); }

    void advance(Millis dt) {
        now_ += dt;
        for (auto& kv : sessions_) kv.second->tick(now_);
    }

    std::size_t connected() const { return sessions_.size(); }

private:
    std::unordered_map<std::uint32_t, std::shared_ptr<PlayerSession>> sessions_;
    std::uint32_t nextId_ = 0;
    Millis now_ = 0;
};

}  // namespace game

int main() {
    game::GameServer server;
    for (int wave = 0; wave < 5; ++wave) {
        std::vector<std::uint32_t> ids;
        for (int i = 0; i < 40; ++i) ids.push_back(server.accept());
        for (int t = 0; t < 6; ++t) server.advance(250);
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (i % 5 == 0) server.kick(ids[i], "afk");
            else server.onDisconnect(ids[i]);
        }
        std::cout << "wave " << wave << ": connected = " << server.connected()
                  << ", live sessions = " << game::PlayerSession::live << "\n";
    }
    return 0;
}
