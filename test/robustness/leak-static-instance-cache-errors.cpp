// Code with errors: undeclared names, invalid declarations and half-written
// members. The check must not crash, must not report findings built on
// recovery expressions (unknown types, broken stores), and must offer no
// fix-it into code that does not compile. What is certain even in broken
// code (a static lambda capturing `this`) is still reported.
//
// RUN: not %clang_tidy -checks='-*,leak-*' %s -- -std=c++17 > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not='{{warning|note}}:' --implicit-check-not='Stack dump'
// RUN: cp %s %t.cpp
// RUN: not %clang_tidy -checks='-*,leak-*' --fix %t.cpp -- -std=c++17 > %t.fix.out 2>&1
// RUN: diff %s %t.cpp
//
// CHECK-DAG: :[[# @LINE + 12]]:37: error: use of undeclared identifier 'UnknownType' [clang-diagnostic-error]
// CHECK-DAG: :[[# @LINE + 15]]:21: error: use of undeclared identifier 'Missing' [clang-diagnostic-error]
// CHECK-DAG: :[[# @LINE + 18]]:17: warning: function-local static 'F' captures 'this' of the first 'Broken' {{.*}} [leak-static-instance-cache]
// CHECK-DAG: :[[# @LINE + 17]]:22: note: 'this' is captured here
// CHECK-DAG: :[[# @LINE + 16]]:17: note: make it a per-instance member of 'Broken' or build it on each call (no automatic fix: it is used other than by calling it)
// CHECK-DAG: :[[# @LINE + 30]]:36: note: in instantiation of member function 'Tmpl<int>::f' requested here

#include <map>
#include <set>

struct Broken {
  int get() {
    static std::map<const Broken *, UnknownType> Cache;
    return Cache[this].value();
  }
  void add() {
    static std::set<Missing *> Seen;
    Seen.insert(this);
  }
  void lambda() {
    static auto F = [this] { return undeclared(this); };
    F();
  }
  int half() {
    static std::map<const Broken *, int> Half;
    return Half[this] = ;
  }
};

template <typename T> struct Tmpl {
  int f() {
    static std::map<const Tmpl *, typename T::missing> M;
    return M[this];
  }
};
int useTmpl() { return Tmpl<int>().f(); }

struct Incomplete;
std::set<Incomplete *> Registry;
void put(Incomplete *P) { Registry.insert(P); }
