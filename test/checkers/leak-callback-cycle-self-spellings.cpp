// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// The object itself, as real code spells it: weak_from_this().lock(), a
// getShared() member returning shared_from_this(), a project's own cast
// template, and a local copy of any of them.

#include <functional>
#include <memory>
#include <vector>

template <class To, class From>
std::shared_ptr<To> Cast(std::shared_ptr<From> P) {
  return std::static_pointer_cast<To>(P);
}

struct Base : std::enable_shared_from_this<Base> {
  virtual ~Base() = default;
};

struct Child;

struct Widget : Base {
  std::shared_ptr<Widget> getShared() {
    return std::static_pointer_cast<Widget>(shared_from_this());
  }
  std::shared_ptr<Widget> self() { return getShared(); }
  std::shared_ptr<Child> child() { return child_; }

  void a() {
    onA = [self = weak_from_this().lock()] { (void)self; };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Widget::onA' stores a callback holding 'self', a shared_ptr to the 'Widget' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-FIXES: onA = [weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; (void)self; };
  }
  void b() {
    onB = [self = self()] { (void)self; };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Widget::onB' stores a callback holding 'self', a shared_ptr to the 'Widget' that owns it
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: the callback captures 'self' here; capture 'weak_self = std::weak_ptr(self())' and lock it instead{{$}}
    // CHECK-FIXES: onB = [weak_self = std::weak_ptr(self())] { auto self = weak_self.lock(); if (!self) return; (void)self; };
  }
  void c() {
    onC = [self = Cast<Widget>(shared_from_this())] { (void)self; };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Widget::onC' stores a callback holding 'self', a shared_ptr to the 'Widget' that owns it
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: the callback captures 'self' here; capture 'weak_self = std::weak_ptr(Cast<Widget>(shared_from_this()))' and lock it instead{{$}}
    // CHECK-FIXES: onC = [weak_self = std::weak_ptr(Cast<Widget>(shared_from_this()))] { auto self = weak_self.lock(); if (!self) return; (void)self; };
  }
  void d() {
    auto Self = getShared();
    handlers.push_back([Self] { (void)Self; });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Widget::handlers' stores a callback holding 'Self', a shared_ptr to the 'Widget' that owns it
    // CHECK-MESSAGES: :[[@LINE-2]]:25: note: the callback captures 'Self' here; capture 'weak_Self = std::weak_ptr(Self)' and lock it instead{{$}}
    // CHECK-FIXES: handlers.push_back([weak_Self = std::weak_ptr(Self)] { auto Self = weak_Self.lock(); if (!Self) return; (void)Self; });
  }

  // Negative: another object, through a getter and a weak member.
  void e() {
    onE = [C = child()] { (void)C; };
    onF = [P = parent_.lock()] { (void)P; };
  }

  std::function<void()> onA, onB, onC, onE, onF;
  std::vector<std::function<void()>> handlers;
  std::shared_ptr<Child> child_;
  std::weak_ptr<Widget> parent_;
};

struct Child {
  int Value = 0;
};
