// Broken code: unknown element types, half-written calls, a missing header.
// No crash, no finding built on recovery expressions, no edit.
//
// RUN: not %clang_tidy -checks='-*,leak-unbounded-container' %s -- -std=c++17 > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not='[leak-' --implicit-check-not='Stack dump'
// RUN: cp %s %t.cpp
// RUN: not %clang_tidy -checks='-*,leak-unbounded-container' --fix %t.cpp -- -std=c++17 > /dev/null 2>&1
// RUN: diff %s %t.cpp
//
// CHECK: error: {{.*}}[clang-diagnostic-error]

#include <vector>

static std::vector<Unknown> Things;
void add(Unknown U) { Things.push_back(U); }

static std::vector<int> Half;
void half(int V) { Half.push_back(; }

static std::vector<int> Wrong;
void wrong() { Wrong.push_back("not an int", 1, 2); }
