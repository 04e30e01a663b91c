// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: Match owns its Players through shared_ptr and each Player owns its current Match through shared_ptr, and nothing ever resets either side when a match finishes.
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace arena {

class Match;

class Player {
public:
    Player(std::uint64_t id, std::string name) : id_(id), name_(std::move(name)) {}

    void joinMatch(std::shared_ptr<Match> m);
    std::uint64_t id() const { return id_; }
    const std::string& name() const { return name_; }
    int score = 0;

private:
    std::uint64_t id_;
    std::string name_;
    std::shared_ptr<Match> currentMatch_; // LEAK-HERE
};

using PlayerPtr = std::shared_ptr<Player>;

class Match : public std::enable_shared_from_this<Match> {
public:
    explicit Match(std::uint32_t mapId) : mapId_(mapId) {}

    void addPlayer(const PlayerPtr& p);
    void simulateRound();
    bool finished() const { return rounds_ >= 5; }
    std::size_t playerCount() const { return roster_.size(); }

private:
    std::uint32_t mapId_;
    int rounds_ = 0;
    std::vector<PlayerPtr> roster_; // LEAK-HERE
};

void Player::joinMatch(std::shared_ptr<Match> m) {
    currentMatch_ = std::move(m); // LEAK-HERE
}

void Match::addPlayer(const PlayerPtr& p) {
    roster_.push_back(p); // LEAK-HERE
    p->joinMatch(shared_from_this());
}

void Match::simulateRound() {
    ++rounds_;
    for (auto& p : roster_) p->score += static_cast<int>((p->id() * 7 + rounds_ + mapId_) % 3);
}

class MatchMaker {
public:
    void enqueue(PlayerPtr p) { queue_.push_back(std::move(p)); }
    void tick();
    std::size_t liveMatches() const { return matches_.size(); }

private:
    std::vector<PlayerPtr> queue_;
    std::unordered_map<std::uint64_t, std::shared_ptr<Match>> matches_;
    std::uint64_t nextMatchId_ = 1;
};

void MatchMaker::tick() {
    while (queue_.size() >= 4) {
        auto match = std::make_shared<Match>(static_cast<std::uint32_t>(nextMatchId_ % 8));
        for (int i = 0; i < 4; ++i) {
            match->addPlayer(queue_.back());
            queue_.pop_back();
        }
        matches_.emplace(nextMatchId_++, std::move(match));
    }
    for (auto it = matches_.begin(); it != matches_.end();) {
        it->second->simulateRound();
        if (it->second->finished()) {
            it = matches_.erase(it);
        } else {
            ++it;
        }
    }
}

} // namespace arena

int main() {
    arena::MatchMaker mm;
    std::uint64_t nextPlayer = 1;
    for (;;) {
        for (int i = 0; i < 8; ++i) {
            mm.enqueue(std::make_shared<arena::Player>(nextPlayer, "p" + std::to_string(nextPlayer)));
            ++nextPlayer;
        }
        mm.tick();
        if (nextPlayer % 80000 == 1) std::cout << "live matches: " << mm.liveMatches() << '\n';
        if (nextPlayer > 800000) break;
    }
}
