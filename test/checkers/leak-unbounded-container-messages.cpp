// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17
//
// What the message says depends on what is stored and where: a thread_local
// lives as long as its thread, not the program; a list of weak_ptr keeps no
// object alive, so the advice is to drop the expired entries, not to hold
// weak_ptr.

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct Session {
  std::string Name;
};

// A per-thread log of sessions: every entry stays as long as the thread.
thread_local std::vector<std::shared_ptr<Session>> Seen;
// CHECK-MESSAGES: :[[@LINE-1]]:52: warning: thread_local 'Seen' only grows: 'Session' objects are added in 'remember' but never removed; every one stays alive until its thread exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+2]]:52: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:52: note: remove each 'Session' when it is done with (closed, finished, unsubscribed), or hold std::weak_ptr and drop expired ones{{$}}
void remember(const std::shared_ptr<Session> &S) { Seen.push_back(S); }

// Weak references: no session is kept alive, but the entries pile up.
static std::vector<std::weak_ptr<Session>> Watchers;
// CHECK-MESSAGES: :[[@LINE-1]]:44: warning: global 'Watchers' only grows: 'Session' objects are added in 'watch' but never removed; every entry stays until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+2]]:49: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:44: note: remove each 'Session' when it is done with (closed, finished, unsubscribed), or erase the expired entries (those whose expired() is true) whenever one is added{{$}}
void watch(const std::shared_ptr<Session> &S) { Watchers.push_back(S); }

// Clean twin: expired entries are dropped whenever one is added.
static std::vector<std::weak_ptr<Session>> Swept;
void sweep(const std::shared_ptr<Session> &S) {
  Swept.erase(std::remove_if(Swept.begin(), Swept.end(),
                             [](const std::weak_ptr<Session> &W) {
                               return W.expired();
                             }),
              Swept.end());
  Swept.push_back(S);
}

// A multimap keeps an entry per insertion, even for a key it already has.
static std::multimap<std::string, std::string> Codecs;
// CHECK-MESSAGES: :[[@LINE-1]]:48: warning: global 'Codecs' grows by one entry per insertion and is never evicted; every entry lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+3]]:3: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-3]]:48: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}
void registerCodec(const std::string &Name, const std::string &Impl) {
  Codecs.emplace(Name, Impl);
}
