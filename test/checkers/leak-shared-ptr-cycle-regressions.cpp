// Regressions from adversarial review: each namespace once produced a false
// positive, a second warning for one cycle, the wrong back edge, or a weak_ptr
// fix-it that did not compile. Expected now: quiet on the correct code, one
// finding per cycle on the right field, and a note instead of a fix-it that
// would not compile.
//
// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace fp1 {
// 1. chain of tasks: each depends on the previous one (a DAG)
struct Task { std::shared_ptr<Task> dependsOn; };
void chain(std::vector<std::shared_ptr<Task>> &tasks) {
  for (size_t i = 1; i < tasks.size(); ++i)
    tasks[i]->dependsOn = tasks[i - 1];
}
} // namespace fp1

namespace fp4 {
struct Node { std::shared_ptr<Node> next; };
// rotate a singly linked list: move the head to the end
std::shared_ptr<Node> rotate(std::shared_ptr<Node> head) {
  if (!head || !head->next) return head;
  auto newHead = head->next;
  auto last = newHead;
  while (last->next) last = last->next;
  last->next = head;
  head->next = nullptr;
  return newHead;
}
} // namespace fp4

namespace fp6 {
struct Item { std::shared_ptr<Item> next; };
// reused local: two different objects
void build(const std::shared_ptr<Item> &root) {
  auto n = std::make_shared<Item>();
  root->next = n;
  n = std::make_shared<Item>();
  n->next = root;   // a different Item points at root: a chain, not a cycle
}
} // namespace fp6

namespace fp3 {
// doubly linked list with weak? no: swap of locals makes a forward-only chain look mutual
struct N { std::shared_ptr<N> next; };
std::shared_ptr<N> two() {
  auto a = std::make_shared<N>();
  auto b = std::make_shared<N>();
  a->next = b;          // a -> b
  std::swap(a, b);      // a is now the tail, b the head
  b->next->next = nullptr;
  b->next = a;          // old a -> old b: same direction as before
  return b;
}
} // namespace fp3

namespace fp7 {
// keep-alive through a job queue of an executor held by shared_ptr
struct Job { virtual ~Job() = default; virtual void run() = 0; };
struct Pool {
  std::deque<std::shared_ptr<Job>> queue;
  void submit(std::shared_ptr<Job> j) { queue.push_back(std::move(j)); }
  void drain() { while (!queue.empty()) { auto j = queue.front(); queue.pop_front(); j->run(); } }
};
struct Fetch : Job, std::enable_shared_from_this<Fetch> {
  std::shared_ptr<Pool> pool;
  void start() { pool->submit(shared_from_this()); }
  void run() override {}
};
// std::function member capturing self: not a shared_ptr field
struct Timer : std::enable_shared_from_this<Timer> {
  std::function<void()> onFire;
  void arm() { auto self = shared_from_this(); onFire = [self] {}; }
};
// cache holding shared_ptr values
struct Image {};
struct Cache {
  std::map<std::string, std::shared_ptr<Image>> byName;
  std::shared_ptr<Image> get(const std::string &k) {
    auto &slot = byName[k];
    if (!slot) slot = std::make_shared<Image>();
    return slot;
  }
};
// aliasing constructor: member points into its owner
struct Engine { int cfg = 0; };
struct Car {
  std::shared_ptr<Engine> engine;
  std::shared_ptr<int> cfg;
  void wire() { cfg = std::shared_ptr<int>(engine, &engine->cfg); }
};
// exchange / move
struct Slot { std::shared_ptr<Slot> next; };
void moveOver(const std::shared_ptr<Slot> &a, const std::shared_ptr<Slot> &b) {
  b->next = std::exchange(a->next, nullptr);
  a->next = std::move(b->next);
}
} // namespace fp7

namespace fp10 {
struct Vertex { std::vector<std::shared_ptr<Vertex>> out; };
class Dag {
public:
  void connect(size_t from, size_t to) { nodes_[from]->out.push_back(nodes_[to]); }
private:
  std::vector<std::shared_ptr<Vertex>> nodes_;
};
} // namespace fp10

namespace dup1 {
struct Node {
  int v = 0;
  std::shared_ptr<Node> next;
  std::shared_ptr<Node> prev;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Node::prev' completes a shared_ptr ownership cycle; the 'Node' it points to owns the 'Node' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'Node::next' owns 'Node' objects through 'std::shared_ptr<Node>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+9]]:46: note: the 'Node' is stored in 'next' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+8]]:27: note: 'prev' is set to 'tail' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Node> prev;'{{$}}
};
struct Deque {
  std::shared_ptr<Node> head, tail;
  void pushBack(int v) {
    auto n = std::make_shared<Node>();
    n->v = v;
    if (tail) { n->prev = tail; tail->next = n; } else head = n;
    tail = n;
  }
  void pushFront(int v) {
    auto n = std::make_shared<Node>();
    n->v = v;
    if (head) { n->next = head; head->prev = n; } else tail = n;
    head = n;
  }
};
} // namespace dup1

namespace be1 {
struct Sub;
struct Top { std::shared_ptr<Sub> sub; };
struct Sub { explicit Sub(std::shared_ptr<Top> t) : top(t) {} std::shared_ptr<Top> top; };
// CHECK-MESSAGES: :[[@LINE-1]]:84: warning: 'Sub::top' completes a shared_ptr ownership cycle; the 'Top' it points to owns the 'Sub' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-3]]:35: note: 'Top::sub' owns 'Sub' objects through 'std::shared_ptr<Sub>'{{$}}
// CHECK-MESSAGES: :[[@LINE+3]]:75: note: the 'Sub' is stored in 'sub' here{{$}}
// CHECK-MESSAGES: :[[@LINE+2]]:97: note: 'top' is set to 't' here, through 'be1::Sub::Sub'{{$}}
// CHECK-MESSAGES: :[[@LINE-5]]:84: note: make it a std::weak_ptr: 'std::weak_ptr<Top> top;'{{$}}
std::shared_ptr<Top> mkTop() { auto t = std::make_shared<Top>(); t->sub = std::make_shared<Sub>(t); return t; }
} // namespace be1

namespace fx1 {
struct Node : std::enable_shared_from_this<Node> {
  int v = 0;
  std::shared_ptr<Node> Parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Node::Parent' completes a shared_ptr ownership cycle; the 'Node' it points to owns the 'Node' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+4]]:38: note: 'Node::Kids' owns 'Node' objects through 'std::vector<std::shared_ptr<Node>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+4]]:95: note: the 'Node' is stored in 'Kids' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+3]]:60: note: 'Parent' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Node> Parent;' (no automatic fix: a template uses a member of its name){{$}}
  std::vector<std::shared_ptr<Node>> Kids;
  void adopt(const std::shared_ptr<Node> &c) { c->Parent = shared_from_this(); Kids.push_back(c); }
};
template <class T> int up(const T &n) { return n.Parent->v; }
int useUp(const Node &n) { return up(n); }
} // namespace fx1

namespace fx4 {
struct Node : std::enable_shared_from_this<Node> {
  int v = 0;
  std::shared_ptr<Node> Parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Node::Parent' completes a shared_ptr ownership cycle; the 'Node' it points to owns the 'Node' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+4]]:38: note: 'Node::Kids' owns 'Node' objects through 'std::vector<std::shared_ptr<Node>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+4]]:95: note: the 'Node' is stored in 'Kids' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+3]]:60: note: 'Parent' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Node> Parent;' (no automatic fix: a template uses a member of its name){{$}}
  std::vector<std::shared_ptr<Node>> Kids;
  void adopt(const std::shared_ptr<Node> &c) { c->Parent = shared_from_this(); Kids.push_back(c); }
};
std::shared_ptr<Node> Node::*member() { return &Node::Parent; }
} // namespace fx4

namespace fy1 {
struct T {
  std::shared_ptr<T> up;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'T::up' completes a shared_ptr ownership cycle; the 'T' it points to owns the 'T' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+4]]:35: note: 'T::kids' owns 'T' objects through 'std::vector<std::shared_ptr<T>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+5]]:102: note: the 'T' is stored in 'kids' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+4]]:81: note: 'up' is set to 'p' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:22: note: make it a std::weak_ptr: 'std::weak_ptr<T> up;' (no automatic fix: a structured binding takes it apart){{$}}
  std::vector<std::shared_ptr<T>> kids;
};
void attach(const std::shared_ptr<T> &p, const std::shared_ptr<T> &c) { c->up = p; p->kids.push_back(c); }
bool sb(const T &n) { const auto &[p, k] = n; return p != nullptr && k.empty(); }
} // namespace fy1

namespace fy2 {
struct T {
  std::shared_ptr<T> up;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'T::up' completes a shared_ptr ownership cycle; the 'T' it points to owns the 'T' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+4]]:35: note: 'T::kids' owns 'T' objects through 'std::vector<std::shared_ptr<T>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+5]]:102: note: the 'T' is stored in 'kids' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+4]]:81: note: 'up' is set to 'p' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:22: note: make it a std::weak_ptr: 'std::weak_ptr<T> up;' (no automatic fix: it is initialised from nullptr){{$}}
  std::vector<std::shared_ptr<T>> kids;
};
void attach(const std::shared_ptr<T> &p, const std::shared_ptr<T> &c) { c->up = p; p->kids.push_back(c); }
std::shared_ptr<T> root() { return std::make_shared<T>(T{nullptr, {}}); }
} // namespace fy2

namespace fy4 {
struct T {
  std::shared_ptr<T> up;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'T::up' completes a shared_ptr ownership cycle; the 'T' it points to owns the 'T' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+4]]:35: note: 'T::kids' owns 'T' objects through 'std::vector<std::shared_ptr<T>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+5]]:102: note: the 'T' is stored in 'kids' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+4]]:81: note: 'up' is set to 'p' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:22: note: make it a std::weak_ptr: 'std::weak_ptr<T> up;' (no automatic fix: it is converted with an explicit 'operator bool()'){{$}}
  std::vector<std::shared_ptr<T>> kids;
};
void attach(const std::shared_ptr<T> &p, const std::shared_ptr<T> &c) { c->up = p; p->kids.push_back(c); }
bool has(const T &n) { return n.up.operator bool(); }
} // namespace fy4

namespace ov1 {
struct T {
  std::shared_ptr<T> up;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'T::up' completes a shared_ptr ownership cycle; the 'T' it points to owns the 'T' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+4]]:35: note: 'T::kids' owns 'T' objects through 'std::vector<std::shared_ptr<T>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+5]]:102: note: the 'T' is stored in 'kids' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+4]]:81: note: 'up' is set to 'p' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:22: note: make it a std::weak_ptr: 'std::weak_ptr<T> up;' (no automatic fix: uses of it nest inside each other){{$}}
  std::vector<std::shared_ptr<T>> kids;
};
void attach(const std::shared_ptr<T> &p, const std::shared_ptr<T> &c) { c->up = p; p->kids.push_back(c); }
bool g1(const T &n) { return !n.up->up; }
bool g2(const T &n) { if (n.up->up) return true; return false; }
bool g3(const T &n) { return n.up->up == nullptr; }
void g4(T &n) { n.up->up = nullptr; }
} // namespace ov1

namespace fz1 {
using std::shared_ptr;
struct T {
  shared_ptr<T> up;
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'T::up' completes a shared_ptr ownership cycle; the 'T' it points to owns the 'T' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+4]]:30: note: 'T::kids' owns 'T' objects through 'std::vector<shared_ptr<T>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+5]]:92: note: the 'T' is stored in 'kids' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+4]]:71: note: 'up' is set to 'p' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:17: note: make it a std::weak_ptr: 'std::weak_ptr<T> up;'{{$}}
  std::vector<shared_ptr<T>> kids;
};
void attach(const shared_ptr<T> &p, const shared_ptr<T> &c) { c->up = p; p->kids.push_back(c); }
} // namespace fz1

// Linked, then unlinked in the same function: quiet.
namespace fp5 {
struct B;
struct A { std::shared_ptr<B> b; };
struct B { std::shared_ptr<A> a; };
// link, use, then break in the same function
void roundTrip() {
  auto a = std::make_shared<A>();
  auto b = std::make_shared<B>();
  a->b = b;
  b->a = a;
  b->a.reset();
}
} // namespace fp5
