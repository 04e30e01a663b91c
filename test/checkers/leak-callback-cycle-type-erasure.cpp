// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// Callables kept behind a base-class pointer (type erasure): a user template
// that stores its callable in a field, made with std::make_unique or new and
// kept in a container of pointers to its base. Its captures are owned.

#include <memory>
#include <utility>
#include <vector>

struct TaskBase {
  virtual ~TaskBase() = default;
  virtual void run() = 0;
};
template <class F> struct Task : TaskBase {
  explicit Task(F Fn) : Fn(std::move(Fn)) {}
  void run() override { Fn(); }
  F Fn;
};

// --- Positive: stored directly, and through a member template --------------

class Worker : public std::enable_shared_from_this<Worker> {
public:
  void post() {
    tasks_.push_back(std::make_unique<Task<Tick>>(Tick{shared_from_this()}));
  }
  template <class F> void enqueue(F Fn) {
    tasks_.push_back(std::make_unique<Task<F>>(std::move(Fn)));
  }
  void later() {
    enqueue([self = shared_from_this()] { self->tick(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Worker::tasks_' stores a callback holding 'self', a shared_ptr to the 'Worker' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:14: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE-6]]:48: note: 'Worker::enqueue' stores its argument in 'tasks_' here{{$}}
    // CHECK-FIXES: enqueue([weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->tick(); });
  }
  void raw() {
    auto Fn = [self = shared_from_this()] { self->tick(); };
    pending_.emplace_back(new Task<decltype(Fn)>(Fn));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Worker::pending_' stores a callback holding 'self', a shared_ptr to the 'Worker' that owns it
    // CHECK-MESSAGES: :[[@LINE-3]]:16: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead: 'auto self = weak_self.lock();' (no fix-it: 'Fn' is used elsewhere too, where it may need the strong reference){{$}}
    // CHECK-MESSAGES: :[[@LINE-4]]:10: note: the callback is kept in 'Fn' before it is stored{{$}}
  }
  void tick() {}

private:
  // A function object (not a lambda) holding the object: not a callable
  // holder of the library, so Task<Tick> is looked into only for lambdas.
  struct Tick {
    std::shared_ptr<Worker> Self;
    void operator()() {}
  };
  std::vector<std::unique_ptr<TaskBase>> tasks_;
  std::vector<std::unique_ptr<TaskBase>> pending_;
};

// --- Negative: a job queue that is drained (the keep-alive idiom) ----------

class Pool : public std::enable_shared_from_this<Pool> {
public:
  template <class F> void submit(F Fn) {
    jobs_.push_back(std::make_unique<Task<F>>(std::move(Fn)));
  }
  void schedule() {
    submit([self = shared_from_this()] { self->work(); });
  }
  void drain() {
    auto Jobs = std::move(jobs_);
    jobs_.clear();
    for (auto &J : Jobs)
      J->run();
  }
  void work() {}

private:
  std::vector<std::unique_ptr<TaskBase>> jobs_;
};

// --- Negative: the holder keeps no callable ---------------------------------

struct Counter : TaskBase {
  explicit Counter(int N) : N(N) {}
  void run() override { ++N; }
  int N;
};
class Stats : public std::enable_shared_from_this<Stats> {
public:
  void add() { items_.push_back(std::make_unique<Counter>(1)); }

private:
  std::vector<std::unique_ptr<TaskBase>> items_;
};
