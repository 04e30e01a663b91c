// Broken code: unknown types, half-written links, a missing member. The
// cycle check must not crash, must not report cycles built on recovery
// expressions (Broken, Half), and must not edit a file that does not
// compile. A cycle clang recovers exactly (a missing ';') is still real.
//
// RUN: not %clang_tidy -checks='-*,leak-shared-ptr-cycle' %s -- -std=c++17 > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not='[leak-' --implicit-check-not='Stack dump'
// RUN: cp %s %t.cpp
// RUN: not %clang_tidy -checks='-*,leak-shared-ptr-cycle' --fix %t.cpp -- -std=c++17 > /dev/null 2>&1
// RUN: diff %s %t.cpp
//
// CHECK-DAG: error: {{.*}}[clang-diagnostic-error]
// CHECK-DAG: :[[# @LINE + 10]]:25: warning: 'Node::Parent' completes a shared_ptr ownership cycle{{.*}}[leak-shared-ptr-cycle]

#include <memory>
#include <vector>

struct Node : std::enable_shared_from_this<Node> {
  void add(std::shared_ptr<Node> C) {
    C->Parent = shared_from_this();
    Children.push_back(C)
  }
  std::shared_ptr<Node> Parent;
  std::vector<std::shared_ptr<Node>> Children;
};

struct Broken : std::enable_shared_from_this<Broken> {
  void link(std::shared_ptr<Unknown> U) {
    U->Owner = shared_from_this();
    Things.push_back(U);
  }
  std::vector<std::shared_ptr<Unknown>> Things;
};

struct Half {
  std::shared_ptr<Half> Next;
  void f(std::shared_ptr<Half> H) { H->Next = ; Next = H; H->Missing = Next; }
};
