// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

// --- Positive: function-local static keyed by `this` -----------------------

class Widget {
public:
  Widget(int W, int H) : W(W), H(H) {}
  int area() const {
    static std::unordered_map<const Widget *, int> cache;
    // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: function-local static 'cache' is keyed by 'this' of 'Widget' but its entries are not erased when their objects die; a new 'Widget' at a reused address gets a stale entry [leak-static-instance-cache]
    auto It = cache.find(this);
    if (It != cache.end())
      return It->second;
    return cache[this] = W * H;
    // CHECK-MESSAGES: :[[@LINE-1]]:18: note: 'this' is stored here
  }

private:
  int W, H;
};
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: make it a per-instance member of 'Widget': 'mutable std::unordered_map<const Widget *, int> cache;'{{$}}

// --- Positive: static member filled in the constructor ----------------------

struct Named {
  Named() { Names[this] = "anonymous"; }
  static std::map<Named *, std::string> Names;
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: static member 'Named::Names' is keyed by 'this' of 'Named' but its entries are not erased when their objects die; a new 'Named' at a reused address gets a stale entry [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'this' is stored here
  // CHECK-MESSAGES: :[[@LINE-5]]:8: note: erase the entry in '~Named()': 'Names.erase(this);' (no automatic fix: the class has no user-written destructor to put it in){{$}}
};
std::map<Named *, std::string> Named::Names;

// --- Positive: memo of shared_ptr from shared_from_this() -------------------

struct Model : std::enable_shared_from_this<Model> {
  double score(int N) {
    static std::map<std::pair<std::shared_ptr<Model>, int>, double> Memo;
    // CHECK-MESSAGES: :[[@LINE-1]]:69: warning: function-local static 'Memo' is keyed by shared_from_this() of 'Model'; every 'Model' put in it stays alive until the program exits [leak-static-instance-cache]
    auto Key = std::make_pair(shared_from_this(), N);
    auto It = Memo.find(Key);
    if (It != Memo.end())
      return It->second;
    return Memo.emplace(Key, N * 0.5).first->second;
    // CHECK-MESSAGES: :[[@LINE-1]]:25: note: shared_from_this() is stored here
    // CHECK-MESSAGES: :[[@LINE-8]]:69: note: hold std::weak_ptr<Model> instead, or keep the cache in each object keyed by value, so that 'Model' objects can be destroyed{{$}}
  }
};

// --- Positive: static callables capturing `this` ----------------------------

struct Button {
  void click() {
    static std::function<void()> OnClick = [this] { ++Clicks; };
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: function-local static 'OnClick' captures 'this' of the first 'Button' that initialises it; calls through any other 'Button' use that one, which dangles once it is destroyed [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE-2]]:45: note: 'this' is captured here
    OnClick();
  }
  void press() {
    static auto Handler = [=] { ++Clicks; };
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: function-local static 'Handler' captures 'this' of the first 'Button' that initialises it; calls through any other 'Button' use that one, which dangles once it is destroyed [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE-2]]:35: note: 'this' is captured here
    Handler();
  }
  void hold() {
    static auto Counter = [Self = this]() mutable { return ++Self->Clicks; };
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: function-local static 'Counter' captures 'this' of the first 'Button' that initialises it; calls through any other 'Button' use that one, which dangles once it is destroyed [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE-2]]:28: note: 'this' is captured here
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: make it a per-instance member of 'Button' or build it on each call (no automatic fix: the lambda is mutable and keeps state between calls){{$}}
    Counter();
  }
  void bound() {
    static auto Bound = std::bind(&Button::press, this);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: function-local static 'Bound' captures 'this' of the first 'Button' that initialises it; calls through any other 'Button' use that one, which dangles once it is destroyed [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE-2]]:51: note: 'this' is captured here
    Bound();
  }
  int Clicks = 0;
};

// --- Positive: namespace-scope map keyed by std::pair<const T *, int> -------

struct Shape;
namespace {
std::map<std::pair<const Shape *, int>, double> Scaled;
// CHECK-MESSAGES: :[[@LINE-1]]:49: warning: global 'Scaled' is keyed by 'this' of 'Shape' but its entries are not erased when their objects die; a new 'Shape' at a reused address gets a stale entry [leak-static-instance-cache]
} // namespace

struct Shape {
  double scaled(int Factor) const {
    auto It = Scaled.find({this, Factor});
    if (It != Scaled.end())
      return It->second;
    return Scaled.try_emplace({this, Factor}, Factor * 2.0).first->second;
    // CHECK-MESSAGES: :[[@LINE-1]]:31: note: 'this' is stored here
  }
};
// CHECK-MESSAGES: :[[@LINE-9]]:8: note: erase the entries of 'this' in '~Shape()' (no automatic fix: its entries are not keyed by the object's address alone){{$}}

// --- Positive: thread_local cache, tuple key starting with `this` -----------

struct Parser {
  int parse(int Line, char C) {
    thread_local std::map<std::tuple<const Parser *, int, char>, int> Seen;
    // CHECK-MESSAGES: :[[@LINE-1]]:71: warning: thread_local 'Seen' is keyed by 'this' of 'Parser' but its entries are not erased when their objects die; a new 'Parser' at a reused address gets a stale entry [leak-static-instance-cache]
    Seen.emplace(std::make_tuple(this, Line, C), Line);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: note: 'this' is stored here
    return Seen.count(std::make_tuple(this, Line, C));
  }
};
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: make it a per-instance member of 'Parser' (no automatic fix: a per-instance member would be shared by all threads that use the object, where the thread_local was not){{$}}

// --- Positive: vector registry, push_back(shared_from_this()) --------------

struct Session : std::enable_shared_from_this<Session> {
  void start() { Live.push_back(shared_from_this()); }
  static std::vector<std::shared_ptr<Session>> Live;
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: static member 'Session::Live' holds shared_from_this() of 'Session'; every 'Session' put in it stays alive until the program exits [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE-3]]:33: note: shared_from_this() is stored here
  // CHECK-MESSAGES: :[[@LINE-3]]:48: note: hold std::weak_ptr<Session> instead, or keep the cache in each object keyed by value, so that 'Session' objects can be destroyed{{$}}
};
std::vector<std::shared_ptr<Session>> Session::Live;

// --- Positive: mapped value, written from a derived class, void* key --------

struct Base {};
std::map<int, Base *> ById;
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: global 'ById' holds 'this' of 'Derived' but its entries are not erased when their objects die; a new 'Derived' at a reused address gets a stale entry [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE+9]]:16: note: 'this' is stored here
// CHECK-MESSAGES: :[[@LINE+13]]:3: note: erase the entries of 'this' in '~Derived()' (no automatic fix: its entries are not keyed by the object's address alone){{$}}
std::set<const void *> Seen;
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: global 'Seen' is keyed by 'this' of 'Derived' but its entries are not erased when their objects die; a new 'Derived' at a reused address gets a stale entry [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE+7]]:17: note: 'this' is stored here
// CHECK-MESSAGES: :[[@LINE+9]]:3: note: erase the entry in '~Derived()': 'Seen.erase(this);'{{$}}
int Alive = 0;
struct Derived : Base {
  explicit Derived(int Id) {
    ById[Id] = this;
    ++Alive;
    Seen.insert(this);
    (void)Id;
  }
  ~Derived() { --Alive; }
  // CHECK-FIXES: ~Derived() { Seen.erase(this); --Alive; }
};

// --- Positive: a static reached through an accessor -------------------------

std::set<const struct Timer *> &activeTimers() {
  static std::set<const struct Timer *> Active;
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: function-local static 'Active' is keyed by 'this' of 'Timer' but its entries are not erased when their objects die; a new 'Timer' at a reused address gets a stale entry [leak-static-instance-cache]
  return Active;
}
struct Timer {
  void arm() { activeTimers().insert(this); }
  // CHECK-MESSAGES: :[[@LINE-1]]:38: note: 'this' is stored here
  ~Timer() {}
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: erase the entry in '~Timer()': 'activeTimers().erase(this);'{{$}}
  // CHECK-FIXES: ~Timer() { activeTimers().erase(this); }
};

// --- Negative: value-keyed caches, per-instance members, read-only ----------

struct Pricing {
  double price(int Sku) const {
    static std::unordered_map<int, double> BySku; // class-level, by value
    auto It = BySku.find(Sku);
    if (It != BySku.end())
      return It->second;
    return BySku[Sku] = Sku * 1.5;
  }
  double discounted(const std::string &Code, int N) const {
    static std::map<std::tuple<std::string, int>, double> Table;
    return Table[std::make_tuple(Code, N)] = N * 0.9;
  }
  int lookup() const {
    static std::map<const Pricing *, int> Known; // read only
    auto It = Known.find(this);
    return It == Known.end() ? 0 : It->second;
  }
  int memberCache() const { return PerInstance[this] = 1; }
  mutable std::map<const Pricing *, int> PerInstance; // not static
};

// A key that merely comes from a member of `this` is a value.
struct Account {
  int Id = 0;
  const Account *Parent = nullptr;
  void index() {
    static std::map<int, int> ById;
    ById[this->Id] = 1;
    static std::set<const Account *> Parents;
    Parents.insert(this->Parent);
    static std::map<const Account *, int> Weird;
    Weird[Parent] = Id;
  }
};

// --- Negative: registries that unregister in the destructor ----------------

struct Observer {
  Observer() { All.insert(this); }
  ~Observer() { All.erase(this); }
  static std::set<Observer *> All;
};
std::set<Observer *> Observer::All;

struct Listener {
  Listener() { Registry.push_back(this); }
  ~Listener() { unregister(); }
  void unregister() {
    Registry.erase(std::remove(Registry.begin(), Registry.end(), this),
                   Registry.end());
  }
  static std::vector<Listener *> Registry;
};
std::vector<Listener *> Listener::Registry;

// --- Negative: weak_ptr values, const tables, static member functions -------

struct Node : std::enable_shared_from_this<Node> {
  void track() { Weak[Id] = weak_from_this(); }
  static int make(int N) {
    static std::map<int, int> Made;
    return Made[N] = N;
  }
  int lookup() const {
    static const std::map<int, const Node *> Fixed = {{1, nullptr}};
    return Fixed.count(Id);
  }
  int Id = 0;
  static std::map<int, std::weak_ptr<Node>> Weak;
};
std::map<int, std::weak_ptr<Node>> Node::Weak;

// --- Negative: lambdas that copy the object or capture nothing --------------

struct Formatter {
  std::string format() const {
    static auto Prefix = [] { return std::string("> "); };
    auto Local = [this] { return Text; };
    return Prefix() + Local();
  }
  std::string Text;
};

// --- Negative: Meyers singletons may register themselves -------------------

class Config {
public:
  static Config &instance() {
    static Config TheConfig;
    return TheConfig;
  }
  void load() { Loaded.push_back(this); }

private:
  static std::vector<Config *> Loaded;
};
std::vector<Config *> Config::Loaded;

// --- NOLINT ----------------------------------------------------------------

struct Legacy {
  int get() {
    static std::map<const Legacy *, int> Cache; // NOLINT(leak-static-instance-cache)
    return Cache[this] = 1;
  }
};
