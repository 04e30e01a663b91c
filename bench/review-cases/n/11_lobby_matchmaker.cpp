// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: Lobby::onOpen() subscribes std::bind(&Lobby::handlePlayerEvent, shared_from_this()) to the handler list of its own events_ member, so each lobby owns a callback that owns the lobby, and the unsubscribe in ~Lobby can never run after the matchmaker drops it.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mm {

class GameLoop {
 public:
  void post(std::function<void()> task) { tasks_.push_back(std::move(task)); }
  std::size_t runPending() {
    std::size_t n = 0;
    while (!tasks_.empty()) {
      auto task = std::move(tasks_.front());
      tasks_.pop_front();
      task();
      ++n;
    }
    return n;
  }

 private:
  std::deque<std::function<void()>> tasks_;
};

struct PlayerEvent {
  enum class Kind { Joined, Ready, Left } kind;
  std::string playerId;
};

template <typename Event>
class EventChannel {
 public:
  using Handler = std::function<void(const Event&)>;

  int subscribe(Handler h) {
    int id = nextId_++;
    slots_.push_back(Slot{id, std::move(h)});  // LEAK-HERE
    return id;
  }
  void unsubscribe(int id) {
    slots_.erase(std::remove_if(slots_.begin(), slots_.end(),
                                [id](const Slot& s) { return s.id == id; }),
                 slots_.end());
  }
  void publish(const Event& e) const {
    for (const auto& s : slots_) s.fn(e);
  }

 private:
  struct Slot {
    int id;
    Handler fn;
  };
  int nextId_ = 1;
  std::vector<Slot> slots_;  // LEAK-HERE
};

class Room {
 public:
  virtual ~Room() = default;
  void open() { onOpen(); }
  virtual std::string describe() const = 0;

 protected:
  virtual void onOpen() = 0;
};

class Lobby : public Room, public std::enable_shared_from_this<Lobby> {
 public:
  static std::atomic<int> live;

  Lobby(GameLoop& loop, std::string region, std::size_t capacity)
      : loop_(loop), region_(std::move(region)), capacity_(capacity) {
    ++live;
  }
  ~Lobby() override {
    events_.unsubscribe(subscription_);
    --live;
  }

  void join(const std::string& player) { events_.publish({PlayerEvent::Kind::Joined, player}); }
  void ready(const std::string& player) { events_.publish({PlayerEvent::Kind::Ready, player}); }
  bool started() const { return started_; }
  std::string describe() const override {
    return region_ + " lobby " + std::to_string(players_.size()) + "/" + std::to_string(capacity_);
  }

 protected:
  void onOpen() override {
    auto self = shared_from_this();
    subscription_ = events_.subscribe(
        std::bind(&Lobby::handlePlayerEvent, self, std::placeholders::_1));  // LEAK-HERE
  }

 private:
  void handlePlayerEvent(const PlayerEvent& ev) {
    if (ev.kind == PlayerEvent::Kind::Joined) players_.push_back(ev.playerId);
    if (ev.kind == PlayerEvent::Kind::Ready && ++readyCount_ == capacity_) {
      auto self = shared_from_this();
      loop_.post([self] { self->startMatch(); });
    }
  }
  void startMatch() { started_ = true; }

  GameLoop& loop_;
  std::string region_;
  std::size_t capacity_;
  std::vector<std::string> players_;
  std::size_t readyCount_ = 0;
  bool started_ = false;
  int subscription_ = 0;
  EventChannel<PlayerEvent> events_;  // LEAK-HERE
};

std::atomic<int> Lobby::live{0};

class Matchmaker {
 public:
  explicit Matchmaker(GameLoop& loop) : loop_(loop) {}

  void enqueue(std::string player) {
    queue_.push_back(std::move(player));
    if (queue_.size() >= kTeamSize) formLobby();
  }

  std::size_t reapFinished() {
    auto before = active_.size();
    active_.erase(std::remove_if(active_.begin(), active_.end(),
                                 [](const std::shared_ptr<Lobby>& l) { return l->started(); }),
                  active_.end());
    return before - active_.size();
  }

 private:
  static constexpr std::size_t kTeamSize = 4;

  static std::shared_ptr<Lobby> makeLobby(GameLoop& loop, const std::string& region) {
    auto lobby = std::make_shared<Lobby>(loop, region, kTeamSize);
    lobby->open();
    return lobby;
  }

  void formLobby() {
    std::shared_ptr<Lobby> lobby = makeLobby(loop_, "eu-west");
    for (std::size_t i = 0; i < kTeamSize; ++i) lobby->join(queue_[i]);
    for (std::size_t i = 0; i < kTeamSize; ++i) lobby->ready(queue_[i]);
    queue_.erase(queue_.begin(), queue_.begin() + kTeamSize);
    active_.push_back(std::move(lobby));
  }

  GameLoop& loop_;
  std::vector<std::string> queue_;
  std::vector<std::shared_ptr<Lobby>> active_;
};

}  // namespace mm

int main() {
  mm::GameLoop loop;
  mm::Matchmaker matchmaker(loop);
  for (int tick = 0; tick < 6; ++tick) {
    for (int p = 0; p < 40; ++p) matchmaker.enqueue("player-" + std::to_string(tick * 40 + p));
    std::size_t ran = loop.runPending();
    std::size_t reaped = matchmaker.reapFinished();
    std::printf("tick %d: tasks=%zu reaped=%zu live lobbies=%d\n", tick, ran, reaped,
                mm::Lobby::live.load());
    std::fflush(stdout);
  }
  return 0;
}
