// A button that subscribes to its own click signal through the signal's
// `operator+=`, with a handler holding shared_from_this(): the signal the
// button owns keeps the button alive. The check's fix-it makes the handler
// capture weak_from_this() and lock it, after which every button is freed.
// Observed with a live-object counter (deterministic) and LeakSanitizer
// (repeated in a loop, so no stale stack slot keeps one reachable).
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
// BEFORE: clicks handled: 100{{$}}
// BEFORE-NEXT: live buttons after 100 rounds: 100{{$}}
// LEAK: ERROR: LeakSanitizer: detected memory leaks
// TIDY: warning: 'Signal::Slots' of 'Clicked' stores a callback holding 'self', a shared_ptr to the 'Button' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
// TIDY: clang-tidy applied {{[0-9]+}} of {{[0-9]+}} suggested fixes.
// AFTER-NOT: LeakSanitizer
// AFTER: clicks handled: 100{{$}}
// AFTER-NEXT: live buttons after 100 rounds: 0{{$}}
// AFTER-NOT: LeakSanitizer

#include <cstdio>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

static int Live = 0;
static int Clicks = 0;

struct Signal {
  std::vector<std::function<void()>> Slots;
  Signal &operator+=(std::function<void()> F) {
    Slots.push_back(std::move(F));
    return *this;
  }
  void emit() {
    for (auto &F : Slots)
      F();
  }
};

class Button : public std::enable_shared_from_this<Button> {
public:
  Button() { ++Live; }
  ~Button() { --Live; }
  void wire() {
    Clicked += [self = shared_from_this()] { self->press(); };
  }
  void click() { Clicked.emit(); }
  void press() { ++Clicks; }

private:
  Signal Clicked;
};

__attribute__((noinline)) static void round() {
  auto B = std::make_shared<Button>();
  B->wire();
  B->click();
}

int main() {
  for (int I = 0; I < 100; ++I)
    round();
  std::printf("clicks handled: %d\n", Clicks);
  std::printf("live buttons after 100 rounds: %d\n", Live);
  std::fflush(stdout); // LeakSanitizer ends the process without flushing
  return 0;
}
