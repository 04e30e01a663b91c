// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: The Job still stores callbacks in its own Step::on_finished slots and Executor handlers, but they capture weak_from_this() and lock on use, so once the Runner drops a finished Job nothing keeps it alive.
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace ci {

enum class StepStatus { Pending, Running, Passed, Failed, Skipped };

struct StepResult {
  std::string name;
  StepStatus status = StepStatus::Pending;
  int exit_code = 0;
};

using StepCallback = std::function<void(const StepResult&)>;

struct Step {
  std::string name;
  std::string command;
  StepStatus status = StepStatus::Pending;
  StepCallback on_finished;
};

// Runs a (simulated) shell command and streams its output to listeners.
class Executor {
 public:
  using OutputHandler = std::function<void(const std::string&)>;
  void onOutput(OutputHandler h) { handlers_.push_back(std::move(h)); }

  int run(const std::string& cmd) {
    emit("$ " + cmd);
    size_t h = std::hash<std::string>()(cmd);
    for (size_t i = 0; i < 1 + h % 4; ++i) emit("  [" + std::to_string(i) + "] ok");
    bool is_test = cmd.compare(0, 5, "ctest") == 0;
    return (is_test && h % 5 == 0) ? 8 : 0;  // ctest exits 8 on test failures
  }

 private:
  void emit(const std::string& line) {
    for (auto& h : handlers_) h(line);
  }
  std::vector<OutputHandler> handlers_;
};

class Job;
StepCallback makeStepCallback(std::weak_ptr<Job> job, size_t index);

class Job : public std::enable_shared_from_this<Job> {
 public:
  Job(uint64_t id, std::string repo, const std::vector<std::string>& commands)
      : id_(id), repo_(std::move(repo)) {
    for (const auto& c : commands) steps_.push_back(Step{c.substr(0, c.find(' ')), c, StepStatus::Pending, {}});
  }

  void prepare() {
    std::weak_ptr<Job> weak = weak_from_this();
    executor_.onOutput([weak](const std::string& line) {
      if (auto self = weak.lock()) self->appendLog(line);
    });
    for (size_t i = 0; i < steps_.size(); ++i) steps_[i].on_finished = makeStepCallback(weak, i);
  }

  // Runs one step; returns false once the job has nothing left to do.
  bool advance() {
    if (cursor_ >= steps_.size()) return false;
    Step& step = steps_[cursor_];
    step.status = StepStatus::Running;
    int rc = executor_.run(step.command);
    StepResult result{step.name, rc == 0 ? StepStatus::Passed : StepStatus::Failed, rc};
    if (step.on_finished) step.on_finished(result);
    return cursor_ < steps_.size();
  }

  void stepDone(size_t index, const StepResult& r) {
    steps_[index].status = r.status;
    cursor_ = index + 1;
    if (r.status == StepStatus::Failed) {
      failed_ = true;
      for (size_t i = cursor_; i < steps_.size(); ++i) steps_[i].status = StepStatus::Skipped;
      cursor_ = steps_.size();
    }
  }

  uint64_t id() const { return id_; }
  bool failed() const { return failed_; }
  const std::string& repo() const { return repo_; }

 private:
  void appendLog(const std::string& line) {
    log_ += line;
    log_ += '\n';
    if (log_.size() > 4096) log_.erase(0, log_.size() - 2048);  // keep the tail for the UI
  }

  uint64_t id_;
  std::string repo_;
  Executor executor_;
  std::vector<Step> steps_;
  size_t cursor_ = 0;
  bool failed_ = false;
  std::string log_;
};

StepCallback makeStepCallback(std::weak_ptr<Job> job, size_t index) {
  return [job = std::move(job), index](const StepResult& r) {
    if (auto j = job.lock()) j->stepDone(index, r);
  };
}

class Runner {
 public:
  void submit(std::shared_ptr<Job> job) {
    job->prepare();
    queue_.push_back(std::move(job));
  }

  void pump(size_t max_steps) {
    for (size_t n = 0; n < max_steps && !queue_.empty(); ++n) {
      std::shared_ptr<Job> job = queue_.front();
      queue_.pop_front();
      if (job->advance()) {
        queue_.push_back(std::move(job));  // round-robin between jobs
        continue;
      }
      job->failed() ? ++failed_ : ++passed_;
    }
  }

  size_t queued() const { return queue_.size(); }
  uint64_t passed() const { return passed_; }
  uint64_t failed() const { return failed_; }

 private:
  std::deque<std::shared_ptr<Job>> queue_;
  uint64_t passed_ = 0;
  uint64_t failed_ = 0;
};

}  // namespace ci

int main() {
  ci::Runner runner;
  const std::vector<std::string> pipeline = {"checkout --depth=1", "cmake -B build", "cmake --build build -j8",
                                             "ctest --test-dir build", "upload artifacts.tar.gz"};
  for (uint64_t id = 1; id <= 3000; ++id) {
    std::vector<std::string> cmds = pipeline;
    cmds[3] += " -R shard" + std::to_string(id % 17);
    runner.submit(std::make_shared<ci::Job>(id, "org/service-" + std::to_string(id % 40), cmds));
    runner.pump(8);
  }
  while (runner.queued() > 0) runner.pump(64);
  std::printf("passed=%llu failed=%llu queued=%zu\n", (unsigned long long)runner.passed(),
              (unsigned long long)runner.failed(), runner.queued());
  return 0;
}
