// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17 -I %S/../Inputs
//
// With leak-static-instance-cache enabled too, the registry of `this` is
// reported once, by that check.
// RUN: %clang_tidy -checks='-*,leak-unbounded-container,leak-static-instance-cache' %s -- -std=c++17 -I %S/../Inputs 2>&1 \
// RUN:   | FileCheck --check-prefix=BOTH %s --implicit-check-not="'Job::All'"
// BOTH: warning: static member 'Job::All' holds 'this' of 'Job' {{.*}} [leak-static-instance-cache]

#include "unbounded-extern.h"
#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

struct Result {
  int Code;
  std::string Body;
};
struct Request {
  std::string Id;
};
struct Response {
  std::string Body;
};

// --- Positive: a global log appended per request ---------------------------
static std::vector<Result> Results;
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: global 'Results' only grows: elements are added in 'handle' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+2]]:33: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:28: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
void handle(const Request &R) { Results.push_back({200, R.Id}); }

// --- Positive: a function-local cache filled by request id ------------------
Response respond(const Request &R) {
  static std::unordered_map<std::string, Response> Cache;
  // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: function-local static 'Cache' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE+5]]:10: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:52: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}
  auto It = Cache.find(R.Id);
  if (It != Cache.end())
    return It->second;
  return Cache[R.Id] = Response{"body of " + R.Id};
}

// --- Positive: an emitter singleton with on() only ---------------------------
class Emitter {
public:
  static Emitter &instance() {
    static Emitter E;
    return E;
  }
  void on(std::function<void()> F) { Listeners.push_back(std::move(F)); }
  void emit() {
    for (auto &F : Listeners)
      F();
  }

private:
  Emitter() = default;
  std::vector<std::function<void()>> Listeners;
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: singleton member 'Emitter::Listeners' only grows: listeners are added in 'Emitter::on' but never removed; each registered callback and everything it captures lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-10]]:38: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:38: note: return an unsubscribe handle that erases the listener, or hold std::weak_ptr listeners and drop expired ones{{$}}
};

// --- Positive: a static vector of all instances ------------------------------
class Job {
public:
  Job() { All.push_back(this); }

private:
  static std::vector<Job *> All;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: static member 'Job::All' only grows: 'Job' objects are added in 'Job::Job' but never removed; every entry stays until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-5]]:11: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: remove each 'Job' when it is done with (closed, finished, unsubscribed), or hold std::weak_ptr and drop expired ones{{$}}
};
std::vector<Job *> Job::All;

// --- Positive: a namespace-scope audit trail ---------------------------------
namespace {
std::deque<std::string> Audit;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: global 'Audit' only grows: elements are added in 'audit' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+3]]:36: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
} // namespace
void audit(const std::string &S) { Audit.push_back(S); }

// --- Positive: listeners by event, nested in a map ---------------------------
static std::map<std::string, std::vector<std::function<void(int)>>> Handlers;
// CHECK-MESSAGES: :[[@LINE-1]]:69: warning: global 'Handlers' only grows: listeners are added in 'subscribe' but never removed; each registered callback and everything it captures lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+3]]:3: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:69: note: return an unsubscribe handle that erases the listener, or hold std::weak_ptr listeners and drop expired ones{{$}}
void subscribe(const std::string &Event, std::function<void(int)> F) {
  Handlers[Event].push_back(std::move(F));
}

// --- Positive: a member of an object that only exists in static storage ----
struct Stats {
  std::vector<double> Samples;
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: static object's member 'Stats::Samples' only grows: elements are added in 'Stats::record' but never removed; every element lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE+2]]:27: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:23: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
  void record(double V) { Samples.push_back(V); }
};
static Stats TheStats;
void sample(double V) { TheStats.record(V); }

// --- Negative: a size check then eviction -----------------------------------
static std::deque<std::string> Recent;
void remember(const std::string &S) {
  Recent.push_back(S);
  if (Recent.size() > 100)
    Recent.pop_front();
}

// --- Negative: periodic clear() ----------------------------------------------
static std::vector<int> Batch;
void add(int V) { Batch.push_back(V); }
void flush() { Batch.clear(); }

// --- Negative: const tables and initialisers ---------------------------------
static const std::vector<int> Primes = {2, 3, 5, 7};
static std::vector<int> Squares = [] {
  std::vector<int> T;
  for (int I = 0; I < 10; ++I)
    T.push_back(I * I);
  return T;
}();
static std::map<int, std::string> Codes = [] {
  std::map<int, std::string> M;
  M[200] = "OK";
  return M;
}();

// --- Negative: growth inside std::call_once ----------------------------------
static std::vector<std::string> Names;
static std::once_flag NamesOnce;
const std::vector<std::string> &names() {
  std::call_once(NamesOnce, [] {
    Names.push_back("alpha");
    Names.push_back("beta");
  });
  return Names;
}

// --- Negative: growth in a function only initialisers call ------------------
static std::vector<std::string> Builtins;
static bool registerBuiltins() {
  Builtins.push_back("print");
  Builtins.push_back("len");
  return true;
}
static bool BuiltinsRegistered = registerBuiltins();

// --- Positive: the same, but also called later --------------------------------
static std::vector<std::string> Plugins;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: global 'Plugins' only grows: elements are added in 'loadPlugin' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+3]]:3: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:33: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
static bool loadPlugin(const std::string &Name) {
  Plugins.push_back(Name);
  return true;
}
static bool CorePlugin = loadPlugin("core");
void userLoads(const std::string &Name) { loadPlugin(Name); }

// --- Negative: local containers, members of ordinary objects ---------------
int local() {
  std::vector<int> V;
  V.push_back(1);
  return V.front();
}
struct Connection {
  std::vector<std::string> Pending;
  void queue(const std::string &S) { Pending.push_back(S); }
};
void perRequest() {
  Connection C;
  C.queue("x");
  auto D = std::make_shared<Connection>();
  D->queue("y");
}

// --- Negative: declared `extern` in a header: other files may shrink it ----
std::vector<int> SharedLog;
void logInt(int V) { SharedLog.push_back(V); }

// --- Negative: a registry that erases in the destructor ----------------------
class Widget {
public:
  Widget() { Live.push_back(this); }
  ~Widget() { Live.erase(std::find(Live.begin(), Live.end(), this)); }

private:
  static std::vector<Widget *> Live;
};
std::vector<Widget *> Widget::Live;

// --- Negative: handed to a function that may shrink it -----------------------
void trim(std::vector<int> &V);
static std::vector<int> Trimmed;
void keep(int V) {
  Trimmed.push_back(V);
  trim(Trimmed);
}

// --- Negative: swapped out and moved from ------------------------------------
static std::vector<int> Outbox;
void post(int V) { Outbox.push_back(V); }
std::vector<int> drain() {
  std::vector<int> Out;
  Out.swap(Outbox);
  return Out;
}
static std::vector<std::string> Lines;
void line(const std::string &S) { Lines.push_back(S); }
std::vector<std::string> take() { return std::exchange(Lines, {}); }

// --- NOLINT ------------------------------------------------------------------
static std::vector<int> Forever; // NOLINT(leak-unbounded-container)
void keepForever(int V) { Forever.push_back(V); }
