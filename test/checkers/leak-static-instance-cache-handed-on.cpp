// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17
// RUN: %clang_tidy -checks='-*,leak-unbounded-container,leak-static-instance-cache' %s -- -std=c++17 2>&1 \
// RUN:   | FileCheck --check-prefix=BOTH %s --implicit-check-not="[leak-unbounded-container]"
//
// A registry of objects filled through a chain of functions that hand the
// object on (`exportStats(self)` calling `track(src)`) is one finding, of
// leak-static-instance-cache, also when leak-unbounded-container runs: the
// container grows by the objects, not by requests.

#include <memory>
#include <vector>

class StatsSource {
public:
  virtual ~StatsSource() = default;
};

class StatsRegistry {
public:
  static StatsRegistry &instance() {
    static StatsRegistry R;
    return R;
  }
  void track(const std::shared_ptr<StatsSource> &Src) { Sources.push_back(Src); }

private:
  std::vector<std::shared_ptr<StatsSource>> Sources;
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: singleton member 'StatsRegistry::Sources' holds shared_from_this() of 'Connection'; every 'Connection' put in it stays alive until the program exits [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE+14]]:17: note: shared_from_this() is passed to 'exportStats' here
  // CHECK-MESSAGES: :[[@LINE-6]]:75: note: 'StatsRegistry::track' stores it here
  // CHECK-MESSAGES: :[[@LINE-4]]:45: note: hold std::weak_ptr<Connection> instead, or keep the cache in each object keyed by value, so that 'Connection' objects can be destroyed
  // BOTH: warning: singleton member 'StatsRegistry::Sources' holds shared_from_this() of 'Connection'{{.*}}[leak-static-instance-cache]
};

void exportStats(const std::shared_ptr<StatsSource> &Src) {
  StatsRegistry::instance().track(Src);
}

class Connection : public StatsSource,
                   public std::enable_shared_from_this<Connection> {
public:
  void start() {
    auto Self = shared_from_this();
    exportStats(Self);
  }
};
