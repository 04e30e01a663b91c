// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17
//
// Reduced from the precision corpus (docs/evaluation/precision.md): each
// quiet case was a false positive on a real library, each loud one is its
// nearest true positive.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <system_error>
#include <typeindex>
#include <unordered_map>
#include <vector>

// --- Quiet: boost/system/detail/std_interoperability.hpp -------------------
// One adapter per error category: categories are compared by address, so
// the map is bounded by the categories the program defines.
struct Adapter : std::error_category {
  explicit Adapter(const std::error_category *C) : Wrapped(C) {}
  const char *name() const noexcept override { return Wrapped->name(); }
  std::string message(int Ev) const override { return Wrapped->message(Ev); }
  const std::error_category *Wrapped;
};
const std::error_category &adapt(const std::error_category &Cat) {
  static std::map<const std::error_category *, std::unique_ptr<Adapter>> Map;
  static std::mutex Mutex;
  std::lock_guard<std::mutex> Guard(Mutex);
  auto It = Map.find(&Cat);
  if (It == Map.end())
    It = Map.emplace(&Cat, std::make_unique<Adapter>(&Cat)).first;
  return *It->second;
}

// Keyed by a type, an enumerator or a bool: as bounded.
enum class Channel { Audit, Access, Error };
struct Sink {
  std::string Name;
};
Sink &sinkFor(Channel C) {
  static std::unordered_map<Channel, Sink> Sinks;
  return Sinks[C];
}
std::string &nameOf(const std::type_info &T) {
  static std::map<std::type_index, std::string> Names;
  return Names.try_emplace(std::type_index(T), T.name()).first->second;
}
int &counter(bool Ok) {
  static std::map<bool, int> Counts;
  return Counts[Ok];
}

// --- Loud: a multimap's key repeats, so an enum key does not bound it -----
std::multimap<Channel, std::string> &channelLog() {
  static std::multimap<Channel, std::string> Log;
  // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: function-local static 'Log' grows by one entry per insertion and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE+5]]:3: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:46: note: bound it: {{.*}}
  return Log;
}
void logTo(Channel C, std::string Line) {
  channelLog().emplace(C, std::move(Line));
}

// --- Loud: owned objects by name are entries, not listeners ---------------
struct Plugin {
  virtual ~Plugin() = default;
  virtual void run() = 0;
};
struct Echo : Plugin {
  void run() override {}
};
static std::map<std::string, std::unique_ptr<Plugin>> Loaded;
// CHECK-MESSAGES: :[[@LINE-1]]:55: warning: global 'Loaded' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+3]]:3: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:55: note: bound it: {{.*}}
void load(const std::string &Name) {
  Loaded.emplace(Name, std::make_unique<Echo>());
}

// --- Quiet: catch2/catch.hpp, catch_singletons.cpp -------------------------
// A static pointer to a vector that a clean-up function deletes.
struct ISingleton {
  virtual ~ISingleton();
};
namespace {
std::vector<ISingleton *> *&getSingletons() {
  static std::vector<ISingleton *> *Singletons = nullptr;
  if (!Singletons)
    Singletons = new std::vector<ISingleton *>();
  return Singletons;
}
} // namespace
void addSingleton(ISingleton *S) { getSingletons()->push_back(S); }
void cleanupSingletons() {
  auto &Singletons = getSingletons();
  for (ISingleton *S : *Singletons)
    delete S;
  delete Singletons;
  Singletons = nullptr;
}

// --- Loud: the same without the clean-up ---------------------------------
std::vector<ISingleton *> *&getObservers() {
  static std::vector<ISingleton *> *Observers = new std::vector<ISingleton *>();
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: function-local static 'Observers' only grows: 'ISingleton' objects are added in 'addObserver' but never removed; every entry stays until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE+4]]:35: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:37: note: remove each 'ISingleton' when it is done with {{.*}}
  return Observers;
}
void addObserver(ISingleton *S) { getObservers()->push_back(S); }

// --- Quiet: a factory table its singleton's constructor fills (CLI11 TU) ---
struct Command {
  virtual ~Command() = default;
};
class CommandRegistry {
public:
  using Factory = std::function<std::unique_ptr<Command>()>;
  static CommandRegistry &instance() {
    static CommandRegistry Registry;
    return Registry;
  }
  std::vector<std::unique_ptr<Command>> createAll() const {
    std::vector<std::unique_ptr<Command>> Out;
    for (const auto &KV : Factories)
      Out.push_back(KV.second());
    return Out;
  }

private:
  CommandRegistry() {
    add("clone", [] { return std::make_unique<Command>(); });
    add("log", [] { return std::make_unique<Command>(); });
  }
  void add(std::string Name, Factory F) {
    Factories.emplace(std::move(Name), std::move(F));
  }
  std::map<std::string, Factory> Factories;
};

// --- Loud: the same table, also filled after start-up ---------------------
class HookRegistry {
public:
  static HookRegistry &instance() {
    static HookRegistry Registry;
    return Registry;
  }
  void add(std::string Name, std::function<void()> F) {
    Hooks.emplace(std::move(Name), std::move(F));
  }

private:
  HookRegistry() { add("start", [] {}); }
  std::map<std::string, std::function<void()>> Hooks;
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: singleton member 'HookRegistry::Hooks' only grows: listeners are added in 'HookRegistry::add' but never removed; {{.*}}
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:48: note: return an unsubscribe handle {{.*}}
};
void onRequest(const std::string &Id) {
  HookRegistry::instance().add(Id, [] {});
}
