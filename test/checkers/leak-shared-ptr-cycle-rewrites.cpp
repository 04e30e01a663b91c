// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// Links a function makes and unmakes: a local read from a field that the
// function then rewrites no longer names that field's object (a list swap,
// a tree rotation), while one that is only read (a doubly linked append)
// still does. A cycle that an outside owner's destructor unlinks, and a job
// queue that is drained while each job points back at its scheduler, are
// not leaks; a move assignment breaks nothing.

#include <deque>
#include <memory>

// Clean twin: swap the first two nodes of a list.
namespace c1 {
struct Node {
  int Key = 0;
  std::shared_ptr<Node> Next;
};
std::shared_ptr<Node> swapFirstTwo(std::shared_ptr<Node> A) {
  auto B = A->Next;
  A->Next = B->Next;
  B->Next = A;
  return B;
}
} // namespace c1

// Clean twin: a rotation of a binary tree, called from a recursive insert.
namespace c2 {
struct Tree {
  int Key = 0;
  std::shared_ptr<Tree> Left, Right;
};
std::shared_ptr<Tree> rotateRight(std::shared_ptr<Tree> N) {
  std::shared_ptr<Tree> L = N->Left;
  N->Left = L->Right;
  L->Right = N;
  return L;
}
std::shared_ptr<Tree> insert(std::shared_ptr<Tree> N, int K) {
  if (!N) {
    auto Fresh = std::make_shared<Tree>();
    Fresh->Key = K;
    return Fresh;
  }
  if (K < N->Key)
    N->Left = insert(N->Left, K);
  else
    N->Right = insert(N->Right, K);
  if (N->Left && N->Left->Left)
    return rotateRight(N);
  return N;
}
} // namespace c2

// A doubly linked append: both links are made to the old tail.
namespace p1 {
class List {
  struct Node {
    int Value = 0;
    std::shared_ptr<Node> Next;
    std::shared_ptr<Node> Prev;
  };
  std::shared_ptr<Node> Head, Tail;

public:
  void pushBack(int V) {
    auto N = std::make_shared<Node>();
    N->Value = V;
    if (!Tail) {
      Head = Tail = N;
    } else {
      N->Prev = Tail;
      Tail->Next = N;
      Tail = N;
    }
  }
};
// CHECK-MESSAGES: :[[@LINE-17]]:27: warning: 'Node::Prev' completes a shared_ptr ownership cycle; the 'Node' it points to owns the 'Node' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-19]]:27: note: 'Node::Next' owns 'Node' objects through 'std::shared_ptr<Node>'{{$}}
// CHECK-MESSAGES: :[[@LINE-7]]:20: note: the 'Node' is stored in 'Next' here{{$}}
// CHECK-MESSAGES: :[[@LINE-9]]:17: note: 'Prev' is set to 'Tail' here{{$}}
// CHECK-MESSAGES: :[[@LINE-21]]:27: note: make it a std::weak_ptr: 'std::weak_ptr<Node> Prev;'{{$}}
// CHECK-FIXES: std::weak_ptr<Node> Prev;
} // namespace p1

// Clean twin: the pair's owner unlinks it in its destructor.
namespace c3 {
struct Peer {
  std::shared_ptr<Peer> Other;
};
class PeerPair {
public:
  PeerPair() : A(std::make_shared<Peer>()), B(std::make_shared<Peer>()) {
    A->Other = B;
    B->Other = A;
  }
  ~PeerPair() { A->Other.reset(); }
  PeerPair(const PeerPair &) = delete;
  PeerPair &operator=(const PeerPair &) = delete;

private:
  std::shared_ptr<Peer> A, B;
};
} // namespace c3

// Clean twin: each job points back at its scheduler, whose queue is
// drained.
namespace c4 {
class Scheduler;
struct Job {
  std::shared_ptr<Scheduler> Owner;
  int Id = 0;
};
class Scheduler : public std::enable_shared_from_this<Scheduler> {
public:
  void submit(int Id) {
    auto J = std::make_shared<Job>();
    J->Owner = shared_from_this();
    J->Id = Id;
    Queue.push_back(J);
  }
  void runOne() {
    if (Queue.empty())
      return;
    auto J = Queue.front();
    Queue.pop_front();
  }

private:
  std::deque<std::shared_ptr<Job>> Queue;
};
} // namespace c4

// A move assignment empties the other object's field: the cycle stays.
namespace p2 {
class Node {
public:
  Node() = default;
  Node &operator=(Node &&O) noexcept {
    Peer = std::move(O.Peer);
    return *this;
  }
  void setPeer(std::shared_ptr<Node> P) { Peer = std::move(P); }

private:
  std::shared_ptr<Node> Peer;
};
// CHECK-MESSAGES: :[[@LINE-2]]:25: warning: 'Node::Peer' completes a shared_ptr ownership cycle; the 'Node' it points to owns the 'Node' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'Node::Peer' owns 'Node' objects through 'std::shared_ptr<Node>'{{$}}
// CHECK-MESSAGES: :[[@LINE+6]]:14: note: the 'Node' is stored in 'Peer' here{{$}}
// CHECK-MESSAGES: :[[@LINE+6]]:14: note: 'Peer' is set to 'A' here, through 'p2::Node::setPeer'{{$}}
// CHECK-MESSAGES: :[[@LINE-6]]:25: note: the cycle goes through 'Peer' more than once; the link that closes it must not own (no automatic fix: making the field weak would free the objects it links){{$}}
void link() {
  auto A = std::make_shared<Node>();
  auto B = std::make_shared<Node>();
  A->setPeer(B);
  B->setPeer(A);
}
} // namespace p2
