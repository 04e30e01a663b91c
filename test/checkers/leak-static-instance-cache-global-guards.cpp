// Re-entrancy guards and work stacks kept outside the function: a global or
// thread_local that every storing function fills with `this` and empties
// again holds each object only while the call runs; so does a function-local
// static emptied by a local RAII object of a class defined elsewhere
// (`EraseOnExit Guard{Visiting, this};`). A way out that skips the removal
// (an early return before the guard is made) leaves an entry behind. Clean
// twins: a global set guard, a thread_local stack, an RAII guard made right
// after the insert. Positive: a global that another function fills without
// taking the object out is a registry, reported as one.
//
// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17

#include <algorithm>
#include <set>
#include <vector>

struct Node;

// --- Clean: a global set guard and a thread_local stack ---------------------
namespace clean_globals {
struct Node;
std::set<const Node *> Visiting;
thread_local std::vector<const Node *> Stack;
struct Node {
  std::vector<Node *> Kids;
  int walk() const {
    if (!Visiting.insert(this).second)
      return 0;
    int N = 1;
    for (const Node *K : Kids)
      N += K->walk();
    Visiting.erase(this);
    return N;
  }
  int depth() const {
    Stack.push_back(this);
    int D = 0;
    for (const Node *K : Kids)
      D = std::max(D, K->depth());
    Stack.pop_back();
    return D + 1;
  }
};
} // namespace clean_globals

// --- Positive: a global guard with an early return that skips the erase -----
namespace skipped_global {
struct Node;
std::set<const Node *> Visiting;
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: global 'Visiting' holds 'this' of 'Node' while 'Node::walk' runs, but a way out of it skips taking the entry out; each such call leaves one behind, and a new 'Node' at a reused address finds a stale entry [leak-static-instance-cache]
struct Node {
  std::vector<Node *> Kids;
  bool Hidden = false;
  int walk() const {
    if (!Visiting.insert(this).second)
      // CHECK-MESSAGES: :[[@LINE-1]]:10: note: 'this' is stored here{{$}}
      return 0;
    if (Hidden)
      return 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: this return leaves it in; take it out before returning, or with a scope guard on every way out{{$}}
    int N = 1;
    for (const Node *K : Kids)
      N += K->walk();
    Visiting.erase(this);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: it is taken out here, on the other paths{{$}}
    return N;
  }
};
} // namespace skipped_global

// --- Clean: an RAII guard of a class defined outside the function -----------
struct EraseOnExit {
  std::set<const Node *> &Set;
  const Node *Entry;
  ~EraseOnExit() { Set.erase(Entry); }
};
struct Node {
  std::vector<Node *> Kids;
  bool Hidden = false;
  int walk() const {
    static std::set<const Node *> Visiting;
    if (!Visiting.insert(this).second)
      return 0;
    EraseOnExit Guard{Visiting, this};
    int N = 1;
    for (const Node *K : Kids)
      N += K->walk();
    return N;
  }
  // --- Positive: the same guard, made after an early return ------------------
  int count() const {
    static std::set<const Node *> Counting;
    // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: function-local static 'Counting' holds 'this' of 'Node' while 'Node::count' runs, but a way out of it skips taking the entry out; each such call leaves one behind, and a new 'Node' at a reused address finds a stale entry [leak-static-instance-cache]
    Counting.insert(this);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'this' is stored here{{$}}
    if (Hidden)
      return 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: this return leaves it in; take it out before returning, or with a scope guard on every way out{{$}}
    EraseOnExit Guard{Counting, this};
    // CHECK-MESSAGES: :[[@LINE-1]]:22: note: it is taken out here, on the other paths{{$}}
    return static_cast<int>(Kids.size());
  }
};

// --- Positive: a global that another function fills for good ----------------
namespace mixed {
struct Widget;
std::vector<const Widget *> Live;
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: global 'Live' holds 'this' of 'Widget' but its entries are not erased when their objects die; a new 'Widget' at a reused address gets a stale entry [leak-static-instance-cache]
struct Widget {
  void paint() const {
    Live.push_back(this);
    Live.pop_back();
  }
  void show() const { Live.push_back(this); }
  // CHECK-MESSAGES: :[[@LINE-4]]:20: note: 'this' is stored here{{$}}
  // CHECK-MESSAGES: :[[@LINE-2]]:38: note: 'this' is stored here{{$}}
};
// CHECK-MESSAGES: :[[@LINE-9]]:8: note: erase the entries of 'this' in '~Widget()' (no automatic fix: removing an element by value from it takes the erase-remove idiom or C++20's std::erase){{$}}
} // namespace mixed
