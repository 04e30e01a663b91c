// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// Hand-overs through free functions and onto the objects of other
// parameters: `install(channel_, cb)` where `install(Channel &ch, F cb)`
// calls `ch.setReadCallback(cb)`, and a parameter wrapped in a bind
// expression. The object a parameter refers to (by reference, pointer or
// shared_ptr) is the caller's argument; a copy passed by value is not. A
// helper that makes the callback around the object it is handed and
// subscribes it stores what the caller passed.

#include <functional>
#include <memory>
#include <vector>

struct Channel {
  void setReadCallback(std::function<void()> Cb) { readCb_ = std::move(Cb); }
  std::function<void()> readCb_;
};

void install(Channel &Ch, std::function<void()> Cb) {
  Ch.setReadCallback(std::move(Cb));
}
void installAt(Channel *Ch, std::function<void()> Cb) { Ch->readCb_ = Cb; }
void installTwice(Channel &Ch, std::function<void()> Cb) { install(Ch, Cb); }
void installShared(const std::shared_ptr<Channel> &Ch, std::function<void()> Cb) {
  Ch->setReadCallback(Cb);
}

// --- Positive: a free function stores into the member passed by reference --

class Conn : public std::enable_shared_from_this<Conn> {
public:
  void start() {
    install(channel_, [self = shared_from_this()] { self->handle(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Channel::readCb_' of 'channel_' stores a callback holding 'self', a shared_ptr to the 'Conn' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:24: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE+8]]:11: note: the 'Conn' owns the callback through 'channel_'{{$}}
    // CHECK-MESSAGES: :[[@LINE-17]]:6: note: 'install' hands its argument on to 'Channel::setReadCallback' here{{$}}
    // CHECK-MESSAGES: :[[@LINE-23]]:62: note: 'Channel::setReadCallback' stores its argument in 'readCb_' here{{$}}
    // CHECK-FIXES: install(channel_, [weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->handle(); });
  }
  void handle() {}

private:
  Channel channel_;
};

// --- Positive: through a pointer to an owned object, and two free functions -

class Stream : public std::enable_shared_from_this<Stream> {
public:
  void start() {
    installAt(channel_.get(), std::bind(&Stream::handle, shared_from_this()));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Channel::readCb_' of 'channel_' stores a callback holding 'shared_from_this()', a shared_ptr to the 'Stream' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:58: note: 'shared_from_this()' is bound here; bind a lambda that locks a std::weak_ptr instead: '[weak_self = weak_from_this()] { if (auto self = weak_self.lock()) self->handle(); }' (no fix-it for a bound argument){{$}}
    // CHECK-MESSAGES: :[[@LINE+16]]:28: note: the 'Stream' owns the callback through 'channel_'{{$}}
    // CHECK-MESSAGES: :[[@LINE-34]]:71: note: 'installAt' stores its argument in 'readCb_' here{{$}}
  }
  void restart() {
    auto self = shared_from_this();
    installTwice(*channel_, [self] { self->handle(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Channel::readCb_' of 'channel_' stores a callback holding 'self', a shared_ptr to the 'Stream' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:30: note: the callback captures 'self' here; capture 'weak_self = std::weak_ptr(self)' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE+8]]:28: note: the 'Stream' owns the callback through 'channel_'{{$}}
    // CHECK-MESSAGES: :[[@LINE-41]]:60: note: 'installTwice' hands its argument on to 'install' here{{$}}
    // CHECK-MESSAGES: :[[@LINE-50]]:62: note: 'Channel::setReadCallback' stores its argument in 'readCb_' here{{$}}
    // CHECK-FIXES: installTwice(*channel_, [weak_self = std::weak_ptr(self)] { auto self = weak_self.lock(); if (!self) return; self->handle(); });
  }
  void handle() {}

private:
  std::unique_ptr<Channel> channel_ = std::make_unique<Channel>();
};

// --- Positive: a method stores onto the object of its parameter ------------

struct Wiring {
  static void wire(const std::shared_ptr<Channel> &Ch, std::function<void()> Cb) {
    installShared(Ch, std::move(Cb));
  }
};

class Link : public std::enable_shared_from_this<Link> {
public:
  void start() {
    Wiring::wire(channel_, [self = shared_from_this()] { self->handle(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Channel::readCb_' of 'channel_' stores a callback holding 'self', a shared_ptr to the 'Link' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:29: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE+8]]:28: note: the 'Link' owns the callback through 'channel_'{{$}}
    // CHECK-MESSAGES: :[[@LINE-11]]:5: note: 'Wiring::wire' hands its argument on to 'installShared' here{{$}}
    // CHECK-MESSAGES: :[[@LINE-75]]:62: note: 'Channel::setReadCallback' stores its argument in 'readCb_' here{{$}}
    // CHECK-FIXES: Wiring::wire(channel_, [weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->handle(); });
  }
  void handle() {}

private:
  std::shared_ptr<Channel> channel_ = std::make_shared<Channel>();
};

// --- Positive: the parameter is kept in a bind expression ------------------

class Relay : public std::enable_shared_from_this<Relay> {
public:
  void setOnRead(std::function<void()> Cb) {
    channel_.setReadCallback(std::bind(&Relay::run, this, Cb));
  }
  void start() {
    setOnRead([self = shared_from_this()] { self->handle(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Channel::readCb_' of 'channel_' stores a callback holding 'self', a shared_ptr to the 'Relay' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:16: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE+9]]:11: note: the 'Relay' owns the callback through 'channel_'{{$}}
    // CHECK-MESSAGES: :[[@LINE-7]]:14: note: 'Relay::setOnRead' hands its argument on to 'Channel::setReadCallback' here{{$}}
    // CHECK-MESSAGES: :[[@LINE-97]]:62: note: 'Channel::setReadCallback' stores its argument in 'readCb_' here{{$}}
    // CHECK-FIXES: setOnRead([weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->handle(); });
  }
  void run(const std::function<void()> &Cb) { Cb(); }
  void handle() {}

private:
  Channel channel_;
};

// --- Clean: the free function gets a copy of the channel -------------------

void installCopy(Channel Ch, std::function<void()> Cb) {
  Ch.setReadCallback(std::move(Cb));
}

class CopyConn : public std::enable_shared_from_this<CopyConn> {
public:
  void start() { installCopy(channel_, [self = shared_from_this()] {}); }

private:
  Channel channel_;
};

// --- Clean: the pointer parameter is reseated before the store -------------

Channel *spareChannel();
void installSpare(Channel *Ch, std::function<void()> Cb) {
  Ch = spareChannel();
  Ch->setReadCallback(std::move(Cb));
}

class SpareConn : public std::enable_shared_from_this<SpareConn> {
public:
  void start() { installSpare(&channel_, [self = shared_from_this()] {}); }

private:
  Channel channel_;
};

// --- Clean: the channel is not owned (a raw pointer member) ----------------

class Borrowed : public std::enable_shared_from_this<Borrowed> {
public:
  void start() { install(*channel_, [self = shared_from_this()] {}); }

private:
  Channel *channel_ = nullptr;
};

// --- Clean: a weak capture, handed through the same free function ----------

class WeakConn : public std::enable_shared_from_this<WeakConn> {
public:
  void start() {
    install(channel_, [weak = weak_from_this()] {
      if (auto self = weak.lock())
        self->handle();
    });
  }
  void handle() {}

private:
  Channel channel_;
};

// --- Clean: the free function stores something else ------------------------

void installDefault(Channel &Ch, std::function<void()> Cb) {
  Ch.setReadCallback([] {});
  (void)Cb;
}

class DefaultConn : public std::enable_shared_from_this<DefaultConn> {
public:
  void start() { installDefault(channel_, [self = shared_from_this()] {}); }

private:
  Channel channel_;
};

// --- Clean: the stored callback is emptied when the connection closes ------
// (A reset counts for the field in every object: this uses its own type.)

struct Pipe {
  std::function<void()> onData_;
};
void attach(Pipe &P, std::function<void()> Cb) { P.onData_ = std::move(Cb); }

class Closing : public std::enable_shared_from_this<Closing> {
public:
  void start() { attach(pipe_, [self = shared_from_this()] {}); }
  void close() { pipe_.onData_ = nullptr; }

private:
  Pipe pipe_;
};

// --- Positive: a helper makes the callback around the object it is handed --
// `bindFeedback(bus_, self)` where the helper subscribes `[ctl] {...}`, or
// a callable a factory of the TU makes from it: the helper's parameter
// stands for the caller's argument. Reported where the helper makes and
// stores the callback, with a note at the call that passes the object.
// No fix-it: the helper's other callers
// may need the strong reference.
namespace made_by_helper {
struct Bus {
  int subscribe(std::function<void()> H) {
    Handlers.push_back(std::move(H));
    return static_cast<int>(Handlers.size());
  }
  std::vector<std::function<void()>> Handlers;
};
class Ctl;
void bindFeedback(Bus &B, std::shared_ptr<Ctl> C);
std::function<void()> makeHandler(std::shared_ptr<Ctl> C);
void bindMade(Bus &B, std::shared_ptr<Ctl> C);
void bindWeak(Bus &B, const std::shared_ptr<Ctl> &C);
void bindOther(Bus &B, std::shared_ptr<Ctl> C, std::shared_ptr<Ctl> Peer);
class Ctl : public std::enable_shared_from_this<Ctl> {
public:
  void start() {
    auto Self = shared_from_this();
    bindFeedback(Feedback, Self);
    // CHECK-MESSAGES: :[[@LINE+24]]:15: warning: 'Bus::Handlers' of 'Feedback' stores a callback holding 'C', a shared_ptr to the 'Ctl' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE+23]]:16: note: the callback captures 'C' here; capture 'weak_C = std::weak_ptr(C)' and lock it instead: 'auto C = weak_C.lock();' (no fix-it: the callback is made in 'bindFeedback', whose other callers may need the strong reference){{$}}
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the 'Ctl' is passed to 'bindFeedback' here{{$}}
    // CHECK-MESSAGES: :[[@LINE+21]]:15: note: 'bindFeedback' makes the callback here, around the argument it is passed, and stores it{{$}}
    // CHECK-MESSAGES: :[[@LINE+17]]:7: note: the 'Ctl' owns the callback through 'Feedback'{{$}}
    // CHECK-MESSAGES: :[[@LINE+19]]:5: note: 'bindFeedback' hands its argument on to 'Bus::subscribe' here{{$}}
    // CHECK-MESSAGES: :[[@LINE-22]]:24: note: 'Bus::subscribe' stores its argument in 'Handlers' here{{$}}
    bindMade(Made, Self);
    // CHECK-MESSAGES: :[[@LINE+21]]:61: warning: 'Bus::Handlers' of 'Made' stores a callback holding 'C', a shared_ptr to the 'Ctl' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE+18]]:11: note: the callback captures 'C' here; capture 'weak_C = std::weak_ptr(C)' and lock it instead: 'auto C = weak_C.lock();' (no fix-it: the callback is made in 'bindMade', whose other callers may need the strong reference){{$}}
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the 'Ctl' is passed to 'bindMade' here{{$}}
    // CHECK-MESSAGES: :[[@LINE+18]]:61: note: 'bindMade' makes the callback here, around the argument it is passed, and stores it{{$}}
    // CHECK-MESSAGES: :[[@LINE+9]]:17: note: the 'Ctl' owns the callback through 'Made'{{$}}
    // CHECK-MESSAGES: :[[@LINE+16]]:51: note: 'bindMade' hands its argument on to 'Bus::subscribe' here{{$}}
    // CHECK-MESSAGES: :[[@LINE-30]]:24: note: 'Bus::subscribe' stores its argument in 'Handlers' here{{$}}
    bindWeak(Weak, Self);
    bindOther(Other, Self, std::make_shared<Ctl>());
  }
  void on() {}

private:
  Bus Feedback, Made, Weak, Other;
};
void bindFeedback(Bus &B, std::shared_ptr<Ctl> C) {
  B.subscribe([C] { C->on(); });
}
std::function<void()> makeHandler(std::shared_ptr<Ctl> C) {
  return [C] { C->on(); };
}
void bindMade(Bus &B, std::shared_ptr<Ctl> C) { B.subscribe(makeHandler(std::move(C))); }
void bindWeak(Bus &B, const std::shared_ptr<Ctl> &C) {
  B.subscribe([W = std::weak_ptr<Ctl>(C)] {
    if (auto C = W.lock())
      C->on();
  });
}
void bindOther(Bus &B, std::shared_ptr<Ctl> C, std::shared_ptr<Ctl> Peer) {
  (void)C;
  B.subscribe([Peer] { Peer->on(); });
}
} // namespace made_by_helper
