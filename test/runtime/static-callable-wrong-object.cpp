// Fix (b): a function-local static callable that captures `this` loses its
// `static`. Before the fix the callable is built once, for the first Button
// that clicks, and every later click on any Button counts for that first one.
// After the fix each click counts for the Button it was made on.
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
// TIDY-DAG: warning: function-local static 'onClick' captures 'this' of the first 'Button' that initialises it
// TIDY-DAG: warning: function-local static 'onHover' captures 'this' of the first 'Button' that initialises it
// TIDY: applied 2 of 2 suggested fixes
//
// FIXED: {{^}}    std::function<void()> onClick = [this] { ++Clicks; };
// FIXED: {{^}}    auto onHover = [this] { ++Hovers; };
//
// BEFORE: ok: clicks=3 hovers=2{{$}}
// BEFORE-NEXT: cancel: clicks=0 hovers=0{{$}}
//
// AFTER: ok: clicks=1 hovers=1{{$}}
// AFTER-NEXT: cancel: clicks=2 hovers=1{{$}}

#include <cstdio>
#include <functional>

class Button {
public:
  explicit Button(const char *Label) : Label(Label) {}

  void click() {
    static std::function<void()> onClick = [this] { ++Clicks; };
    onClick();
  }
  void hover() {
    static auto onHover = [this] { ++Hovers; };
    onHover();
  }
  void print() const { std::printf("%s: clicks=%d hovers=%d\n", Label, Clicks, Hovers); }

private:
  const char *Label;
  int Clicks = 0;
  int Hovers = 0;
};

int main() {
  Button Ok("ok"), Cancel("cancel");
  Ok.click();
  Cancel.click();
  Cancel.click();
  Ok.hover();
  Cancel.hover();
  Ok.print();
  Cancel.print();
}
