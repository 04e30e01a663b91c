// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// A setter handed an empty value (`setOnMessage(nullptr)`, `{}`, an empty
// callable) empties the field it would fill, as `onMessage_ = nullptr` does:
// through a virtual setter whose overrider the TU defines, and through a
// setter that hands its argument on. Twins: an empty value added to a list
// removes nothing; an empty value in the constructor, or for another field,
// breaks nothing.

#include <functional>
#include <memory>
#include <string>
#include <vector>

using Handler = std::function<void(const std::string &)>;

class Transport {
public:
  virtual ~Transport() = default;
  virtual void setOnMessage(Handler H) = 0;
  virtual void setOnClose(std::function<void()> H) = 0;
};
class Loopback : public Transport {
public:
  void setOnMessage(Handler H) override { onMessage_ = std::move(H); }
  void setOnClose(std::function<void()> H) override { onClose_ = std::move(H); }
  void addObserver(Handler H) { observers_.push_back(std::move(H)); }

private:
  Handler onMessage_;
  std::function<void()> onClose_;
  std::vector<Handler> observers_;
};

// --- Clean: stop() detaches through the same virtual setter.
class RpcClient : public std::enable_shared_from_this<RpcClient> {
public:
  void connect() {
    transport_->setOnMessage(
        [self = shared_from_this()](const std::string &M) { self->reply(M); });
  }
  void stop() { transport_->setOnMessage(nullptr); }
  void reply(const std::string &) {}

private:
  std::unique_ptr<Transport> transport_ = std::make_unique<Loopback>();
};

// --- Clean: a setter that hands its argument on, emptied with `{}`.
class Conn : public std::enable_shared_from_this<Conn> {
public:
  void setHandler(Handler H) { link_.setOnMessage(std::move(H)); }
  void start() {
    setHandler([self = shared_from_this()](const std::string &) {});
  }
  void close() { setHandler({}); }

private:
  Loopback link_;
};

// --- Twin: an empty value added to a list removes nothing.
class Watcher : public std::enable_shared_from_this<Watcher> {
public:
  void watch() {
    link_.addObserver([self = shared_from_this()](const std::string &) {});
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'Loopback::observers_' of 'link_' stores a callback holding 'self', a shared_ptr to the 'Watcher' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:24: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE+6]]:12: note: the 'Watcher' owns the callback through 'link_'{{$}}
    // CHECK-MESSAGES: :[[@LINE-43]]:54: note: 'Loopback::addObserver' stores its argument in 'observers_' here{{$}}
  }
  void unwatch() { link_.addObserver(nullptr); }

private:
  Loopback link_;
};

// --- Twins: emptied only in the constructor; another field emptied.
struct Pipe {
  void setOnData(Handler H) { onData_ = std::move(H); }
  Handler onData_;
};
class Session : public std::enable_shared_from_this<Session> {
public:
  Session() { link_.setOnData(nullptr); }
  void start() {
    link_.setOnData([self = shared_from_this()](const std::string &) {});
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'Pipe::onData_' of 'link_' stores a callback holding 'self', a shared_ptr to the 'Session' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:22: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE+4]]:8: note: the 'Session' owns the callback through 'link_'{{$}}
    // CHECK-MESSAGES: :[[@LINE-11]]:41: note: 'Pipe::setOnData' stores its argument in 'onData_' here{{$}}
  }
private:
  Pipe link_;
};

class Peer : public std::enable_shared_from_this<Peer> {
public:
  void start() {
    link_.setOnClose([self = shared_from_this()] {});
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'Loopback::onClose_' of 'link_' stores a callback holding 'self', a shared_ptr to the 'Peer' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:23: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE+5]]:12: note: the 'Peer' owns the callback through 'link_'{{$}}
    // CHECK-MESSAGES: :[[@LINE-78]]:66: note: 'Loopback::setOnClose' stores its argument in 'onClose_' here{{$}}
  }
  void stop() { link_.setOnMessage(nullptr); }
private:
  Loopback link_;
};
