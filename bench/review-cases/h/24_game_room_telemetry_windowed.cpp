// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: MatchTelemetry::instance() keeps per-room maps keyed by fire-request id, but recordShot trims each inner map with an eviction loop and the server tick always runs a sweep that drops samples older than the window, so the singleton stays bounded.
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
using Tick = std::uint64_t;

struct Vec2 {
    float x = 0, y = 0;
};

struct ShotSample {
    PlayerId shooter;
    Vec2 aim;
    int weapon;
    bool hit;
    Tick at;
};

struct RoomStats {
    std::map<RequestId, ShotSample> shots;
    std::uint64_t totalShots = 0;
    std::uint64_t totalHits = 0;
};

class MatchTelemetry {
public:
    static constexpr std::size_t kMaxSamplesPerRoom = 256;
    static constexpr Tick kWindowTicks = 3;

    static MatchTelemetry& instance() {
        static MatchTelemetry t;
        return t;
    }

    void recordShot(RoomId room, RequestId req, const ShotSample& s) {
        RoomStats& stats = rooms_[room];
        stats.shots.emplace(req, s);
        ++stats.totalShots;
        if (s.hit) ++stats.totalHits;
        // Request ids increase monotonically, so begin() is the oldest sample.
        while (stats.shots.size() > kMaxSamplesPerRoom) stats.shots.erase(stats.shots.begin());
    }

    void sweep(Tick now) {
        for (auto it = rooms_.begin(); it != rooms_.end();) {
            auto& shots = it->second.shots;
            while (!shots.empty() && shots.begin()->second.at + kWindowTicks < now)
                shots.erase(shots.begin());
            if (shots.empty()) it = rooms_.erase(it);
            else ++it;
        }
    }

    void roomClosed(RoomId room) { rooms_.erase(room); }

    std::size_t sampleCount() const {
        std::size_t n = 0;
        for (const auto& kv : rooms_) n += kv.second.shots.size();
        return n;
    }
    std::size_t roomCount() const { return rooms_.size(); }

private:
    MatchTelemetry() = default;
    std::unordered_map<RoomId, RoomStats> rooms_;
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

    void handleFire(const FireRequest& req, Tick now) {
        bool hit = ((req.id * 2654435761u) >> 7) % 3 == 0;
        if (hit) ++scores_[req.player % scores_.size()];
        MatchTelemetry::instance().recordShot(id_, req.id,
                                              ShotSample{req.player, req.aim, req.weapon, hit, now});
    }

    void endRound() {
        for (auto& s : scores_) s = 0;
    }
    RoomId id() const { return id_; }

private:
    RoomId id_;
    std::vector<int> scores_;
};

class DedicatedServer {
public:
    explicit DedicatedServer(int roomCount) {
        for (int i = 0; i < roomCount; ++i) rooms_.push_back(std::make_unique<Room>(RoomId(100 + i)));
    }

    void dispatch(RoomId room, const FireRequest& req) {
        for (auto& r : rooms_)
            if (r->id() == room) return r->handleFire(req, now_);
    }

    // Called once per server tick, unconditionally.
    void tick() {
        ++now_;
        for (auto& r : rooms_) r->endRound();
        MatchTelemetry::instance().sweep(now_);
    }

    RequestId nextRequestId() { return ++lastRequest_; }

private:
    std::vector<std::unique_ptr<Room>> rooms_;
    RequestId lastRequest_ = 0;
    Tick now_ = 0;
};

}  // namespace game

int main() {
    auto& telemetry = game::MatchTelemetry::instance();
    {
        game::DedicatedServer server(4);
        for (int round = 0; round < 6; ++round) {
            int shots = round < 4 ? 500 : 0;  // last rounds are idle
            for (int i = 0; i < shots; ++i) {
                game::FireRequest req{server.nextRequestId(), game::PlayerId(i % 16),
                                      {float(i % 31), float(i % 17)}, i % 4};
                server.dispatch(game::RoomId(100 + i % 4), req);
            }
            server.tick();
            std::cout << "after round " << round << ": rooms = " << telemetry.roomCount()
                      << ", retained shot samples = " << telemetry.sampleCount() << "\n";
        }
        for (int i = 0; i < 5; ++i) server.tick();
        std::cout << "after idle ticks: samples = " << telemetry.sampleCount() << "\n";
    }
    std::cout << "after shutdown: rooms = " << telemetry.roomCount()
              << ", samples = " << telemetry.sampleCount() << "\n";
    return 0;
}
