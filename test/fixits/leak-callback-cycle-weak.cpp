// The weak capture compiles in every language mode that has init-captures,
// keeps the callback's layout, and is withheld where it would change what the
// program means.
//
// RUN: %check_leaklint --check-suffix=CXX17 %s leak-callback-cycle %t -- -- -std=c++17
// RUN: %check_leaklint --check-suffix=CXX14 %s leak-callback-cycle %t -- -- -std=c++14

#include <functional>
#include <memory>
#include <vector>

namespace net {
namespace detail {

class Stream : public std::enable_shared_from_this<Stream> {
public:
  // A multi-line body: the lock goes on lines of its own.
  void onData() {
    auto self = shared_from_this();
    reader_ = [self](int Bytes) {
    // CHECK-MESSAGES-CXX17: :[[@LINE-1]]:5: warning: 'Stream::reader_' stores a callback holding 'self', a shared_ptr to the 'Stream' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-CXX17: :[[@LINE-2]]:16: note: the callback captures 'self' here; capture 'weak_self_ = std::weak_ptr(self)' and lock it instead{{$}}
    // CHECK-MESSAGES-CXX14: :[[@LINE-3]]:5: warning: 'Stream::reader_' stores a callback holding 'self', a shared_ptr to the 'Stream' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-CXX14: :[[@LINE-4]]:16: note: the callback captures 'self' here; capture 'weak_self_ = std::weak_ptr<net::detail::Stream>(self)' and lock it instead{{$}}
    // CHECK-FIXES-CXX17: reader_ = [weak_self_ = std::weak_ptr(self)](int Bytes) {
    // CHECK-FIXES-CXX17-NEXT: auto self = weak_self_.lock();
    // CHECK-FIXES-CXX17-NEXT: if (!self)
    // CHECK-FIXES-CXX17-NEXT: return;
    // CHECK-FIXES-CXX14: reader_ = [weak_self_ = std::weak_ptr<net::detail::Stream>(self)](int Bytes) {
    // CHECK-FIXES-CXX14-NEXT: auto self = weak_self_.lock();
    // CHECK-FIXES-CXX14-NEXT: if (!self)
    // CHECK-FIXES-CXX14-NEXT: return;
      if (Bytes > 0)
        self->consume(Bytes);
    };
  }

  // An empty body, and a body that starts on the line of its brace.
  void keepAlive() {
    ping_ = [self = shared_from_this()] {};
    // CHECK-MESSAGES-CXX17: :[[@LINE-1]]:5: warning: 'Stream::ping_' stores a callback holding 'self', a shared_ptr to the 'Stream' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-CXX17: :[[@LINE-2]]:14: note: the callback captures 'self' here; capture 'weak_self_ = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES-CXX14: :[[@LINE-3]]:5: warning: 'Stream::ping_' stores a callback holding 'self', a shared_ptr to the 'Stream' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-CXX14: :[[@LINE-4]]:14: note: the callback captures 'self' here; capture 'weak_self_ = std::weak_ptr<net::detail::Stream>(shared_from_this())' and lock it instead{{$}}
    // CHECK-FIXES-CXX17: ping_ = [weak_self_ = weak_from_this()] { auto self = weak_self_.lock(); if (!self) return; };
    // CHECK-FIXES-CXX14: ping_ = [weak_self_ = std::weak_ptr<net::detail::Stream>(shared_from_this())] { auto self = weak_self_.lock(); if (!self) return; };
    pong_ = [self = shared_from_this()] { self->consume(0);
    // CHECK-MESSAGES-CXX17: :[[@LINE-1]]:5: warning: 'Stream::pong_' stores a callback holding 'self', a shared_ptr to the 'Stream' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-CXX17: :[[@LINE-2]]:14: note: the callback captures 'self' here; capture 'weak_self_ = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES-CXX14: :[[@LINE-3]]:5: warning: 'Stream::pong_' stores a callback holding 'self', a shared_ptr to the 'Stream' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-CXX14: :[[@LINE-4]]:14: note: the callback captures 'self' here; capture 'weak_self_ = std::weak_ptr<net::detail::Stream>(shared_from_this())' and lock it instead{{$}}
    // CHECK-FIXES-CXX17: pong_ = [weak_self_ = weak_from_this()] { auto self = weak_self_.lock(); if (!self) return; self->consume(0);
    // CHECK-FIXES-CXX14: pong_ = [weak_self_ = std::weak_ptr<net::detail::Stream>(shared_from_this())] { auto self = weak_self_.lock(); if (!self) return; self->consume(0);
      self->consume(1); };
  }

  // A generic lambda that returns nothing.
  void generic() {
    any_ = [self = shared_from_this()](auto Value) { self->consume(Value); };
    // CHECK-MESSAGES-CXX17: :[[@LINE-1]]:5: warning: 'Stream::any_' stores a callback holding 'self', a shared_ptr to the 'Stream' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-CXX17: :[[@LINE-2]]:13: note: the callback captures 'self' here; capture 'weak_self_ = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES-CXX14: :[[@LINE-3]]:5: warning: 'Stream::any_' stores a callback holding 'self', a shared_ptr to the 'Stream' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-CXX14: :[[@LINE-4]]:13: note: the callback captures 'self' here; capture 'weak_self_ = std::weak_ptr<net::detail::Stream>(shared_from_this())' and lock it instead{{$}}
    // CHECK-FIXES-CXX17: any_ = [weak_self_ = weak_from_this()](auto Value) { auto self = weak_self_.lock(); if (!self) return; self->consume(Value); };
    // CHECK-FIXES-CXX14: any_ = [weak_self_ = std::weak_ptr<net::detail::Stream>(shared_from_this())](auto Value) { auto self = weak_self_.lock(); if (!self) return; self->consume(Value); };
  }

  // A capture through a cast: the weak_ptr is made from the same expression.
  void cast() {
    derived_ = [self = std::static_pointer_cast<Stream>(shared_from_this())] {
    // CHECK-MESSAGES-CXX17: :[[@LINE-1]]:5: warning: 'Stream::derived_' stores a callback holding 'self', a shared_ptr to the 'Stream' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-CXX17: :[[@LINE-2]]:17: note: the callback captures 'self' here; capture 'weak_self_ = std::weak_ptr(std::static_pointer_cast<Stream>(shared_from_this()))' and lock it instead{{$}}
    // CHECK-MESSAGES-CXX14: :[[@LINE-3]]:5: warning: 'Stream::derived_' stores a callback holding 'self', a shared_ptr to the 'Stream' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-CXX14: :[[@LINE-4]]:17: note: the callback captures 'self' here; capture 'weak_self_ = std::weak_ptr<net::detail::Stream>(std::static_pointer_cast<Stream>(shared_from_this()))' and lock it instead{{$}}
    // CHECK-FIXES-CXX17: derived_ = [weak_self_ = std::weak_ptr(std::static_pointer_cast<Stream>(shared_from_this()))] {
    // CHECK-FIXES-CXX17-NEXT: auto self = weak_self_.lock();
    // CHECK-FIXES-CXX17-NEXT: if (!self)
    // CHECK-FIXES-CXX17-NEXT: return;
    // CHECK-FIXES-CXX14: derived_ = [weak_self_ = std::weak_ptr<net::detail::Stream>(std::static_pointer_cast<Stream>(shared_from_this()))] {
    // CHECK-FIXES-CXX14-NEXT: auto self = weak_self_.lock();
    // CHECK-FIXES-CXX14-NEXT: if (!self)
    // CHECK-FIXES-CXX14-NEXT: return;
      self->consume(2);
    };
  }

  void consume(int) {}

private:
  std::function<void(int)> reader_, any_;
  std::function<void()> ping_, pong_, derived_;
};

} // namespace detail
} // namespace net

// No fix-it: two owners, a name taken, a macro.
#define STORE_CALLBACK(Member) Member = [self = shared_from_this()] { self->f(); }

class Mixed : public std::enable_shared_from_this<Mixed> {
public:
  void arm(std::shared_ptr<Mixed> Other) {
    both_ = [self = shared_from_this(), Other] { self->f(); Other->f(); };
    // CHECK-MESSAGES-CXX17: :[[@LINE-1]]:5: warning: 'Mixed::both_' stores a callback holding 'self', a shared_ptr to the 'Mixed' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-CXX17: :[[@LINE-2]]:14: note: the callback captures 'self' here; capture 'weak_self_ = weak_from_this()' and lock it instead: 'auto self = weak_self_.lock();' (no fix-it: the callback holds several shared_ptrs){{$}}
    // CHECK-MESSAGES-CXX14: :[[@LINE-3]]:5: warning: 'Mixed::both_' stores a callback holding 'self', a shared_ptr to the 'Mixed' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-CXX14: :[[@LINE-4]]:14: note: the callback captures 'self' here; capture 'weak_self_ = std::weak_ptr<Mixed>(shared_from_this())' and lock it instead: 'auto self = weak_self_.lock();' (no fix-it: the callback holds several shared_ptrs){{$}}
    STORE_CALLBACK(macro_);
    // CHECK-MESSAGES-CXX17: :[[@LINE-1]]:20: warning: 'Mixed::macro_' stores a callback holding 'self', a shared_ptr to the 'Mixed' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-CXX17: :[[@LINE-2]]:5: note: the callback captures 'self' here; capture a std::weak_ptr and lock it instead (no fix-it: the callback is written in a macro){{$}}
    // CHECK-MESSAGES-CXX17: :[[@LINE-13]]:42: note: expanded from macro 'STORE_CALLBACK'{{$}}
    // CHECK-MESSAGES-CXX14: :[[@LINE-4]]:20: warning: 'Mixed::macro_' stores a callback holding 'self', a shared_ptr to the 'Mixed' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-CXX14: :[[@LINE-5]]:5: note: the callback captures 'self' here; capture a std::weak_ptr and lock it instead (no fix-it: the callback is written in a macro){{$}}
    // CHECK-MESSAGES-CXX14: :[[@LINE-16]]:42: note: expanded from macro 'STORE_CALLBACK'{{$}}
  }
  void f() {}

private:
  std::function<void()> both_, macro_;
};

// A name the weak capture would take is already in use: it gets another.
class Named : public std::enable_shared_from_this<Named> {
public:
  void arm() {
    int weak_self = 0;
    (void)weak_self;
    cb_ = [self = shared_from_this()] { self->f(); };
    // CHECK-MESSAGES-CXX17: :[[@LINE-1]]:5: warning: 'Named::cb_' stores a callback holding 'self', a shared_ptr to the 'Named' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-CXX17: :[[@LINE-2]]:12: note: the callback captures 'self' here; capture 'weak_self_ = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES-CXX14: :[[@LINE-3]]:5: warning: 'Named::cb_' stores a callback holding 'self', a shared_ptr to the 'Named' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-CXX14: :[[@LINE-4]]:12: note: the callback captures 'self' here; capture 'weak_self_ = std::weak_ptr<Named>(shared_from_this())' and lock it instead{{$}}
    // CHECK-FIXES-CXX17: cb_ = [weak_self_ = weak_from_this()] { auto self = weak_self_.lock(); if (!self) return; self->f(); };
    // CHECK-FIXES-CXX14: cb_ = [weak_self_ = std::weak_ptr<Named>(shared_from_this())] { auto self = weak_self_.lock(); if (!self) return; self->f(); };
  }
  void f() {}

private:
  std::function<void()> cb_;
};
