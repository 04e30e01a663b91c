// Fix (c): a static member / global registry filled with `this` in the
// constructor gets `registry.erase(this);` in the class's user-written
// destructor. Three shapes of destructor are covered (one-line body with a
// statement, empty one-line body, empty multi-line body) and three
// registries (static member std::set, global std::map with operator[],
// static member std::map with emplace). Ten objects of each class are alive
// at once (so their addresses are distinct), then all are destroyed: before
// the fix every registry still holds ten dangling pointers, after it none.
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
// TIDY-DAG: warning: static member 'Session::registry' is keyed by 'this' of 'Session'
// TIDY-DAG: warning: global 'Connections' is keyed by 'this' of 'Connection'
// TIDY-DAG: warning: static member 'Job::Jobs' is keyed by 'this' of 'Job'
// TIDY: applied 3 of 3 suggested fixes
//
// FIXED: {{^}}  ~Session() { registry.erase(this); --LiveSessions; }
// FIXED: {{^}}  ~Connection() { Connections.erase(this); }
// FIXED: {{^}}  ~Job() {
// FIXED-NEXT: {{^}}    Jobs.erase(this);
// FIXED-NEXT: {{^}}  }
//
// BEFORE: live sessions=0 registered: sessions=10 connections=10 jobs=10{{$}}
// AFTER: live sessions=0 registered: sessions=0 connections=0 jobs=0{{$}}

#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

static int LiveSessions = 0;

class Session {
public:
  explicit Session(std::string User) : User(std::move(User)) {
    registry.insert(this);
    ++LiveSessions;
  }
  ~Session() { --LiveSessions; }
  static std::set<Session *> registry;

private:
  std::string User;
};
std::set<Session *> Session::registry;

class Connection;
std::map<Connection *, std::string> Connections;

class Connection {
public:
  explicit Connection(const char *Peer) { Connections[this] = Peer; }
  ~Connection() {}
};

class Job {
public:
  explicit Job(int Priority) { Jobs.emplace(this, Priority); }
  ~Job() {
  }
  static std::map<const Job *, int> Jobs;
};
std::map<const Job *, int> Job::Jobs;

int main() {
  {
    std::vector<std::unique_ptr<Session>> S;
    std::vector<std::unique_ptr<Connection>> C;
    std::vector<std::unique_ptr<Job>> J;
    for (int I = 0; I < 10; ++I) {
      S.push_back(std::make_unique<Session>("user" + std::to_string(I)));
      C.push_back(std::make_unique<Connection>("peer"));
      J.push_back(std::make_unique<Job>(I));
    }
  }
  std::printf("live sessions=%d registered: sessions=%zu connections=%zu jobs=%zu\n",
              LiveSessions, Session::registry.size(), Connections.size(),
              Job::Jobs.size());
}
