// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// A callback stored in a field of a member object (`timer_.async_wait(h)`
// into `Timer::handler_`) is emptied by the member's `cancel()` only if
// something calls it on that member. A private member (or a protected one,
// with every derived class here) is reached only by its class's code: when
// that code never calls the emptying method, directly or through another
// method of the member's class, the reset breaks nothing, even in a fragment
// without main(). Twins: the owner cancels, or restarts (which cancels), or
// hands the member out, or has a friend, or a method defined elsewhere; the
// member is public; the timer hands `this` to other code; the derived class
// clears the protected table.

#include <functional>
#include <map>
#include <memory>
#include <string>

class Timer {
public:
  using Handler = std::function<void()>;
  void asyncWait(Handler H) { Pending = std::move(H); }
  void cancel() { Pending = nullptr; }
  void restart(Handler H) {
    cancel();
    asyncWait(std::move(H));
  }
  void poll() {
    if (Pending)
      Pending();
  }

private:
  Handler Pending;
};

// --- The owner never cancels its private timer -------------------------------

class Heartbeat : public std::enable_shared_from_this<Heartbeat> {
public:
  void start() {
    auto Self = shared_from_this();
    Tick.asyncWait([Self] { Self->ping(); });
    // CHECK-FIXES: {{^}}    Tick.asyncWait([weak_Self = std::weak_ptr(Self)] { auto Self = weak_Self.lock(); if (!Self) return; Self->ping(); });{{$}}
    // CHECK-MESSAGES: :[[@LINE-2]]:10: warning: 'Timer::Pending' of 'Tick' stores a callback holding 'Self', a shared_ptr to the 'Heartbeat' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-3]]:21: note: the callback captures 'Self' here; capture 'weak_Self = std::weak_ptr(Self)' and lock it instead
    // CHECK-MESSAGES: :[[@LINE+8]]:9: note: the 'Heartbeat' owns the callback through 'Tick'
    // CHECK-MESSAGES: :[[@LINE-26]]:41: note: 'Timer::asyncWait' stores its argument in 'Pending' here
    // CHECK-MESSAGES: :[[@LINE-26]]:19: note: 'Timer::cancel' would empty it, but nothing calls it on 'Tick', which only the code of 'Heartbeat' can reach
  }
  void stop() { Stopped = true; }
  void poll() { Tick.poll(); }

private:
  Timer Tick;
  bool Stopped = false;
  void ping() {}
};

// --- Clean: the owner cancels the timer when it stops ------------------------

class Cancels : public std::enable_shared_from_this<Cancels> {
public:
  void start() {
    auto Self = shared_from_this();
    Tick.asyncWait([Self] { Self->ping(); });
  }
  void stop() { Tick.cancel(); }

private:
  Timer Tick;
  void ping() {}
};

// --- Clean: restart() cancels before it waits again --------------------------

class Restarts : public std::enable_shared_from_this<Restarts> {
public:
  void start() {
    auto Self = shared_from_this();
    Tick.asyncWait([Self] { Self->ping(); });
  }
  void again() { Tick.restart([] {}); }

private:
  Timer Tick;
  void ping() {}
};

// --- Clean: the timer is handed out, and its holder may cancel it ------------

class HandsOut : public std::enable_shared_from_this<HandsOut> {
public:
  void start() {
    auto Self = shared_from_this();
    Tick.asyncWait([Self] { Self->ping(); });
  }
  Timer &timer() { return Tick; }

private:
  Timer Tick;
  void ping() {}
};

// --- Clean: a friend may cancel it -------------------------------------------

class Befriended : public std::enable_shared_from_this<Befriended> {
  friend class Supervisor;

public:
  void start() {
    auto Self = shared_from_this();
    Tick.asyncWait([Self] { Self->ping(); });
  }

private:
  Timer Tick;
  void ping() {}
};

// --- Clean: a method defined in another file may cancel it -------------------

class Elsewhere : public std::enable_shared_from_this<Elsewhere> {
public:
  void start() {
    auto Self = shared_from_this();
    Tick.asyncWait([Self] { Self->ping(); });
  }
  void shutdown();

private:
  Timer Tick;
  void ping() {}
};

// --- Clean: a public timer, anyone may cancel it -----------------------------

class Public : public std::enable_shared_from_this<Public> {
public:
  void start() {
    auto Self = shared_from_this();
    Tick.asyncWait([Self] { Self->ping(); });
  }
  Timer Tick;

private:
  void ping() {}
};

// --- Clean: the timer registers itself with a wheel that may cancel it -------

class Wheel;
void enrol(Wheel *W, class WheelTimer *T);
class WheelTimer {
public:
  void asyncWait(std::function<void()> H) {
    Pending = std::move(H);
    enrol(nullptr, this);
  }
  void cancel() { Pending = nullptr; }

private:
  std::function<void()> Pending;
};

class OnWheel : public std::enable_shared_from_this<OnWheel> {
public:
  void start() {
    auto Self = shared_from_this();
    Tick.asyncWait([Self] { Self->ping(); });
  }

private:
  WheelTimer Tick;
  void ping() {}
};

// --- A protected table that no derived class here clears ---------------------

class CommandTable {
public:
  using Command = std::function<int()>;
  void add(const std::string &Name, Command C) { Commands[Name] = std::move(C); }
  void clear() { Commands.clear(); }
  int run(const std::string &Name) const {
    auto It = Commands.find(Name);
    return It == Commands.end() ? -1 : It->second();
  }

private:
  std::map<std::string, Command> Commands;
};

class Plugin : public std::enable_shared_from_this<Plugin> {
public:
  virtual ~Plugin() = default;
  virtual void activate() = 0;
  const CommandTable &commands() const { return Table; }

protected:
  CommandTable Table;
};

class GitPlugin : public Plugin {
public:
  void activate() override {
    auto Self = shared_from_this();
    Table.add("status", [Self] { return 0; });
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'CommandTable::Commands' of 'Table' stores a callback holding 'Self', a shared_ptr to the 'GitPlugin' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:26: note: the callback captures 'Self' here; capture 'weak_Self = std::weak_ptr(Self)' and lock it instead: 'auto Self = weak_Self.lock();' (no fix-it: the callback returns a value, and has none to return once the object is gone)
    // CHECK-MESSAGES: :[[@LINE-10]]:16: note: the 'GitPlugin' owns the callback through 'Table'
    // CHECK-MESSAGES: :[[@LINE-29]]:67: note: 'CommandTable::add' stores its argument in 'Commands' here
    // CHECK-MESSAGES: :[[@LINE-29]]:18: note: 'CommandTable::clear' would empty it, but nothing calls it on 'Table', which only the code of 'Plugin' and of the classes derived from it here can reach
  }
};

// --- Clean: the derived class clears the protected table ---------------------

class Tool : public std::enable_shared_from_this<Tool> {
public:
  virtual ~Tool() = default;

protected:
  CommandTable Table;
};

class Linter : public Tool {
public:
  void activate() {
    auto Self = shared_from_this();
    Table.add("lint", [Self] { return 0; });
  }
  void deactivate() { Table.clear(); }
};
