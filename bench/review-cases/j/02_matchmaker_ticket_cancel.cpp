// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: Player::queueUp stores shared_from_this() in the Matchmaker singleton's TicketBoard, but GameServer::disconnect always calls leaveQueue(), which removes the ticket by id before the server drops its own reference.
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace arena {

using PlayerId = std::uint64_t;

static int g_livePlayers = 0;

class Player;

// One bucket of waiting tickets per rating tier.
struct TierQueue {
    int minRating = 0;
    std::vector<std::shared_ptr<Player>> waiting;
};

class TicketBoard {
public:
    void add(int tier, std::shared_ptr<Player> p) {
        TierQueue& q = tiers_[tier];
        q.minRating = tier * 250;
        q.waiting.push_back(std::move(p));
    }
    void remove(int tier, std::uint64_t id);
    std::vector<std::shared_ptr<Player>> popGroup(int tier, std::size_t n) {
        std::vector<std::shared_ptr<Player>> out;
        auto it = tiers_.find(tier);
        if (it == tiers_.end() || it->second.waiting.size() < n) return out;
        auto& w = it->second.waiting;
        out.assign(w.begin(), w.begin() + static_cast<long>(n));
        w.erase(w.begin(), w.begin() + static_cast<long>(n));
        return out;
    }
    std::size_t total() const {
        std::size_t n = 0;
        for (const auto& kv : tiers_) n += kv.second.waiting.size();
        return n;
    }

private:
    std::map<int, TierQueue> tiers_;
};

class Matchmaker {
public:
    static Matchmaker& instance() {
        static Matchmaker mm;
        return mm;
    }
    TicketBoard& board() { return board_; }
    std::size_t groupSize() const { return 4; }

private:
    Matchmaker() = default;
    TicketBoard board_;
};

class Player : public std::enable_shared_from_this<Player> {
public:
    Player(PlayerId id, std::string name, int rating)
        : id_(id), name_(std::move(name)), rating_(rating) {
        ++g_livePlayers;
    }
    ~Player() { --g_livePlayers; }

    void queueUp();
    void leaveQueue();
    int tier() const { return rating_ / 250; }
    PlayerId id() const { return id_; }
    const std::string& name() const { return name_; }

private:
    PlayerId id_;
    std::string name_;
    int rating_;
};

namespace detail {
inline void registerTicket(int tier, const std::shared_ptr<Player>& who) {
    Matchmaker::instance().board().add(tier, who);
}
inline void enlist(const std::shared_ptr<Player>& who) {
    // Ratings are clamped so that fresh accounts land in tier 0.
    int tier = who->tier() < 0 ? 0 : who->tier();
    registerTicket(tier, who);
}
} // namespace detail

inline void withdraw(const Player& who) {
    int tier = who.tier() < 0 ? 0 : who.tier();
    Matchmaker::instance().board().remove(tier, who.id());
}

void TicketBoard::remove(int tier, std::uint64_t id) {
    auto it = tiers_.find(tier);
    if (it == tiers_.end()) return;
    auto& w = it->second.waiting;
    for (auto p = w.begin(); p != w.end(); ++p) {
        if ((*p)->id() == id) {
            w.erase(p);
            break;
        }
    }
    if (w.empty()) tiers_.erase(it);
}

void Player::queueUp() {
    auto self = shared_from_this();
    detail::enlist(self);
}

void Player::leaveQueue() { withdraw(*this); }

class GameServer {
public:
    std::shared_ptr<Player> connect(const std::string& name, int rating) {
        auto p = std::make_shared<Player>(nextId_++, name, rating);
        online_.emplace(p->id(), p);
        return p;
    }
    void disconnect(PlayerId id) {
        auto it = online_.find(id);
        if (it == online_.end()) return;
        // Pull any pending ticket before the socket-side reference goes.
        it->second->leaveQueue();
        online_.erase(it);
    }
    std::size_t online() const { return online_.size(); }

private:
    PlayerId nextId_ = 1;
    std::unordered_map<PlayerId, std::shared_ptr<Player>> online_;
};

} // namespace arena

int main() {
    using namespace arena;
    GameServer server;
    for (int round = 0; round < 5; ++round) {
        for (int i = 0; i < 3; ++i) {
            // Three players in distinct tiers queue, get bored, and quit.
            auto p = server.connect("p" + std::to_string(round) + "_" + std::to_string(i),
                                    1000 + i * 300 + round * 7);
            p->queueUp();
            server.disconnect(p->id());
        }
        std::cout << "round " << round << ": online=" << server.online()
                  << " queued=" << Matchmaker::instance().board().total()
                  << " live players=" << g_livePlayers << "\n";
    }
    return 0;
}
