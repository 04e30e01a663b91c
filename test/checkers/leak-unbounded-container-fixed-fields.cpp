// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17
//
// Keys that the program text confines, spelled the way real code spells
// them: a normaliser returning an element of a constant array it loops over
// (or a literal), a pair of such parts, and private fields that only the
// constructors set, to an enumerator or to `std::clamp` between constants.
// Twins stay reported: a normaliser that falls back to its input, a field a
// setter changes, a public field, and a clamp to bounds far apart.

#include <algorithm>
#include <map>
#include <string>
#include <utility>

enum class Face { Sans, Serif, Mono };

// --- Clean: the method is one of a fixed list, or "OTHER" -------------------
namespace normalised_method {
static const char *const Known[] = {"GET", "POST", "PUT", "DELETE"};
static const char *normalise(const std::string &Raw) {
  for (const char *M : Known)
    if (Raw == M)
      return M;
  return "OTHER";
}
static std::map<std::pair<std::string, int>, long> Counts;
void record(const std::string &Method, bool Ok) {
  Counts[std::make_pair(std::string(normalise(Method)), Ok ? 2 : 5)] += 1;
}
} // namespace normalised_method

// --- Positive: the normaliser hands back its input when it knows no name ----
namespace echoed_method {
static const char *const Known[] = {"GET", "POST"};
static std::string normalise(const std::string &Raw) {
  for (const char *M : Known)
    if (Raw == M)
      return M;
  return Raw;
}
static std::map<std::string, long> Counts;
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: global 'Counts' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
void record(const std::string &Method) { Counts[normalise(Method)] += 1; }
// CHECK-MESSAGES: :[[@LINE-1]]:42: note: it grows here
// CHECK-MESSAGES: :[[@LINE-4]]:36: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes
} // namespace echoed_method

// --- Clean: fields only the constructor sets, to few values ----------------
namespace clamped_fields {
struct Metrics {
  float Height = 0;
};
class Layout {
public:
  Layout(Face F, int Size) : F(F), Pt(std::clamp(Size, 8, 72)) {}
  float height() const {
    static std::map<std::pair<Face, int>, Metrics> Memo;
    std::pair<Face, int> Key{F, Pt};
    auto It = Memo.find(Key);
    if (It == Memo.end())
      It = Memo.emplace(Key, Metrics{Pt * 1.2f}).first;
    return It->second.Height;
  }

private:
  Face F;
  int Pt;
};
float bubble(int UserSize) { return Layout(Face::Sans, UserSize).height(); }
} // namespace clamped_fields

// --- Positive: a setter changes the field ----------------------------------
namespace set_field {
class Layout {
public:
  explicit Layout(int Size) : Pt(std::clamp(Size, 8, 72)) {}
  void setSize(int Size) { Pt = Size; }
  float height() const {
    static std::map<int, float> Memo;
    // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: function-local static 'Memo' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
    return Memo.emplace(Pt, Pt * 1.2f).first->second;
    // CHECK-MESSAGES: :[[@LINE-1]]:12: note: it grows here
    // CHECK-MESSAGES: :[[@LINE-4]]:33: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes
  }

private:
  int Pt;
};
float bubble(int UserSize) {
  Layout L(12);
  L.setSize(UserSize);
  return L.height();
}
} // namespace set_field

// --- Positive: a public field, and a clamp to a wide range -----------------
namespace open_fields {
struct Request {
  explicit Request(int Id) : Id(std::clamp(Id, 0, 1000000000)) {}
  int Id;
};
class Seen {
public:
  void mark(const Request &R) {
    static std::map<int, bool> Ids;
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: function-local static 'Ids' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
    Ids[R.Id] = true;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: it grows here
    // CHECK-MESSAGES: :[[@LINE-4]]:32: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes
  }
};
} // namespace open_fields

// --- Clean: a message field every writer sets from a fixed table ------------
namespace table_set_field {
struct Envelope {
  std::string Channel = "#general";
  std::string Body;
};
Envelope makeMessage(unsigned long N) {
  static const char *Channels[] = {"#general", "#trading", "#random"};
  Envelope E;
  E.Channel = Channels[N % 3];
  E.Body = "message " + std::to_string(N);
  return E;
}
Envelope reply(const Envelope &To) { return Envelope{To.Channel, "ack"}; }
class Router {
public:
  void route(const Envelope &E) { Delivered[E.Channel] += 1; }

private:
  std::map<std::string, long> Delivered;
};
Router TheRouter;
void onMessage(unsigned long N) {
  Envelope E = makeMessage(N);
  TheRouter.route(E);
  TheRouter.route(reply(E));
}
} // namespace table_set_field

// --- Positive: one writer sets the field from what the client sent ----------
namespace client_set_field {
struct Envelope {
  std::string Channel;
  std::string Body;
};
class Router {
public:
  void route(const Envelope &E) { Delivered[E.Channel] += 1; }

private:
  std::map<std::string, long> Delivered;
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: static object's member 'Router::Delivered' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-5]]:35: note: it grows here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes
};
Router TheRouter;
void onMessage(const std::string &Raw) {
  static const char *const Channels[] = {"#general", "#random"};
  Envelope E;
  E.Channel = Channels[Raw.size() % 2];
  if (Raw.size() > 1 && Raw[0] == '#')
    E.Channel = Raw.substr(0, Raw.find(' '));
  TheRouter.route(E);
}
} // namespace client_set_field

// --- Positive: the field is handed to a reference that may change it --------
namespace field_read_into {
struct Envelope {
  std::string Channel = "#general";
};
void readWord(std::string &Into);
class Router {
public:
  void route(const Envelope &E) { Delivered[E.Channel] += 1; }

private:
  std::map<std::string, long> Delivered;
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: static object's member 'Router::Delivered' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-5]]:35: note: it grows here
  // CHECK-MESSAGES: :[[@LINE-3]]:31: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes
};
Router TheRouter;
void onMessage() {
  Envelope E;
  readWord(E.Channel);
  TheRouter.route(E);
}
} // namespace field_read_into
