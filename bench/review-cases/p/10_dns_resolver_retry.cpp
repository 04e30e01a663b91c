// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: Each Query still stores its retry callback in its own member Timer, but the lambda captures weak_from_this() and locks it when fired, so erasing a finished query from the in-flight table destroys it together with its timer.
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace net {

using Millis = uint64_t;

class EventLoop {
 public:
  using Task = std::function<void()>;

  // The loop only observes timers; a Timer going away cancels it.
  void schedule(Millis delay, std::weak_ptr<Task> task) { timers_.emplace(now_ + delay, std::move(task)); }

  void advance(Millis step) {
    now_ += step;
    while (!timers_.empty() && timers_.begin()->first <= now_) {
      std::weak_ptr<Task> weak = std::move(timers_.begin()->second);
      timers_.erase(timers_.begin());
      if (auto task = weak.lock()) (*task)();
    }
  }
  Millis now() const { return now_; }

 private:
  Millis now_ = 0;
  std::multimap<Millis, std::weak_ptr<Task>> timers_;
};

class Timer {
 public:
  explicit Timer(EventLoop& loop) : loop_(loop) {}
  void start(Millis delay, EventLoop::Task cb) {
    slot_ = std::make_shared<EventLoop::Task>(std::move(cb));
    loop_.schedule(delay, slot_);
  }

 private:
  EventLoop& loop_;
  std::shared_ptr<EventLoop::Task> slot_;
};

enum class Rcode { NoError = 0, ServFail = 2, NxDomain = 3 };

struct Answer {
  Rcode rcode = Rcode::ServFail;
  std::vector<std::string> addrs;
};

// Simulated UDP upstream: drops some datagrams, answers the rest after a delay.
class Upstream {
 public:
  struct Datagram { uint16_t id; Millis due; Answer answer; };

  void send(uint16_t id, const std::string& name, Millis now) {
    size_t h = std::hash<std::string>()(name) ^ (size_t(id) * 2654435761u) ^ ++sent_;
    if (h % 3 == 0) return;  // lost
    Answer a;
    a.rcode = (h % 11 == 0) ? Rcode::NxDomain : Rcode::NoError;
    if (a.rcode == Rcode::NoError) a.addrs.push_back("10.0." + std::to_string(h % 256) + ".7");
    inbox_.push_back({id, now + 5 + h % 40, std::move(a)});
  }

  template <typename Fn>
  void deliver(Millis now, Fn&& fn) {
    while (!inbox_.empty() && inbox_.front().due <= now) {
      Datagram d = std::move(inbox_.front());
      inbox_.pop_front();
      fn(d.id, d.answer);
    }
  }

 private:
  std::deque<Datagram> inbox_;
  uint64_t sent_ = 0;
};

class Query : public std::enable_shared_from_this<Query> {
 public:
  using Callback = std::function<void(const std::string&, const Answer&)>;

  Query(EventLoop& loop, Upstream& upstream, uint16_t id, std::string name, Callback cb)
      : loop_(loop), upstream_(upstream), id_(id), name_(std::move(name)), cb_(std::move(cb)), retry_(loop) {}

  void start() { transmit(); }
  bool done() const { return done_; }

  void onResponse(const Answer& answer) {
    if (!done_) finish(answer);
  }

 private:
  static constexpr int kMaxAttempts = 4;
  static Millis backoff(int attempt) { return Millis(50) << (attempt - 1); }

  void transmit() {
    ++attempts_;
    upstream_.send(id_, name_, loop_.now());
    std::weak_ptr<Query> weak = weak_from_this();
    retry_.start(backoff(attempts_), [weak] {
      if (auto self = weak.lock()) self->onTimeout();
    });
  }

  void onTimeout() {
    if (done_) return;
    if (attempts_ >= kMaxAttempts) {
      finish(Answer{Rcode::ServFail, {}});
      return;
    }
    transmit();
  }

  void finish(const Answer& answer) {
    done_ = true;
    if (cb_) cb_(name_, answer);
  }

  EventLoop& loop_;
  Upstream& upstream_;
  uint16_t id_;
  std::string name_;
  Callback cb_;
  int attempts_ = 0;
  bool done_ = false;
  Timer retry_;
};

class Resolver {
 public:
  Resolver(EventLoop& loop, Upstream& upstream) : loop_(loop), upstream_(upstream) {}

  void resolve(const std::string& name, Query::Callback cb) {
    uint16_t id = next_id_++;
    auto q = std::make_shared<Query>(loop_, upstream_, id, name, std::move(cb));
    inflight_[id] = q;
    q->start();
  }

  void poll() {
    upstream_.deliver(loop_.now(), [this](uint16_t id, const Answer& a) {
      auto it = inflight_.find(id);
      if (it != inflight_.end()) it->second->onResponse(a);
    });
    for (auto it = inflight_.begin(); it != inflight_.end();) {
      it = it->second->done() ? inflight_.erase(it) : std::next(it);
    }
  }
  size_t inflight() const { return inflight_.size(); }

 private:
  EventLoop& loop_;
  Upstream& upstream_;
  uint16_t next_id_ = 1;
  std::unordered_map<uint16_t, std::shared_ptr<Query>> inflight_;
};

}  // namespace net

int main() {
  net::EventLoop loop;
  net::Upstream upstream;
  net::Resolver resolver(loop, upstream);
  std::map<net::Rcode, uint64_t> outcomes;

  for (int tick = 0; tick < 4000; ++tick) {
    std::string host = "api-" + std::to_string(tick % 700) + ".svc.cluster.local";
    resolver.resolve(host, [&outcomes](const std::string&, const net::Answer& a) { ++outcomes[a.rcode]; });
    loop.advance(10);
    resolver.poll();
  }
  for (int drain = 0; drain < 200; ++drain) {
    loop.advance(10);
    resolver.poll();
  }
  std::printf("ok=%llu nx=%llu servfail=%llu inflight=%zu\n", (unsigned long long)outcomes[net::Rcode::NoError],
              (unsigned long long)outcomes[net::Rcode::NxDomain], (unsigned long long)outcomes[net::Rcode::ServFail],
              resolver.inflight());
  return 0;
}
