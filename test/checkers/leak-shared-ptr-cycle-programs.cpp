// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// A whole program (the file defines main()): a reset in a function nothing
// calls breaks no cycle. A close() that no code runs leaves the pair linked;
// one that main() calls breaks it. (In a fragment without main(), an
// uncalled close() may wait for callers the fragment leaves out, and still
// counts: leak-shared-ptr-cycle-broken-by-hand.cpp.)

#include <memory>

// close() is never called: the two peers keep each other.
struct Peer {
  std::shared_ptr<Peer> Other;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Peer::Other' completes a shared_ptr ownership cycle; the 'Peer' it points to owns the 'Peer' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  void close() { Other.reset(); }
};
// CHECK-MESSAGES: :[[@LINE-4]]:25: note: 'Peer::Other' owns 'Peer' objects through 'std::shared_ptr<Peer>'{{$}}
void pair() {
  auto A = std::make_shared<Peer>();
  auto B = std::make_shared<Peer>();
  A->Other = B;
  B->Other = A;
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: the 'Peer' is stored in 'Other' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: 'Other' is set to 'A' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-12]]:25: note: the cycle goes through 'Other' more than once; the link that closes it must not own (no automatic fix: making the field weak would free the objects it links){{$}}
}

// Clean twin: main() closes the session, which unlinks its view.
struct View;
struct Session {
  std::shared_ptr<View> Shown;
  void close() { Shown.reset(); }
};
struct View {
  std::shared_ptr<Session> Owner;
};
std::shared_ptr<Session> open() {
  auto S = std::make_shared<Session>();
  auto V = std::make_shared<View>();
  V->Owner = S;
  S->Shown = V;
  return S;
}

int main() {
  pair();
  open()->close();
}
