// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// An object that holds itself until it is done -- a timer that lets go when
// it fires or is cancelled -- is the keep-alive idiom, not a leak: quiet when
// the class empties the field again outside its constructor and destructor,
// other than to fill it again at once (a restart).
#include <functional>
#include <memory>
#include <utility>

// Quiet: released when it fires or is cancelled.
class InvokeTimer : public std::enable_shared_from_this<InvokeTimer> {
public:
  static std::shared_ptr<InvokeTimer> create(std::function<void()> F) {
    std::shared_ptr<InvokeTimer> It(new InvokeTimer(std::move(F)));
    It->Self = It;
    return It;
  }
  void onFired() {
    Functor();
    Self.reset();
  }
  void onCancelled() { Self = nullptr; }

private:
  explicit InvokeTimer(std::function<void()> F) : Functor(std::move(F)) {}
  std::function<void()> Functor;
  std::shared_ptr<InvokeTimer> Self;
};

// Quiet: a class template that lets go in a member function never
// instantiated here.
template <typename T>
class Job : public std::enable_shared_from_this<Job<T>> {
public:
  void start() { Self = this->shared_from_this(); }
  void finish() { Self.reset(); }

private:
  std::shared_ptr<Job<T>> Self;
};
void runJob() { std::make_shared<Job<int>>()->start(); }

// Loud: emptied only in the destructor, which the cycle keeps from running.
class Daemon : public std::enable_shared_from_this<Daemon> {
public:
  ~Daemon() { Self.reset(); }
  void start() { Self = shared_from_this(); }

private:
  std::shared_ptr<Daemon> Self;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Daemon::Self' makes a 'Daemon' own itself through a shared_ptr; it keeps itself alive and is never destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: 'Self' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:27: note: make it a std::weak_ptr: 'std::weak_ptr<Daemon> Self;'{{$}}
  // CHECK-FIXES: std::weak_ptr<Daemon> Self;
};

// Loud: restart() empties the field and start() fills it again on every way
// out, so the reset replaces the object's hold on itself and releases nothing.
class Restarter : public std::enable_shared_from_this<Restarter> {
public:
  void start() { Self = shared_from_this(); }
  void restart() {
    Self.reset();
    start();
  }

private:
  std::shared_ptr<Restarter> Self;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'Restarter::Self' makes a 'Restarter' own itself through a shared_ptr; it keeps itself alive and is never destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-9]]:25: note: 'Self' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:30: note: make it a std::weak_ptr: 'std::weak_ptr<Restarter> Self;'{{$}}
  // CHECK-FIXES: std::weak_ptr<Restarter> Self;
};
void runRestarter() { std::make_shared<Restarter>()->restart(); }

// Quiet: the same restart, and a finish() that lets go.
class Rerunner : public std::enable_shared_from_this<Rerunner> {
public:
  void start() { Self = shared_from_this(); }
  void restart() {
    Self.reset();
    start();
  }
  void finish() { Self.reset(); }

private:
  std::shared_ptr<Rerunner> Self;
};
void runRerunner() { std::make_shared<Rerunner>()->restart(); }
