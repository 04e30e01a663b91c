// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: Each ResolveJob arms its own watchdog timer with std::bind(&ResolveJob::onWatchdog, shared_from_this()) and finish() never cancels it, so job -> timer_ -> handler -> job keeps every completed job alive after the daemon drops it.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace pkgd {

std::atomic<int> g_liveJobs{0};

// Minimal asio-style deadline timer driven by the daemon's tick counter.
class DeadlineTimer {
public:
    using Handler = std::function<void()>;

    void expiresAt(std::uint64_t tick) { deadline_ = tick; }
    void asyncWait(Handler h) { handler_ = std::move(h); }  // LEAK-HERE
    void cancel() { handler_ = nullptr; }

    void poll(std::uint64_t now) {
        if (handler_ && now >= deadline_) {
            Handler h = std::move(handler_);
            handler_ = nullptr;
            h();
        }
    }

private:
    std::uint64_t deadline_ = 0;
    Handler handler_;
};

using Index = std::map<std::string, std::vector<std::string>>;  // package -> direct deps

class ResolveJob : public std::enable_shared_from_this<ResolveJob> {
public:
    using Ptr = std::shared_ptr<ResolveJob>;
    static constexpr std::uint64_t kWatchdogTicks = 500;

    ResolveJob(std::uint64_t id, const Index &index, std::string root)
        : id_(id), index_(index), root_(std::move(root)) {
        ++g_liveJobs;
        frontier_.push_back(root_);
    }
    ~ResolveJob() { --g_liveJobs; }

    void start(std::uint64_t now) {
        timer_.expiresAt(now + kWatchdogTicks);
        timer_.asyncWait(std::bind(&ResolveJob::onWatchdog, shared_from_this()));  // LEAK-HERE
    }

    // One unit of work per reactor tick; returns true when finished.
    bool step(std::uint64_t now) {
        timer_.poll(now);
        if (done_)
            return true;
        for (int budget = 4; budget > 0 && !frontier_.empty(); --budget) {
            const std::string pkg = frontier_.front();
            frontier_.pop_front();
            if (!resolved_.insert(pkg).second)
                continue;
            auto it = index_.find(pkg);
            if (it == index_.end())
                continue;
            for (const auto &dep : it->second)
                frontier_.push_back(dep);
        }
        if (frontier_.empty())
            finish();
        return done_;
    }

    std::uint64_t id() const { return id_; }
    std::size_t lockfileSize() const { return resolved_.size(); }

private:
    void finish() { done_ = true; }
    void onWatchdog() {
        timedOut_ = true;
        done_ = true;
    }

    std::uint64_t id_;
    const Index &index_;
    std::string root_;
    std::deque<std::string> frontier_;
    std::set<std::string> resolved_;
    DeadlineTimer timer_;  // LEAK-HERE
    bool done_ = false;
    bool timedOut_ = false;
};

class ResolverDaemon {
public:
    explicit ResolverDaemon(Index index) : index_(std::move(index)) {}

    void submit(const std::string &root) {
        auto job = std::make_shared<ResolveJob>(++nextId_, index_, root);
        job->start(now_);
        jobs_.emplace(job->id(), std::move(job));
    }

    void tick() {
        ++now_;
        for (auto it = jobs_.begin(); it != jobs_.end();) {
            ResolveJob::Ptr &job = it->second;
            if (job->step(now_)) {
                resolvedPackages_ += job->lockfileSize();
                it = jobs_.erase(it);
            } else {
                ++it;
            }
        }
    }

    std::size_t active() const { return jobs_.size(); }
    std::uint64_t resolvedPackages() const { return resolvedPackages_; }

private:
    Index index_;
    std::unordered_map<std::uint64_t, ResolveJob::Ptr> jobs_;
    std::uint64_t nextId_ = 0;
    std::uint64_t now_ = 0;
    std::uint64_t resolvedPackages_ = 0;
};

}  // namespace pkgd

int main(int argc, char **argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
    pkgd::ResolverDaemon daemon({{"webapp", {"http", "json", "log"}},
                                 {"http", {"tls", "log", "uri"}},
                                 {"tls", {"crypto"}},
                                 {"json", {"utf8"}},
                                 {"cli", {"log", "json", "term"}},
                                 {"term", {"utf8"}}});
    const char *const roots[] = {"webapp", "cli", "http", "json"};

    for (int round = 1; round <= 2; ++round) {
        for (int i = 0; i < n; ++i) {
            daemon.submit(roots[i % 4]);
            daemon.tick();
        }
        for (int drain = 0; drain < 16; ++drain)
            daemon.tick();
        std::printf("after %d resolve requests: active jobs=%zu live jobs=%d packages=%llu\n", round * n,
                    daemon.active(), pkgd::g_liveJobs.load(),
                    static_cast<unsigned long long>(daemon.resolvedPackages()));
        std::fflush(stdout);
    }
    return 0;
}
