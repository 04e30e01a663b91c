// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// Signals and event lists that a class fills through its own operators
// (`clicked += handler`, `bus << handler`, `slot(handler)` as `operator()`)
// store their operand like a named method: the summary of the operator says
// which field the callable goes to. Clean twins: a weak capture, a signal the
// object does not own, and an operator that does not keep its operand.

#include <functional>
#include <memory>
#include <utility>
#include <vector>

struct Signal {
  std::vector<std::function<void()>> Slots;
  Signal &operator+=(std::function<void()> F) {
    Slots.push_back(std::move(F));
    return *this;
  }
  Signal &operator<<(std::function<void()> F) { return *this += std::move(F); }
  // Runs the callable now: nothing is kept.
  void operator()(const std::function<void()> &F) const { F(); }
};

// A button that wires its own click to itself through `+=`.
namespace p1 {
class Button : public std::enable_shared_from_this<Button> {
public:
  void wire() {
    auto Self = shared_from_this();
    Clicked += [Self] { Self->press(); };
// CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'Signal::Slots' of 'Clicked' stores a callback holding 'Self', a shared_ptr to the 'Button' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
// CHECK-MESSAGES: :[[@LINE-2]]:17: note: the callback captures 'Self' here; capture 'weak_Self = std::weak_ptr(Self)' and lock it instead
  }
  void press() {}

private:
  Signal Clicked;
// CHECK-MESSAGES: :[[@LINE-1]]:10: note: the 'Button' owns the callback through 'Clicked'
};
// CHECK-MESSAGES: :[[@LINE-24]]:21: note: 'Signal::operator+=' stores its argument in 'Slots' here
} // namespace p1

// The same through an operator that forwards to another (`<<` to `+=`),
// and a method that hands its argument on to the operator.
namespace p2 {
class Session : public std::enable_shared_from_this<Session> {
public:
  void onClose(std::function<void()> F) { Closed << std::move(F); }
  void start() {
    onClose([self = shared_from_this()] { self->cleanup(); });
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Signal::Slots' of 'Closed' stores a callback holding 'self', a shared_ptr to the 'Session' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
// CHECK-MESSAGES: :[[@LINE-2]]:14: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead
  }
  void cleanup() {}

private:
  Signal Closed;
// CHECK-MESSAGES: :[[@LINE-1]]:10: note: the 'Session' owns the callback through 'Closed'
};
// CHECK-MESSAGES: :[[@LINE-12]]:50: note: 'Session::onClose' hands its argument on to 'Signal::operator<<' here
// CHECK-MESSAGES: :[[@LINE-45]]:21: note: 'Signal::operator+=' stores its argument in 'Slots' here
} // namespace p2

// Clean twin: the handler holds a weak_ptr and locks it.
namespace c1 {
class Button : public std::enable_shared_from_this<Button> {
public:
  void wire() {
    Clicked += [Weak = weak_from_this()] {
      if (auto Self = Weak.lock())
        Self->press();
    };
  }
  void press() {}

private:
  Signal Clicked;
};
} // namespace c1

// Clean twin: the signal belongs to someone else (the window outlives the
// button's registration only as long as the window lives).
namespace c2 {
class Button : public std::enable_shared_from_this<Button> {
public:
  void wire(Signal &WindowClosed) {
    WindowClosed += [Self = shared_from_this()] { Self->press(); };
  }
  void press() {}
};
} // namespace c2

// Clean twin: `operator()` runs the callable and keeps nothing.
namespace c3 {
class Task : public std::enable_shared_from_this<Task> {
public:
  void run() {
    Runner([Self = shared_from_this()] { Self->step(); });
  }
  void step() {}

private:
  Signal Runner;
};
} // namespace c3

// A signal template: the summary is read from the instantiation.
namespace t1 {
template <typename... Args> struct Event {
  std::vector<std::function<void(Args...)>> Handlers;
  template <typename F> Event &operator+=(F &&Handler) {
    Handlers.emplace_back(std::forward<F>(Handler));
    return *this;
  }
};
class Peer : public std::enable_shared_from_this<Peer> {
public:
  void listen() {
    Received += [Self = shared_from_this()](int N) { Self->consume(N); };
// CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Event::Handlers' of 'Received' stores a callback holding 'Self', a shared_ptr to the 'Peer' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
// CHECK-MESSAGES: :[[@LINE-2]]:18: note: the callback captures 'Self' here; capture 'weak_Self = weak_from_this()' and lock it instead
  }
  void consume(int) {}

private:
  Event<int> Received;
// CHECK-MESSAGES: :[[@LINE-1]]:14: note: the 'Peer' owns the callback through 'Received'
};
// CHECK-MESSAGES: :[[@LINE-17]]:27: note: 'Event::operator+=' stores its argument in 'Handlers' here
} // namespace t1
