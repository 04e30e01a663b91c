// Two methods of one class each keep a function-local static `cache` keyed
// by `this`. The fix moves both into the class under distinct names (the
// second becomes `cache_`), so the fixed file compiles and each cache stays
// separate; a Crate built at the address of a dead one no longer sees its
// quantity and weight.
//
// REQUIRES: asan
// RUN: %clangxx -std=c++17 %asan_lsan %s -o %t.before
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.before | FileCheck --check-prefix=BEFORE %s
// RUN: cp %s %t.cpp
// RUN: %clang_tidy -checks='-*,leak-static-instance-cache' --fix %t.cpp -- -std=c++17
// RUN: %clangxx -std=c++17 %asan_lsan %t.cpp -o %t.after
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.after | FileCheck --check-prefix=AFTER %s
//
// BEFORE: first: quantity=3 weight=6{{$}}
// BEFORE-NEXT: second: quantity=3 weight=6{{$}}
//
// AFTER: first: quantity=3 weight=6{{$}}
// AFTER-NEXT: second: quantity=5 weight=10{{$}}

#include <cstdio>
#include <map>
#include <new>

class Crate {
public:
  explicit Crate(int Items) : Items(Items) {}
  int quantity() const {
    static std::map<const Crate *, int> cache;
    auto It = cache.find(this);
    if (It != cache.end())
      return It->second;
    return cache[this] = Items;
  }
  int weight() const {
    static std::map<const Crate *, int> cache;
    auto It = cache.find(this);
    if (It != cache.end())
      return It->second;
    return cache[this] = 2 * Items;
  }

private:
  int Items;
};

int main() {
  alignas(Crate) unsigned char Slot[sizeof(Crate)];
  Crate *First = new (Slot) Crate(3);
  std::printf("first: quantity=%d weight=%d\n", First->quantity(), First->weight());
  First->~Crate();
  Crate *Second = new (Slot) Crate(5);
  std::printf("second: quantity=%d weight=%d\n", Second->quantity(), Second->weight());
  Second->~Crate();
}
