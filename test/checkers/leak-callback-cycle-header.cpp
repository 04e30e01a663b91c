// Stores through a header's template method, stores written by a header's
// macro, and a cycle closed entirely in the header.
//
// The header filter is given explicitly: clang-tidy 19 defaults to none (main
// file only), 22 to '.*'.
// RUN: %check_leaklint --no-fix %s leak-callback-cycle %t -- --header-filter='.*' -- -std=c++17 -I %S/../Inputs
// RUN: %check_leaklint --check-suffix=FILTERED %s leak-callback-cycle %t-filtered -- --header-filter='.*' --exclude-header-filter=callback-cycle-header -- -std=c++17 -I %S/../Inputs

#include "callback-cycle-header.h"

class Toolbar : public std::enable_shared_from_this<Toolbar> {
public:
  void build() {
    save_.onClick([self = shared_from_this()] { self->save(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'Button::handlers_' of 'save_' stores a callback holding 'self', a shared_ptr to the 'Toolbar' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:20: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES: :[[@LINE+25]]:10: note: the 'Toolbar' owns the callback through 'save_'{{$}}
    // CHECK-MESSAGES: callback-cycle-header.h:11:28: note: 'Button::onClick' stores its argument in 'handlers_' here{{$}}
    // CHECK-MESSAGES-FILTERED: :[[@LINE-5]]:11: warning: 'Button::handlers_' of 'save_' stores a callback holding 'self', a shared_ptr to the 'Toolbar' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-FILTERED: :[[@LINE-6]]:20: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
    // CHECK-MESSAGES-FILTERED: :[[@LINE+21]]:10: note: the 'Toolbar' owns the callback through 'save_'{{$}}
    // CHECK-MESSAGES-FILTERED: callback-cycle-header.h:11:28: note: 'Button::onClick' stores its argument in 'handlers_' here{{$}}
    // CHECK-FIXES-FILTERED: save_.onClick([weak_self = weak_from_this()] { auto self = weak_self.lock(); if (!self) return; self->save(); });
    ON_CLICK(quit_, quit);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Button::handlers_' of 'quit_' stores a callback holding 'self', a shared_ptr to the 'Toolbar' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: callback-cycle-header.h:29:18: note: expanded from macro 'ON_CLICK'{{$}}
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the callback captures 'self' here; capture a std::weak_ptr and lock it instead (no fix-it: the callback is written in a macro){{$}}
    // CHECK-MESSAGES: callback-cycle-header.h:29:27: note: expanded from macro 'ON_CLICK'{{$}}
    // CHECK-MESSAGES: :[[@LINE+13]]:17: note: the 'Toolbar' owns the callback through 'quit_'{{$}}
    // CHECK-MESSAGES: callback-cycle-header.h:11:28: note: 'Button::onClick' stores its argument in 'handlers_' here{{$}}
    // CHECK-MESSAGES-FILTERED: :[[@LINE-7]]:5: warning: 'Button::handlers_' of 'quit_' stores a callback holding 'self', a shared_ptr to the 'Toolbar' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES-FILTERED: callback-cycle-header.h:29:18: note: expanded from macro 'ON_CLICK'{{$}}
    // CHECK-MESSAGES-FILTERED: :[[@LINE-9]]:5: note: the callback captures 'self' here; capture a std::weak_ptr and lock it instead (no fix-it: the callback is written in a macro){{$}}
    // CHECK-MESSAGES-FILTERED: callback-cycle-header.h:29:27: note: expanded from macro 'ON_CLICK'{{$}}
    // CHECK-MESSAGES-FILTERED: :[[@LINE+7]]:17: note: the 'Toolbar' owns the callback through 'quit_'{{$}}
    // CHECK-MESSAGES-FILTERED: callback-cycle-header.h:11:28: note: 'Button::onClick' stores its argument in 'handlers_' here{{$}}
  }
  void save() {}
  void quit() {}

private:
  Button save_, quit_;
};

void openMenu() { std::make_shared<Menu>()->open(); }

// The cycle closed inside the header is reported there, and hidden with it.
// CHECK-MESSAGES: callback-cycle-header.h:20:17: warning: 'Menu::onOpen_' stores a callback holding 'self', a shared_ptr to the 'Menu' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
// CHECK-MESSAGES: callback-cycle-header.h:20:28: note: the callback captures 'self' here; capture 'weak_self = weak_from_this()' and lock it instead{{$}}
