// Callbacks that hold a shared_ptr to the object that stores them: a
// Session's timeout handler, a Connection's event handlers, and a Button
// handler a Dialog registers on the Button it owns. After the last outside
// owner goes, each object is still owned by its own callback. The tool's
// weak_ptr fix-it makes them destroyable, and the callbacks, which run while
// the objects are alive, still run. Observed two ways: a live-object counter
// (deterministic), and LeakSanitizer on the unreachable cycles (repeated in
// a loop so no stale stack slot keeps one reachable).
//
// REQUIRES: asan
// RUN: %clangxx -std=c++17 %asan_lsan %s -o %t.before
// RUN: not env ASAN_OPTIONS=detect_leaks=1 %t.before > %t.before.out 2> %t.before.err
// RUN: FileCheck --check-prefix=BEFORE %s < %t.before.out
// RUN: FileCheck --check-prefix=LEAK %s < %t.before.err
// RUN: cp %s %t.cpp
// RUN: %clang_tidy -checks='-*,leak-callback-cycle' --fix %t.cpp -- -std=c++17 2>&1 | FileCheck --check-prefix=TIDY %s
// RUN: %clangxx -std=c++17 %asan_lsan %t.cpp -o %t.after
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.after 2>&1 | FileCheck --check-prefix=AFTER %s
//
// BEFORE: callbacks run: 300{{$}}
// BEFORE-NEXT: live objects after 100 rounds: 400{{$}}
// LEAK: ERROR: LeakSanitizer: detected memory leaks
// TIDY-DAG: warning: 'Session::onTimeout_' stores a callback holding 'self', a shared_ptr to the 'Session' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
// TIDY-DAG: warning: 'Connection::handlers_' stores a callback holding 'self', a shared_ptr to the 'Connection' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
// TIDY-DAG: warning: 'Button::handlers_' of 'ok_' stores a callback holding 'self', a shared_ptr to the 'Dialog' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
// TIDY-DAG: clang-tidy applied 8 of 8 suggested fixes.
// AFTER-NOT: LeakSanitizer
// AFTER: callbacks run: 300{{$}}
// AFTER-NEXT: live objects after 100 rounds: 0{{$}}
// AFTER-NOT: LeakSanitizer

#include <cstdio>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

static int Live = 0;
static int Calls = 0;

// A callback kept in the object's own member.
class Session : public std::enable_shared_from_this<Session> {
public:
  Session() { ++Live; }
  ~Session() { --Live; }
  void start() {
    onTimeout_ = [self = shared_from_this()] { self->close(); };
  }
  void timeout() {
    if (onTimeout_)
      onTimeout_();
  }
  void close() { ++Calls; }

private:
  std::function<void()> onTimeout_;
};

// A local `self`, captured by copy, in a member container of handlers.
class Connection : public std::enable_shared_from_this<Connection> {
public:
  Connection() { ++Live; }
  ~Connection() { --Live; }
  void listen() {
    auto self = shared_from_this();
    handlers_.push_back([self](int c) { self->onEvent(c); });
  }
  void dispatch(int Code) {
    for (auto &H : handlers_)
      H(Code);
  }
  void onEvent(int Code) { Calls += Code == 7; }

private:
  std::vector<std::function<void(int)>> handlers_;
};

// A handler given to a Button the Dialog owns, which keeps it.
class Button {
public:
  Button() { ++Live; }
  ~Button() { --Live; }
  void onClick(std::function<void()> f) { handlers_.push_back(std::move(f)); }
  void click() {
    for (auto &H : handlers_)
      H();
  }

private:
  std::vector<std::function<void()>> handlers_;
};

class Dialog : public std::enable_shared_from_this<Dialog> {
public:
  Dialog() : ok_(std::make_unique<Button>()) { ++Live; }
  ~Dialog() { --Live; }
  void show() {
    ok_->onClick([self = shared_from_this()] { self->accept(); });
  }
  void pressOk() { ok_->click(); }
  void accept() { ++Calls; }

private:
  std::unique_ptr<Button> ok_;
};

// Each callback runs once while its object still has an outside owner.
__attribute__((noinline)) static void round() {
  auto S = std::make_shared<Session>();
  S->start();
  S->timeout();
  auto C = std::make_shared<Connection>();
  C->listen();
  C->dispatch(7);
  auto D = std::make_shared<Dialog>();
  D->show();
  D->pressOk();
}

int main() {
  for (int I = 0; I < 100; ++I)
    round();
  std::printf("callbacks run: %d\n", Calls);
  std::printf("live objects after 100 rounds: %d\n", Live);
  std::fflush(stdout); // LeakSanitizer ends the process without flushing
  return 0;
}
