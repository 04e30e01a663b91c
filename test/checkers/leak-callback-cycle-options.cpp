// ReportResetStorage: storage the class empties again by hand is quiet by
// default, and reported with the place it is emptied when the option is on.
//
// RUN: %check_leaklint --check-suffix=DEFAULT %s leak-callback-cycle %t -- -- -std=c++17
// RUN: %check_leaklint --check-suffix=RESET %s leak-callback-cycle %t -- \
// RUN:   -config="{CheckOptions: {leak-callback-cycle.ReportResetStorage: true}}" -- -std=c++17
// RUN: %clang_tidy -checks='-*,leak-callback-cycle' --dump-config %s -- -std=c++17 \
// RUN:   | FileCheck --check-prefix=DUMP %s
// RUN: %clang_tidy -checks='-*,leak-callback-cycle' %s \
// RUN:   -config="{CheckOptions: {leak-callback-cycle.ReportResetStorage: maybe}}" \
// RUN:   -- -std=c++17 2>&1 | FileCheck --check-prefix=BAD %s
//
// DUMP: leak-callback-cycle.ReportResetStorage: 'false'
// BAD: invalid configuration value 'maybe' for option 'leak-callback-cycle.ReportResetStorage'; expected a bool

#include <functional>
#include <memory>

class Timeout : public std::enable_shared_from_this<Timeout> {
public:
  void arm() { cb_ = [self = shared_from_this()] { self->fire(); }; }
  // CHECK-MESSAGES-RESET: :[[@LINE-1]]:16: warning: 'Timeout::cb_' stores a callback holding 'self', a shared_ptr to the 'Timeout' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  // CHECK-MESSAGES-RESET: :[[@LINE-2]]:23: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
  // CHECK-MESSAGES-RESET: :[[@LINE+1]]:19: note: the storage is emptied in 'Timeout::cancel' here, which breaks the cycle only if it runs{{$}}
  void cancel() { cb_ = nullptr; }
  void fire() {}

private:
  std::function<void()> cb_;
};

// Not emptied anywhere: reported either way.
class Forever : public std::enable_shared_from_this<Forever> {
public:
  void arm() { cb_ = [self = shared_from_this()] { self->fire(); }; }
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:16: warning: 'Forever::cb_' stores a callback holding 'self', a shared_ptr to the 'Forever' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-2]]:23: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
  // CHECK-MESSAGES-RESET: :[[@LINE-3]]:16: warning: 'Forever::cb_' stores a callback holding 'self', a shared_ptr to the 'Forever' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  // CHECK-MESSAGES-RESET: :[[@LINE-4]]:23: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
  void fire() {}

private:
  std::function<void()> cb_;
};

// NOLINT on the line of the warning silences it, whatever the options.
class Silenced : public std::enable_shared_from_this<Silenced> {
public:
  void arm() { cb_ = [self = shared_from_this()] { self->fire(); }; } // NOLINT(leak-callback-cycle)
  void fire() {}

private:
  std::function<void()> cb_;
};

// Storage a method hands out by address or non-const reference may be
// emptied by whoever calls it (`r->handler()->swap(empty)`): like a reset,
// quiet by default, reported with where it is handed out when the option
// is on. A const reference hands out nothing to empty.
class Request : public std::enable_shared_from_this<Request> {
public:
  void execute() { handler_ = [self = shared_from_this()] { self->done(); }; }
  // CHECK-MESSAGES-RESET: :[[@LINE-1]]:20: warning: 'Request::handler_' stores a callback holding 'self', a shared_ptr to the 'Request' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  // CHECK-MESSAGES-RESET: :[[@LINE-2]]:32: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
  // CHECK-MESSAGES-RESET: :[[@LINE+1]]:38: note: 'Request::handler' hands out 'handler_' here; code holding it may empty it, which breaks the cycle only if it runs{{$}}
  std::function<void()> *handler() { return &handler_; }
  void done() {}

private:
  std::function<void()> handler_;
};

class Viewed : public std::enable_shared_from_this<Viewed> {
public:
  void execute() { handler_ = [self = shared_from_this()] { self->done(); }; }
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:20: warning: 'Viewed::handler_' stores a callback holding 'self', a shared_ptr to the 'Viewed' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  // CHECK-MESSAGES-DEFAULT: :[[@LINE-2]]:32: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
  // CHECK-MESSAGES-RESET: :[[@LINE-3]]:20: warning: 'Viewed::handler_' stores a callback holding 'self', a shared_ptr to the 'Viewed' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
  // CHECK-MESSAGES-RESET: :[[@LINE-4]]:32: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
  const std::function<void()> &handler() const { return handler_; }
  void done() {}

private:
  std::function<void()> handler_;
};
