// The member-move and drop-static fixes either produce code that compiles
// and means the same, or are not offered. Each case once produced a fix that
// did not compile (or did not link).
//
// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17

#include <algorithm>
#include <array>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

// A global of the same name: the member gets another name, so that `b()`
// still means the global.
std::map<int, int> cache;
class Globals {
public:
  Globals() {}
  int a() {
    static std::map<Globals *, int> cache;
    // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: function-local static 'cache' is keyed by 'this' of 'Globals' but its entries are not erased when their objects die; a new 'Globals' at a reused address gets a stale entry [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE+2]]:18: note: 'this' is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE+4]]:1: note: make it a per-instance member of 'Globals': 'std::map<Globals *, int> cache_;'{{$}}
    return cache[this];
  }
  int b() { return cache[1]; }
};
//      CHECK-FIXES: return cache_[this];
//      CHECK-FIXES: int b() { return cache[1]; }
// CHECK-FIXES-NEXT: private:
// CHECK-FIXES-NEXT: std::map<Globals *, int> cache_;

// `using namespace` after the class: the member's type is spelled in full.
class Named {
public:
  Named() {}
  std::string name() const;
};
//      CHECK-FIXES: std::string name() const;
// CHECK-FIXES-NEXT: private:
// CHECK-FIXES-NEXT: mutable std::map<const Named *, std::string> names;
using namespace std;
string Named::name() const {
  static map<const Named *, string> names;
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: function-local static 'names' is keyed by 'this' of 'Named' but its entries are not erased when their objects die; a new 'Named' at a reused address gets a stale entry [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE+2]]:16: note: 'this' is stored here{{$}}
  // CHECK-MESSAGES: :[[@LINE-9]]:1: note: make it a per-instance member of 'Named': 'mutable std::map<const Named *, std::string> names;'{{$}}
  return names[this];
}

// `static` after the type.
class Trailing {
public:
  Trailing() {}
  int get() {
    std::map<Trailing *, int> static Seen;
    // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: function-local static 'Seen' is keyed by 'this' of 'Trailing' but its entries are not erased when their objects die; a new 'Trailing' at a reused address gets a stale entry [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE+3]]:17: note: 'this' is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE+4]]:1: note: make it a per-instance member of 'Trailing': 'std::map<Trailing *, int> Seen;'{{$}}
    // CHECK-FIXES-NOT: static Seen;
    return Seen[this];
  }
};

// A lambda that reaches the static without capturing `this`: no fix.
class Captures {
public:
  Captures() {}
  bool seen() {
    static std::map<Captures *, bool> Cache;
    // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: function-local static 'Cache' is keyed by 'this' of 'Captures' but its entries are not erased when their objects die; a new 'Captures' at a reused address gets a stale entry [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE+3]]:11: note: 'this' is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE+5]]:1: note: make it a per-instance member of 'Captures' (no automatic fix: a lambda or local class uses it, and could not reach a member){{$}}
    auto Check = [Self = this] { return Cache.find(Self) != Cache.end(); };
    Cache[this] = true;
    return Check();
  }
};

// The type uses a constant of the function: no fix.
class Sizes {
public:
  Sizes() {}
  int sum() {
    constexpr int N = 4;
    static std::map<Sizes *, std::array<int, N>> Cache;
    // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: function-local static 'Cache' is keyed by 'this' of 'Sizes' but its entries are not erased when their objects die; a new 'Sizes' at a reused address gets a stale entry [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE+2]]:18: note: 'this' is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE+3]]:1: note: make it a per-instance member of 'Sizes': 'std::map<Sizes *, std::array<int, N>> Cache;' (no automatic fix: its type names declarations the class cannot see){{$}}
    return Cache[this][0];
  }
};

// The initializer reads another static of the function: no fix.
class Seeded {
public:
  Seeded() {}
  int f() {
    static int Base = 3;
    static std::map<Seeded *, int> M = {{nullptr, Base}};
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: function-local static 'M' is keyed by 'this' of 'Seeded' but its entries are not erased when their objects die; a new 'Seeded' at a reused address gets a stale entry [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE+2]]:14: note: 'this' is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE+3]]:1: note: make it a per-instance member of 'Seeded' (no automatic fix: its initializer uses local variables){{$}}
    return M[this];
  }
};

// A constexpr constructor could not initialise a container member: no fix.
struct Literal {
  constexpr Literal(int X) : V(X) {}
  int f() const {
    static std::map<const Literal *, int> M;
    // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: function-local static 'M' is keyed by 'this' of 'Literal' but its entries are not erased when their objects die; a new 'Literal' at a reused address gets a stale entry [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE+2]]:14: note: 'this' is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE+4]]:1: note: make it a per-instance member of 'Literal': 'mutable std::map<const Literal *, int> M;' (no automatic fix: 'Literal' has a constexpr constructor, which could not initialise the new member){{$}}
    return M[this] = V;
  }
  int V;
};
constexpr Literal TheLiteral{3};

// A static callable used inside a lambda without captures: no fix.
struct Ticker {
  std::vector<int> V;
  void tick() {}
  void run() {
    static auto Cb = [this] { tick(); };
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: function-local static 'Cb' captures 'this' of the first 'Ticker' that initialises it; calls through any other 'Ticker' use that one, which dangles once it is destroyed [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE-2]]:23: note: 'this' is captured here{{$}}
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: make it a per-instance member of 'Ticker' or build it on each call (no automatic fix: a lambda or local class uses it, and could not capture a non-static local){{$}}
    std::for_each(V.begin(), V.end(), [](int) { Cb(); });
  }
};

// A type that names `this` means the class pointer only inside the method:
// no fix.
class SelfTyped {
public:
  int area() const {
    static std::map<decltype(this), int> M;
    // CHECK-MESSAGES: :[[@LINE-1]]:42: warning: function-local static 'M' is keyed by 'this' of 'SelfTyped' {{.*}} [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE+2]]:14: note: 'this' is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE+6]]:1: note: make it a per-instance member of 'SelfTyped' (no automatic fix: its type names 'this'){{$}}
    return M[this] = W * 2;
  }

private:
  int W = 1;
};

// A defaulted constructor is constexpr only where it can be: the member
// moves.
class Defaulted {
public:
  Defaulted() = default;
  explicit Defaulted(int W) : W(W) {}
  int area() const {
    static std::map<const Defaulted *, int> M;
    // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: function-local static 'M' is keyed by 'this' of 'Defaulted' {{.*}} [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE+2]]:14: note: 'this' is stored here{{$}}
    // CHECK-MESSAGES: :[[@LINE+6]]:1: note: make it a per-instance member of 'Defaulted': 'mutable std::map<const Defaulted *, int> M;'{{$}}
    return M[this] = W * 2;
  }

private:
  int W = 0;
};
//      CHECK-FIXES: class Defaulted {
//      CHECK-FIXES:     return M[this] = W * 2;
//      CHECK-FIXES:   int W = 0;
// CHECK-FIXES-NEXT:   mutable std::map<const Defaulted *, int> M;
// CHECK-FIXES-NEXT: };

// Filled under a lock: an erase without the lock would race with the
// fills, so no fix-it; the note names the lock.
std::mutex StreamsMu;
std::set<const void *> Streams;
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: global 'Streams' is keyed by 'this' of 'Stream' but its entries are not erased when their objects die; a new 'Stream' at a reused address gets a stale entry [leak-static-instance-cache]
class Stream {
public:
  Stream() {
    std::lock_guard<std::mutex> Lock(StreamsMu);
    Streams.insert(this);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: note: 'this' is stored here{{$}}
  }
  ~Stream() {}
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: erase the entry in '~Stream()': 'Streams.erase(this);' (no automatic fix: the registry is filled while 'std::lock_guard<std::mutex> Lock(StreamsMu)' is held; erase under the same lock){{$}}
};
//      CHECK-FIXES: ~Stream() {}

int use() {
  SelfTyped ST;
  Defaulted DF;
  Globals G;
  Trailing T;
  Captures C;
  Sizes S;
  Seeded D;
  Ticker K;
  K.run();
  Stream Str;
  return G.a() + G.b() + static_cast<int>(Named().name().size()) + T.get() +
         C.seen() + S.sum() + D.f() + TheLiteral.f() + ST.area() + DF.area();
}
