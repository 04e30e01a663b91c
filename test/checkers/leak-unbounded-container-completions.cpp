// Tables of calls in flight whose entry carries the call's completion, and
// whose erase runs where the completion is taken: the function that adds the
// entry also completes it on a failure path, without the erase. Nothing
// completes that call again, so its entry stays until the program exits. In
// a class, through a reference to the new entry or the subscript itself, and
// in a class template.
// Clean twins: the failure path erases too; it completes through the caller's
// callback before adding anything; the erasing function never reads the
// completion (an unsubscribe: the handler runs on every event); a sweep
// erases stale entries too; the entry's handler runs per event, and the
// erasing function takes another field.
//
// RUN: %check_leaklint %s leak-unbounded-container %t -- -- -std=c++17

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>

struct Reply {
  std::uint64_t Id = 0;
  int Status = 0;
};
using Callback = std::function<void(const Reply &)>;
struct Pending {
  std::string Method;
  Callback Done;
};
bool send(const std::string &Method);

// --- Positive: the send failure completes the call and leaves it in ---------
namespace failed_send {
class Client {
public:
  std::uint64_t call(const std::string &Method, Callback Cb) {
    std::uint64_t Id = ++Last;
    auto &Slot = Calls[Id];
    Slot = Pending{Method, std::move(Cb)};
    if (!send(Method)) {
      if (Slot.Done)
        Slot.Done(Reply{Id, -1});
    }
    return Id;
  }
  void onReply(const Reply &R) {
    auto It = Calls.find(R.Id);
    if (It == Calls.end())
      return;
    Callback Done = std::move(It->second.Done);
    Calls.erase(It);
    Done(R);
  }

private:
  std::uint64_t Last = 0;
  std::unordered_map<std::uint64_t, Pending> Calls;
  // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: static object's member 'Client::Calls' grows by one entry per distinct key in 'failed_send::Client::call'; entries are erased where their 'Done' is taken, but 'failed_send::Client::call' runs it on a way out that leaves the entry in, and nothing completes that entry again, so it stays until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-21]]:18: note: it grows here
  // CHECK-MESSAGES: :[[@LINE-18]]:9: note: its 'Done' runs here, and the entry stays
  // CHECK-MESSAGES: :[[@LINE-17]]:5: note: this return leaves the entry in
  // CHECK-MESSAGES: :[[@LINE-11]]:5: note: entries are erased here, where their completion is taken
  // CHECK-MESSAGES: :[[@LINE-6]]:46: note: erase the entry where 'failed_send::Client::call' completes it
};
Client TheClient;
void onWire(const Reply &R) { TheClient.onReply(R); }
} // namespace failed_send

// --- Positive: completed through the subscript, in a class template ---------
namespace templated {
template <class Key> class Client {
public:
  void call(Key K, Callback Cb) {
    Calls.emplace(K, Pending{"get", std::move(Cb)});
    if (!send("get"))
      Calls[K].Done(Reply{0, -1});
  }
  void onReply(Key K, const Reply &R) {
    auto It = Calls.find(K);
    if (It == Calls.end())
      return;
    It->second.Done(R);
    Calls.erase(It);
  }

private:
  std::unordered_map<Key, Pending> Calls;
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: static object's member 'Client::Calls' grows by one entry per distinct key in 'templated::Client::call'; entries are erased where their 'Done' is taken, but 'templated::Client::call' runs it on a way out that leaves the entry in, and nothing completes that entry again, so it stays until the program exits [leak-unbounded-container]
  // CHECK-MESSAGES: :[[@LINE-15]]:5: note: it grows here
  // CHECK-MESSAGES: :[[@LINE-14]]:7: note: it grows here
  // CHECK-MESSAGES: :[[@LINE-15]]:7: note: its 'Done' runs here, and the entry stays
  // CHECK-MESSAGES: :[[@LINE-15]]:3: note: the function ends here with the entry still in
  // CHECK-MESSAGES: :[[@LINE-10]]:5: note: entries are erased here, where their completion is taken
  // CHECK-MESSAGES: :[[@LINE-7]]:36: note: erase the entry where 'templated::Client::call' completes it
};
Client<std::string> TheClient;
void request(const std::string &K) { TheClient.call(K, [](const Reply &) {}); }
void onWire(const std::string &K, const Reply &R) { TheClient.onReply(K, R); }
} // namespace templated

// --- Clean: the failure path erases too --------------------------------------
namespace erased_on_failure {
class Client {
public:
  std::uint64_t call(const std::string &Method, Callback Cb) {
    std::uint64_t Id = ++Last;
    auto &Slot = Calls[Id];
    Slot = Pending{Method, std::move(Cb)};
    if (!send(Method)) {
      Callback Done = std::move(Slot.Done);
      Calls.erase(Id);
      Done(Reply{Id, -1});
    }
    return Id;
  }
  void onReply(const Reply &R) {
    auto It = Calls.find(R.Id);
    if (It == Calls.end())
      return;
    Callback Done = std::move(It->second.Done);
    Calls.erase(It);
    Done(R);
  }

private:
  std::uint64_t Last = 0;
  std::unordered_map<std::uint64_t, Pending> Calls;
};
Client TheClient;
void onWire(const Reply &R) { TheClient.onReply(R); }
} // namespace erased_on_failure

// --- Clean: the failure is reported before anything is added -----------------
namespace fail_first {
class Client {
public:
  std::uint64_t call(const std::string &Method, Callback Cb) {
    std::uint64_t Id = ++Last;
    if (!send(Method)) {
      Cb(Reply{Id, -1});
      return Id;
    }
    Calls[Id] = Pending{Method, std::move(Cb)};
    return Id;
  }
  void onReply(const Reply &R) {
    auto It = Calls.find(R.Id);
    if (It == Calls.end())
      return;
    It->second.Done(R);
    Calls.erase(It);
  }

private:
  std::uint64_t Last = 0;
  std::unordered_map<std::uint64_t, Pending> Calls;
};
Client TheClient;
void onWire(const Reply &R) { TheClient.onReply(R); }
} // namespace fail_first

// --- Clean: a subscription's handler runs per event; unsubscribe erases ------
namespace subscription {
class Bus {
public:
  std::uint64_t subscribe(const std::string &Topic, Callback Cb) {
    std::uint64_t Id = ++Last;
    auto &Sub = Subs[Id];
    Sub = Pending{Topic, std::move(Cb)};
    Sub.Done(Reply{Id, 0}); // the current value, at once
    return Id;
  }
  void unsubscribe(std::uint64_t Id) { Subs.erase(Id); }
  void publish(const Reply &R) {
    for (auto &[Id, Sub] : Subs)
      Sub.Done(R);
  }

private:
  std::uint64_t Last = 0;
  std::unordered_map<std::uint64_t, Pending> Subs;
};
Bus TheBus;
void onEvent(const Reply &R) { TheBus.publish(R); }
void leave(std::uint64_t Id) { TheBus.unsubscribe(Id); }
} // namespace subscription

// --- Clean: a sweep erases stale entries, completed or not -------------------
namespace swept {
struct Timed {
  Callback Done;
  std::uint64_t Deadline = 0;
};
class Client {
public:
  void call(std::uint64_t Id, std::uint64_t Now, Callback Cb) {
    auto &Slot = Calls[Id];
    Slot = Timed{std::move(Cb), Now + 30};
    if (!send("get"))
      Slot.Done(Reply{Id, -1});
  }
  void sweep(std::uint64_t Now) {
    for (auto It = Calls.begin(); It != Calls.end();)
      if (It->second.Deadline < Now) {
        It->second.Done(Reply{It->first, -2});
        It = Calls.erase(It);
      } else {
        ++It;
      }
  }

private:
  std::unordered_map<std::uint64_t, Timed> Calls;
};
Client TheClient;
void tick(std::uint64_t Now) { TheClient.sweep(Now); }
} // namespace swept

// --- Clean: the erase takes another field; the handler runs per chunk --------
namespace streaming {
struct Stream {
  Callback OnChunk;
  Callback OnEnd;
};
class Client {
public:
  void open(std::uint64_t Id, Callback Chunk, Callback End) {
    auto &S = Streams[Id];
    S = Stream{std::move(Chunk), std::move(End)};
    S.OnChunk(Reply{Id, 100}); // headers arrived with the request
  }
  void onEnd(std::uint64_t Id, const Reply &R) {
    auto It = Streams.find(Id);
    if (It == Streams.end())
      return;
    Callback End = std::move(It->second.OnEnd);
    Streams.erase(It);
    End(R);
  }

private:
  std::unordered_map<std::uint64_t, Stream> Streams;
};
Client TheClient;
void onWireEnd(std::uint64_t Id, const Reply &R) { TheClient.onEnd(Id, R); }
} // namespace streaming
