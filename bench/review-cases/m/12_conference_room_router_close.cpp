// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: the Room -> MediaRouter -> Participant -> Uplink -> Room loop is broken by Room::close(), which detaches all participants and is run by endMeeting and the service destructor before a room is dropped, so ended meetings are freed.
#include <atomic>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace confsvc {

struct CodecProfile {
    std::string audio;
    std::string video;
    int maxBitrateKbps;
};

struct RtpPacket {
    std::uint32_t ssrc;
    std::uint16_t seq;
    std::vector<std::uint8_t> payload;
};

class Room;

class Participant {
public:
    static std::atomic<int> live;
    Participant(std::string name, std::shared_ptr<Room> room, std::shared_ptr<const CodecProfile> codec,
                std::uint32_t ssrc)
        : name_(std::move(name)), uplink_{std::move(room), ssrc}, codec_(std::move(codec)) {
        ++live;
    }
    ~Participant() { --live; }

    void sendAudioFrame(std::uint16_t seq);
    void deliver(const RtpPacket& p) { receivedBytes_ += p.payload.size(); }
    std::uint32_t ssrc() const { return uplink_.ssrc; }
    const std::string& name() const { return name_; }

private:
    struct Uplink {
        std::shared_ptr<Room> room;
        std::uint32_t ssrc;
    };
    std::string name_;
    Uplink uplink_;
    std::shared_ptr<const CodecProfile> codec_;
    std::size_t receivedBytes_ = 0;
};

std::atomic<int> Participant::live{0};

class MediaRouter {
public:
    void attach(std::shared_ptr<Participant> p) { forwarders_.push_back(std::move(p)); }
    void fanout(const RtpPacket& pkt) {
        for (auto& p : forwarders_)
            if (p->ssrc() != pkt.ssrc) p->deliver(pkt);
    }
    void detachAll() { forwarders_.clear(); }
    std::size_t size() const { return forwarders_.size(); }
private:
    std::vector<std::shared_ptr<Participant>> forwarders_;
};

std::shared_ptr<Participant> makeParticipant(const std::string& name, std::shared_ptr<Room> room,
                                             std::shared_ptr<const CodecProfile> codec, std::uint32_t ssrc) {
    return std::make_shared<Participant>(name, std::move(room), std::move(codec), ssrc);
}

class Room : public std::enable_shared_from_this<Room> {
public:
    static std::atomic<int> live;
    Room(std::string id, std::shared_ptr<const CodecProfile> codec)
        : id_(std::move(id)), codec_(std::move(codec)), router_(std::make_unique<MediaRouter>()) {
        ++live;
    }
    ~Room() { --live; }

    std::shared_ptr<Participant> join(const std::string& name) {
        auto self = shared_from_this();
        auto p = makeParticipant(name, self, codec_, nextSsrc_++);
        router_->attach(p);
        return p;
    }

    void route(const RtpPacket& pkt) {
        if (active_) router_->fanout(pkt);
    }

    void close() {
        active_ = false;
        recordingChunks_.clear();
        router_->detachAll();
    }

private:
    std::string id_;
    std::shared_ptr<const CodecProfile> codec_;
    std::unique_ptr<MediaRouter> router_;
    std::vector<std::vector<std::uint8_t>> recordingChunks_;
    std::uint32_t nextSsrc_ = 1000;
    bool active_ = true;
};

std::atomic<int> Room::live{0};

void Participant::sendAudioFrame(std::uint16_t seq) {
    RtpPacket pkt{uplink_.ssrc, seq, std::vector<std::uint8_t>(160, 0x7f)};
    uplink_.room->route(pkt);
}

class ConferenceService {
public:
    ConferenceService()
        : defaultCodec_(std::make_shared<const CodecProfile>(CodecProfile{"opus", "vp8", 1500})) {}
    ~ConferenceService() {
        for (auto& kv : rooms_) kv.second->close();
    }

    std::shared_ptr<Room> startMeeting(const std::string& id) {
        auto room = std::make_shared<Room>(id, defaultCodec_);
        rooms_[id] = room;
        return room;
    }
    void endMeeting(const std::string& id) {
        auto it = rooms_.find(id);
        if (it == rooms_.end()) return;
        it->second->close();
        rooms_.erase(it);
    }
    std::size_t activeMeetings() const { return rooms_.size(); }

private:
    std::shared_ptr<const CodecProfile> defaultCodec_;
    std::unordered_map<std::string, std::shared_ptr<Room>> rooms_;
};

void runStandup(ConferenceService& svc, int n) {
    std::string id = "standup-" + std::to_string(n);
    auto room = svc.startMeeting(id);
    std::vector<std::shared_ptr<Participant>> people;
    for (const char* who : {"ana", "bo", "chen", "dev"}) people.push_back(room->join(who));
    for (std::uint16_t seq = 0; seq < 10; ++seq)
        for (auto& p : people) p->sendAudioFrame(seq);
    svc.endMeeting(id);
}

} // namespace confsvc

int main() {
    confsvc::ConferenceService svc;
    std::cout << "baseline live rooms=" << confsvc::Room::live.load()
              << " live participants=" << confsvc::Participant::live.load() << "\n";
    for (int day = 1; day <= 5; ++day) {
        for (int team = 0; team < 25; ++team) confsvc::runStandup(svc, day * 100 + team);
        std::cout << "day " << day << " active=" << svc.activeMeetings()
                  << " live rooms=" << confsvc::Room::live.load()
                  << " live participants=" << confsvc::Participant::live.load() << "\n";
    }
    {
        // An all-hands still running at shutdown is closed by the service.
        confsvc::ConferenceService shutdownSvc;
        auto room = shutdownSvc.startMeeting("all-hands");
        for (int i = 0; i < 6; ++i) room->join("guest-" + std::to_string(i))->sendAudioFrame(0);
    }
    std::cout << "after shutdown live rooms=" << confsvc::Room::live.load()
              << " live participants=" << confsvc::Participant::live.load() << "\n";
    return 0;
}
