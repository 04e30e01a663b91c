// Fix (b) again, observed with AddressSanitizer: the static callable keeps the
// `this` of the first Button, which is destroyed; the next Button's click
// calls through the dangling pointer. Each form the check fixes is run on its
// own (argv[1] picks it): a static std::function, a static auto lambda and a
// static std::bind. After the fix, all three run clean.
//
// REQUIRES: asan
// RUN: %clangxx -std=c++17 %asan_lsan %s -o %t.before
// RUN: env ASAN_OPTIONS=detect_leaks=1 not %t.before function 2>&1 | FileCheck --check-prefix=BEFORE %s
// RUN: env ASAN_OPTIONS=detect_leaks=1 not %t.before lambda 2>&1 | FileCheck --check-prefix=BEFORE %s
// RUN: env ASAN_OPTIONS=detect_leaks=1 not %t.before bind 2>&1 | FileCheck --check-prefix=BEFORE %s
// RUN: cp %s %t.cpp
// RUN: %clang_tidy -checks='-*,leak-static-instance-cache' --fix %t.cpp -- -std=c++17 2>&1 | FileCheck --check-prefix=TIDY %s
// RUN: %clangxx -std=c++17 %asan_lsan %t.cpp -o %t.after
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.after function 2>&1 | FileCheck --check-prefix=AFTER %s
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.after lambda 2>&1 | FileCheck --check-prefix=AFTER %s
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.after bind 2>&1 | FileCheck --check-prefix=AFTER %s
//
// TIDY: applied 3 of 3 suggested fixes
//
// BEFORE: ERROR: AddressSanitizer: heap-use-after-free
// BEFORE-NOT: next: clicks=
//
// AFTER-NOT: AddressSanitizer
// AFTER: next: clicks=1{{$}}
// AFTER-NOT: AddressSanitizer

#include <cstdio>
#include <cstring>
#include <functional>

class Button {
public:
  void clickFunction() {
    static std::function<void()> onClick = [this] { ++Clicks; };
    onClick();
  }
  void clickLambda() {
    static auto onClick = [this] { ++Clicks; };
    onClick();
  }
  void clickBind() {
    static auto onClick = std::bind(&Button::count, this);
    onClick();
  }
  int Clicks = 0;

private:
  void count() { ++Clicks; }
};

static void click(Button &B, const char *How) {
  if (!std::strcmp(How, "function"))
    B.clickFunction();
  else if (!std::strcmp(How, "lambda"))
    B.clickLambda();
  else
    B.clickBind();
}

int main(int Argc, char **Argv) {
  const char *How = Argc > 1 ? Argv[1] : "function";
  Button *Dialog = new Button;
  click(*Dialog, How);
  delete Dialog;

  Button *Next = new Button;
  click(*Next, How);
  std::printf("next: clicks=%d\n", Next->Clicks);
  delete Next;
}
