// Fix (a): a function-local static cache keyed by `this` becomes a per-instance
// member. Before the fix the cache keeps one entry per Widget that ever asked
// for its area (the entries outlive their objects), and a new Widget built at
// the address of a dead one is served the dead one's area. After the fix both
// are gone.
//
// REQUIRES: asan
// RUN: %clangxx -std=c++17 %asan_lsan %s -o %t.before
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.before | FileCheck --check-prefix=BEFORE %s
// RUN: cp %s %t.cpp
// RUN: %clang_tidy -checks='-*,leak-static-instance-cache' --fix %t.cpp -- -std=c++17 2>&1 | FileCheck --check-prefix=TIDY %s
// RUN: FileCheck --check-prefix=FIXED --input-file=%t.cpp %s
// RUN: %clangxx -std=c++17 %asan_lsan %t.cpp -o %t.after
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.after | FileCheck --check-prefix=AFTER %s
//
// TIDY: warning: function-local static 'cache' is keyed by 'this' of 'Widget' but its entries are not erased when their objects die
// TIDY: applied 2 of 2 suggested fixes
//
// The static is gone from area() and the class ends with the member.
// FIXED-NOT: {{^}}    static std::unordered_map
// FIXED: {{^}}  mutable std::unordered_map<const Widget *, Area> cache;
// FIXED-NEXT: {{^}}};
//
// BEFORE: first=6{{$}}
// BEFORE-NEXT: second=6{{$}}
// BEFORE-NEXT: live widgets=0 cached areas=101{{$}}
//
// AFTER: first=6{{$}}
// AFTER-NEXT: second=20{{$}}
// AFTER-NEXT: live widgets=0 cached areas=0{{$}}

#include <cstdio>
#include <memory>
#include <new>
#include <unordered_map>
#include <vector>

static int LiveWidgets = 0;
static int CachedAreas = 0; // Area objects alive, i.e. entries of the cache

struct Area {
  int Value = 0;
  Area() { ++CachedAreas; }
  Area(const Area &O) : Value(O.Value) { ++CachedAreas; }
  Area &operator=(const Area &) = default;
  ~Area() { --CachedAreas; }
};

class Widget {
public:
  Widget(int W, int H) : W(W), H(H) { ++LiveWidgets; }
  ~Widget() { --LiveWidgets; }

  int area() const {
    static std::unordered_map<const Widget *, Area> cache;
    auto It = cache.find(this);
    if (It != cache.end())
      return It->second.Value;
    Area A;
    A.Value = W * H;
    cache[this] = A;
    return A.Value;
  }

private:
  int W, H;
};

int main() {
  // Widgets come and go in one slot: the second one reuses the first's
  // address, so a stale entry is found deterministically.
  alignas(Widget) unsigned char Slot[sizeof(Widget)];
  Widget *First = new (Slot) Widget(2, 3);
  std::printf("first=%d\n", First->area());
  First->~Widget();
  Widget *Second = new (Slot) Widget(4, 5);
  std::printf("second=%d\n", Second->area());
  Second->~Widget();

  // 100 Widgets alive at once (distinct addresses), then all destroyed.
  std::vector<std::unique_ptr<Widget>> Many;
  for (int I = 0; I < 100; ++I) {
    Many.push_back(std::make_unique<Widget>(I, 1));
    Many.back()->area();
  }
  Many.clear();
  std::printf("live widgets=%d cached areas=%d\n", LiveWidgets, CachedAreas);
}
