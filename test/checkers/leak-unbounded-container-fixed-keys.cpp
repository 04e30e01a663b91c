// Tables whose keys come from a set the program's text fixes stop growing:
// keys every caller spells as a literal (also through a macro), keys a range
// check confines, keys reduced by `%` or `&`, keys a function returns only as
// constants, a named constant. Their leaking twins: one caller passes a
// run-time value, the range is too wide, the key changes after its check,
// the function's address escapes, the function may be called from another
// TU. Also entries emptied through a lookup's iterator or a range-for, and an
// unsubscribe that nothing calls.
//
// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>

// Counters bumped through a macro; every caller names a literal.
class Counters {
public:
  static Counters &instance() {
    static Counters C;
    return C;
  }
  void add(const char *Name, uint64_t By) { Values[Name] += By; }

private:
  std::map<std::string, uint64_t> Values;
};
#define COUNT(name) ::Counters::instance().add("" name, 1)
#define COUNT_BYTES(name, n) ::Counters::instance().add("srv." name, (n))

void onRequest(const std::string &Body) {
  COUNT("requests");
  if (Body.empty())
    COUNT("empty_requests");
  COUNT_BYTES("bytes_in", Body.size());
}

// Twin: one caller passes the tenant's name, read at run time.
class TenantCounters {
public:
  static TenantCounters &instance() {
    static TenantCounters C;
    return C;
  }
  void add(const std::string &Name) { ++Values[Name]; }

private:
  std::unordered_map<std::string, uint64_t> Values;
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: singleton member 'TenantCounters::Values' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-5]]:41: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:45: note: bound it: {{.*}}
};
void onTenant(const std::string &Tenant) {
  TenantCounters::instance().add("all");
  TenantCounters::instance().add(Tenant);
}

// A status code checked to lie in 100..599, and a worker index < 16.
class StatusMeter {
public:
  static StatusMeter &instance() {
    static StatusMeter M;
    return M;
  }
  void record(int Status, unsigned Worker) {
    if (Status < 100 || Status > 599 || Worker >= 16)
      return;
    ++ByStatus[Status];
    ++ByWorker[Worker];
  }

private:
  std::map<int, uint64_t> ByStatus;
  std::map<unsigned, uint64_t> ByWorker;
};
void recordStatus(int S, unsigned W) { StatusMeter::instance().record(S, W); }

// Twins: a range of ten million ids; a status that changes after its check.
class WideMeter {
public:
  static WideMeter &instance() {
    static WideMeter M;
    return M;
  }
  void record(long Id, int Status, int Offset) {
    if (Id < 0 || Id > 10000000)
      return;
    ++ById[Id];
    if (Status < 100 || Status > 599)
      return;
    Status += Offset;
    ++ByStatus[Status];
  }

private:
  std::map<long, uint64_t> ById;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: singleton member 'WideMeter::ById' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-10]]:7: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:28: note: bound it: {{.*}}
  std::map<int, uint64_t> ByStatus;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: singleton member 'WideMeter::ByStatus' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-10]]:7: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:27: note: bound it: {{.*}}
};
void recordWide(long Id, int S, int O) { WideMeter::instance().record(Id, S, O); }

// Keys reduced to a few values, a key a function returns only as
// constants, a named constant.
static const char *sizeClass(std::size_t N) {
  if (N < 1024)
    return "small";
  return N < (1 << 20) ? "medium" : "large";
}
const std::string IdleState = "idle";
std::map<uint64_t, std::string> Slots;
std::map<std::string, uint64_t> BySize;
std::map<std::string, uint64_t> ByState;
void account(uint64_t Hash, std::size_t Bytes, const std::string &Owner) {
  Slots[Hash % 64] = Owner;
  Slots.emplace(Hash & 0xff, Owner);
  ++BySize[sizeClass(Bytes)];
  ByState.try_emplace(IdleState, 0);
}

// Twin: the size class is the caller's string in one branch.
static std::string label(std::size_t N, const std::string &Custom) {
  if (N == 0)
    return "empty";
  return Custom;
}
std::map<std::string, uint64_t> ByLabel;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: global 'ByLabel' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
void accountLabel(std::size_t N, const std::string &Custom) {
  ++ByLabel[label(N, Custom)];
  // CHECK-MESSAGES: :[[@LINE-1]]:5: note: it grows here{{$}}
}
// CHECK-MESSAGES: :[[@LINE-6]]:33: note: bound it: {{.*}}

// Twin: the counter's address escapes, so callers the TU cannot see may
// pass any name.
class Gauges {
public:
  static Gauges &instance() {
    static Gauges G;
    return G;
  }
  void set(const std::string &Name, double V) { Values[Name] = V; }

private:
  std::map<std::string, double> Values;
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: singleton member 'Gauges::Values' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-5]]:49: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:33: note: bound it: {{.*}}
};
void setLoad(double V) { Gauges::instance().set("load", V); }
std::function<void(const std::string &, double)> gaugeSetter() {
  return std::bind(&Gauges::set, &Gauges::instance(), std::placeholders::_1,
                   std::placeholders::_2);
}

// Twin: a function any TU may call, here only with literals.
std::map<std::string, uint64_t> Hits;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: global 'Hits' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
void hit(const std::string &Page) { ++Hits[Page]; }
// CHECK-MESSAGES: :[[@LINE-1]]:39: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-4]]:33: note: bound it: {{.*}}
void hitHome() { hit("home"); }

// An inline function defined only in this file: another TU calling it
// would need its own definition, so only this TU's literals reach it.
std::map<std::string, uint64_t> Views;
inline void view(const std::string &Page) { ++Views[Page]; }
void viewHome() { view("home"); }
void viewAbout() { view("about"); }

// Twin: the same inline function, also handed a name from outside.
std::map<std::string, uint64_t> Opens;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: global 'Opens' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
inline void open(const std::string &Page) { ++Opens[Page]; }
// CHECK-MESSAGES: :[[@LINE-1]]:47: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-4]]:33: note: bound it: {{.*}}
void openHome() { open("home"); }
void openAny(const std::string &Page) { open(Page); }

// An event bus with literal topics; listeners leave through the lookup's
// iterator, or through a walk over every topic.
class Bus {
public:
  using Handler = std::function<void(const std::string &)>;
  static Bus &instance() {
    static Bus B;
    return B;
  }
  uint64_t subscribe(const std::string &Topic, Handler H) {
    uint64_t Id = Next++;
    Handlers[Topic].emplace(Id, std::move(H));
    return Id;
  }
  void unsubscribe(const std::string &Topic, uint64_t Id) {
    auto It = Handlers.find(Topic);
    if (It != Handlers.end())
      It->second.erase(Id);
  }
  void unsubscribeEverywhere(uint64_t Id) {
    for (auto &Entry : Handlers)
      Entry.second.erase(Id);
  }

private:
  uint64_t Next = 1;
  std::map<std::string, std::map<uint64_t, Handler>> Handlers;
};
struct Presence {
  Presence() : Id(Bus::instance().subscribe("presence", [](auto &) {})) {}
  ~Presence() { Bus::instance().unsubscribe("presence", Id); }
  uint64_t Id;
};
void leaveAll(uint64_t Id) { Bus::instance().unsubscribeEverywhere(Id); }

// Twins: topics named at run time pile up even though their listeners
// leave; listeners whose unsubscribe nothing calls.
class TopicBus {
public:
  using Handler = std::function<void()>;
  static TopicBus &instance() {
    static TopicBus B;
    return B;
  }
  uint64_t subscribe(const std::string &Topic, Handler H) {
    uint64_t Id = Next++;
    Handlers[Topic].emplace(Id, std::move(H));
    return Id;
  }
  void unsubscribe(const std::string &Topic, uint64_t Id) {
    auto It = Handlers.find(Topic);
    if (It != Handlers.end())
      It->second.erase(Id);
  }

private:
  uint64_t Next = 1;
  std::map<std::string, std::map<uint64_t, Handler>> Handlers;
  // CHECK-MESSAGES: :[[@LINE-1]]:54: warning: singleton member 'TopicBus::Handlers' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-13]]:5: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:54: note: bound it: {{.*}}
};
void watch(const std::string &Room) {
  uint64_t Id = TopicBus::instance().subscribe("room." + Room, [] {});
  TopicBus::instance().unsubscribe("room." + Room, Id);
}

class QuietBus {
public:
  using Handler = std::function<void()>;
  static QuietBus &instance() {
    static QuietBus B;
    return B;
  }
  uint64_t subscribe(const std::string &Topic, Handler H) {
    uint64_t Id = Next++;
    Handlers[Topic].emplace(Id, std::move(H));
    return Id;
  }
  void unsubscribe(const std::string &Topic, uint64_t Id) {
    auto It = Handlers.find(Topic);
    if (It != Handlers.end())
      It->second.erase(Id);
  }

private:
  uint64_t Next = 1;
  std::map<std::string, std::map<uint64_t, Handler>> Handlers;
  // CHECK-MESSAGES: :[[@LINE-1]]:54: warning: singleton member 'QuietBus::Handlers' only grows: listeners are added in 'QuietBus::subscribe' but never removed; each registered callback and everything it captures lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-13]]:5: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-8]]:7: note: it is only emptied here, in 'QuietBus::unsubscribe', which nothing in the program calls{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:54: note: return an unsubscribe handle {{.*}}
};
void listen() { QuietBus::instance().subscribe("ticks", [] {}); }

// Keys every caller spells as a literal, through a function template
// defined here (its uninstantiated body leaves the call unresolved; its
// instantiations are read). The leaking twin's template is handed a
// run-time name by one caller.
class Tagged {
public:
  static Tagged &instance() {
    static Tagged T;
    return T;
  }
  void add(const std::string &Tag, int Id) { Buckets[Tag] += Id; }
  void addOpen(const std::string &Tag, int Id) { Open[Tag] += Id; }

private:
  Tagged() = default;
  std::map<std::string, int> Buckets;
  std::map<std::string, int> Open;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: singleton member 'Tagged::Open' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-7]]:50: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:30: note: bound it: {{.*}}
};
template <class T> void indexUnder(const std::string &Tag, T &Obj) {
  Tagged::instance().add(Tag, Obj.id());
}
template <class T> void indexOpen(const std::string &Tag, T &Obj) {
  Tagged::instance().addOpen(Tag, Obj.id());
}
struct Shot {
  int id() const { return 7; }
  void spawn() { indexUnder("shot", *this); }
  void label(const std::string &Name) {
    indexOpen("shot", *this);
    indexOpen(Name, *this);
  }
};
