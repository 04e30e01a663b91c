// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// A session re-arms its own timer with a handler owning the session; the
// cycle breaks when the timer is cancelled. A server drops sessions two
// ways: kick() closes the session (cancelling the timer) and erases it,
// onDisconnect() only erases it. Each session dropped on a disconnect keeps
// itself alive. Twins: both ways close; the container dropped from holds
// no sessions; the other way closes four calls down.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

class Timer {
public:
  void asyncWait(std::function<void()> H) { Handler = std::move(H); }
  void cancel() { Handler = nullptr; }

private:
  std::function<void()> Handler;
};

// --- Positive: one way of dropping a session skips the cancel ---------------
namespace skipped {
class Session : public std::enable_shared_from_this<Session> {
public:
  void start() { arm(); }
  void close() { Heartbeat.cancel(); }

private:
  void arm() {
    auto Cb = std::bind(&Session::beat, shared_from_this());
    Heartbeat.asyncWait(std::move(Cb));
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'Timer::Handler' of 'Heartbeat' stores a callback holding 'shared_from_this()', a shared_ptr to the 'Session' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-3]]:41: note: 'shared_from_this()' is bound here; bind a lambda that locks a std::weak_ptr instead: '[weak_self = weak_from_this()] { if (auto self = weak_self.lock()) self->beat(); }' (no fix-it for a bound argument)
    // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the callback is kept in 'Cb' before it is stored
    // CHECK-MESSAGES: :[[@LINE+5]]:9: note: the 'Session' owns the callback through 'Heartbeat'
    // CHECK-MESSAGES: :[[@LINE-22]]:55: note: 'Timer::asyncWait' stores its argument in 'Handler' here
    // CHECK-MESSAGES: :[[@LINE-22]]:19: note: the storage is emptied in 'Timer::cancel' here, which breaks the cycle only if it runs
  }
  void beat() { arm(); }
  Timer Heartbeat;
};

class Server {
public:
  void accept(std::uint32_t Id) {
    auto S = std::make_shared<Session>();
    S->start();
    Sessions.emplace(Id, S);
  }
  void kick(std::uint32_t Id) {
    auto It = Sessions.find(Id);
    if (It == Sessions.end())
      return;
    It->second->close();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'Server::kick' runs it through this call before it drops the 'Session'
    Sessions.erase(It);
  }
  void onDisconnect(std::uint32_t Id) { Sessions.erase(Id); }
  // CHECK-MESSAGES: :[[@LINE-1]]:41: note: 'Server::onDisconnect' drops the 'Session' here without running it, so the cycle stays

private:
  std::map<std::uint32_t, std::shared_ptr<Session>> Sessions;
};
} // namespace skipped

// --- Clean: every way of dropping a session closes it ------------------------
namespace both_close {
class Session : public std::enable_shared_from_this<Session> {
public:
  void start() { Heartbeat.asyncWait([Self = shared_from_this()] { Self->beat(); }); }
  void close() { Heartbeat.cancel(); }
  void beat() {}

private:
  Timer Heartbeat;
};
class Server {
public:
  void accept(std::uint32_t Id) {
    auto S = std::make_shared<Session>();
    S->start();
    Sessions.emplace(Id, S);
  }
  void kick(std::uint32_t Id) {
    Sessions.at(Id)->close();
    Sessions.erase(Id);
  }
  void onDisconnect(std::uint32_t Id) {
    Sessions.at(Id)->close();
    Sessions.erase(Id);
  }

private:
  std::map<std::uint32_t, std::shared_ptr<Session>> Sessions;
};
} // namespace both_close

// --- Clean: the other way drops a name, not a session ------------------------
namespace other_container {
class Session : public std::enable_shared_from_this<Session> {
public:
  void start() { Heartbeat.asyncWait([Self = shared_from_this()] { Self->beat(); }); }
  void close() { Heartbeat.cancel(); }
  void beat() {}

private:
  Timer Heartbeat;
};
class Server {
public:
  void accept(std::uint32_t Id) {
    auto S = std::make_shared<Session>();
    S->start();
    Sessions.emplace(Id, S);
    Names.emplace(Id, "guest");
  }
  void kick(std::uint32_t Id) {
    Sessions.at(Id)->close();
    Sessions.erase(Id);
    Names.erase(Id);
  }
  void rename(std::uint32_t Id) { Names.erase(Id); }

private:
  std::map<std::uint32_t, std::shared_ptr<Session>> Sessions;
  std::map<std::uint32_t, std::string> Names;
};
} // namespace other_container

// --- Clean: the other way closes four calls down -----------------------------
namespace deeper {
class Session : public std::enable_shared_from_this<Session> {
public:
  void start() { Heartbeat.asyncWait([Self = shared_from_this()] { Self->beat(); }); }
  void close() { Heartbeat.cancel(); }
  void shutdown() { close(); }
  void beat() {}

private:
  Timer Heartbeat;
};
class Server {
public:
  void accept(std::uint32_t Id) {
    auto S = std::make_shared<Session>();
    S->start();
    Sessions.emplace(Id, S);
  }
  void kick(std::uint32_t Id) {
    Sessions.at(Id)->close();
    Sessions.erase(Id);
  }
  void onDisconnect(std::uint32_t Id) {
    finish(*Sessions.at(Id));
    Sessions.erase(Id);
  }

private:
  static void finish(Session &S) { S.shutdown(); }
  std::map<std::uint32_t, std::shared_ptr<Session>> Sessions;
};
} // namespace deeper
