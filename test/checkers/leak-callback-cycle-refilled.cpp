// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// A reset that the same function undoes is a replacement, not a release:
// `reconnect()` empties the handler and then calls `connect()`, which stores
// a new callback holding the object, on every way out. Such a reset breaks
// no cycle. Twins: a close() that only empties the handler; a refill on one
// branch only; a refill of another object's field; a virtual refill.

#include <functional>
#include <memory>
#include <string>

// --- Positive: reset, then a call that stores the callback again -----------
namespace reconnect {
class Client : public std::enable_shared_from_this<Client> {
public:
  void connect(const std::string &Broker) {
    Broker_ = Broker;
    OnMessage_ = [Self = shared_from_this()](const std::string &) {};
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Client::OnMessage_' stores a callback holding 'Self', a shared_ptr to the 'Client' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:19: note: the callback captures 'Self' here; capture 'weak_Self = weak_from_this()' and lock it instead{{$}}
  }
  void reconnect() {
    OnMessage_ = nullptr;
    connect(Broker_);
  }

private:
  std::string Broker_;
  std::function<void(const std::string &)> OnMessage_;
};
void run() {
  auto C = std::make_shared<Client>();
  C->connect("b");
  C->reconnect();
}
} // namespace reconnect

// --- Positive: reset, then the same field filled directly -------------------
namespace direct {
class Timer : public std::enable_shared_from_this<Timer> {
public:
  void restart() {
    Tick_ = nullptr;
    Tick_ = [Self = shared_from_this()] { Self->fire(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Timer::Tick_' stores a callback holding 'Self', a shared_ptr to the 'Timer' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:14: note: the callback captures 'Self' here; capture 'weak_Self = weak_from_this()' and lock it instead{{$}}
  }
  void fire() {}

private:
  std::function<void()> Tick_;
};
void run() { std::make_shared<Timer>()->restart(); }
} // namespace direct

// --- Negative: close() lets go for good -------------------------------------
namespace closed {
class Client : public std::enable_shared_from_this<Client> {
public:
  void connect() {
    OnMessage_ = [Self = shared_from_this()](const std::string &) {};
  }
  void reconnect() {
    OnMessage_ = nullptr;
    connect();
  }
  void close() { OnMessage_ = nullptr; }

private:
  std::function<void(const std::string &)> OnMessage_;
};
void run() {
  auto C = std::make_shared<Client>();
  C->connect();
  C->reconnect();
  C->close();
}
} // namespace closed

// --- Negative: the refill runs on one branch only ---------------------------
namespace maybe {
class Client : public std::enable_shared_from_this<Client> {
public:
  void connect() {
    OnMessage_ = [Self = shared_from_this()](const std::string &) {};
  }
  void reconnect(bool Retry) {
    OnMessage_ = nullptr;
    if (Retry)
      connect();
  }

private:
  std::function<void(const std::string &)> OnMessage_;
};
void run() {
  auto C = std::make_shared<Client>();
  C->connect();
  C->reconnect(false);
}
} // namespace maybe

// --- Negative: the refill is another object's field ------------------------
namespace other_object {
class Client : public std::enable_shared_from_this<Client> {
public:
  void connect() {
    OnMessage_ = [Self = shared_from_this()](const std::string &) {};
  }
  void handOver(Client &Next) {
    OnMessage_ = nullptr;
    Next.OnMessage_ = [](const std::string &) {};
  }

private:
  std::function<void(const std::string &)> OnMessage_;
};
void run() {
  auto A = std::make_shared<Client>();
  auto B = std::make_shared<Client>();
  A->connect();
  A->handOver(*B);
}
} // namespace other_object

// --- Negative: the refill is a virtual call an override may change ---------
namespace virtual_refill {
class Client : public std::enable_shared_from_this<Client> {
public:
  virtual ~Client() = default;
  virtual void connect() {
    OnMessage_ = [Self = shared_from_this()](const std::string &) {};
  }
  void reconnect() {
    OnMessage_ = nullptr;
    connect();
  }

protected:
  std::function<void(const std::string &)> OnMessage_;
};
void run() {
  auto C = std::make_shared<Client>();
  C->connect();
  C->reconnect();
}
} // namespace virtual_refill
