// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: MatchTelemetry::instance().rooms_ is erased per room only when a room shuts down, but dedicated rooms run round after round for the whole process, so each RoomStats::shots map keeps one entry per fire-request id forever.
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace game {

using RoomId = std::uint32_t;
using RequestId = std::uint64_t;
using PlayerId = std::uint32_t;

struct Vec2 {
    float x = 0, y = 0;
};

struct ShotSample {
    PlayerId shooter;
    Vec2 origin;
    Vec2 aim;
    int weapon;
    bool hit;
};

struct RoomStats {
    std::map<RequestId, ShotSample> shots;  // LEAK-HERE
    std::uint64_t totalShots = 0;
    std::uint64_t totalHits = 0;
};

class MatchTelemetry {
public:
    static MatchTelemetry& instance() {
        static MatchTelemetry t;
        return t;
    }

    void recordShot(RoomId room, RequestId req, const ShotSample& s) {
        RoomStats& stats = rooms_[room];
        stats.shots.emplace(req, s);  // LEAK-HERE
        ++stats.totalShots;
        if (s.hit) ++stats.totalHits;
    }

    void roomClosed(RoomId room) { rooms_.erase(room); }

    double accuracy(RoomId room) const {
        auto it = rooms_.find(room);
        if (it == rooms_.end() || it->second.totalShots == 0) return 0.0;
        return double(it->second.totalHits) / double(it->second.totalShots);
    }

    std::size_t sampleCount() const {
        std::size_t n = 0;
        for (const auto& kv : rooms_) n += kv.second.shots.size();
        return n;
    }
    std::size_t roomCount() const { return rooms_.size(); }

private:
    MatchTelemetry() = default;
    std::unordered_map<RoomId, RoomStats> rooms_;  // LEAK-HERE
};

struct FireRequest {
    RequestId id;
    PlayerId player;
    Vec2 aim;
    int weapon;
};

class Room {
public:
    explicit Room(RoomId id) : id_(id), scores_(8, 0) {}
    ~Room() { MatchTelemetry::instance().roomClosed(id_); }

    void handleFire(const FireRequest& req) {
        Vec2 origin{float(req.player % 8) * 10.f, 0.f};
        bool hit = ((req.id * 2654435761u) >> 7) % 3 == 0;
        if (hit) ++scores_[req.player % scores_.size()];
        MatchTelemetry::instance().recordShot(id_, req.id,
                                              ShotSample{req.player, origin, req.aim, req.weapon, hit});
    }

    void endRound() {
        // New round: reset the scoreboard.
        for (auto& s : scores_) s = 0;
        ++round_;
    }

    RoomId id() const { return id_; }
    int round() const { return round_; }

private:
    RoomId id_;
    std::vector<int> scores_;
    int round_ = 0;
};

class DedicatedServer {
public:
    explicit DedicatedServer(int roomCount) {
        for (int i = 0; i < roomCount; ++i) rooms_.push_back(std::make_unique<Room>(RoomId(100 + i)));
    }

    void dispatch(RoomId room, const FireRequest& req) {
        for (auto& r : rooms_)
            if (r->id() == room) return r->handleFire(req);
    }

    void tickRoundEnd() {
        for (auto& r : rooms_) r->endRound();
    }

    RequestId nextRequestId() { return ++lastRequest_; }

private:
    std::vector<std::unique_ptr<Room>> rooms_;
    RequestId lastRequest_ = 0;
};

}  // namespace game

int main() {
    game::DedicatedServer server(4);
    auto& telemetry = game::MatchTelemetry::instance();
    for (int round = 0; round < 6; ++round) {
        for (int i = 0; i < 500; ++i) {
            game::FireRequest req{server.nextRequestId(), game::PlayerId(i % 16),
                                  {float(i % 31), float(i % 17)}, i % 4};
            server.dispatch(game::RoomId(100 + i % 4), req);
        }
        server.tickRoundEnd();
        std::cout << "after round " << round << ": rooms = " << telemetry.roomCount()
                  << ", retained shot samples = " << telemetry.sampleCount()
                  << ", room 100 accuracy = " << telemetry.accuracy(100) << "\n";
    }
    return 0;
}
