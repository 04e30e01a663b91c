// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The long-lived Scheduler moves every finished job into finished_ so status queries can find it, and nothing ever expires or caps that map.
#include <chrono>
#include <cstdint>
#include <functional>
#include <iostream>
#include <map>
#include <queue>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sched {

using JobId = std::uint64_t;
using Clock = std::chrono::steady_clock;

enum class JobState { Queued, Running, Succeeded, Failed };

struct JobRecord {
    JobId id = 0;
    std::string name;
    JobState state = JobState::Queued;
    Clock::time_point enqueuedAt;
    Clock::time_point finishedAt;
    std::vector<std::string> logLines;
};

class Scheduler {
public:
    using Work = std::function<bool(JobRecord&)>;

    JobId submit(std::string name, Work work);
    void runPending(std::size_t budget);
    JobState status(JobId id) const;
    std::size_t pending() const { return queue_.size(); }

private:
    struct Pending {
        JobRecord record;
        Work work;
    };

    JobId nextId_ = 1;
    std::queue<JobId> queue_;
    std::unordered_map<JobId, Pending> pending_;
    std::map<JobId, JobRecord> finished_; // LEAK-HERE
};

JobId Scheduler::submit(std::string name, Work work) {
    JobId id = nextId_++;
    Pending p;
    p.record.id = id;
    p.record.name = std::move(name);
    p.record.enqueuedAt = Clock::now();
    p.work = std::move(work);
    pending_.emplace(id, std::move(p));
    queue_.push(id);
    return id;
}

void Scheduler::runPending(std::size_t budget) {
    while (budget-- > 0 && !queue_.empty()) {
        JobId id = queue_.front();
        queue_.pop();
        auto it = pending_.find(id);
        if (it == pending_.end()) continue;
        JobRecord& rec = it->second.record;
        rec.state = JobState::Running;
        bool ok = it->second.work(rec);
        rec.state = ok ? JobState::Succeeded : JobState::Failed;
        rec.finishedAt = Clock::now();
        finished_.emplace(id, std::move(rec)); // LEAK-HERE
        pending_.erase(it);
    }
}

JobState Scheduler::status(JobId id) const {
    if (auto it = pending_.find(id); it != pending_.end()) return it->second.record.state;
    if (auto it = finished_.find(id); it != finished_.end()) return it->second.state;
    return JobState::Failed;
}

Scheduler& globalScheduler() {
    static Scheduler s;
    return s;
}

} // namespace sched

int main() {
    auto& scheduler = sched::globalScheduler();
    bool running = true;
    std::uint64_t tick = 0;
    std::size_t failures = 0;
    while (running) {
        for (int i = 0; i < 16; ++i) {
            auto id = scheduler.submit("thumbnail-" + std::to_string(tick) + "-" + std::to_string(i),
                                       [tick](sched::JobRecord& r) {
                                           r.logLines.push_back("resized image for tick " + std::to_string(tick));
                                           return tick % 11 != 0;
                                       });
            if (i == 0 && tick > 0) failures += scheduler.status(id - 16) == sched::JobState::Failed;
        }
        scheduler.runPending(32);
        if (++tick % 50000 == 0) std::cout << "tick " << tick << " failures " << failures << '\n';
        if (tick == 1000000) running = false;
    }
}
