// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: GameServer's per-connection player map is erased on disconnect and its per-IP rate window map is cleared every tick boundary, so neither grows with the total number of connections served.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>
#include <cmath>

namespace game {

using ConnId = uint32_t;

struct PlayerState {
    std::string name;
    float x = 0, y = 0;
    int hp = 100;
    std::vector<uint8_t> pendingInput;
};

struct InputPacket {
    ConnId conn;
    std::string ip;
    float dx, dy;
};

float distance(const PlayerState& a, const PlayerState& b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

class GameServer {
public:
    void onConnect(ConnId id, const std::string& name) {
        players_[id] = PlayerState{name, 0.0f, 0.0f, 100, {}};
    }

    void onDisconnect(ConnId id) { players_.erase(id); }

    bool onInput(const InputPacket& pkt) {
        if (++packetsThisWindow_[pkt.ip] > 120) return false;
        auto it = players_.find(pkt.conn);
        if (it == players_.end()) return false;
        it->second.x += pkt.dx;
        it->second.y += pkt.dy;
        return true;
    }

    void tick(uint64_t frame) {
        if (frame % 60 == 0) packetsThisWindow_.clear();
        for (auto& [id, p] : players_) {
            for (auto& [otherId, q] : players_) {
                if (id != otherId && distance(p, q) < 1.0f) p.hp -= 1;
            }
        }
    }

    size_t online() const { return players_.size(); }

private:
    std::unordered_map<ConnId, PlayerState> players_;
    std::unordered_map<std::string, uint32_t> packetsThisWindow_;
};

std::string fakeIp(uint32_t n) {
    return "10." + std::to_string((n >> 16) & 255) + "." + std::to_string((n >> 8) & 255) + "." +
           std::to_string(n & 255);
}

} // namespace game

int main() {
    game::GameServer server;
    game::ConnId next = 1;
    std::vector<game::ConnId> connected;
    for (uint64_t frame = 1; frame < 1000000; ++frame) {
        if (frame % 3 == 0) {
            server.onConnect(next, "p" + std::to_string(next));
            connected.push_back(next++);
        }
        if (connected.size() > 32) {
            server.onDisconnect(connected.front());
            connected.erase(connected.begin());
        }
        for (auto c : connected) server.onInput({c, game::fakeIp(c), 0.1f, -0.1f});
        server.tick(frame);
    }
    return server.online() <= 32 ? 0 : 1;
}
