// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: progress_ holds a ProgressTrack only while a job is in flight: onJobFinished erases the job's entry and late progress events no longer re-insert it, so the map is bounded by the worker pool size.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace media {
namespace farm {

using JobId = std::uint64_t;

enum class Codec { H264, HEVC, AV1 };

struct TranscodeSpec {
    std::string sourceUri;
    Codec target = Codec::H264;
    int width = 1280;
    int height = 720;
    int bitrateKbps = 3500;
};

struct ProgressSample {
    double fraction = 0.0;
    double fps = 0.0;
    std::string workerName;
};

struct ProgressTrack {
    TranscodeSpec spec;
    std::vector<ProgressSample> samples;
    bool done = false;
};

class EventLoop {
public:
    void post(std::function<void()> fn) { queue_.push_back(std::move(fn)); }
    void runUntilIdle() {
        while (!queue_.empty()) {
            auto fn = std::move(queue_.front());
            queue_.pop_front();
            fn();
        }
    }

private:
    std::deque<std::function<void()>> queue_;
};

class WorkerPool {
public:
    explicit WorkerPool(int size) {
        for (int i = 0; i < size; ++i)
            idle_.push_back("worker-" + std::to_string(i));
    }
    std::string acquire() {
        std::string w = idle_.front();
        idle_.pop_front();
        return w;
    }
    void release(const std::string &w) { idle_.push_back(w); }
    std::size_t idle() const { return idle_.size(); }

private:
    std::deque<std::string> idle_;
};

class FarmCoordinator {
public:
    FarmCoordinator(EventLoop &loop, WorkerPool &pool) : loop_(loop), pool_(pool) {}

    JobId submit(const TranscodeSpec &spec) {
        const JobId id = nextId_++;
        const std::string worker = pool_.acquire();
        auto &track = progress_[id];
        track.spec = spec;
        for (int step = 1; step <= 4; ++step)
            loop_.post([this, id, worker, step] { onProgress(id, worker, step / 4.0); });
        loop_.post([this, id, worker] { onJobFinished(id, worker); });
        return id;
    }

    std::size_t trackedJobs() const { return progress_.size(); }
    std::size_t finished() const { return finished_; }

private:
    void onProgress(JobId id, const std::string &worker, double fraction) {
        auto it = progress_.find(id);
        if (it != progress_.end())
            recordSample(it->second, worker, fraction);
    }

    static void recordSample(ProgressTrack &track, const std::string &worker, double fraction) {
        ProgressSample sample{fraction, 24.0 + fraction * 6.0, worker};
        track.samples.push_back(std::move(sample));
    }

    void onJobFinished(JobId id, const std::string &worker) {
        auto it = progress_.find(id);
        if (it != progress_.end()) {
            it->second.done = true;
            progress_.erase(it);
        }
        pool_.release(worker);
        ++finished_;
    }

    EventLoop &loop_;
    WorkerPool &pool_;
    std::map<JobId, ProgressTrack> progress_;
    JobId nextId_ = 1;
    std::size_t finished_ = 0;
};

TranscodeSpec specForUpload(int n) {
    TranscodeSpec spec;
    spec.sourceUri = "s3://ingest/uploads/" + std::to_string(n) + ".mov";
    spec.target = (n % 3 == 0) ? Codec::AV1 : (n % 2 == 0 ? Codec::HEVC : Codec::H264);
    spec.bitrateKbps = 2000 + (n % 5) * 500;
    return spec;
}

} // namespace farm
} // namespace media

int main(int argc, char **argv) {
    using namespace media::farm;
    const int uploads = argc > 1 ? std::atoi(argv[1]) : 2000;
    EventLoop loop;
    WorkerPool pool(8);
    FarmCoordinator coordinator(loop, pool);
    for (int n = 0; n < 2 * uploads; ++n) {
        coordinator.submit(specForUpload(n));
        if (pool.idle() == 0 || n % 8 == 7)
            loop.runUntilIdle();
        if (n + 1 == uploads) {
            loop.runUntilIdle();
            std::printf("[N] finished=%zu tracked=%zu\n", coordinator.finished(),
                        coordinator.trackedJobs());
        }
    }
    loop.runUntilIdle();
    std::printf("[2N] finished=%zu tracked=%zu\n", coordinator.finished(),
                coordinator.trackedJobs());
    return 0;
}
