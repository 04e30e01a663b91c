// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Player::queueUp passes shared_from_this() through enlist() into the Matchmaker singleton's TicketBoard member (tiers_ map of vectors), and disconnect never removes it, so every player that leaves before being matched stays owned by the singleton forever.
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
    std::vector<std::shared_ptr<Player>> waiting; // LEAK-HERE
};

class TicketBoard {
public:
    void add(int tier, std::shared_ptr<Player> p) {
        TierQueue& q = tiers_[tier];
        q.minRating = tier * 250;
        q.waiting.push_back(std::move(p)); // LEAK-HERE
    }
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
    std::map<int, TierQueue> tiers_; // LEAK-HERE
};

class Matchmaker {
public:
    static Matchmaker& instance() {
        static Matchmaker mm; // LEAK-HERE
        return mm;
    }
    TicketBoard& board() { return board_; }
    std::size_t groupSize() const { return 4; }

private:
    Matchmaker() = default;
    TicketBoard board_; // LEAK-HERE
};

class Player : public std::enable_shared_from_this<Player> {
public:
    Player(PlayerId id, std::string name, int rating)
        : id_(id), name_(std::move(name)), rating_(rating) {
        ++g_livePlayers;
    }
    ~Player() { --g_livePlayers; }

    void queueUp();
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

void Player::queueUp() {
    auto self = shared_from_this();
    detail::enlist(self);
}

class GameServer {
public:
    std::shared_ptr<Player> connect(const std::string& name, int rating) {
        auto p = std::make_shared<Player>(nextId_++, name, rating);
        online_.emplace(p->id(), p);
        return p;
    }
    void disconnect(PlayerId id) {
        // Drop the socket-side reference; the lobby state goes with it.
        online_.erase(id);
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
