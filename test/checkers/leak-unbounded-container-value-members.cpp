// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17
//
// A container that lives as long as the program and that nothing ever
// removes an entry from keeps every value it holds: what grows inside those
// values grows for good, even when the container's own keys are few. Twins:
// the outer container drops entries, the inner one is trimmed, values of
// the same class also live in a local container, and an outer container
// that is reported itself (one finding, not two).

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <iostream>
#include <vector>

// --- Positive: a singleton's per-stream state remembers every batch id -----
namespace singleton_values {
struct StreamState {
  std::unordered_set<std::string> Seen;
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: member 'StreamState::Seen' of an object owned by the singleton 'singleton_values::Shipper' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE+24]]:12: note: it grows here
  // CHECK-MESSAGES: :[[@LINE+25]]:48: note: 'singleton_values::StreamState' objects are values of 'singleton_values::Shipper::Streams', which nothing ever removes an entry from, so they live as long as it
  // CHECK-MESSAGES: :[[@LINE-4]]:35: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes
  std::size_t Shipped = 0;
};

class Shipper {
public:
  static Shipper &instance() {
    static Shipper S;
    return S;
  }
  bool ingest(const std::string &Stream, const std::string &Batch) {
    StreamState &State = stateFor(Stream);
    if (!remember(State, Batch))
      return false;
    ++State.Shipped;
    return true;
  }

private:
  Shipper() = default;
  StreamState &stateFor(const std::string &Name) { return Streams[Name]; }
  static bool remember(StreamState &State, const std::string &Batch) {
    return State.Seen.insert(Batch).second;
  }
  std::unordered_map<std::string, StreamState> Streams;
};

int upload(const std::string &Stream, const std::string &Batch) {
  return Shipper::instance().ingest(Stream, Batch) ? 202 : 208;
}
} // namespace singleton_values

// --- Positive: the values of a global table, keyed by an enumeration -------
namespace static_table {
enum class Level { Debug, Info, Warn };
struct Bucket {
  std::vector<std::string> Lines;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: member 'Bucket::Lines' of an object owned by the static container 'Table' only grows: elements are added in 'static_table::log' but never removed; every element lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE+7]]:46: note: it grows here
  // CHECK-MESSAGES: :[[@LINE+3]]:25: note: 'static_table::Bucket' objects are values of 'static_table::Table', which nothing ever removes an entry from, so they live as long as it
  // CHECK-MESSAGES: :[[@LINE-4]]:28: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically
};
std::map<Level, Bucket> Table;

Bucket &bucketFor(Level L) { return Table[L]; }
void log(Level L, const std::string &Line) { bucketFor(L).Lines.push_back(Line); }
} // namespace static_table

// --- Clean: the outer container drops a stream's state ---------------------
namespace outer_erased {
struct StreamState {
  std::set<std::string> Seen;
};
class Shipper {
public:
  static Shipper &instance() {
    static Shipper S;
    return S;
  }
  void ingest(const std::string &Stream, const std::string &Batch) {
    Streams[Stream].Seen.insert(Batch);
  }
  void closeStream(const std::string &Stream) { Streams.erase(Stream); }

private:
  std::map<std::string, StreamState> Streams;
};
} // namespace outer_erased

// --- Clean: the inner container is trimmed to a window ---------------------
namespace inner_trimmed {
struct StreamState {
  std::set<std::uint64_t> Seen;
};
class Shipper {
public:
  static Shipper &instance() {
    static Shipper S;
    return S;
  }
  void ingest(int Stream, std::uint64_t Batch) {
    StreamState &State = Streams[Stream % 4];
    State.Seen.insert(Batch);
    if (State.Seen.size() > 512)
      State.Seen.erase(State.Seen.begin());
  }

private:
  std::map<int, StreamState> Streams;
};
} // namespace inner_trimmed

// --- Clean: objects of the class also live in a container that dies --------
namespace local_values {
struct Tally {
  std::vector<int> Samples;
};
class Stats {
public:
  static Stats &instance() {
    static Stats S;
    return S;
  }
  void add(bool Slow, int Ms) { Tallies[Slow].Samples.push_back(Ms); }

private:
  std::map<bool, Tally> Tallies;
};
int scratch() {
  std::vector<Tally> Local(2);
  Local[0].Samples.push_back(1);
  return static_cast<int>(Local.size());
}
} // namespace local_values

// --- One finding: the outer container is reported itself --------------------
namespace outer_reported {
struct Session {
  std::vector<std::string> Events;
};
class Tracker {
public:
  static Tracker &instance() {
    static Tracker T;
    return T;
  }
  void event(const std::string &User, const std::string &What) {
    Sessions[User].Events.push_back(What);
  }

private:
  std::unordered_map<std::string, Session> Sessions;
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: singleton member 'Tracker::Sessions' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-6]]:5: note: it grows here
  // CHECK-MESSAGES: :[[@LINE-3]]:44: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes
};
} // namespace outer_reported

int main() {
  std::string Id;
  for (int I = 0; std::getline(std::cin, Id); ++I) {
    singleton_values::upload(I % 2 ? "api" : "web", Id);
    static_table::log(static_table::Level::Info, Id);
    outer_erased::Shipper::instance().ingest("api", Id);
    if (I % 100 == 0)
      outer_erased::Shipper::instance().closeStream("api");
    inner_trimmed::Shipper::instance().ingest(I, static_cast<std::uint64_t>(I));
    local_values::Stats::instance().add(I % 7 == 0, I);
    outer_reported::Tracker::instance().event("user" + Id, "login");
  }
  return local_values::scratch();
}
