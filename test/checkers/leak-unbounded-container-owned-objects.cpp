// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17
//
// Members of objects that live as long as the program because something
// that does owns them: a heap object made once per singleton and kept by its
// member (reached through a proxy's operator->), a pimpl made in a
// singleton's constructor, a by-value member of a static object. Heap objects
// made per call, or kept in a container, die again; a sequence that reuses
// free slots before it grows stays as large as its peak.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

// --- A worker thread object that the singleton makes once and keeps behind
// an owner with a locking proxy (ntcore's Notifier, before its fix).

struct Worker;
class WorkerProxy {
public:
  explicit WorkerProxy(Worker *W) : W(W) {}
  Worker *operator->() const { return W; }
  explicit operator bool() const { return W != nullptr; }

private:
  Worker *W;
};
class WorkerOwner {
public:
  void start(Worker *W) { Current = W; }
  WorkerProxy get() const { return WorkerProxy(Current); }

private:
  Worker *Current = nullptr;
};

struct Listener {
  std::string Prefix;
  std::function<void(int)> Callback;
};

struct Worker {
  std::vector<Listener> Listeners;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: member 'Worker::Listeners' of an object owned by the singleton 'Hub' only grows: listeners are added in 'Hub::subscribe' but never removed; each registered callback and everything it captures lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE+22]]:5: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE+15]]:19: note: 'Worker' objects are made here, once per 'Hub', and kept by its member 'Hub::Owner'{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:25: note: return an unsubscribe handle that erases the listener, or hold std::weak_ptr listeners and drop expired ones{{$}}
  std::vector<int> Pending;
  void drain() { Pending.clear(); }
};

class Hub {
public:
  static Hub &instance() {
    static Hub TheHub;
    return TheHub;
  }
  void start() {
    auto W = Owner.get();
    if (!W)
      Owner.start(new Worker);
  }
  unsigned subscribe(std::string Prefix, std::function<void(int)> Callback) {
    start();
    auto W = Owner.get();
    unsigned Id = W->Listeners.size();
    W->Listeners.push_back({std::move(Prefix), std::move(Callback)});
    W->Pending.push_back(1);
    return Id + 1;
  }
  // Only nulls the callback: the slot stays.
  void unsubscribe(unsigned Id) {
    auto W = Owner.get();
    if (W && Id - 1 < W->Listeners.size())
      W->Listeners[Id - 1].Callback = nullptr;
  }

private:
  Hub() = default;
  WorkerOwner Owner;
};

// --- The same worker after the fix: a free list reuses the slots.

template <typename T> class SlotVector {
public:
  unsigned add(T Value) {
    if (Free.empty()) {
      Items.push_back(std::move(Value));
      return Items.size();
    }
    unsigned Slot = Free.back();
    Free.pop_back();
    Items[Slot] = std::move(Value);
    return Slot + 1;
  }
  void remove(unsigned Id) {
    Free.push_back(Id - 1);
    Items[Id - 1] = T();
  }

private:
  std::vector<T> Items;
  std::vector<unsigned> Free;
};

struct FixedWorker {
  SlotVector<std::function<void(int)>> Listeners;
};

class FixedHub {
public:
  static FixedHub &instance() {
    static FixedHub TheHub;
    return TheHub;
  }
  unsigned subscribe(std::function<void(int)> Callback) {
    return Worker->Listeners.add(std::move(Callback));
  }
  void unsubscribe(unsigned Id) { Worker->Listeners.remove(Id); }

private:
  FixedHub() : Worker(new FixedWorker) {}
  std::unique_ptr<FixedWorker> Worker;
};

// --- A scan for a dead slot before growing (ntcore's Dispatcher fix).

struct Conn {
  bool Dead = false;
};
class Dispatcher {
public:
  static Dispatcher &instance() {
    static Dispatcher D;
    return D;
  }
  void accept(std::shared_ptr<Conn> C) {
    bool Placed = false;
    for (auto &Slot : Conns)
      if (Slot->Dead) {
        Slot = C;
        Placed = true;
        break;
      }
    if (!Placed)
      Conns.push_back(std::move(C));
  }

private:
  std::vector<std::shared_ptr<Conn>> Conns;
};

// --- A pimpl that a singleton's constructor makes.

class Journal {
public:
  static Journal &get() {
    static Journal J;
    return J;
  }
  void record(std::string Line) { Impl->Lines.push_back(std::move(Line)); }

private:
  struct State {
    std::vector<std::string> Lines;
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: member 'State::Lines' of an object owned by the singleton 'Journal' only grows: elements are added in 'Journal::record' but never removed; every element lives until the program exits [leak-unbounded-container]
    // CHECK-MESSAGES: :[[@LINE-6]]:35: note: it grows here{{$}}
    // CHECK-MESSAGES: :[[@LINE+3]]:22: note: 'Journal::State' objects are made here, once per 'Journal', and kept by its member 'Journal::Impl'{{$}}
    // CHECK-MESSAGES: :[[@LINE-4]]:30: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
  };
  Journal() { Impl = std::make_unique<State>(); }
  std::unique_ptr<State> Impl;
};

// --- A by-value member of a static object, two levels down.

struct Samples {
  std::vector<double> Values;
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: member 'Samples::Values' of an object owned by a static 'Server' object only grows: elements are added in 'Samples::add' but never removed; every element lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE+4]]:24: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE+6]]:11: note: 'Samples' is held by value in 'Stats::Latency', so it lives as long as its 'Stats'{{$}}
  // CHECK-MESSAGES: :[[@LINE+9]]:9: note: 'Stats' is held by value in 'Server::Counters', so it lives as long as its 'Server'{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:23: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
  void add(double V) { Values.push_back(V); }
};
struct Stats {
  Samples Latency;
};
struct Server {
  void handle(double Ms) { Counters.Latency.add(Ms); }
  Stats Counters;
};
static Server TheServer;
void onRequest(double Ms) { TheServer.handle(Ms); }

// --- A container the singleton's base class declares.

class EmitterBase {
public:
  void on(std::function<void()> F) { Handlers.push_back(std::move(F)); }

private:
  std::vector<std::function<void()>> Handlers;
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: member 'EmitterBase::Handlers' of an object owned by the singleton 'Bus' only grows: listeners are added in 'EmitterBase::on' but never removed; each registered callback and everything it captures lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-5]]:38: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE+4]]:7: note: 'EmitterBase' is a base class of 'Bus', so it lives as long as its 'Bus' objects{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:38: note: return an unsubscribe handle that erases the listener, or hold std::weak_ptr listeners and drop expired ones{{$}}
};

class Bus : public EmitterBase {
public:
  static Bus &instance() {
    static Bus B;
    return B;
  }
};

// --- Clean: objects that die again.

// A base class of a singleton and of a class with local objects.
class CounterBase {
public:
  void tick() { Ticks.push_back(1); }

private:
  std::vector<int> Ticks;
};
class GlobalCounter : public CounterBase {
public:
  static GlobalCounter &instance() {
    static GlobalCounter C;
    return C;
  }
};
class LocalCounter : public CounterBase {};
void count() {
  LocalCounter C;
  C.tick();
}

// A session made on every connect replaces the last one.
struct Session {
  std::vector<std::string> Log;
  void note(std::string S) { Log.push_back(std::move(S)); }
};
class Gateway {
public:
  static Gateway &instance() {
    static Gateway G;
    return G;
  }
  void connect() { Current.reset(new Session); }
  void note(std::string S) { Current->note(std::move(S)); }

private:
  std::unique_ptr<Session> Current;
};

// Heap objects kept in a container are removed with their entry.
struct Upload {
  std::vector<char> Chunks;
  void append(char C) { Chunks.push_back(C); }
};
class Uploads {
public:
  static Uploads &instance() {
    static Uploads U;
    return U;
  }
  void begin() { Active.push_back(std::make_unique<Upload>()); }
  void finish() { Active.pop_back(); }

private:
  std::vector<std::unique_ptr<Upload>> Active;
};

// A by-value member of a class that also lives on the stack.
struct Buffer {
  std::vector<int> Bytes;
  void put(int B) { Bytes.push_back(B); }
};
struct Frame {
  Buffer Body;
};
static Frame LastFrame;
void parse() {
  Frame Local;
  Local.Body.put(1);
}

// --- Writes into elements that reuse no slot.

// On the growth's own path.
static std::vector<int> Order;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: global 'Order' only grows: elements are added in 'remember' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
void remember(int Id, bool Front) {
  // Overwrites an element only on top of growing: no slot is reused.
  if (Front) {
    Order.push_back(Id);
    Order.back() = Id;
  }
}

// A map's `m[k] = v` adds a key: only sequences have slots.
static std::map<int, std::string> Names;
// CHECK-MESSAGES: :[[@LINE-1]]:35: warning: global 'Names' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+7]]:5: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE+4]]:5: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-4]]:35: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}
void name(int Id, std::string Name) {
  if (Names.count(Id))
    Names[Id] = Name;
  else
    Names.emplace(Id, std::move(Name));
}
