// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17 -I %S/../Inputs
//
// A removal of selected elements (an unsubscribe) counts only when its
// function can run. For a function no other translation unit can call
// (internal linkage, or a method of a class defined in this file), that
// means something here names it: a call, its address, a member pointer, or
// a dependent name of the same spelling. A wholesale clear counts anyway.

#include "unbounded-header-registry.h"
#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

// --- Positive: a registry whose remove() nothing calls ----------------------

struct Widget;

class Registry {
public:
  static Registry &instance() {
    static Registry R;
    return R;
  }
  void add(Widget *W) { Items.push_back(W); }
  void remove(Widget *W) {
    Items.erase(std::remove(Items.begin(), Items.end(), W), Items.end());
  }

private:
  std::vector<Widget *> Items;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: singleton member 'Registry::Items' only grows: 'Widget' objects are added in 'Registry::add' but never removed; every entry stays until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-8]]:25: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: it is only emptied here, in 'Registry::remove', which nothing in the program calls{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:25: note: remove each 'Widget' when it is done with (closed, finished, unsubscribed), or hold std::weak_ptr and drop expired ones{{$}}
};

struct Widget {
  Widget() { Registry::instance().add(this); }
};

// --- Positive: a set of sessions in an anonymous namespace, whose ---------
// --- forget() nothing calls --------------------------------------------------

namespace {
std::vector<std::string> Sessions;
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: global 'Sessions' only grows: elements are added in '(anonymous namespace)::open' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+3]]:36: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE+4]]:3: note: it is only emptied here, in '(anonymous namespace)::forget', which nothing in the program calls{{$}}
// CHECK-MESSAGES: :[[@LINE-4]]:26: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
void open(const std::string &Id) { Sessions.push_back(Id); }
[[maybe_unused]] void forget(const std::string &Id) {
  Sessions.erase(std::remove(Sessions.begin(), Sessions.end(), Id),
                 Sessions.end());
}
} // namespace

void onLogin(const std::string &Id) { open(Id); }

// --- Clean: a clear() nothing calls still counts ---------------------------
// (maintenance code that something the TU does not show may run)

namespace {
std::vector<std::string> Journal;
void write(const std::string &Line) { Journal.push_back(Line); }
[[maybe_unused]] void flush() { Journal.clear(); }
} // namespace

void onRequest(const std::string &Line) { write(Line); }

// --- Clean: the destructor calls remove() -----------------------------------

struct Gadget;

class GadgetRegistry {
public:
  static GadgetRegistry &instance() {
    static GadgetRegistry R;
    return R;
  }
  void add(Gadget *G) { Items.push_back(G); }
  void remove(Gadget *G) {
    Items.erase(std::remove(Items.begin(), Items.end(), G), Items.end());
  }

private:
  std::vector<Gadget *> Items;
};

struct Gadget {
  Gadget() { GadgetRegistry::instance().add(this); }
  ~Gadget() { GadgetRegistry::instance().remove(this); }
};

// --- Clean: remove() is handed out as a member pointer ----------------------

struct Tool;

class ToolRegistry {
public:
  static ToolRegistry &instance() {
    static ToolRegistry R;
    return R;
  }
  void add(Tool *T) { Items.push_back(T); }
  void remove(Tool *T) {
    Items.erase(std::remove(Items.begin(), Items.end(), T), Items.end());
  }

private:
  std::vector<Tool *> Items;
};

struct Tool {
  Tool() { ToolRegistry::instance().add(this); }
  std::function<void()> unregister() {
    return std::bind(&ToolRegistry::remove, &ToolRegistry::instance(), this);
  }
};

// --- Clean: a virtual remove() runs through its base ------------------------

struct Part;

struct PartSink {
  virtual ~PartSink() = default;
  virtual void remove(Part *P) = 0;
};

class PartRegistry : public PartSink {
public:
  static PartRegistry &instance() {
    static PartRegistry R;
    return R;
  }
  void add(Part *P) { Items.push_back(P); }
  void remove(Part *P) override {
    Items.erase(std::remove(Items.begin(), Items.end(), P), Items.end());
  }

private:
  std::vector<Part *> Items;
};

struct Part {
  Part() { PartRegistry::instance().add(this); }
};

// --- Clean: a template calls it by a dependent name (any method of that --
// name then counts as called) ------------------------------------------------

struct Node;

class NodeRegistry {
public:
  static NodeRegistry &instance() {
    static NodeRegistry R;
    return R;
  }
  void add(Node *N) { Items.push_back(N); }
  void unlink(Node *N) {
    Items.erase(std::remove(Items.begin(), Items.end(), N), Items.end());
  }

private:
  std::vector<Node *> Items;
};

template <typename R, typename T> void drop(R &Registry, T *Item) {
  Registry.unlink(Item);
}

struct Node {
  Node() { NodeRegistry::instance().add(this); }
};

// --- Clean: the class is defined in a header; another TU may call remove() --

struct Handle {
  Handle() { HeaderRegistry::instance().add(this); }
};

// --- Clean: a static function stored as a callback --------------------------

static std::map<int, std::string> Cache;
static void clearCache() { Cache.clear(); }
std::function<void()> onLowMemory = clearCache;

void remember(int Key, const std::string &Value) { Cache[Key] = Value; }
