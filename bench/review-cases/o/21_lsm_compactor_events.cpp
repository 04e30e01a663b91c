// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: Every compaction run subscribes a listener (holding its RunStats) to the process-wide segmentBus() and never unsubscribes, so the bus's listener map grows by one entry per compaction for the life of the store.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kvstore {
namespace lsm {

using SegmentId = std::uint64_t;

struct Segment {
    SegmentId id = 0;
    int level = 0;
    std::map<std::string, std::string> rows;
    std::size_t bytes() const {
        std::size_t n = 0;
        for (const auto &kv : rows)
            n += kv.first.size() + kv.second.size();
        return n;
    }
};
using SegmentPtr = std::shared_ptr<Segment>;

enum class SegmentEventKind { Sealed, Retired };

struct SegmentEvent {
    SegmentEventKind kind;
    SegmentId id;
    std::size_t bytes;
};

class SegmentEventBus {
public:
    using Listener = std::function<void(const SegmentEvent &)>;
    using Token = std::uint64_t;

    Token subscribe(Listener fn) {
        const Token token = next_++;
        listeners_.emplace(token, std::move(fn)); // LEAK-HERE
        return token;
    }
    void unsubscribe(Token token) { listeners_.erase(token); }
    void publish(const SegmentEvent &ev) const {
        for (const auto &entry : listeners_)
            entry.second(ev);
    }
    std::size_t listenerCount() const { return listeners_.size(); }

private:
    std::map<Token, Listener> listeners_; // LEAK-HERE
    Token next_ = 1;
};

SegmentEventBus &segmentBus() {
    static SegmentEventBus bus;
    return bus;
}

class Manifest {
public:
    std::vector<SegmentPtr> &level(int n) { return levels_[n]; }
    SegmentId nextId() { return nextId_++; }

    void seal(SegmentPtr seg) {
        segmentBus().publish({SegmentEventKind::Sealed, seg->id, seg->bytes()});
        levels_[seg->level].push_back(std::move(seg));
    }
    void retireLevel(int n) {
        for (const auto &seg : levels_[n])
            segmentBus().publish({SegmentEventKind::Retired, seg->id, seg->bytes()});
        levels_[n].clear();
    }

private:
    std::map<int, std::vector<SegmentPtr>> levels_;
    SegmentId nextId_ = 1;
};

struct RunStats {
    std::size_t retiredBytes = 0;
    std::size_t retiredSegments = 0;
};

SegmentPtr mergeInto(const std::vector<SegmentPtr> &inputs, SegmentId id, int level) {
    auto out = std::make_shared<Segment>();
    out->id = id;
    out->level = level;
    for (const auto &in : inputs)
        for (const auto &kv : in->rows)
            out->rows[kv.first] = kv.second; // newer segments overwrite older keys
    return out;
}

class Compactor {
public:
    static constexpr std::size_t kL0Trigger = 4;
    explicit Compactor(Manifest &manifest) : manifest_(manifest) {}

    bool maybeCompact() {
        auto &l0 = manifest_.level(0);
        if (l0.size() < kL0Trigger)
            return false;
        auto stats = std::make_shared<RunStats>();
        segmentBus().subscribe([stats](const SegmentEvent &ev) { // LEAK-HERE
            if (ev.kind == SegmentEventKind::Retired) {
                stats->retiredBytes += ev.bytes;
                ++stats->retiredSegments;
            }
        });
        auto &l1 = manifest_.level(1);
        std::vector<SegmentPtr> inputs(l1.begin(), l1.end());
        inputs.insert(inputs.end(), l0.begin(), l0.end());
        SegmentPtr merged = mergeInto(inputs, manifest_.nextId(), 1);
        manifest_.retireLevel(1);
        manifest_.retireLevel(0);
        manifest_.seal(std::move(merged));
        reclaimed_ += stats->retiredBytes;
        ++runs_;
        return true;
    }
    std::size_t runs() const { return runs_; }

private:
    Manifest &manifest_;
    std::size_t runs_ = 0;
    std::size_t reclaimed_ = 0;
};

void flushMemtable(Manifest &manifest, int batch) {
    auto seg = std::make_shared<Segment>();
    seg->id = manifest.nextId();
    for (int k = 0; k < 8; ++k)
        seg->rows["user:" + std::to_string((batch * 8 + k) % 256)] = "v" + std::to_string(batch);
    manifest.seal(std::move(seg));
}

} // namespace lsm
} // namespace kvstore

int main(int argc, char **argv) {
    using namespace kvstore::lsm;
    const int flushes = argc > 1 ? std::atoi(argv[1]) : 2000;
    Manifest manifest;
    Compactor compactor(manifest);
    for (int batch = 0; batch < 2 * flushes; ++batch) {
        flushMemtable(manifest, batch);
        compactor.maybeCompact();
        if (batch + 1 == flushes)
            std::printf("[N] compactions=%zu busListeners=%zu\n", compactor.runs(),
                        segmentBus().listenerCount());
    }
    std::printf("[2N] compactions=%zu busListeners=%zu\n", compactor.runs(),
                segmentBus().listenerCount());
    return 0;
}
