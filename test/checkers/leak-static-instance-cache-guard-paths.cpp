// Re-entrancy guards read path by path: a function-local static that the
// function fills with `this` and empties again holds each object only while
// the call runs, unless a way out skips the removal (an early return, a
// branch that falls off the end), also in a template. Clean twins: every way
// out removes the entry; the skipping return runs only when the insert found
// the object already there (`!insert(this).second`, through a local or a
// structured binding too); a scope guard's lambda or a local class's
// destructor removes it; the only skipping paths throw or abort.
//
// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17

#include <algorithm>
#include <cstdlib>
#include <set>
#include <stdexcept>
#include <vector>

// --- Positive: an early return between the push and the pop -----------------
namespace early_return {
class Layout {
public:
  int layout() {
    static std::vector<const Layout *> InProgress;
    // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: function-local static 'InProgress' holds 'this' of 'Layout' while 'Layout::layout' runs, but a way out of it skips taking the entry out; each such call leaves one behind, and a new 'Layout' at a reused address finds a stale entry [leak-static-instance-cache]
    if (std::find(InProgress.begin(), InProgress.end(), this) !=
        InProgress.end())
      return 0;
    InProgress.push_back(this);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'this' is stored here{{$}}
    if (Hidden)
      return 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: this return leaves it in; take it out before returning, or with a scope guard on every way out{{$}}
    int H = 16;
    for (Layout *C : Children)
      H += C->layout();
    InProgress.pop_back();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: it is taken out here, on the other paths{{$}}
    return H;
  }

private:
  bool Hidden = false;
  std::vector<Layout *> Children;
};
} // namespace early_return

// --- Positive: a branch that falls off the end keeps the entry -------------
namespace falls_off {
class Walker {
public:
  void walk(bool Deep) {
    static std::set<const Walker *> Visiting;
    // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: function-local static 'Visiting' holds 'this' of 'Walker' while 'Walker::walk' runs, but a way out of it skips taking the entry out; each such call leaves one behind, and a new 'Walker' at a reused address finds a stale entry [leak-static-instance-cache]
    if (!Visiting.insert(this).second)
      // CHECK-MESSAGES: :[[@LINE-1]]:10: note: 'this' is stored here{{$}}
      return;
    for (Walker *N : Next)
      N->walk(Deep);
    if (!Deep)
      Visiting.erase(this);
  }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'Walker::walk' ends here with it still in; take it out before, or with a scope guard on every way out{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: it is taken out here, on the other paths{{$}}

private:
  std::vector<Walker *> Next;
};
} // namespace falls_off

// --- Positive: in a class template, reported once ---------------------------
namespace in_template {
template <typename T> class Tree {
public:
  int size() {
    static std::vector<const Tree *> Stack;
    // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: function-local static 'Stack' holds 'this' of 'Tree' while 'Tree::size' runs, but a way out of it skips taking the entry out; each such call leaves one behind, and a new 'Tree' at a reused address finds a stale entry [leak-static-instance-cache]
    Stack.push_back(this);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'this' is stored here{{$}}
    if (Kids.empty())
      return 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:7: note: this return leaves it in; take it out before returning, or with a scope guard on every way out{{$}}
    int N = 1;
    for (Tree *K : Kids)
      N += K->size();
    Stack.pop_back();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: it is taken out here, on the other paths{{$}}
    return N;
  }

private:
  std::vector<Tree *> Kids;
};
int sizes(Tree<int> &A, Tree<long> &B) { return A.size() + B.size(); }
} // namespace in_template

// --- Negative: every way out takes the entry out ----------------------------
namespace every_exit {
class Layout {
public:
  int layout() {
    static std::vector<const Layout *> InProgress;
    InProgress.push_back(this);
    if (Hidden) {
      InProgress.pop_back();
      return 0;
    }
    int H = 16;
    for (Layout *C : Children) {
      if (!C)
        continue;
      H += C->layout();
    }
    InProgress.pop_back();
    return H;
  }

private:
  bool Hidden = false;
  std::vector<Layout *> Children;
};
} // namespace every_exit

// --- Negative: a return taken only when the insert found an outer entry ----
namespace insert_failed {
class Visitor {
public:
  bool visit() {
    static std::set<const Visitor *> InProgress;
    if (!InProgress.insert(this).second)
      return false;
    for (Visitor *K : Kids)
      K->visit();
    InProgress.erase(this);
    return true;
  }
  bool check() {
    static std::set<const Visitor *> Checking;
    auto Ins = Checking.insert(this);
    if (!Ins.second)
      return false;
    Checking.erase(Ins.first);
    return true;
  }
  bool bound() {
    static std::set<const Visitor *> Binding;
    auto [It, Inserted] = Binding.insert(this);
    if (!Inserted)
      return false;
    Binding.erase(It);
    return true;
  }

private:
  std::vector<Visitor *> Kids;
};
} // namespace insert_failed

// --- Negative: a scope guard removes it on every way out --------------------
namespace scope_guard {
template <typename F> struct Finally {
  F Fn;
  ~Finally() { Fn(); }
};
template <typename F> Finally<F> finally(F Fn) { return {Fn}; }

class Layout {
public:
  int layout() {
    static std::vector<const Layout *> InProgress;
    InProgress.push_back(this);
    auto Pop = finally([] { InProgress.pop_back(); });
    if (Hidden)
      return 0;
    return 16;
  }
  int measure() {
    static std::set<const Layout *> Measuring;
    Measuring.insert(this);
    struct Leave {
      const Layout *L;
      ~Leave() { Measuring.erase(L); }
    } Guard{this};
    if (Hidden)
      return 0;
    return 8;
  }

private:
  bool Hidden = false;
};
} // namespace scope_guard

// --- Negative: the only skipping paths throw or abort -----------------------
namespace no_return {
class Parser {
public:
  int parse(int Depth) {
    static std::vector<const Parser *> Active;
    Active.push_back(this);
    if (Depth > 100)
      throw std::runtime_error("too deep");
    if (Depth < 0)
      std::abort();
    int R = Depth + 1;
    Active.pop_back();
    return R;
  }
};
} // namespace no_return
