// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: GameSession::start() arms its own member RepeatingTimer with a lambda capturing shared_from_this(); close() marks the socket closed but never cancels the timer, so after GameServer erases a disconnected or timed-out session, the session's own timer still holds a shared_ptr to it.
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ws {

enum class Opcode { Text, Ping, Pong, Close };

struct Frame {
  Opcode op = Opcode::Text;
  std::string payload;
};

using Millis = uint64_t;

class RepeatingTimer {
 public:
  void start(Millis now, Millis interval, std::function<void()> cb) {
    interval_ = interval;
    next_fire_ = now + interval;
    cb_ = std::move(cb);
  }
  void cancel() { cb_ = nullptr; }
  void poll(Millis now) {
    while (cb_ && now >= next_fire_) {
      next_fire_ += interval_;
      auto cb = cb_;  // the callback may cancel() this timer while running
      cb();
    }
  }

 private:
  Millis interval_ = 0;
  Millis next_fire_ = 0;
  std::function<void()> cb_;  // LEAK-HERE
};

class GameSession;

// Process-wide text-message router: "verb args..." -> handler.
class MessageRouter {
 public:
  using Handler = std::function<void(GameSession&, std::istringstream&)>;
  void on(const std::string& verb, Handler h) { routes_[verb] = std::move(h); }
  bool dispatch(GameSession& s, const std::string& text) {
    std::istringstream in(text);
    std::string verb;
    in >> verb;
    auto it = routes_.find(verb);
    if (it == routes_.end()) return false;
    it->second(s, in);
    return true;
  }

 private:
  std::unordered_map<std::string, Handler> routes_;
};

MessageRouter& router() {
  static MessageRouter instance;
  return instance;
}

class GameSession : public std::enable_shared_from_this<GameSession> {
 public:
  static constexpr Millis kPingInterval = 5000;

  explicit GameSession(uint64_t id) : id_(id) {}

  void start(Millis now) {
    ping_timer_.start(now, kPingInterval, [self = shared_from_this()] { self->onPingTick(); });  // LEAK-HERE
  }

  void receive(const Frame& f) {
    switch (f.op) {
      case Opcode::Pong: missed_pongs_ = 0; break;
      case Opcode::Ping: send({Opcode::Pong, f.payload}); break;
      case Opcode::Close: close("client closed"); break;
      case Opcode::Text:
        if (!router().dispatch(*this, f.payload)) send({Opcode::Text, "error unknown-verb"});
        break;
    }
  }

  void pump(Millis now) { ping_timer_.poll(now); }

  void send(Frame f) {
    if (open_) outbox_.push_back(std::move(f));
  }
  std::deque<Frame>& outbox() { return outbox_; }

  void close(const std::string& reason) {
    if (!open_) return;
    send({Opcode::Close, reason});
    open_ = false;
  }
  bool isOpen() const { return open_; }
  uint64_t id() const { return id_; }

  // Player state touched by the route handlers.
  std::string room;
  int x = 0, y = 0;

 private:
  void onPingTick() {
    if (missed_pongs_ >= 2) {
      close("ping timeout");
      return;
    }
    ++missed_pongs_;
    send({Opcode::Ping, std::to_string(id_)});
  }

  uint64_t id_;
  bool open_ = true;
  int missed_pongs_ = 0;
  RepeatingTimer ping_timer_;
  std::deque<Frame> outbox_;
};

void installRoutes() {
  router().on("join", [](GameSession& s, std::istringstream& in) {
    in >> s.room;
    s.send({Opcode::Text, "joined " + s.room});
  });
  router().on("move", [](GameSession& s, std::istringstream& in) {
    int dx = 0, dy = 0;
    in >> dx >> dy;
    s.x += dx;
    s.y += dy;
    s.send({Opcode::Text, "pos " + std::to_string(s.x) + " " + std::to_string(s.y)});
  });
}

class GameServer {
 public:
  GameServer() = default;
  GameServer(const GameServer&) = delete;
  GameServer& operator=(const GameServer&) = delete;
  ~GameServer() {
    for (auto& [id, s] : sessions_) s->close("server shutdown");  // 1001 going away
  }

  uint64_t accept(Millis now) {
    auto session = std::make_shared<GameSession>(next_id_++);
    session->start(now);
    sessions_.emplace(session->id(), session);
    return session->id();
  }

  void fromClient(uint64_t id, Frame f) {
    if (auto it = sessions_.find(id); it != sessions_.end()) it->second->receive(f);
  }

  // Hands the client everything the server queued for it since the last call.
  std::vector<Frame> toClient(uint64_t id) {
    std::vector<Frame> out;
    if (auto it = sessions_.find(id); it != sessions_.end()) {
      auto& box = it->second->outbox();
      out.assign(box.begin(), box.end());
      box.clear();
    }
    return out;
  }

  void tick(Millis now) {
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      it->second->pump(now);
      if (!it->second->isOpen())
        it = sessions_.erase(it);
      else
        ++it;
    }
  }

  bool connected(uint64_t id) const { return sessions_.count(id) != 0; }
  size_t online() const { return sessions_.size(); }

 private:
  uint64_t next_id_ = 1;
  std::unordered_map<uint64_t, std::shared_ptr<GameSession>> sessions_;
};

}  // namespace ws

struct Bot {
  uint64_t session = 0;
  int quit_after = 0;  // ticks
  bool answers_pings = true;
};

int main() {
  using namespace ws;
  installRoutes();
  GameServer server;
  std::vector<Bot> bots;
  Millis now = 0;
  for (int tick = 0; tick < 3000; ++tick, now += 100) {
    if (tick % 5 == 0) bots.push_back({server.accept(now), 200 + tick % 300, tick % 3 != 0});
    for (auto& b : bots) {
      if (!server.connected(b.session)) continue;
      if (--b.quit_after == 0 && b.answers_pings) server.fromClient(b.session, {Opcode::Close, ""});
      if (tick % 2 == 0) server.fromClient(b.session, {Opcode::Text, tick % 40 == 0 ? "join arena-1" : "move 1 -1"});
      for (auto& f : server.toClient(b.session))
        if (f.op == Opcode::Ping && b.answers_pings) server.fromClient(b.session, {Opcode::Pong, f.payload});
    }
    server.tick(now);
    std::erase_if(bots, [&](const Bot& b) { return !server.connected(b.session); });
  }
  std::printf("online at end: %zu\n", server.online());
  return 0;
}
