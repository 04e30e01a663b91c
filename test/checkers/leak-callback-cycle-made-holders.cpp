// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// An object made to hold a callback and given to a smart pointer the object
// owns: `timer_ = std::make_unique<Watcher>(loop_, cb, ms)`. The made object
// keeps the argument that is a callable, not only the last one.

#include <functional>
#include <memory>

struct Loop {};

class Watcher {
public:
  Watcher(Loop *L, const std::function<void()> &Handler, double Ms)
      : loop_(L), handler_(Handler), ms_(Ms) {}
  void fire() {
    if (loop_ && ms_ > 0)
      handler_();
  }

private:
  Loop *loop_;
  std::function<void()> handler_;
  double ms_;
};

// Calls its callable once, keeps none.
class Probe {
public:
  Probe(Loop *L, const std::function<void()> &Check, double Ms) { Check(); }
};

// --- Positive: a new object holding a bound shared_from_this() -------------

class Connector : public std::enable_shared_from_this<Connector> {
public:
  void start() {
    timer_ = std::unique_ptr<Watcher>(new Watcher(loop_, std::bind(&Connector::onTimeout, shared_from_this()), 3.0));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Connector::timer_' stores a callback holding 'shared_from_this()', a shared_ptr to the 'Connector' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:91: note: 'shared_from_this()' is bound here; bind a lambda that locks a std::weak_ptr instead: '[weak_self = weak_from_this()] { if (auto self = weak_self.lock()) self->onTimeout(); }' (no fix-it for a bound argument){{$}}
  }
  void onTimeout() {}

private:
  Loop *loop_ = nullptr;
  std::unique_ptr<Watcher> timer_;
};

// --- Positive: make_unique with the callable between other arguments -------

class Poller : public std::enable_shared_from_this<Poller> {
public:
  void start() {
    timer_ = std::make_unique<Watcher>(loop_, [self = shared_from_this()] { self->poll(); }, 1.0);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Poller::timer_' stores a callback holding 'self', a shared_ptr to the 'Poller' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:48: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-FIXES: timer_ = std::make_unique<Watcher>(loop_, [weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->poll(); }, 1.0);
  }
  void poll() {}

private:
  Loop *loop_ = nullptr;
  std::unique_ptr<Watcher> timer_;
};

// --- Positive: a library holder made on the heap: shared_ptr<function> ----

class SharedSlotTimer {
public:
  void start(std::function<void()> Cb) {
    slot_ = std::make_shared<std::function<void()>>(std::move(Cb));
  }

private:
  std::shared_ptr<std::function<void()>> slot_;
};

class Query : public std::enable_shared_from_this<Query> {
public:
  void transmit() {
    retry_.start([self = shared_from_this()] { self->onTimeout(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'SharedSlotTimer::slot_' of 'retry_' stores a callback holding 'self', a shared_ptr to the 'Query' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:19: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE+7]]:19: note: the 'Query' owns the callback through 'retry_'{{$}}
    // CHECK-MESSAGES: :[[@LINE-14]]:53: note: 'SharedSlotTimer::start' stores its argument in 'slot_' here{{$}}
    // CHECK-FIXES: retry_.start([weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->onTimeout(); });
  }
  void onTimeout() {}

private:
  SharedSlotTimer retry_;
};

// --- Clean: the same timer, the callback holds a weak reference -------------

class WeakQuery : public std::enable_shared_from_this<WeakQuery> {
public:
  void transmit() {
    retry_.start([weak = weak_from_this()] {
      if (auto self = weak.lock())
        self->onTimeout();
    });
  }
  void onTimeout() {}

private:
  SharedSlotTimer retry_;
};

// --- Clean: the timer is let go of when it fires or is cancelled -----------

class Cancellable : public std::enable_shared_from_this<Cancellable> {
public:
  void start() {
    timer_ = std::make_unique<Watcher>(loop_, std::bind(&Cancellable::onTimeout, shared_from_this()), 3.0);
  }
  void onTimeout() { timer_.reset(); }

private:
  Loop *loop_ = nullptr;
  std::unique_ptr<Watcher> timer_;
};

// --- Clean (a limitation): `reset(new ...)` counts as letting go ----------

class Rearmed : public std::enable_shared_from_this<Rearmed> {
public:
  void arm() {
    timer_.reset(new Watcher(loop_, std::bind(&Rearmed::arm, shared_from_this()), 3.0));
  }

private:
  Loop *loop_ = nullptr;
  std::unique_ptr<Watcher> timer_;
};

// --- Clean: a weak reference ------------------------------------------------

class Careful : public std::enable_shared_from_this<Careful> {
public:
  void start() {
    timer_ = std::make_unique<Watcher>(loop_, [weak = weak_from_this()] {
      if (auto self = weak.lock())
        self->onTimeout();
    }, 3.0);
  }
  void onTimeout() {}

private:
  Loop *loop_ = nullptr;
  std::unique_ptr<Watcher> timer_;
};

// --- Clean: the made object keeps no callable -------------------------------

class Checker : public std::enable_shared_from_this<Checker> {
public:
  void start() {
    probe_ = std::make_unique<Probe>(loop_, std::bind(&Checker::check, shared_from_this()), 3.0);
  }
  void check() {}

private:
  Loop *loop_ = nullptr;
  std::unique_ptr<Probe> probe_;
};
