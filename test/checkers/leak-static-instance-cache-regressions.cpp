// Regressions found by adversarial review: every case here once produced a
// fix-it that did not compile, a false positive, a missed registry, or a
// misleading message.
//
// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

// --- The object as a mapped value: `erase(this)` would not find it. -------
struct Conn {};
struct Handler {
  explicit Handler(Conn *C) : C(C) { Handlers[C] = this; }
  ~Handler() {}
  // CHECK-FIXES: ~Handler() {}
  Conn *C;
  static std::map<Conn *, Handler *> Handlers;
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: static member 'Handler::Handlers' holds 'this' of 'Handler' but its entries are not erased when their objects die; a new 'Handler' at a reused address gets a stale entry [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE-6]]:52: note: 'this' is stored here{{$}}
  // CHECK-MESSAGES: :[[@LINE-6]]:3: note: erase the entries of 'this' in '~Handler()' (no automatic fix: the object is a mapped value, not the key){{$}}
};
std::map<Conn *, Handler *> Handler::Handlers;

struct Sock {
  Sock() { ByNative.emplace(Native, this); }
  ~Sock() {}
  void *Native = nullptr;
  static std::unordered_map<void *, Sock *> ByNative;
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: static member 'Sock::ByNative' holds 'this' of 'Sock' but its entries are not erased when their objects die; a new 'Sock' at a reused address gets a stale entry [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE-5]]:37: note: 'this' is stored here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: erase the entries of 'this' in '~Sock()' (no automatic fix: the object is a mapped value, not the key){{$}}
};
std::unordered_map<void *, Sock *> Sock::ByNative;

// --- Out-of-line definitions and redeclarations: one finding, one fix. -----
struct Reg {
  static std::set<Reg *> All;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: static member 'Reg::All' is keyed by 'this' of 'Reg' but its entries are not erased when their objects die; a new 'Reg' at a reused address gets a stale entry [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE+3]]:22: note: 'this' is stored here{{$}}
  // CHECK-MESSAGES: :[[@LINE+7]]:32: note: 'this' is stored here{{$}}
  // CHECK-MESSAGES: :[[@LINE+7]]:6: note: erase the entry in '~Reg()': 'All.erase(this);'{{$}}
  Reg() { All.insert(this); }
  ~Reg();
  void again();
};
std::set<Reg *> Reg::All;
void Reg::again() { All.insert(this); }
Reg::~Reg() {
  // CHECK-FIXES: All.erase(this);
  int Unused = 0;
  (void)Unused;
}

// --- `extern` inside a function: not visible in the destructor. ----------
struct Ex {
  Ex() {
    extern std::set<Ex *> Exs;
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: global 'Exs' is keyed by 'this' of 'Ex' but its entries are not erased when their objects die; a new 'Ex' at a reused address gets a stale entry [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE+2]]:16: note: 'this' is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE+3]]:3: note: erase the entry in '~Ex()': 'Exs.erase(this);' (no automatic fix: the registry is not visible by its name in the destructor){{$}}
    Exs.insert(this);
  }
  ~Ex() {}
};
std::set<Ex *> Exs;

// --- Removal the destructor reaches: all quiet. ---------------------------
struct Component;
static std::set<Component *> Components;
struct Component {
  virtual ~Component() { Components.erase(this); }
};
struct Button : Component {
  Button() { Components.insert(this); }
};

struct ViaReference {
  ViaReference() { Observers.push_back(this); }
  ~ViaReference() {
    auto &V = Observers;
    V.erase(std::remove(V.begin(), V.end(), this), V.end());
  }
  static std::vector<ViaReference *> Observers;
};
std::vector<ViaReference *> ViaReference::Observers;

struct ViaStatic {
  ViaStatic() { Live.insert(this); }
  ~ViaStatic() { unregister(this); }
  static void unregister(ViaStatic *C) { Live.erase(C); }
  static std::set<ViaStatic *> Live;
};
std::set<ViaStatic *> ViaStatic::Live;

struct ViaFree;
std::set<ViaFree *> Sessions;
void forget(ViaFree *S) { Sessions.erase(S); }
struct ViaFree {
  ViaFree() { Sessions.insert(this); }
  ~ViaFree() { forget(this); }
};

struct TwoDeep {
  TwoDeep() { Timers.insert(this); }
  ~TwoDeep() { cleanup(); }
  void cleanup() { cancel(); }
  void cancel() { Timers.erase(this); }
  static std::set<TwoDeep *> Timers;
};
std::set<TwoDeep *> TwoDeep::Timers;

std::set<struct Panel *> &panels() {
  static std::set<Panel *> All;
  return All;
}
struct Unregister {
  Panel *P;
  ~Unregister() { panels().erase(P); }
};
struct Panel {
  Panel() { panels().insert(this); }
  Unregister Handle{this};
};

// A re-entrancy guard takes its own entry out again.
struct Visitor {
  std::vector<Visitor *> Kids;
  bool visit() {
    static std::set<const Visitor *> InProgress;
    if (!InProgress.insert(this).second)
      return false;
    for (Visitor *K : Kids)
      K->visit();
    InProgress.erase(this);
    return true;
  }
};

// --- Singletons through a CRTP base or a shared_ptr: quiet. ---------------
template <class T> struct Singleton {
  static T &instance() {
    static T TheInstance;
    return TheInstance;
  }
};
struct Logger : Singleton<Logger> {
  int level() {
    static std::map<Logger *, int> Levels;
    return Levels[this];
  }
};
struct Pool {
  static std::shared_ptr<Pool> instance() {
    static auto ThePool = std::make_shared<Pool>();
    return ThePool;
  }
  int size() {
    static std::map<Pool *, int> Sizes;
    return Sizes[this];
  }
};

// --- Registries reached through elements, pointers, accessors. ------------
struct Listener {
  explicit Listener(const std::string &Event) {
    Listeners[Event].push_back(this);
  }
  static std::map<std::string, std::vector<Listener *>> Listeners;
  // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: static member 'Listener::Listeners' holds 'this' of 'Listener' but its entries are not erased when their objects die; a new 'Listener' at a reused address gets a stale entry [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE-4]]:32: note: 'this' is stored here{{$}}
  // CHECK-MESSAGES: :[[@LINE-7]]:8: note: erase the entries of 'this' in '~Listener()' (no automatic fix: the code that fills it reaches it through another expression){{$}}
};
std::map<std::string, std::vector<Listener *>> Listener::Listeners;

struct Subscriber {
  void subscribe(int Topic) { ByTopic.at(Topic).insert(this); }
  static std::map<int, std::set<Subscriber *>> ByTopic;
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: static member 'Subscriber::ByTopic' is keyed by 'this' of 'Subscriber' but its entries are not erased when their objects die; a new 'Subscriber' at a reused address gets a stale entry [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE-3]]:56: note: 'this' is stored here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:8: note: erase the entries of 'this' in '~Subscriber()' (no automatic fix: the code that fills it reaches it through another expression){{$}}
};
std::map<int, std::set<Subscriber *>> Subscriber::ByTopic;

std::set<struct Leaky *> &leakyRegistry() {
  static auto *S = new std::set<Leaky *>();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: function-local static 'S' is keyed by 'this' of 'Leaky' but its entries are not erased when their objects die; a new 'Leaky' at a reused address gets a stale entry [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE+5]]:36: note: 'this' is stored here{{$}}
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: erase the entry in '~Leaky()': 'leakyRegistry().erase(this);'{{$}}
  return *S;
}
struct Leaky {
  Leaky() { leakyRegistry().insert(this); }
  ~Leaky() {}
  // CHECK-FIXES: ~Leaky() { leakyRegistry().erase(this); }
};

struct ByPointer {
  ByPointer() { Reg->insert(this); }
  ~ByPointer() {}
  // CHECK-FIXES: ~ByPointer() { Reg->erase(this); }
  static std::set<ByPointer *> *Reg;
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: static member 'ByPointer::Reg' is keyed by 'this' of 'ByPointer' but its entries are not erased when their objects die; a new 'ByPointer' at a reused address gets a stale entry [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE-5]]:29: note: 'this' is stored here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: erase the entry in '~ByPointer()': 'Reg->erase(this);'{{$}}
};
std::set<ByPointer *> *ByPointer::Reg = new std::set<ByPointer *>();

struct MemberAccessor {
  std::set<MemberAccessor *> &all() {
    static std::set<MemberAccessor *> S;
    // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: function-local static 'S' is keyed by 'this' of 'MemberAccessor' but its entries are not erased when their objects die; a new 'MemberAccessor' at a reused address gets a stale entry [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE+4]]:35: note: 'this' is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE+4]]:3: note: erase the entry in '~MemberAccessor()': 'all().erase(this);'{{$}}
    return S;
  }
  MemberAccessor() { all().insert(this); }
  ~MemberAccessor() {}
  // CHECK-FIXES: ~MemberAccessor() { all().erase(this); }
};

// --- A class without a name. ----------------------------------------------
struct {
  int get() {
    static std::map<const void *, int> M;
    // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: function-local static 'M' is keyed by 'this' of '(unnamed class)' but its entries are not erased when their objects die; a new '(unnamed class)' at a reused address gets a stale entry [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE+2]]:14: note: 'this' is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE+3]]:1: note: make it a per-instance member of '(unnamed class)': 'std::map<const void *, int> M;' (no automatic fix: '(unnamed class)' is an aggregate, and a new member would change how it is initialised){{$}}
    return M[this];
  }
} Anonymous;
int useAnonymous() { return Anonymous.get(); }
