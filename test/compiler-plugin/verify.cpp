// The compiler plugin under clang's own -verify: every leak-* warning and
// note below is expected, and any other diagnostic fails the test.
//
// RUN: %clangxx -fsyntax-only -std=c++17 -fplugin=%clang_plugin -Xclang -verify %s
// A real compile reports the same and still produces the object file.
// RUN: %clangxx -c -std=c++17 -fplugin=%clang_plugin -Xclang -verify %s -o %t.o
// RUN: test -s %t.o

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

class Shape {
public:
  Shape() {}
  double area() {
    static std::map<const Shape *, double> Cache; // expected-warning {{function-local static 'Cache' is keyed by 'this' of 'Shape' but its entries are not erased when their objects die; a new 'Shape' at a reused address gets a stale entry [leak-static-instance-cache]}}
    return Cache[this] = 1.0; // expected-note {{'this' is stored here}}
  }
}; // expected-note {{make it a per-instance member of 'Shape': 'std::map<const Shape *, double> Cache;'}}

// Keyed by value, not by object, and bounded: a correct cache.
double areaOf(int Sides) {
  static std::map<int, double> Areas;
  if (Areas.size() > 64)
    Areas.clear();
  return Areas[Sides] = Sides * 1.5;
}

struct Subject;
struct Observer {
  std::shared_ptr<Subject> Watched; // expected-warning {{'Observer::Watched' completes a shared_ptr ownership cycle; the 'Subject' it points to owns the 'Observer' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]}} expected-note {{make it a std::weak_ptr: 'std::weak_ptr<Subject> Watched;'}}
};
struct Subject {
  std::vector<std::shared_ptr<Observer>> Observers; // expected-note {{'Subject::Observers' owns 'Observer' objects through 'std::vector<std::shared_ptr<Observer>>'}}
};
void watch(const std::shared_ptr<Subject> &S, std::shared_ptr<Observer> O) {
  O->Watched = S; // expected-note {{'Watched' is set to 'S' here}}
  S->Observers.push_back(O); // expected-note {{the 'Observer' is stored in 'Observers' here}}
}

// A tree: children owned, the parent held weakly. No cycle.
struct TreeNode {
  std::vector<std::shared_ptr<TreeNode>> Kids;
  std::weak_ptr<TreeNode> Up;
};

template <typename T>
class Timer : public std::enable_shared_from_this<Timer<T>> {
public:
  void arm() {
    onFire_ = [self = this->shared_from_this()] { self->fire(); }; // expected-warning {{'Timer::onFire_' stores a callback holding 'self', a shared_ptr to the 'Timer' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]}} expected-note {{the callback captures 'self' here; capture 'weak_self = this->weak_from_this()' and lock it instead}}
  }
  void fire() {}

private:
  std::function<void()> onFire_;
};
template class Timer<int>;

// The keep-alive idiom: the callback goes to someone else, not to the timer.
struct Loop {
  void post(std::function<void()> F) { Queue.push_back(std::move(F)); }
  void drain() { Queue.clear(); }
  std::vector<std::function<void()>> Queue;
};
class Task : public std::enable_shared_from_this<Task> {
public:
  void start(Loop &L) {
    L.post([self = shared_from_this()] { self->run(); });
  }
  void run() {}
};

#define AUDIT_LOG(Name) static std::vector<std::string> Name
AUDIT_LOG(Audit); // expected-warning {{global 'Audit' only grows: elements are added in 'audit' but never removed; every element lives until the program exits [leak-unbounded-container]}} expected-note {{keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically}}
void audit(const std::string &Event) { Audit.push_back(Event); } // expected-note {{it grows here}}

// Bounded: trimmed as it grows.
static std::vector<std::string> Recent;
void remember(const std::string &Event) {
  Recent.push_back(Event);
  if (Recent.size() > 100)
    Recent.erase(Recent.begin());
}
