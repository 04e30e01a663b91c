// C++11 has no init-captures: the check still reports, and says how to fix
// it by hand instead of offering an edit that would not compile.
//
// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++11

#include <functional>
#include <memory>
#include <vector>

class Stream : public std::enable_shared_from_this<Stream> {
public:
  void start() {
    std::shared_ptr<Stream> self = shared_from_this();
    onData_ = [self](int Bytes) { self->consume(Bytes); };
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Stream::onData_' stores a callback holding 'self', a shared_ptr to the 'Stream' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:16: note: the callback captures 'self' here; capture a std::weak_ptr and lock it instead (no fix-it: a weak capture needs an init-capture (C++14)){{$}}
    onClose_.push_back([=] { self->consume(0); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Stream::onClose_' stores a callback holding 'self', a shared_ptr to the 'Stream' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:30: note: the callback captures 'self' by copy through its capture default here; capture a std::weak_ptr and lock it instead (no fix-it: a weak capture needs an init-capture (C++14)){{$}}
    onError_ = std::bind(&Stream::fail, self);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Stream::onError_' stores a callback holding 'self', a shared_ptr to the 'Stream' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:41: note: 'self' is bound here; bind a lambda that locks a std::weak_ptr instead (no fix-it for a bound argument){{$}}
  }
  void consume(int) {}
  void fail() {}

private:
  std::function<void(int)> onData_;
  std::vector<std::function<void()>> onClose_;
  std::function<void()> onError_;
};
