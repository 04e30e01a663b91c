// CATEGORY: leak-unbounded-container
// EXPECT: clean
// WHY: Entries in the program-lifetime RpcServer's pending_ map whose completion never arrives are still removed, because main's loop calls sweep_expired() every tick and it erases everything past its deadline.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace rpc {

using Tick = uint64_t;

struct Response {
  int code = 0;
  std::string body;
};

using Completion = std::function<void(const Response&)>;

struct PendingRequest {
  std::string method;
  std::string client;
  Tick deadline = 0;
  Completion reply;
};

// Backend workers finish some jobs and silently lose others (crash, OOM kill).
class WorkerPool {
 public:
  void submit(uint64_t id, const std::string& method) {
    if (method == "render" && id % 3 == 0) return;  // lost
    done_.push_back(id);
  }
  std::vector<uint64_t> take_finished() { return std::exchange(done_, {}); }

 private:
  std::vector<uint64_t> done_;
};

class RpcServer {
 public:
  explicit RpcServer(Tick timeout) : timeout_(timeout) {}

  void handle(const std::string& client, const std::string& method, Tick now, Completion reply) {
    uint64_t id = next_id_++;
    pending_.emplace(id, PendingRequest{method, client, now + timeout_, std::move(reply)});
    deadlines_.emplace(now + timeout_, id);
    workers_.submit(id, method);
  }

  void drain_completions() {
    for (uint64_t id : workers_.take_finished()) complete(id, Response{200, "done"});
  }

  // Called from the main loop on every tick.
  size_t sweep_expired(Tick now) {
    size_t expired = 0;
    auto end = deadlines_.upper_bound(now);
    for (auto it = deadlines_.begin(); it != end; ++it) {
      if (complete(it->second, Response{504, "deadline exceeded"})) ++expired;
    }
    deadlines_.erase(deadlines_.begin(), end);
    return expired;
  }

  size_t pending() const { return pending_.size(); }
  size_t deadline_entries() const { return deadlines_.size(); }

 private:
  bool complete(uint64_t id, const Response& r) {
    auto it = pending_.find(id);
    if (it == pending_.end()) return false;
    Completion cb = std::move(it->second.reply);
    pending_.erase(it);
    if (cb) cb(r);
    return true;
  }

  Tick timeout_;
  uint64_t next_id_ = 1;
  WorkerPool workers_;
  std::unordered_map<uint64_t, PendingRequest> pending_;
  std::multimap<Tick, uint64_t> deadlines_;
};

struct Stats {
  size_t ok = 0;
  size_t timeouts = 0;
  void record(const Response& r) { (r.code == 200 ? ok : timeouts) += 1; }
};

class MainLoop {
 public:
  MainLoop(RpcServer& server, Stats& stats) : server_(server), stats_(stats) {}

  void run_tick(bool accept_traffic) {
    ++now_;
    if (accept_traffic) {
      for (int i = 0; i < 30; ++i) {
        const char* method = (i % 2) ? "render" : "lookup";
        server_.handle("c" + std::to_string(i % 7), method, now_,
                       [this](const Response& r) { stats_.record(r); });
      }
    }
    server_.drain_completions();
    server_.sweep_expired(now_);
  }
  Tick now() const { return now_; }

 private:
  RpcServer& server_;
  Stats& stats_;
  Tick now_ = 0;
};

}  // namespace rpc

int main() {
  rpc::Stats stats;
  rpc::RpcServer server(/*timeout=*/5);  // lives for the whole program
  rpc::MainLoop loop(server, stats);
  for (int t = 0; t < 40; ++t) {
    loop.run_tick(true);
    if (t % 8 == 7)
      std::printf("tick %llu: ok=%zu timeouts=%zu pending=%zu\n",
                  static_cast<unsigned long long>(loop.now()), stats.ok, stats.timeouts,
                  server.pending());
  }
  for (int t = 0; t < 10; ++t) loop.run_tick(false);  // drain
  std::printf("after drain: pending=%zu deadlines=%zu (baseline 0)\n", server.pending(),
              server.deadline_entries());
  return 0;
}
