// CATEGORY: leak-static-instance-cache
// EXPECT: clean
// WHY: Each StepRunner's sink in the LogBus::instance() singleton captures shared_from_this(), but complete() creates a LogCaptureGuard before branching, so the subscription is erased on both the failed and passed paths and the runner is freed when run_pipeline drops it.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ci {

class LogBus {
 public:
  using Sink = std::function<void(const std::string& line)>;

  static LogBus& instance() {
    static LogBus bus;
    return bus;
  }

  std::uint64_t subscribe(std::string stream, Sink sink) {
    std::uint64_t id = ++next_id_;
    subs_.emplace(id, Subscription{std::move(stream), std::move(sink)});
    return id;
  }

  void unsubscribe(std::uint64_t id) { subs_.erase(id); }

  void publish(const std::string& stream, const std::string& line) {
    for (auto& kv : subs_)
      if (kv.second.stream == stream) kv.second.sink(line);
  }

  std::size_t subscribers() const { return subs_.size(); }

 private:
  struct Subscription {
    std::string stream;
    Sink sink;
  };
  LogBus() = default;
  std::uint64_t next_id_ = 0;
  std::map<std::uint64_t, Subscription> subs_;
};

enum class StepStatus { Pending, Passed, Failed };

struct StepSpec {
  std::string pipeline;
  std::string name;
  int build_number = 0;
  std::vector<std::string> commands;
};

class StepRunner : public std::enable_shared_from_this<StepRunner> {
 public:
  explicit StepRunner(StepSpec spec) : spec_(std::move(spec)) { ++live_; }
  ~StepRunner() { --live_; }

  std::string log_stream() const {
    return spec_.pipeline + "#" + std::to_string(spec_.build_number) + "/" + spec_.name;
  }

  void begin();
  StepStatus complete(int exit_code);
  void capture(const std::string& line) { log_.push_back(line); }

  static int live() { return live_; }

 private:
  void upload_artifacts() { uploaded_bytes_ += log_.size() * 64; }
  void report_failure() { log_.push_back("step " + spec_.name + " failed"); }

  StepSpec spec_;
  std::uint64_t log_sub_ = 0;
  StepStatus status_ = StepStatus::Pending;
  std::vector<std::string> log_;
  std::size_t uploaded_bytes_ = 0;
  static int live_;
};
int StepRunner::live_ = 0;

namespace {

LogBus::Sink make_sink(std::shared_ptr<StepRunner> runner) {
  return [runner](const std::string& line) { runner->capture(line); };
}

std::uint64_t attach_log_capture(LogBus& bus, const std::shared_ptr<StepRunner>& runner) {
  std::string stream = runner->log_stream();
  return bus.subscribe(std::move(stream), make_sink(runner));
}

struct LogCaptureGuard {
  LogBus& bus;
  std::uint64_t id;
  ~LogCaptureGuard() { bus.unsubscribe(id); }
};

}  // namespace

void StepRunner::begin() {
  log_sub_ = attach_log_capture(LogBus::instance(), shared_from_this());
}

StepStatus StepRunner::complete(int exit_code) {
  LogCaptureGuard capture_done{LogBus::instance(), log_sub_};
  if (exit_code != 0) {
    status_ = StepStatus::Failed;
    report_failure();
    return status_;
  }
  upload_artifacts();
  status_ = StepStatus::Passed;
  return status_;
}

// Stand-in for a container executor: emits output on the bus, returns an exit code.
int execute(const StepSpec& spec, const std::string& stream) {
  int code = 0;
  for (const auto& cmd : spec.commands) {
    LogBus::instance().publish(stream, "$ " + cmd);
    if (cmd.find("flaky") != std::string::npos && spec.build_number % 4 == 0) code = 1;
  }
  return code;
}

int run_pipeline(const std::string& pipeline, int build_number) {
  const std::vector<StepSpec> steps = {
      {pipeline, "lint", build_number, {"make lint"}},
      {pipeline, "test", build_number, {"make test", "./run-flaky-suite.sh"}},
      {pipeline, "package", build_number, {"make dist"}},
  };
  int failed = 0;
  for (const auto& spec : steps) {
    auto runner = std::make_shared<StepRunner>(spec);
    runner->begin();
    int code = execute(spec, runner->log_stream());
    if (runner->complete(code) == StepStatus::Failed) {
      ++failed;
      break;
    }
  }
  return failed;
}

}  // namespace ci

int main() {
  int failed_builds = 0;
  for (int build = 1; build <= 400; ++build) {
    failed_builds += ci::run_pipeline(build % 2 ? "api-server" : "web-frontend", build);
    if (build % 100 == 0)
      std::printf("builds=%d failed=%d live_runners=%d bus_subscribers=%zu\n", build, failed_builds,
                  ci::StepRunner::live(), ci::LogBus::instance().subscribers());
  }
  return 0;
}
