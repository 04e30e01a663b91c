#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace shop {

// A minimal event loop: tasks run once and are dropped.
class EventLoop {
public:
  void post(std::function<void()> Task) { Tasks.push_back(std::move(Task)); }
  void runAll() {
    while (!Tasks.empty()) {
      auto Task = std::move(Tasks.back());
      Tasks.pop_back();
      Task();
    }
  }

private:
  std::vector<std::function<void()>> Tasks;
};

// Bug: the payment keeps its retry callback, and the callback keeps the
// payment. Neither is ever destroyed.
class Payment : public std::enable_shared_from_this<Payment> {
public:
  explicit Payment(EventLoop &Loop) : Loop(Loop) {}

  void start() {
    OnRetry = [self = shared_from_this()] { self->charge(); };
    // Fine: the loop drops the task once it has run (keep-alive idiom).
    Loop.post([self = shared_from_this()] { self->charge(); });
  }

private:
  void charge() { ++Attempts; }
  EventLoop &Loop;
  std::function<void()> OnRetry;
  int Attempts = 0;
};

void checkout(EventLoop &Loop) { std::make_shared<Payment>(Loop)->start(); }

} // namespace shop
