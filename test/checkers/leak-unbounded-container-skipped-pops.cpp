// Scoped stacks whose pop one way out skips: a thread_local "current" stack
// that a function pushes on entry and pops before it returns holds only the
// calls in progress, unless a return between the push and the pop leaves the
// element in. Clean twins: a pop on every way out, a pop by a scope guard, a
// pop guarded by a test of the stack, a queue that another function drains,
// pushes and pops in a loop, an early return before the push.
//
// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17

#include <deque>
#include <memory>
#include <stack>
#include <string>
#include <vector>

struct Actor {
  virtual ~Actor() = default;
  virtual bool accepts(const std::string &Topic) const = 0;
  virtual void receive(const std::string &Payload) = 0;
};
using ActorPtr = std::shared_ptr<Actor>;

// --- Positive: an early return skips the pop -------------------------------
namespace early_return {
thread_local std::vector<ActorPtr> Current;
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: thread_local 'Current' grows by one element per call of 'early_return::deliver' that leaves by a way out skipping its removal; every element left behind lives until its thread exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+7]]:3: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE+9]]:5: note: this return leaves the element in{{$}}
// CHECK-MESSAGES: :[[@LINE+11]]:3: note: the element is removed here, on the other ways out{{$}}
// CHECK-MESSAGES: :[[@LINE-5]]:36: note: remove the element on every way out of 'early_return::deliver' (a scope guard whose destructor removes it){{$}}
ActorPtr current() { return Current.empty() ? nullptr : Current.back(); }
void deliver(const ActorPtr &A, const std::string &Topic,
             const std::string &Payload) {
  Current.push_back(A);
  if (!A->accepts(Topic)) {
    // Rejected: nothing to deliver.
    return;
  }
  A->receive(Payload);
  Current.pop_back();
}
} // namespace early_return

// --- Positive: a branch runs off the end without the pop --------------------
namespace runs_off {
struct Frame {
  std::string Name;
};
static std::deque<Frame> Trace;
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: global 'Trace' grows by one element per call of 'runs_off::traced' that leaves by a way out skipping its removal; every element left behind lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+5]]:3: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE+9]]:1: note: the function ends here with the element still in{{$}}
// CHECK-MESSAGES: :[[@LINE+6]]:5: note: the element is removed here, on the other ways out{{$}}
// CHECK-MESSAGES: :[[@LINE-5]]:26: note: remove the element on every way out of 'runs_off::traced' (a scope guard whose destructor removes it){{$}}
void traced(const std::string &Name, bool Ok) {
  Trace.push_back(Frame{Name});
  if (Ok) {
    // Only the successful call takes its frame off.
    Trace.pop_back();
  }
}
} // namespace runs_off

// --- Clean: every way out pops ----------------------------------------------
namespace every_way_out {
thread_local std::vector<ActorPtr> Current;
void deliver(const ActorPtr &A, const std::string &Topic,
             const std::string &Payload) {
  Current.push_back(A);
  if (!A->accepts(Topic)) {
    Current.pop_back();
    return;
  }
  A->receive(Payload);
  Current.pop_back();
}
} // namespace every_way_out

// --- Clean: a scope guard pops on every way out ------------------------------
namespace scope_guard {
thread_local std::vector<ActorPtr> Current;
void deliver(const ActorPtr &A, const std::string &Topic,
             const std::string &Payload) {
  Current.push_back(A);
  struct Pop {
    ~Pop() { Current.pop_back(); }
  } Guard;
  if (!A->accepts(Topic))
    return;
  A->receive(Payload);
}
} // namespace scope_guard

// --- Clean: the pop is guarded by a test of the stack ------------------------
namespace tested {
thread_local std::vector<std::string> Names;
void enter(const std::string &Name, bool Nested) {
  Names.push_back(Name);
  if (Nested)
    return;
  if (!Names.empty())
    Names.pop_back();
}
} // namespace tested

// --- Clean: a queue that another function drains ----------------------------
namespace producer_consumer {
std::deque<std::string> Jobs;
void submit(const std::string &Job, bool Urgent) {
  Jobs.push_back(Job);
  if (Urgent)
    return;
}
void drainOne() { Jobs.pop_front(); }
} // namespace producer_consumer

// --- Clean: a work stack pushed and popped in a loop --------------------------
namespace work_stack {
struct Node {
  std::vector<Node *> Kids;
};
static std::stack<Node *> Pending;
void visit(Node *Root, bool Stop) {
  for (Node *K : Root->Kids) {
    Pending.push(K);
    if (Stop)
      return;
    Pending.pop();
  }
}
} // namespace work_stack

// --- Clean: the early return comes before the push ----------------------------
namespace return_before_push {
thread_local std::vector<ActorPtr> Current;
void deliver(const ActorPtr &A, const std::string &Topic,
             const std::string &Payload) {
  if (!A->accepts(Topic))
    return;
  Current.push_back(A);
  A->receive(Payload);
  Current.pop_back();
}
} // namespace return_before_push
