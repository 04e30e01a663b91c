// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// A callback stored through a local reference bound to a member
// (`auto &Cb = OnClose; Cb = ...;`, `auto &L = Handlers; L.push_back(...)`)
// is stored in that member: a reference is never re-seated. Twins: a
// reference to a local, a weak capture, a member of another object.

#include <functional>
#include <memory>
#include <vector>

struct Conn : std::enable_shared_from_this<Conn> {
  void arm() {
    auto &Cb = OnClose;
    Cb = std::bind(&Conn::closed, shared_from_this());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Conn::OnClose' stores a callback holding 'shared_from_this()', a shared_ptr to the 'Conn' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:35: note: 'shared_from_this()' is bound here; bind a lambda that locks a std::weak_ptr instead: '[weak_self = weak_from_this()] { if (auto self = weak_self.lock()) self->closed(); }' (no fix-it for a bound argument)
  }
  void closed() {}
  std::function<void()> OnClose;
};

struct Feed : std::enable_shared_from_this<Feed> {
  void listen() {
    auto &L = Handlers;
    L.push_back([self = shared_from_this()] { self->tick(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Feed::Handlers' stores a callback holding 'self', a shared_ptr to the 'Feed' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:18: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead
    // CHECK-FIXES: L.push_back([weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->tick(); });
  }
  void tick() {}
  std::vector<std::function<void()>> Handlers;
};

template <typename T> struct Watch : std::enable_shared_from_this<Watch<T>> {
  void start() {
    std::function<void(T)> &Slot = this->OnFire;
    Slot = [self = this->shared_from_this()](T V) { self->fire(V); };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Watch::OnFire' stores a callback holding 'self', a shared_ptr to the 'Watch' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:13: note: the callback captures 'self' here; capture 'weak_self = this->weak_from_this()' and lock it instead
    // CHECK-FIXES: Slot = [weak_self = this->weak_from_this()](T V) { auto self = weak_self.lock(); if (!self) return; self->fire(V); };
  }
  void fire(T) {}
  std::function<void(T)> OnFire;
};
template struct Watch<int>;

// Twins.
struct LocalOnly : std::enable_shared_from_this<LocalOnly> {
  void run() {
    std::function<void()> Pending;
    auto &Cb = Pending;
    Cb = [self = shared_from_this()] { self->done(); };
    Cb();
  }
  void done() {}
};

struct WeakSelf : std::enable_shared_from_this<WeakSelf> {
  void arm() {
    auto &Cb = OnTimeout;
    Cb = [weak = weak_from_this()] {
      if (auto self = weak.lock())
        self->expire();
    };
  }
  void expire() {}
  std::function<void()> OnTimeout;
};

struct Peer {
  std::function<void()> OnClose;
};
struct Client : std::enable_shared_from_this<Client> {
  void attach(const std::shared_ptr<Peer> &P) {
    auto &Cb = P->OnClose;
    Cb = [self = shared_from_this()] { self->gone(); };
  }
  void gone() {}
};
