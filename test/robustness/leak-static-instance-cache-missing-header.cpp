// A missing header is a fatal error: the check sees a partial AST and must
// neither crash nor edit anything.
//
// RUN: not %clang_tidy -checks='-*,leak-*' %s -- -std=c++17 > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not='Stack dump'
// RUN: cp %s %t.cpp
// RUN: not %clang_tidy -checks='-*,leak-*' --fix %t.cpp -- -std=c++17 > /dev/null 2>&1
// RUN: diff %s %t.cpp
//
// CHECK: :[[@LINE+2]]:10: error: 'widget_registry.h' file not found [clang-diagnostic-error]

#include "widget_registry.h"
#include <map>

struct Widget {
  int area() const {
    static std::map<const Widget *, Area> cache;
    return registry().lookup(cache, this);
  }
};
