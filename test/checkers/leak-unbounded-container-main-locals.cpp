// Objects that `main()` declares outside its loops live as long as the
// program: a server object made there and driven by a loop that serves
// requests keeps every entry its members gain. A loop counted up to more
// than 1024 drives a service the way clients would: it is no set-up; nor
// are short counted loops nested to run more than that (rounds of
// requests).
// Clean twins: a session made per iteration of main's loop, a class also
// made elsewhere, a table filled by a short counted loop or two short
// nested ones, a member the loop also clears.
//
// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

struct Request {
  std::string Target;
};

// --- Positive: a server object of main, fed forever --------------------------
class ApiServer {
public:
  int handle(const Request &R) {
    Hits[R.Target] += 1;
    return 200;
  }

private:
  std::unordered_map<std::string, std::uint64_t> Hits;
  // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: member 'ApiServer::Hits' of 'Server' in 'main' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE+118]]:13: note: 'Server' is declared in 'main' outside its loops, so it lives as long as the program{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:50: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}
};

// --- Positive: a log of main's object, fed by a long counted loop ------------
class Recorder {
public:
  void record(const std::string &Line) { Lines.push_back(Line); }

private:
  std::vector<std::string> Lines;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: member 'Recorder::Lines' of 'Log' in 'main' only grows: elements are added in 'Recorder::record' but never removed; every element lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-5]]:42: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE+109]]:12: note: 'Log' is declared in 'main' outside its loops, so it lives as long as the program{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:28: note: keep a bounded window (a ring buffer, or pop_front past a size) or flush it periodically{{$}}
};

// --- Clean: one session per iteration of main's loop -------------------------
class Session {
public:
  void handle(const Request &R) { Seen.push_back(R.Target); }

private:
  std::vector<std::string> Seen;
};

// --- Clean: also made as a local elsewhere ----------------------------------
class Stats {
public:
  void add(const std::string &K) { Count[K] += 1; }

private:
  std::map<std::string, int> Count;
};
int scratch() {
  Stats Temporary;
  Temporary.add("x");
  return 0;
}

// --- Clean: main's object whose member the loop also clears -------------------
class Batch {
public:
  void add(int V) { Items.push_back(V); }
  void flush() { Items.clear(); }

private:
  std::vector<int> Items;
};

// --- Clean: a table filled by a short counted loop ----------------------------
class Table {
public:
  void add(int V) { Rows.push_back(V); }

private:
  std::vector<int> Rows;
};

// --- Positive: keys from an array main also writes into ------------------------
class Quotes {
public:
  void quote(const std::string &Symbol) { Last[Symbol] += 1; }

private:
  std::map<std::string, int> Last;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: member 'Quotes::Last' of 'Feed' in 'main' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-5]]:43: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE+58]]:10: note: 'Feed' is declared in 'main' outside its loops, so it lives as long as the program{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:30: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}
};

// --- Clean: keys from an array of literals nothing changes --------------------
class Book {
public:
  void open(const std::string &Symbol) { Instruments[Symbol] += 1; }

private:
  std::unordered_map<std::string, int> Instruments;
};

// --- Positive: rounds of requests, counted loops nested past set-up --------
class Tracker {
public:
  void track(int Id) { Open[Id] = std::to_string(Id); }

private:
  std::map<int, std::string> Open;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: member 'Tracker::Open' of 'Rounds' in 'main' grows by one entry per distinct key and is never evicted; every entry lives until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-5]]:24: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE+37]]:11: note: 'Rounds' is declared in 'main' outside its loops, so it lives as long as the program{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:30: note: bound it: evict old entries (an LRU with a capacity), or clear it when what it caches changes{{$}}
};

// --- Clean: a grid filled by two short nested loops ---------------------------
class Grid {
public:
  void add(int Row, int Col) { Cells.push_back(Row * 16 + Col); }

private:
  std::vector<int> Cells;
};

// --- Clean: main's object grown only by a hook it hands a library ------------
void onEachWorkerThread(std::function<void(int)> Hook);
class Workers {
public:
  void start() {
    onEachWorkerThread(std::bind(&Workers::threadInit, this,
                                 std::placeholders::_1));
  }

private:
  void threadInit(int Id) { Ids.push_back(Id); }
  std::vector<int> Ids;
};

int main(int argc, char **argv) {
  ApiServer Server;
  Stats Totals;
  Batch Pending;
  Table Squares;
  Recorder Log;
  Workers Pool;
  Pool.start();
  Book Books;
  Quotes Feed;
  Tracker Rounds;
  Grid Board;
  const char *Symbols[] = {"AAPL", "MSFT", "NVDA"};
  const char *Tickers[] = {"EUR", "USD"};
  if (argc > 2)
    Tickers[0] = argv[2];
  for (int I = 0; I < 1024; ++I)
    Squares.add(I * I);
  for (long N = 0; N < 5000; ++N)
    Log.record(std::to_string(N));
  for (int Round = 0; Round < 6; ++Round)
    for (int I = 0; I < 500; ++I)
      Rounds.track(Round * 500 + I);
  for (int Row = 0; Row < 16; ++Row)
    for (int Col = 0; Col < 16; ++Col)
      Board.add(Row, Col);
  for (;;) {
    Request R{argc > 1 ? argv[1] : "/"};
    if (Server.handle(R) != 200)
      break;
    Session PerRequest;
    PerRequest.handle(R);
    Totals.add(R.Target);
    Pending.add(1);
    Books.open(Symbols[R.Target.size() % 3]);
    Feed.quote(Tickers[R.Target.size() % 2]);
    if (R.Target.empty())
      Pending.flush();
  }
  return scratch();
}
