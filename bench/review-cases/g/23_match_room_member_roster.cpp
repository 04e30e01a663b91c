// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: makeSession() gives every PlayerSession a shared_ptr to its MatchRoom and the room stores a brace-initialised Member aggregate holding the session's shared_ptr in its roster map, and nothing removes members when a match ends, so every finished room and its players stay alive.
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace game {

class PlayerSession;

enum class Team : std::uint8_t { Red, Blue };

struct Member {
    std::shared_ptr<PlayerSession> session;  // LEAK-HERE
    std::string nickname;
    Team team;
    int score;
};

class MatchRoom {
public:
    explicit MatchRoom(std::uint32_t matchId) : matchId_(matchId) {}

    void join(std::uint32_t playerId, Member m) { roster_.emplace(playerId, std::move(m)); }  // LEAK-HERE

    void addScore(std::uint32_t playerId, int pts) {
        auto it = roster_.find(playerId);
        if (it != roster_.end()) it->second.score += pts;
    }

    int teamScore(Team t) const {
        int s = 0;
        for (const auto& [id, m] : roster_)
            if (m.team == t) s += m.score;
        return s;
    }

    std::uint32_t id() const { return matchId_; }

private:
    std::uint32_t matchId_;
    std::map<std::uint32_t, Member> roster_;  // LEAK-HERE
};

class PlayerSession {
public:
    PlayerSession(std::uint32_t playerId, std::shared_ptr<MatchRoom> room)
        : playerId_(playerId), room_(std::move(room)) {}  // LEAK-HERE

    void onKill() { room_->addScore(playerId_, 100); }
    std::uint32_t playerId() const { return playerId_; }

private:
    std::uint32_t playerId_;
    std::shared_ptr<MatchRoom> room_;  // LEAK-HERE
    std::vector<std::uint8_t> inputBuffer_ = std::vector<std::uint8_t>(2048);
};

std::shared_ptr<PlayerSession> makeSession(const std::shared_ptr<MatchRoom>& room, std::uint32_t playerId,
                                           const std::string& nick) {
    auto s = std::make_shared<PlayerSession>(playerId, room);
    Team team = (playerId % 2) ? Team::Red : Team::Blue;
    room->join(playerId, Member{s, nick, team, 0});  // LEAK-HERE
    return s;
}

}  // namespace game

struct MatchResult {
    int red = 0;
    int blue = 0;
};

static MatchResult runMatch(std::uint32_t matchId) {
    auto room = std::make_shared<game::MatchRoom>(matchId);
    std::vector<std::shared_ptr<game::PlayerSession>> players;
    for (std::uint32_t p = 0; p < 10; ++p)
        players.push_back(game::makeSession(room, matchId * 16 + p, "player" + std::to_string(p)));
    for (int tick = 0; tick < 30; ++tick)
        players[(tick * 7) % players.size()]->onKill();
    return {room->teamScore(game::Team::Red), room->teamScore(game::Team::Blue)};
}  // room and player handles released; match is over

int main() {
    int redWins = 0;
    for (std::uint32_t m = 1; m <= 20000; ++m) {
        MatchResult r = runMatch(m);
        if (r.red > r.blue) ++redWins;
    }
    std::printf("red wins=%d\n", redWins);
    return 0;
}
