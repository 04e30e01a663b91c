// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// A store through a local reference bound to a member, or to an element of
// one (`std::shared_ptr<Stub> &Slot = Stubs[Name]; ... Slot = Made;`), is a
// store into that member: a reference is never re-seated. Positives: a stub
// cache filled in a member template, a child list through a reference to
// the whole member, a slot named through a macro. Twins: a reference to a
// local map, a back link that is weak, a slot of another object's map.

#include <map>
#include <memory>
#include <string>
#include <vector>

struct Stub;
struct Channel : std::enable_shared_from_this<Channel> {
  template <typename S> std::shared_ptr<S> stub(const std::string &Name) {
    std::shared_ptr<Stub> &Slot = Stubs[Name];
    if (!Slot) {
      auto Made = std::make_shared<S>();
      Made->bind(shared_from_this());
      Slot = Made;
    }
    return std::static_pointer_cast<S>(Slot);
  }
  std::map<std::string, std::shared_ptr<Stub>> Stubs;
};
struct Stub {
  virtual ~Stub() = default;
  void bind(std::shared_ptr<Channel> C) { Owner = std::move(C); }
  std::shared_ptr<Channel> Owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Stub::Owner' completes a shared_ptr ownership cycle; the 'Channel' it points to owns the 'Stub' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-7]]:48: note: 'Channel::Stubs' owns 'Stub' objects through 'std::map<std::string, std::shared_ptr<Stub>>'
  // CHECK-MESSAGES: :[[@LINE-12]]:14: note: the 'Stub' is stored in 'Stubs' here
  // CHECK-MESSAGES: :[[@LINE-14]]:18: note: 'Owner' is set to shared_from_this() here, through 'Stub::bind'
  // CHECK-MESSAGES: :[[@LINE-5]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Channel> Owner;'
  // CHECK-FIXES: std::weak_ptr<Channel> Owner;
};
struct EchoStub : Stub {};
std::shared_ptr<EchoStub> dialEcho() {
  auto C = std::make_shared<Channel>();
  return C->stub<EchoStub>("echo");
}

struct Folder : std::enable_shared_from_this<Folder> {
  void add(std::shared_ptr<Folder> Child) {
    auto &Kids = Children;
    Child->Parent = shared_from_this();
    Kids.push_back(std::move(Child));
  }
  std::vector<std::shared_ptr<Folder>> Children;
  std::shared_ptr<Folder> Parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Folder::Parent' completes a shared_ptr ownership cycle; the 'Folder' it points to owns the 'Folder' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-3]]:40: note: 'Folder::Children' owns 'Folder' objects through 'std::vector<std::shared_ptr<Folder>>'
  // CHECK-MESSAGES: :[[@LINE-6]]:20: note: the 'Folder' is stored in 'Children' here
  // CHECK-MESSAGES: :[[@LINE-8]]:21: note: 'Parent' is set to shared_from_this() here
  // CHECK-MESSAGES: :[[@LINE-5]]:27: note: make it a std::weak_ptr: 'std::weak_ptr<Folder> Parent;'
  // CHECK-FIXES: std::weak_ptr<Folder> Parent;
};

#define SLOT_OF(Map, Key) Map[Key]
struct Room;
struct Member {
  std::shared_ptr<Room> In;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Member::In' completes a shared_ptr ownership cycle; the 'Room' it points to owns the 'Member' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+13]]:42: note: 'Room::Seats' owns 'Member' objects through 'std::map<int, std::shared_ptr<Member>>'
  // CHECK-MESSAGES: :[[@LINE+10]]:12: note: the 'Member' is stored in 'Seats' here
  // CHECK-MESSAGES: :[[@LINE+8]]:13: note: 'In' is set to shared_from_this() here
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Room> In;'
  // CHECK-FIXES: std::weak_ptr<Room> In;
};
struct Room : std::enable_shared_from_this<Room> {
  void join(int Id) {
    auto &Seat = SLOT_OF(Seats, Id);
    auto M = std::make_shared<Member>();
    M->In = shared_from_this();
    Seat = M;
  }
  std::map<int, std::shared_ptr<Member>> Seats;
};

// Twins.
struct Scratch : std::enable_shared_from_this<Scratch> {
  void fill();
};
struct Note {
  std::shared_ptr<Scratch> Owner;
};
void Scratch::fill() {
  std::map<int, std::shared_ptr<Note>> Local;
  auto &Slot = Local[1];
  auto N = std::make_shared<Note>();
  N->Owner = shared_from_this();
  Slot = N;
}

struct Tab;
struct Window : std::enable_shared_from_this<Window> {
  void open(int Id) {
    std::shared_ptr<Tab> &Slot = Tabs[Id];
    Slot = std::make_shared<Tab>(weak_from_this());
  }
  std::map<int, std::shared_ptr<Tab>> Tabs;
};
struct Tab {
  explicit Tab(std::weak_ptr<Window> W) : In(std::move(W)) {}
  std::weak_ptr<Window> In;
};

struct Pool;
struct Lease {
  std::shared_ptr<Pool> From;
};
struct Pool : std::enable_shared_from_this<Pool> {
  void lend(Pool *Other, int Id) {
    auto &Slot = Other->Out[Id];
    auto L = std::make_shared<Lease>();
    L->From = shared_from_this();
    Slot = L;
  }
  std::map<int, std::shared_ptr<Lease>> Out;
};

// A reference to a map entry handed to a method that takes it by non-const
// reference still names that entry: the call can change the entry, never
// which entry the reference is bound to.
namespace handed_on {
struct Coordinator;
struct Member {
  explicit Member(std::shared_ptr<Coordinator> C) : Coord(std::move(C)) {}
  std::shared_ptr<Coordinator> Coord;
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'Member::Coord' completes a shared_ptr ownership cycle; the 'Coordinator' it points to owns the 'Member' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+19]]:32: note: 'Coordinator::Groups' owns 'Group' objects through 'std::map<std::string, Group>'
  // CHECK-MESSAGES: :[[@LINE+7]]:50: note: 'Group::Members' owns 'Member' objects through 'std::map<std::string, std::shared_ptr<Member>>'
  // CHECK-MESSAGES: :[[@LINE+13]]:31: note: the 'Member' is stored in 'Members' here
  // CHECK-MESSAGES: :[[@LINE+11]]:39: note: 'Coord' is set to the object itself here, through 'handed_on::Member::Member'
  // CHECK-MESSAGES: :[[@LINE-6]]:32: note: make it a std::weak_ptr: 'std::weak_ptr<Coordinator> Coord;'
};
struct Group {
  int Generation = 0;
  std::map<std::string, std::shared_ptr<Member>> Members;
};
struct Coordinator : std::enable_shared_from_this<Coordinator> {
  void join(const std::string &G, const std::string &Id) {
    Group &State = Groups[G];
    auto Self = shared_from_this();
    auto M = std::make_shared<Member>(Self);
    State.Members.emplace(Id, M);
    rebalance(State);
  }
  void rebalance(Group &State) { ++State.Generation; }
  std::map<std::string, Group> Groups;
};
} // namespace handed_on

namespace handed_on_weak {
struct Coordinator;
struct Member {
  explicit Member(std::weak_ptr<Coordinator> C) : Coord(std::move(C)) {}
  std::weak_ptr<Coordinator> Coord;
};
struct Group {
  int Generation = 0;
  std::map<std::string, std::shared_ptr<Member>> Members;
};
struct Coordinator : std::enable_shared_from_this<Coordinator> {
  void join(const std::string &G, const std::string &Id) {
    Group &State = Groups[G];
    auto M = std::make_shared<Member>(weak_from_this());
    State.Members.emplace(Id, M);
    rebalance(State);
  }
  void rebalance(Group &State) { ++State.Generation; }
  std::map<std::string, Group> Groups;
};
} // namespace handed_on_weak
