// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// A method that does not store its argument itself but hands it on to a
// method of an object it owns (`channel_->setReadCallback(cb)`), which stores
// it: the summary follows the hand-over, calls deep, through owned objects
// only.

#include <functional>
#include <memory>
#include <vector>

struct Channel {
  void setReadCallback(std::function<void()> Cb) { readCb_ = std::move(Cb); }
  void addListener(const std::function<void()> &Cb) { listeners_.push_back(Cb); }
  std::function<void()> readCb_;
  std::vector<std::function<void()>> listeners_;
};

struct Socket {
  void onRead(std::function<void()> Cb) { channel_.setReadCallback(std::move(Cb)); }
  Channel channel_;
};

// --- Positive: one hand-over, into an object owned through unique_ptr ------

class Conn : public std::enable_shared_from_this<Conn> {
public:
  void setOnRead(std::function<void()> Cb) { channel_->setReadCallback(std::move(Cb)); }
  void start() {
    setOnRead([self = shared_from_this()] { self->handle(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Channel::readCb_' of 'channel_' stores a callback holding 'self', a shared_ptr to the 'Conn' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:16: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE+8]]:28: note: the 'Conn' owns the callback through 'channel_'{{$}}
    // CHECK-MESSAGES: :[[@LINE-6]]:56: note: 'Conn::setOnRead' hands its argument on to 'Channel::setReadCallback' here{{$}}
    // CHECK-MESSAGES: :[[@LINE-22]]:62: note: 'Channel::setReadCallback' stores its argument in 'readCb_' here{{$}}
    // CHECK-FIXES: setOnRead([weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->handle(); });
  }
  void handle() {}

private:
  std::unique_ptr<Channel> channel_ = std::make_unique<Channel>();
};

// --- Positive: two hand-overs, through shared_ptr and a by-value member -----

class Peer : public std::enable_shared_from_this<Peer> {
public:
  void listen(std::function<void()> Cb) { socket_->onRead(Cb); }
  void start() {
    listen(std::bind(&Peer::handle, shared_from_this()));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Channel::readCb_' of 'socket_.channel_' stores a callback holding 'shared_from_this()', a shared_ptr to the 'Peer' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:37: note: 'shared_from_this()' is bound here; bind a lambda that locks a std::weak_ptr instead: '[weak_self = weak_from_this()] { if (auto self = weak_self.lock()) self->handle(); }' (no fix-it for a bound argument){{$}}
    // CHECK-MESSAGES: :[[@LINE+7]]:27: note: the 'Peer' owns the callback through 'socket_'{{$}}
    // CHECK-MESSAGES: :[[@LINE-6]]:52: note: 'Peer::listen' hands its argument on to 'Socket::onRead' here{{$}}
    // CHECK-MESSAGES: :[[@LINE-42]]:62: note: 'Channel::setReadCallback' stores its argument in 'readCb_' here{{$}}
  }
  void handle() {}

private:
  std::shared_ptr<Socket> socket_ = std::make_shared<Socket>();
};

// --- Positive: a class template; the hand-over is in a constructor ---------

template <typename T> class Watcher : public std::enable_shared_from_this<Watcher<T>> {
public:
  explicit Watcher(std::function<void()> Cb) { channel_.addListener(Cb); }
  void watch(std::function<void()> Cb) { channel_.addListener(Cb); }
  void start() {
    auto self = this->shared_from_this();
    watch([self] { self->value(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Channel::listeners_' of 'channel_' stores a callback holding 'self', a shared_ptr to the 'Watcher' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: the callback captures 'self' here; capture 'weak_self = std::weak_ptr(self)' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE+8]]:11: note: the 'Watcher' owns the callback through 'channel_'{{$}}
    // CHECK-MESSAGES: :[[@LINE-7]]:51: note: 'Watcher::watch' hands its argument on to 'Channel::addListener' here{{$}}
    // CHECK-MESSAGES: :[[@LINE-62]]:76: note: 'Channel::addListener' stores its argument in 'listeners_' here{{$}}
    // CHECK-FIXES: watch([weak_self = std::weak_ptr(self)] { auto self = weak_self.lock(); if (!self) return; self->value(); });
  }
  T value() { return T(); }

private:
  Channel channel_;
};
template class Watcher<int>;

// --- Positive: the hand-over written in a macro -----------------------------

#define ON_READ(Cb) setOnRead(Cb)

class Client : public std::enable_shared_from_this<Client> {
public:
  void setOnRead(std::function<void()> Cb) { channel_->setReadCallback(Cb); }
  void start() {
    auto self = shared_from_this();
    ON_READ([self] { self->handle(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Channel::readCb_' of 'channel_' stores a callback holding 'self', a shared_ptr to the 'Client' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-9]]:21: note: expanded from macro 'ON_READ'{{$}}
    // CHECK-MESSAGES: :[[@LINE-3]]:14: note: the callback captures 'self' here; capture 'weak_self = std::weak_ptr(self)' and lock it instead: 'auto self = weak_self.lock();' (no fix-it: the callback is written in a macro){{$}}
    // CHECK-MESSAGES: :[[@LINE+8]]:28: note: the 'Client' owns the callback through 'channel_'{{$}}
    // CHECK-MESSAGES: :[[@LINE-8]]:56: note: 'Client::setOnRead' hands its argument on to 'Channel::setReadCallback' here{{$}}
    // CHECK-MESSAGES: :[[@LINE-88]]:62: note: 'Channel::setReadCallback' stores its argument in 'readCb_' here{{$}}
    // CHECK-FIXES: ON_READ([self] { self->handle(); });
  }
  void handle() {}

private:
  std::unique_ptr<Channel> channel_;
};

// --- Positive: the parameter is kept inside a lambda that captures it ------

class Wrapper : public std::enable_shared_from_this<Wrapper> {
public:
  void setOnClose(std::function<void()> Cb) {
    channel_->setReadCallback([Cb] { Cb(); });
  }
  void setOnError(std::function<void(int)> Cb) {
    onError_ = [Cb = std::move(Cb)](int E) { Cb(E); };
  }
  void start() {
    setOnClose(std::bind(&Wrapper::close, shared_from_this()));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Channel::readCb_' of 'channel_' stores a callback holding 'shared_from_this()', a shared_ptr to the 'Wrapper' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:43: note: 'shared_from_this()' is bound here; bind a lambda that locks a std::weak_ptr instead: '[weak_self = weak_from_this()] { if (auto self = weak_self.lock()) self->close(); }' (no fix-it for a bound argument){{$}}
    // CHECK-MESSAGES: :[[@LINE+12]]:28: note: the 'Wrapper' owns the callback through 'channel_'{{$}}
    // CHECK-MESSAGES: :[[@LINE-10]]:15: note: 'Wrapper::setOnClose' hands its argument on to 'Channel::setReadCallback' here{{$}}
    // CHECK-MESSAGES: :[[@LINE-113]]:62: note: 'Channel::setReadCallback' stores its argument in 'readCb_' here{{$}}
    setOnError(std::bind(&Wrapper::fail, shared_from_this(), std::placeholders::_1));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Wrapper::onError_' stores a callback holding 'shared_from_this()', a shared_ptr to the 'Wrapper' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:42: note: 'shared_from_this()' is bound here; bind a lambda that locks a std::weak_ptr instead (no fix-it for a bound argument){{$}}
    // CHECK-MESSAGES: :[[@LINE-12]]:16: note: 'Wrapper::setOnError' stores its argument in 'onError_' here{{$}}
  }
  void close() {}
  void fail(int) {}

private:
  std::unique_ptr<Channel> channel_ = std::make_unique<Channel>();
  std::function<void(int)> onError_;
};

// --- Clean: a lambda that captures the parameter by reference -------------

class ByReference : public std::enable_shared_from_this<ByReference> {
public:
  void setOnRead(const std::function<void()> &Cb) {
    channel_->setReadCallback([&Cb] { Cb(); });
  }
  void start() { setOnRead([self = shared_from_this()] { self->handle(); }); }
  void handle() {}

private:
  std::unique_ptr<Channel> channel_ = std::make_unique<Channel>();
};

// --- Clean: handed to an object the class does not own ----------------------

class Borrower : public std::enable_shared_from_this<Borrower> {
public:
  void setOnRead(std::function<void()> Cb) { loop_->addListener(std::move(Cb)); }
  void start() { setOnRead([self = shared_from_this()] { self->handle(); }); }
  void handle() {}

private:
  Channel *loop_ = nullptr;
};

// --- Clean: the callback locks a weak reference -----------------------------

class Careful : public std::enable_shared_from_this<Careful> {
public:
  void setOnRead(std::function<void()> Cb) { channel_->setReadCallback(std::move(Cb)); }
  void start() {
    setOnRead([weak = weak_from_this()] {
      if (auto self = weak.lock())
        self->handle();
    });
  }
  void handle() {}

private:
  std::unique_ptr<Channel> channel_ = std::make_unique<Channel>();
};

// --- Clean: the owned object is let go of when the connection closes --------

class Closing : public std::enable_shared_from_this<Closing> {
public:
  void setOnRead(std::function<void()> Cb) { channel_->setReadCallback(std::move(Cb)); }
  void start() { setOnRead([self = shared_from_this()] { self->handle(); }); }
  void close() { channel_.reset(); }
  void handle() {}

private:
  std::unique_ptr<Channel> channel_ = std::make_unique<Channel>();
};

// --- Clean: the method hands on something other than its parameter ---------

class Substitute : public std::enable_shared_from_this<Substitute> {
public:
  void setOnRead(std::function<void()> Cb) {
    Cb();
    channel_->setReadCallback([] {});
  }
  void start() { setOnRead([self = shared_from_this()] { self->handle(); }); }
  void handle() {}

private:
  std::unique_ptr<Channel> channel_ = std::make_unique<Channel>();
};

// --- Clean: recursive hand-overs end --------------------------------------

class Recursive : public std::enable_shared_from_this<Recursive> {
public:
  void a(std::function<void()> Cb, int N) { if (N) b(std::move(Cb), N - 1); }
  void b(std::function<void()> Cb, int N) { if (N) a(std::move(Cb), N - 1); }
  void start() { a([self = shared_from_this()] { self->handle(); }, 3); }
  void handle() {}
};

// --- The bound: four hand-overs are followed, five are not -----------------

struct Hop4 { void set(std::function<void()> Cb) { channel_.setReadCallback(Cb); } Channel channel_; };
struct Hop3 { void set(std::function<void()> Cb) { next_.set(Cb); } Hop4 next_; };
struct Hop2 { void set(std::function<void()> Cb) { next_.set(Cb); } Hop3 next_; };
struct Hop1 { void set(std::function<void()> Cb) { next_.set(Cb); } Hop2 next_; };

class FourHops : public std::enable_shared_from_this<FourHops> {
public:
  void setOnRead(std::function<void()> Cb) { hops_.set(Cb); }
  void start() { setOnRead([self = shared_from_this()] { self->handle(); }); }
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'Channel::readCb_' of 'hops_.next_.next_.channel_' stores a callback holding 'self', a shared_ptr to the 'FourHops' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  // CHECK-MESSAGES: :[[@LINE-2]]:29: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
  // CHECK-MESSAGES: :[[@LINE+7]]:8: note: the 'FourHops' owns the callback through 'hops_'{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:52: note: 'FourHops::setOnRead' hands its argument on to 'Hop2::set' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-223]]:62: note: 'Channel::setReadCallback' stores its argument in 'readCb_' here{{$}}
  // CHECK-FIXES: void start() { setOnRead([weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->handle(); }); }
  void handle() {}

private:
  Hop2 hops_;
};

class FiveHops : public std::enable_shared_from_this<FiveHops> {
public:
  void setOnRead(std::function<void()> Cb) { hops_.set(Cb); }
  void start() { setOnRead([self = shared_from_this()] { self->handle(); }); }
  void handle() {}

private:
  Hop1 hops_;
};

// --- Positive: a virtual call; an overrider the TU defines stores it -------

struct Sink {
  virtual ~Sink() = default;
  virtual void setHandler(std::function<void()> Cb) = 0;
};
struct StoringSink : Sink {
  void setHandler(std::function<void()> Cb) override { handler_ = std::move(Cb); }
  std::function<void()> handler_;
};
struct CallingSink : Sink {
  void setHandler(std::function<void()> Cb) override { Cb(); }
};

class Dispatcher : public std::enable_shared_from_this<Dispatcher> {
public:
  void start() { sink_->setHandler([self = shared_from_this()] { self->run(); }); }
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'StoringSink::handler_' of 'sink_' stores a callback holding 'self', a shared_ptr to the 'Dispatcher' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  // CHECK-MESSAGES: :[[@LINE-2]]:37: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
  // CHECK-MESSAGES: :[[@LINE+13]]:25: note: the 'Dispatcher' owns the callback through 'sink_'{{$}}
  // CHECK-MESSAGES: :[[@LINE-13]]:67: note: 'StoringSink::setHandler' stores its argument in 'handler_' here{{$}}
  // CHECK-FIXES: void start() { sink_->setHandler([weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->run(); }); }
  void forward(std::function<void()> Cb) { sink_->setHandler(std::move(Cb)); }
  void listen() { forward(std::bind(&Dispatcher::run, shared_from_this())); }
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'StoringSink::handler_' of 'sink_' stores a callback holding 'shared_from_this()', a shared_ptr to the 'Dispatcher' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  // CHECK-MESSAGES: :[[@LINE-2]]:55: note: 'shared_from_this()' is bound here; bind a lambda that locks a std::weak_ptr instead: '[weak_self = weak_from_this()] { if (auto self = weak_self.lock()) self->run(); }' (no fix-it for a bound argument){{$}}
  // CHECK-MESSAGES: :[[@LINE+6]]:25: note: the 'Dispatcher' owns the callback through 'sink_'{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:51: note: 'Dispatcher::forward' hands its argument on to 'Sink::setHandler' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-21]]:67: note: 'StoringSink::setHandler' stores its argument in 'handler_' here{{$}}
  void run() {}

private:
  std::unique_ptr<Sink> sink_;
};

// --- Clean: a call bound statically, to an override that keeps nothing ----

class Direct : public std::enable_shared_from_this<Direct> {
public:
  void start() { sink_.setHandler([self = shared_from_this()] { self->run(); }); }
  void qualified() { other_->CallingSink::setHandler([self = shared_from_this()] { self->run(); }); }
  void run() {}

private:
  CallingSink sink_;
  std::unique_ptr<CallingSink> other_;
};
