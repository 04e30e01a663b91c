// A connection that hands its read callback to a free function together with
// the channel it owns by value (`install(channel_, cb)` calls
// `ch.setReadCallback(cb)`), and a callback holding the connection: the
// channel, part of the connection, keeps the connection alive. The weak_ptr
// fix-it the check offers at the callback makes it destroyable while the
// callback still runs. Observed two ways: a live-object counter
// (deterministic), and LeakSanitizer on the unreachable cycles (repeated in a
// loop so no stale stack slot keeps one reachable).
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
// BEFORE: callbacks run: 100{{$}}
// BEFORE-NEXT: live objects after 100 rounds: 100{{$}}
// LEAK: ERROR: LeakSanitizer: detected memory leaks
// TIDY: warning: 'Channel::readCb_' of 'channel_' stores a callback holding 'self', a shared_ptr to the 'Connection' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
// TIDY: clang-tidy applied 3 of 3 suggested fixes.
// AFTER-NOT: LeakSanitizer
// AFTER: callbacks run: 100{{$}}
// AFTER-NEXT: live objects after 100 rounds: 0{{$}}
// AFTER-NOT: LeakSanitizer

#include <cstdio>
#include <functional>
#include <memory>
#include <utility>

static int Live = 0;
static int Calls = 0;

class Channel {
public:
  void setReadCallback(std::function<void()> Cb) { readCb_ = std::move(Cb); }
  void readable() {
    if (readCb_)
      readCb_();
  }

private:
  std::function<void()> readCb_;
};

void install(Channel &Ch, std::function<void()> Cb) {
  Ch.setReadCallback(std::move(Cb));
}

class Connection : public std::enable_shared_from_this<Connection> {
public:
  Connection() { ++Live; }
  ~Connection() { --Live; }
  void start() {
    install(channel_, [self = shared_from_this()] { self->onRead(); });
  }
  void poll() { channel_.readable(); }
  void onRead() { ++Calls; }

private:
  Channel channel_;
};

// The callback runs once while the connection still has an outside owner.
__attribute__((noinline)) static void round() {
  auto C = std::make_shared<Connection>();
  C->start();
  C->poll();
}

int main() {
  for (int I = 0; I < 100; ++I)
    round();
  std::printf("callbacks run: %d\n", Calls);
  std::printf("live objects after 100 rounds: %d\n", Live);
  std::fflush(stdout); // LeakSanitizer ends the process without flushing
  return 0;
}
