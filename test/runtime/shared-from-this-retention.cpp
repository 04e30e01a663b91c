// A static vector that holds std::shared_ptr<Conn> from shared_from_this()
// keeps every Conn put in it alive until the program exits. The check reports
// it and offers no fix: a std::weak_ptr watching the Conn shows it is never
// destroyed, before and after `--fix`, and `--fix` leaves the file unchanged.
// The static map 'Open' holds them too, but main() clears it: owning entries
// that some code releases (the keep-alive idiom) are not reported.
// LeakSanitizer stays silent because the objects are reachable from a global,
// which is why the retention is observed with the weak_ptr.
//
// REQUIRES: asan
// RUN: %clangxx -std=c++17 %asan_lsan %s -o %t.before
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.before 2>&1 | FileCheck --check-prefix=RETAINED %s
// RUN: cp %s %t.cpp
// RUN: %clang_tidy -checks='-*,leak-static-instance-cache' --fix %t.cpp -- -std=c++17 2>&1 | FileCheck --check-prefix=TIDY %s
// RUN: diff %s %t.cpp
// RUN: %clangxx -std=c++17 %asan_lsan %t.cpp -o %t.after
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t.after 2>&1 | FileCheck --check-prefix=RETAINED %s
//
// TIDY-NOT: 'Conn::Open'
// TIDY: warning: function-local static 'recent' holds shared_from_this() of 'Conn'; every 'Conn' put in it stays alive until the program exits
// TIDY-NOT: 'Conn::Open'
// TIDY-NOT: FIX-IT
// TIDY-NOT: applied
//
// RETAINED-NOT: LeakSanitizer
// RETAINED: opened: expired=0 live=1{{$}}
// RETAINED: touched: expired=0 live=1{{$}}
// RETAINED-NOT: LeakSanitizer

#include <cstdio>
#include <map>
#include <memory>
#include <vector>

class Conn : public std::enable_shared_from_this<Conn> {
public:
  explicit Conn(int Id) : Id(Id) { ++Live; }
  ~Conn() { --Live; }
  void open() { Open[Id] = shared_from_this(); }
  void touch() {
    static std::vector<std::shared_ptr<Conn>> recent;
    recent.push_back(shared_from_this());
  }

  static std::map<int, std::shared_ptr<Conn>> Open;
  static int Live;

private:
  int Id;
};
std::map<int, std::shared_ptr<Conn>> Conn::Open;
int Conn::Live = 0;

int main() {
  std::weak_ptr<Conn> Watch;
  {
    auto C = std::make_shared<Conn>(7);
    C->open();
    Watch = C;
  }
  std::printf("opened: expired=%d live=%d\n", (int)Watch.expired(), Conn::Live);

  // Closing the Conn drops the map's reference; the function-local static
  // still keeps it.
  if (auto C = Watch.lock())
    C->touch();
  Conn::Open.clear();
  std::printf("touched: expired=%d live=%d\n", (int)Watch.expired(), Conn::Live);
}
