// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17
// RUN: %clang_tidy -checks='-*,leak-unbounded-container,leak-static-instance-cache' %s -- -std=c++17 2>&1 \
// RUN:   | FileCheck --check-prefix=BOTH %s --implicit-check-not="[leak-unbounded-container]"
//
// Entries that are plain structs hold what their fields hold: a registry of
// `struct Slot { std::shared_ptr<Dialog> Owner; unsigned CSeq; }` filled by
// writing the field of an entry (`Index()[Key].Owner = shared_from_this()`,
// through a reference bound to the entry), or by listing the struct in
// place (`Slots[Key] = Slot{shared_from_this(), 0}`). With both checks on,
// such a registry is this check's alone, and so is what grows inside its
// entries. Twins: a weak owner, an entry erased in the destructor, a field
// given a value of the object rather than the object.

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

// --- Positive: a field of an entry of an accessor's static ------------------
namespace through_reference {
class Dialog;
struct Slot {
  std::shared_ptr<Dialog> Owner;
  unsigned CSeq = 0;
  std::vector<std::string> Routes;
};
struct DialogIndex {
  std::unordered_map<std::string, Slot> ByCallId;
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: singleton member 'DialogIndex::ByCallId' holds shared_from_this() of 'Dialog'; every 'Dialog' put in it stays alive until the program exits [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE+12]]:19: note: shared_from_this() is stored here
  // CHECK-MESSAGES: :[[@LINE-3]]:41: note: hold std::weak_ptr<Dialog> instead, or keep the cache in each object keyed by value, so that 'Dialog' objects can be destroyed
  // BOTH: :[[@LINE-4]]:41: warning: singleton member 'DialogIndex::ByCallId' holds shared_from_this() of 'Dialog'
};
DialogIndex &dialogIndex() {
  static DialogIndex Index;
  return Index;
}
class Dialog : public std::enable_shared_from_this<Dialog> {
public:
  void attach(unsigned CSeq) {
    auto &Entry = dialogIndex().ByCallId[Key];
    Entry.Owner = shared_from_this();
    Entry.CSeq = CSeq;
    Entry.Routes.push_back("sip:edge;lr");
  }

private:
  std::string Key;
};
} // namespace through_reference

// --- Positive: a struct listed in place into a global ------------------------
namespace listed {
class Session;
struct Slot {
  std::shared_ptr<Session> Owner;
  int Generation;
};
std::unordered_map<int, Slot> Sessions;
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: global 'Sessions' holds shared_from_this() of 'Session'; every 'Session' put in it stays alive until the program exits [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE+5]]:32: note: shared_from_this() is stored here
// CHECK-MESSAGES: :[[@LINE-3]]:31: note: hold std::weak_ptr<Session> instead, or keep the cache in each object keyed by value, so that 'Session' objects can be destroyed
// BOTH: :[[@LINE-4]]:31: warning: global 'Sessions' holds shared_from_this() of 'Session'
class Session : public std::enable_shared_from_this<Session> {
public:
  void open() { Sessions[Id] = Slot{shared_from_this(), 1}; }

private:
  int Id = 0;
};
} // namespace listed

// --- Positive: a raw `this` handed to a singleton's setter -------------------
// The key is a session number, not an address: the entry holds the object.
namespace handed_pointer {
class Recorder {
public:
  struct Slot {
    const void *Owner = nullptr;
    std::string Tenant;
  };
  static Recorder &instance() {
    static Recorder R;
    return R;
  }
  void attach(std::uint64_t Id, const void *Owner) {
    auto &S = Slots[Id];
    S.Owner = Owner;
  }
  void detach(std::uint64_t Id) { Slots.erase(Id); }

private:
  Recorder() = default;
  std::unordered_map<std::uint64_t, Slot> Slots;
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: singleton member 'Recorder::Slots' holds 'this' of 'Evaluator' but its entries are not erased when their objects die; a new 'Evaluator' at a reused address gets a stale entry [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE+7]]:74: note: 'this' is passed to 'Recorder::attach' here
  // CHECK-MESSAGES: :[[@LINE-9]]:15: note: 'Recorder::attach' stores it here
  // CHECK-MESSAGES: :[[@LINE+6]]:3: note: erase the entries of 'this' in '~Evaluator()', undoing what 'Recorder::attach' does
  // BOTH: :[[@LINE-5]]:43: warning: singleton member 'Recorder::Slots' holds 'this' of 'Evaluator'
};
class Evaluator {
public:
  explicit Evaluator(std::uint64_t Id) { Recorder::instance().attach(Id, this); }
  ~Evaluator() {}
};
} // namespace handed_pointer

// --- Clean: the entry's owner is weak -----------------------------------------
namespace weak_owner {
class Dialog;
struct Slot {
  std::weak_ptr<Dialog> Owner;
  unsigned CSeq = 0;
};
std::unordered_map<std::string, Slot> ByCallId;
class Dialog : public std::enable_shared_from_this<Dialog> {
public:
  void attach() {
    auto &Entry = ByCallId[Key];
    Entry.Owner = weak_from_this();
  }
  ~Dialog() { ByCallId.erase(Key); }

private:
  std::string Key;
};
} // namespace weak_owner

// --- Clean: the destructor erases the entry of a raw `this` ------------------
namespace erased_in_destructor {
class Widget;
struct Slot {
  Widget *Owner = nullptr;
  int Hits = 0;
};
std::unordered_map<int, Slot> ById;
class Widget {
public:
  explicit Widget(int Id) : Id(Id) { ById[Id].Owner = this; }
  ~Widget() { ById.erase(Id); }

private:
  int Id;
};
} // namespace erased_in_destructor

// --- Clean: a field given a value of the object, not the object --------------
namespace value_of_object {
enum class Kind { Audio, Video };
struct Slot {
  std::string Name;
  const char *Label = nullptr;
};
std::unordered_map<Kind, Slot> Names;
class Channel {
public:
  void publish() {
    auto &Entry = Names[K];
    Entry.Name = Name;
    Entry.Label = Name.c_str();
  }

private:
  Kind K = Kind::Audio;
  std::string Name;
};
} // namespace value_of_object
