// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// A class that keeps both ends of a list of nodes, each owning the next,
// closes a ring when it stores the first node into the last one's link: the
// tail is reached from the head as long as every write of either end keeps
// it so. Positives: nodes linked through a link held by value, appended
// after the tail; nodes linked directly, prepended before the head, with the
// ends set in a constructor. Twins: a list never closed; a ring whose link
// the holder's destructor resets; a tail set to a node the class did not
// link; a link rewired in the middle of the list; public ends; an end handed
// out by non-const reference; a weak link that closes nothing. A local
// that walks a list closes a ring too when it stores the node it started at:
// built in a loop (`last->next = s; last = s;`, then `last->next = first`),
// or walked to the end (`while (n->next) n = n->next; n->next = head_;`).
// Twins: a walk that starts after the node stored; a walker that jumps.
// Review found more ways to look like a ring: one local name for two nodes,
// a return between the writes, a node assigned whole, a copy of the keeper,
// a node made here cut after it was linked, a wrap replaced at once.

#include <memory>
#include <string>
#include <utility>

namespace value_link {

struct Node;
struct Link {
  std::shared_ptr<Node> Next;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Link::Next' closes a ring of 'Node' objects: 'Ring' stores the first node of its list in the last one's 'Next', and each node owns the one after it, so none of them is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+22]]:24: note: 'Next' of the last node, 'Tail', is set to the first, 'Head', here
  // CHECK-MESSAGES: :[[@LINE+15]]:7: note: 'Tail' is always reached from 'Head' through 'Out.Next': a node is linked after 'Tail' here, then becomes it
  // CHECK-MESSAGES: :[[@LINE-4]]:25: note: the link that closes the ring must not own: reset it when the ring is let go, or keep the first node apart (no automatic fix: making 'Next' weak would free the nodes it links)
  int Weight = 1;
};
struct Node {
  std::string Host;
  Link Out;
};

class Ring {
public:
  void append(std::shared_ptr<Node> N) {
    if (!Head) {
      Head = Tail = N;
    } else {
      Tail->Out.Next = N;
      Tail = N;
    }
  }
  void seal() {
    if (Tail)
      Tail->Out.Next = Head;
  }
  std::shared_ptr<Node> first() const { return Head; }

private:
  std::shared_ptr<Node> Head;
  std::shared_ptr<Node> Tail;
};

} // namespace value_link

namespace prepended {

struct Item {
  int Value = 0;
  std::shared_ptr<Item> Next;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Item::Next' closes a ring of 'Item' objects: 'Stack' stores the first node of its list in the last one's 'Next', and each node owns the one after it, so none of them is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+18]]:32: note: 'Next' of the last node, 'Bottom', is set to the first, 'Top', here
  // CHECK-MESSAGES: :[[@LINE+21]]:25: note: 'Bottom' is always reached from 'Top' through 'Next': every write of either keeps it so
  // CHECK-MESSAGES: :[[@LINE-4]]:25: note: the link that closes the ring must not own: reset it when the ring is let go, or keep the first node apart (no automatic fix: making 'Next' weak would free the nodes it links)
};

class Stack {
public:
  explicit Stack(std::shared_ptr<Item> First) : Top(First), Bottom(First) {}
  void push(int V) {
    auto I = std::make_shared<Item>();
    I->Value = V;
    I->Next = Top;
    Top = I;
  }
  void pop() {
    if (Top != Bottom)
      Top = Top->Next;
  }
  void wrap() { Bottom->Next = Top; }

private:
  std::shared_ptr<Item> Top;
  std::shared_ptr<Item> Bottom;
};

} // namespace prepended

namespace built_in_loop {

struct Seat {
  int No = 0;
  std::shared_ptr<Seat> Next;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Seat::Next' closes a ring of 'Seat' objects: 'built_in_loop::makeTable' stores the first node of its list in the last one's 'Next', and each node owns the one after it, so none of them is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+14]]:16: note: 'Next' of the last node, 'Last', is set to the first, 'First', here
  // CHECK-MESSAGES: :[[@LINE+10]]:5: note: 'Last' is always reached from 'First' through 'Next': a node is linked after 'Last' here, then becomes it
  // CHECK-MESSAGES: :[[@LINE-4]]:25: note: the link that closes the ring must not own: reset it when the ring is let go, or keep the first node apart (no automatic fix: making 'Next' weak would free the nodes it links)
};

std::shared_ptr<Seat> makeTable(int N) {
  auto First = std::make_shared<Seat>();
  auto Last = First;
  for (int I = 1; I < N; ++I) {
    auto S = std::make_shared<Seat>();
    S->No = I;
    Last->Next = S;
    Last = S;
  }
  Last->Next = First;
  return First;
}

} // namespace built_in_loop

namespace walked_to_end {

struct Step {
  std::shared_ptr<Step> Next;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Step::Next' closes a ring of 'Step' objects: 'walked_to_end::Playlist::repeat' stores the first node of its list in the last one's 'Next', and each node owns the one after it, so none of them is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+17]]:15: note: 'Next' of the last node, 'N', is set to the first, 'Head', here
  // CHECK-MESSAGES: :[[@LINE+13]]:10: note: 'N' is always reached from 'Head' through 'Next': it starts there and moves only along 'Next'
  // CHECK-MESSAGES: :[[@LINE-4]]:25: note: the link that closes the ring must not own: reset it when the ring is let go, or keep the first node apart (no automatic fix: making 'Next' weak would free the nodes it links)
};

class Playlist {
public:
  void add(std::shared_ptr<Step> S) {
    S->Next = Head;
    Head = S;
  }
  void repeat() {
    if (!Head)
      return;
    auto N = Head;
    while (N->Next)
      N = N->Next;
    N->Next = Head;
  }

private:
  std::shared_ptr<Step> Head;
};

} // namespace walked_to_end

// The twins use one node type each, so that no store above stands for them.
namespace never_closed {
struct Node {
  std::shared_ptr<Node> Next;
};
class List {
public:
  void append(std::shared_ptr<Node> N) {
    if (!Head) {
      Head = Tail = N;
    } else {
      Tail->Next = N;
      Tail = N;
    }
  }

private:
  std::shared_ptr<Node> Head, Tail;
};
} // namespace never_closed

namespace reset_on_destruction {
struct Node {
  std::shared_ptr<Node> Next;
};
class Ring {
public:
  ~Ring() {
    if (Tail)
      Tail->Next.reset();
  }
  void append(std::shared_ptr<Node> N) {
    if (!Head) {
      Head = Tail = N;
    } else {
      Tail->Next = N;
      Tail = N;
    }
  }
  void seal() { Tail->Next = Head; }

private:
  std::shared_ptr<Node> Head, Tail;
};
} // namespace reset_on_destruction

namespace foreign_tail {
struct Node {
  std::shared_ptr<Node> Next;
};
class Ring {
public:
  void append(std::shared_ptr<Node> N) {
    if (!Head) {
      Head = Tail = N;
    } else {
      Tail->Next = N;
      Tail = N;
    }
  }
  // The new tail need not follow the head.
  void retarget(std::shared_ptr<Node> N) { Tail = std::move(N); }
  void seal() { Tail->Next = Head; }

private:
  std::shared_ptr<Node> Head, Tail;
};
} // namespace foreign_tail

namespace rewired_middle {
struct Node {
  std::shared_ptr<Node> Next;
};
class Ring {
public:
  void append(std::shared_ptr<Node> N) {
    if (!Head) {
      Head = Tail = N;
    } else {
      Tail->Next = N;
      Tail = N;
    }
  }
  // Cuts the list after the head: the tail may no longer follow it.
  void splice(std::shared_ptr<Node> N) { Head->Next = N; }
  void seal() { Tail->Next = Head; }

private:
  std::shared_ptr<Node> Head, Tail;
};
} // namespace rewired_middle

namespace public_ends {
struct Node {
  std::shared_ptr<Node> Next;
};
struct Ring {
  void append(std::shared_ptr<Node> N) {
    if (!Head) {
      Head = Tail = N;
    } else {
      Tail->Next = N;
      Tail = N;
    }
  }
  void seal() { Tail->Next = Head; }
  std::shared_ptr<Node> Head, Tail;
};
} // namespace public_ends

namespace handed_out {
struct Node {
  std::shared_ptr<Node> Next;
};
class Ring {
public:
  void append(std::shared_ptr<Node> N) {
    if (!Head) {
      Head = Tail = N;
    } else {
      Tail->Next = N;
      Tail = N;
    }
  }
  void seal() { Tail->Next = Head; }
  std::shared_ptr<Node> &last() { return Tail; }

private:
  std::shared_ptr<Node> Head, Tail;
};
} // namespace handed_out

namespace weak_link {
struct Node {
  std::shared_ptr<Node> Next;
  std::weak_ptr<Node> Wrap;
};
class Ring {
public:
  void append(std::shared_ptr<Node> N) {
    if (!Head) {
      Head = Tail = N;
    } else {
      Tail->Next = N;
      Tail = N;
    }
  }
  void seal() { Tail->Wrap = Head; }

private:
  std::shared_ptr<Node> Head, Tail;
};
} // namespace weak_link

namespace walked_from_elsewhere {
struct Step {
  std::shared_ptr<Step> Next;
};
// The walk starts at the second node: the first is not behind the last.
void close(const std::shared_ptr<Step> &Head) {
  auto N = Head->Next;
  while (N && N->Next)
    N = N->Next;
  if (N)
    N->Next = Head;
}
} // namespace walked_from_elsewhere

namespace jumped_walker {
struct Seat {
  std::shared_ptr<Seat> Next;
};
std::shared_ptr<Seat> pick();
// The walker jumps to a node the code did not link after it.
void build(int N) {
  auto First = std::make_shared<Seat>();
  auto Last = First;
  for (int I = 1; I < N; ++I)
    Last = pick();
  Last->Next = First;
}
} // namespace jumped_walker

// --- Found by review: each once passed for a ring -----------------------------

namespace name_reused {
struct Node {
  std::shared_ptr<Node> Next;
};
// One local name, two values: the tail and the head are different nodes.
class Splice {
public:
  void start(std::shared_ptr<Node> A, std::shared_ptr<Node> B) {
    auto N = A;
    Tail = N;
    N = B;
    Head = N;
  }
  void join() { Tail->Next = Head; }

private:
  std::shared_ptr<Node> Head, Tail;
};
} // namespace name_reused

namespace early_return {
struct Node {
  std::shared_ptr<Node> Next;
};
// The return between the two writes may leave the tail behind.
class Chain {
public:
  void append(std::shared_ptr<Node> N) {
    if (!Head) {
      Head = Tail = N;
    } else {
      Tail->Next = N;
      Tail = N;
    }
  }
  void restart(std::shared_ptr<Node> N, bool KeepTail) {
    Head = N;
    if (KeepTail)
      return;
    Tail = N;
  }
  void close() { Tail->Next = Head; }

private:
  std::shared_ptr<Node> Head, Tail;
};
} // namespace early_return

namespace whole_node_assigned {
struct Node {
  int V = 0;
  std::shared_ptr<Node> Next;
};
// Copying the second node over the first rewrites its link unnamed.
class Chain {
public:
  void append(std::shared_ptr<Node> N) {
    if (!Head) {
      Head = Tail = N;
    } else {
      Tail->Next = N;
      Tail = N;
    }
  }
  void dropSecond() {
    if (Head && Head->Next) {
      auto Second = Head->Next;
      *Head = *Second;
    }
  }
  void close() { Tail->Next = Head; }

private:
  std::shared_ptr<Node> Head, Tail;
};
} // namespace whole_node_assigned

namespace copied_keeper {
struct Node {
  std::shared_ptr<Node> Next;
};
// A copy shares the nodes: appending to it relinks the original's middle.
class Ring {
public:
  void append(std::shared_ptr<Node> N) {
    if (!Head) {
      Head = Tail = N;
    } else {
      Tail->Next = N;
      Tail = N;
    }
  }
  void seal() { Tail->Next = Head; }

private:
  std::shared_ptr<Node> Head, Tail;
};
void fork(Ring &R) {
  Ring Copy = R;
  Copy.append(std::make_shared<Node>());
  R.seal();
}
} // namespace copied_keeper

namespace fresh_but_linked {
struct N {
  std::shared_ptr<N> Next;
};
// 'Mid' was made here but is in the list by the time its link is cut.
std::shared_ptr<N> build(int K) {
  auto First = std::make_shared<N>();
  auto Last = First;
  auto Mid = std::make_shared<N>();
  Last->Next = Mid;
  Last = Mid;
  for (int I = 0; I < K; ++I) {
    auto S = std::make_shared<N>();
    Last->Next = S;
    Last = S;
  }
  Mid->Next = nullptr;
  Last->Next = First;
  return First;
}
} // namespace fresh_but_linked

namespace closed_then_relinked {
struct N {
  std::shared_ptr<N> Next;
};
// The wrap inside the loop is replaced by the next append at once.
std::shared_ptr<N> build(int K) {
  auto First = std::make_shared<N>();
  auto Last = First;
  for (int I = 0; I < K; ++I) {
    Last->Next = First;
    auto S = std::make_shared<N>();
    Last->Next = S;
    Last = S;
  }
  return First;
}
} // namespace closed_then_relinked

namespace moved_tail {
struct Slot {
  std::shared_ptr<Slot> Next;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Slot::Next' closes a ring of 'Slot' objects: 'Wheel' stores the first node of its list in the last one's 'Next', and each node owns the one after it, so none of them is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+15]]:30: note: 'Next' of the last node, 'Tail', is set to the first, 'Head', here
  // CHECK-MESSAGES: :[[@LINE+10]]:7: note: 'Tail' is always reached from 'Head' through 'Next': a node is linked after 'Tail' here, then becomes it
  // CHECK-MESSAGES: :[[@LINE-4]]:25: note: the link that closes the ring must not own: reset it when the ring is let go, or keep the first node apart (no automatic fix: making 'Next' weak would free the nodes it links)
};
// The new tail is moved in.
class Wheel {
public:
  void add(std::shared_ptr<Slot> S) {
    if (!Head) {
      Head = Tail = S;
    } else {
      Tail->Next = S;
      Tail = std::move(S);
    }
  }
  void seal() { Tail->Next = Head; }

private:
  std::shared_ptr<Slot> Head, Tail;
};
} // namespace moved_tail

namespace for_walk {
struct Hop {
  std::shared_ptr<Hop> Next;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Hop::Next' closes a ring of 'Hop' objects: 'for_walk::loopBack' stores the first node of its list in the last one's 'Next', and each node owns the one after it, so none of them is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+9]]:13: note: 'Next' of the last node, 'N', is set to the first, 'Start', here
  // CHECK-MESSAGES: :[[@LINE+5]]:8: note: 'N' is always reached from 'Start' through 'Next': it starts there and moves only along 'Next'
  // CHECK-MESSAGES: :[[@LINE-4]]:24: note: the link that closes the ring must not own: reset it when the ring is let go, or keep the first node apart (no automatic fix: making 'Next' weak would free the nodes it links)
};
// A walk written as a for loop.
void loopBack(const std::shared_ptr<Hop> &Start) {
  auto N = Start;
  for (; N->Next; N = N->Next) {
  }
  N->Next = Start;
}
} // namespace for_walk
