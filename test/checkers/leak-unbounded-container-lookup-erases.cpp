// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17
//
// Caches that drop an entry only when the same key is requested again and
// found stale: keys that never come back stay until the program exits. An
// erase that removes for good (an unsubscribe, a take, a sweep) is a bound.

#include <map>
#include <memory>
#include <string>
#include <unordered_map>

struct Vm {};

// The weak-value cache of proxy-wasm's thread-local VMs, before the fix.
thread_local std::unordered_map<std::string, std::weak_ptr<Vm>> LocalVms;
// CHECK-MESSAGES: :[[@LINE-1]]:65: warning: thread_local 'LocalVms' grows by one entry per distinct key in 'getOrCreateVm'; entries are only dropped when the same key is requested again, so every key that is not requested again stays until its thread exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+13]]:3: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE+9]]:5: note: entries are only dropped here, when their key is requested again and found stale{{$}}
// CHECK-MESSAGES: :[[@LINE-4]]:65: note: sweep stale entries too (on a timer, or a few on every insertion), or bound it with a capacity{{$}}

std::shared_ptr<Vm> getOrCreateVm(const std::string &Key) {
  auto It = LocalVms.find(Key);
  if (It != LocalVms.end()) {
    if (auto Found = It->second.lock())
      return Found;
    // Remove the stale entry.
    LocalVms.erase(It);
  }
  auto Made = std::make_shared<Vm>();
  LocalVms[Key] = Made;
  return Made;
}

// A time-to-live cache that hands out what it finds, erasing by key.
struct Timed {
  std::string Value;
  long Expires;
};
static std::map<std::string, Timed> Ttl;
// CHECK-MESSAGES: :[[@LINE-1]]:37: warning: global 'Ttl' grows by one entry per distinct key in 'resolve'; entries are only dropped when the same key is requested again, so every key that is not requested again stays until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+12]]:3: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE+9]]:5: note: entries are only dropped here, when their key is requested again and found stale{{$}}
// CHECK-MESSAGES: :[[@LINE-4]]:37: note: sweep stale entries too (on a timer, or a few on every insertion), or bound it with a capacity{{$}}

std::string compute(const std::string &Key) { return Key + "!"; }
std::string resolve(const std::string &Key, long Now) {
  auto It = Ttl.find(Key);
  if (It != Ttl.end() && It->second.Expires > Now)
    return It->second.Value;
  if (It != Ttl.end())
    Ttl.erase(Key);
  std::string Value = compute(Key);
  Ttl.emplace(Key, Timed{Value, Now + 60});
  return Value;
}

// Clean twins.

// An unsubscribe tests the entry, but neither hands it out nor adds the key
// again: it removes for good.
struct Sub {
  bool Active = true;
};
static std::map<std::string, Sub> Subs;
void subscribe(const std::string &Key) { Subs[Key] = Sub{}; }
void unsubscribe(const std::string &Key) {
  auto It = Subs.find(Key);
  if (It != Subs.end() && It->second.Active)
    Subs.erase(It);
}

// A take hands out what it removes, without testing it first.
struct Job {};
static std::map<int, std::shared_ptr<Job>> Jobs;
void queue(int Id) { Jobs.emplace(Id, std::make_shared<Job>()); }
std::shared_ptr<Job> take(int Id) {
  auto It = Jobs.find(Id);
  if (It == Jobs.end())
    return nullptr;
  auto Taken = It->second;
  Jobs.erase(It);
  return Taken;
}

// The same cache as LocalVms, with a sweep of stale entries: a bound.
thread_local std::unordered_map<std::string, std::weak_ptr<Vm>> SweptVms;
std::shared_ptr<Vm> getOrCreateSwept(const std::string &Key) {
  auto It = SweptVms.find(Key);
  if (It != SweptVms.end()) {
    if (auto Found = It->second.lock())
      return Found;
    SweptVms.erase(It);
  }
  auto Made = std::make_shared<Vm>();
  SweptVms[Key] = Made;
  return Made;
}
void sweep() {
  for (auto It = SweptVms.begin(); It != SweptVms.end();)
    if (It->second.expired())
      It = SweptVms.erase(It);
    else
      ++It;
}

// A failure callback that erases the key it was made for is a bound too.
struct Conn {
  template <typename F> void onClose(F) {}
};
static std::map<std::string, std::weak_ptr<Conn>> Conns;
std::shared_ptr<Conn> connect(const std::string &Key) {
  auto It = Conns.find(Key);
  if (It != Conns.end()) {
    if (auto Open = It->second.lock())
      return Open;
    Conns.erase(It);
  }
  auto Made = std::make_shared<Conn>();
  Conns[Key] = Made;
  Made->onClose([Key] { Conns.erase(Key); });
  return Made;
}

// --- Positive: the lookup and the erase are each a helper's call ------------
// An upload is dropped when its last chunk arrives: one whose client goes
// away stays.
struct Upload {
  std::string Data;
  bool Done = false;
  void add(const std::string &C) { Data += C; }
};
namespace {
std::map<std::string, std::shared_ptr<Upload>> Uploads;
// CHECK-MESSAGES: :[[@LINE-1]]:48: warning: global 'Uploads' grows by one entry per distinct key in 'start'; entries are only dropped when the same key is requested again, so every key that is not requested again stays until the program exits [leak-unbounded-container]
// CHECK-MESSAGES: :[[@LINE+10]]:3: note: it grows here{{$}}
// CHECK-MESSAGES: :[[@LINE+6]]:38: note: entries are only dropped here, when their key is requested again and found stale{{$}}
// CHECK-MESSAGES: :[[@LINE-4]]:48: note: sweep stale entries too (on a timer, or a few on every insertion), or bound it with a capacity{{$}}
std::shared_ptr<Upload> findUpload(const std::string &Id) {
  auto It = Uploads.find(Id);
  return It == Uploads.end() ? nullptr : It->second;
}
void forget(const std::string &Id) { Uploads.erase(Id); }
} // namespace
void start(const std::string &Id) {
  Uploads.emplace(Id, std::make_shared<Upload>());
}
bool chunk(const std::string &Id, const std::string &C, bool Last) {
  auto U = findUpload(Id);
  if (!U)
    return false;
  U->add(C);
  if (Last)
    U->Done = true;
  if (U->Done)
    forget(Id);
  return U->Done;
}

// --- Clean: the helper's erase ends the entry whatever it holds ---------------
struct Task {
  void commit() {}
};
namespace {
std::map<std::string, std::shared_ptr<Task>> Tasks;
std::shared_ptr<Task> findTask(const std::string &Id) {
  auto It = Tasks.find(Id);
  return It == Tasks.end() ? nullptr : It->second;
}
void dropTask(const std::string &Id) { Tasks.erase(Id); }
} // namespace
void submit(const std::string &Id) { Tasks.emplace(Id, std::make_shared<Task>()); }
void finish(const std::string &Id) {
  auto J = findTask(Id);
  if (!J)
    return;
  J->commit();
  dropTask(Id);
}
