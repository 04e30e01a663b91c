// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: CompactionJob keeps itself alive by posting handlers that capture shared_from_this() to the engine's BackgroundExecutor, which the job only references; each handler runs once and is popped, and the job's own onDone_ member captures the engine, not the job, so the job dies when its last step finishes.
#include <cstdint>
#include <deque>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace storage {

class BackgroundExecutor {
public:
    void post(std::function<void()> fn) { queue_.push_back(std::move(fn)); }

    std::size_t runPending() {
        std::size_t ran = 0;
        while (!queue_.empty()) {
            auto fn = std::move(queue_.front());
            queue_.pop_front();
            fn();
            ++ran;
        }
        return ran;
    }

    std::size_t queued() const { return queue_.size(); }

private:
    std::deque<std::function<void()>> queue_;
};

struct SortedRun {
    std::vector<std::uint64_t> keys;
};

struct Level {
    std::vector<SortedRun> runs;
};

class CompactionJob : public std::enable_shared_from_this<CompactionJob> {
public:
    static int live;
    using DoneFn = std::function<void(std::size_t mergedKeys)>;

    static std::shared_ptr<CompactionJob> create(BackgroundExecutor& ex, Level& src, Level& dst, DoneFn done) {
        return std::shared_ptr<CompactionJob>(new CompactionJob(ex, src, dst, std::move(done)));
    }

    ~CompactionJob() { --live; }

    void start() {
        auto self = shared_from_this();
        executor_.post([self] { self->step(); });
    }

private:
    CompactionJob(BackgroundExecutor& ex, Level& src, Level& dst, DoneFn done)
        : executor_(ex), src_(src), dst_(dst), onDone_(std::move(done)) {
        ++live;
    }

    void step() {
        if (src_.runs.empty()) {
            if (!merged_.keys.empty()) dst_.runs.push_back(std::move(merged_));
            if (onDone_) onDone_(mergedKeys_);
            return;
        }
        SortedRun run = std::move(src_.runs.back());
        src_.runs.pop_back();
        mergeInto(run);
        executor_.post(std::bind(&CompactionJob::step, shared_from_this()));
    }

    void mergeInto(const SortedRun& run) {
        std::vector<std::uint64_t> out;
        out.reserve(merged_.keys.size() + run.keys.size());
        auto a = merged_.keys.cbegin();
        auto b = run.keys.cbegin();
        while (a != merged_.keys.cend() || b != run.keys.cend()) {
            if (b == run.keys.cend() || (a != merged_.keys.cend() && *a < *b)) out.push_back(*a++);
            else out.push_back(*b++);
        }
        mergedKeys_ += run.keys.size();
        merged_.keys = std::move(out);
    }

    BackgroundExecutor& executor_;
    Level& src_;
    Level& dst_;
    DoneFn onDone_;
    SortedRun merged_;
    std::size_t mergedKeys_ = 0;
};
int CompactionJob::live = 0;

class StorageEngine {
public:
    void flushMemtable(std::uint64_t base) {
        SortedRun run;
        for (std::uint64_t k = 0; k < 64; ++k) run.keys.push_back(base + k * 3);
        l0_.runs.push_back(std::move(run));
        if (l0_.runs.size() >= 4 && !compacting_) scheduleCompaction();
    }

    void scheduleCompaction() {
        compacting_ = true;
        auto job = CompactionJob::create(bg_, l0_, l1_, [this](std::size_t n) {
            compactedKeys_ += n;
            compacting_ = false;
        });
        job->start();
    }

    std::size_t drain() { return bg_.runPending(); }
    std::size_t compactedKeys() const { return compactedKeys_; }
    std::size_t l1Runs() const { return l1_.runs.size(); }

private:
    BackgroundExecutor bg_;
    Level l0_, l1_;
    std::size_t compactedKeys_ = 0;
    bool compacting_ = false;
};

}  // namespace storage

int main() {
    storage::StorageEngine engine;
    std::cout << "baseline: live jobs = " << storage::CompactionJob::live << "\n";
    for (int round = 0; round < 5; ++round) {
        for (int f = 0; f < 12; ++f) {
            engine.flushMemtable(std::uint64_t(round * 1000 + f));
            if (f == 5) engine.drain();  // background thread catches up mid-burst
        }
        std::cout << "round " << round << " before drain: live jobs = " << storage::CompactionJob::live;
        std::size_t ran = engine.drain();
        std::cout << ", ran " << ran << " handlers, after drain: live jobs = " << storage::CompactionJob::live
                  << ", L1 runs = " << engine.l1Runs() << ", compacted keys = " << engine.compactedKeys()
                  << "\n";
    }
    return 0;
}
