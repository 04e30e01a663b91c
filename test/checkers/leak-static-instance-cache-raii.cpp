// Registries unregistered on destruction through a pimpl or optional
// member's destructor, a local RAII guard, a deleted helper object, or a
// helper function handed the registry (llvm::erase(All, this)): quiet.
//
// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace r_f2_pimpl {
class Window;
static std::set<Window *> windows;
class Window {
public:
  Window();
  ~Window();
private:
  struct Impl;
  std::unique_ptr<Impl> impl;
};
struct Window::Impl {
  Window *owner;
  explicit Impl(Window *w) : owner(w) {}
  ~Impl() { windows.erase(owner); }
};
Window::Window() : impl(new Impl(this)) { windows.insert(this); }
Window::~Window() = default;
} // namespace r_f2_pimpl

namespace r_f3_optional {
class Node;
std::set<Node *> &live() { static std::set<Node *> s; return s; }
struct Registration {
  Node *n;
  ~Registration();
};
class Node {
public:
  Node() { live().insert(this); reg.emplace(Registration{this}); }
private:
  std::optional<Registration> reg;
};
Registration::~Registration() { live().erase(n); }
} // namespace r_f3_optional

namespace r_f5_localguard {
class Obj;
std::set<Obj *> objs;
struct Unregister { Obj *o; ~Unregister() { objs.erase(o); } };
class Obj {
public:
  Obj() { objs.insert(this); }
  ~Obj() { Unregister u{this}; cleanup(); }
  void cleanup() {}
};
} // namespace r_f5_localguard

namespace r_f6_delete {
class Item;
std::set<Item *> items;
struct Tracker { Item *i; ~Tracker() { items.erase(i); } };
class Item {
public:
  Item() : t(new Tracker{this}) { items.insert(this); }
  ~Item() { delete t; }
private:
  Tracker *t;
};
} // namespace r_f6_delete

namespace r_f1_helper {
namespace llvm {
template <typename Cont, typename Val> void erase(Cont &C, const Val &V) {
  C.erase(std::remove(C.begin(), C.end(), V), C.end());
}
}
class Pass {
public:
  Pass() { all.push_back(this); }
  ~Pass() { llvm::erase(all, this); }
private:
  static std::vector<Pass *> all;
};
std::vector<Pass *> Pass::all;
} // namespace r_f1_helper
