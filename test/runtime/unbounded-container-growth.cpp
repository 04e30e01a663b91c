// The growth is real: a request cache in static storage holds one entry per
// distinct request id for as long as the program runs, and LeakSanitizer
// sees nothing (the memory stays reachable from a static). The check reports
// it; the program shows the size after N requests, and that LSan is silent.
//
// REQUIRES: asan
// RUN: %clang_tidy -checks='-*,leak-unbounded-container' %s -- -std=c++17 2>&1 | FileCheck --check-prefix=TIDY %s
// RUN: %clangxx -std=c++17 %asan_lsan %s -o %t
// RUN: env ASAN_OPTIONS=detect_leaks=1 %t 2>&1 | FileCheck --check-prefix=SIZE %s
//
// TIDY: warning: function-local static 'Cache' grows by one entry per distinct key and is never evicted
// SIZE: entries after 1000 requests: 1000{{$}}
// SIZE: entries after 2000 requests: 2000{{$}}
// SIZE-NOT: LeakSanitizer

#include <cstdio>
#include <string>
#include <unordered_map>

struct Response {
  std::string Body;
};

static std::size_t CacheSize = 0;

Response respond(const std::string &Id) {
  static std::unordered_map<std::string, Response> Cache;
  auto It = Cache.find(Id);
  if (It == Cache.end())
    It = Cache.emplace(Id, Response{"body of " + Id}).first;
  CacheSize = Cache.size();
  return It->second;
}

// A server's request loop: it runs as long as requests come (here, 2000 of
// them). A loop counted before it starts would be set-up, which the check
// leaves alone.
int main() {
  int Served = 0;
  while (Served < 2000) {
    respond("request-" + std::to_string(1000 + Served));
    if (++Served % 1000 == 0)
      std::printf("entries after %d requests: %zu\n", Served, CacheSize);
  }
  return 0;
}
