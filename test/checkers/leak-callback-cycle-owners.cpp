// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// Who can break a callback cycle: a drain that swaps the storage away
// (`functors.swap(pending_)`), and the destructor of an owner outside the
// cycle (a pimpl handle) do; a move assignment, which empties another
// object's field, does not. A callable handed through a function template
// to a std::function parameter is stored as any other, and so is one a
// setter lists into an entry (`Entry{joint, std::move(h)}`, a pair).

#include <functional>
#include <map>
#include <memory>
#include <utility>
#include <vector>

// Clean twin: the loop drains its functors by swapping them into a local.
namespace c1 {
class EventLoop {
public:
  void queueInLoop(std::function<void()> Cb) {
    Pending.push_back(std::move(Cb));
  }
  void doPendingFunctors() {
    std::vector<std::function<void()>> Functors;
    Functors.swap(Pending);
    for (auto &F : Functors)
      F();
  }

private:
  std::vector<std::function<void()>> Pending;
};
class Conn : public std::enable_shared_from_this<Conn> {
public:
  explicit Conn(std::shared_ptr<EventLoop> L) : Loop(std::move(L)) {}
  void send() {
    Loop->queueInLoop([self = shared_from_this()] { self->sendInLoop(); });
  }
  void sendInLoop() {}

private:
  std::shared_ptr<EventLoop> Loop;
};
} // namespace c1

// Clean twin: the handle that owns the implementation unlinks it when the
// handle goes away.
namespace c2 {
class ClientImpl : public std::enable_shared_from_this<ClientImpl> {
public:
  void start() {
    OnData = [self = shared_from_this()](int N) { self->consume(N); };
  }
  void consume(int) {}
  std::function<void(int)> OnData;
};
class Client {
public:
  Client() : Impl(std::make_shared<ClientImpl>()) { Impl->start(); }
  ~Client() { Impl->OnData = nullptr; }
  Client(const Client &) = delete;
  Client &operator=(const Client &) = delete;

private:
  std::shared_ptr<ClientImpl> Impl;
};
} // namespace c2

// A rule-of-five timer: its move assignment empties the other timer's
// callback, never this one's.
namespace p1 {
class Timer {
public:
  Timer() = default;
  Timer(Timer &&O) noexcept : Cb(std::move(O.Cb)) {}
  Timer &operator=(Timer &&O) noexcept {
    Cb = std::move(O.Cb);
    return *this;
  }
  void setCallback(std::function<void()> F) { Cb = std::move(F); }

private:
  std::function<void()> Cb;
};
class Session : public std::enable_shared_from_this<Session> {
public:
  void start() {
    Idle.setCallback([self = shared_from_this()] { self->close(); });
  }
  void close() {}

private:
  Timer Idle;
};
// CHECK-MESSAGES: :[[@LINE-7]]:10: warning: 'Timer::Cb' of 'Idle' stores a callback holding 'self', a shared_ptr to the 'Session' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
// CHECK-MESSAGES: :[[@LINE-8]]:23: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
// CHECK-MESSAGES: :[[@LINE-4]]:9: note: the 'Session' owns the callback through 'Idle'{{$}}
// CHECK-MESSAGES: :[[@LINE-18]]:52: note: 'Timer::setCallback' stores its argument in 'Cb' here{{$}}
// CHECK-FIXES: Idle.setCallback([weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->close(); });
} // namespace p1

// A function template hands its callable to a std::function parameter.
namespace p2 {
class Channel {
public:
  void setReadCallback(std::function<void(int)> Cb) { ReadCb = std::move(Cb); }

private:
  std::function<void(int)> ReadCb;
};
template <typename F> void install(Channel &Ch, F Cb) { Ch.setReadCallback(Cb); }
class Conn : public std::enable_shared_from_this<Conn> {
public:
  void open() {
    install(Chan, [self = shared_from_this()](int N) { self->consume(N); });
  }
  void consume(int) {}

private:
  Channel Chan;
};
// CHECK-MESSAGES: :[[@LINE-7]]:5: warning: 'Channel::ReadCb' of 'Chan' stores a callback holding 'self', a shared_ptr to the 'Conn' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
// CHECK-MESSAGES: :[[@LINE-8]]:20: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
// CHECK-MESSAGES: :[[@LINE-4]]:11: note: the 'Conn' owns the callback through 'Chan'{{$}}
// CHECK-MESSAGES: :[[@LINE-14]]:60: note: 'install' hands its argument on to 'Channel::setReadCallback' here{{$}}
// CHECK-MESSAGES: :[[@LINE-20]]:64: note: 'Channel::setReadCallback' stores its argument in 'ReadCb' here{{$}}
// CHECK-FIXES: install(Chan, [weak_self = weak_from_this()](int N) { auto self = weak_self.lock(); if (!self) return; self->consume(N); });
} // namespace p2

// --- A setter that lists its parameter into an entry -------------------------
// `handlers_.emplace(t, Entry{joint, std::move(h)})` keeps `h` in the entry,
// as `std::make_pair(t, h)` does.
namespace listed_entry {
struct Sample {};
class SensorBus {
public:
  using Handler = std::function<void(const Sample &)>;
  int subscribe(int Joint, Handler H) {
    Handlers.emplace(++Next, Entry{Joint, std::move(H)});
    return Next;
  }
  void pair(Handler H) { Pairs.insert(std::make_pair(++Next, std::move(H))); }

private:
  struct Entry {
    int Joint;
    Handler Fn;
  };
  int Next = 0;
  std::map<int, Entry> Handlers;
  std::map<int, Handler> Pairs;
};
class Joint : public std::enable_shared_from_this<Joint> {
public:
  void start() {
    auto Self = shared_from_this();
    Bus.subscribe(1, [Self](const Sample &S) { Self->onSample(S); });
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'SensorBus::Handlers' of 'Bus' stores a callback holding 'Self', a shared_ptr to the 'Joint' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:23: note: the callback captures 'Self' here; capture 'weak_Self = std::weak_ptr(Self)' and lock it instead
    // CHECK-MESSAGES: :[[@LINE+11]]:13: note: the 'Joint' owns the callback through 'Bus'
    // CHECK-MESSAGES: :[[@LINE-22]]:30: note: 'SensorBus::subscribe' stores its argument in 'Handlers' here
    // CHECK-FIXES: Bus.subscribe(1, [weak_Self = std::weak_ptr(Self)](const Sample &S) { auto Self = weak_Self.lock(); if (!Self) return; Self->onSample(S); });
    Bus.pair([Weak = weak_from_this()](const Sample &S) {
      if (auto Self = Weak.lock())
        Self->onSample(S);
    });
  }
  void onSample(const Sample &) {}

private:
  SensorBus Bus;
};
} // namespace listed_entry
