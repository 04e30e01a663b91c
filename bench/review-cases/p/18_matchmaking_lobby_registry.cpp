// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: The LobbyDirectory singleton only stores weak_ptr<Lobby> obtained from weak_from_this(), and each Lobby withdraws its id in its destructor, so finished lobbies are freed and the directory holds only live lobbies.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace mm {

enum class Region { EuWest, UsEast, UsWest, AsiaPac };
enum class LobbyState { Filling, InMatch, Finished };

using PlayerId = uint64_t;
using LobbyId = uint64_t;

struct PlayerTicket {
  PlayerId id;
  Region region;
  int rating;
};

class Lobby;
using LobbyRef = std::shared_ptr<Lobby>;
using LobbyWeak = std::weak_ptr<Lobby>;

class LobbyDirectory {
 public:
  static LobbyDirectory& instance() {
    static LobbyDirectory dir;
    return dir;
  }

  void publish(LobbyId id, LobbyWeak lobby) { open_[id] = std::move(lobby); }
  void withdraw(LobbyId id) { open_.erase(id); }

  LobbyRef find(LobbyId id) const {
    auto it = open_.find(id);
    return it == open_.end() ? nullptr : it->second.lock();
  }

  size_t size() const { return open_.size(); }

 private:
  LobbyDirectory() = default;
  std::unordered_map<LobbyId, LobbyWeak> open_;
};

class Lobby : public std::enable_shared_from_this<Lobby> {
 public:
  static LobbyRef open(LobbyId id, Region region, size_t capacity) {
    LobbyRef lobby(new Lobby(id, region, capacity));
    lobby->advertise();
    return lobby;
  }
  Lobby(const Lobby&) = delete;
  Lobby& operator=(const Lobby&) = delete;
  ~Lobby() { LobbyDirectory::instance().withdraw(id_); }

  bool tryJoin(const PlayerTicket& t) {
    if (state_ != LobbyState::Filling || t.region != region_ || roster_.size() >= capacity_) return false;
    if (!roster_.empty() && std::abs(t.rating - averageRating()) > 400) return false;
    roster_.push_back(t);
    chat_.push_back("player " + std::to_string(t.id) + " joined");
    return true;
  }

  bool ready() const { return roster_.size() == capacity_; }
  void startMatch() { state_ = LobbyState::InMatch; }
  void finish() {
    state_ = LobbyState::Finished;
    chat_.push_back("match complete");
  }

  int averageRating() const {
    long sum = 0;
    for (const auto& p : roster_) sum += p.rating;
    return roster_.empty() ? 0 : static_cast<int>(sum / static_cast<long>(roster_.size()));
  }
  LobbyId id() const { return id_; }
  LobbyState state() const { return state_; }

 private:
  Lobby(LobbyId id, Region region, size_t capacity) : id_(id), region_(region), capacity_(capacity) {
    roster_.reserve(capacity);
  }

  // Make the lobby discoverable for spectators and party invites.
  void advertise() {
    LobbyWeak self = weak_from_this();
    LobbyDirectory::instance().publish(id_, self);
  }

  LobbyId id_;
  Region region_;
  size_t capacity_;
  LobbyState state_ = LobbyState::Filling;
  std::vector<PlayerTicket> roster_;
  std::vector<std::string> chat_;
};

class Matchmaker {
 public:
  void enqueue(const PlayerTicket& t) {
    for (auto& lobby : filling_) {
      if (lobby->tryJoin(t)) return promoteIfReady(lobby);
    }
    LobbyRef fresh = Lobby::open(nextLobby_++, t.region, 8);
    fresh->tryJoin(t);
    filling_.push_back(fresh);
  }

  void tick() {
    for (auto& l : running_) l->finish();
    completed_ += running_.size();
    running_.clear();
  }

  size_t completed() const { return completed_; }

 private:
  void promoteIfReady(LobbyRef lobby) {
    if (!lobby->ready()) return;
    lobby->startMatch();
    running_.push_back(lobby);
    filling_.erase(std::remove(filling_.begin(), filling_.end(), lobby), filling_.end());
  }

  std::vector<LobbyRef> filling_;
  std::vector<LobbyRef> running_;
  LobbyId nextLobby_ = 1000;
  size_t completed_ = 0;
};

}  // namespace mm

int main() {
  mm::Matchmaker mk;
  for (uint64_t i = 0; i < 40000; ++i) {
    mm::PlayerTicket t{i, static_cast<mm::Region>(i % 4), 1200 + static_cast<int>((i * 37) % 600)};
    mk.enqueue(t);
    if (i % 64 == 0) mk.tick();
  }
  mk.tick();
  std::printf("matches completed=%zu lobby directory size=%zu\n", mk.completed(),
              mm::LobbyDirectory::instance().size());
  return 0;
}
