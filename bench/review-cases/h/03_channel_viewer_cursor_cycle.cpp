// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: LiveChannel owns its Viewers by shared_ptr, each Viewer owns (unique_ptr) a PlaybackCursor whose constructor stores a shared_ptr back to the LiveChannel, so ended channels and their viewers keep each other alive.
#include <atomic>
#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vod {

std::atomic<int> g_liveChannels{0};
std::atomic<int> g_liveViewers{0};

struct Segment {
    int sequence = 0;
    int durationMs = 2000;
    std::vector<char> bytes;
};

class LiveChannel;

// Tracks a viewer's position in the channel's rolling segment window.
class PlaybackCursor {
public:
    PlaybackCursor(std::shared_ptr<LiveChannel> channel, int startSeq)
        : channel_(std::move(channel)), nextSeq_(startSeq) {} // LEAK-HERE

    const Segment* next();
    int position() const { return nextSeq_; }

private:
    std::shared_ptr<LiveChannel> channel_; // LEAK-HERE
    int nextSeq_;
};

class Viewer {
public:
    Viewer(std::string sessionId, const std::shared_ptr<LiveChannel>& channel, int startSeq)
        : sessionId_(std::move(sessionId)),
          cursor_(std::make_unique<PlaybackCursor>(channel, startSeq)) { // LEAK-HERE
        ++g_liveViewers;
    }
    ~Viewer() { --g_liveViewers; }

    size_t pull(int maxSegments) {
        size_t bytes = 0;
        for (int i = 0; i < maxSegments; ++i) {
            const Segment* s = cursor_->next();
            if (!s) break;
            bytes += s->bytes.size();
        }
        delivered_ += bytes;
        return bytes;
    }
    const std::string& session() const { return sessionId_; }

private:
    std::string sessionId_;
    std::unique_ptr<PlaybackCursor> cursor_; // LEAK-HERE
    size_t delivered_ = 0;
};

class LiveChannel : public std::enable_shared_from_this<LiveChannel> {
public:
    explicit LiveChannel(std::string name, size_t window = 6) : name_(std::move(name)), window_(window) {
        ++g_liveChannels;
    }
    ~LiveChannel() { --g_liveChannels; }

    void publish(Segment seg) {
        segments_.push_back(std::move(seg));
        while (segments_.size() > window_) segments_.pop_front();
    }

    std::shared_ptr<Viewer> join(const std::string& sessionId) {
        int start = segments_.empty() ? 0 : segments_.front().sequence;
        auto viewer = std::make_shared<Viewer>(sessionId, shared_from_this(), start);
        viewers_.push_back(viewer); // LEAK-HERE
        return viewer;
    }

    const Segment* find(int seq) const {
        for (const auto& s : segments_)
            if (s.sequence == seq) return &s;
        return nullptr;
    }

    void end() { ended_ = true; }
    bool ended() const { return ended_; }
    size_t audience() const { return viewers_.size(); }

private:
    std::string name_;
    size_t window_;
    std::deque<Segment> segments_;
    std::vector<std::shared_ptr<Viewer>> viewers_; // LEAK-HERE
    bool ended_ = false;
};

const Segment* PlaybackCursor::next() {
    const Segment* s = channel_->find(nextSeq_);
    if (s) ++nextSeq_;
    return s;
}

class StreamServer {
public:
    std::shared_ptr<LiveChannel> startBroadcast(const std::string& name) {
        auto ch = std::make_shared<LiveChannel>(name);
        channels_[name] = ch;
        return ch;
    }

    void endBroadcast(const std::string& name) {
        auto it = channels_.find(name);
        if (it == channels_.end()) return;
        it->second->end();
        channels_.erase(it);
    }

    size_t activeChannels() const { return channels_.size(); }

private:
    std::unordered_map<std::string, std::shared_ptr<LiveChannel>> channels_;
};

Segment encodeSegment(int seq) {
    Segment s;
    s.sequence = seq;
    s.bytes.assign(1024 + static_cast<size_t>(seq % 7) * 64, 'x');
    return s;
}

} // namespace vod

int main() {
    vod::StreamServer server;
    for (int show = 0; show < 6; ++show) {
        std::string name = "match-" + std::to_string(show);
        auto channel = server.startBroadcast(name);
        for (int seq = 0; seq < 4; ++seq) channel->publish(vod::encodeSegment(seq));

        for (int v = 0; v < 8; ++v) {
            auto viewer = channel->join(name + "/viewer-" + std::to_string(v));
            viewer->pull(3);
        }
        for (int seq = 4; seq < 10; ++seq) channel->publish(vod::encodeSegment(seq));

        channel.reset();
        server.endBroadcast(name);
        std::printf("show %d: active=%zu live channels=%d live viewers=%d\n", show,
                    server.activeChannels(), vod::g_liveChannels.load(), vod::g_liveViewers.load());
        std::fflush(stdout);
    }
    return 0;
}
