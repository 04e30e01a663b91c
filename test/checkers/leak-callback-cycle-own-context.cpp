// Handlers that hold shared_from_this() and wait in an execution context the
// object owns itself (a by-value or unique_ptr io_context member): the context
// releases a pending handler only by running it or when it is destroyed, and
// it is destroyed only with the object. The keep-alive idiom on someone else's
// io_context stays quiet (see leak-callback-cycle-asio.cpp), and so does an
// object that runs its own context until it is idle, unless something stops
// it or a work guard holds it open.
//
// REQUIRES: asio
// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17

#include <array>
#include <asio.hpp>
#include <functional>
#include <memory>
#include <thread>

// --- Positive: a descriptor on the object's own io_context ------------------

class DirMonitor : public std::enable_shared_from_this<DirMonitor> {
public:
  explicit DirMonitor(int Fd) : desc_(io_, Fd) {}

  void beginRead() {
    desc_.async_read_some(asio::buffer(buffer_),
                          [self = shared_from_this()](std::error_code Ec,
                          // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: the handler of 'async_read_some' holds 'self', a shared_ptr to the 'DirMonitor' that owns 'io_', the execution context that keeps the pending handler; a pending handler is released only when it runs or the context is destroyed, so once the context stops, the object can never be destroyed [leak-callback-cycle]
                          // CHECK-MESSAGES: :[[@LINE-2]]:28: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
                                                      std::size_t) {
                            if (!Ec)
                              self->beginRead();
                          });
    // CHECK-FIXES: {{^}}                          [weak_self = weak_from_this()](std::error_code Ec,{{$}}
    // CHECK-FIXES: {{^}}                                                      std::size_t) {{{$}}
    // CHECK-FIXES-NEXT: {{^}}                            auto self = weak_self.lock();{{$}}
    // CHECK-FIXES-NEXT: {{^}}                            if (!self){{$}}
  }

private:
  asio::io_context io_;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: note: the 'DirMonitor' owns the callback through 'io_'{{$}}
  asio::posix::stream_descriptor desc_;
  // CHECK-MESSAGES: :[[@LINE-1]]:34: note: 'desc_' runs its handlers on 'io_', which its constructor is given{{$}}
  std::array<char, 256> buffer_;
};

// --- Positive: a timer made in the constructor body, bound with std::bind ---

class Poller : public std::enable_shared_from_this<Poller> {
public:
  Poller() {
    io_ = std::make_unique<asio::io_context>();
    timer_ = std::make_unique<asio::steady_timer>(*io_);
  }

  void arm() {
    timer_->async_wait(std::bind(&Poller::tick, shared_from_this(),
    // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: the handler of 'async_wait' holds 'shared_from_this()', a shared_ptr to the 'Poller' that owns 'io_'
    // CHECK-MESSAGES: :[[@LINE-2]]:49: note: 'shared_from_this()' is bound here; bind a lambda that locks a std::weak_ptr instead (no fix-it for a bound argument){{$}}
                                 std::placeholders::_1));
  }

private:
  void tick(const std::error_code &) {}
  std::unique_ptr<asio::io_context> io_;
  // CHECK-MESSAGES: :[[@LINE-1]]:37: note: the 'Poller' owns the callback through 'io_'{{$}}
  std::unique_ptr<asio::steady_timer> timer_;
  // CHECK-MESSAGES: :[[@LINE-1]]:39: note: 'timer_' runs its handlers on 'io_', which its constructor is given{{$}}
};

// --- Positive: posting to the own context directly --------------------------

class Flusher : public std::enable_shared_from_this<Flusher> {
public:
  void flush() {
    asio::post(io_, [self = shared_from_this()] { self->write(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: the handler of 'post' holds 'self', a shared_ptr to the 'Flusher' that owns 'io_'
    // CHECK-MESSAGES: :[[@LINE-2]]:22: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-FIXES: asio::post(io_, [weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->write(); });
  }

private:
  void write() {}
  asio::io_context io_;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: note: the 'Flusher' owns the callback through 'io_'{{$}}
};

// --- Positive: a timer made by a default member initialiser ---------------

class Heartbeat : public std::enable_shared_from_this<Heartbeat> {
public:
  void arm() {
    timer_.async_wait([self = shared_from_this()](const std::error_code &) {});
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: the handler of 'async_wait' holds 'self', a shared_ptr to the 'Heartbeat' that owns 'io_'
    // CHECK-MESSAGES: :[[@LINE-2]]:24: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-FIXES: timer_.async_wait([weak_self = weak_from_this()](const std::error_code &) { auto self = weak_self.lock(); if (!self) return; });
  }

private:
  asio::io_context io_;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: note: the 'Heartbeat' owns the callback through 'io_'{{$}}
  asio::steady_timer timer_{io_};
  // CHECK-MESSAGES: :[[@LINE-1]]:22: note: 'timer_' runs its handlers on 'io_', which its constructor is given{{$}}
};

// --- Negative: someone else's io_context (the keep-alive idiom) -------------

class Session : public std::enable_shared_from_this<Session> {
public:
  explicit Session(asio::io_context &Io) : socket_(Io) {}
  void read() {
    socket_.async_read_some(asio::buffer(buffer_),
                            [self = shared_from_this()](std::error_code,
                                                        std::size_t) {});
  }

private:
  asio::io_context own_; // owned, but the socket does not run on it
  asio::ip::tcp::socket socket_;
  std::array<char, 256> buffer_;
};

// --- Negative: own context, but the handler holds no owner ------------------

class Worker : public std::enable_shared_from_this<Worker> {
public:
  Worker() : timer_(io_) {}
  void arm() {
    timer_.async_wait([this](const std::error_code &) { done(); });
    timer_.async_wait([weak = weak_from_this()](const std::error_code &) {
      if (auto self = weak.lock())
        self->done();
    });
  }

private:
  void done() {}
  asio::io_context io_;
  asio::steady_timer timer_;
};

// --- Negative: the socket runs on its own context in one constructor only ---

class Client : public std::enable_shared_from_this<Client> {
public:
  Client() : socket_(io_) {}
  explicit Client(asio::io_context &External) : socket_(External) {}
  void read() {
    socket_.async_read_some(asio::buffer(buffer_),
                            [self = shared_from_this()](std::error_code,
                                                        std::size_t) {});
  }

private:
  asio::io_context io_;
  asio::ip::tcp::socket socket_;
  std::array<char, 256> buffer_;
};

// --- Positive: the own context named through its executor -------------------
// `io_.get_executor()` is the context's executor; a timer and a strand made
// from it run their handlers on `io_`.

class Ticker : public std::enable_shared_from_this<Ticker> {
public:
  void post() {
    asio::post(io_.get_executor(), [self = shared_from_this()] { self->tick(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: the handler of 'post' holds 'self', a shared_ptr to the 'Ticker' that owns 'io_'
    // CHECK-MESSAGES: :[[@LINE-2]]:37: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-FIXES: asio::post(io_.get_executor(), [weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->tick(); });
    // CHECK-MESSAGES: :[[@LINE+21]]:20: note: the 'Ticker' owns the callback through 'io_'{{$}}
  }
  void arm() {
    timer_.async_wait([self = shared_from_this()](std::error_code) { self->tick(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: the handler of 'async_wait' holds 'self', a shared_ptr to the 'Ticker' that owns 'io_'
    // CHECK-MESSAGES: :[[@LINE-2]]:24: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-FIXES: timer_.async_wait([weak_self = weak_from_this()](std::error_code) { auto self = weak_self.lock(); if (!self) return; self->tick(); });
    // CHECK-MESSAGES: :[[@LINE+14]]:20: note: the 'Ticker' owns the callback through 'io_'{{$}}
    // CHECK-MESSAGES: :[[@LINE+14]]:22: note: 'timer_' runs its handlers on 'io_', which its constructor is given{{$}}
  }
  void serialise() {
    asio::post(strand_, [self = shared_from_this()] { self->tick(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: the handler of 'post' holds 'self', a shared_ptr to the 'Ticker' that owns 'io_'
    // CHECK-MESSAGES: :[[@LINE-2]]:26: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-FIXES: asio::post(strand_, [weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->tick(); });
    // CHECK-MESSAGES: :[[@LINE+6]]:20: note: the 'Ticker' owns the callback through 'io_'{{$}}
    // CHECK-MESSAGES: :[[@LINE+7]]:49: note: 'strand_' runs its handlers on 'io_', which its constructor is given{{$}}
  }

private:
  void tick() {}
  asio::io_context io_;
  asio::steady_timer timer_{io_.get_executor()};
  asio::strand<asio::io_context::executor_type> strand_{io_.get_executor()};
};

// --- Positive: a strand made with asio::make_strand on the own context -------

class Book : public std::enable_shared_from_this<Book> {
public:
  Book() : strand_(asio::make_strand(io_)) {}
  void submit() {
    asio::post(strand_, [self = shared_from_this()] { self->match(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: the handler of 'post' holds 'self', a shared_ptr to the 'Book' that owns 'io_'
    // CHECK-MESSAGES: :[[@LINE-2]]:26: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-FIXES: asio::post(strand_, [weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->match(); });
    // CHECK-MESSAGES: :[[@LINE+6]]:20: note: the 'Book' owns the callback through 'io_'{{$}}
    // CHECK-MESSAGES: :[[@LINE+6]]:49: note: 'strand_' runs its handlers on 'io_', which its constructor is given{{$}}
  }

private:
  void match() {}
  asio::io_context io_;
  asio::strand<asio::io_context::executor_type> strand_;
};

// --- Negative: the executor of someone else's context ------------------------

class Pinger : public std::enable_shared_from_this<Pinger> {
public:
  explicit Pinger(asio::io_context &Io) : io_(Io), timer_(Io.get_executor()) {}
  void post() {
    asio::post(io_.get_executor(), [self = shared_from_this()] { self->ping(); });
  }
  void arm() {
    timer_.async_wait([self = shared_from_this()](std::error_code) { self->ping(); });
  }

private:
  void ping() {}
  asio::io_context &io_;
  asio::steady_timer timer_;
};

// --- Clean: the object runs its own context until no handler is pending ----
// run() returns only once every handler has run and let the object go.

class HealthCheck : public std::enable_shared_from_this<HealthCheck> {
public:
  HealthCheck() : timeout_(io_) {}
  int runAll(int Targets) {
    for (int I = 0; I < Targets; ++I)
      asio::post(io_, [self = shared_from_this()] { ++self->done_; });
    timeout_.expires_after(std::chrono::milliseconds(1));
    timeout_.async_wait([self = shared_from_this()](std::error_code) {});
    io_.run();
    return done_;
  }

private:
  asio::io_context io_;
  asio::steady_timer timeout_;
  int done_ = 0;
};

// --- Twins: a stop() leaves handlers pending; a work guard keeps run() from
// returning; a run() on a thread the object starts is not its own code.

class StoppedCheck : public std::enable_shared_from_this<StoppedCheck> {
public:
  void runAll() {
    asio::post(io_, [self = shared_from_this()] { self->io_.stop(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: the handler of 'post' holds 'self', a shared_ptr to the 'StoppedCheck' that owns 'io_', the execution context that keeps the pending handler; a pending handler is released only when it runs or the context is destroyed, so once the context stops, the object can never be destroyed [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:22: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE+5]]:20: note: the 'StoppedCheck' owns the callback through 'io_'{{$}}
    io_.run();
  }

private:
  asio::io_context io_;
};

class GuardedCheck : public std::enable_shared_from_this<GuardedCheck> {
public:
  void runAll() {
    asio::post(io_, [self = shared_from_this()] {});
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: the handler of 'post' holds 'self', a shared_ptr to the 'GuardedCheck' that owns 'io_', {{.*}} [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:22: note: the callback captures 'self' here; {{.*}}
    // CHECK-MESSAGES: :[[@LINE+5]]:20: note: the 'GuardedCheck' owns the callback through 'io_'{{$}}
    io_.run();
  }

private:
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_ =
      asio::make_work_guard(io_);
};

class ThreadedCheck : public std::enable_shared_from_this<ThreadedCheck> {
public:
  void start() {
    asio::post(io_, [self = shared_from_this()] {});
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: the handler of 'post' holds 'self', a shared_ptr to the 'ThreadedCheck' that owns 'io_', {{.*}} [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:22: note: the callback captures 'self' here; {{.*}}
    // CHECK-MESSAGES: :[[@LINE+5]]:20: note: the 'ThreadedCheck' owns the callback through 'io_'{{$}}
    thread_ = std::thread([this] { io_.run(); });
  }

private:
  asio::io_context io_;
  std::thread thread_;
};
