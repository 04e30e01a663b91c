// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// A method that hands a shared_ptr on to a method of an object it owns,
// which stores it: the link is made where the first method is called. A free
// function that stores one argument into the object of another links them
// where it is called. A member operator (`kids << child`) stores like a
// named method.

#include <memory>
#include <vector>

class Session;

struct Timer {
  void setOwner(std::shared_ptr<Session> S) { owner_ = std::move(S); }
  std::shared_ptr<Session> owner_;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Timer::owner_' completes a shared_ptr ownership cycle; the 'Session' it points to owns the 'Timer' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+12]]:26: note: 'Session::timer_' owns 'Timer' objects through 'std::unique_ptr<Timer>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+8]]:22: note: 'owner_' is set to shared_from_this() here, through 'Session::arm'{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Session> owner_;'{{$}}
  // CHECK-FIXES: std::weak_ptr<Session> owner_;
};

class Session : public std::enable_shared_from_this<Session> {
public:
  void arm(std::shared_ptr<Session> S) { timer_->setOwner(std::move(S)); }
  void start() { arm(shared_from_this()); }

private:
  std::unique_ptr<Timer> timer_ = std::make_unique<Timer>();
};

// --- Clean: handed to an object the session only points to ------------------

class Job;

struct Scheduler {
  void setCurrent(std::shared_ptr<Job> J) { current_ = std::move(J); }
  std::shared_ptr<Job> current_;
};

class Job : public std::enable_shared_from_this<Job> {
public:
  void arm(std::shared_ptr<Job> J) { scheduler_->setCurrent(std::move(J)); }
  void start() { arm(shared_from_this()); }

private:
  Scheduler *scheduler_ = nullptr;
};

// --- Positive: a virtual setter; the overrider the TU defines stores it ----

class Worker;

struct Holder {
  virtual ~Holder() = default;
  virtual void setWorker(std::shared_ptr<Worker> W) = 0;
};

struct Slot : Holder {
  void setWorker(std::shared_ptr<Worker> W) override { worker_ = std::move(W); }
  std::shared_ptr<Worker> worker_;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Slot::worker_' completes a shared_ptr ownership cycle; the 'Worker' it points to owns the 'Slot' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+11]]:27: note: 'Worker::slot_' owns 'Holder' objects through 'std::unique_ptr<Holder>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+7]]:35: note: 'worker_' is set to shared_from_this() here, through 'Holder::setWorker'{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:27: note: make it a std::weak_ptr: 'std::weak_ptr<Worker> worker_;'{{$}}
  // CHECK-FIXES: std::weak_ptr<Worker> worker_;
};

class Worker : public std::enable_shared_from_this<Worker> {
public:
  void start() { slot_->setWorker(shared_from_this()); }

private:
  std::unique_ptr<Holder> slot_ = std::make_unique<Slot>();
};

// --- Positive: a free function stores one argument into the other's object -

class Parent;

struct Child {
  std::shared_ptr<Parent> owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Child::owner' completes a shared_ptr ownership cycle; the 'Parent' it points to owns the 'Child' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+18]]:39: note: 'Parent::kids_' owns 'Child' objects through 'std::vector<std::shared_ptr<Child>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+13]]:21: note: the 'Child' is stored in 'kids_' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+11]]:15: note: 'owner' is set to shared_from_this() here, through 'adopt'{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:27: note: make it a std::weak_ptr: 'std::weak_ptr<Parent> owner;'{{$}}
  // CHECK-FIXES: std::weak_ptr<Parent> owner;
};

void adopt(Child &C, std::shared_ptr<Parent> P) { C.owner = std::move(P); }

class Parent : public std::enable_shared_from_this<Parent> {
public:
  void add() {
    auto C = std::make_shared<Child>();
    adopt(*C, shared_from_this());
    kids_.push_back(C);
  }

private:
  std::vector<std::shared_ptr<Child>> kids_;
};

// --- Clean: the free function stores into a copy of the child --------------

class Family;

struct Member {
  std::shared_ptr<Family> family;
};

void join(Member M, std::shared_ptr<Family> F) { M.family = std::move(F); }

class Family : public std::enable_shared_from_this<Family> {
public:
  void add() {
    auto M = std::make_shared<Member>();
    join(*M, shared_from_this());
    members_.push_back(M);
  }

private:
  std::vector<std::shared_ptr<Member>> members_;
};

// --- A member operator stores the child into the parent's list -------------

namespace op {
struct Node;
struct Children {
  std::vector<std::shared_ptr<Node>> All;
  Children &operator<<(std::shared_ptr<Node> N) {
    All.push_back(std::move(N));
    return *this;
  }
};
struct Node {
  std::shared_ptr<Node> Parent;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Node::Parent' completes a shared_ptr ownership cycle; the 'Node' it points to owns the 'Node' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  Children Kids;
// CHECK-MESSAGES: :[[@LINE-1]]:12: note: 'Node::Kids' holds a 'Children' by value
};
// CHECK-MESSAGES: :[[@LINE-12]]:38: note: 'Children::All' owns 'Node' objects through 'std::vector<std::shared_ptr<Node>>'
void link(const std::shared_ptr<Node> &P, const std::shared_ptr<Node> &C) {
  C->Parent = P;
// CHECK-MESSAGES: :[[@LINE+1]]:14: note: the 'Node' is stored in 'All' here
  P->Kids << C;
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'Parent' is set to 'P' here
// CHECK-MESSAGES: :[[@LINE-11]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Node> Parent;'
}
} // namespace op

// --- Clean: the operator keeps a weak_ptr ------------------------------------

namespace opweak {
struct Node;
struct Children {
  std::vector<std::weak_ptr<Node>> All;
  Children &operator<<(const std::shared_ptr<Node> &N) {
    All.push_back(N);
    return *this;
  }
};
struct Node {
  std::shared_ptr<Node> Parent;
  Children Kids;
};
void link(const std::shared_ptr<Node> &P, const std::shared_ptr<Node> &C) {
  C->Parent = P;
  P->Kids << C;
}
} // namespace opweak

// --- A method named like a container's: `graph->insert(label, t)` -----------
// On an object that is no field it is a method like any other, followed to
// the store in its body; on a field (`nodes_.insert(...)`) it grows the field.
namespace named_insert {
class Graph;
class Target {
public:
  explicit Target(std::shared_ptr<Graph> G) : Owner(std::move(G)) {}

private:
  std::shared_ptr<Graph> Owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Target::Owner' completes a shared_ptr ownership cycle; the 'Graph' it points to owns the 'Target' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+11]]:40: note: 'Graph::Nodes' owns 'Target' objects through 'std::vector<std::shared_ptr<Target>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+14]]:13: note: the 'Target' is stored in 'Nodes' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+12]]:37: note: 'Owner' is set to 'G' here, through 'named_insert::Target::Target'{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: make it a std::weak_ptr: 'std::weak_ptr<Graph> Owner;'{{$}}
  // CHECK-FIXES: {{^}}  std::weak_ptr<Graph> Owner;{{$}}
};
class Graph {
public:
  void insert(std::shared_ptr<Target> T) { Nodes.push_back(std::move(T)); }

private:
  std::vector<std::shared_ptr<Target>> Nodes;
};
void declare(const std::shared_ptr<Graph> &G) {
  auto T = std::make_shared<Target>(G);
  G->insert(T);
}
} // namespace named_insert
