// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: VoiceSession registers an underrun handler capturing shared_from_this() on its own JitterBuffer member, so session -> jitter_ -> handler -> session is a cycle and every session that leaves the room stays alive.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace voice {

std::atomic<int> g_liveSessions{0};

struct AudioFrame {
    std::uint32_t seq = 0;
    std::vector<std::int16_t> pcm;  // 20 ms of 16 kHz mono
};

class JitterBuffer {
public:
    using UnderrunHandler = std::function<void(std::uint32_t missingSeq)>;

    void onUnderrun(UnderrunHandler h) { handlers_.push_back(std::move(h)); }

    void push(AudioFrame frame) {
        if (frame.seq + 64 < nextSeq_)
            return;  // hopelessly late
        frames_.emplace(frame.seq, std::move(frame));
    }

    // Returns number of frames handed to the mixer.
    int drain(std::vector<AudioFrame> &out) {
        int played = 0;
        while (!frames_.empty()) {
            auto it = frames_.begin();
            if (it->first < nextSeq_) {
                frames_.erase(it);  // arrived after its slot was concealed
                continue;
            }
            if (it->first != nextSeq_) {
                for (auto &h : handlers_)
                    h(nextSeq_);
                ++nextSeq_;  // conceal the gap
                continue;
            }
            out.push_back(std::move(it->second));
            frames_.erase(it);
            ++nextSeq_;
            ++played;
        }
        return played;
    }

private:
    std::map<std::uint32_t, AudioFrame> frames_;
    std::vector<UnderrunHandler> handlers_;
    std::uint32_t nextSeq_ = 0;
};

class VoiceSession : public std::enable_shared_from_this<VoiceSession> {
public:
    using Ptr = std::shared_ptr<VoiceSession>;

    static Ptr create(std::string playerId) {
        Ptr session(new VoiceSession(std::move(playerId)));
        session->wireBuffer();
        return session;
    }

    ~VoiceSession() { --g_liveSessions; }

    void onPacket(AudioFrame frame) { jitter_.push(std::move(frame)); }

    int mixInto(std::vector<AudioFrame> &mix) { return jitter_.drain(mix); }

    std::size_t nackCount() const { return nacks_.size(); }
    const std::string &player() const { return playerId_; }

private:
    explicit VoiceSession(std::string playerId) : playerId_(std::move(playerId)) { ++g_liveSessions; }

    void wireBuffer() {
        auto self = shared_from_this();
        jitter_.onUnderrun([self](std::uint32_t seq) { self->requestRetransmit(seq); });  // LEAK-HERE
    }

    void requestRetransmit(std::uint32_t seq) { nacks_.push_back(seq); }

    std::string playerId_;
    JitterBuffer jitter_;  // LEAK-HERE
    std::vector<std::uint32_t> nacks_;
};

class Room {
public:
    explicit Room(std::string name) : name_(std::move(name)) {}

    void join(const std::string &player) { members_[player] = VoiceSession::create(player); }
    void leave(const std::string &player) { members_.erase(player); }

    void route(const std::string &from, AudioFrame frame) {
        auto it = members_.find(from);
        if (it != members_.end())
            it->second->onPacket(std::move(frame));
    }

    int tick() {
        std::vector<AudioFrame> mix;
        int frames = 0;
        for (auto &kv : members_)
            frames += kv.second->mixInto(mix);
        return frames;
    }

    std::size_t size() const { return members_.size(); }

private:
    std::string name_;
    std::unordered_map<std::string, VoiceSession::Ptr> members_;
};

AudioFrame makeFrame(std::uint32_t seq) {
    AudioFrame f;
    f.seq = seq;
    f.pcm.assign(320, static_cast<std::int16_t>(seq & 0x7fff));
    return f;
}

}  // namespace voice

int main(int argc, char **argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
    voice::Room lobby("squad-lobby");
    lobby.join("host");

    long mixed = 0;
    std::uint32_t hostSeq = 0;
    for (int round = 1; round <= 2; ++round) {
        for (int i = 0; i < n; ++i) {
            const std::string player = "player-" + std::to_string(round) + "-" + std::to_string(i);
            lobby.join(player);
            for (std::uint32_t seq = 0; seq < 12; ++seq) {
                if (seq == 5)
                    continue;  // packet loss
                lobby.route(player, voice::makeFrame(seq));
                lobby.route("host", voice::makeFrame(hostSeq + seq));
            }
            hostSeq += 12;
            mixed += lobby.tick();
            lobby.leave(player);
        }
        std::printf("after %d players left: room members=%zu live sessions=%d frames mixed=%ld\n",
                    round * n, lobby.size(), voice::g_liveSessions.load(), mixed);
        std::fflush(stdout);
    }
    return 0;
}
