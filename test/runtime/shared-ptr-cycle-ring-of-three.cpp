// A session that opens a stream, whose codec points back at the session:
// three objects linked in a ring through locals in one function
// (`c->session = shared_from_this(); s->codecs.push_back(c); stream = s;`).
// None of them is ever destroyed. The check's fix-it makes the back edge
// (`Codec::session`) a weak_ptr, after which all three are freed. Observed
// with a live-object counter (deterministic) and LeakSanitizer (repeated in
// a loop, so no stale stack slot keeps one reachable).
//
// REQUIRES: asan
// RUN: %clangxx -std=c++17 %asan_lsan %s -o %t.before
// RUN: not env ASAN_OPTIONS=detect_leaks=1 %t.before > %t.before.out 2> %t.before.err
// RUN: FileCheck --check-prefix=BEFORE %s < %t.before.out
// RUN: FileCheck --check-prefix=LEAK %s < %t.before.err
// RUN: cp %s %t.cpp
// RUN: %clang_tidy -checks='-*,leak-shared-ptr-cycle' --fix %t.cpp -- -std=c++17 2>&1 | FileCheck --check-prefix=TIDY %s
// RUN: %clangxx -std=c++17 %asan_lsan %t.cpp -o %t.after
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.after 2>&1 | FileCheck --check-prefix=AFTER %s
//
// BEFORE: live objects after 100 rounds: 300{{$}}
// LEAK: ERROR: LeakSanitizer: detected memory leaks
// TIDY: warning: 'Codec::session' completes a shared_ptr ownership cycle; the 'Session' it points to owns the 'Codec' in turn, so none of them is ever destroyed [leak-shared-ptr-cycle]
// TIDY: clang-tidy applied 1 of 1 suggested fixes.
// AFTER-NOT: LeakSanitizer
// AFTER: live objects after 100 rounds: 0{{$}}
// AFTER-NOT: LeakSanitizer

#include <cstdio>
#include <memory>
#include <vector>

static int Live = 0;

struct Codec;
struct Stream {
  Stream() { ++Live; }
  ~Stream() { --Live; }
  std::vector<std::shared_ptr<Codec>> codecs;
};
struct Session : std::enable_shared_from_this<Session> {
  Session() { ++Live; }
  ~Session() { --Live; }
  void open();
  std::shared_ptr<Stream> stream;
};
struct Codec {
  Codec() { ++Live; }
  ~Codec() { --Live; }
  std::shared_ptr<Session> session;
};

void Session::open() {
  auto s = std::make_shared<Stream>();
  auto c = std::make_shared<Codec>();
  c->session = shared_from_this();
  s->codecs.push_back(c);
  stream = s;
}

__attribute__((noinline)) static void round() {
  auto S = std::make_shared<Session>();
  S->open();
}

int main() {
  for (int I = 0; I < 100; ++I)
    round();
  std::printf("live objects after 100 rounds: %d\n", Live);
  std::fflush(stdout); // LeakSanitizer ends the process without flushing
  return 0;
}
