// Options, set in .clang-tidy's CheckOptions; bad values are configuration
// errors that say what is expected.
//
// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17 -I %S/../Inputs
// RUN: %check_leaklint --check-suffix=CUSTOM %s leak-unbounded-container %t-custom -- \
// RUN:   --config="{CheckOptions: {leak-unbounded-container.ContainerTypes: 'app::Ring', leak-unbounded-container.GrowthMethods: 'push_back;add', leak-unbounded-container.ShrinkMethods: 'clear;trim'}}" -- -std=c++17 -I %S/../Inputs
// RUN: %check_leaklint --check-suffix=NOSINGLETON %s leak-unbounded-container %t-nosingleton -- \
// RUN:   --config="{CheckOptions: {leak-unbounded-container.CheckSingletonMembers: false}}" -- -std=c++17 -I %S/../Inputs
// RUN: %check_leaklint --check-suffix=ALL %s leak-unbounded-container %t-all -- \
// RUN:   --config="{CheckOptions: {leak-unbounded-container.AssumeAllUsesVisible: true, leak-unbounded-container.IgnoredVariables: 'Queue;app::Registry::.*'}}" -- -std=c++17 -I %S/../Inputs
//
// RUN: not %clang_tidy -checks='-*,leak-unbounded-container' %s --config="{CheckOptions: {leak-unbounded-container.GrowthMethods: 'push back'}}" -- -std=c++17 -I %S/../Inputs 2>&1 | FileCheck --check-prefix=BAD-GROWTH %s
// BAD-GROWTH: error: 'push back' in GrowthMethods is not a member function name; expected names such as 'push_back;insert' [clang-tidy-config]
// RUN: not %clang_tidy -checks='-*,leak-unbounded-container' %s --config="{CheckOptions: {leak-unbounded-container.ContainerTypes: 'absl::flat_hash_map;9lives'}}" -- -std=c++17 -I %S/../Inputs 2>&1 | FileCheck --check-prefix=BAD-CONTAINER %s
// BAD-CONTAINER: error: '9lives' in ContainerTypes is not a qualified template name; expected names such as 'absl::flat_hash_map' [clang-tidy-config]
// RUN: not %clang_tidy -checks='-*,leak-unbounded-container' %s --config="{CheckOptions: {leak-unbounded-container.IgnoredVariables: '(Queue'}}" -- -std=c++17 -I %S/../Inputs 2>&1 | FileCheck --check-prefix=BAD-REGEX %s
// BAD-REGEX: error: invalid regular expression '(Queue' in IgnoredVariables: parentheses not balanced [clang-tidy-config]
// RUN: %clang_tidy -checks='-*,leak-unbounded-container' --dump-config %s -- -std=c++17 | FileCheck --check-prefix=DUMP %s
// DUMP-DAG: leak-unbounded-container.GrowthMethods: 'push_back;emplace_back;{{.*}}'
// DUMP-DAG: leak-unbounded-container.ShrinkMethods: 'erase;clear;{{.*}}'
// DUMP-DAG: leak-unbounded-container.CheckSingletonMembers: 'true'
// DUMP-DAG: leak-unbounded-container.AssumeAllUsesVisible: 'false'
// DUMP-DAG: leak-unbounded-container.IgnoredVariables: ''

#include "unbounded-extern.h"
#include <deque>
#include <string>
#include <vector>

namespace app {
// An in-house container, known only through ContainerTypes.
template <typename T> class Ring {
public:
  void add(T V) { Items.push_back(V); }
  void trim() { Items.clear(); }

private:
  std::vector<T> Items;
};

class Registry {
public:
  static Registry &get() {
    static Registry R;
    return R;
  }
  void enroll(const std::string &Name) { Names.push_back(Name); }

private:
  Registry() = default;
  std::vector<std::string> Names;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: singleton member 'Registry::Names' only grows: elements are added in 'app::Registry::enroll' but never removed; every element lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-6]]:42: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:28: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
  // CHECK-MESSAGES-CUSTOM: :[[@LINE-4]]:28: warning: singleton member 'Registry::Names' only grows: elements are added in 'app::Registry::enroll' but never removed; every element lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES-CUSTOM: :[[@LINE-9]]:42: note: it grows here{{$}}
  // CHECK-MESSAGES-CUSTOM: :[[@LINE-6]]:28: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
};
} // namespace app

static app::Ring<int> Events;
// CHECK-MESSAGES-CUSTOM: :[[@LINE-1]]:23: warning: global 'Events' only grows: elements are added in 'event' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES-CUSTOM: :[[@LINE+2]]:21: note: it grows here{{$}}
// CHECK-MESSAGES-CUSTOM: :[[@LINE-3]]:23: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
void event(int V) { Events.add(V); }

static app::Ring<int> Trimmed;
void tick(int V) {
  Trimmed.add(V);
  Trimmed.trim();
}

static std::deque<std::string> Queue;
// CHECK-MESSAGES: :[[@LINE-1]]:32: warning: global 'Queue' only grows: elements are added in 'enqueue' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+8]]:38: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:32: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
// CHECK-MESSAGES-CUSTOM: :[[@LINE-4]]:32: warning: global 'Queue' only grows: elements are added in 'enqueue' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES-CUSTOM: :[[@LINE+5]]:38: note: it grows here{{$}}
// CHECK-MESSAGES-CUSTOM: :[[@LINE-6]]:32: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
// CHECK-MESSAGES-NOSINGLETON: :[[@LINE-7]]:32: warning: global 'Queue' only grows: elements are added in 'enqueue' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES-NOSINGLETON: :[[@LINE+2]]:38: note: it grows here{{$}}
// CHECK-MESSAGES-NOSINGLETON: :[[@LINE-9]]:32: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
void enqueue(const std::string &S) { Queue.push_back(S); }

std::vector<int> SharedLog;
void logValue(int V) { SharedLog.push_back(V); }
// CHECK-MESSAGES-ALL: unbounded-extern.h:5:25: warning: global 'SharedLog' only grows: elements are added in 'logValue' but never removed; every element lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES-ALL: :[[@LINE-2]]:24: note: it grows here{{$}}
// CHECK-MESSAGES-ALL: unbounded-extern.h:5:25: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
