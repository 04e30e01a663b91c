// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// A callback made by a function of the TU and stored by its caller holds
// what the function captured or bound from its parameters: the factory's
// parameter stands for the caller's argument. Followed two calls deep, for
// free functions, static member functions and function templates. No fix-it
// rewrites the factory: its other callers may need the strong reference.
// Twins: a factory that captures a weak_ptr, one handed another object, one
// that captures an object of its own, one with no body here, a recursive one.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

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
