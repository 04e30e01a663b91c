// CATEGORY: leak-callback-cycle
// EXPECT: clean
// WHY: the RetryPolicy member's listener captures only raw `this`, and the shared_from_this() bound by std::bind goes to the gateway's external EventLoop, which runs each task once and drops it, so sessions die after finishing.
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pay {

// Stand-in for an executor: runs posted tasks once, then drops them.
class EventLoop {
 public:
  void post(std::function<void()> task) { queue_.push_back(std::move(task)); }
  std::size_t runAll() {
    std::size_t n = 0;
    while (!queue_.empty()) {
      auto task = std::move(queue_.front());
      queue_.pop_front();
      task();
      ++n;
    }
    return n;
  }

 private:
  std::deque<std::function<void()>> queue_;
};

class RetryPolicy {
 public:
  using Listener = std::function<void(int attempt)>;

  explicit RetryPolicy(int max_attempts) : max_attempts_(max_attempts) {}
  void onAttempt(Listener l) { listeners_.push_back(std::move(l)); }
  bool next() {
    if (attempt_ >= max_attempts_) return false;
    ++attempt_;
    for (auto& l : listeners_) l(attempt_);
    return true;
  }

 private:
  int max_attempts_;
  int attempt_ = 0;
  std::vector<Listener> listeners_;
};

struct ChargeRequest {
  std::string merchant;
  std::string card_token;
  long amount_cents;
};

enum class Outcome { Pending, Approved, Declined };

class PaymentSession : public std::enable_shared_from_this<PaymentSession> {
 public:
  static int live;

  PaymentSession(EventLoop& loop, ChargeRequest req) : loop_(loop), req_(std::move(req)), retry_(3) { ++live; }
  ~PaymentSession() { --live; }

  void begin(std::function<void(Outcome)> done) {
    done_ = std::move(done);
    retry_.onAttempt([this](int attempt) { scheduleAttempt(attempt); });
    retry_.next();
  }

 private:
  // Keep the session alive until the acquirer round-trip completes on the loop.
  void scheduleAttempt(int attempt) {
    loop_.post(std::bind(&PaymentSession::handleAttempt, shared_from_this(), attempt));
  }

  void handleAttempt(int attempt) {
    // Acquirer says "try again" for the first attempt on odd amounts.
    const bool transient = (req_.amount_cents % 2 == 1) && attempt == 1;
    if (transient) {
      retry_.next();
      return;
    }
    finish(req_.amount_cents < 500000 ? Outcome::Approved : Outcome::Declined);
  }

  void finish(Outcome o) {
    outcome_ = o;
    if (done_) done_(o);
    done_ = nullptr;
  }

  EventLoop& loop_;
  ChargeRequest req_;
  RetryPolicy retry_;
  Outcome outcome_ = Outcome::Pending;
  std::function<void(Outcome)> done_;
};

int PaymentSession::live = 0;

class Gateway {
 public:
  void charge(ChargeRequest req) {
    const long id = next_id_++;
    auto session = std::make_shared<PaymentSession>(loop_, std::move(req));
    active_.emplace(id, session);
    session->begin([this, id](Outcome o) {
      if (o == Outcome::Approved) ++approved_;
      active_.erase(id);
    });
  }
  void drain() { loop_.runAll(); }
  std::size_t active() const { return active_.size(); }
  long approved() const { return approved_; }

 private:
  EventLoop loop_;
  std::map<long, std::shared_ptr<PaymentSession>> active_;
  long next_id_ = 1;
  long approved_ = 0;
};

}  // namespace pay

int main() {
  pay::Gateway gateway;
  for (int round = 1; round <= 5; ++round) {
    for (int i = 0; i < 300; ++i) gateway.charge({"m-" + std::to_string(i % 17), "tok_" + std::to_string(i), 1000 + i});
    gateway.drain();
    std::printf("round %d: active=%zu live sessions=%d approved=%ld\n", round, gateway.active(),
                pay::PaymentSession::live, gateway.approved());
    std::fflush(stdout);
  }
  return 0;
}
