// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// A constructor that makes a member object from its parameter
// (`cursor_(std::make_unique<Cursor>(channel))`, `cursor_(channel)` for a
// member held by value, `cursor_ = std::make_unique<Cursor>(channel)` or
// `new Cursor(channel)` in its body) stores the parameter wherever that
// member's constructor stores it: the object that makes it, through the
// member, keeps what the caller passed.
// Twins: the member keeps a weak_ptr, a raw pointer, or only a value read
// from the parameter; the member is made from another object.

#include <memory>
#include <string>
#include <vector>

// --- Positive: a unique_ptr member made in the initialiser list -------------
namespace initialiser {
class Channel;
class Cursor {
public:
  Cursor(std::shared_ptr<Channel> C, int Start) : Chan(std::move(C)), Seq(Start) {}
  int seq() const { return Seq; }

private:
  std::shared_ptr<Channel> Chan;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Cursor::Chan' completes a shared_ptr ownership cycle; the 'Channel' it points to owns the 'Cursor' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+24]]:40: note: 'Channel::Viewers' owns 'Viewer' objects through 'std::vector<std::shared_ptr<Viewer>>'
  // CHECK-MESSAGES: :[[@LINE+14]]:27: note: 'Viewer::Cur' owns 'Cursor' objects through 'std::unique_ptr<Cursor>'
  // CHECK-MESSAGES: :[[@LINE+18]]:23: note: the 'Viewer' is stored in 'Viewers' here
  // CHECK-MESSAGES: :[[@LINE+17]]:52: note: 'Chan' is set to shared_from_this() here, through 'initialiser::Viewer::Viewer'
  // CHECK-MESSAGES: :[[@LINE-6]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Channel> Chan;'
  // CHECK-FIXES: std::weak_ptr<Channel> Chan;
  int Seq;
};
class Viewer {
public:
  Viewer(std::string Id, const std::shared_ptr<Channel> &C)
      : Id(std::move(Id)), Cur(std::make_unique<Cursor>(C, 0)) {}

private:
  std::string Id;
  std::unique_ptr<Cursor> Cur;
};
class Channel : public std::enable_shared_from_this<Channel> {
public:
  void join(const std::string &Id) {
    Viewers.push_back(std::make_shared<Viewer>(Id, shared_from_this()));
  }

private:
  std::vector<std::shared_ptr<Viewer>> Viewers;
};
} // namespace initialiser

// --- Positive: a member held by value, made from the parameter --------------
namespace by_value {
class Channel;
class Context {
public:
  explicit Context(std::shared_ptr<Channel> C) : Graph(std::move(C)) {}

private:
  // The warning goes on the shared_ptr inside the value, the field to make
  // weak; nothing reads it, so the rewrite is the declaration alone.
  std::shared_ptr<Channel> Graph;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Context::Graph' completes a shared_ptr ownership cycle; the 'Channel' it points to owns the 'Target' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+21]]:40: note: 'Channel::Targets' owns 'Target' objects through 'std::vector<std::shared_ptr<Target>>'
  // CHECK-MESSAGES: :[[@LINE+13]]:11: note: 'Target::Ctx' holds a 'Context' by value
  // CHECK-MESSAGES: :[[@LINE+16]]:34: note: the 'Target' is stored in 'Targets' here
  // CHECK-MESSAGES: :[[@LINE+15]]:59: note: 'Ctx' is set to shared_from_this() here, through 'by_value::Target::Target'
  // CHECK-MESSAGES: :[[@LINE-6]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Channel> Graph;'
  // CHECK-FIXES: {{^}}  std::weak_ptr<Channel> Graph;{{$}}
  std::string Compiler = "cc";
  std::vector<std::string> Flags;
};
class Target {
public:
  explicit Target(const std::shared_ptr<Channel> &C) : Ctx(C) {}

private:
  Context Ctx;
};
class Channel : public std::enable_shared_from_this<Channel> {
public:
  void add() { Targets.push_back(std::make_shared<Target>(shared_from_this())); }

private:
  std::vector<std::shared_ptr<Target>> Targets;
};
} // namespace by_value

// --- Positive: the member is made in the constructor's body ------------------
namespace in_body {
class Channel;
class Watch {
public:
  explicit Watch(std::shared_ptr<Channel> C) : Owner(std::move(C)) {}

private:
  std::shared_ptr<Channel> Owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Watch::Owner' completes a shared_ptr ownership cycle; the 'Channel' it points to owns the 'Watch' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+24]]:39: note: 'Channel::Probes' owns 'Probe' objects through 'std::vector<std::shared_ptr<Probe>>'
  // CHECK-MESSAGES: :[[@LINE+12]]:26: note: 'Probe::W' owns 'Watch' objects through 'std::unique_ptr<Watch>'
  // CHECK-MESSAGES: :[[@LINE+18]]:22: note: the 'Probe' is stored in 'Probes' here
  // CHECK-MESSAGES: :[[@LINE+16]]:14: note: 'Owner' is set to shared_from_this() here, through 'in_body::Probe::rearm'
  // CHECK-MESSAGES: :[[@LINE-6]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Channel> Owner;'
  // CHECK-FIXES: std::weak_ptr<Channel> Owner;
};
class Probe {
public:
  explicit Probe(std::shared_ptr<Channel> C) { W.reset(new Watch(std::move(C))); }
  void rearm(std::shared_ptr<Channel> C) { W = std::make_unique<Watch>(C); }

private:
  std::unique_ptr<Watch> W;
};
class Channel : public std::enable_shared_from_this<Channel> {
public:
  void watch() {
    auto P = std::make_shared<Probe>(nullptr);
    P->rearm(shared_from_this());
    Probes.push_back(P);
  }

private:
  std::vector<std::shared_ptr<Probe>> Probes;
};
} // namespace in_body

// --- Clean: the member keeps a weak_ptr --------------------------------------
namespace weak_member {
class Channel;
class Cursor {
public:
  explicit Cursor(const std::shared_ptr<Channel> &C) : Chan(C) {}

private:
  std::weak_ptr<Channel> Chan;
};
class Viewer {
public:
  explicit Viewer(const std::shared_ptr<Channel> &C)
      : Cur(std::make_unique<Cursor>(C)) {}

private:
  std::unique_ptr<Cursor> Cur;
};
class Channel : public std::enable_shared_from_this<Channel> {
public:
  void join() { Viewers.push_back(std::make_shared<Viewer>(shared_from_this())); }

private:
  std::vector<std::shared_ptr<Viewer>> Viewers;
};
} // namespace weak_member

// --- Clean: the member keeps a raw pointer, or a value read from it ----------
namespace raw_and_value {
class Channel;
class Cursor {
public:
  Cursor(Channel *C, std::size_t Id) : Chan(C), Id(Id) {}
  Channel *channel() const { return Chan; }
  std::size_t id() const { return Id; }

private:
  Channel *Chan;
  std::size_t Id;
};
class Viewer {
public:
  explicit Viewer(const std::shared_ptr<Channel> &C)
      : Cur(std::make_unique<Cursor>(C.get(), C.use_count())) {}

private:
  std::unique_ptr<Cursor> Cur;
};
class Channel : public std::enable_shared_from_this<Channel> {
public:
  void join() { Viewers.push_back(std::make_shared<Viewer>(shared_from_this())); }

private:
  std::vector<std::shared_ptr<Viewer>> Viewers;
};
} // namespace raw_and_value

// --- Clean: the member is made from another object ----------------------------
namespace other_object {
class Channel;
class Registry {};
class Cursor {
public:
  explicit Cursor(std::shared_ptr<Registry> R) : Reg(std::move(R)) {}

private:
  std::shared_ptr<Registry> Reg;
};
class Viewer {
public:
  Viewer(const std::shared_ptr<Channel> &C, std::shared_ptr<Registry> R)
      : Owner(C.get()), Cur(std::make_unique<Cursor>(std::move(R))) {}

private:
  Channel *Owner;
  std::unique_ptr<Cursor> Cur;
};
class Channel : public std::enable_shared_from_this<Channel> {
public:
  void join() {
    Viewers.push_back(std::make_shared<Viewer>(shared_from_this(),
                                               std::make_shared<Registry>()));
  }

private:
  std::vector<std::shared_ptr<Viewer>> Viewers;
};
} // namespace other_object
