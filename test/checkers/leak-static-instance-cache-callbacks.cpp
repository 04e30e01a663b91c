// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17
// RUN: %clang_tidy -checks='-*,leak-unbounded-container,leak-static-instance-cache' %s -- -std=c++17 2>&1 \
// RUN:   | FileCheck --check-prefix=BOTH %s --implicit-check-not="[leak-unbounded-container]"
//
// Program-lifetime storage of callbacks (a singleton's route table, a
// thread_local hook list, a global tick list) that are handed a callback
// owning its object — a lambda capturing shared_from_this() or a local
// holding it, a std::bind of it — keeps every such object alive: the
// twin of an instance cache holding shared_from_this(). With
// leak-unbounded-container on too, only this check reports them.
// Twins: a weak capture, a raw `this` capture (a dangling callback, not an
// owner: leak-unbounded-container's listener lists), an unsubscribe that
// runs outside the object's destructor, a callback owning another object,
// and a queue that is drained.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

// --- Positive: a singleton's route table, through a method -----------------
namespace routes {
class Router {
public:
  using Route = std::function<bool(const std::string &)>;
  static Router &instance() {
    static Router R;
    return R;
  }
  void addRoute(const std::string &Key, Route R) { Routes.emplace(Key, std::move(R)); }

private:
  Router() = default;
  std::map<std::string, Route> Routes;
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: singleton member 'Router::Routes' holds callbacks capturing shared_from_this() of 'Device'; every 'Device' whose callback is put in it stays alive until the program exits [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE+9]]:21: note: a callback capturing shared_from_this() is passed to 'Router::addRoute' here
  // CHECK-MESSAGES: :[[@LINE-7]]:72: note: 'Router::addRoute' stores it here
  // CHECK-MESSAGES: :[[@LINE-4]]:32: note: capture weak_from_this() in the callback and lock it when it runs, or remove the callback when the 'Device' is done with it, so that 'Device' objects can be destroyed
};
class Device : public std::enable_shared_from_this<Device> {
public:
  void online(const std::string &Key) {
    auto Self = shared_from_this();
    auto &R = Router::instance();
    R.addRoute(Key, [Self](const std::string &C) { return Self->run(C); });
  }
  bool run(const std::string &) { return true; }
};
} // namespace routes
// BOTH: warning: singleton member 'Router::Routes' holds callbacks capturing shared_from_this() of 'Device'{{.*}}[leak-static-instance-cache]

// --- Positive: a thread_local hook list, filled directly ---------------------
namespace hooks {
thread_local std::vector<std::function<void()>> AtExit;
// CHECK-MESSAGES: :[[@LINE-1]]:49: warning: thread_local 'AtExit' holds callbacks capturing shared_from_this() of 'Link'; every 'Link' whose callback is put in it stays alive until its thread exits [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE+4]]:34: note: a callback capturing shared_from_this() is stored here
// CHECK-MESSAGES: :[[@LINE-3]]:49: note: capture weak_from_this() in the callback and lock it when it runs, or remove the callback when the 'Link' is done with it, so that 'Link' objects can be destroyed
class Link : public std::enable_shared_from_this<Link> {
public:
  void open() { AtExit.push_back([Self = shared_from_this()] { Self->flush(); }); }
  void flush() {}
};
} // namespace hooks
// BOTH: warning: thread_local 'AtExit' holds callbacks capturing shared_from_this() of 'Link'{{.*}}[leak-static-instance-cache]

// --- Positive: a bound shared_from_this() through a free function ------------
namespace ticks {
std::vector<std::function<void()>> Ticks;
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: global 'Ticks' holds callbacks capturing shared_from_this() of 'Job'; every 'Job' whose callback is put in it stays alive until the program exits [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE+6]]:25: note: a callback capturing shared_from_this() is passed to 'onTick' here
// CHECK-MESSAGES: :[[@LINE+2]]:56: note: 'onTick' stores it here
// CHECK-MESSAGES: :[[@LINE-4]]:36: note: capture weak_from_this() in the callback and lock it when it runs, or remove the callback when the 'Job' is done with it, so that 'Job' objects can be destroyed
void onTick(std::function<void()> F) { Ticks.push_back(std::move(F)); }
class Job : public std::enable_shared_from_this<Job> {
public:
  void start() { onTick(std::bind(&Job::step, shared_from_this())); }
  void step() {}
};
} // namespace ticks
// BOTH: warning: global 'Ticks' holds callbacks capturing shared_from_this() of 'Job'{{.*}}[leak-static-instance-cache]

// --- Clean: the callback captures a weak_ptr ----------------------------------
namespace weak_capture {
std::vector<std::function<void()>> Ticks;
void onTick(std::function<void()> F) { Ticks.push_back(std::move(F)); }
class Job : public std::enable_shared_from_this<Job> {
public:
  void start() {
    onTick([Weak = weak_from_this()] {
      if (auto Self = Weak.lock())
        Self->step();
    });
  }
  void step() {}
};
void reset() { Ticks.clear(); }
} // namespace weak_capture

// --- Clean: a raw `this` capture owns nothing ---------------------------------
namespace raw_this {
std::vector<std::function<void()>> Ticks;
class Job {
public:
  void start() { Ticks.push_back([this] { step(); }); }
  void step() {}
};
void reset() { Ticks.clear(); }
} // namespace raw_this

// --- Clean: stop() takes the callback out again -------------------------------
namespace unsubscribed {
class Bus {
public:
  static Bus &instance() {
    static Bus B;
    return B;
  }
  void add(int Id, std::function<void()> F) { Subs[Id] = std::move(F); }
  void remove(int Id) { Subs.erase(Id); }

private:
  std::map<int, std::function<void()>> Subs;
};
class Worker : public std::enable_shared_from_this<Worker> {
public:
  void start() { Bus::instance().add(Id, [Self = shared_from_this()] { Self->poll(); }); }
  void stop() { Bus::instance().remove(Id); }
  void poll() {}

private:
  int Id = 0;
};
} // namespace unsubscribed

// --- Clean: the callback owns another object -----------------------------------
namespace other_object {
struct Stats {
  int Count = 0;
};
std::vector<std::function<void()>> Ticks;
class Job {
public:
  void start() {
    auto S = std::make_shared<Stats>();
    Ticks.push_back([S] { ++S->Count; });
  }
};
void reset() { Ticks.clear(); }
} // namespace other_object

// --- Clean: a queue that runs each callback once and drops it ---------------
namespace drained {
std::vector<std::function<void()>> Pending;
void post(std::function<void()> F) { Pending.push_back(std::move(F)); }
void runAll() {
  std::vector<std::function<void()>> Batch;
  Batch.swap(Pending);
  for (auto &F : Batch)
    F();
}
class Conn : public std::enable_shared_from_this<Conn> {
public:
  void read() { post([Self = shared_from_this()] { Self->onRead(); }); }
  void onRead() {}
};
} // namespace drained

// --- Positive: the only removal is in a function the destructor alone calls --
// `~Cursor()` calls `unsubscribe(Id)`, which never runs while the entry owns
// the cursor; the registry's own destructor runs at exit.
namespace destructor_only {
class Registry {
public:
  static Registry &forThisThread() {
    thread_local Registry R;
    return R;
  }
  ~Registry() { Hooks.clear(); }
  void subscribe(long Id, std::function<void()> H) { Hooks[Id] = std::move(H); }
  void unsubscribe(long Id) { Hooks.erase(Id); }

private:
  std::map<long, std::function<void()>> Hooks;
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: singleton member 'Registry::Hooks' holds callbacks capturing shared_from_this() of 'Cursor'; every 'Cursor' whose callback is put in it stays alive until the program exits [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE+9]]:45: note: a callback capturing shared_from_this() is passed to 'Registry::subscribe' here
  // CHECK-MESSAGES: :[[@LINE-7]]:66: note: 'Registry::subscribe' stores it here
  // CHECK-MESSAGES: :[[@LINE-4]]:41: note: capture weak_from_this() in the callback and lock it when it runs, or remove the callback when the 'Cursor' is done with it, so that 'Cursor' objects can be destroyed
};
class Cursor : public std::enable_shared_from_this<Cursor> {
public:
  ~Cursor() { Registry::forThisThread().unsubscribe(Id); }
  void attach() {
    auto Self = shared_from_this();
    Registry::forThisThread().subscribe(Id, [Self] { Self->invalidate(); });
  }
  void invalidate() {}

private:
  long Id = 0;
};
} // namespace destructor_only
// BOTH: warning: singleton member 'Registry::Hooks' holds callbacks capturing shared_from_this() of 'Cursor'{{.*}}[leak-static-instance-cache]

// --- Clean: the same removal, also reached from close() ----------------------
namespace closed_too {
class Registry {
public:
  static Registry &instance() {
    static Registry R;
    return R;
  }
  void subscribe(long Id, std::function<void()> H) { Hooks[Id] = std::move(H); }
  void unsubscribe(long Id) { Hooks.erase(Id); }

private:
  std::map<long, std::function<void()>> Hooks;
};
class Cursor : public std::enable_shared_from_this<Cursor> {
public:
  ~Cursor() { Registry::instance().unsubscribe(Id); }
  void attach() {
    Registry::instance().subscribe(Id, [Self = shared_from_this()] { Self->invalidate(); });
  }
  void close() { Registry::instance().unsubscribe(Id); }
  void invalidate() {}

private:
  long Id = 0;
};
} // namespace closed_too
