// CATEGORY: leak-shared-ptr-cycle
// EXPECT: clean
// WHY: Participants hold a shared_ptr to their Conference and the conference's legs map holds brace-initialised CallLeg values owning the participants, but the RAII BridgeScope always calls Conference::hangupAll() on exit, which clears the legs and breaks the cycle for every call.
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace voip {

class Participant;

enum class Codec { Opus, G711 };

struct CallLeg {
    std::shared_ptr<Participant> participant;
    std::string sipUri;
    Codec codec;
    bool muted;
};

class Conference {
public:
    explicit Conference(std::string bridgeId) : bridge_id_(std::move(bridgeId)) {}

    void admit(std::uint32_t legId, CallLeg leg) { legs_.emplace(legId, std::move(leg)); }

    void mixFrame(std::uint32_t fromLeg, std::size_t samples) {
        for (auto& [id, leg] : legs_)
            if (id != fromLeg && !leg.muted) mixed_samples_ += samples;
    }

    void hangupAll() { legs_.clear(); }  // sends BYE to every leg

    std::uint64_t mixedSamples() const { return mixed_samples_; }
    std::size_t legCount() const { return legs_.size(); }

private:
    std::string bridge_id_;
    std::map<std::uint32_t, CallLeg> legs_;
    std::uint64_t mixed_samples_ = 0;
};

class Participant {
public:
    Participant(std::uint32_t legId, std::shared_ptr<Conference> conf)
        : leg_id_(legId), conference_(std::move(conf)) {}

    void onRtp(std::size_t samples) { conference_->mixFrame(leg_id_, samples); }

private:
    std::uint32_t leg_id_;
    std::shared_ptr<Conference> conference_;
    std::vector<std::int16_t> jitter_buffer_ = std::vector<std::int16_t>(960);
};

std::shared_ptr<Participant> makeParticipant(const std::shared_ptr<Conference>& conf, std::uint32_t legId,
                                             const std::string& uri) {
    auto p = std::make_shared<Participant>(legId, conf);
    conf->admit(legId, CallLeg{p, uri, legId % 3 ? Codec::Opus : Codec::G711, false});
    return p;
}

// Owns the bridge for the duration of a call; tear-down runs on every exit path.
class BridgeScope {
public:
    explicit BridgeScope(std::shared_ptr<Conference> conf) : conf_(std::move(conf)) {}
    ~BridgeScope() { conf_->hangupAll(); }
    BridgeScope(const BridgeScope&) = delete;
    BridgeScope& operator=(const BridgeScope&) = delete;
    Conference& operator*() const { return *conf_; }

private:
    std::shared_ptr<Conference> conf_;
};

}  // namespace voip

static std::uint64_t hostCall(std::uint32_t callNo) {
    auto conf = std::make_shared<voip::Conference>("bridge-" + std::to_string(callNo));
    voip::BridgeScope scope(conf);
    std::vector<std::shared_ptr<voip::Participant>> dialedIn;
    for (std::uint32_t i = 0; i < 6; ++i)
        dialedIn.push_back(voip::makeParticipant(conf, callNo * 8 + i, "sip:user" + std::to_string(i) + "@pbx"));
    for (int frame = 0; frame < 50; ++frame)
        dialedIn[frame % dialedIn.size()]->onRtp(160);
    return (*scope).mixedSamples();
}  // scope hangs up all legs, then participants and conference are released

int main() {
    std::uint64_t total = 0;
    for (std::uint32_t call = 1; call <= 20000; ++call) total += hostCall(call);
    std::printf("mixed samples=%llu\n", static_cast<unsigned long long>(total));
    return 0;
}
