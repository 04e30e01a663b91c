// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// Three or four objects stored into each other in a ring by one function,
// through locals (`a->b = b; b->c = c; c->a = a;`), are one cycle, reported
// once on its back edge with a note at every store. A ring through one
// field again and again (a circular list) gets no weak_ptr advice: making
// that field weak would free the ring. Clean twins: a chain
// that is not closed, a ring closed by a weak_ptr, a ring that `close()`
// opens again, a node moved to the front after it is unlinked.

#include <memory>
#include <vector>

// --- Positive: a ring of three made in a free function ----------------------

namespace free_ring {
struct B;
struct C;
struct A {
  std::shared_ptr<B> b;
};
struct B {
  std::shared_ptr<C> c;
};
struct C {
  std::shared_ptr<A> a;
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'C::a' completes a shared_ptr ownership cycle; the 'A' it points to owns the 'C' in turn, so none of them is ever destroyed [leak-shared-ptr-cycle]
};
void wire() {
  auto a = std::make_shared<A>();
  auto b = std::make_shared<B>();
  auto c = std::make_shared<C>();
  a->b = b;
  b->c = c;
  c->a = a;
  // CHECK-MESSAGES: :[[@LINE-16]]:22: note: 'A::b' owns 'B' objects through 'std::shared_ptr<B>'{{$}}
  // CHECK-MESSAGES: :[[@LINE-14]]:22: note: 'B::c' owns 'C' objects through 'std::shared_ptr<C>'{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:10: note: the 'B' is stored in 'b' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:10: note: the 'C' is stored in 'c' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:10: note: 'a' is set to 'a' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-15]]:22: note: make it a std::weak_ptr: 'std::weak_ptr<A> a;'{{$}}
}
} // namespace free_ring

// --- Positive: the object itself closes a ring through two locals -----------

namespace member_ring {
struct Codec;
struct Stream;
struct Session : std::enable_shared_from_this<Session> {
  std::shared_ptr<Stream> stream;
  void open();
};
struct Stream {
  std::vector<std::shared_ptr<Codec>> codecs;
};
struct Codec {
  std::shared_ptr<Session> session;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Codec::session' completes a shared_ptr ownership cycle; the 'Session' it points to owns the 'Codec' in turn, so none of them is ever destroyed [leak-shared-ptr-cycle]
};
void Session::open() {
  auto s = std::make_shared<Stream>();
  auto c = std::make_shared<Codec>();
  c->session = shared_from_this();
  s->codecs.push_back(c);
  stream = s;
  // CHECK-MESSAGES: :[[@LINE-16]]:27: note: 'Session::stream' owns 'Stream' objects through 'std::shared_ptr<Stream>'{{$}}
  // CHECK-MESSAGES: :[[@LINE-13]]:39: note: 'Stream::codecs' owns 'Codec' objects through 'std::vector<std::shared_ptr<Codec>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the 'Stream' is stored in 'stream' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:23: note: the 'Codec' is stored in 'codecs' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-7]]:16: note: 'session' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: :[[@LINE-14]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Session> session;'{{$}}
}
} // namespace member_ring

// --- Positive: a ring of four in a function template ------------------------

namespace template_ring {
template <typename T> struct Link {
  std::shared_ptr<Link> next;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Link::next' completes a shared_ptr ownership cycle; the 'Link' it points to owns the 'Link' in turn, so none of them is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-2]]:25: note: 'Link::next' owns 'Link' objects through 'std::shared_ptr<Link<int>>'{{$}}
  T value{};
};
template <typename T> std::shared_ptr<Link<T>> circle() {
  auto a = std::make_shared<Link<T>>();
  auto b = std::make_shared<Link<T>>();
  auto c = std::make_shared<Link<T>>();
  auto d = std::make_shared<Link<T>>();
  a->next = b;
  b->next = c;
  c->next = d;
  d->next = a;
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: the 'Link' is stored in 'next' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: the 'Link' is stored in 'next' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: the 'Link' is stored in 'next' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:13: note: 'next' is set to 'a' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-18]]:25: note: the cycle goes through 'next' more than once; the link that closes it must not own (no automatic fix: making the field weak would free the objects it links){{$}}
  return a;
}
template std::shared_ptr<Link<int>> circle<int>();
} // namespace template_ring

// --- Negative: a chain, not closed -------------------------------------------

namespace chain {
struct B;
struct C;
struct A {
  std::shared_ptr<B> b;
};
struct B {
  std::shared_ptr<C> c;
};
struct C {
  std::shared_ptr<A> a;
};
void wire() {
  auto a = std::make_shared<A>();
  auto b = std::make_shared<B>();
  auto c = std::make_shared<C>();
  a->b = b;
  b->c = c;
  c->a = std::make_shared<A>();
}
} // namespace chain

// --- Negative: the ring is closed by a weak_ptr ------------------------------

namespace weak_ring {
struct B;
struct C;
struct A {
  std::shared_ptr<B> b;
};
struct B {
  std::shared_ptr<C> c;
};
struct C {
  std::weak_ptr<A> a;
};
void wire() {
  auto a = std::make_shared<A>();
  auto b = std::make_shared<B>();
  auto c = std::make_shared<C>();
  a->b = b;
  b->c = c;
  c->a = a;
}
} // namespace weak_ring

// --- Negative: close() opens the ring on its middle edge ---------------------

namespace opened {
struct B;
struct C;
struct A {
  std::shared_ptr<B> b;
};
struct B {
  std::shared_ptr<C> c;
  void close() { c.reset(); }
};
struct C {
  std::shared_ptr<A> a;
};
void wire() {
  auto a = std::make_shared<A>();
  auto b = std::make_shared<B>();
  auto c = std::make_shared<C>();
  a->b = b;
  b->c = c;
  c->a = a;
}
} // namespace opened

// --- Positive, no fix-it: a list node made to point back at the head --------
// Moving the second node to the front without unlinking it: the head owns
// the second node through 'next', which now owns the head. Making 'next'
// weak would free the list.

namespace move_to_front {
struct Doc {
  std::shared_ptr<Doc> next;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Doc::next' completes a shared_ptr ownership cycle; the 'Doc' it points to owns the 'Doc' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-2]]:24: note: 'Doc::next' owns 'Doc' objects through 'std::shared_ptr<Doc>'{{$}}
};
class Recent {
public:
  void promoteSecond() {
    if (!head_ || !head_->next)
      return;
    auto second = head_->next;
    second->next = head_;
    // CHECK-MESSAGES: :[[@LINE-1]]:20: note: 'next' is set to 'head_' here{{$}}
    // CHECK-MESSAGES: :[[@LINE-12]]:24: note: the cycle goes through 'next' more than once; the link that closes it must not own (no automatic fix: making the field weak would free the objects it links){{$}}
    head_ = second;
  }

private:
  std::shared_ptr<Doc> head_;
};
} // namespace move_to_front

// --- Negative: the same move, unlinking the node first ----------------------
// `head_->next = second->next` rewrites the field 'second' was read from:
// 'second' is no longer the head's next node when it is linked to the head.

namespace move_to_front_unlinked {
struct Doc {
  std::shared_ptr<Doc> next;
};
class Recent {
public:
  void promoteSecond() {
    if (!head_ || !head_->next)
      return;
    auto second = head_->next;
    head_->next = second->next;
    second->next = head_;
    head_ = second;
  }

private:
  std::shared_ptr<Doc> head_;
};
} // namespace move_to_front_unlinked
