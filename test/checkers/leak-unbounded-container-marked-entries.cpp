// Sweeps that skip entries marked done for good: a table of outstanding calls
// erased by a timeout sweep only while an entry's `Answered` is false, where
// a reply sets it to true and nothing sets it back, keeps every answered call
// until the program exits. Clean twins: a sweep of entries marked dead (the
// code sets the flag to the value the sweep takes), a flag the code also
// sets back, marked entries erased elsewhere, a flag set from a run-time
// value.
//
// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>

// --- Positive: answered calls are never swept -------------------------------
namespace answered {
class Rpc {
public:
  static Rpc &instance() {
    static Rpc R;
    return R;
  }
  std::uint64_t call(std::function<void(const std::string &)> Cb) {
    std::uint64_t Id = Next++;
    Pending[Id] = Call{Now + 5, std::move(Cb), false};
    return Id;
  }
  void onReply(std::uint64_t Id, const std::string &Payload) {
    auto It = Pending.find(Id);
    if (It == Pending.end() || It->second.Answered)
      return;
    It->second.Answered = true;
    It->second.Cb(Payload);
  }
  void sweep() {
    for (auto It = Pending.begin(); It != Pending.end();) {
      if (!It->second.Answered && It->second.Deadline < Now)
        It = Pending.erase(It);
      else
        ++It;
    }
  }

private:
  struct Call {
    long Deadline;
    std::function<void(const std::string &)> Cb;
    bool Answered;
  };
  long Now = 0;
  std::uint64_t Next = 1;
  std::unordered_map<std::uint64_t, Call> Pending;
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: singleton member 'Rpc::Pending' grows by one entry per distinct key in 'answered::Rpc::call'; entries are only erased while their 'Answered' is false, which the code sets to true and never back, so every entry marked so stays until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-29]]:5: note: it grows here{{$}}
  // CHECK-MESSAGES: :[[@LINE-17]]:14: note: entries are only erased here, while 'Answered' is false{{$}}
  // CHECK-MESSAGES: :[[@LINE-24]]:5: note: 'Answered' is set here, and never set back{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:43: note: erase the entry where it is marked, or let the sweep take marked entries too{{$}}
};
} // namespace answered

// --- Positive: the sweep takes waiting entries; the code only clears it ----
namespace waiting {
struct Lease {
  bool Waiting = true;
  int Holder = 0;
};
std::map<int, Lease> Leases;
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: global 'Leases' grows by one entry per distinct key in 'waiting::acquire'; entries are only erased while their 'Waiting' is true, which the code sets to false and never back, so every entry marked so stays until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+5]]:36: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE+5]]:22: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE+8]]:12: note: entries are only erased here, while 'Waiting' is true{{$}}
// CHECK-MESSAGES: :[[@LINE+3]]:22: note: 'Waiting' is set here, and never set back{{$}}
// CHECK-MESSAGES: :[[@LINE-6]]:22: note: erase the entry where it is marked, or let the sweep take marked entries too{{$}}
void acquire(int Id, int Holder) { Leases[Id] = Lease{true, Holder}; }
void grant(int Id) { Leases[Id].Waiting = false; }
void expire() {
  for (auto It = Leases.begin(); It != Leases.end();)
    if (It->second.Waiting)
      It = Leases.erase(It);
    else
      ++It;
}
} // namespace waiting

// --- Negative: a sweep of entries marked dead -------------------------------
namespace dead {
struct Conn {
  bool Alive = true;
};
std::map<int, Conn> Conns;
void open(int Id) { Conns[Id] = Conn{}; }
void close(int Id) { Conns[Id].Alive = false; }
void reap() {
  for (auto It = Conns.begin(); It != Conns.end();)
    if (!It->second.Alive)
      It = Conns.erase(It);
    else
      ++It;
}
} // namespace dead

// --- Negative: the flag is also set back ------------------------------------
namespace rearmed {
struct Job {
  bool Done = false;
};
std::map<int, Job> Jobs;
void add(int Id) { Jobs[Id] = Job{}; }
void finish(int Id) { Jobs[Id].Done = true; }
void retry(int Id) { Jobs[Id].Done = false; }
void sweep() {
  for (auto It = Jobs.begin(); It != Jobs.end();)
    if (!It->second.Done)
      It = Jobs.erase(It);
    else
      ++It;
}
} // namespace rearmed

// --- Negative: marked entries are erased where they are marked -------------
namespace erased_on_reply {
struct Call {
  bool Answered = false;
};
std::map<int, Call> Calls;
void call(int Id) { Calls[Id] = Call{}; }
void reply(int Id) {
  Calls[Id].Answered = true;
  Calls.erase(Id);
}
void sweep() {
  for (auto It = Calls.begin(); It != Calls.end();)
    if (!It->second.Answered)
      It = Calls.erase(It);
    else
      ++It;
}
} // namespace erased_on_reply

// --- Negative: the flag takes a run-time value ------------------------------
namespace runtime_value {
struct Task {
  bool Ok = false;
};
std::map<int, Task> Tasks;
void add(int Id) { Tasks[Id] = Task{}; }
void report(int Id, bool Ok) { Tasks[Id].Ok = Ok; }
void sweep() {
  for (auto It = Tasks.begin(); It != Tasks.end();)
    if (!It->second.Ok)
      It = Tasks.erase(It);
    else
      ++It;
}
} // namespace runtime_value
