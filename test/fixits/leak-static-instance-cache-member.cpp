// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17
//
// The function-local static cache becomes a per-instance member: `mutable` in
// a const method, appended under `private:` unless the class already ends
// private, renamed when the class or the method already uses the name.

#include <map>
#include <string>
#include <unordered_map>
#include <utility>

struct Widget {
  Widget(int W, int H) : W(W), H(H) {}
  int area() const {
    static std::unordered_map<const Widget *, int> cache;
    // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: function-local static 'cache' is keyed by 'this' of 'Widget' {{.*}} [leak-static-instance-cache]
    auto It = cache.find(this);
    if (It != cache.end())
      return It->second;
    return cache[this] = W * H;
    // CHECK-MESSAGES: :[[@LINE-1]]:18: note: 'this' is stored here
  }
  int W, H;
};
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: make it a per-instance member of 'Widget': 'mutable std::unordered_map<const Widget *, int> cache;'{{$}}

//      CHECK-FIXES: struct Widget {
// CHECK-FIXES-NEXT:   Widget(int W, int H) : W(W), H(H) {}
// CHECK-FIXES-NEXT:   int area() const {
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT:     auto It = cache.find(this);
// CHECK-FIXES-NEXT:     if (It != cache.end())
// CHECK-FIXES-NEXT:       return It->second;
// CHECK-FIXES-NEXT:     return cache[this] = W * H;
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT:   }
// CHECK-FIXES-NEXT:   int W, H;
// CHECK-FIXES-NEXT: private:
// CHECK-FIXES-NEXT:   mutable std::unordered_map<const Widget *, int> cache;
// CHECK-FIXES-NEXT: };

class Label {
public:
  std::string text(int Width) {
    static std::map<std::pair<Label *, int>, std::string> Layout = {};
    // CHECK-MESSAGES: :[[@LINE-1]]:59: warning: function-local static 'Layout' is keyed by 'this' of 'Label' {{.*}} [leak-static-instance-cache]
    auto Key = std::make_pair(this, Width);
    auto It = Layout.find(Key);
    if (It == Layout.end())
      It = Layout.emplace(Key, std::string(Width, '-')).first;
    // CHECK-MESSAGES: :[[@LINE-1]]:27: note: 'this' is stored here
    return It->second;
  }

private:
  int Layout_ = 0; // no clash: a different name
  int Layout() const { return Layout_; }
};
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: make it a per-instance member of 'Label': 'std::map<std::pair<Label *, int>, std::string> Layout__ = {};'{{$}}

//      CHECK-FIXES: class Label {
// CHECK-FIXES-NEXT: public:
// CHECK-FIXES-NEXT:   std::string text(int Width) {
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT:     auto Key = std::make_pair(this, Width);
// CHECK-FIXES-NEXT:     auto It = Layout__.find(Key);
// CHECK-FIXES-NEXT:     if (It == Layout__.end())
// CHECK-FIXES-NEXT:       It = Layout__.emplace(Key, std::string(Width, '-')).first;
//      CHECK-FIXES:   int Layout() const { return Layout_; }
// CHECK-FIXES-NEXT:   std::map<std::pair<Label *, int>, std::string> Layout__ = {};
// CHECK-FIXES-NEXT: };

// An out-of-line definition: the member goes into the class above it.
struct Grid {
  explicit Grid(int Size) : Size(Size) {}
  double cell(int Row, int Col) const;
  int Size;
};

double Grid::cell(int Row, int Col) const {
  static std::map<std::pair<const Grid *, int>, double> Cells;
  // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: function-local static 'Cells' is keyed by 'this' of 'Grid' {{.*}} [leak-static-instance-cache]
  return Cells[{this, Row * 100 + Col}] = Row + Col * 0.5;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: note: 'this' is stored here
  // CHECK-MESSAGES: :[[@LINE-7]]:1: note: make it a per-instance member of 'Grid': 'mutable std::map<std::pair<const Grid *, int>, double> Cells;'{{$}}
}

//      CHECK-FIXES: struct Grid {
// CHECK-FIXES-NEXT:   explicit Grid(int Size) : Size(Size) {}
// CHECK-FIXES-NEXT:   double cell(int Row, int Col) const;
// CHECK-FIXES-NEXT:   int Size;
// CHECK-FIXES-NEXT: private:
// CHECK-FIXES-NEXT:   mutable std::map<std::pair<const Grid *, int>, double> Cells;
// CHECK-FIXES-NEXT: };
//      CHECK-FIXES: double Grid::cell(int Row, int Col) const {
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT:   return Cells[{this, Row * 100 + Col}] = Row + Col * 0.5;

// A one-line class keeps its one line.
class Tiny { public: Tiny() {} int get() { static std::map<Tiny *, int> M; return M[this] = 1; } };
// CHECK-MESSAGES: :[[@LINE-1]]:73: warning: function-local static 'M' is keyed by 'this' of 'Tiny' {{.*}} [leak-static-instance-cache]
// CHECK-MESSAGES: :[[@LINE-2]]:85: note: 'this' is stored here
// CHECK-MESSAGES: :[[@LINE-3]]:98: note: make it a per-instance member of 'Tiny': 'std::map<Tiny *, int> M;'{{$}}
// CHECK-FIXES: class Tiny { public: Tiny() {} int get() { return M[this] = 1; } private: std::map<Tiny *, int> M; };

// An aggregate would stop being one: no fix.
struct Point {
  int X, Y;
  int norm2() const {
    static std::map<const Point *, int> Norms;
    // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: function-local static 'Norms' is keyed by 'this' of 'Point' {{.*}} [leak-static-instance-cache]
    return Norms[this] = X * X + Y * Y;
    // CHECK-MESSAGES: :[[@LINE-1]]:18: note: 'this' is stored here
  }
};
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: make it a per-instance member of 'Point': 'mutable std::map<const Point *, int> Norms;' (no automatic fix: 'Point' is an aggregate, and a new member would change how it is initialised){{$}}
// CHECK-FIXES: static std::map<const Point *, int> Norms;
inline int usePoint() { Point P{3, 4}; return P.norm2(); }

// Two caches of one name in one class get distinct member names.
class Crate {
public:
  explicit Crate(int Items) : Items(Items) {}
  int quantity() const {
    static std::map<const Crate *, int> cache;
    // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: function-local static 'cache' is keyed by 'this' of 'Crate' {{.*}} [leak-static-instance-cache]
    return cache[this] = Items;
    // CHECK-MESSAGES: :[[@LINE-1]]:18: note: 'this' is stored here
    // CHECK-MESSAGES: :[[@LINE+12]]:1: note: make it a per-instance member of 'Crate': 'mutable std::map<const Crate *, int> cache;'{{$}}
  }
  int weight() const {
    static std::map<const Crate *, int> cache;
    // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: function-local static 'cache' is keyed by 'this' of 'Crate' {{.*}} [leak-static-instance-cache]
    return cache[this] = 2 * Items;
    // CHECK-MESSAGES: :[[@LINE-1]]:18: note: 'this' is stored here
    // CHECK-MESSAGES: :[[@LINE+5]]:1: note: make it a per-instance member of 'Crate': 'mutable std::map<const Crate *, int> cache_;'{{$}}
  }

private:
  int Items;
};
//      CHECK-FIXES:     return cache_[this] = 2 * Items;
//      CHECK-FIXES:   int Items;
// CHECK-FIXES-NEXT:   mutable std::map<const Crate *, int> cache;
// CHECK-FIXES-NEXT:   mutable std::map<const Crate *, int> cache_;
// CHECK-FIXES-NEXT: };

// Uses other than lookups keyed by `this` make it a registry: no fix.
struct Gadget {
  int count() {
    static std::map<const Gadget *, int> Seen;
    // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: function-local static 'Seen' is keyed by 'this' of 'Gadget' {{.*}} [leak-static-instance-cache]
    Seen[this] = 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:10: note: 'this' is stored here
    return static_cast<int>(Seen.size());
  }
};
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: make it a per-instance member of 'Gadget' (no automatic fix: it is also used other than as a lookup keyed by 'this'; entries of other objects may matter){{$}}
// CHECK-FIXES: static std::map<const Gadget *, int> Seen;
