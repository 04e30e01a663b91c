// Syntax errors and a truncated file: no crash, no fix-it.
//
// RUN: not %clang_tidy -checks='-*,leak-*' %s -- -std=c++17 > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not='Stack dump'
// RUN: cp %s %t.cpp
// RUN: not %clang_tidy -checks='-*,leak-*' --fix %t.cpp -- -std=c++17 > /dev/null 2>&1
// RUN: diff %s %t.cpp
//
// CHECK: error: {{.*}}[clang-diagnostic-error]

#include <map>

struct Widget {
  int area() const {
    static std::map<const Widget *, int> cache
    return cache[this] = 1;
  }
  int x(
};

struct Other {
  void f() { static std::map<Other *, int> m; m[this] = 1
