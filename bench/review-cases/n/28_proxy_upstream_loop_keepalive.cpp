// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: The probe Task capturing shared_from_this() is handed to the external EventLoop owned by main, which runs it once and drops it; probes re-arm only while the upstream is not retired, and reload() retires the old upstreams, so each one is freed after its last pending probe runs.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
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

// Single-threaded deadline queue; each posted task runs exactly once.
class EventLoop {
 public:
  void postAt(int64_t deadlineMs, Task t) { queue_.emplace(deadlineMs, std::move(t)); }
  int64_t now() const { return nowMs_; }

  void runUntil(int64_t limitMs) {
    while (!queue_.empty() && queue_.begin()->first <= limitMs) {
      auto node = queue_.extract(queue_.begin());
      nowMs_ = node.key();
      node.mapped()();
    }
    nowMs_ = limitMs;
  }

  size_t pending() const { return queue_.size(); }

 private:
  std::multimap<int64_t, Task> queue_;
  int64_t nowMs_ = 0;
};

struct UpstreamConfig {
  std::string host;
  int port = 80;
  int64_t probeIntervalMs = 500;
  int unhealthyAfter = 3;
};

class Upstream : public std::enable_shared_from_this<Upstream>, private LiveCount<Upstream> {
 public:
  Upstream(EventLoop& loop, UpstreamConfig cfg) : loop_(loop), cfg_(std::move(cfg)) {
    address_ = cfg_.host + ":" + std::to_string(cfg_.port);
  }

  void startProbing() { scheduleProbe(); }
  void retire() { retired_ = true; }

  bool healthy() const { return !retired_ && failures_ < cfg_.unhealthyAfter; }
  const std::string& address() const { return address_; }
  void recordResponse(int status) { failures_ = status >= 500 ? failures_ + 1 : 0; }

 private:
  void scheduleProbe() {
    auto self = shared_from_this();
    loop_.postAt(loop_.now() + cfg_.probeIntervalMs, std::bind(&Upstream::onProbeTimer, self));
  }

  void onProbeTimer() {
    if (retired_) return;
    ++probes_;
    int status = (std::hash<std::string>{}(address_) + probes_) % 7 == 0 ? 503 : 200;
    recordResponse(status);
    scheduleProbe();
  }

  EventLoop& loop_;
  UpstreamConfig cfg_;
  std::string address_;
  bool retired_ = false;
  int failures_ = 0;
  uint64_t probes_ = 0;
};

std::shared_ptr<Upstream> makeUpstream(EventLoop& loop, const UpstreamConfig& cfg) {
  auto up = std::make_shared<Upstream>(loop, cfg);
  up->startProbing();
  return up;
}

class UpstreamPool {
 public:
  explicit UpstreamPool(EventLoop& loop) : loop_(loop) {}

  void reload(const std::vector<UpstreamConfig>& configs) {
    std::vector<std::shared_ptr<Upstream>> next;
    next.reserve(configs.size());
    for (const auto& c : configs) next.push_back(makeUpstream(loop_, c));
    upstreams_.swap(next);
    for (auto& old : next) old->retire();
  }

  void shutdown() {
    for (auto& u : upstreams_) u->retire();
    upstreams_.clear();
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
  EventLoop& loop_;
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
  proxy::EventLoop loop;
  proxy::UpstreamPool pool(loop);
  uint64_t served = 0;
  for (int generation = 0; generation < 6; ++generation) {
    pool.reload(proxy::loadConfig(generation));
    for (int step = 0; step < 40; ++step) {
      loop.runUntil(loop.now() + 50);
      if (auto up = pool.pick()) ++served;
    }
    std::printf("generation %d: pool=%zu live_upstreams=%d pending=%zu served=%llu\n", generation,
                pool.size(), proxy::LiveCount<proxy::Upstream>::live, loop.pending(),
                static_cast<unsigned long long>(served));
  }
  pool.shutdown();
  loop.runUntil(loop.now() + 1000);
  std::printf("after shutdown: live_upstreams=%d pending=%zu\n", proxy::LiveCount<proxy::Upstream>::live,
              loop.pending());
  return 0;
}
