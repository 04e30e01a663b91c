// RUN: %check_leaklint %s leak-static-instance-cache %t -- -- -std=c++17
//
// A connection that registers a callback owning itself in a program-long
// table, and the same handle in a second registry, has several ways to
// end. When one ending tears down the second registration but skips the
// release every other ending performs, each object that ends that way
// stays owned by the table. Twins: every ending releases; the skipping
// function is a step of a releasing one; the key is handed out (someone
// else may release it); a function that shares no teardown (not an
// ending); and an ending that releases through a helper.
// Also: a callback built in a local std::function and moved into the table.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>

using SendFn = std::function<bool(const std::string &)>;

class HandleTable {
public:
  static HandleTable &global() {
    static HandleTable T;
    return T;
  }
  std::uint64_t allocate(SendFn Fn) {
    std::uint64_t Id = Next++;
    Table.emplace(Id, std::move(Fn));
    return Id;
  }
  void release(std::uint64_t Id) { Table.erase(Id); }

private:
  HandleTable() = default;
  std::map<std::uint64_t, SendFn> Table;
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: singleton member 'HandleTable::Table' holds callbacks capturing shared_from_this() of 'WsConnection', and 'WsConnection::onSocketError' ends a 'WsConnection' without releasing its entry, while 'WsConnection::onCloseFrame' releases it; every 'WsConnection' that ends that way stays alive until the program exits [leak-static-instance-cache]
  std::uint64_t Next = 1;
};

class Rooms {
public:
  static Rooms &instance() {
    static Rooms R;
    return R;
  }
  void join(const std::string &Room, std::uint64_t H) { Members[Room].insert(H); }
  void leave(const std::string &Room, std::uint64_t H) {
    auto It = Members.find(Room);
    if (It == Members.end())
      return;
    It->second.erase(H);
    if (It->second.empty())
      Members.erase(It);
  }

private:
  Rooms() = default;
  std::map<std::string, std::set<std::uint64_t>> Members;
};

// --- Positive: the error path leaves the room and keeps the handle -------------
class WsConnection : public std::enable_shared_from_this<WsConnection> {
public:
  explicit WsConnection(std::string Room) : Room(std::move(Room)) {}
  void onUpgraded() {
    auto Self = shared_from_this();
    SendFn Sender = [Self](const std::string &M) { return Self->write(M); };
    Handle = HandleTable::global().allocate(std::move(Sender));
    // CHECK-MESSAGES: :[[@LINE-2]]:21: note: a callback capturing shared_from_this() is passed to 'HandleTable::allocate' here
    // CHECK-MESSAGES: :[[@LINE-42]]:23: note: 'HandleTable::allocate' stores it here
    Rooms::instance().join(Room, Handle);
  }
  void onCloseFrame() {
    Rooms::instance().leave(Room, Handle);
    HandleTable::global().release(Handle);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'WsConnection::onCloseFrame' releases the entry here
    Open = false;
  }
  void onSocketError() {
    Rooms::instance().leave(Room, Handle);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'WsConnection::onSocketError' passes 'Handle' to 'Rooms::leave' here, as 'WsConnection::onCloseFrame' does, but never releases its entry
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: release the entry in 'WsConnection::onSocketError' too, or in one function every ending calls
    Open = false;
  }

private:
  bool write(const std::string &) { return Open; }
  std::string Room;
  std::uint64_t Handle = 0;
  bool Open = true;
};

// --- Clean twins: the same table, classes that end correctly ------------------
namespace twins {

// Every ending releases.
class BothRelease : public std::enable_shared_from_this<BothRelease> {
public:
  void open() {
    Handle = HandleTable::global().allocate(
        [Self = shared_from_this()](const std::string &) { return true; });
    Rooms::instance().join("lobby", Handle);
  }
  void onClose() {
    Rooms::instance().leave("lobby", Handle);
    HandleTable::global().release(Handle);
  }
  void onError() {
    Rooms::instance().leave("lobby", Handle);
    HandleTable::global().release(Handle);
  }

private:
  std::uint64_t Handle = 0;
};

// The function that only leaves is a step of the one that releases.
class StepOfClose : public std::enable_shared_from_this<StepOfClose> {
public:
  void open() {
    Handle = HandleTable::global().allocate(
        [Self = shared_from_this()](const std::string &) { return true; });
    Rooms::instance().join("lobby", Handle);
  }
  void close() {
    leaveRooms();
    HandleTable::global().release(Handle);
  }
  void onError() { close(); }

private:
  void leaveRooms() { Rooms::instance().leave("lobby", Handle); }
  std::uint64_t Handle = 0;
};

// The handle is handed out: whoever holds it may release it.
class HandedOut : public std::enable_shared_from_this<HandedOut> {
public:
  void open() {
    Handle = HandleTable::global().allocate(
        [Self = shared_from_this()](const std::string &) { return true; });
    Rooms::instance().join("lobby", Handle);
  }
  void onClose() {
    Rooms::instance().leave("lobby", Handle);
    HandleTable::global().release(Handle);
  }
  void onError() { Rooms::instance().leave("lobby", Handle); }
  std::uint64_t handle() const { return Handle; }

private:
  std::uint64_t Handle = 0;
};

// Pausing tears nothing down with the handle: not a way to end.
class Pausable : public std::enable_shared_from_this<Pausable> {
public:
  void open() {
    Handle = HandleTable::global().allocate(
        [Self = shared_from_this()](const std::string &) { return true; });
    Rooms::instance().join("lobby", Handle);
  }
  void onClose() {
    Rooms::instance().leave("lobby", Handle);
    HandleTable::global().release(Handle);
  }
  void pause() { Paused = true; }

private:
  std::uint64_t Handle = 0;
  bool Paused = false;
};

// The error path releases through a helper.
class ReleasesViaHelper : public std::enable_shared_from_this<ReleasesViaHelper> {
public:
  void open() {
    Handle = HandleTable::global().allocate(
        [Self = shared_from_this()](const std::string &) { return true; });
    Rooms::instance().join("lobby", Handle);
  }
  void onClose() {
    Rooms::instance().leave("lobby", Handle);
    HandleTable::global().release(Handle);
  }
  void onError() {
    Rooms::instance().leave("lobby", Handle);
    dropHandle();
  }

private:
  void dropHandle() { HandleTable::global().release(Handle); }
  std::uint64_t Handle = 0;
};

} // namespace twins

// --- Positive: a callback built in a local, moved into a table ---------------
namespace moved {
class Router {
public:
  using Route = std::function<bool(const std::string &)>;
  static Router &instance() {
    static Router R;
    return R;
  }
  void add(const std::string &Key, Route R) { Routes.emplace(Key, std::move(R)); }

private:
  Router() = default;
  std::map<std::string, Route> Routes;
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: singleton member 'Router::Routes' holds callbacks capturing shared_from_this() of 'Device'; every 'Device' whose callback is put in it stays alive until the program exits [leak-static-instance-cache]
  // CHECK-MESSAGES: :[[@LINE+8]]:29: note: a callback capturing shared_from_this() is passed to 'Router::add' here
  // CHECK-MESSAGES: :[[@LINE-7]]:67: note: 'Router::add' stores it here
  // CHECK-MESSAGES: :[[@LINE-4]]:32: note: capture weak_from_this() in the callback and lock it when it runs, or remove the callback when the 'Device' is done with it, so that 'Device' objects can be destroyed
};
class Device : public std::enable_shared_from_this<Device> {
public:
  void online(const std::string &Key) {
    auto Self = shared_from_this();
    Router::Route Handler = [Self](const std::string &C) { return Self->run(C); };
    Router::instance().add(Key, std::move(Handler));
  }
  bool run(const std::string &) { return true; }
};
} // namespace moved
