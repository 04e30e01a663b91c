// CATEGORY: leak-static-instance-cache
// EXPECT: leak
// WHY: the CRTP base Cancellable<Job>::enroll stores, in a function-local static map keyed by `this`, a cancel hook capturing shared_from_this(); nothing erases it when the job finishes, so every run-once job stays alive forever.
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace cron {

// Lets an operator "cancel all" jobs of a given type during shutdown.
template <typename T>
class Cancellable {
 public:
  using Hook = std::function<void()>;

  static std::unordered_map<const T*, Hook>& hooks() {
    static std::unordered_map<const T*, Hook> table;  // LEAK-HERE
    return table;
  }
  static void cancelAll() {
    for (auto& entry : hooks()) entry.second();
  }

 protected:
  void enroll() {
    T* derived = static_cast<T*>(this);
    std::shared_ptr<T> keep = derived->shared_from_this();
    hooks()[derived] = [keep] { keep->cancel(); };  // LEAK-HERE
  }
};

struct Schedule {
  int every_minutes;
  int max_runs;  // 1 for one-shot jobs
};

class Job : public Cancellable<Job>, public std::enable_shared_from_this<Job> {
 public:
  static int live;

  Job(std::string name, Schedule sched, std::function<void(const std::string&)> body)
      : name_(std::move(name)), sched_(sched), body_(std::move(body)) {
    ++live;
  }
  ~Job() { --live; }

  void arm(long now_min) {
    next_run_min_ = now_min + sched_.every_minutes;
    enroll();
  }
  bool due(long now_min) const { return !cancelled_ && runs_ < sched_.max_runs && now_min >= next_run_min_; }
  void run(long now_min) {
    body_(name_);
    ++runs_;
    next_run_min_ = now_min + sched_.every_minutes;
  }
  bool finished() const { return cancelled_ || runs_ >= sched_.max_runs; }
  void cancel() { cancelled_ = true; }

 private:
  std::string name_;
  Schedule sched_;
  std::function<void(const std::string&)> body_;
  long next_run_min_ = 0;
  int runs_ = 0;
  bool cancelled_ = false;
};

int Job::live = 0;

std::shared_ptr<Job> makeReminderJob(const std::string& user, long& sent) {
  auto body = [&sent, user](const std::string&) { sent += static_cast<long>(user.size() > 0); };
  return std::make_shared<Job>("reminder:" + user, Schedule{5, 1}, body);
}

class Scheduler {
 public:
  void add(std::shared_ptr<Job> job) {
    job->arm(now_min_);
    jobs_.push_back(std::move(job));
  }
  void advance(long minutes) {
    for (long m = 0; m < minutes; ++m) {
      ++now_min_;
      for (auto& job : jobs_)
        if (job->due(now_min_)) job->run(now_min_);
      reap();
    }
  }
  std::size_t pending() const { return jobs_.size(); }

 private:
  void reap() {
    std::vector<std::shared_ptr<Job>> keep;
    keep.reserve(jobs_.size());
    for (auto& job : jobs_)
      if (!job->finished()) keep.push_back(job);
    jobs_.swap(keep);
  }

  long now_min_ = 0;
  std::vector<std::shared_ptr<Job>> jobs_;
};

}  // namespace cron

int main() {
  cron::Scheduler scheduler;
  long reminders_sent = 0;
  for (int round = 1; round <= 5; ++round) {
    for (int u = 0; u < 400; ++u) scheduler.add(cron::makeReminderJob("user" + std::to_string(u), reminders_sent));
    scheduler.advance(10);
    std::printf("round %d: pending=%zu sent=%ld live Job=%d hooks=%zu\n", round, scheduler.pending(), reminders_sent,
                cron::Job::live, cron::Cancellable<cron::Job>::hooks().size());
    std::fflush(stdout);
  }
  return 0;
}
