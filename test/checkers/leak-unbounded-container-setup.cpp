// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17
//
// Growth that runs once, growth a size check bounds, pointers aimed at
// locals: the shapes of real applications' set-up code (main() filling tables
// from argv, lazily filled tables, channel-indexed tables, thread_local
// pointers to a local batch), and what each kind of element is called.
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

// --- main(): set-up outside its event loop ----------------------------------
// Quiet: filled from argv in a loop counted before it starts.
static std::vector<std::string> Args;
// Quiet: filled by a function that only a function main() calls once calls.
static std::vector<std::string> Routes;
// Quiet: filled up to a count read from the command line.
static std::vector<int> Pipes;
// Quiet: filled up to a global count set from the command line.
static std::vector<int> Channels2;
static int NumChannels;
// Grows: the loop moves its own bound.
static std::vector<int> Batches;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: global 'Batches' only grows: elements are added in 'main' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+159]]:5: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
// Grows in main()'s event loop.
static std::vector<std::string> Served;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: global 'Served' only grows: elements are added in 'main' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+161]]:5: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:33: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
// Grows in a function main() calls in its event loop.
static std::vector<int> Handled;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: global 'Handled' only grows: elements are added in 'handle' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+15]]:23: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
// Grows in the loop of a function main() calls once.
static std::vector<int> Polled;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: global 'Polled' only grows: elements are added in 'poll' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+15]]:5: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}

int nextBatch();

void addRoute(const std::string &R) { Routes.push_back(R); }
void setUp() {
  addRoute("/");
  addRoute("/health");
}
void handle(int Fd) { Handled.push_back(Fd); }
bool Running = true;
int next();
void poll() {
  while (Running)
    Polled.push_back(next());
}

// --- Growth that a check of the container's own size bounds ----------------
const std::vector<std::string> &mimeTypes() {
  // Quiet: filled while empty.
  static std::vector<std::string> Types;
  if (Types.empty()) {
    Types.push_back("text/html");
    Types.push_back("image/png");
  }
  return Types;
}

// Quiet: an early return once it is filled.
static std::map<int, std::string> Names;
void loadNames() {
  if (!Names.empty())
    return;
  Names.emplace(1, "one");
}

// Quiet: grown up to an index, then addressed by slot.
static std::vector<std::function<void()>> Channels;
void setChannel(unsigned I, std::function<void()> F) {
  while (I >= Channels.size())
    Channels.emplace_back();
  Channels[I] = std::move(F);
}

// Quiet: capped.
static std::vector<std::string> Recent;
void remember(const std::string &S) {
  if (Recent.size() >= 100)
    return;
  Recent.push_back(S);
}

// A lookup bounds nothing: one entry per new key.
static std::unordered_map<std::string, unsigned> Lengths;
// CHECK-MESSAGES: :[[@LINE-1]]:50: warning: global 'Lengths' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+4]]:5: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:50: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}
unsigned lengthOf(const std::string &S) {
  if (!Lengths.count(S))
    Lengths[S] = S.size();
  return Lengths.at(S);
}

// Grows while it is large: no bound.
static std::vector<int> Big;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: global 'Big' only grows: elements are added in 'grow' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+4]]:5: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
void grow(int X) {
  if (Big.size() > 10)
    Big.push_back(X);
}

// Quiet: one entry per thread the process runs at once (ids are reused).
static std::set<std::thread::id> Workers;
void onWork() { Workers.insert(std::this_thread::get_id()); }

// --- Static pointers ----------------------------------------------------------
// Quiet: aimed at a local batch, which dies with runBatch().
static thread_local std::vector<int> *CurrentBatch = nullptr;
void process(int X) { CurrentBatch->push_back(X); }
void runBatch() {
  std::vector<int> Batch;
  CurrentBatch = &Batch;
  process(1);
  CurrentBatch = nullptr;
}

// Aimed at the heap: lives as long as the program.
static std::vector<int> *Kept = new std::vector<int>;
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: global 'Kept' only grows: elements are added in 'keep' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+2]]:20: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:26: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
void keep(int X) { Kept->push_back(X); }

// --- What accumulates ---------------------------------------------------------
struct Socket {
  int Fd;
};
// Sockets, not listeners: owned, so they stay alive.
static std::vector<std::shared_ptr<Socket>> Sockets;
// CHECK-MESSAGES: :[[@LINE-1]]:45: warning: global 'Sockets' only grows: 'Socket' objects are added in 'accept' but never removed; every one stays alive until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+2]]:23: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:45: note: remove each 'Socket' when it is done with (closed, finished, unsubscribed), or hold std::weak_ptr and drop expired ones{{$}}
void accept(int Fd) { Sockets.push_back(std::make_shared<Socket>(Socket{Fd})); }

struct Observer {
  virtual ~Observer();
  virtual void notify() = 0;
};
// Objects of a polymorphic class are objects, not callbacks.
static std::vector<Observer *> Observers;
// CHECK-MESSAGES: :[[@LINE-1]]:32: warning: global 'Observers' only grows: 'Observer' objects are added in 'watch' but never removed; every entry stays until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+2]]:27: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:32: note: remove each 'Observer' when it is done with (closed, finished, unsubscribed), or hold std::weak_ptr and drop expired ones{{$}}
void watch(Observer *O) { Observers.push_back(O); }

// --- Set-up through a template and a macro, only from main() ----------------
// Quiet: a template and a macro, called once through main().
static std::vector<std::string> Plugins;
template <typename T> void load(const T &Name) { Plugins.push_back(Name); }
#define REGISTER_PLUGIN(Name) load(std::string(Name))
void loadPlugins() {
  REGISTER_PLUGIN("gzip");
  REGISTER_PLUGIN("tls");
}
int startUp() {
  loadPlugins();
  return 0;
}

// --- main() itself -------------------------------------------------------------
int main(int argc, char **argv) {
  for (int I = 1; I < argc; ++I)
    Args.push_back(argv[I]);
  int NumPipes = argc > 1 ? std::atoi(argv[1]) : 100;
  for (int I = 0; I < NumPipes; ++I)
    Pipes.push_back(I);
  NumChannels = argc > 2 ? std::atoi(argv[2]) : 5000;
  for (int I = 0; I < NumChannels; ++I)
    Channels2.push_back(I);
  int Pending = nextBatch();
  for (int I = 0; I < Pending; ++I) {
    Batches.push_back(I);
    Pending += nextBatch();
  }
  setUp();
  startUp();
  poll();
  while (Running) {
    Served.push_back("request");
    handle(next());
  }
}

// --- Once-only contexts other than main() and std::call_once ----------------
// Quiet: a static once-token whose constructor runs a lambda filling a table.
static std::map<std::string, int> OnceTable;
struct RunOnce {
  template <class F> explicit RunOnce(F Fn) { Fn(); }
};
void initOnceTable() {
  static RunOnce Token([] {
    OnceTable.emplace("a", 1);
    OnceTable.emplace("b", 2);
  });
}
// Quiet: filled by a function only a function-local static's initializer
// calls.
static std::vector<int> Primes;
int fillPrimes() {
  for (int I = 2; I < 100; ++I)
    Primes.push_back(I);
  return 0;
}
int primeAt(int I) {
  static int Filled = fillPrimes();
  (void)Filled;
  return Primes[I];
}
// Quiet: filled by the constructor of a singleton.
static std::map<int, std::string> NumberNames;
class NameRegistry {
public:
  static NameRegistry &instance() {
    static NameRegistry R;
    return R;
  }

private:
  NameRegistry() {
    NumberNames[1] = "one";
    NumberNames[2] = "two";
  }
};
// Grows: the same filler is also called for every request.
static std::vector<int> Seen;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: global 'Seen' only grows: elements are added in 'remember' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+3]]:3: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
int remember(int V) {
  Seen.push_back(V);
  return V;
}
int firstSeen() {
  static int First = remember(0);
  return First;
}
int onRequest(int V) { return remember(V); }

// --- std::call_once handed the loading function by name ----------------------

std::once_flag MimeOnce;
std::map<std::string, std::string> MimeByExt;
void loadMimeTypes(const std::vector<std::string> &Lines) {
  for (const std::string &L : Lines)
    MimeByExt.emplace(L, "text/plain");
}
std::once_flag CodecsOnce;
std::map<std::string, int> CodecIds;
void loadCodecs() { CodecIds.emplace("gzip", 1); }
std::string mimeFor(const std::string &Ext,
                    const std::vector<std::string> &Lines) {
  std::call_once(MimeOnce, loadMimeTypes, Lines);
  std::call_once(CodecsOnce, &loadCodecs);
  auto It = MimeByExt.find(Ext);
  return It == MimeByExt.end() ? "" : It->second;
}

// The same loader also called on every request: it grows.
std::once_flag AliasOnce;
std::map<std::string, std::string> Aliases;
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: global 'Aliases' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
void loadAlias(const std::string &Name) { Aliases.emplace(Name, Name); }
// CHECK-MESSAGES: :[[@LINE-1]]:43: note: it grows here{{$}}
std::string alias(const std::string &Name) {
  std::call_once(AliasOnce, loadAlias, "default");
  loadAlias(Name);
  return Aliases[Name];
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-9]]:36: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}
}

// --- A singleton's constructor registers a handler: it runs per event, not ---
// --- once as the constructor does ----------------------------------------------
struct Event {
  std::string Id;
};
class EventBus {
public:
  static EventBus &instance() {
    static EventBus B;
    return B;
  }
  void subscribe(std::function<void(const Event &)> Fn) {
    Handlers.push_back(std::move(Fn));
  }
  void publish(const Event &E) {
    for (auto &H : Handlers)
      H(E);
  }

private:
  std::vector<std::function<void(const Event &)>> Handlers;
};
// Grows: the handler the constructor hands the bus runs on every event.
class Audit {
public:
  static Audit &instance() {
    static Audit A;
    return A;
  }

private:
  Audit() {
    EventBus::instance().subscribe([this](const Event &E) { Seen.insert(E.Id); });
  }
  std::set<std::string> Seen;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: singleton member 'Audit::Seen' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-4]]:61: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}
};
void onWireEvent(const std::string &Id) { EventBus::instance().publish({Id}); }

