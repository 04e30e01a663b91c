// Headers: a class in a header with its method in this file gets a note that
// shows the member instead of a fix-it; findings inside the header are shown
// only when --header-filter admits it.
//
// The header filter is given explicitly: clang-tidy 19 defaults to none (main
// file only), 22 to '.*'.
// RUN: %check_leaklint %s leak-static-instance-cache %t -- --header-filter='.*' --exclude-header-filter=instance-cache-header -- -std=c++17 -I %S/../Inputs
// RUN: %check_leaklint --no-fix --check-suffix=HEADER %s leak-static-instance-cache %t-header -- --header-filter='.*' -- -std=c++17 -I %S/../Inputs

#include "instance-cache-header.h"

int Meter::reading() const {
  static std::map<const Meter *, int> Readings;
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: function-local static 'Readings' is keyed by 'this' of 'Meter' {{.*}} [leak-static-instance-cache]
  // CHECK-MESSAGES-HEADER: :[[@LINE-2]]:39: warning: function-local static 'Readings' is keyed by 'this' of 'Meter' {{.*}} [leak-static-instance-cache]
  return Readings[this] = Scale * 10;
  // CHECK-MESSAGES: :[[@LINE-1]]:19: note: 'this' is stored here
  // CHECK-MESSAGES: instance-cache-header.h:14:1: note: make it a per-instance member of 'Meter': 'mutable std::map<const Meter *, int> Readings;' (no automatic fix: the class is defined in another file){{$}}
  // CHECK-MESSAGES-HEADER: :[[@LINE-3]]:19: note: 'this' is stored here
  // CHECK-MESSAGES-HEADER: instance-cache-header.h:14:1: note: make it a per-instance member of 'Meter': 'mutable std::map<const Meter *, int> Readings;' (no automatic fix: the class is defined in another file){{$}}
}
// CHECK-FIXES: static std::map<const Meter *, int> Readings;

// CHECK-MESSAGES-HEADER: instance-cache-header.h:21:41: warning: function-local static 'Levels' is keyed by 'this' of 'Gauge' {{.*}} [leak-static-instance-cache]
// CHECK-MESSAGES-HEADER: instance-cache-header.h:22:19: note: 'this' is stored here
// CHECK-MESSAGES-HEADER: instance-cache-header.h:27:1: note: make it a per-instance member of 'Gauge': 'mutable std::map<const Gauge *, int> Levels;'{{$}}

int use() { return Meter(2).reading() + Gauge(4).level(); }
