// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: Job::start() registers a tick callback that captures shared_from_this() in the static Scheduler's hook list and nothing ever removes it, so every finished Job (and its result buffer) is kept alive by the singleton forever.
#include <cstddef>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

class Scheduler {
public:
    using Tick = std::function<void(unsigned long)>;

    static Scheduler& instance() {
        static Scheduler s;
        return s;
    }

    void onTick(Tick t) { ticks_.push_back(std::move(t)); } // LEAK-HERE

    void advance() {
        ++now_;
        for (auto& t : ticks_) t(now_);
    }

    std::size_t hookCount() const { return ticks_.size(); }

private:
    Scheduler() = default;
    std::vector<Tick> ticks_; // LEAK-HERE
    unsigned long now_ = 0;
};

class Job : public std::enable_shared_from_this<Job> {
public:
    using Ptr = std::shared_ptr<Job>;

    static Ptr create(std::string name, unsigned steps) {
        return Ptr(new Job(std::move(name), steps));
    }

    void start() {
        auto self = shared_from_this(); // LEAK-HERE
        Scheduler::instance().onTick([self](unsigned long now) { self->step(now); }); // LEAK-HERE
    }

    bool done() const { return remaining_ == 0; }
    const std::string& name() const { return name_; }

private:
    Job(std::string name, unsigned steps) : name_(std::move(name)), remaining_(steps) {}

    void step(unsigned long now) {
        if (remaining_ == 0) return;  // finished jobs just ignore ticks
        result_.append(name_).append("@").append(std::to_string(now)).append(";");
        if (--remaining_ == 0) std::cout << name_ << " finished\n";
    }

    std::string name_;
    unsigned remaining_;
    std::string result_;
};

int main() {
    // Background workload: a small job is enqueued every tick, forever.
    for (unsigned i = 0; i < 20000; ++i) {
        {
            Job::Ptr job = Job::create("thumbnail-" + std::to_string(i), 3);
            job->start();
        }  // caller drops its handle; the job "should" be gone once done
        Scheduler::instance().advance();
    }
    std::cout << "hooks: " << Scheduler::instance().hookCount() << "\n";
    return 0;
}
