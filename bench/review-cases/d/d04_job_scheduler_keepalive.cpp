// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: Each Job posts a closure holding shared_from_this() onto an EventLoop it does not own; Run() pops every closure before invoking it and drains the queue, so the self-reference is only a temporary keep-alive and all jobs are freed.
#include <deque>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <utility>

namespace sched {

class EventLoop {
 public:
  using Task = std::function<void()>;

  void Post(Task t) { queue_.push_back(std::move(t)); }

  // Runs until no work is left. Each task is moved out and popped first,
  // so the queue never keeps a finished task (or what it captured) alive.
  int Run() {
    int executed = 0;
    while (!queue_.empty()) {
      Task t = std::move(queue_.front());
      queue_.pop_front();
      t();
      ++executed;
    }
    return executed;
  }

 private:
  std::deque<Task> queue_;
};

class Job : public std::enable_shared_from_this<Job> {
 public:
  using DoneCallback = std::function<void(const std::string&, unsigned)>;

  Job(std::string name, int steps, EventLoop* loop, DoneCallback on_done)
      : name_(std::move(name)), remaining_(steps), loop_(loop), on_done_(std::move(on_done)) {}

  void Start() { ScheduleNext(); }

 private:
  void ScheduleNext() {
    // Keep-alive: the closure owns the job only until the loop has run it.
    loop_->Post([self = shared_from_this()] { self->Step(); });
  }

  void Step() {
    checksum_ = checksum_ * 31u + static_cast<unsigned>(remaining_);
    if (--remaining_ > 0) {
      ScheduleNext();
    } else if (on_done_) {
      on_done_(name_, checksum_);
    }
  }

  std::string name_;
  int remaining_;
  unsigned checksum_ = 7;
  EventLoop* loop_;  // not owned
  DoneCallback on_done_;
};

class Scheduler {
 public:
  explicit Scheduler(EventLoop* loop) : loop_(loop) {}

  void Submit(const std::string& name, int steps) {
    auto job = std::make_shared<Job>(name, steps, loop_,
                                     [this](const std::string& n, unsigned sum) { OnDone(n, sum); });
    job->Start();
    ++submitted_;
  }

  int completed() const { return completed_; }
  int submitted() const { return submitted_; }

 private:
  void OnDone(const std::string& name, unsigned sum) {
    ++completed_;
    std::cout << "job " << name << " finished, checksum " << sum << "\n";
  }

  EventLoop* loop_;
  int submitted_ = 0;
  int completed_ = 0;
};

}  // namespace sched

int main() {
  sched::EventLoop loop;
  sched::Scheduler scheduler(&loop);
  for (int i = 0; i < 10; ++i) scheduler.Submit("compact-" + std::to_string(i), 3 + i % 4);
  int n = loop.Run();
  std::cout << n << " tasks, " << scheduler.completed() << "/" << scheduler.submitted()
            << " jobs done\n";
  return 0;
}
