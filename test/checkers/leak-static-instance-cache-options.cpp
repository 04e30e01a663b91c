// Options, set the way users set them: in .clang-tidy's CheckOptions.
//
// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17
// RUN: %check_leaklint --check-suffix=IGNORED %s leak-static-instance-cache %t-ignored -- \
// RUN:   --config="{CheckOptions: {leak-static-instance-cache.IgnoredClasses: '^app::(Plugin|Codec)$'}}" -- -std=c++17
// Each `;`-separated pattern must match a whole name: 'Plug' is not 'Plugin'.
// RUN: %check_leaklint --check-suffix=PARTIAL %s leak-static-instance-cache %t-partial -- \
// RUN:   --config="{CheckOptions: {leak-static-instance-cache.IgnoredClasses: 'Plug;Codec'}}" -- -std=c++17
// RUN: %check_leaklint --check-suffix=SINGLETONS %s leak-static-instance-cache %t-singletons -- \
// RUN:   --config="{CheckOptions: {leak-static-instance-cache.IgnoreSingletons: false}}" -- -std=c++17
// RUN: %check_leaklint --check-suffix=CONTAINERS %s leak-static-instance-cache %t-containers -- \
// RUN:   --config="{CheckOptions: {leak-static-instance-cache.ContainerTypes: 'app::Registry'}}" -- -std=c++17
//
// A bad regular expression is a configuration error that says what is wrong.
// RUN: not %clang_tidy -checks='-*,leak-static-instance-cache' %s \
// RUN:   --config="{CheckOptions: {leak-static-instance-cache.IgnoredClasses: '(unclosed'}}" -- -std=c++17 2>&1 \
// RUN:   | FileCheck --check-prefix=BAD-REGEX %s
// BAD-REGEX: error: invalid regular expression '(unclosed' in IgnoredClasses: parentheses not balanced [clang-tidy-config]
//
// A value of the wrong kind says what is expected; a misspelt option name
// is caught by --verify-config with a suggestion.
// RUN: %clang_tidy -checks='-*,leak-static-instance-cache' %s \
// RUN:   --config="{CheckOptions: {leak-static-instance-cache.IgnoreSingletons: maybe}}" -- -std=c++17 2>&1 \
// RUN:   | FileCheck --check-prefix=BAD-BOOL %s
// BAD-BOOL: warning: invalid configuration value 'maybe' for option 'leak-static-instance-cache.IgnoreSingletons'; expected a bool [clang-tidy-config]
// RUN: not %clang_tidy -checks='-*,leak-static-instance-cache' --verify-config \
// RUN:   --config="{CheckOptions: {leak-static-instance-cache.IgnoreSingeltons: true}}" 2>&1 \
// RUN:   | FileCheck --check-prefix=TYPO %s
// TYPO: warning: unknown check option 'leak-static-instance-cache.IgnoreSingeltons'; did you mean 'leak-static-instance-cache.IgnoreSingletons' [-verify-config]
//
// Options are written back by --dump-config with their defaults.
// RUN: %clang_tidy -checks='-*,leak-static-instance-cache' --dump-config %s -- -std=c++17 | FileCheck --check-prefix=DUMP %s
// DUMP-DAG: leak-static-instance-cache.IgnoredClasses: ''
// DUMP-DAG: leak-static-instance-cache.IgnoreSingletons: 'true'
// DUMP-DAG: leak-static-instance-cache.ContainerTypes: 'absl::flat_hash_map;{{.*}};llvm::StringMap'

#include <map>
#include <set>
#include <vector>

namespace app {

// A minimal in-house container: recognised only through ContainerTypes.
template <typename K, typename V> class Registry {
public:
  void insert(K Key, V Value) { Items.emplace(Key, Value); }

private:
  std::map<K, V> Items;
};

class Plugin {
public:
  Plugin() { Loaded.insert(this); }
  static std::set<Plugin *> Loaded;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: static member 'Plugin::Loaded' is keyed by 'this' of 'Plugin' {{.*}} [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE-3]]:28: note: 'this' is stored here
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: erase the entry in '~Plugin()': 'Loaded.erase(this);' (no automatic fix: the class has no user-written destructor to put it in){{$}}
  // CHECK-MESSAGES-PARTIAL: :[[@LINE-4]]:29: warning: static member 'Plugin::Loaded'
  // CHECK-MESSAGES-PARTIAL: :[[@LINE-6]]:28: note: 'this' is stored here
  // CHECK-MESSAGES-PARTIAL: :[[@LINE-9]]:7: note: erase the entry
  // CHECK-MESSAGES-SINGLETONS: :[[@LINE-7]]:29: warning: static member 'Plugin::Loaded'
  // CHECK-MESSAGES-SINGLETONS: :[[@LINE-9]]:28: note: 'this' is stored here
  // CHECK-MESSAGES-SINGLETONS: :[[@LINE-12]]:7: note: erase the entry
  // CHECK-MESSAGES-CONTAINERS: :[[@LINE-10]]:29: warning: static member 'Plugin::Loaded'
  // CHECK-MESSAGES-CONTAINERS: :[[@LINE-12]]:28: note: 'this' is stored here
  // CHECK-MESSAGES-CONTAINERS: :[[@LINE-15]]:7: note: erase the entry
};
std::set<Plugin *> Plugin::Loaded;

// A Meyers singleton registering itself is quiet unless IgnoreSingletons is
// false.
class Clock {
public:
  static Clock &instance() {
    static Clock TheClock;
    return TheClock;
  }
  void start() { Started.push_back(this); }
  // CHECK-MESSAGES-SINGLETONS: :[[@LINE+4]]:31: warning: static member 'Clock::Started' holds 'this' of 'Clock' {{.*}} [leak-static-instance-cache]
  // CHECK-MESSAGES-SINGLETONS: :[[@LINE-2]]:36: note: 'this' is stored here
  // CHECK-MESSAGES-SINGLETONS: :[[@LINE-9]]:7: note: erase the entries of 'this' in '~Clock()' (no automatic fix: removing an element by value from it takes the erase-remove idiom or C++20's std::erase){{$}}
private:
  static std::vector<Clock *> Started;
};
std::vector<Clock *> Clock::Started;

// Only with ContainerTypes naming app::Registry.
struct Codec {
  Codec() { ByName.insert(this, 1); }
  // An unknown container's shape is unknown: its argument is held, not a key.
  // CHECK-MESSAGES-CONTAINERS: :[[@LINE+3]]:33: warning: static member 'Codec::ByName' holds 'this' of 'Codec' {{.*}} [leak-static-instance-cache]
  // CHECK-MESSAGES-CONTAINERS: :[[@LINE-3]]:27: note: 'this' is stored here
  // CHECK-MESSAGES-CONTAINERS: :[[@LINE-5]]:8: note: erase the entries of 'this' in '~Codec()' (no automatic fix: leaklint knows no statement that removes one element from 'Registry'){{$}}
  static Registry<Codec *, int> ByName;
};
Registry<Codec *, int> Codec::ByName;

} // namespace app
