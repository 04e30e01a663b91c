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
// out by non-const reference; a weak link that closes nothing.

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
