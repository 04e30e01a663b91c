// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: UploadJob arms its own by-value watchdog Timer with a callback that captures shared_from_this() (via the self alias and makeRetryHandler), and Timer::cancel only disarms without dropping the callback, so every finished job owns a closure that owns the job.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace backup {

static int g_liveJobs = 0;

class Timer {
public:
    using Callback = std::function<void()>;

    void expiresAt(long long deadline, Callback cb) {
        deadline_ = deadline;
        callback_ = std::move(cb);  // LEAK-HERE
        armed_ = true;
    }

    bool poll(long long now) {
        if (!armed_ || now < deadline_) return false;
        armed_ = false;
        Callback handler = callback_;  // copy: the handler may re-arm this timer
        handler();
        return true;
    }

    void cancel() { armed_ = false; }

private:
    long long deadline_ = 0;
    bool armed_ = false;
    Callback callback_;  // LEAK-HERE
};

class BlobStore {
public:
    bool put(const std::string& key, const std::string& chunk) {
        if (chunk.size() % 5 == 3 && attempts_[key]++ == 0) return false;  // transient 503
        objects_[key] = chunk.size();
        return true;
    }
    std::size_t objectCount() const { return objects_.size(); }

private:
    std::unordered_map<std::string, std::size_t> objects_;
    std::unordered_map<std::string, int> attempts_;
};

class UploadJob;
Timer::Callback makeRetryHandler(std::shared_ptr<UploadJob> job);

class UploadJob : public std::enable_shared_from_this<UploadJob> {
public:
    UploadJob(std::string path, std::string data, BlobStore& store)
        : path_(std::move(path)), data_(std::move(data)), store_(store) {
        ++g_liveJobs;
    }
    ~UploadJob() { --g_liveJobs; }

    void begin(long long now) {
        armWatchdog(now);
        pump();
    }

    void poll(long long now) { now_ = now; watchdog_.poll(now); }
    bool done() const { return done_; }

private:
    void armWatchdog(long long now) {
        auto self = shared_from_this();
        watchdog_.expiresAt(now + kTimeout, makeRetryHandler(self));  // LEAK-HERE
    }

    friend Timer::Callback makeRetryHandler(std::shared_ptr<UploadJob> job);
    void onTimeout() {
        if (done_) return;
        ++retries_;
        armWatchdog(now_);
        pump();
    }

    void pump() {
        const std::size_t chunk = 64;
        while (offset_ < data_.size()) {
            std::string piece = data_.substr(offset_, chunk);
            if (!store_.put(path_ + "#" + std::to_string(offset_ / chunk), piece)) return;
            offset_ += piece.size();
        }
        done_ = true;
        watchdog_.cancel();
    }

    static constexpr long long kTimeout = 5;
    std::string path_;
    std::string data_;
    BlobStore& store_;
    Timer watchdog_;  // LEAK-HERE
    std::size_t offset_ = 0;
    long long now_ = 0;
    int retries_ = 0;
    bool done_ = false;
};

Timer::Callback makeRetryHandler(std::shared_ptr<UploadJob> job) {
    return [job] { job->onTimeout(); };  // LEAK-HERE
}

class BackupAgent {
public:
    void backupFile(const std::string& path, const std::string& contents, long long now) {
        auto job = std::make_shared<UploadJob>(path, contents, store_);
        job->begin(now);
        if (!job->done()) inflight_.push_back(job);
    }

    void tick(long long now) {
        for (auto& job : inflight_) job->poll(now);
        inflight_.erase(std::remove_if(inflight_.begin(), inflight_.end(),
                                       [](const std::shared_ptr<UploadJob>& j) { return j->done(); }),
                        inflight_.end());
    }

    std::size_t inflight() const { return inflight_.size(); }
    const BlobStore& store() const { return store_; }

private:
    BlobStore store_;
    std::vector<std::shared_ptr<UploadJob>> inflight_;
};

std::string fakeFileContents(int i) { return std::string(static_cast<std::size_t>(200 + i * 7), 'a' + i % 26); }

}  // namespace backup

int main() {
    backup::BackupAgent agent;
    long long now = 1000;
    for (int i = 0; i < 90; ++i, ++now) {
        agent.backupFile("/var/lib/app/data/file" + std::to_string(i) + ".db", backup::fakeFileContents(i), now);
        agent.tick(now);
        if (i % 30 == 29) std::printf("files=%d inflight=%zu live jobs=%d\n", i + 1, agent.inflight(), backup::g_liveJobs);
    }
    for (int k = 0; k < 20; ++k) agent.tick(++now);
    std::printf("drained: inflight=%zu live jobs=%d objects=%zu\n", agent.inflight(), backup::g_liveJobs,
                agent.store().objectCount());
    std::fflush(stdout);
    return 0;
}
