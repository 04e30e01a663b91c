// CATEGORY: leak-unbounded-container
// EXPECT: leak
// WHY: The program-lifetime RpcClient inserts a PendingCall per call into pending_, but only on_reply() erases it, and fire-and-forget methods and the send-failure path never produce a reply, so pending_ grows forever.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>

namespace rpc {

struct Reply {
  uint64_t call_id = 0;
  int status = 0;
  std::string body;
};

using ReplyCallback = std::function<void(const Reply&)>;

struct Outgoing {
  uint64_t call_id;
  std::string method;
  std::string body;
};

// Stand-in for a socket: queues requests, "server" answers later in poll().
class Transport {
 public:
  bool send(Outgoing msg) {
    ++sent_;
    if (sent_ % 7 == 0) return false;  // simulated EAGAIN / broken pipe
    outbox_.push_back(std::move(msg));
    return true;
  }
  std::deque<Outgoing> drain() { return std::exchange(outbox_, {}); }

 private:
  std::deque<Outgoing> outbox_;
  uint64_t sent_ = 0;
};

struct PendingCall {
  std::string method;
  std::string request_copy;  // kept for retransmit
  std::chrono::steady_clock::time_point sent_at;
  ReplyCallback done;
};

class RpcClient {
 public:
  explicit RpcClient(Transport& t) : transport_(t) {}

  uint64_t call(const std::string& method, std::string body, ReplyCallback cb) {
    uint64_t id = next_id_++;
    PendingCall pc{method, body, std::chrono::steady_clock::now(), std::move(cb)};
    auto& slot = pending_[id];  // LEAK-HERE
    slot = std::move(pc);
    if (!transport_.send(Outgoing{id, method, std::move(body)})) {
      Reply err{id, -1, "send failed"};
      if (slot.done) slot.done(err);
    }
    return id;
  }

  void on_reply(const Reply& r) {
    auto it = pending_.find(r.call_id);
    if (it == pending_.end()) return;
    ReplyCallback cb = std::move(it->second.done);
    pending_.erase(it);
    if (cb) cb(r);
  }

  size_t in_flight() const { return pending_.size(); }

 private:
  Transport& transport_;
  uint64_t next_id_ = 1;
  std::unordered_map<uint64_t, PendingCall> pending_;  // LEAK-HERE
};

// Fake peer: notifications and publishes are one-way, so it never answers them.
class FakeServer {
 public:
  explicit FakeServer(Transport& t) : transport_(t) {}
  template <typename Sink>
  void pump(Sink&& deliver) {
    for (auto& msg : transport_.drain()) {
      if (is_one_way(msg.method)) continue;
      deliver(Reply{msg.call_id, 200, "ok:" + msg.body});
    }
  }

 private:
  static bool is_one_way(const std::string& m) {
    return m == "notify" || m.rfind("publish.", 0) == 0;
  }
  Transport& transport_;
};

class Gateway {
 public:
  Gateway() : client_(transport_), server_(transport_) {}

  void handle_request(int n) {
    std::string user = "user" + std::to_string(n % 50);
    client_.call("auth.check", user, [this](const Reply& r) { count(r); });
    client_.call("notify", "login " + user, nullptr);
    client_.call("publish.audit", "{\"u\":\"" + user + "\"}", [this](const Reply& r) { count(r); });
  }

  void tick() {
    server_.pump([this](const Reply& r) { client_.on_reply(r); });
  }

  size_t in_flight() const { return client_.in_flight(); }
  size_t ok() const { return ok_; }

 private:
  void count(const Reply& r) {
    if (r.status == 200) ++ok_;
  }
  Transport transport_;
  RpcClient client_;
  FakeServer server_;
  size_t ok_ = 0;
};

}  // namespace rpc

int main() {
  rpc::Gateway gw;  // lives for the whole program
  int req = 0;
  for (int round = 0; round < 6; ++round) {
    for (int i = 0; i < 200; ++i) gw.handle_request(req++);
    gw.tick();
    std::printf("round %d: ok=%zu in_flight=%zu\n", round, gw.ok(), gw.in_flight());
  }
  return 0;
}
