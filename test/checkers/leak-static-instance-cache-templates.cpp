// Templates and macros: one diagnostic per source variable however many
// instantiations there are; fix-its edit the template pattern; nothing is
// rewritten inside a macro expansion.
//
// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17

#include <functional>
#include <map>
#include <set>
#include <unordered_map>

template <typename T> class Table {
public:
  explicit Table(T Seed) : Seed(Seed) {}
  T total() const {
    static std::unordered_map<const Table *, T> Totals;
    // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: function-local static 'Totals' is keyed by 'this' of 'Table' {{.*}} [leak-static-instance-cache]
    auto It = Totals.find(this);
    if (It != Totals.end())
      return It->second;
    return Totals[this] = Seed * 2;
    // CHECK-MESSAGES: :[[@LINE-1]]:19: note: 'this' is stored here
  }

private:
  T Seed;
};
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: make it a per-instance member of 'Table': 'mutable std::unordered_map<const Table *, T> Totals;'{{$}}
//      CHECK-FIXES: private:
// CHECK-FIXES-NEXT:   T Seed;
// CHECK-FIXES-NEXT:   mutable std::unordered_map<const Table *, T> Totals;
// CHECK-FIXES-NEXT: };

int useTables() {
  return Table<int>(1).total() + static_cast<int>(Table<double>(2.0).total()) +
         static_cast<int>(Table<long>(3).total());
}

// A registry in a class template, unregistered in the (template) destructor.
template <typename T> struct Tracked {
  Tracked() { All.insert(this); }
  ~Tracked() { All.erase(this); }
  static std::set<Tracked *> All;
};
template <typename T> std::set<Tracked<T> *> Tracked<T>::All;
int useTracked() {
  Tracked<int> A;
  Tracked<char> B;
  return static_cast<int>(Tracked<int>::All.size() + Tracked<char>::All.size());
}

// A registry in a class template that never unregisters: the fix goes into
// the template's destructor.
template <typename T> struct Leaky {
  Leaky() { Everyone.insert(this); }
  ~Leaky() {}
  static std::set<Leaky *> Everyone;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: static member 'Leaky::Everyone' is keyed by 'this' of 'Leaky' {{.*}} [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE-4]]:29: note: 'this' is stored here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: erase the entry in '~Leaky()': 'Everyone.erase(this);'{{$}}
  // CHECK-FIXES: ~Leaky() { Everyone.erase(this); }
};
template <typename T> std::set<Leaky<T> *> Leaky<T>::Everyone;
int useLeaky() {
  Leaky<int> A;
  Leaky<float> B;
  return static_cast<int>(Leaky<int>::Everyone.size());
}

// A member function template: the cache cannot move to the class for it.
struct Converter {
  Converter() {}
  template <typename U> U convert(U Value) {
    static std::map<Converter *, U> Done;
    // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: function-local static 'Done' is keyed by 'this' of 'Converter' {{.*}} [leak-static-instance-cache]
    return Done[this] = Value;
    // CHECK-MESSAGES: :[[@LINE-1]]:17: note: 'this' is stored here
    // CHECK-MESSAGES: :[[@LINE+2]]:1: note: make it a per-instance member of 'Converter' (no automatic fix: the member function is a template){{$}}
  }
};
int useConverter() { Converter C; return C.convert(1) + static_cast<int>(C.convert(2.5)); }

// Macros: a cache declared by a macro is reported at the expansion, without
// a fix-it; one whose uses come from a macro is not moved either.
#define MEMO_CACHE(Name, Type) static std::map<const Type *, int> Name
#define MEMO_PUT(Cache) Cache[this] = 1

struct ByMacro {
  ByMacro() {}
  int get() const {
    MEMO_CACHE(Memo, ByMacro);
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: function-local static 'Memo' is keyed by 'this' of 'ByMacro' {{.*}} [leak-static-instance-cache]
    return Memo[this] = 2;
    // CHECK-MESSAGES: :[[@LINE-1]]:17: note: 'this' is stored here
    // CHECK-MESSAGES: :[[@LINE+2]]:1: note: make it a per-instance member of 'ByMacro' (no automatic fix: its declaration comes from a macro){{$}}
  }
};
// CHECK-FIXES: MEMO_CACHE(Memo, ByMacro);

struct UsesMacro {
  UsesMacro() {}
  int get() {
    static std::map<const UsesMacro *, int> Seen;
    // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: function-local static 'Seen' is keyed by 'this' of 'UsesMacro' {{.*}} [leak-static-instance-cache]
    return MEMO_PUT(Seen);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: note: 'this' is stored here
    // CHECK-MESSAGES: :[[@LINE-21]]:31: note: expanded from macro 'MEMO_PUT'
  }
};
// CHECK-MESSAGES: :[[@LINE-1]]:1: note: make it a per-instance member of 'UsesMacro': 'std::map<const UsesMacro *, int> Seen;'{{$}}
// The uses stay as they are: in the macro argument they name the member now.
//      CHECK-FIXES: struct UsesMacro {
// CHECK-FIXES-NEXT:   UsesMacro() {}
// CHECK-FIXES-NEXT:   int get() {
// CHECK-FIXES-EMPTY:
// CHECK-FIXES-NEXT:     return MEMO_PUT(Seen);
//      CHECK-FIXES: private:
// CHECK-FIXES-NEXT:   std::map<const UsesMacro *, int> Seen;

// A static callable declared by a macro is reported, never edited.
#define ONCE(Name, Body) static std::function<void()> Name = Body
struct Clicker {
  void click() {
    ONCE(Cb, [this] { ++N; });
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: function-local static 'Cb' captures 'this' of the first 'Clicker' {{.*}} [leak-static-instance-cache]
    // CHECK-MESSAGES: :[[@LINE-2]]:15: note: 'this' is captured here
    // CHECK-MESSAGES: :[[@LINE-3]]:10: note: make it a per-instance member of 'Clicker' or build it on each call (no automatic fix: its declaration comes from a macro){{$}}
    Cb();
  }
  int N = 0;
};
// CHECK-FIXES: ONCE(Cb, [this] { ++N; });
