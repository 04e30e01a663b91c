// Fix (c), observed with AddressSanitizer: a Session registry that is walked
// to notify every session. Before the fix the registry still holds a
// destroyed Session and the walk reads freed memory; after the fix
// (`registry.erase(this);` in ~Session) only the live session is notified.
//
// REQUIRES: asan
// RUN: %clangxx -std=c++17 %asan_lsan %s -o %t.before
// RUN: env ASAN_OPTIONS=detect_leaks=1 not %t.before 2>&1 | FileCheck --check-prefix=BEFORE %s
// RUN: cp %s %t.cpp
// RUN: %clang_tidy -checks='-*,leak-static-instance-cache' --fix %t.cpp -- -std=c++17 2>&1 | FileCheck --check-prefix=TIDY %s
// RUN: %clangxx -std=c++17 %asan_lsan %t.cpp -o %t.after
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.after 2>&1 | FileCheck --check-prefix=AFTER %s
//
// TIDY: note: erase the entry in '~Session()': 'registry.erase(this);'
// TIDY: applied 1 of 1 suggested fixes
//
// BEFORE: ERROR: AddressSanitizer: heap-use-after-free
// BEFORE: #{{[0-9]+}} {{.*}} in Session::notify
// BEFORE-NOT: notified=
//
// AFTER-NOT: AddressSanitizer
// AFTER: notified=1 alice{{$}}
// AFTER-NOT: AddressSanitizer

#include <cstdio>
#include <map>
#include <string>

class Session {
public:
  explicit Session(const char *User) : User(User) { registry[this] = User; }
  ~Session() { std::printf("closing %s\n", User); }
  void notify(std::string &Log) const {
    Log += ' ';
    Log += User;
  }

  static void broadcast(std::string &Log) {
    for (auto &[S, Name] : registry)
      S->notify(Log);
  }

private:
  static std::map<Session *, std::string> registry;
  const char *User;
};
std::map<Session *, std::string> Session::registry;

int main() {
  Session *Alice = new Session("alice");
  Session *Bob = new Session("bob");
  delete Bob;

  std::string Log;
  Session::broadcast(Log);
  int Count = 0;
  for (char C : Log)
    Count += C == ' ';
  std::printf("notified=%d%s\n", Count, Log.c_str());
  delete Alice;
}
