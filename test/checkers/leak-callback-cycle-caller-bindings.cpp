// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// A method stores a callback owning the object into the object its
// parameter refers to; the object calls the method on itself with one of
// its own members, so the callback lands in storage the object owns. The
// call may go through a virtual method of a base class, a pointer
// parameter, or a class template. Twins: the caller passes another
// object's member or a local, the callback holds a weak_ptr, the member is
// emptied when the object closes.

#include <functional>
#include <memory>
#include <string>
#include <vector>

class Channel {
public:
  void onMessage(std::function<void(const std::string &)> H) {
    Handlers.push_back(std::move(H));
  }
  void close() { Open = false; }

private:
  std::vector<std::function<void(const std::string &)>> Handlers;
  bool Open = true;
};

class ClearingChannel {
public:
  void onMessage(std::function<void(const std::string &)> H) {
    Handlers.push_back(std::move(H));
  }
  void close() { Handlers.clear(); }

private:
  std::vector<std::function<void(const std::string &)>> Handlers;
};

// --- Positive: a virtual method of the base binds the overrider's parameter -
namespace virtual_bind {
class Consumer : public std::enable_shared_from_this<Consumer> {
public:
  virtual ~Consumer() = default;
  void start() { bindHandlers(Chan); }
  void stop() { Chan.close(); }

protected:
  virtual void bindHandlers(Channel &Ch) = 0;

private:
  Channel Chan;
};

class InvoiceConsumer : public Consumer {
protected:
  void bindHandlers(Channel &Ch) override {
    auto Self = std::static_pointer_cast<InvoiceConsumer>(shared_from_this());
    Ch.onMessage([Self](const std::string &M) { Self->handle(M); });
    // CHECK-FIXES: {{^}}    Ch.onMessage([weak_Self = std::weak_ptr(Self)](const std::string &M) { auto Self = weak_Self.lock(); if (!Self) return; Self->handle(M); });
    // CHECK-MESSAGES: :[[@LINE-2]]:8: warning: 'Channel::Handlers' of 'Chan' stores a callback holding 'Self', a shared_ptr to the 'InvoiceConsumer' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-3]]:19: note: the callback captures 'Self' here; capture 'weak_Self = std::weak_ptr(Self)' and lock it instead
    // CHECK-MESSAGES: :[[@LINE-18]]:18: note: the 'InvoiceConsumer' calls 'Consumer::bindHandlers' on itself here, passing its own 'Chan'
    // CHECK-MESSAGES: :[[@LINE-12]]:11: note: the 'InvoiceConsumer' owns the callback through 'Chan'
    // CHECK-MESSAGES: :[[@LINE-45]]:24: note: 'Channel::onMessage' stores its argument in 'Handlers' here
  }

private:
  void handle(const std::string &) {}
};
} // namespace virtual_bind

// --- Positive: a pointer parameter given the address of a member -----------
namespace pointer_bind {
class Relay : public std::enable_shared_from_this<Relay> {
public:
  void start() { wire(&Upstream); }

private:
  void wire(Channel *Ch) {
    Ch->onMessage(std::bind(&Relay::forward, shared_from_this(),
                            std::placeholders::_1));
    // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: 'Channel::Handlers' of 'Upstream' stores a callback holding 'shared_from_this()', a shared_ptr to the 'Relay' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-3]]:46: note: 'shared_from_this()' is bound here; bind a lambda that locks a std::weak_ptr instead (no fix-it for a bound argument)
    // CHECK-MESSAGES: :[[@LINE-8]]:18: note: the 'Relay' calls 'Relay::wire' on itself here, passing its own 'Upstream'
    // CHECK-MESSAGES: :[[@LINE+4]]:11: note: the 'Relay' owns the callback through 'Upstream'
    // CHECK-MESSAGES: :[[@LINE-67]]:24: note: 'Channel::onMessage' stores its argument in 'Handlers' here
  }
  void forward(const std::string &) {}
  Channel Upstream;
};
} // namespace pointer_bind

// --- Positive: a class template -------------------------------------------
namespace template_bind {
template <typename Msg> class Worker : public std::enable_shared_from_this<Worker<Msg>> {
public:
  void start() { subscribe(Inbox); }

private:
  void subscribe(Channel &Ch) {
    auto Self = this->shared_from_this();
    Ch.onMessage([Self](const std::string &) { Self->Count++; });
    // CHECK-FIXES: {{^}}    Ch.onMessage([weak_Self = std::weak_ptr(Self)](const std::string &) { auto Self = weak_Self.lock(); if (!Self) return; Self->Count++; });
    // CHECK-MESSAGES: :[[@LINE-2]]:8: warning: 'Channel::Handlers' of 'Inbox' stores a callback holding 'Self', a shared_ptr to the 'Worker' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-3]]:19: note: the callback captures 'Self' here; capture 'weak_Self = std::weak_ptr(Self)' and lock it instead
    // CHECK-MESSAGES: :[[@LINE-9]]:18: note: the 'Worker' calls 'Worker::subscribe' on itself here, passing its own 'Inbox'
    // CHECK-MESSAGES: :[[@LINE+3]]:11: note: the 'Worker' owns the callback through 'Inbox'
    // CHECK-MESSAGES: :[[@LINE-89]]:24: note: 'Channel::onMessage' stores its argument in 'Handlers' here
  }
  Channel Inbox;
  int Count = 0;
};
void run() { std::make_shared<Worker<int>>()->start(); }
} // namespace template_bind

// --- Clean: the caller passes another object's member ----------------------
namespace other_object {
class Peer : public std::enable_shared_from_this<Peer> {
public:
  void link(Peer &Other) { bindTo(Other.Chan); }

private:
  void bindTo(Channel &Ch) {
    Ch.onMessage([Self = shared_from_this()](const std::string &) {});
  }
  Channel Chan;
};
} // namespace other_object

// --- Clean: the caller passes a local --------------------------------------
namespace local_channel {
class Probe : public std::enable_shared_from_this<Probe> {
public:
  void once() {
    Channel Scratch;
    attach(Scratch);
  }

private:
  void attach(Channel &Ch) {
    Ch.onMessage([Self = shared_from_this()](const std::string &) {});
  }
};
} // namespace local_channel

// --- Clean: the callback holds a weak_ptr ----------------------------------
namespace weak_capture {
class Consumer : public std::enable_shared_from_this<Consumer> {
public:
  void start() { bindHandlers(Chan); }

private:
  void bindHandlers(Channel &Ch) {
    Ch.onMessage([Weak = weak_from_this()](const std::string &) {
      if (auto Self = Weak.lock())
        (void)Self;
    });
  }
  Channel Chan;
};
} // namespace weak_capture

// --- Clean: closing the object empties the member --------------------------
namespace cleared {
class Consumer : public std::enable_shared_from_this<Consumer> {
public:
  void start() { bindHandlers(Chan); }
  void stop() { Chan.close(); }

private:
  void bindHandlers(ClearingChannel &Ch) {
    Ch.onMessage([Self = shared_from_this()](const std::string &) {});
  }
  ClearingChannel Chan;
};
} // namespace cleared
