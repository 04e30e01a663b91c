// CATEGORY: leak-callback-cycle
// EXPECT: leak
// WHY: Each Upstream owns a RepeatingTimer by value whose type-erased Task holds std::bind(&Upstream::probe, self) with self = shared_from_this(), so the Upstream keeps itself alive through its own timer; the cancel() in the destructor can never run, and every config reload strands the old upstreams.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace proxy {

template <typename T>
struct LiveCount {
  static inline int live = 0;
  LiveCount() { ++live; }
  LiveCount(const LiveCount&) { ++live; }
  ~LiveCount() { --live; }
};

// Move-only type-erased nullary callable.
class Task {
  struct Concept {
    virtual ~Concept() = default;
    virtual void call() = 0;
  };
  template <typename F>
  struct Model final : Concept {
    explicit Model(F fn) : f(std::move(fn)) {}
    void call() override { f(); }
    F f;
  };

 public:
  Task() = default;
  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Task>>>
  Task(F f) : impl_(std::make_unique<Model<F>>(std::move(f))) {}
  void operator()() { impl_->call(); }
  explicit operator bool() const { return static_cast<bool>(impl_); }

 private:
  std::unique_ptr<Concept> impl_;
};

class RepeatingTimer {
 public:
  void every(int64_t periodMs, int64_t nowMs, Task t) {
    periodMs_ = periodMs;
    nextMs_ = nowMs + periodMs;
    task_ = std::move(t);  // LEAK-HERE
  }
  void poll(int64_t nowMs) {
    if (!task_ || nowMs < nextMs_) return;
    nextMs_ = nowMs + periodMs_;
    task_();
  }
  void cancel() { task_ = Task(); }

 private:
  int64_t periodMs_ = 0;
  int64_t nextMs_ = 0;
  Task task_;  // LEAK-HERE
};

struct UpstreamConfig {
  std::string host;
  int port = 80;
  int64_t probeIntervalMs = 500;
  int unhealthyAfter = 3;
};

class Upstream : public std::enable_shared_from_this<Upstream>, private LiveCount<Upstream> {
 public:
  explicit Upstream(UpstreamConfig cfg) : cfg_(std::move(cfg)) {
    address_ = cfg_.host + ":" + std::to_string(cfg_.port);
  }
  ~Upstream() { timer_.cancel(); }

  void startProbing(int64_t nowMs) {
    auto self = shared_from_this();
    timer_.every(cfg_.probeIntervalMs, nowMs, std::bind(&Upstream::probe, self));  // LEAK-HERE
  }

  void tick(int64_t nowMs) { timer_.poll(nowMs); }
  bool healthy() const { return failures_ < cfg_.unhealthyAfter; }
  const std::string& address() const { return address_; }
  void recordResponse(int status) { failures_ = status >= 500 ? failures_ + 1 : 0; }

 private:
  void probe() {
    // Simulated GET /healthz; a few probes come back 503.
    ++probes_;
    int status = (std::hash<std::string>{}(address_) + probes_) % 7 == 0 ? 503 : 200;
    recordResponse(status);
  }

  UpstreamConfig cfg_;
  std::string address_;
  RepeatingTimer timer_;  // LEAK-HERE
  int failures_ = 0;
  uint64_t probes_ = 0;
};

std::shared_ptr<Upstream> makeUpstream(const UpstreamConfig& cfg, int64_t nowMs) {
  auto up = std::make_shared<Upstream>(cfg);
  up->startProbing(nowMs);
  return up;
}

class UpstreamPool {
 public:
  void reload(const std::vector<UpstreamConfig>& configs, int64_t nowMs) {
    std::vector<std::shared_ptr<Upstream>> next;
    next.reserve(configs.size());
    for (const auto& c : configs) next.push_back(makeUpstream(c, nowMs));
    upstreams_.swap(next);
  }

  void tick(int64_t nowMs) {
    for (auto& u : upstreams_) u->tick(nowMs);
  }

  std::shared_ptr<Upstream> pick() {
    for (size_t i = 0; i < upstreams_.size(); ++i) {
      auto& u = upstreams_[rr_++ % upstreams_.size()];
      if (u->healthy()) return u;
    }
    return nullptr;
  }

  size_t size() const { return upstreams_.size(); }

 private:
  std::vector<std::shared_ptr<Upstream>> upstreams_;
  size_t rr_ = 0;
};

std::vector<UpstreamConfig> loadConfig(int generation) {
  std::vector<UpstreamConfig> out;
  for (int i = 0; i < 4; ++i)
    out.push_back(UpstreamConfig{"backend-" + std::to_string(i) + ".svc", 8080 + generation, 250, 3});
  return out;
}

}  // namespace proxy

int main() {
  proxy::UpstreamPool pool;
  int64_t now = 0;
  uint64_t served = 0;
  for (int generation = 0; generation < 6; ++generation) {
    pool.reload(proxy::loadConfig(generation), now);
    for (int step = 0; step < 40; ++step, now += 50) {
      pool.tick(now);
      if (auto up = pool.pick()) ++served;
    }
    std::printf("generation %d: pool=%zu live_upstreams=%d served=%llu\n", generation, pool.size(),
                proxy::LiveCount<proxy::Upstream>::live, static_cast<unsigned long long>(served));
    std::fflush(stdout);
  }
  return 0;
}
