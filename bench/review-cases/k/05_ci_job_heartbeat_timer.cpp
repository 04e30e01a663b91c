// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: Each Job owns its heartbeat_ Timer by value and stores in it a std::bind of on_heartbeat holding shared_from_this(); Timer::cancel() on the finish path only disarms without dropping the callback, so every finished Job keeps itself alive.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ci {

using Tick = std::uint64_t;

class Timer {
 public:
  void every(Tick period, Tick now, std::function<void()> cb) {
    period_ = period;
    next_ = now + period;
    cb_ = std::move(cb);  // LEAK-HERE
    armed_ = true;
  }
  void cancel() { armed_ = false; }
  void poll(Tick now) {
    if (!armed_ || now < next_) return;
    next_ = now + period_;
    if (cb_) cb_();
  }

 private:
  Tick period_ = 0;
  Tick next_ = 0;
  bool armed_ = false;
  std::function<void()> cb_;  // LEAK-HERE
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
  explicit Job(JobSpec spec) : spec_(std::move(spec)) { ++live_; }
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
    heartbeat_.poll(now);
    if (state_ == JobState::Running && now - started_ >= static_cast<Tick>(spec_.duration_ticks))
      finish(JobState::Succeeded);
  }

  void finish(JobState final_state) {
    state_ = final_state;
    heartbeat_.cancel();
  }

  void on_heartbeat() { ++heartbeats_; }
  bool done() const { return state_ == JobState::Succeeded || state_ == JobState::TimedOut; }
  int heartbeats() const { return heartbeats_; }
  static int live() { return live_; }

 private:
  static Tick heartbeat_period(const JobSpec& spec) { return spec.long_running ? 10 : 3; }

  static std::function<void()> bind_heartbeat(std::shared_ptr<Job> job) {
    return std::bind(&Job::on_heartbeat, std::move(job));  // LEAK-HERE
  }

  void schedule_heartbeat(const std::shared_ptr<Job>& self, Tick now) {
    heartbeat_.every(heartbeat_period(spec_), now, bind_heartbeat(self));  // LEAK-HERE
  }

  JobSpec spec_;
  JobState state_ = JobState::Queued;
  Tick started_ = 0;
  int heartbeats_ = 0;
  Timer heartbeat_;  // LEAK-HERE
  static int live_;
};
int Job::live_ = 0;

class Runner {
 public:
  explicit Runner(std::string name) : name_(std::move(name)) {}

  void submit(JobSpec spec) { queue_.push_back(std::make_shared<Job>(std::move(spec))); }

  void tick() {
    ++now_;
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

  bool idle() const { return queue_.empty() && active_.empty(); }
  int completed() const { return completed_; }

 private:
  static constexpr std::size_t kSlots = 4;
  std::string name_;
  Tick now_ = 0;
  int completed_ = 0;
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
  std::fflush(stdout);
  return 0;
}
