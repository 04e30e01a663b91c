// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// A collection on a cycle emptied whole (`clear()`, `= {}`) by the
// destructor of an owner outside the cycle, directly or through a method it
// calls, lets go of every element whenever that owner goes. Emptying some
// elements (an erase, a reset of one element's back pointer) leaves the
// others in the cycle, and a teardown users must remember to call
// (`close()`) guarantees nothing: both are reported. A swap into a local
// takes the list whole, as a work queue is taken (a drain).

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
