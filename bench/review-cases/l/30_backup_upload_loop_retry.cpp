// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: UploadJob's retry handler captures shared_from_this(), but it is posted to the agent's external EventLoop, which moves each due handler out of its queue and destroys it after running once, so the job is only kept alive until its deadline.
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace backup {

static int g_liveJobs = 0;

class EventLoop {
public:
    using Callback = std::function<void()>;

    void runAt(long long deadline, Callback cb) { queue_.emplace(deadline, std::move(cb)); }

    std::size_t runDue(long long now) {
        std::size_t ran = 0;
        while (!queue_.empty() && queue_.begin()->first <= now) {
            Callback cb = std::move(queue_.begin()->second);
            queue_.erase(queue_.begin());
            cb();
            ++ran;
        }
        return ran;
    }

    std::size_t pending() const { return queue_.size(); }

private:
    std::multimap<long long, Callback> queue_;
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
EventLoop::Callback makeRetryHandler(std::shared_ptr<UploadJob> job, long long deadline);

class UploadJob : public std::enable_shared_from_this<UploadJob> {
public:
    UploadJob(std::string path, std::string data, BlobStore& store, EventLoop& loop)
        : path_(std::move(path)), data_(std::move(data)), store_(store), loop_(loop) {
        ++g_liveJobs;
    }
    ~UploadJob() { --g_liveJobs; }

    void begin(long long now) {
        armWatchdog(now);
        pump();
    }

    bool done() const { return done_; }

private:
    void armWatchdog(long long now) {
        auto self = shared_from_this();
        long long deadline = now + kTimeout;
        loop_.runAt(deadline, makeRetryHandler(self, deadline));
    }

    friend EventLoop::Callback makeRetryHandler(std::shared_ptr<UploadJob> job, long long deadline);
    void onTimeout(long long now) {
        if (done_) return;
        ++retries_;
        armWatchdog(now);
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
    }

    static constexpr long long kTimeout = 5;
    std::string path_;
    std::string data_;
    BlobStore& store_;
    EventLoop& loop_;
    std::size_t offset_ = 0;
    int retries_ = 0;
    bool done_ = false;
};

EventLoop::Callback makeRetryHandler(std::shared_ptr<UploadJob> job, long long deadline) {
    return [job, deadline] { job->onTimeout(deadline); };
}

class BackupAgent {
public:
    void backupFile(const std::string& path, const std::string& contents, long long now) {
        auto job = std::make_shared<UploadJob>(path, contents, store_, loop_);
        job->begin(now);
    }

    void tick(long long now) { loop_.runDue(now); }

    std::size_t inflight() const { return loop_.pending(); }
    const BlobStore& store() const { return store_; }

private:
    BlobStore store_;
    EventLoop loop_;
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
