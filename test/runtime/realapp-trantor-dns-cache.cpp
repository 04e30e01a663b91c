// A leak in a real project, reduced: trantor's process-wide DNS caches
// (an-tao/trantor 63a4e5e1) keep one entry per host name ever resolved.
//
//   NormalResolver.h:42-51   globalCache(): a function-local static
//                            unordered_map<hostname, pair<InetAddress, Date>>
//                            shared by every resolver in the process.
//   NormalResolver.cc:27-40  resolve() looks the name up and uses the entry
//                   and 44-58 only if it is younger than timeout_ (60 s by
//                            default, Resolver.h:35-36; 0 means forever); an
//                            expired entry is skipped, not erased.
//   NormalResolver.cc:92-97  after getaddrinfo(), globalCache()[hostname] is
//                            inserted or overwritten.
//   AresResolver.h:132-144   the c-ares resolver has its own map of the same
//   AresResolver.h:36-51,79-92  shape (the value holds a shared_ptr to the
//   AresResolver.cc:216-221  address list), looked up and filled the same
//                            way; it also caches failed look-ups (as
//                            0.0.0.0, AresResolver.cc:207-215).
//
// Nothing in trantor erases from either map: the expiry only decides whether
// a cached address is used. A name looked up once stays for the life of the
// process, so a client that resolves the host names it is given (a proxy, a
// crawler, a webhook sender) grows the map by one entry per distinct name.
// LeakSanitizer cannot see it: the entries stay reachable from the static.
//
// The model keeps both resolvers' cache, keys, expiry test and insertion,
// with getaddrinfo()/c-ares replaced by a fake answer, the task queue and
// event loop by a direct call, and trantor::Date by a simulated clock. It
// resolves one new name per simulated second. -DFIXED sweeps out expired
// entries, at most once per timeout, before inserting: the maps then hold at
// most the names of the last two timeouts.
//
// REQUIRES: asan
// RUN: %clangxx -std=c++17 %asan_lsan %s -o %t.buggy
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.buggy 2>&1 | FileCheck --check-prefix=BUGGY --implicit-check-not=LeakSanitizer %s
// RUN: %clangxx -std=c++17 %asan_lsan -DFIXED %s -o %t.fixed
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.fixed 2>&1 | FileCheck --check-prefix=FIXED --implicit-check-not=LeakSanitizer %s
// RUN: %clang_tidy -checks='-*,leak-*' %s -- -std=c++17 2>&1 | FileCheck --check-prefix=TIDY --implicit-check-not=warning: %s
// RUN: %clang_tidy -checks='-*,leak-*' %s -- -std=c++17 -DFIXED 2>&1 | FileCheck --allow-empty --check-prefix=TIDY-FIXED %s
//
// BUGGY: NormalResolver entries after 1000 distinct hosts: 1000{{$}}
// BUGGY-NEXT: AresResolver entries after 1000 distinct hosts: 1000{{$}}
// BUGGY-NEXT: NormalResolver entries after 2000 distinct hosts: 2000{{$}}
// BUGGY-NEXT: AresResolver entries after 2000 distinct hosts: 2000{{$}}
// BUGGY-NEXT: NormalResolver entries after 3000 distinct hosts: 3000{{$}}
// BUGGY-NEXT: AresResolver entries after 3000 distinct hosts: 3000{{$}}
// BUGGY-NEXT: answers: 12000, look-ups: 6000{{$}}
//
// The sweep runs every 60 s and keeps what is younger than 60 s: 59 names,
// plus those resolved since (40, 20 and 60 at the three checkpoints).
// FIXED: NormalResolver entries after 1000 distinct hosts: 99{{$}}
// FIXED-NEXT: AresResolver entries after 1000 distinct hosts: 99{{$}}
// FIXED-NEXT: NormalResolver entries after 2000 distinct hosts: 79{{$}}
// FIXED-NEXT: AresResolver entries after 2000 distinct hosts: 79{{$}}
// FIXED-NEXT: NormalResolver entries after 3000 distinct hosts: 119{{$}}
// FIXED-NEXT: AresResolver entries after 3000 distinct hosts: 119{{$}}
// FIXED-NEXT: answers: 12000, look-ups: 6000{{$}}
//
// TIDY-FIXED-NOT: {{warning|error}}:

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// trantor::Date, on a simulated clock.
static int64_t NowMicroseconds = 0;
class Date {
public:
  explicit Date(int64_t Us = 0) : Us(Us) {}
  static Date date() { return Date(NowMicroseconds); }
  Date after(double Seconds) const {
    return Date(Us + static_cast<int64_t>(Seconds * 1000000));
  }
  bool operator>(const Date &Other) const { return Us > Other.Us; }

private:
  int64_t Us;
};

struct InetAddress {
  uint32_t Ip = 0;
};

// getaddrinfo() and c-ares stand-in: every name has an address.
static int Lookups = 0;
static InetAddress fakeLookup(const std::string &Hostname) {
  ++Lookups;
  return InetAddress{static_cast<uint32_t>(std::hash<std::string>()(Hostname))};
}

// NormalResolver.h / NormalResolver.cc; the ConcurrentTaskQueue runs the
// task at once.
class NormalResolver : public std::enable_shared_from_this<NormalResolver> {
public:
  using Callback = std::function<void(const InetAddress &)>;
  explicit NormalResolver(size_t Timeout) : timeout_(Timeout) {}

  void resolve(const std::string &hostname, const Callback &callback) {
    {
      std::lock_guard<std::mutex> guard(globalMutex());
      auto iter = globalCache().find(hostname);
      if (iter != globalCache().end()) {
        auto &cachedAddr = iter->second;
        if (timeout_ == 0 ||
            cachedAddr.second.after(static_cast<double>(timeout_)) >
                Date::date()) {
          callback(cachedAddr.first);
          return;
        }
      }
    }
    runTaskInQueue([thisPtr = shared_from_this(), callback, hostname]() {
      {
        std::lock_guard<std::mutex> guard(thisPtr->globalMutex());
        auto iter = thisPtr->globalCache().find(hostname);
        if (iter != thisPtr->globalCache().end()) {
          auto &cachedAddr = iter->second;
          if (thisPtr->timeout_ == 0 ||
              cachedAddr.second.after(static_cast<double>(thisPtr->timeout_)) >
                  Date::date()) {
            callback(cachedAddr.first);
            return;
          }
        }
      }
      InetAddress inet = fakeLookup(hostname);
      callback(inet);
      {
        std::lock_guard<std::mutex> guard(thisPtr->globalMutex());
#ifdef FIXED
        thisPtr->sweepExpired();
#endif
        auto &addrItem = thisPtr->globalCache()[hostname];
        // TIDY-DAG: realapp-trantor-dns-cache.cpp:[[@LINE-1]]:26: note: it grows here
        addrItem.first = inet;
        addrItem.second = Date::date();
      }
    });
  }

  static size_t cacheSize() { return globalCache().size(); }

private:
  static std::unordered_map<std::string, std::pair<InetAddress, Date>> &
  globalCache() {
    static std::unordered_map<std::string, std::pair<InetAddress, Date>>
        dnsCache_;
    // TIDY-DAG: realapp-trantor-dns-cache.cpp:[[@LINE-1]]:9: warning: function-local static 'dnsCache_' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
    // TIDY-DAG: realapp-trantor-dns-cache.cpp:[[@LINE-2]]:9: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes
    return dnsCache_;
  }
  static std::mutex &globalMutex() {
    static std::mutex mutex_;
    return mutex_;
  }
  static void runTaskInQueue(const std::function<void()> &task) { task(); }

#ifdef FIXED
  // Entries older than timeout_ are never used again by this resolver; a
  // resolver with a longer timeout that still wanted one resolves it again.
  void sweepExpired() {
    static Date nextSweep;
    if (timeout_ == 0 || nextSweep > Date::date())
      return;
    auto &cache = globalCache();
    for (auto it = cache.begin(); it != cache.end();) {
      if (it->second.second.after(static_cast<double>(timeout_)) >
          Date::date())
        ++it;
      else
        it = cache.erase(it);
    }
    nextSweep = Date::date().after(static_cast<double>(timeout_));
  }
#endif

  const size_t timeout_;
};

// AresResolver.h / AresResolver.cc; the loop and c-ares answer at once.
class AresResolver : public std::enable_shared_from_this<AresResolver> {
public:
  using ResolverResultsCallback =
      std::function<void(const std::vector<InetAddress> &)>;
  explicit AresResolver(size_t Timeout) : timeout_(Timeout) {}

  void resolve(const std::string &hostname, const ResolverResultsCallback &cb) {
    std::shared_ptr<std::vector<InetAddress>> inets_ptr{nullptr};
    {
      std::lock_guard<std::mutex> lock(globalMutex());
      auto iter = globalCache().find(hostname);
      if (iter != globalCache().end()) {
        auto &cachedAddr = iter->second;
        if (timeout_ == 0 ||
            cachedAddr.second.after(timeout_) > Date::date()) {
          inets_ptr = cachedAddr.first;
        }
      }
    }
    if (inets_ptr) {
      cb(*inets_ptr);
      return;
    }
    resolveInLoop(hostname, cb);
  }

  static size_t cacheSize() { return globalCache().size(); }

private:
  void resolveInLoop(const std::string &hostname,
                     const ResolverResultsCallback &cb) {
    onQueryResult(fakeLookup(hostname), hostname, cb);
  }

  void onQueryResult(InetAddress result, const std::string &hostname,
                     const ResolverResultsCallback &callback) {
    auto inets_ptr = std::make_shared<std::vector<InetAddress>>();
    inets_ptr->push_back(result);
    {
      std::lock_guard<std::mutex> lock(globalMutex());
#ifdef FIXED
      sweepExpired();
#endif
      auto &addrItem = globalCache()[hostname];
      // TIDY-DAG: realapp-trantor-dns-cache.cpp:[[@LINE-1]]:24: note: it grows here
      addrItem.first = inets_ptr;
      addrItem.second = Date::date();
    }
    callback(*inets_ptr);
  }

  static std::unordered_map<
      std::string,
      std::pair<std::shared_ptr<std::vector<InetAddress>>, Date>> &
  globalCache() {
    static std::unordered_map<
        std::string,
        std::pair<std::shared_ptr<std::vector<InetAddress>>, Date>>
        dnsCache;
    // TIDY-DAG: realapp-trantor-dns-cache.cpp:[[@LINE-1]]:9: warning: function-local static 'dnsCache' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
    // TIDY-DAG: realapp-trantor-dns-cache.cpp:[[@LINE-2]]:9: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes
    return dnsCache;
  }
  static std::mutex &globalMutex() {
    static std::mutex mutex_;
    return mutex_;
  }

#ifdef FIXED
  void sweepExpired() {
    static Date nextSweep;
    if (timeout_ == 0 || nextSweep > Date::date())
      return;
    auto &cache = globalCache();
    for (auto it = cache.begin(); it != cache.end();) {
      if (it->second.second.after(static_cast<double>(timeout_)) >
          Date::date())
        ++it;
      else
        it = cache.erase(it);
    }
    nextSweep = Date::date().after(static_cast<double>(timeout_));
  }
#endif

  const size_t timeout_{60};
};

int main() {
  auto Normal = std::make_shared<NormalResolver>(60);
  auto Ares = std::make_shared<AresResolver>(60);
  size_t Answers = 0;
  int Hosts = 0;
  // The program's event loop: a name to resolve arrives, as long as the
  // program runs (here, 3000 of them). (A loop counted before it starts
  // would be set-up, which leak-unbounded-container leaves alone.)
  while (Hosts < 3000) {
    NowMicroseconds += 1000000; // one new name per second
    std::string Name = "host-" + std::to_string(Hosts) + ".example.com";
    Normal->resolve(Name, [&](const InetAddress &) { ++Answers; });
    Ares->resolve(Name, [&](const std::vector<InetAddress> &) { ++Answers; });
    // Repeated look-ups of recent names are served from the cache.
    Normal->resolve(Name, [&](const InetAddress &) { ++Answers; });
    Ares->resolve(Name, [&](const std::vector<InetAddress> &) { ++Answers; });
    if (++Hosts % 1000 != 0)
      continue;
    std::printf("NormalResolver entries after %d distinct hosts: %zu\n", Hosts,
                NormalResolver::cacheSize());
    std::printf("AresResolver entries after %d distinct hosts: %zu\n", Hosts,
                AresResolver::cacheSize());
  }
  std::printf("answers: %zu, look-ups: %d\n", Answers, Lookups);
  return 0;
}
