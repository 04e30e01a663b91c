// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17
//
// A key reduced to few values (`h & 0xff`, `h % 16`, a 16-bit port, one of
// a listed few) bounds a map. Keys built from several such parts take as
// many values as their counts multiplied: an address made of three bytes
// is sixteen million keys, not a bound. Twins: one reduced part; two small
// parts; one of a listed few joined to a reduced part; a choice between
// two reduced values (their counts add).

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>

// --- Positive: three reduced bytes make an address ------------------------
namespace addresses {
std::string clientIp(std::uint64_t N) {
  std::uint64_t H = N * 2654435761u;
  return "10." + std::to_string((H >> 16) & 0xff) + "." +
         std::to_string((H >> 8) & 0xff) + "." + std::to_string(H & 0xff);
}

std::unordered_map<std::string, int> Buckets;
// CHECK-MESSAGES: :[[@LINE-1]]:38: warning: global 'Buckets' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+4]]:3: note: it grows here
// CHECK-MESSAGES: :[[@LINE-3]]:38: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes

void admit(std::uint64_t Request) {
  Buckets[clientIp(Request)] += 1;
}
} // namespace addresses

// --- Clean: one reduced part ----------------------------------------------
namespace one_part {
std::unordered_map<std::string, int> Shards;

void route(std::uint64_t Hash) {
  Shards["shard-" + std::to_string(Hash & 0xff)] += 1;
}
} // namespace one_part

// --- Clean: two small parts -----------------------------------------------
namespace two_small {
std::map<std::string, int> Cells;

void mark(std::uint64_t X, std::uint64_t Y) {
  Cells[std::to_string(X % 16) + ":" + std::to_string(Y % 16)] += 1;
}
} // namespace two_small

// --- Clean: one of a few listed regions joined to a reduced slot ----------
namespace listed {
const char *const Regions[] = {"eu", "us", "ap"};

std::map<std::string, int> Slots;

void place(std::uint64_t Id) {
  for (const char *Region : {"eu", "us", "ap"})
    Slots[std::string(Region) + "/" + std::to_string(Id % 128)] += 1;
  Slots[std::string(Regions[Id % 3]) + "#" + std::to_string(Id & 0x3ff)] += 1;
}
} // namespace listed

// --- Clean: a choice between two reduced values ---------------------------
namespace choice {
std::unordered_map<std::uint64_t, int> Lanes;

void lane(std::uint64_t Id, bool Express) {
  Lanes[Express ? (Id & 0xff) : 1024 + (Id % 512)] += 1;
}
} // namespace choice
