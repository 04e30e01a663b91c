// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// A callback made by a function of the TU and stored by its caller holds
// what the function captured or bound from its parameters: the factory's
// parameter stands for the caller's argument. Followed two calls deep, for
// free functions, static member functions and function templates. No fix-it
// rewrites the factory: its other callers may need the strong reference.
// A function that keeps the callback it is handed in what it returns (a
// struct filled in field by field, a timer it makes, a wrapping lambda)
// holds what the caller's callback holds; the fix-it is the caller's own.
// Twins: a factory that captures a weak_ptr, one handed another object, one
// that captures an object of its own, one with no body here, a recursive one,
// one that runs the callback it is handed, one that drops it, and a wrapper
// handed a weak capture.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

// --- Positive: a free function makes the snapshot callback -----------------
namespace free_factory {
class Autosaver {
public:
  explicit Autosaver(std::function<std::string()> Fn) : Snapshot(std::move(Fn)) {}

private:
  std::function<std::string()> Snapshot;
};
class Document {
public:
  std::string serialize() const { return Text; }
  void attach(std::shared_ptr<Autosaver> A) { Saver = std::move(A); }

private:
  std::string Text;
  std::shared_ptr<Autosaver> Saver;
};
std::shared_ptr<Autosaver> makeSaverFor(const std::shared_ptr<Document> &Doc) {
  auto Captured = Doc;
  return std::make_shared<Autosaver>([Captured] { return Captured->serialize(); });
}
std::shared_ptr<Document> open() {
  auto Doc = std::make_shared<Document>();
  Doc->attach(makeSaverFor(Doc));
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Document::Saver' stores a callback holding 'Captured', a shared_ptr to the 'Document' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  // CHECK-MESSAGES: :[[@LINE-6]]:39: note: the callback captures 'Captured' here; capture 'weak_Captured = std::weak_ptr(Captured)' and lock it instead: 'auto Captured = weak_Captured.lock();' (no fix-it: the callback returns a value, and has none to return once the object is gone)
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'makeSaverFor' returns the callback it makes from its arguments here
  // CHECK-MESSAGES: :[[@LINE-16]]:55: note: 'Document::attach' stores its argument in 'Saver' here
  return Doc;
}
} // namespace free_factory

// --- Positive: a static member binds its parameter, stored in a field -------
namespace static_binder {
class Conn {
public:
  static std::function<void()> closer(std::shared_ptr<Conn> C) {
    return std::bind(&Conn::close, C);
  }
  void close() {}
  std::function<void()> OnTimeout;
};
void arm(const std::shared_ptr<Conn> &C) {
  C->OnTimeout = Conn::closer(C);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'Conn::OnTimeout' stores a callback holding 'C', a shared_ptr to the 'Conn' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  // CHECK-MESSAGES: :[[@LINE-8]]:36: note: 'C' is bound here; bind a lambda that locks a std::weak_ptr instead: '[weak_self = std::weak_ptr(C)] { if (auto self = weak_self.lock()) self->close(); }' (no fix-it for a bound argument)
  // CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'Conn::closer' returns the callback it makes from its arguments here
}
} // namespace static_binder

// --- Positive: a template factory calling a helper (two calls deep) ---------
namespace two_deep {
template <typename T> std::function<void()> pinger(std::shared_ptr<T> P) {
  return [P] { P->ping(); };
}
template <typename T> std::function<void()> heartbeat(std::shared_ptr<T> P) {
  return pinger(P);
}
struct Peer {
  void ping() {}
  std::function<void()> Beat;
};
void start(std::shared_ptr<Peer> P) {
  P->Beat = heartbeat(P);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'Peer::Beat' stores a callback holding 'P', a shared_ptr to the 'Peer' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  // CHECK-MESSAGES: :[[@LINE-12]]:11: note: the callback captures 'P' here; capture 'weak_P = std::weak_ptr(P)' and lock it instead: 'auto P = weak_P.lock();' (no fix-it: the callback is made in 'heartbeat', whose other callers may need the strong reference)
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'heartbeat' returns the callback it makes from its arguments here
}
} // namespace two_deep

// --- Clean: the factory captures a weak_ptr ----------------------------------
namespace weak_factory {
struct Peer {
  void ping() {}
  std::function<void()> Beat;
};
std::function<void()> pinger(const std::shared_ptr<Peer> &P) {
  std::weak_ptr<Peer> W = P;
  return [W] {
    if (auto P = W.lock())
      P->ping();
  };
}
void start(std::shared_ptr<Peer> P) { P->Beat = pinger(P); }
} // namespace weak_factory

// --- Clean: the callback holds another object --------------------------------
namespace other_object {
struct Peer {
  void ping() {}
  std::function<void()> Beat;
};
std::function<void()> pinger(std::shared_ptr<Peer> P) {
  return [P] { P->ping(); };
}
void link(std::shared_ptr<Peer> A, std::shared_ptr<Peer> B) {
  A->Beat = pinger(B);
}
} // namespace other_object

// --- Clean: the factory captures an object it makes itself ------------------
namespace own_object {
struct Stats {
  int Count = 0;
};
struct Peer {
  std::function<void()> Beat;
};
std::function<void()> counter(std::shared_ptr<Peer>) {
  auto S = std::make_shared<Stats>();
  return [S] { ++S->Count; };
}
void start(std::shared_ptr<Peer> P) { P->Beat = counter(P); }
} // namespace own_object

// --- Clean: no body here, and a recursive factory ----------------------------
namespace unknown_and_recursive {
struct Peer {
  std::function<void()> Beat;
  int Depth = 0;
};
std::function<void()> elsewhere(std::shared_ptr<Peer> P);
std::function<void()> nested(std::shared_ptr<Peer> P, int N) {
  if (N > 0)
    return nested(P, N - 1);
  return [] {};
}
void start(std::shared_ptr<Peer> P) {
  P->Beat = elsewhere(P);
  P->Beat = nested(P, 3);
}
} // namespace unknown_and_recursive

// --- Positive: a struct filled in field by field keeps the callback --------
namespace filled_struct {
struct Retry {
  std::function<void()> Fn;
  int Left = 3;
};
Retry makeRetry(std::function<void()> F) {
  Retry R;
  R.Fn = std::move(F);
  return R;
}
class Client : public std::enable_shared_from_this<Client> {
public:
  void send() {
    Pending.push_back(makeRetry([self = shared_from_this()] { self->send(); }));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Client::Pending' stores a callback holding 'self', a shared_ptr to the 'Client' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:34: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead
    // CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'makeRetry' keeps the callback in what it returns here
    // CHECK-FIXES: Pending.push_back(makeRetry([weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->send(); }));
  }

private:
  std::vector<Retry> Pending;
};
} // namespace filled_struct

// --- Positive: a factory makes the timer that keeps the callback ------------
namespace made_timer {
class Timer {
public:
  explicit Timer(std::function<void()> F) : Fn(std::move(F)) {}

private:
  std::function<void()> Fn;
};
template <typename F> std::unique_ptr<Timer> makeTimer(F &&Fn) {
  return std::make_unique<Timer>(std::forward<F>(Fn));
}
class Session : public std::enable_shared_from_this<Session> {
public:
  void start() {
    auto Self = shared_from_this();
    Tick = makeTimer([Self] { Self->tick(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Session::Tick' stores a callback holding 'Self', a shared_ptr to the 'Session' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:23: note: the callback captures 'Self' here; capture 'weak_Self = std::weak_ptr(Self)' and lock it instead
    // CHECK-MESSAGES: :[[@LINE-3]]:12: note: 'makeTimer' keeps the callback in what it returns here
    // CHECK-FIXES: Tick = makeTimer([weak_Self = std::weak_ptr(Self)] { auto Self = weak_Self.lock(); if (!Self) return; Self->tick(); });
  }
  void tick() {}

private:
  std::unique_ptr<Timer> Tick;
};
} // namespace made_timer

// --- Positive: a wrapping lambda captures the callback it is handed ---------
namespace wrapper {
std::function<void()> logged(std::function<void()> F) {
  return [F] { F(); };
}
struct Conn : std::enable_shared_from_this<Conn> {
  void arm() {
    OnClose = logged(std::bind(&Conn::close, shared_from_this()));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Conn::OnClose' stores a callback holding 'shared_from_this()', a shared_ptr to the 'Conn' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:46: note: 'shared_from_this()' is bound here; bind a lambda that locks a std::weak_ptr instead: '[weak_self = weak_from_this()] { if (auto self = weak_self.lock()) self->close(); }' (no fix-it for a bound argument)
    // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'logged' keeps the callback in what it returns here
  }
  void close() {}
  std::function<void()> OnClose;
};
} // namespace wrapper

// --- Clean: the function runs the callback and returns a number -------------
namespace runs_it {
int runNow(std::function<void()> F) {
  F();
  return 0;
}
struct Conn : std::enable_shared_from_this<Conn> {
  void arm() { Result = runNow([self = shared_from_this()] { self->close(); }); }
  void close() {}
  int Result = 0;
};
} // namespace runs_it

// --- Clean: the function keeps a callback of its own, not the one handed ----
namespace drops_it {
struct Task {
  std::function<void()> Fn;
};
Task makeTask(std::function<void()> F) {
  Task T;
  T.Fn = [] {};
  (void)F;
  return T;
}
struct Conn : std::enable_shared_from_this<Conn> {
  void arm() { Tasks.push_back(makeTask([self = shared_from_this()] { self->close(); })); }
  void close() {}
  std::vector<Task> Tasks;
};
} // namespace drops_it

// --- Clean: the wrapped callback captures a weak_ptr ------------------------
namespace weak_wrapped {
std::function<void()> logged(std::function<void()> F) {
  return [F] { F(); };
}
struct Conn : std::enable_shared_from_this<Conn> {
  void arm() {
    OnClose = logged([Weak = weak_from_this()] {
      if (auto Self = Weak.lock())
        Self->close();
    });
  }
  void close() {}
  std::function<void()> OnClose;
};
} // namespace weak_wrapped

// --- Positive: the factory binds its parameter moved: named by the variable --
namespace moved_bind {
struct Peer {
  void ping() {}
  std::function<void()> Beat;
};
template <typename T> std::function<void()> binder(std::shared_ptr<T> Obj) {
  return std::bind(&T::ping, std::move(Obj));
}
void start(const std::shared_ptr<Peer> &P) {
  P->Beat = binder(P);
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'Peer::Beat' stores a callback holding 'Obj', a shared_ptr to the 'Peer' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  // CHECK-MESSAGES: :[[@LINE-5]]:30: note: 'Obj' is bound here; bind a lambda that locks a std::weak_ptr instead: '[weak_self = std::weak_ptr(Obj)] { if (auto self = weak_self.lock()) self->ping(); }' (no fix-it for a bound argument)
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'binder' returns the callback it makes from its arguments here
}
} // namespace moved_bind
