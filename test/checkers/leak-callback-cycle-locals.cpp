// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// A callback stored into an object held in a local, where the same function
// also keeps that local in storage the callback's owner owns: the object owns
// the callback whichever order configuring and storing come in.

#include <functional>
#include <map>
#include <memory>
#include <vector>

struct Conn {
  void setCloseCallback(std::function<void(int)> Cb) {
    closeCb_ = std::move(Cb);
  }
  std::function<void(int)> closeCb_;
  std::function<void()> onData;
};

// --- Positive: configured, then stored -------------------------------------

class Server : public std::enable_shared_from_this<Server> {
public:
  void accept(int Id) {
    auto C = std::make_shared<Conn>();
    C->setCloseCallback([self = shared_from_this()](int Id) { self->onClose(Id); });
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Conn::closeCb_' of 'conns_[]' stores a callback holding 'self', a shared_ptr to the 'Server' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:26: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-FIXES: C->setCloseCallback([weak_self = weak_from_this()](int Id) { auto self = weak_self.lock(); if (!self) return; self->onClose(Id); });
    conns_[Id] = C;
    // CHECK-MESSAGES: :[[@LINE-1]]:18: note: 'C' is stored in 'conns_[]' here{{$}}
  }
  void onClose(int) {}

private:
  std::map<int, std::shared_ptr<Conn>> conns_;
  // CHECK-MESSAGES: :[[@LINE-1]]:40: note: the 'Server' owns the callback through 'conns_'{{$}}
  // CHECK-MESSAGES: :[[@LINE-24]]:16: note: 'Conn::setCloseCallback' stores its argument in 'closeCb_' here{{$}}
  std::vector<std::shared_ptr<Conn>> adopted_;

public:
  void adopt(std::shared_ptr<Conn> C) { adopted_.push_back(std::move(C)); }
};

// --- Positive: stored, then configured; a new object in a vector ------------

class Hub : public std::enable_shared_from_this<Hub> {
public:
  void open() {
    std::shared_ptr<Conn> C(new Conn);
    peers_.push_back(C);
    C->onData = std::bind(&Hub::poll, shared_from_this());
    // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'Conn::onData' of 'peers_[]' stores a callback holding 'shared_from_this()', a shared_ptr to the 'Hub' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:39: note: 'shared_from_this()' is bound here; bind a lambda that locks a std::weak_ptr instead: '[weak_self = weak_from_this()] { if (auto self = weak_self.lock()) self->poll(); }' (no fix-it for a bound argument){{$}}
    // CHECK-MESSAGES: :[[@LINE-4]]:22: note: 'C' is stored in 'peers_[]' here{{$}}
  }
  void poll() {}

private:
  std::vector<std::shared_ptr<Conn>> peers_;
  // CHECK-MESSAGES: :[[@LINE-1]]:38: note: the 'Hub' owns the callback through 'peers_'{{$}}
};

// --- Negative: the connection is erased when it closes ----------------------

class Closing : public std::enable_shared_from_this<Closing> {
public:
  void accept(int Id) {
    auto C = std::make_shared<Conn>();
    C->setCloseCallback([self = shared_from_this()](int Id) { self->onClose(Id); });
    conns_[Id] = C;
  }
  void onClose(int Id) { conns_.erase(Id); }

private:
  std::map<int, std::shared_ptr<Conn>> conns_;
};

// --- Negative: kept only by a non-owning index, or by another object --------

class Indexer : public std::enable_shared_from_this<Indexer> {
public:
  void add(int Id, Server &Other) {
    auto C = std::make_shared<Conn>();
    C->setCloseCallback([self = shared_from_this()](int) {});
    byId_[Id] = C.get();       // raw pointers own nothing
    Other.adopt(C);            // someone else keeps it
  }

private:
  std::map<int, Conn *> byId_;
};

// --- Negative: the callback holds a weak reference --------------------------

class WeakServer : public std::enable_shared_from_this<WeakServer> {
public:
  void accept(int Id) {
    auto C = std::make_shared<Conn>();
    C->setCloseCallback([weak = weak_from_this()](int) {
      if (auto Self = weak.lock())
        Self->count();
    });
    conns_[Id] = C;
  }
  void count() {}

private:
  std::map<int, std::shared_ptr<Conn>> conns_;
};

// --- Positive: a unique_ptr request handed to an owned client's method -----

struct Request {
  std::function<void(int)> onDone;
};
class HttpClient {
public:
  void send(std::unique_ptr<Request> R) { inflight_.push_back(std::move(R)); }

private:
  std::vector<std::unique_ptr<Request>> inflight_;
};
class Updater : public std::enable_shared_from_this<Updater> {
public:
  void check() {
    auto Req = std::make_unique<Request>();
    Req->onDone = [self = shared_from_this()](int S) { self->done(S); };
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Request::onDone' of 'client_.inflight_[]' stores a callback holding 'self', a shared_ptr to the 'Updater' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:20: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    client_.send(std::move(Req));
    // CHECK-MESSAGES: :[[@LINE-1]]:18: note: 'std::move(Req)' is stored in 'client_.inflight_[]' here{{$}}
  }
  void done(int) {}

private:
  HttpClient client_;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: note: the 'Updater' owns the callback through 'client_'{{$}}
};

// --- Negative: the request is handed to a client the object does not own ---

class Poller : public std::enable_shared_from_this<Poller> {
public:
  explicit Poller(HttpClient &C) : client_(C) {}
  void check() {
    auto Req = std::make_unique<Request>();
    Req->onDone = [self = shared_from_this()](int S) { self->done(S); };
    client_.send(std::move(Req));
  }
  void done(int) {}

private:
  HttpClient &client_;
};
