// Maps of calls in flight whose erase some ways out skip: a completion that
// finds the entry and returns early on one outcome, in a class or a class
// template, and a request function that adds the entry through one call
// and erases it through another, with a return between. Each call that
// takes such a way out leaves its entry until the program exits.
// Clean twins: every way out erases; an early return only when the entry is
// not found; a completion that writes into the entry it keeps (the next
// chunk of a stream); one that decides on the entry's own state; a second
// erase elsewhere (a timeout); an erase the reply handler also reaches; a
// request function whose scope guard erases; an erase in a loop; a put that
// both adds and evicts (an LRU); an entry main() adds once before its loop.
//
// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>

struct Reply {
  int Status = 200;
  std::string Body;
  bool Last = true;
};
using Continuation = std::function<void(const Reply &)>;

// --- Positive: the completion returns early on an error status -------------
namespace error_status {
class Gateway {
public:
  std::uint64_t forward(Continuation K) {
    Inflight.emplace(++Last, std::move(K));
    return Last;
  }
  void complete(std::uint64_t Id, const Reply &R) {
    auto It = Inflight.find(Id);
    if (It == Inflight.end())
      return;
    if (R.Status != 200) {
      ++Errors;
      return;
    }
    It->second(R);
    Inflight.erase(It);
  }

private:
  std::uint64_t Last = 0, Errors = 0;
  std::unordered_map<std::uint64_t, Continuation> Inflight;
  // CHECK-MESSAGES: :[[@LINE-1]]:51: warning: static object's member 'Gateway::Inflight' grows by one entry per distinct key in 'error_status::Gateway::forward'; entries are only erased on some ways out of 'error_status::Gateway::complete', so every entry whose call leaves by another stays until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-19]]:5: note: it grows here
  // CHECK-MESSAGES: :[[@LINE-16]]:15: note: the entry is found here
  // CHECK-MESSAGES: :[[@LINE-12]]:7: note: this return leaves the entry in
  // CHECK-MESSAGES: :[[@LINE-10]]:5: note: the entry is erased here, on the other ways out
  // CHECK-MESSAGES: :[[@LINE-6]]:51: note: erase the entry on every way out of 'error_status::Gateway::complete' (a scope guard whose destructor erases it), or sweep entries left behind
};
Gateway TheGateway;
void onWire(std::uint64_t Id, const Reply &R) { TheGateway.complete(Id, R); }
} // namespace error_status

// --- Positive: the same in a class template ----------------------------------
namespace in_template {
template <typename Transport> class RpcClient {
public:
  std::uint64_t call(Continuation K) {
    Pending.emplace(++Next, std::move(K));
    T.send(Next);
    return Next;
  }
  void onReply(std::uint64_t Id, bool Ok, const Reply &R) {
    auto It = Pending.find(Id);
    if (It != Pending.end()) {
      if (!Ok)
        return;
      It->second(R);
      Pending.erase(It);
    }
  }

private:
  Transport T;
  std::uint64_t Next = 0;
  std::map<std::uint64_t, Continuation> Pending;
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: static object's member 'RpcClient::Pending' grows by one entry per distinct key in 'in_template::RpcClient::call'; entries are only erased on some ways out of 'in_template::RpcClient::onReply', so every entry whose call leaves by another stays until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-19]]:5: note: it grows here
  // CHECK-MESSAGES: :[[@LINE-15]]:15: note: the entry is found here
  // CHECK-MESSAGES: :[[@LINE-13]]:9: note: this return leaves the entry in
  // CHECK-MESSAGES: :[[@LINE-12]]:7: note: the entry is erased here, on the other ways out
  // CHECK-MESSAGES: :[[@LINE-6]]:41: note: erase the entry on every way out of 'in_template::RpcClient::onReply' (a scope guard whose destructor erases it), or sweep entries left behind
};
struct Wire {
  void send(std::uint64_t) {}
};
RpcClient<Wire> Client;
void start(Continuation K) { Client.call(std::move(K)); }
void pump(std::uint64_t Id, bool Ok) { Client.onReply(Id, Ok, Reply{}); }
} // namespace in_template

// --- Positive: a request adds through one call, erases through another ------
namespace request_function {
class Tracker {
public:
  static Tracker &instance() {
    static Tracker T;
    return T;
  }
  void track(std::uint64_t Id, std::string Payload) {
    Pending[Id] = std::move(Payload);
  }
  void acknowledge(std::uint64_t Id) { Pending.erase(Id); }

private:
  std::unordered_map<std::uint64_t, std::string> Pending;
  // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: singleton member 'Tracker::Pending' grows by one entry per distinct key in 'request_function::Tracker::track'; entries are only erased on some ways out of 'request_function::Router::send', so every entry whose call leaves by another stays until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-7]]:5: note: it grows here
  // CHECK-MESSAGES: :[[@LINE+10]]:5: note: the entry is added here
  // CHECK-MESSAGES: :[[@LINE+11]]:7: note: this return leaves the entry in
  // CHECK-MESSAGES: :[[@LINE+11]]:5: note: this call erases the entry, on the other ways out
  // CHECK-MESSAGES: :[[@LINE-6]]:50: note: erase the entry on every way out of 'request_function::Router::send' (a scope guard whose destructor erases it), or sweep entries left behind
};
bool online(const std::string &User) { return !User.empty(); }
class Router {
public:
  void send(const std::string &To, std::string Body) {
    std::uint64_t Id = ++Next;
    Tracker::instance().track(Id, Body);
    if (!online(To))
      return;
    onAck(Id);
  }

private:
  void onAck(std::uint64_t Id) { Tracker::instance().acknowledge(Id); }
  std::uint64_t Next = 0;
};
} // namespace request_function

// --- Clean: every way out erases ----------------------------------------------
namespace every_way {
class Gateway {
public:
  void forward(std::uint64_t Id, Continuation K) {
    Inflight.emplace(Id, std::move(K));
  }
  void complete(std::uint64_t Id, const Reply &R) {
    auto It = Inflight.find(Id);
    if (It == Inflight.end())
      return;
    if (R.Status == 200)
      It->second(R);
    Inflight.erase(It);
  }

private:
  std::unordered_map<std::uint64_t, Continuation> Inflight;
};
Gateway TheGateway;
void onWire(std::uint64_t Id, const Reply &R) { TheGateway.complete(Id, R); }
} // namespace every_way

// --- Clean: a stream keeps its entry and writes the next chunk into it -------
namespace stream_chunks {
struct Stream {
  std::string Received;
  Continuation Done;
};
class Streams {
public:
  void open(std::uint64_t Id, Continuation K) { Open[Id].Done = std::move(K); }
  void chunk(std::uint64_t Id, const Reply &R) {
    auto It = Open.find(Id);
    if (It == Open.end())
      return;
    It->second.Received += R.Body;
    if (!R.Last)
      return;
    It->second.Done(R);
    Open.erase(It);
  }

private:
  std::unordered_map<std::uint64_t, Stream> Open;
};
Streams TheStreams;
void onWire(std::uint64_t Id, const Reply &R) { TheStreams.chunk(Id, R); }
} // namespace stream_chunks

// --- Clean: the completion decides on the entry's own state ------------------
namespace entry_state {
struct Job {
  bool Done = false;
};
class Jobs {
public:
  void start(std::uint64_t Id) { Running.emplace(Id, Job{}); }
  void reap(std::uint64_t Id) {
    auto It = Running.find(Id);
    if (It == Running.end() || !It->second.Done)
      return;
    Running.erase(It);
  }

private:
  std::map<std::uint64_t, Job> Running;
};
Jobs TheJobs;
void onTick(std::uint64_t Id) { TheJobs.reap(Id); }
} // namespace entry_state

// --- Clean: a timeout erases what the completion leaves ---------------------
namespace timeout_erase {
class Gateway {
public:
  void forward(std::uint64_t Id, Continuation K) {
    Inflight.emplace(Id, std::move(K));
  }
  void complete(std::uint64_t Id, const Reply &R) {
    auto It = Inflight.find(Id);
    if (It == Inflight.end())
      return;
    if (R.Status != 200)
      return;
    It->second(R);
    Inflight.erase(It);
  }
  void expire(std::uint64_t Id) { Inflight.erase(Id); }

private:
  std::unordered_map<std::uint64_t, Continuation> Inflight;
};
Gateway TheGateway;
void onWire(std::uint64_t Id, const Reply &R) { TheGateway.complete(Id, R); }
void onTimer(std::uint64_t Id) { TheGateway.expire(Id); }
} // namespace timeout_erase

// --- Clean: the reply handler reaches the erase too --------------------------
namespace reply_handler {
class Tracker {
public:
  static Tracker &instance() {
    static Tracker T;
    return T;
  }
  void track(std::uint64_t Id) { Pending[Id] = "pending"; }
  void acknowledge(std::uint64_t Id) { Pending.erase(Id); }

private:
  std::unordered_map<std::uint64_t, std::string> Pending;
};
class Router {
public:
  void send(std::uint64_t Id, bool Online) {
    Tracker::instance().track(Id);
    if (!Online)
      return;
    onAck(Id);
  }
  void onWire(std::uint64_t Id) { onAck(Id); }

private:
  void onAck(std::uint64_t Id) { Tracker::instance().acknowledge(Id); }
};
} // namespace reply_handler

// --- Clean: a scope guard erases on every way out ----------------------------
namespace scope_guard {
class Tracker {
public:
  static Tracker &instance() {
    static Tracker T;
    return T;
  }
  void track(std::uint64_t Id) { Pending[Id] = "pending"; }
  void release(std::uint64_t Id) { Pending.erase(Id); }

private:
  std::unordered_map<std::uint64_t, std::string> Pending;
};
class Release {
public:
  explicit Release(std::uint64_t Id) : Id(Id) {}
  ~Release() { Tracker::instance().release(Id); }

private:
  std::uint64_t Id;
};
void send(std::uint64_t Id, bool Online) {
  Tracker::instance().track(Id);
  Release Guard(Id);
  if (!Online)
    return;
}
} // namespace scope_guard

// --- Clean: the erase runs in a loop over the found entries -----------------
namespace erase_in_loop {
class Sessions {
public:
  void open(std::uint64_t Id) { Live.emplace(Id, "open"); }
  void closeAll(const std::uint64_t *Ids, int N, bool Force) {
    for (int I = 0; I < N; ++I) {
      auto It = Live.find(Ids[I]);
      if (It == Live.end())
        continue;
      if (!Force)
        return;
      Live.erase(It);
    }
  }

private:
  std::unordered_map<std::uint64_t, std::string> Live;
};
Sessions TheSessions;
void shutdown(const std::uint64_t *Ids, int N) {
  TheSessions.closeAll(Ids, N, false);
}
} // namespace erase_in_loop

// --- Clean: the function that adds also evicts (an LRU) ---------------------
namespace evicting_put {
class Lru {
public:
  void put(int Key, std::string Value) {
    if (Index.size() >= 64)
      Index.erase(Index.begin());
    Index[Key] = std::move(Value);
  }

private:
  std::map<int, std::string> Index;
};
class Renderer {
public:
  static Renderer &instance() {
    static Renderer R;
    return R;
  }
  std::string render(int Page) {
    std::string Out = std::to_string(Page);
    Memo.put(Page, Out);
    if (Out.empty())
      return Out;
    return Out + "!";
  }

private:
  Lru Memo;
};
} // namespace evicting_put

// --- Clean: the erase decides on the entry through a reference to it --------
namespace entry_alias {
class Board {
public:
  void add(int Tier, std::string Name) { Tiers[Tier].push_back(std::move(Name)); }
  void remove(int Tier, const std::string &Name) {
    auto It = Tiers.find(Tier);
    if (It == Tiers.end())
      return;
    auto &Waiting = It->second;
    for (auto P = Waiting.begin(); P != Waiting.end(); ++P)
      if (*P == Name) {
        Waiting.erase(P);
        break;
      }
    if (Waiting.empty())
      Tiers.erase(It);
  }

private:
  std::map<int, std::vector<std::string>> Tiers;
};
Board TheBoard;
void join(int Tier, std::string Name) { TheBoard.add(Tier, std::move(Name)); }
void leave(int Tier, const std::string &Name) { TheBoard.remove(Tier, Name); }
} // namespace entry_alias

// --- Clean: one event adds, a later one erases (never the same call) --------
namespace add_and_erase_on_other_events {
class Typing {
public:
  void started(const std::string &User, long Tick) { Since[User] = Tick; }
  void stopped(const std::string &User) { Since.erase(User); }

private:
  std::map<std::string, long> Since;
};
class Router {
public:
  static Router &instance() {
    static Router R;
    return R;
  }
  void route(const std::string &User, bool TypingOnly) {
    if (TypingOnly) {
      Indicator.started(User, ++Tick);
      return;
    }
    Indicator.stopped(User);
    ++Delivered;
  }

private:
  Typing Indicator;
  long Tick = 0, Delivered = 0;
};
} // namespace add_and_erase_on_other_events

// --- Clean: main() adds one entry before its loop, which adds and erases ----
// The entry added once stays, whichever way main() leaves: one entry, not
// one per call.
namespace added_once_in_main {
class Room {
public:
  void join(const std::string &Player) { Members[Player] = 1; }
  void leave(const std::string &Player) { Members.erase(Player); }

private:
  std::unordered_map<std::string, int> Members;
};
} // namespace added_once_in_main

int main(int Argc, char **) {
  added_once_in_main::Room Lobby;
  Lobby.join("host");
  for (int Round = 0; Round < 2; ++Round)
    for (int I = 0; I < Argc; ++I) {
      std::string Player = "player-" + std::to_string(I);
      Lobby.join(Player);
      Lobby.leave(Player);
    }
  return 0;
}
