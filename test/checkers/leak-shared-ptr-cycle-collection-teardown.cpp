// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// A collection on a cycle emptied whole (`clear()`, `= {}`) by the
// destructor of an owner outside the cycle, directly or through a method it
// calls, lets go of every element whenever that owner goes. Emptying some
// elements (an erase, a reset of one element's back pointer) leaves the
// others in the cycle, and a teardown users must remember to call
// (`close()`) guarantees nothing: both are reported. A swap into a local
// takes the list whole, as a work queue is taken (a drain). The collection
// may hold the cycle's next holder inside its elements (`S->Vars[k].Code =
// F` after `F->Env = S`): emptying it breaks the cycle as well.

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct Room;
struct Member {
  std::shared_ptr<Room> In;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Member::In' completes a shared_ptr ownership cycle; the 'Room' it points to owns the 'Member' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+17]]:50: note: 'Room::Members' owns 'Member' objects through 'std::map<std::string, std::shared_ptr<Member>>'
  // CHECK-MESSAGES: :[[@LINE+12]]:21: note: the 'Member' is stored in 'Members' here
  // CHECK-MESSAGES: :[[@LINE+9]]:13: note: 'In' is set to shared_from_this() here
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Room> In;'
  // CHECK-FIXES: std::weak_ptr<Room> In;
  std::string Nick;
};

struct Room : std::enable_shared_from_this<Room> {
  void join(const std::string &Nick) {
    auto M = std::make_shared<Member>();
    M->In = shared_from_this();
    M->Nick = Nick;
    Members[Nick] = M;
  }
  void kick(const std::string &Nick) { Members.erase(Nick); }
  void leave(const std::string &Nick) { Members[Nick]->In.reset(); }
  std::map<std::string, std::shared_ptr<Member>> Members;
};

struct Lobby;
struct Guest {
  std::shared_ptr<Lobby> At;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Guest::At' completes a shared_ptr ownership cycle; the 'Lobby' it points to owns the 'Guest' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+14]]:39: note: 'Lobby::Guests' owns 'Guest' objects through 'std::vector<std::shared_ptr<Guest>>'
  // CHECK-MESSAGES: :[[@LINE+10]]:22: note: the 'Guest' is stored in 'Guests' here
  // CHECK-MESSAGES: :[[@LINE+8]]:13: note: 'At' is set to shared_from_this() here
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: make it a std::weak_ptr: 'std::weak_ptr<Lobby> At;'
  // CHECK-FIXES: std::weak_ptr<Lobby> At;
};

struct Lobby : std::enable_shared_from_this<Lobby> {
  void enter() {
    auto G = std::make_shared<Guest>();
    G->At = shared_from_this();
    Guests.push_back(G);
  }
  void close() { Guests = {}; }
  std::vector<std::shared_ptr<Guest>> Guests;
};

struct Module;
struct Function {
  std::shared_ptr<Module> Env;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Function::Env' completes a shared_ptr ownership cycle; the 'Module' it points to owns the 'Function' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+13]]:34: note: 'Module::Vars' owns 'Binding' objects through 'std::map<std::string, Binding>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+8]]:29: note: 'Binding::Code' owns 'Function' objects through 'std::shared_ptr<Function>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+16]]:24: note: the 'Function' is stored in 'Code' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+14]]:12: note: 'Env' is set to 'M' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-6]]:27: note: make it a std::weak_ptr: 'std::weak_ptr<Module> Env;'{{$}}
  // CHECK-FIXES: std::weak_ptr<Module> Env;
};
struct Binding {
  int Arity = 0;
  std::shared_ptr<Function> Code;
};
struct Module {
  void drop() { Vars.clear(); }
  std::map<std::string, Binding> Vars;
};
void define(const std::shared_ptr<Module> &M, const std::string &Name) {
  auto F = std::make_shared<Function>();
  F->Env = M;
  M->Vars[Name].Code = F;
}

// Twins.

struct Conference;
struct Leg {
  std::shared_ptr<Conference> Conf;
};

struct Conference : std::enable_shared_from_this<Conference> {
  void admit() {
    auto L = std::make_shared<Leg>();
    L->Conf = shared_from_this();
    Legs.push_back(L);
  }
  void hangupAll() { Legs.clear(); }
  std::vector<std::shared_ptr<Leg>> Legs;
};

class Bridge {
public:
  explicit Bridge(std::shared_ptr<Conference> C) : C(std::move(C)) {}
  ~Bridge() { C->hangupAll(); }

private:
  std::shared_ptr<Conference> C;
};

struct Pool;
struct Worker {
  std::shared_ptr<Pool> Of;
};

struct Pool : std::enable_shared_from_this<Pool> {
  void spawn() {
    auto W = std::make_shared<Worker>();
    W->Of = shared_from_this();
    Workers.push_back(W);
  }
  void shutdown() {
    std::vector<std::shared_ptr<Worker>> Gone;
    Gone.swap(Workers);
  }
  std::vector<std::shared_ptr<Worker>> Workers;
};

struct Stage;
struct Actor {
  std::shared_ptr<Stage> On;
};

struct Stage : std::enable_shared_from_this<Stage> {
  void cast() {
    auto A = std::make_shared<Actor>();
    A->On = shared_from_this();
    Actors.push_back(A);
  }
  std::vector<std::shared_ptr<Actor>> Actors;
};

struct Show {
  std::shared_ptr<Stage> S = std::make_shared<Stage>();
  ~Show() { S->Actors.clear(); }
};

struct Frame;
struct Closure {
  std::shared_ptr<Frame> Env;
};
struct Local {
  int Depth = 0;
  std::shared_ptr<Closure> Code;
};
struct Frame {
  void drop() {
    std::map<std::string, Local> Doomed;
    Doomed.swap(Vars);
  }
  std::map<std::string, Local> Vars;
};
void define(const std::shared_ptr<Frame> &Fr, const std::string &Name) {
  auto C = std::make_shared<Closure>();
  C->Env = Fr;
  Fr->Vars[Name].Code = C;
}
class FrameScope {
public:
  explicit FrameScope(std::shared_ptr<Frame> Fr) : Fr(std::move(Fr)) {}
  ~FrameScope() { Fr->drop(); }

private:
  std::shared_ptr<Frame> Fr;
};
