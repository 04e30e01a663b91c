// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Each Job inserts shared_from_this() into the JobTracker singleton when submitted and the tracker only flips a status flag on completion, so every job ever scheduled is pinned for the process lifetime.
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>
#include <deque>

namespace sched {

enum class JobState { Queued, Running, Done, Failed };

class Job;

class JobTracker {
public:
    static JobTracker& instance() {
        static JobTracker tracker;
        return tracker;
    }

    void track(std::shared_ptr<Job> job) {
        std::lock_guard<std::mutex> lk(mu_);
        jobs_.push_back(std::move(job)); // LEAK-HERE
    }

    size_t runningCount() const;

private:
    JobTracker() = default;
    mutable std::mutex mu_;
    std::vector<std::shared_ptr<Job>> jobs_; // LEAK-HERE
};

class Job : public std::enable_shared_from_this<Job> {
public:
    Job(std::string name, std::function<bool()> body)
        : name_(std::move(name)), body_(std::move(body)) {}

    void submit(std::deque<std::shared_ptr<Job>>& queue) {
        state_ = JobState::Queued;
        JobTracker::instance().track(shared_from_this()); // LEAK-HERE
        queue.push_back(shared_from_this());
    }

    void run() {
        state_ = JobState::Running;
        bool ok = body_ ? body_() : false;
        state_ = ok ? JobState::Done : JobState::Failed;
        body_ = nullptr;
    }

    JobState state() const { return state_; }
    const std::string& name() const { return name_; }

private:
    std::string name_;
    std::function<bool()> body_;
    JobState state_ = JobState::Queued;
    std::vector<char> outputBuffer_ = std::vector<char>(8192);
};

size_t JobTracker::runningCount() const {
    std::lock_guard<std::mutex> lk(mu_);
    size_t n = 0;
    for (auto& j : jobs_)
        if (j->state() == JobState::Running) ++n;
    return n;
}

class Worker {
public:
    explicit Worker(std::deque<std::shared_ptr<Job>>& q) : queue_(q) {}
    bool step() {
        if (queue_.empty()) return false;
        auto job = queue_.front();
        queue_.pop_front();
        job->run();
        return true;
    }

private:
    std::deque<std::shared_ptr<Job>>& queue_;
};

} // namespace sched

int main() {
    std::deque<std::shared_ptr<sched::Job>> queue;
    sched::Worker worker(queue);
    for (int tick = 0; tick < 100000; ++tick) {
        auto job = std::make_shared<sched::Job>("compact-" + std::to_string(tick),
                                                [tick] { return tick % 13 != 0; });
        job->submit(queue);
        while (worker.step()) {}
    }
    return 0;
}
