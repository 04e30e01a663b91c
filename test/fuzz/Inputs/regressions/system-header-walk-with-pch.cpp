// Registries filled through a function: the store names a parameter, and the
// call that passes `this` or shared_from_this() says whose object it is.
// Also registries that are members of a singleton. Clean twins: the
// destructor undoes the registration (directly or through helpers), the
/dget *W) { Items.push_back(W); }
  void remove(Widget *W) {
    Items.erase(std::remove(Items.begin(), Items.end(), W), Items.end());
  }

private:
  std::vector<Widget *> Items;
};
class Widget {
public:
  Widget() { Registry::instance().add(this); }
};
// CHECK-MESSAGES: :[[@LINE-6]]:25: warning: singleton member 'Registry::Items' holds 'this' of 'Widget' but its entries are not erased when their objects die; a new 'Widget' at a reused address gets a stale entry [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'this' is passed to 'Registry::add' here{{$}}
// CHECK-MESSAGES: :[[@LINE-14]]:41: note: 'Registry::add' stores it here{{$}}
// CHECK-MESSAGES: :[[@LINE-7]]:7: note: erase the entries of 'this' in '~Widget()', undoing what 'Registry::add' does{{$}}
} // namespace p1

// Clean twin: the destructor unregisters through the singleton.
namespace c1 {
class Gadget;
class Registry {
public:
  static Registry &instance() {
    static Registry R;
    return R;
  }
  void add(Gadget *G) { Items.insert(G); }
  void remove(Gadget *G) { Items.erase(G); }

private:
  std::set<Gadget *> Items;
};
class Gadget {
public:
  Gadget() { Registry::instance().add(this); }
  ~Gadget() { Registry::instance().remove(this); }
};
} // namespace c1

// Clean twin: the destructor calls a free helper that unregisters.
namespace c2 {
struct Sensor;
struct Hub {
  static Hub &get() {
    static Hub H;
    return H;
  }
  void attach(Sensor *S) { Sensors.push_back(S); }
  void detach(Sensor *S) {
    Sensors.erase(std::remove(Sensors.begin(), Sensors.end(), S),
                  Sensors.end());
  }
  std::vector<Sensor *> Sensors;
};
void unregisterSensor(Sensor *S) { Hub::get().detach(S); }
struct Sensor {
  Sensor() { Hub::get().attach(this); }
  ~Sensor() { unregisterSensor(this); }
};
} // namespace c2

// A global, filled two calls away from shared_from_this().
namespace p2 {
struct Session;
std::vector<std::shared_ptr<Session>> All;
void keep(std::shared_ptr<Session> S) { All.push_back(std::move(S)); }
void track(std::shared_ptr<Session> S) { keep(S); }
struct Session : std::enable_shared_from_this<Session> {
  void start() { track(shared_from_this()); }
};
// CHECK-MESSAGES: :[[@LINE-6]]:39: warning: global 'All' holds shared_from_this() of 'Session'; every 'Session' put in it stays alive until the program exits [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE-3]]:24: note: shared_from_this() is passed to 'track' here{{$}}
// CHECK-MESSAGES: :[[@LINE-7]]:55: note: 'keep' stores it here{{$}}
// CHECK-MESSAGES: :[[@LINE-9]]:39: note: hold std::weak_ptr<Session> instead, or keep the cache in each object keyed by value, so that 'Session' objects can be destroyed{{$}}
} // namespace p2

// Clean twin: the registry is a member of an ordinary object, which dies
// with its nodes.
namespace c3 {
struct Node;
struct Graph {
  void add(Node *N) { Nodes.push_back(N); }
  std::vector<Node *> Nodes;
};
struct Node {
  explicit Node(Graph &G) { G.add(this); }
};
} // namespace c3

// Clean twin: what is stored is a value of the object, not the object.
namespace c4 {
struct Index {
  static Index &get() {
    static Index I;
    return I;
  }
  void add(int Id) { Ids.insert(Id); }
  std::set<int> Ids;
};
struct Item {
  int Id = 0;
  Item() { Index::get().add(Id); }
};
} // namespace c4

// A call through the base class dispatches to the singleton's overrider.
namespace p3 {
struct Listener;
struct Bus {
  virtual void subscribe(Listener *L) = 0;
  virtual ~Bus() = default;
};
struct LocalBus : Bus {
  static LocalBus &instance() {
    static LocalBus B;
    return B;
  }
  void subscribe(Listener *L) override { Listeners.push_back(L); }
  std::vector<Listener *> Listeners;
};
struct Listener {
  explicit Listener(Bus &B) { B.subscribe(this); }
};
// CHECK-MESSAGES: :[[@LINE-5]]:27: warning: singleton member 'LocalBus::Listeners' holds 'this' of 'Listener' {{.*}} [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE-3]]:43: note: 'this' is passed to 'Bus::subscribe' here{{$}}
// CHECK-MESSAGES: :[[@LINE-8]]:62: note: 'LocalBus::subscribe' stores it here{{$}}
// CHECK-MESSAGES: :[[@LINE-6]]:8: note: erase the entries of 'this' in '~Listener()', undoing what 'Bus::subscribe' does{{$}}
} // namespace p3

// A member operator and a key built from the parameter.
namespace p4 {
struct Job;
struct Scheduler {
  static Scheduler &instance() {
    static Scheduler S;
    return S;
  }
  Scheduler &operator+=(Job *J) {
    Pending.emplace(std::make_pair(J, 0), "job");
    return *this;
  }
  std::map<std::pair<Job *, int>, std::string> Pending;
};
struct Job {
  Job() { Scheduler::instance() += this; }
};
// CHECK-MESSAGES: :[[@LINE-5]]:48: warning: singleton member 'Scheduler::Pending' is keyed by 'this' of 'Job' {{.*}} [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE-3]]:36: note: 'this' is passed to 'Scheduler::operator+=' here{{$}}
// CHECK-MESSAGES: :[[@LINE-10]]:21: note: 'Scheduler::operator+=' stores it here{{$}}
// CHECK-MESSAGES: :[[@LINE-6]]:8: note: erase the entries of 'this' in '~Job()', undoing what 'Scheduler::operator+=' does{{$}}
} // namespace p4

// A class template registry, instantiated twice: one diagnostic.
namespace p5 {
template <typename T> struct Pool {
  static Pool &instance() {
    static Pool P;
    return P;
  }
  void put(T *V) { Live.push_back(V); }
  std::vector<T *> Live;
};
struct Conn {
  Conn() { Pool<Conn>::instance().put(this); }
};
struct Conn2 {
  Conn2() { Pool<Conn2>::instance().put(this); }
  ~Conn2() {
    auto &L = Pool<Conn2>::instance().Live;
    L.erase(std::find(L.begin(), L.end(), this));
  }
};
// CHECK-MESSAGES: :[[@LINE-12]]:20: warning: singleton member 'Pool::Live' holds 'this' of 'Conn' {{.*}} [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE-10]]:39: note: 'this' is passed to 'Pool::put' here{{$}}
// CHECK-MESSAGES: :[[@LINE-15]]:35: note: 'Pool::put' stores it here{{$}}
// CHECK-MESSAGES: :[[@LINE-13]]:8: note: erase the entries of 'this' in '~Conn()', undoing what 'Pool::put' does{{$}}
} // namespace p5

// Mutual recursion between forwarding functions ends; nothing is stored.
namespace c5 {
struct Ping;
void pong(Ping *P, int N);
void ping(Ping *P, int N) {
  if (N)
    pong(P, N - 1);
}
void pong(Ping *P, int N) {
  if (N)
    ping(P, N - 0);
}
struct Ping {
  Ping() { ping(this, 3); }
};
} // namespace c5

// A registration made inside a macro: reported at the registry.
#define REGISTER_WITH(Reg) Reg.add(this)
namespace p6 {
struct Plugin;
struct Plugins {
  static Plugins &all() {
    static Plugins P;
    return P;
  }
  void add(Plugin *P) { List.insert(P); }
  std::set<Plugin *> List;
};
struct Plugin {
  Plugin() { REGISTER_WITH(Plugins::all()); }
};
// CHECK-MESSAGES: :[[@LINE-5]]:22: warning: singleton member 'Plugins::List' is keyed by 'this' of 'Plugin' {{.*}} [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE-3]]:14: note: 'this' is passed to 'Plugins::add' here{{$}}
// CHECK-MESSAGES: :[[@LINE-16]]:36: note: expanded from macro 'REGISTER_WITH'{{$}}
// CHECK-MESSAGES: :[[@LINE-9]]:37: note: 'Plugins::add' stores it here{{$}}
// CHECK-MESSAGES: :[[@LINE-7]]:8: note: erase the entries of 'this' in '~Plugin()', undoing what 'Plugins::add' does{{$}}
} // namespace p6

// Clean twin: self-registration. Every object of the class is a static
// (plugin factories, test registrars), so no entry outlives its object.
namespace c6 {
struct Registrar;
std::vector<Registrar *> &all() {
  static std::vector<Registrar *> V;
  return V;
}
struct Registrar {
  explicit Registrar(const char *N) : Name(N) { all().push_back(this); }
  const char *Name;
};
static Registrar R1("a");
Registrar R2("b");

struct Factory;
struct Factories {
  static Factories &instance() {
    static Factories F;
    return F;
  }
  void add(const std::string &N, Factory *F) { ByName.emplace(N, F); }
  std::map<std::string, Factory *> ByName;
};
struct Factory {
  explicit Factory(const char *N) { Factories::instance().add(N, this); }
};
static Factory F1("x");
} // namespace c6

// The same registration with one object that is not static: reported. The
// object is the second argument of the store.
namespace p7 {
struct Codec;
struct Codecs {
  static Codecs &instance() {
    static Codecs C;
    return C;
  }
  void add(const std::string &N, Codec *C) { ByName.emplace(N, C); }
  std::map<std::string, Codec *> ByName;
};
struct Codec {
  explicit Codec(const char *N) { Codecs::instance().add(N, this); }
};
static Codec Builtin("raw");
void probe() { Codec Probe("probe"); }
// CHECK-MESSAGES: :[[@LINE-7]]:34: warning: singleton member 'Codecs::ByName' holds 'this' of 'Codec' {{.*}} [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE-5]]:61: note: 'this' is passed to 'Codecs::add' here{{$}}
// CHECK-MESSAGES: :[[@LINE-10]]:64: note: 'Codecs::add' stores it here{{$}}
// CHECK-MESSAGES: :[[@LINE-8]]:8: note: erase the entries of 'this' in '~Codec()', undoing what 'Codecs::add' does{{$}}
} // namespace p7

// A cache in a method (not a registration in the constructor) is reported
// whatever objects the TU makes: the cache outlives any object made later.
namespace p8 {
struct Counter {
  int hits() {
    static std::map<const Counter *, int> Hits;
    return ++Hits[this];
  }
};
Counter Global;
// CHECK-MESSAGES: :[[@LINE-5]]:43: warning: function-local static 'Hits' is keyed by 'this' of 'Counter' {{.*}} [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE-5]]:19: note: 'this' is stored here{{$}}
// CHECK-MESSAGES: :[[@LINE-4]]:1: note: make it a per-instance member of 'Counter': {{.*}}
} // namespace p8
