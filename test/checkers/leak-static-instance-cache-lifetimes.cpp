// How long an entry lives, case by case: owning entries (shared_ptr) are
// released by an erase anywhere but in the owner's destructor, which never
// runs while the entry holds it; guards that take their entry out again in
// the same function, however they spell it; a base class storing its derived
// object; erases through another name of the registry.
//
// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <vector>

// Clean twin: the job is kept alive while it runs and erased when it
// finishes (the keep-alive idiom).
namespace c1 {
class Job;
static std::set<std::shared_ptr<Job>> Running;
class Job : public std::enable_shared_from_this<Job> {
public:
  void start() { Running.insert(shared_from_this()); }
  void finish() { Running.erase(shared_from_this()); }
};
void run() {
  auto J = std::make_shared<Job>();
  J->start();
  J->finish();
}
} // namespace c1

// Clean twin: a helper handed the registry erases from it.
namespace c2 {
class Task;
static std::vector<std::shared_ptr<Task>> Live;
template <typename C, typename T> void dropFrom(C &Where, const T &What) {
  Where.erase(std::remove(Where.begin(), Where.end(), What), Where.end());
}
class Task : public std::enable_shared_from_this<Task> {
public:
  void start() { Live.push_back(shared_from_this()); }
  void done() { dropFrom(Live, shared_from_this()); }
};
} // namespace c2

// The only erase is in the destructor, which the entry keeps from running.
namespace p1 {
class Job;
static std::set<std::shared_ptr<Job>> Running;
class Job : public std::enable_shared_from_this<Job> {
public:
  void start() { Running.insert(shared_from_this()); }
  ~Job() { Running.erase(shared_from_this()); }
};
// CHECK-MESSAGES: :[[@LINE-6]]:39: warning: global 'Running' is keyed by shared_from_this() of 'Job'; every 'Job' put in it stays alive until the program exits [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE-4]]:33: note: shared_from_this() is stored here{{$}}
// CHECK-MESSAGES: :[[@LINE-4]]:12: note: this removal runs only when the 'Job' is destroyed, which its entry prevents{{$}}
// CHECK-MESSAGES: :[[@LINE-9]]:39: note: hold std::weak_ptr<Job> instead, or keep the cache in each object keyed by value, so that 'Job' objects can be destroyed{{$}}
} // namespace p1

// Clean twins: re-entrancy guards that take their entry out again.
namespace c3 {
class Node {
public:
  int depth() const {
    thread_local std::vector<const Node *> Stack;
    if (std::find(Stack.begin(), Stack.end(), this) != Stack.end())
      return 0;
    Stack.push_back(this);
    int D = 0;
    for (const Node *C : Kids)
      D = std::max(D, C->depth());
    Stack.pop_back();
    return D + 1;
  }
  bool visit() const {
    static std::set<const Node *> Visiting;
    auto Ins = Visiting.insert(this);
    if (!Ins.second)
      return false;
    for (const Node *C : Kids)
      C->visit();
    Visiting.erase(Ins.first);
    return true;
  }
  bool check() const {
    static std::set<const Node *> Seen;
    Seen.insert(this);
    bool Ok = Kids.empty();
    Seen.erase(Seen.find(this));
    return Ok;
  }

private:
  std::vector<const Node *> Kids;
};
} // namespace c3

// An erase before the store refreshes the entry; one stays behind.
namespace p2 {
class Shape {
public:
  int area() {
    static std::map<const Shape *, int> Areas;
    auto It = Areas.find(this);
    if (It != Areas.end() && Dirty)
      Areas.erase(It);
    return Areas[this] = W * H;
  }

private:
  bool Dirty = false;
  int W = 1, H = 1;
};
// CHECK-MESSAGES: :[[@LINE-11]]:41: warning: function-local static 'Areas' is keyed by 'this' of 'Shape' {{.*}} [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE-8]]:18: note: 'this' is stored here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:1: note: make it a per-instance member of 'Shape' (no automatic fix: it is also used other than as a lookup keyed by 'this'; entries of other objects may matter){{$}}
} // namespace p2

// A base class registering its derived object: the registry holds the
// derived class, and its destructor (or the base's) must remove it.
namespace p3 {
struct Buffer;
static std::set<Buffer *> Buffers;
struct Tracked {
  Tracked();
  ~Tracked() {}
};
struct Buffer : Tracked {
  int N = 0;
};
Tracked::Tracked() { Buffers.insert(static_cast<Buffer *>(this)); }
void work() { Buffer B; }
// CHECK-MESSAGES: :[[@LINE-10]]:27: warning: global 'Buffers' is keyed by 'this' of 'Buffer' {{.*}} [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE-3]]:37: note: 'this' is stored here{{$}}
// CHECK-MESSAGES: :[[@LINE-7]]:8: note: erase the entry in '~Buffer()': 'Buffers.erase(this);'{{.*}}
} // namespace p3

// Clean twin: the CRTP base removes the derived object again.
namespace c4 {
template <typename D> struct Counted {
  Counted() { live().insert(static_cast<D *>(this)); }
  ~Counted() { live().erase(static_cast<D *>(this)); }
  static std::set<D *> &live() {
    static std::set<D *> S;
    return S;
  }
};
struct Widget : Counted<Widget> {};
void make() { Widget W; }
} // namespace c4

// Clean twins: the registry is erased from through another name of it.
namespace c5 {
class Player;
static std::set<Player *> All;
static std::set<Player *> *const AllPtr = &All;
static std::set<Player *> &AllRef = All;
class Player {
public:
  Player() { All.insert(this); }
  ~Player() { AllPtr->erase(this); }
};
class Bot {
public:
  Bot() { Bots.insert(this); }
  ~Bot() { BotsAlias.erase(this); }
  static std::set<Bot *> Bots;
  static std::set<Bot *> &BotsAlias;
};
std::set<Bot *> Bot::Bots;
std::set<Bot *> &Bot::BotsAlias = Bot::Bots;
void match() {
  Player A;
  Bot B;
  (void)AllRef;
}
} // namespace c5
