// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// A whole program (the file defines main()): a reset in a function nothing
// calls breaks no cycle. An event class's clear() that no code runs leaves
// the handler holding its owner; a stop() that main() calls does break it.
// An accessor that hands the storage out to this file only hides nothing.
// (In a fragment without main(), an uncalled teardown may wait for callers
// the fragment leaves out, and still counts: leak-callback-cycle-owners.cpp.)

#include <functional>
#include <memory>
#include <utility>
#include <vector>

template <typename T> class Event {
public:
  void operator+=(std::function<void(T)> H) { Handlers.push_back(std::move(H)); }
  void emit(T V) {
    for (auto &H : Handlers)
      H(V);
  }
  void clear() { Handlers.clear(); }

private:
  std::vector<std::function<void(T)>> Handlers;
};

// The event's clear() is never called: the download owns itself.
class Download : public std::enable_shared_from_this<Download> {
public:
  void start() {
    Progress += [self = shared_from_this()](int P) { self->show(P); };
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Event::Handlers' of 'Progress' stores a callback holding 'self', a shared_ptr to the 'Download' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:18: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
  }
  void tick() { Progress.emit(50); }
  void show(int) {}

private:
  Event<int> Progress;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: note: the 'Download' owns the callback through 'Progress'{{$}}
};
// CHECK-MESSAGES: :[[@LINE-26]]:66: note: 'Event::operator+=' stores its argument in 'Handlers' here{{$}}

// Clean twin: stop() empties the handler, and main() calls it.
class Upload : public std::enable_shared_from_this<Upload> {
public:
  void start() {
    OnDone = [self = shared_from_this()] { self->finish(); };
  }
  void stop() { OnDone = nullptr; }
  void finish() {}

private:
  std::function<void()> OnDone;
};

// An accessor hands the event out, but only this file can call it: what
// its callers do is in the file, and none of them empties the event.
class Menu : public std::enable_shared_from_this<Menu> {
public:
  void bind() {
    Selected += [self = shared_from_this()](int I) { self->pick(I); };
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Event::Handlers' of 'Selected' stores a callback holding 'self', a shared_ptr to the 'Menu' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:18: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
  }
  Event<int> &selected() { return Selected; }
  void pick(int) {}

private:
  Event<int> Selected;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: note: the 'Menu' owns the callback through 'Selected'{{$}}
};
// CHECK-MESSAGES: :[[@LINE-57]]:66: note: 'Event::operator+=' stores its argument in 'Handlers' here{{$}}

// Clean twin: a caller in the file empties the handler through the
// accessor.
class Toolbar : public std::enable_shared_from_this<Toolbar> {
public:
  void bind() {
    OnClick = [self = shared_from_this()] {};
  }
  std::function<void()> &onClick() { return OnClick; }

private:
  std::function<void()> OnClick;
};

int main() {
  auto M = std::make_shared<Menu>();
  M->bind();
  M->selected().emit(1);
  auto T = std::make_shared<Toolbar>();
  T->bind();
  T->onClick() = nullptr;
  auto D = std::make_shared<Download>();
  D->start();
  D->tick();
  auto U = std::make_shared<Upload>();
  U->start();
  U->stop();
}

// A store through an accessor that hands out a member: `wire().OnClose` is
// the peer's own `Wire.OnClose`.
struct Wire {
  std::function<void(int)> OnClose;
};
class Peer : public std::enable_shared_from_this<Peer> {
public:
  Wire &wire() { return Conn; }
  void attach() {
    wire().OnClose = [self = shared_from_this()](int) {};
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Wire::OnClose' of 'Conn' stores a callback holding 'self', a shared_ptr to the 'Peer' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:23: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
  }

private:
  Wire Conn;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: note: the 'Peer' owns the callback through 'Conn'{{$}}
};
void runPeer() {
  auto P = std::make_shared<Peer>();
  P->attach();
}
