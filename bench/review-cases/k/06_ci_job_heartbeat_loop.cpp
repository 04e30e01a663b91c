// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: Each heartbeat handler binds shared_from_this(), but it is posted to the Runner-owned TimerQueue, which runs it once and drops it, and on_heartbeat only re-posts while the Job is still running, so finished Jobs are freed once their last pending heartbeat fires.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ci {

using Tick = std::uint64_t;

// One-shot timers, owned by the runner and shared by all of its jobs.
class TimerQueue {
 public:
  void post_at(Tick when, std::function<void()> cb) { pending_.emplace(when, std::move(cb)); }
  void run_due(Tick now) {
    now_ = now;
    while (!pending_.empty() && pending_.begin()->first <= now) {
      std::function<void()> cb = std::move(pending_.begin()->second);
      pending_.erase(pending_.begin());
      cb();
    }
  }
  Tick now() const { return now_; }
  bool empty() const { return pending_.empty(); }

 private:
  Tick now_ = 0;
  std::multimap<Tick, std::function<void()>> pending_;
};

struct JobSpec {
  std::string pipeline;
  std::string step;
  int duration_ticks = 0;
  bool long_running = false;
};

enum class JobState { Queued, Running, Succeeded, TimedOut };

class Job : public std::enable_shared_from_this<Job> {
 public:
  Job(JobSpec spec, TimerQueue& timers) : spec_(std::move(spec)), timers_(timers) { ++live_; }
  ~Job() { --live_; }
  Job(const Job&) = delete;
  Job& operator=(const Job&) = delete;

  void start(Tick now) {
    state_ = JobState::Running;
    started_ = now;
    auto self = shared_from_this();
    schedule_heartbeat(self, now);
  }

  void poll(Tick now) {
    if (state_ == JobState::Running && now - started_ >= static_cast<Tick>(spec_.duration_ticks))
      finish(JobState::Succeeded);
  }

  void finish(JobState final_state) { state_ = final_state; }

  void on_heartbeat() {
    ++heartbeats_;
    if (state_ == JobState::Running) schedule_heartbeat(shared_from_this(), timers_.now());
  }
  bool done() const { return state_ == JobState::Succeeded || state_ == JobState::TimedOut; }
  int heartbeats() const { return heartbeats_; }
  static int live() { return live_; }

 private:
  static Tick heartbeat_period(const JobSpec& spec) { return spec.long_running ? 10 : 3; }

  static std::function<void()> bind_heartbeat(std::shared_ptr<Job> job) {
    return std::bind(&Job::on_heartbeat, std::move(job));
  }

  void schedule_heartbeat(const std::shared_ptr<Job>& self, Tick now) {
    timers_.post_at(now + heartbeat_period(spec_), bind_heartbeat(self));
  }

  JobSpec spec_;
  TimerQueue& timers_;
  JobState state_ = JobState::Queued;
  Tick started_ = 0;
  int heartbeats_ = 0;
  static int live_;
};
int Job::live_ = 0;

class Runner {
 public:
  explicit Runner(std::string name) : name_(std::move(name)) {}

  void submit(JobSpec spec) { queue_.push_back(std::make_shared<Job>(std::move(spec), timers_)); }

  void tick() {
    ++now_;
    timers_.run_due(now_);
    while (!queue_.empty() && active_.size() < kSlots) {
      std::shared_ptr<Job> job = std::move(queue_.back());
      queue_.pop_back();
      job->start(now_);
      active_.push_back(std::move(job));
    }
    std::vector<std::shared_ptr<Job>> still_running;
    for (auto& job : active_) {
      job->poll(now_);
      if (job->done())
        ++completed_;
      else
        still_running.push_back(job);
    }
    active_.swap(still_running);
  }

  bool idle() const { return queue_.empty() && active_.empty() && timers_.empty(); }
  int completed() const { return completed_; }

 private:
  static constexpr std::size_t kSlots = 4;
  std::string name_;
  Tick now_ = 0;
  int completed_ = 0;
  TimerQueue timers_;
  std::vector<std::shared_ptr<Job>> queue_;
  std::vector<std::shared_ptr<Job>> active_;
};

}  // namespace ci

int main() {
  ci::Runner runner("runner-07");
  const char* steps[] = {"checkout", "build", "unit-test", "package"};
  for (int build = 1; build <= 100; ++build) {
    for (int s = 0; s < 4; ++s)
      runner.submit({"svc-" + std::to_string(build % 7), steps[s], 2 + (build + s) % 9, s == 1});
    while (!runner.idle()) runner.tick();
    if (build % 25 == 0)
      std::printf("builds=%d completed_jobs=%d live_jobs=%d\n", build, runner.completed(),
                  ci::Job::live());
  }
  return 0;
}
