// Keys admitted only when they equal a listed value: a guard before the
// growth lets a name through only when a constant table lists it (an
// allow-list of header names, metric names). The table then stops growing.
// Membership is read from comparisons with fixed values, std::any_of /
// std::find / std::find_if / std::none_of / std::binary_search over a
// constant range, count / contains / find on a constant set, and predicate
// functions built from those. Their leaking twins: the list is mutable, one
// disjunct admits anything, the predicate also passes unlisted names, the key
// changes after its check, or the predicate compares something else.
//
// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++20

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

static constexpr std::array<const char *, 3> KnownHeaders = {"Host", "Accept",
                                                             "Cookie"};
static const std::set<std::string> KnownMetrics = {"requests", "errors"};
static const char *const KnownSorted[] = {"a", "b", "c"};

static bool isKnownHeader(const std::string &Name) {
  return std::any_of(KnownHeaders.begin(), KnownHeaders.end(),
                     [&](const char *K) { return Name == K; });
}
static bool isKnownMetric(const std::string &Name) {
  if (Name.empty())
    return false;
  return KnownMetrics.count(Name) > 0;
}
static bool isHostOrAccept(const std::string &Name) {
  return Name == "Host" || Name == "Accept";
}

// Allow-listed: quiet.
class Interned {
public:
  static Interned &instance() {
    static Interned I;
    return I;
  }
  const std::string *header(const std::string &Name) {
    if (!isKnownHeader(Name))
      return nullptr;
    return &*Headers.insert(Name).first;
  }
  void metric(const std::string &Name) {
    if (isKnownMetric(Name))
      Metrics.insert(Name);
  }
  void pair(const std::string &Name) {
    if (!isHostOrAccept(Name))
      return;
    Pairs.insert(Name);
  }
  void listed(const std::string &Name) {
    if (std::find(std::begin(KnownSorted), std::end(KnownSorted), Name) ==
        std::end(KnownSorted))
      return;
    Listed.insert(Name);
  }
  void sorted(const std::string &Name) {
    if (std::binary_search(std::begin(KnownSorted), std::end(KnownSorted),
                           Name))
      Sorted.insert(Name);
  }
  void found(const std::string &Name) {
    if (KnownMetrics.find(Name) != KnownMetrics.end())
      Found.insert(Name);
  }
  void contained(const std::string &Name) {
    if (!KnownMetrics.contains(Name))
      return;
    Contained.insert(Name);
  }
  void none(const std::string &Name) {
    if (std::none_of(KnownHeaders.begin(), KnownHeaders.end(),
                     [Name](const char *K) { return K == Name; }))
      return;
    None.insert(Name);
  }

private:
  std::unordered_set<std::string> Headers, Metrics, Pairs, Listed, Sorted,
      Found, Contained, None;
};

// Twins: each guard lets unlisted names through.
class Open {
public:
  static Open &instance() {
    static Open O;
    return O;
  }
  // The list grows at run time.
  void mutableList(const std::string &Name) {
    if (std::find(Allowed.begin(), Allowed.end(), Name) != Allowed.end())
      FromMutable.insert(Name);
  }
  std::set<std::string> FromMutable;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: singleton member 'Open::FromMutable' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}
  // One disjunct admits any short name.
  void shortOrHost(const std::string &Name) {
    if (Name == "Host" || Name.size() < 8)
      Short.insert(Name);
  }
  std::set<std::string> Short;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: singleton member 'Open::Short' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}
  // The predicate also passes every "X-" name.
  void prefixed(const std::string &Name) {
    if (isListedOrCustom(Name))
      Custom.insert(Name);
  }
  std::set<std::string> Custom;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: singleton member 'Open::Custom' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}
  // The key changes after its check.
  void rewritten(std::string Name) {
    if (!isKnownHeader(Name))
      return;
    Name += "-seen";
    Rewritten.insert(Name);
  }
  std::set<std::string> Rewritten;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: singleton member 'Open::Rewritten' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}
  // The predicate compares another name.
  void other(const std::string &Name, const std::string &Alias) {
    if (std::any_of(KnownHeaders.begin(), KnownHeaders.end(),
                    [&](const char *K) { return Alias == K; }))
      Other.insert(Name);
  }
  std::set<std::string> Other;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: singleton member 'Open::Other' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-4]]:7: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}
  // Unlisted names pass when the check fails.
  void inverted(const std::string &Name) {
    if (isKnownHeader(Name))
      return;
    Inverted.insert(Name);
  }
  std::set<std::string> Inverted;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: singleton member 'Open::Inverted' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:25: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}

  std::vector<std::string> Allowed;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: singleton member 'Open::Allowed' only grows: elements are added in 'serve' but never removed; every element lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE+22]]:3: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:28: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}

private:
  static bool isListedOrCustom(const std::string &Name) {
    if (Name.rfind("X-", 0) == 0)
      return true;
    return isKnownHeader(Name);
  }
};

void serve(const std::string &Name, const std::string &Alias) {
  Interned &I = Interned::instance();
  I.header(Name);
  I.metric(Name);
  I.pair(Name);
  I.listed(Name);
  I.sorted(Name);
  I.found(Name);
  I.contained(Name);
  I.none(Name);
  Open &O = Open::instance();
  O.Allowed.push_back(Name);
  O.mutableList(Name);
  O.shortOrHost(Name);
  O.prefixed(Name);
  O.rewritten(Name);
  O.other(Name, Alias);
  O.inverted(Name);
}
