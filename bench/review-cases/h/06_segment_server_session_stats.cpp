// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: SegmentServer lives for the whole program and handleRequest() adds a QoeRecord to sessionQoe_ for every new playback session id; the per-record sample window is capped but the map itself is never pruned, so it grows with every viewer ever served.
#include <cstdio>
#include <deque>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace streaming {

struct SegmentRequest {
    std::string sessionId;  // minted by the player on every play start
    std::string rendition;  // e.g. "1080p"
    int sequence = 0;
    int bufferMs = 0;
};

struct SegmentResponse {
    int status = 200;
    size_t bytes = 0;
};

struct QoeRecord {
    std::string lastRendition;
    std::deque<int> bufferSamples;  // sliding window
    int rebuffers = 0;
    long bytesServed = 0;
};

class RenditionLadder {
public:
    RenditionLadder() {
        sizes_.emplace("240p", 180 * 1024);
        sizes_.emplace("480p", 520 * 1024);
        sizes_.emplace("720p", 1100 * 1024);
        sizes_.emplace("1080p", 2400 * 1024);
    }
    size_t segmentBytes(const std::string& r) const {
        auto it = sizes_.find(r);
        return it == sizes_.end() ? 0 : it->second;
    }

private:
    std::unordered_map<std::string, size_t> sizes_;
};

class SegmentServer {
public:
    static constexpr size_t kMaxSamples = 16;

    explicit SegmentServer(const RenditionLadder& ladder) : ladder_(ladder) {}

    SegmentResponse handleRequest(const SegmentRequest& req) {
        SegmentResponse resp;
        resp.bytes = ladder_.segmentBytes(req.rendition);
        if (resp.bytes == 0) {
            resp.status = 404;
            return resp;
        }
        recordQoe(req, resp);
        ++requests_;
        return resp;
    }

    void onPlayerStop(const std::string& sessionId) {
        // Player stopped: update the concurrency gauge.
        if (playing_ > 0) --playing_;
        (void)sessionId;
    }
    void onPlayerStart() { ++playing_; }

    size_t trackedSessions() const { return sessionQoe_.size(); }
    long requests() const { return requests_; }
    int playing() const { return playing_; }

    double averageRebuffers() const {
        if (sessionQoe_.empty()) return 0.0;
        long total = 0;
        for (const auto& kv : sessionQoe_) total += kv.second.rebuffers;
        return static_cast<double>(total) / static_cast<double>(sessionQoe_.size());
    }

private:
    void recordQoe(const SegmentRequest& req, const SegmentResponse& resp) {
        QoeRecord& rec = sessionQoe_[req.sessionId]; // LEAK-HERE
        rec.lastRendition = req.rendition;
        rec.bytesServed += static_cast<long>(resp.bytes);
        rec.bufferSamples.push_back(req.bufferMs);
        if (rec.bufferSamples.size() > kMaxSamples) rec.bufferSamples.pop_front();
        if (req.bufferMs == 0) ++rec.rebuffers;
    }

    const RenditionLadder& ladder_;
    std::unordered_map<std::string, QoeRecord> sessionQoe_; // LEAK-HERE
    long requests_ = 0;
    int playing_ = 0;
};

std::string mintSessionId(unsigned long n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "ps-%08lx", n * 2654435761UL % 0xffffffffUL);
    return buf;
}

std::vector<SegmentRequest> simulatePlayback(const std::string& sid, int segments) {
    static const char* ladder[] = {"480p", "720p", "1080p", "720p"};
    std::vector<SegmentRequest> reqs;
    for (int i = 0; i < segments; ++i)
        reqs.push_back({sid, ladder[i % 4], i, (i % 9 == 0) ? 0 : 4000 + 100 * i});
    return reqs;
}

} // namespace streaming

int main() {
    streaming::RenditionLadder ladder;
    streaming::SegmentServer server(ladder);
    unsigned long sessionCounter = 0;

    for (int minute = 0; minute < 6; ++minute) {
        for (int viewer = 0; viewer < 200; ++viewer) {
            std::string sid = streaming::mintSessionId(++sessionCounter);
            server.onPlayerStart();
            for (const auto& req : streaming::simulatePlayback(sid, 12)) server.handleRequest(req);
            server.onPlayerStop(sid);
        }
        std::printf("minute %d: playing=%d tracked sessions=%zu requests=%ld avg rebuffers=%.2f\n", minute,
                    server.playing(), server.trackedSessions(), server.requests(), server.averageRebuffers());
    }
    return 0;
}
