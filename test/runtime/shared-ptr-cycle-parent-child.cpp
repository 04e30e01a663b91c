// A parent/child cycle of shared_ptrs and a doubly linked list leak: after
// the last outside owner goes, every node is still owned by another. The
// tool's own weak_ptr fix-it makes them destroyable. Observed two ways: a
// live-node counter (deterministic), and LeakSanitizer on the unreachable
// cycles (repeated in a loop so no stale stack slot keeps one reachable).
//
// REQUIRES: asan
// RUN: %clangxx -std=c++17 %asan_lsan %s -o %t.before
// RUN: not env ASAN_OPTIONS=detect_leaks=1 %t.before > %t.before.out 2> %t.before.err
// RUN: FileCheck --check-prefix=BEFORE %s < %t.before.out
// RUN: FileCheck --check-prefix=LEAK %s < %t.before.err
// RUN: cp %s %t.cpp
// RUN: %clang_tidy -checks='-*,leak-shared-ptr-cycle' --fix %t.cpp -- -std=c++17 2>&1 | FileCheck --check-prefix=TIDY %s
// RUN: %clangxx -std=c++17 %asan_lsan %t.cpp -o %t.after
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.after 2>&1 | FileCheck --check-prefix=AFTER %s
//
// BEFORE: live nodes after 100 rounds: 400{{$}}
// LEAK: ERROR: LeakSanitizer: detected memory leaks
// TIDY-DAG: warning: 'TreeNode::Parent' completes a shared_ptr ownership cycle
// TIDY-DAG: warning: 'Link::Prev' completes a shared_ptr ownership cycle
// TIDY-DAG: clang-tidy applied 3 of 3 suggested fixes.
// AFTER: live nodes after 100 rounds: 0{{$}}
// AFTER-NOT: LeakSanitizer

#include <cstdio>
#include <memory>
#include <vector>

static int Live = 0;

class TreeNode : public std::enable_shared_from_this<TreeNode> {
public:
  TreeNode() { ++Live; }
  ~TreeNode() { --Live; }
  void add(const std::shared_ptr<TreeNode> &Child) {
    Child->Parent = shared_from_this();
    Children.push_back(Child);
  }
  bool hasParent() const { return Parent != nullptr; }

private:
  std::shared_ptr<TreeNode> Parent;
  std::vector<std::shared_ptr<TreeNode>> Children;
};

class Chain {
  struct Link {
    Link() { ++Live; }
    ~Link() { --Live; }
    std::shared_ptr<Link> Next;
    std::shared_ptr<Link> Prev;
  };

public:
  void push() {
    auto L = std::make_shared<Link>();
    if (Tail) {
      L->Prev = Tail;
      Tail->Next = L;
    } else {
      Head = L;
    }
    Tail = L;
  }

private:
  std::shared_ptr<Link> Head;
  std::shared_ptr<Link> Tail;
};

__attribute__((noinline)) static void round() {
  auto Root = std::make_shared<TreeNode>();
  Root->add(std::make_shared<TreeNode>());
  Chain C;
  C.push();
  C.push();
}

int main() {
  for (int I = 0; I < 100; ++I)
    round();
  std::printf("live nodes after 100 rounds: %d\n", Live);
  std::fflush(stdout); // LeakSanitizer ends the process without flushing
  return 0;
}
