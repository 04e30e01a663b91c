// A handler that holds shared_from_this(), pending on an execution context
// the object owns. DirMonitor owns an asio::io_context by value and a
// stream_descriptor made on it in its constructor; Ticker owns one with a
// steady_timer. Each starts an async operation whose handler captures
// [self = shared_from_this()], then is stopped before that handler runs:
// stop() calls io_.stop() (and DirMonitor's also closes its descriptor), as
// dir_monitor_impl::destroy() does (berkus/dir_monitor,
// include/dir_monitor/inotify/dir_monitor_impl.hpp), and the outside owner
// lets go. An io_context releases a pending handler only by running it or by
// being destroyed; a stopped one runs nothing, and a cancelled or closed
// operation only moves its handler, with operation_aborted, to the queue of
// the same stopped context. So the object owns io_, io_ owns the handler, the
// handler owns the object: a cycle nothing releases.
//
// leak-callback-cycle reports this shape (the static test is
// test/checkers/leak-callback-cycle-own-context.cpp). -DFIXED makes the
// handlers hold no owner: DirMonitor's captures weak_from_this() and locks it,
// Ticker's binds `this`, as dir_monitor's begin_read() does. Then dropping the
// last outside owner destroys the object, its io_ destroys the pending
// handler without running it, and nothing leaks. Observed two ways: counters
// of live objects (deterministic), and LeakSanitizer on the unreachable
// cycles (repeated in a loop so no stale stack slot keeps one reachable).
// Single-threaded: run_one() on the owner's thread runs one handler while the
// object is alive, so the handlers do run before the object stops.
//
// REQUIRES: asan, asio
// RUN: %clangxx -std=c++17 %asan_lsan %s -o %t.buggy
// RUN: not env ASAN_OPTIONS=detect_leaks=1 %t.buggy > %t.buggy.out 2> %t.buggy.err
// RUN: FileCheck --check-prefix=BUGGY %s < %t.buggy.out
// RUN: FileCheck --check-prefix=LEAK %s < %t.buggy.err
// RUN: %clangxx -std=c++17 %asan_lsan -DFIXED %s -o %t.fixed
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.fixed 2>&1 | FileCheck --check-prefix=FIXED --implicit-check-not=LeakSanitizer %s
// RUN: %clang_tidy -checks='-*,leak-*' %s -- -std=c++17 2>&1 | FileCheck --check-prefix=TIDY --implicit-check-not=warning: %s
// RUN: %clang_tidy -checks='-*,leak-*' %s -- -std=c++17 -DFIXED 2>&1 | FileCheck --allow-empty --check-prefix=TIDY-FIXED %s
//
// BUGGY: handlers run: 200{{$}}
// BUGGY-NEXT: live monitors after 100 rounds: 100{{$}}
// BUGGY-NEXT: live tickers after 100 rounds: 100{{$}}
// LEAK: ERROR: LeakSanitizer: detected memory leaks
// FIXED: handlers run: 200{{$}}
// FIXED-NEXT: live monitors after 100 rounds: 0{{$}}
// FIXED-NEXT: live tickers after 100 rounds: 0{{$}}
// TIDY-FIXED-NOT: {{warning|error}}:

#include <array>
#include <asio.hpp>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <system_error>
#include <unistd.h>

static int LiveMonitors = 0;
static int LiveTickers = 0;
static int HandlersRun = 0;

// dir_monitor_impl's shape: reads from a descriptor on its own io_context.
class DirMonitor : public std::enable_shared_from_this<DirMonitor> {
public:
  explicit DirMonitor(int Fd) : desc_(io_, Fd) { ++LiveMonitors; }
  ~DirMonitor() { --LiveMonitors; }

  void beginRead() {
#ifndef FIXED
    desc_.async_read_some(
        asio::buffer(buffer_),
        [self = shared_from_this()](std::error_code Ec, std::size_t) {
          // TIDY-DAG: own-io-context-handler.cpp:[[@LINE-1]]:9: warning: the handler of 'async_read_some' holds 'self', a shared_ptr to the 'DirMonitor' that owns 'io_', the execution context that keeps the pending handler; a pending handler is released only when it runs or the context is destroyed, so once the context stops, the object can never be destroyed [leak-callback-cycle]
          // TIDY-DAG: own-io-context-handler.cpp:[[@LINE-2]]:10: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead
          ++HandlersRun;
          if (!Ec)
            self->beginRead();
        });
#else
    desc_.async_read_some(
        asio::buffer(buffer_),
        [weak = weak_from_this()](std::error_code Ec, std::size_t) {
          ++HandlersRun;
          if (std::shared_ptr<DirMonitor> Self = weak.lock())
            if (!Ec)
              Self->beginRead();
        });
#endif
  }

  void runOne() { io_.run_one(); }

  // dir_monitor_impl::destroy(): stop the context, then drop the descriptor.
  void stop() {
    io_.stop();
    desc_.close();
  }

private:
  asio::io_context io_;
  // TIDY-DAG: own-io-context-handler.cpp:[[@LINE-1]]:20: note: the 'DirMonitor' owns the callback through 'io_'
  asio::posix::stream_descriptor desc_;
  // TIDY-DAG: own-io-context-handler.cpp:[[@LINE-1]]:34: note: 'desc_' runs its handlers on 'io_', which its constructor is given
  std::array<char, 256> buffer_;
};

// A periodic timer on its own io_context.
class Ticker : public std::enable_shared_from_this<Ticker> {
public:
  Ticker() { ++LiveTickers; }
  ~Ticker() { --LiveTickers; }

  void arm(std::chrono::steady_clock::duration Period) {
    timer_.expires_after(Period);
#ifndef FIXED
    timer_.async_wait([self = shared_from_this()](const std::error_code &Ec) {
      // TIDY-DAG: own-io-context-handler.cpp:[[@LINE-1]]:23: warning: the handler of 'async_wait' holds 'self', a shared_ptr to the 'Ticker' that owns 'io_', the execution context that keeps the pending handler; a pending handler is released only when it runs or the context is destroyed, so once the context stops, the object can never be destroyed [leak-callback-cycle]
      // TIDY-DAG: own-io-context-handler.cpp:[[@LINE-2]]:24: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead
      ++HandlersRun;
      if (!Ec)
        self->arm(std::chrono::hours(1));
    });
#else
    timer_.async_wait([this](const std::error_code &Ec) {
      ++HandlersRun;
      if (!Ec)
        arm(std::chrono::hours(1));
    });
#endif
  }

  void runOne() { io_.run_one(); }

  void stop() { io_.stop(); }

private:
  asio::io_context io_;
  // TIDY-DAG: own-io-context-handler.cpp:[[@LINE-1]]:20: note: the 'Ticker' owns the callback through 'io_'
  asio::steady_timer timer_{io_};
  // TIDY-DAG: own-io-context-handler.cpp:[[@LINE-1]]:22: note: 'timer_' runs its handlers on 'io_', which its constructor is given
};

// One monitor and one ticker: each handler runs once while its object is
// alive and re-arms; the object is stopped with that second handler pending,
// and its only outside owner goes.
__attribute__((noinline)) static void round() {
  int Pipe[2];
  if (pipe(Pipe) != 0) {
    std::perror("pipe");
    std::exit(2);
  }
  auto M = std::make_shared<DirMonitor>(Pipe[0]);
  // LEAK-DAG: in round() {{.*}}own-io-context-handler.cpp:[[@LINE-1]]:12
  M->beginRead();
  if (write(Pipe[1], "x", 1) != 1) {
    std::perror("write");
    std::exit(2);
  }
  M->runOne();
  M->stop();
  close(Pipe[1]);

  auto T = std::make_shared<Ticker>();
  // LEAK-DAG: in round() {{.*}}own-io-context-handler.cpp:[[@LINE-1]]:12
  T->arm(std::chrono::milliseconds(0));
  T->runOne();
  T->stop();
}

int main() {
  const int N = 100;
  for (int I = 0; I < N; ++I)
    round();
  std::printf("handlers run: %d\n", HandlersRun);
  std::printf("live monitors after %d rounds: %d\n", N, LiveMonitors);
  std::printf("live tickers after %d rounds: %d\n", N, LiveTickers);
  std::fflush(stdout); // LeakSanitizer ends the process without flushing
  return 0;
}
