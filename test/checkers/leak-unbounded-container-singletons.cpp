// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17
//
// Singletons reached through a free function (or a static member function
// of another class) that hands out its own function-local static: the one
// object lives until the program exits, so what its members gather does too.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// --- Positive: `static auto *p = new T; return *p;` -------------------------

class QueueRegistry {
public:
  uint32_t registerQueue(const std::string &Name) {
    uint32_t Token = Next++;
    Tokens[Name] = Token;
    return Token;
  }

private:
  uint32_t Next = 1;
  std::unordered_map<std::string, uint32_t> Tokens;
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: singleton member 'QueueRegistry::Tokens' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-8]]:5: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:45: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}
};

QueueRegistry &globalQueues() {
  static auto *Ptr = new QueueRegistry;
  return *Ptr;
}

// --- Positive: a static member function of another class, by address -------

class Journal {
public:
  void record(std::string Line) { Lines.push_back(std::move(Line)); }

private:
  std::vector<std::string> Lines;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: singleton member 'Journal::Lines' only grows: elements are added in 'Journal::record' but never removed; every element lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-5]]:35: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:28: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
};

struct Globals {
  static Journal *journal() {
    static Journal J;
    return &J;
  }
};

void handleRequest(const std::string &Request) {
  Globals::journal()->record(Request);
}

// --- Positive: a static object the function keeps to itself ---------------

class Scratch {
public:
  void add(int V) { Values.push_back(V); }
  std::vector<int> Values;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: static object's member 'Scratch::Values' only grows: elements are added in 'Scratch::add' but never removed; every element lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-3]]:21: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:20: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
};

int sumOnce(int V) {
  static Scratch Local;
  Local.add(V);
  return static_cast<int>(Local.Values.size());
}

// --- Negative: a heap object a function keeps to itself and deletes ---------

class Batch {
public:
  void add(int V) { Values.push_back(V); }
  std::vector<int> Values;
};

void flushOnce(int V) {
  // Not handed out, and replaced: nothing says it lives forever.
  static Batch *Current = new Batch;
  Current->add(V);
  if (Current->Values.size() > 100) {
    delete Current;
    Current = new Batch;
  }
}

// --- Negative: the singleton's container is bounded --------------------------

class Sessions {
public:
  void open(int Id) { Open[Id] = std::to_string(Id); }
  void close(int Id) { Open.erase(Id); }

private:
  std::map<int, std::string> Open;
};

Sessions &sessions() {
  static std::unique_ptr<Sessions> Instance(new Sessions);
  return *Instance;
}

// Other files may call this one, and so end sessions.
void endSession(int Id) { sessions().close(Id); }

// --- Positive: emptied only in the singleton's own destructor ---------------

class AuditLog {
public:
  static AuditLog &get() {
    static AuditLog L;
    return L;
  }
  void add(const std::string &S) { Lines.push_back(S); }
  ~AuditLog() { Lines.clear(); }

private:
  std::vector<std::string> Lines;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: singleton member 'AuditLog::Lines' only grows: elements are added in 'AuditLog::add' but never removed; every element lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-6]]:36: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-6]]:17: note: it is only emptied here, in the destructor of the object that holds it, which runs when the program exits{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:28: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
};

// --- Negative: flushed by a member function while the program runs ----------

class Outbox {
public:
  static Outbox &get() {
    static Outbox O;
    return O;
  }
  void add(const std::string &S) { Pending.push_back(S); }
  void flush() { Pending.clear(); }
  ~Outbox() { Pending.clear(); }

private:
  std::vector<std::string> Pending;
};

// --- Positive: made on first use into a static member pointer ---------------

class PresenceBus {
public:
  static PresenceBus *get();
  void subscribe(std::function<void(bool)> L) { Listeners.push_back(std::move(L)); }

private:
  PresenceBus() = default;
  static PresenceBus *Instance;
  std::vector<std::function<void(bool)>> Listeners;
  // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: singleton member 'PresenceBus::Listeners' only grows: listeners are added in 'PresenceBus::subscribe' but never removed; each registered callback and everything it captures lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-7]]:49: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:42: note: return an unsubscribe handle that erases the listener, or hold std::weak_ptr listeners and drop expired ones{{$}}
};
PresenceBus *PresenceBus::Instance = nullptr;
PresenceBus *PresenceBus::get() {
  if (!Instance)
    Instance = new PresenceBus();
  return Instance;
}

// --- Positive: the same through a unique_ptr at namespace scope -------------

class Exporter {
public:
  void observe(const std::string &Path) { Histograms[Path] += 1; }

private:
  std::map<std::string, long> Histograms;
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: singleton member 'Exporter::Histograms' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-5]]:43: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}
};
static std::unique_ptr<Exporter> TheExporter;
Exporter &exporter() {
  if (!TheExporter)
    TheExporter = std::make_unique<Exporter>();
  return *TheExporter;
}

// --- Negative: a static pointer set from outside is no singleton ------------

class Sink {
public:
  void write(const std::string &Line) { Lines.push_back(Line); }

private:
  std::vector<std::string> Lines;
};
static Sink *CurrentSink = nullptr;
void setSink(Sink *S) { CurrentSink = S; }
Sink *currentSink() { return CurrentSink; }
