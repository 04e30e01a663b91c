// A balancer that rebuilds its ring of upstreams on every reload: the ring
// class links each node after its tail and seal() stores the first node into
// the last one's link, so every ring a reload drops keeps itself alive. The
// version built with -DFIXED resets the closing link in the ring's
// destructor, as the note advises, and is quiet and freed. Observed two ways:
// a live-node counter (deterministic), and LeakSanitizer on the unreachable
// rings (many reloads, so no stale stack slot keeps one reachable).
//
// REQUIRES: asan
// RUN: %clangxx -std=c++17 %asan_lsan %s -o %t.before
// RUN: not env ASAN_OPTIONS=detect_leaks=1 %t.before > %t.before.out 2> %t.before.err
// RUN: FileCheck --check-prefix=BEFORE %s < %t.before.out
// RUN: FileCheck --check-prefix=LEAK %s < %t.before.err
// RUN: %clang_tidy -checks='-*,leak-shared-ptr-cycle' %s -- -std=c++17 2>&1 | FileCheck --check-prefix=TIDY %s
// RUN: %clang_tidy -checks='-*,leak-shared-ptr-cycle' %s -- -std=c++17 -DFIXED 2>&1 | FileCheck --allow-empty --check-prefix=QUIET %s
// RUN: %clangxx -std=c++17 -DFIXED %asan_lsan %s -o %t.after
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.after 2>&1 | FileCheck --check-prefix=AFTER %s
//
// BEFORE: picks: 300{{$}}
// BEFORE-NEXT: live upstreams after 100 reloads: 300{{$}}
// LEAK: ERROR: LeakSanitizer: detected memory leaks
// TIDY: warning: 'Link::next' closes a ring of 'Upstream' objects: 'UpstreamRing' stores the first node of its list in the last one's 'next', and each node owns the one after it, so none of them is ever destroyed [leak-shared-ptr-cycle]
// TIDY: note: 'next' of the last node, 'tail_', is set to the first, 'head_', here
// TIDY: note: 'tail_' is always reached from 'head_' through 'link.next': a node is linked after 'tail_' here, then becomes it
// QUIET-NOT: warning:
// AFTER-NOT: LeakSanitizer
// AFTER: picks: 300{{$}}
// AFTER-NEXT: live upstreams after 100 reloads: 0{{$}}
// AFTER-NOT: LeakSanitizer

#include <cstdio>
#include <memory>
#include <string>
#include <utility>

static int Live = 0;

struct Upstream;
struct Link {
  std::shared_ptr<Upstream> next;
};
struct Upstream {
  explicit Upstream(std::string h) : host(std::move(h)) { ++Live; }
  ~Upstream() { --Live; }
  std::string host;
  Link link;
};

class UpstreamRing {
public:
#ifdef FIXED
  ~UpstreamRing() {
    if (tail_)
      tail_->link.next.reset();
  }
#endif
  void append(std::shared_ptr<Upstream> node) {
    if (!head_) {
      head_ = tail_ = cursor_ = node;
    } else {
      tail_->link.next = node;
      tail_ = node;
    }
  }
  void seal() {
    if (tail_)
      tail_->link.next = head_;
  }
  std::shared_ptr<Upstream> pick() {
    auto picked = cursor_;
    if (cursor_)
      cursor_ = cursor_->link.next;
    return picked;
  }

private:
  std::shared_ptr<Upstream> head_;
  std::shared_ptr<Upstream> tail_;
  std::shared_ptr<Upstream> cursor_;
};

class Balancer {
public:
  void reload(int round) {
    auto fresh = std::make_unique<UpstreamRing>();
    for (int i = 0; i < 3; ++i)
      fresh->append(std::make_shared<Upstream>(
          "10.0." + std::to_string(round) + "." + std::to_string(i)));
    fresh->seal();
    ring_ = std::move(fresh);
  }
  bool pick() { return ring_ && ring_->pick() != nullptr; }

private:
  std::unique_ptr<UpstreamRing> ring_;
};

int main() {
  int picks = 0;
  {
    Balancer b;
    for (int round = 0; round < 100; ++round) {
      b.reload(round);
      for (int i = 0; i < 3; ++i)
        picks += b.pick();
    }
  }
  std::printf("picks: %d\n", picks);
  std::printf("live upstreams after 100 reloads: %d\n", Live);
  std::fflush(stdout); // LeakSanitizer ends the process without flushing
  return 0;
}
