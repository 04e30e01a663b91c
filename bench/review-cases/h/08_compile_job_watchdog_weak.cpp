// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: CompileJob stores callables in its own Watchdog and OutputPipe, but the helpers take a std::weak_ptr<CompileJob> parameter (the shared_from_this() argument converts implicitly) and lock it on each call, so the job never owns a strong reference to itself.
#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace buildsys {

std::atomic<int> g_liveJobs{0};

// Per-job watchdog that fires if the compiler process runs too long.
class Watchdog {
public:
    using Callback = std::function<void(long elapsedMs)>;
    void setCallback(Callback cb) { cb_ = std::move(cb); }
    void start(long budgetMs) { budget_ = budgetMs; elapsed_ = 0; running_ = true; }
    void stop() { running_ = false; }
    void advance(long ms) {
        if (!running_) return;
        elapsed_ += ms;
        if (elapsed_ >= budget_) {
            running_ = false;
            if (cb_) cb_(elapsed_);
        }
    }

private:
    Callback cb_;
    long budget_ = 0;
    long elapsed_ = 0;
    bool running_ = false;
};

class OutputPipe {
public:
    using LineSink = std::function<void(const std::string&)>;
    void onLine(LineSink sink) { sinks_.push_back(std::move(sink)); }
    void write(const std::string& line) {
        for (auto& s : sinks_) s(line);
    }

private:
    std::vector<LineSink> sinks_;
};

struct CompileAction {
    std::string source;
    std::string object;
    long simulatedMs = 0;
};

class CompileJob;
Watchdog::Callback makeTimeoutHandler(std::weak_ptr<CompileJob> job);
OutputPipe::LineSink makeDiagnosticSink(std::weak_ptr<CompileJob> job);

class CompileJob : public std::enable_shared_from_this<CompileJob> {
public:
    explicit CompileJob(CompileAction action) : action_(std::move(action)) { ++g_liveJobs; }
    ~CompileJob() { --g_liveJobs; }

    void launch(long budgetMs) {
        auto self = shared_from_this();
        watchdog_.setCallback(makeTimeoutHandler(self));
        stderr_.onLine(makeDiagnosticSink(self));
        watchdog_.start(budgetMs);
    }

    // Drive the fake compiler process forward by `ms` of wall time.
    bool step(long ms) {
        if (done_) return true;
        ranMs_ += ms;
        if (ranMs_ % 300 == 0) stderr_.write(action_.source + ": warning: unused variable");
        watchdog_.advance(ms);
        if (!done_ && ranMs_ >= action_.simulatedMs) {
            watchdog_.stop();
            done_ = true;
        }
        return done_;
    }

    void kill(long elapsedMs) {
        timedOut_ = true;
        done_ = true;
        killedAt_ = elapsedMs;
    }
    void addDiagnostic(const std::string& line) { diagnostics_.push_back(line); }

    bool timedOut() const { return timedOut_; }
    size_t diagnostics() const { return diagnostics_.size(); }

private:
    CompileAction action_;
    Watchdog watchdog_;
    OutputPipe stderr_;
    std::vector<std::string> diagnostics_;
    long ranMs_ = 0;
    long killedAt_ = 0;
    bool done_ = false;
    bool timedOut_ = false;
};

Watchdog::Callback makeTimeoutHandler(std::weak_ptr<CompileJob> job) {
    return [job](long elapsedMs) {
        if (auto j = job.lock()) j->kill(elapsedMs);
    };
}

OutputPipe::LineSink makeDiagnosticSink(std::weak_ptr<CompileJob> job) {
    return [job](const std::string& line) {
        if (auto j = job.lock()) j->addDiagnostic(line);
    };
}

class Scheduler {
public:
    explicit Scheduler(long budgetMs) : budgetMs_(budgetMs) {}

    void runAll(const std::vector<CompileAction>& actions) {
        std::vector<std::shared_ptr<CompileJob>> running;
        for (const auto& a : actions) {
            auto job = std::make_shared<CompileJob>(a);
            job->launch(budgetMs_);
            running.push_back(std::move(job));
        }
        bool allDone = false;
        while (!allDone) {
            allDone = true;
            for (auto& j : running) allDone = j->step(100) && allDone;
        }
        for (auto& j : running) {
            if (j->timedOut()) ++timeouts_;
            warnings_ += static_cast<long>(j->diagnostics());
        }
    }
    long timeouts() const { return timeouts_; }
    long warnings() const { return warnings_; }

private:
    long budgetMs_;
    long timeouts_ = 0;
    long warnings_ = 0;
};

} // namespace buildsys

int main() {
    buildsys::Scheduler sched(/*budgetMs=*/1500);
    for (int build = 0; build < 5; ++build) {
        std::vector<buildsys::CompileAction> actions;
        for (int i = 0; i < 12; ++i)
            actions.push_back({"src/file" + std::to_string(i) + ".cc", "obj/file" + std::to_string(i) + ".o",
                               400L + 200L * ((i + build) % 10)});
        sched.runAll(actions);
        std::printf("build %d: timeouts=%ld warnings=%ld live jobs=%d\n", build, sched.timeouts(),
                    sched.warnings(), buildsys::g_liveJobs.load());
    }
    return 0;
}
