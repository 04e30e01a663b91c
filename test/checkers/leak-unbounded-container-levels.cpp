// What a shrink bounds: an element's erase bounds what grows inside
// elements, not the keys of the container; a write through a reference to
// an element is not a shrink; assigning a whole object empties the
// containers it holds. Also keys from a closed product (pair<enum, bool>),
// and a class with a singleton accessor whose other objects are locals.
//
// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// Each history is capped, but the map gains a key per name.
void hit(const std::string &Name, int V) {
  static std::unordered_map<std::string, std::vector<int>> Hist;
  Hist[Name].push_back(V);
  if (Hist[Name].size() > 100)
    Hist[Name].erase(Hist[Name].begin());
}
// CHECK-MESSAGES: :[[@LINE-5]]:60: warning: function-local static 'Hist' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE-5]]:3: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-5]]:7: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-5]]:5: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-9]]:60: note: bound it: {{.*}}

// The same through a reference to the element.
void hitRef(const std::string &Name, int V) {
  static std::unordered_map<std::string, std::vector<int>> Hist;
  auto &H = Hist[Name];
  H.push_back(V);
  if (H.size() > 100)
    H.erase(H.begin());
}
// CHECK-MESSAGES: :[[@LINE-6]]:60: warning: function-local static 'Hist' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE-6]]:13: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-8]]:60: note: bound it: {{.*}}

// Clean twin: listeners per event (a closed set of keys), unsubscribed by
// erasing from the event's list (an unsubscribe nothing called would bound
// nothing).
enum class Event { Open, Close };
struct Bus {
  static Bus &get() {
    static Bus B;
    return B;
  }
  using Listener = std::shared_ptr<std::function<void()>>;
  void on(Event E, Listener L) { Listeners[E].push_back(std::move(L)); }
  void off(Event E, const Listener &L) {
    auto &List = Listeners[E];
    for (auto It = List.begin(); It != List.end(); ++It)
      if (*It == L) {
        List.erase(It);
        break;
      }
  }
  std::map<Event, std::vector<Listener>> Listeners;
};
void stopWatchingClose(const Bus::Listener &L) { Bus::get().off(Event::Close, L); }

// Memoisation through a reference to the slot: grows per key.
std::string render(const std::string &Key);
const std::string &cachedRender(const std::string &Key) {
  static std::unordered_map<std::string, std::string> Cache;
  std::string &Slot = Cache[Key];
  if (Slot.empty())
    Slot = render(Key);
  return Slot;
}
// CHECK-MESSAGES: :[[@LINE-6]]:55: warning: function-local static 'Cache' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE-6]]:23: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-8]]:55: note: bound it: {{.*}}

// Clean twin: the singleton is reset as a whole every minute.
class Stats {
public:
  static Stats &get() {
    static Stats S;
    return S;
  }
  void add(const std::string &K) { Keys.push_back(K); }
  void reset() { *this = Stats(); }

private:
  std::vector<std::string> Keys;
};
void onRequest(const std::string &K) { Stats::get().add(K); }
void onMinute() { Stats::get().reset(); }

// Clean twin: the same, assigned from outside through the accessor.
class Tally {
public:
  static Tally &get() {
    static Tally T;
    return T;
  }
  void add(int V) { Values.push_back(V); }

private:
  std::vector<int> Values;
};
void tally(int V) { Tally::get().add(V); }
void rotate() { Tally::get() = Tally(); }

// Clean twin: at most eight keys.
enum class Level { Debug, Info, Warn, Error };
static std::map<std::pair<Level, bool>, long> Counts;
void count(Level L, bool Remote) { Counts[{L, Remote}]++; }

// Clean twin: keyed by the address of a string literal, through a reference
// to the slot.
void stamp(const char *Msg, long Now) {
  static std::map<const char *, long> Lasts;
  long &Last = Lasts[Msg];
  Last = Now;
}
void stamps() {
  stamp("timer", 1);
  stamp("read", 2);
}

// A class with a singleton accessor that is also made per request: its
// constructor runs per request, not once.
static std::vector<std::string> Names;
class Logger {
public:
  static Logger &instance() {
    static Logger L("default");
    return L;
  }
  explicit Logger(std::string N) : Name(std::move(N)) { Names.push_back(Name); }

private:
  std::string Name;
};
void handle(const std::string &Req) { Logger PerRequest(Req); }
// CHECK-MESSAGES: :[[@LINE-13]]:33: warning: global 'Names' only grows{{.*}} [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE-7]]:57: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE-15]]:33: note: {{.*}}

// A closed set of keys bounds the entries, not what grows inside them:
// the recent lines per log level pile up.
enum class LogLevel { Debug, Info, Error };
struct RecentLogs {
  static RecentLogs &get() {
    static RecentLogs R;
    return R;
  }
  void append(LogLevel L, const std::string &Line) {
    ByLevel[L].push_back(Line);
  }
  std::map<LogLevel, std::vector<std::string>> ByLevel;
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: singleton member 'RecentLogs::ByLevel' only grows: elements are added to its entries in 'RecentLogs::append' but never removed; every element lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:48: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
};

// Clean twin: each level keeps a window, trimmed through a reference to
// the level's list.
struct WindowedLogs {
  static WindowedLogs &get() {
    static WindowedLogs W;
    return W;
  }
  void append(LogLevel L, const std::string &Line) {
    auto &Lines = ByLevel[L];
    Lines.push_back(Line);
    if (Lines.size() > 100)
      Lines.erase(Lines.begin());
  }
  std::map<LogLevel, std::vector<std::string>> ByLevel;
};

// Clean twin: listeners per event, unsubscribed through a reference to the
// event's list.
struct EventBus {
  static EventBus &get() {
    static EventBus B;
    return B;
  }
  void on(Event E, std::function<void()> L) {
    Listeners[E].push_back(std::move(L));
  }
  void offFirst(Event E) {
    auto &List = Listeners[E];
    if (!List.empty())
      List.erase(List.begin());
  }
  std::map<Event, std::vector<std::function<void()>>> Listeners;
};
