// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: the long-lived JobScheduler owned by the CI server appends a JobRecord (with its log tail) to the history deque inside the PipelineStats value of stats_ for every job it runs and never trims it, so memory grows with every push event even though the set of pipeline keys is small.
#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ci {

enum class JobStatus { Passed, Failed, Cancelled };

struct JobSpec {
  std::string pipeline;
  std::string stage;
  std::string commitSha;
  std::vector<std::string> env;
};

struct JobRecord {
  std::uint64_t id = 0;
  std::string stage;
  std::string commitSha;
  JobStatus status = JobStatus::Passed;
  std::uint32_t durationMs = 0;
  std::vector<std::string> logTail;
};

struct PipelineStats {
  std::size_t runs = 0;
  std::size_t failures = 0;
  std::deque<JobRecord> history;  // LEAK-HERE
};

class Executor {
 public:
  virtual ~Executor() = default;
  virtual JobRecord run(const JobSpec& spec, std::uint64_t id) = 0;
};

class ContainerExecutor : public Executor {
 public:
  JobRecord run(const JobSpec& spec, std::uint64_t id) override {
    JobRecord rec;
    rec.id = id;
    rec.stage = spec.stage;
    rec.commitSha = spec.commitSha;
    rec.durationMs = static_cast<std::uint32_t>(1000 + (id * 37) % 9000);
    rec.status = (id % 13 == 0) ? JobStatus::Failed : JobStatus::Passed;
    for (int line = 0; line < 8; ++line) {
      rec.logTail.push_back("[" + spec.stage + "] step " + std::to_string(line) + " ok for " +
                            spec.commitSha);
    }
    return rec;
  }
};

template <typename Queue>
class JobScheduler {
 public:
  explicit JobScheduler(std::unique_ptr<Executor> exec) : exec_(std::move(exec)) {}

  void submit(JobSpec spec) { pending_.push_back(std::move(spec)); }

  std::size_t tick() {
    std::size_t ran = 0;
    while (!pending_.empty()) {
      JobSpec spec = std::move(pending_.front());
      pending_.pop_front();
      JobRecord rec = exec_->run(spec, nextId_++);
      recordResult(spec.pipeline, std::move(rec));
      ++ran;
    }
    return ran;
  }

  std::vector<const JobRecord*> recentFailures(const std::string& pipeline, std::size_t n) const {
    std::vector<const JobRecord*> out;
    auto it = stats_.find(pipeline);
    if (it == stats_.end()) return out;
    for (auto r = it->second.history.rbegin(); r != it->second.history.rend() && out.size() < n; ++r)
      if (r->status == JobStatus::Failed) out.push_back(&*r);
    return out;
  }

  std::size_t retainedRecords() const {
    std::size_t total = 0;
    for (const auto& kv : stats_) total += kv.second.history.size();
    return total;
  }
  std::size_t pipelineCount() const { return stats_.size(); }

 private:
  void recordResult(const std::string& pipeline, JobRecord rec) {
    PipelineStats& st = stats_[pipeline];
    ++st.runs;
    if (rec.status == JobStatus::Failed) ++st.failures;
    st.history.push_back(std::move(rec));  // LEAK-HERE
  }

  std::unique_ptr<Executor> exec_;
  Queue pending_;
  std::uint64_t nextId_ = 1;
  std::unordered_map<std::string, PipelineStats> stats_;  // LEAK-HERE
};

struct PushEvent {
  std::string repo;
  std::string sha;
};

class CiServer {
 public:
  CiServer() : scheduler_(std::make_unique<ContainerExecutor>()) {}

  void onPush(const PushEvent& ev) {
    static const char* const kStages[] = {"build", "unit-test", "lint", "package"};
    for (const char* stage : kStages) {
      JobSpec spec;
      spec.pipeline = ev.repo;
      spec.stage = stage;
      spec.commitSha = ev.sha;
      spec.env = {"CI=1", "REPO=" + ev.repo};
      scheduler_.submit(std::move(spec));
    }
  }

  std::size_t runOnce() { return scheduler_.tick(); }
  const JobScheduler<std::deque<JobSpec>>& scheduler() const { return scheduler_; }

 private:
  JobScheduler<std::deque<JobSpec>> scheduler_;
};

std::string fakeSha(int round, int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(round * 100003 + i * 7919));
  return buf;
}

}  // namespace ci

int main() {
  ci::CiServer server;
  const char* repos[] = {"payments-api", "web-frontend", "infra-terraform"};
  for (int round = 0; round < 6; ++round) {
    for (int i = 0; i < 300; ++i) {
      ci::PushEvent ev{repos[i % 3], ci::fakeSha(round, i)};
      server.onPush(ev);
    }
    std::size_t ran = server.runOnce();
    const auto& sched = server.scheduler();
    std::printf("round %d: ran=%zu pipelines=%zu retained records=%zu failures(payments)=%zu\n",
                round, ran, sched.pipelineCount(), sched.retainedRecords(),
                sched.recentFailures("payments-api", 5).size());
  }
  return 0;
}
