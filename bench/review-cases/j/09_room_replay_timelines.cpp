// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The RoomEvent handler that main registers once appends every event to ReplayRecorder::timelines_ (a member of the program-lifetime GameServer) keyed by room id, and the RoomClosed branch only summarises the timeline without erasing it, so one entry per room ever played accumulates.
#include <cstdint>
#include <functional>
#include <iostream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lobby {

enum class EventKind { PlayerJoined, Move, PlayerLeft, RoomClosed };

struct RoomEvent {
    EventKind kind;
    std::string roomId;
    std::uint32_t playerId = 0;
    std::int32_t x = 0, y = 0;
};

template <typename Event>
class EventBus {
public:
    using Listener = std::function<void(const Event&)>;
    void subscribe(Listener l) { listeners_.push_back(std::move(l)); }
    void publish(const Event& e) {
        for (auto& l : listeners_) l(e);
    }

private:
    std::vector<Listener> listeners_;
};

struct Timeline {
    std::vector<RoomEvent> events;
    std::uint32_t peakPlayers = 0;
    std::uint32_t current = 0;
};

class ReplayRecorder {
public:
    void record(const RoomEvent& e) {
        Timeline& t = timelines_[e.roomId]; // LEAK-HERE
        t.events.push_back(e); // LEAK-HERE
        if (e.kind == EventKind::PlayerJoined && ++t.current > t.peakPlayers) t.peakPlayers = t.current;
        if (e.kind == EventKind::PlayerLeft && t.current > 0) --t.current;
        if (e.kind == EventKind::RoomClosed) summarise(e.roomId, t);
    }
    std::size_t rooms() const { return timelines_.size(); }
    std::size_t events() const {
        std::size_t n = 0;
        for (const auto& kv : timelines_) n += kv.second.events.size();
        return n;
    }
    std::size_t summaries() const { return summaries_; }

private:
    void summarise(const std::string& roomId, const Timeline& t) {
        ++summaries_;
        lastSummary_ = roomId + ": " + std::to_string(t.events.size()) + " events, peak " +
                       std::to_string(t.peakPlayers);
    }

    std::unordered_map<std::string, Timeline> timelines_; // LEAK-HERE
    std::size_t summaries_ = 0;
    std::string lastSummary_;
};

class GameServer {
public:
    EventBus<RoomEvent>& events() { return bus_; }
    ReplayRecorder& replays() { return recorder_; }

    std::string openRoom() { return "room-" + std::to_string(nextRoom_++); }

    void playRound(const std::string& room, std::uint32_t players) {
        for (std::uint32_t p = 1; p <= players; ++p)
            bus_.publish({EventKind::PlayerJoined, room, p});
        for (int step = 0; step < 10; ++step)
            for (std::uint32_t p = 1; p <= players; ++p)
                bus_.publish({EventKind::Move, room, p, step, static_cast<std::int32_t>(p)});
        for (std::uint32_t p = 1; p <= players; ++p)
            bus_.publish({EventKind::PlayerLeft, room, p});
        bus_.publish({EventKind::RoomClosed, room});
    }

private:
    EventBus<RoomEvent> bus_;
    ReplayRecorder recorder_; // LEAK-HERE
    std::uint64_t nextRoom_ = 1;
};

} // namespace lobby

int main() {
    using namespace lobby;
    GameServer server;
    ReplayRecorder& rec = server.replays();
    server.events().subscribe([&rec](const RoomEvent& e) { rec.record(e); });

    for (int wave = 0; wave < 5; ++wave) {
        for (int i = 0; i < 20; ++i) server.playRound(server.openRoom(), 4);
        std::cout << "wave " << wave << ": rooms tracked=" << rec.rooms()
                  << " events held=" << rec.events() << " summaries=" << rec.summaries() << "\n";
    }
    return 0;
}
