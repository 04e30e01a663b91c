// CATEGORY: leak-shared-ptr-cycle
// EXPECT: leak
// WHY: Exporter holds its Transport by value, whose retry_ shared_ptr owns a RetryPolicy that was given a shared_ptr<Exporter> owner_ back pointer, so each reloaded exporter keeps itself alive through the cycle.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace telemetry {

struct Point {
  std::string name;
  double value;
};

struct Batch {
  std::vector<Point> points;
};

struct ExporterConfig {
  std::string endpoint;
  int max_attempts = 3;
  std::chrono::milliseconds base_backoff{50};
};

class Exporter;

class RetryPolicy {
 public:
  RetryPolicy(int max_attempts, std::chrono::milliseconds base)
      : max_attempts_(max_attempts), base_(base) {}

  void bind_owner(std::shared_ptr<Exporter> owner) { owner_ = std::move(owner); }  // LEAK-HERE

  bool should_retry(int attempt, int status) const {
    return attempt < max_attempts_ && (status == 429 || status >= 500);
  }
  std::chrono::milliseconds backoff(int attempt) const { return base_ * (1 << attempt); }
  void give_up(const Batch& b);

 private:
  int max_attempts_;
  std::chrono::milliseconds base_;
  std::shared_ptr<Exporter> owner_;  // LEAK-HERE
};

// The wire half of the exporter; held by value inside Exporter.
struct Transport {
  std::string endpoint;
  std::shared_ptr<RetryPolicy> retry;  // LEAK-HERE
  int calls = 0;
  int post(const Batch& b) {
    ++calls;
    if (b.points.empty()) return 204;
    return calls % 3 == 0 ? 200 : 503;
  }
};

class Exporter {
 public:
  explicit Exporter(const ExporterConfig& cfg) { transport_.endpoint = cfg.endpoint; ++live_; }
  ~Exporter() { --live_; }

  static std::shared_ptr<Exporter> create(const ExporterConfig& cfg);

  void export_batch(const Batch& b) {
    auto& policy = *transport_.retry;
    for (int attempt = 0;; ++attempt) {
      int status = transport_.post(b);
      if (status < 300) {
        exported_ += b.points.size();
        return;
      }
      if (!policy.should_retry(attempt, status)) {
        policy.give_up(b);
        return;
      }
      waited_ += policy.backoff(attempt);
    }
  }

  void record_drop(const Batch& b) { dropped_ += b.points.size(); }
  size_t exported() const { return exported_; }
  size_t dropped() const { return dropped_; }
  static int live() { return live_; }

 private:
  friend std::shared_ptr<Exporter> make_with_policy(const ExporterConfig&);
  Transport transport_;
  size_t exported_ = 0;
  size_t dropped_ = 0;
  std::chrono::milliseconds waited_{0};
  static int live_;
};
int Exporter::live_ = 0;

void RetryPolicy::give_up(const Batch& b) {
  if (owner_) owner_->record_drop(b);
}

std::shared_ptr<RetryPolicy> make_policy(const ExporterConfig& cfg) {
  return std::make_shared<RetryPolicy>(cfg.max_attempts, cfg.base_backoff);
}

std::shared_ptr<Exporter> make_with_policy(const ExporterConfig& cfg) {
  auto exporter = std::make_shared<Exporter>(cfg);
  auto policy = make_policy(cfg);
  policy->bind_owner(exporter);  // LEAK-HERE
  exporter->transport_.retry = std::move(policy);  // LEAK-HERE
  return exporter;
}

std::shared_ptr<Exporter> Exporter::create(const ExporterConfig& cfg) { return make_with_policy(cfg); }

class Agent {
 public:
  void reload(const ExporterConfig& cfg) { exporter_ = Exporter::create(cfg); }
  void flush(Batch b) { exporter_->export_batch(b); }
  const Exporter& exporter() const { return *exporter_; }

 private:
  std::shared_ptr<Exporter> exporter_;
};

}  // namespace telemetry

int main() {
  telemetry::Agent agent;
  for (int gen = 0; gen < 5; ++gen) {
    telemetry::ExporterConfig cfg;
    cfg.endpoint = "https://collector:4318/v1/metrics?gen=" + std::to_string(gen);
    cfg.max_attempts = 1 + gen % 3;
    agent.reload(cfg);
    telemetry::Batch b;
    for (int i = 0; i < 10; ++i) b.points.push_back({"cpu.util", 0.1 * i});
    agent.flush(b);
    agent.flush(b);
    std::printf("gen %d: exported=%zu dropped=%zu live exporters=%d\n", gen,
                agent.exporter().exported(), agent.exporter().dropped(),
                telemetry::Exporter::live());
    std::fflush(stdout);
  }
  return 0;
}
