// Regressions from the second adversarial review: fix-its that did not
// compile or changed behaviour (partial specialisations, out-of-line
// template members, namespace aliases, names the new member would hide in
// enclosing or derived classes and enumerators, several declarators,
// explicit specialisations), and a registry shared by classes of which only
// one unregisters.
//
// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17

#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <string>

namespace r_n1 {
std::map<const void *, std::string> names;
// CHECK-MESSAGES: :[[@LINE-1]]:37: warning: global 'names' is keyed by 'this' of 'B' but its entries are not erased when their objects die; a new 'B' at a reused address gets a stale entry [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE+5]]:15: note: 'this' is stored here{{$}}
// CHECK-MESSAGES: :[[@LINE+9]]:15: note: 'this' is stored here{{$}}
// CHECK-MESSAGES: :[[@LINE+9]]:3: note: erase the entry in '~B()': 'names.erase(this);'{{$}}
class A {
public:
  A() { names[this] = "A"; }
  ~A() { names.erase(this); }
};
class B {
public:
  B() { names[this] = "B"; }
  ~B() {}
};
} // namespace r_n1

namespace r_n2 {
std::map<const void *, std::string> names;
// CHECK-MESSAGES: :[[@LINE-1]]:37: warning: global 'names' is keyed by 'this' of 'A' but its entries are not erased when their objects die; a new 'A' at a reused address gets a stale entry [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE+6]]:15: note: 'this' is stored here{{$}}
// CHECK-MESSAGES: :[[@LINE+10]]:15: note: 'this' is stored here{{$}}
// CHECK-MESSAGES: :[[@LINE+5]]:3: note: erase the entry in '~A()': 'names.erase(this);'{{$}}
// CHECK-MESSAGES: :[[@LINE+9]]:3: note: erase the entry in '~B()': 'names.erase(this);'{{$}}
class A {
public:
  A() { names[this] = "A"; }
  ~A() {}
};
class B {
public:
  B() { names[this] = "B"; }
  ~B() {}
};
} // namespace r_n2

namespace r_t11 {
template <class T> struct H {
  ~H() {}
};
template <class T> struct H<T *> {
  H() { live.insert(this); }
  ~H() {}
  static std::set<H *> live;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: static member 'H::live' is keyed by 'this' of 'H' but its entries are not erased when their objects die; a new 'H' at a reused address gets a stale entry [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE-4]]:21: note: 'this' is stored here{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: erase the entry in '~H()': 'live.erase(this);'{{$}}
};
template <class T> std::set<H<T *> *> H<T *>::live;
// Locals: objects that die while the registry lives (a class whose objects
// are all static registers harmlessly, see
// leak-static-instance-cache-passed.cpp).
void useH() {
  H<int *> hp;
  H<int> hi;
}
} // namespace r_t11

namespace r_t4_tmpl_ool {
template <class T> class Box {
public:
  Box() {}
  T get() const;
  T v{};
};
template <class U> U Box<U>::get() const {
  static std::map<const Box *, U> memo;
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: function-local static 'memo' is keyed by 'this' of 'Box' but its entries are not erased when their objects die; a new 'Box' at a reused address gets a stale entry [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE+4]]:15: note: 'this' is stored here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:1: note: make it a per-instance member of 'Box' (no automatic fix: the member function of a class template is defined out of line, where its template parameters may be named differently){{$}}
  auto It = memo.find(this);
  if (It != memo.end()) return It->second;
  return memo[this] = v;
}
int use() { Box<int> b; return b.get(); }
} // namespace r_t4_tmpl_ool

namespace r_t5_nsalias {
class Doc {
public:
  Doc() {}
  std::string title() const {
    namespace s = std;
    static s::map<const Doc *, s::string> memo;
    // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: function-local static 'memo' is keyed by 'this' of 'Doc' but its entries are not erased when their objects die; a new 'Doc' at a reused address gets a stale entry [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE+4]]:17: note: 'this' is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE+5]]:1: note: make it a per-instance member of 'Doc': 'mutable std::map<const r_t5_nsalias::Doc *, std::string> memo;'{{$}}
    auto It = memo.find(this);
    if (It != memo.end()) return It->second;
    return memo[this] = "t";
  }
};
} // namespace r_t5_nsalias

namespace r_t1_enum {
enum State { unvisited, visited };
class Node {
public:
  bool mark() {
    static std::set<const Node *> visited;
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: function-local static 'visited' is keyed by 'this' of 'Node' but its entries are not erased when their objects die; a new 'Node' at a reused address gets a stale entry [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE+2]]:27: note: 'this' is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE+6]]:1: note: make it a per-instance member of 'Node': 'std::set<const Node *> visited_;'{{$}}
    return visited.insert(this).second;
  }
  void reset() { state = visited; }
private:
  State state = unvisited;
};
} // namespace r_t1_enum

namespace r_t2_nested {
class Outer {
  static constexpr int seen = 3;
public:
  class Inner {
  public:
    Inner() {}
    int get() const {
      static std::map<const Inner *, int> seen;
      // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: function-local static 'seen' is keyed by 'this' of 'Inner' but its entries are not erased when their objects die; a new 'Inner' at a reused address gets a stale entry [leak-static-instance-cache]
      // CHECK-MESSAGES: :[[@LINE+4]]:19: note: 'this' is stored here{{$}}
      // CHECK-MESSAGES: :[[@LINE+6]]:3: note: make it a per-instance member of 'Inner': 'mutable std::map<const Inner *, int> seen_;'{{$}}
      auto It = seen.find(this);
      if (It != seen.end()) return It->second;
      return seen[this] = 1;
    }
    int other() const { return seen + 1; }
  };
};
} // namespace r_t2_nested

namespace r_t3_mi {
struct Stats { int cache = 0; };
class Shape {
public:
  virtual ~Shape() = default;
  int area() const {
    static std::map<const Shape *, int> cache;
    // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: function-local static 'cache' is keyed by 'this' of 'Shape' but its entries are not erased when their objects die; a new 'Shape' at a reused address gets a stale entry [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE+4]]:18: note: 'this' is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE+5]]:1: note: make it a per-instance member of 'Shape': 'mutable std::map<const Shape *, int> cache_;'{{$}}
    auto It = cache.find(this);
    if (It != cache.end()) return It->second;
    return cache[this] = 4;
  }
};
class Square : public Shape, public Stats {
public:
  int hits() const { return cache; }
};
} // namespace r_t3_mi

namespace r_c2 {
class W {
public:
  int tick() {
    static std::function<int()> get = [this] { return v; }, counter = [n = 0]() mutable { return ++n; };
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: function-local static 'get' captures 'this' of the first 'W' that initialises it; calls through any other 'W' use that one, which dangles once it is destroyed [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE-2]]:40: note: 'this' is captured here{{$}}
    // CHECK-MESSAGES: :[[@LINE-3]]:33: note: make it a per-instance member of 'W' or build it on each call (no automatic fix: it is declared together with other variables, which would lose 'static' too){{$}}
    return get() + counter();
  }
  int v = 0;
};
} // namespace r_c2

namespace r_t7_spec {
template <class T, class A = int> class Box {
public:
  Box() {}
  int f() const;
  int g() const {
    static std::map<const Box *, int> memo;
    // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: function-local static 'memo' is keyed by 'this' of 'Box' but its entries are not erased when their objects die; a new 'Box' at a reused address gets a stale entry [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE+4]]:17: note: 'this' is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE+5]]:1: note: make it a per-instance member of 'Box': 'mutable std::map<const Box *, int> memo;'{{$}}
    auto It = memo.find(this);
    if (It != memo.end()) return It->second;
    return memo[this] = 2;
  }
};
template <class T, class A> int Box<T, A>::f() const { return 0; }
template <> int Box<int>::f() const {
  static std::map<const Box *, int> memo2;
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: function-local static 'memo2' is keyed by 'this' of 'Box' but its entries are not erased when their objects die; a new 'Box' at a reused address gets a stale entry [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE+4]]:16: note: 'this' is stored here{{$}}
  // CHECK-MESSAGES: :[[@LINE-6]]:1: note: make it a per-instance member of 'Box' (no automatic fix: the member function is an explicit specialization; the member would go into every specialization){{$}}
  auto It = memo2.find(this);
  if (It != memo2.end()) return It->second;
  return memo2[this] = 1;
}
int use() { Box<int> b; Box<char> c; return b.f() + c.f() + b.g() + c.g(); }
} // namespace r_t7_spec
