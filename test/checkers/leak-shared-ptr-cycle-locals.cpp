// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// Locals that are assigned again (`cur = child` in a loop) stand for the
// value they hold at each use: two uses with no assignment between them, in
// one basic block of the CFG, name the same object. Uses across branches do
// not: the checks cannot tell which value they read.

#include <memory>
#include <string>
#include <vector>

struct Node {
  Node(std::string N, std::shared_ptr<Node> P)
      : name(std::move(N)), parent(std::move(P)) {}
  std::string name;
  std::shared_ptr<Node> parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Node::parent' completes a shared_ptr ownership cycle; the 'Node' it points to owns the 'Node' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+5]]:38: note: 'Node::children' owns 'Node' objects through 'std::vector<std::shared_ptr<Node>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+14]]:29: note: the 'Node' is stored in 'children' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+12]]:47: note: 'parent' is set to 'cur' here, through 'Node::Node'{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Node> parent;'{{$}}
  // CHECK-FIXES: {{^}}  std::weak_ptr<Node> parent;{{$}}
  std::vector<std::shared_ptr<Node>> children;
};

// --- Positive: a path built in a loop --------------------------------------

std::shared_ptr<Node> chain(const std::vector<std::string> &Items) {
  auto Root = std::make_shared<Node>("root", nullptr);
  auto cur = Root;
  for (const auto &Item : Items) {
    auto Child = std::make_shared<Node>(Item, cur);
    cur->children.push_back(Child);
    cur = Child;
  }
  return Root;
}

// --- Negative: the child's parent and the node it is added to differ -------

struct Cell {
  explicit Cell(std::shared_ptr<Cell> Up) : up(std::move(Up)) {}
  std::shared_ptr<Cell> up;
  std::vector<std::shared_ptr<Cell>> below;
};

void skewed(int N) {
  auto Cur = std::make_shared<Cell>(nullptr);
  auto Other = std::make_shared<Cell>(nullptr);
  for (int I = 0; I < N; ++I) {
    auto Next = std::make_shared<Cell>(Cur);
    Cur = Next;
    Cur->below.push_back(Other); // Cur is Next now, not the parent
  }
}

// --- Negative: a branch between the uses -----------------------------------

void branchy(int N, bool Flip) {
  auto Cur = std::make_shared<Cell>(nullptr);
  auto Alt = std::make_shared<Cell>(nullptr);
  for (int I = 0; I < N; ++I) {
    auto Next = std::make_shared<Cell>(Cur);
    if (Flip)
      Cur = Alt;
    Cur->below.push_back(Next);
  }
}
