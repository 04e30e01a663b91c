// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// A teardown that unlinks every element of a collection on the cycle breaks
// it, also when the elements are a map's values (`KV.second`, a structured
// binding) and when each element unlinks itself through a method
// (`KV.second->detach()` where `detach()` resets its own back pointer).
// Twins stay reported: a method that resets another object's field, a
// method that resets nothing, a loop over another collection.

#include <map>
#include <memory>
#include <string>
#include <vector>

// --- Clean: a map's values detach themselves in close() --------------------
namespace map_detach {
struct Session;
struct Entity {
  std::shared_ptr<Session> Owner;
  void detach() { Owner.reset(); }
};
struct Session : std::enable_shared_from_this<Session> {
  std::map<int, std::shared_ptr<Entity>> Identity;
  void load(int Key) {
    auto E = std::make_shared<Entity>();
    E->Owner = shared_from_this();
    Identity.emplace(Key, E);
  }
  void close() {
    for (auto &KV : Identity)
      KV.second->detach();
  }
};
} // namespace map_detach

// --- Clean: a structured binding over the map, reset in place ---------------
namespace binding_reset {
struct Room;
struct Member {
  std::shared_ptr<Room> In;
};
struct Room : std::enable_shared_from_this<Room> {
  std::map<std::string, std::shared_ptr<Member>> Members;
  void join(const std::string &Name) {
    auto M = std::make_shared<Member>();
    M->In = shared_from_this();
    Members[Name] = M;
  }
  void close() {
    for (auto &[Name, M] : Members)
      M->In.reset();
  }
};
} // namespace binding_reset

// --- Positive: the method resets another object's field ----------------------
namespace resets_other {
struct Pool;
struct Conn {
  std::shared_ptr<Pool> Home;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Conn::Home' completes a shared_ptr ownership cycle; the 'Pool' it points to owns the 'Conn' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+8]]:38: note: 'Pool::Conns' owns 'Conn' objects through 'std::vector<std::shared_ptr<Conn>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+11]]:21: note: the 'Conn' is stored in 'Conns' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+9]]:15: note: 'Home' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Pool> Home;'{{$}}
  std::shared_ptr<Conn> Peer;
  void release() { Peer->Home.reset(); }
};
struct Pool : std::enable_shared_from_this<Pool> {
  std::vector<std::shared_ptr<Conn>> Conns;
  void open() {
    auto C = std::make_shared<Conn>();
    C->Home = shared_from_this();
    Conns.push_back(C);
  }
  void close() {
    for (auto &C : Conns)
      C->release();
  }
};
} // namespace resets_other

// --- Positive: the method resets nothing ------------------------------------
namespace resets_nothing {
struct Graph;
struct Node {
  std::shared_ptr<Graph> G;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Node::G' completes a shared_ptr ownership cycle; the 'Graph' it points to owns the 'Node' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+8]]:40: note: 'Graph::Nodes' owns 'Node' objects through 'std::map<int, std::shared_ptr<Node>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+11]]:17: note: the 'Node' is stored in 'Nodes' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+9]]:12: note: 'G' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: make it a std::weak_ptr: 'std::weak_ptr<Graph> G;'{{$}}
  int Visits = 0;
  void touch() { ++Visits; }
};
struct Graph : std::enable_shared_from_this<Graph> {
  std::map<int, std::shared_ptr<Node>> Nodes;
  void add(int Id) {
    auto N = std::make_shared<Node>();
    N->G = shared_from_this();
    Nodes[Id] = N;
  }
  void close() {
    for (auto &KV : Nodes)
      KV.second->touch();
  }
};
} // namespace resets_nothing
