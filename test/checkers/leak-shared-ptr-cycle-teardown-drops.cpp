// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// A room owns its router, whose participants share the room back. Closing
// a room detaches every participant, which breaks the cycle, but only for
// rooms that get closed: a teardown users must remember to call is no
// guarantee. It is one when the owner of the rooms closes each before it
// drops it, in every member function that drops one, and in its
// destructor. Twins: one way of dropping skips the close; the destructor
// drops the rooms without closing them; nothing ever drops a room.

#include <map>
#include <memory>
#include <string>
#include <vector>

// --- Positive: one way of dropping a room skips the close -----------------
namespace skipped {
class Room;
class Participant {
public:
  explicit Participant(std::shared_ptr<Room> R) : Uplink(std::move(R)) {}

private:
  std::shared_ptr<Room> Uplink;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Participant::Uplink' completes a shared_ptr ownership cycle; the 'Room' it points to owns the 'Participant' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+26]]:27: note: 'Room::Fanout' owns 'Router' objects through 'std::unique_ptr<Router>'
  // CHECK-MESSAGES: :[[@LINE+15]]:45: note: 'Router::Forwarders' owns 'Participant' objects through 'std::vector<std::shared_ptr<Participant>>'
  // CHECK-MESSAGES: :[[@LINE+20]]:32: note: the 'Participant' is stored in 'Forwarders' here
  // CHECK-MESSAGES: :[[@LINE+19]]:62: note: 'Uplink' is set to shared_from_this() here, through 'skipped::Participant::Participant'
  // CHECK-MESSAGES: :[[@LINE-6]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Room> Uplink;'
  // CHECK-FIXES: {{^}}  std::weak_ptr<Room> Uplink;{{$}}
};

class Router {
public:
  void attach(std::shared_ptr<Participant> P) {
    Forwarders.push_back(std::move(P));
  }
  void detachAll() { Forwarders.clear(); }

private:
  std::vector<std::shared_ptr<Participant>> Forwarders;
};

class Room : public std::enable_shared_from_this<Room> {
public:
  Room() : Fanout(std::make_unique<Router>()) {}
  void join() { Fanout->attach(std::make_shared<Participant>(shared_from_this())); }
  void close() { Fanout->detachAll(); }

private:
  std::unique_ptr<Router> Fanout;
};

class Service {
public:
  ~Service() {
    for (auto &Entry : Rooms)
      Entry.second->close();
  }
  std::shared_ptr<Room> start(const std::string &Id) {
    auto R = std::make_shared<Room>();
    Rooms[Id] = R;
    return R;
  }
  void expire(const std::string &Id) { Rooms.erase(Id); }
  void end(const std::string &Id) {
    auto It = Rooms.find(Id);
    if (It == Rooms.end())
      return;
    It->second->close();
    Rooms.erase(It);
  }

private:
  std::map<std::string, std::shared_ptr<Room>> Rooms;
};
} // namespace skipped

// --- Positive: the destructor drops the rooms without closing them -------
namespace no_destructor {
class Room;
class Participant {
public:
  explicit Participant(std::shared_ptr<Room> R) : Uplink(std::move(R)) {}

private:
  std::shared_ptr<Room> Uplink;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Participant::Uplink' completes a shared_ptr ownership cycle; the 'Room' it points to owns the 'Participant' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+26]]:27: note: 'Room::Fanout' owns 'Router' objects through 'std::unique_ptr<Router>'
  // CHECK-MESSAGES: :[[@LINE+15]]:45: note: 'Router::Forwarders' owns 'Participant' objects through 'std::vector<std::shared_ptr<Participant>>'
  // CHECK-MESSAGES: :[[@LINE+20]]:32: note: the 'Participant' is stored in 'Forwarders' here
  // CHECK-MESSAGES: :[[@LINE+19]]:62: note: 'Uplink' is set to shared_from_this() here, through 'no_destructor::Participant::Participant'
  // CHECK-MESSAGES: :[[@LINE-6]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Room> Uplink;'
  // CHECK-FIXES: {{^}}  std::weak_ptr<Room> Uplink;{{$}}
};

class Router {
public:
  void attach(std::shared_ptr<Participant> P) {
    Forwarders.push_back(std::move(P));
  }
  void detachAll() { Forwarders.clear(); }

private:
  std::vector<std::shared_ptr<Participant>> Forwarders;
};

class Room : public std::enable_shared_from_this<Room> {
public:
  Room() : Fanout(std::make_unique<Router>()) {}
  void join() { Fanout->attach(std::make_shared<Participant>(shared_from_this())); }
  void close() { Fanout->detachAll(); }

private:
  std::unique_ptr<Router> Fanout;
};

class Service {
public:
  std::shared_ptr<Room> start(const std::string &Id) {
    auto R = std::make_shared<Room>();
    Rooms[Id] = R;
    return R;
  }
  void end(const std::string &Id) {
    auto It = Rooms.find(Id);
    if (It == Rooms.end())
      return;
    It->second->close();
    Rooms.erase(It);
  }

private:
  std::map<std::string, std::shared_ptr<Room>> Rooms;
};
} // namespace no_destructor

// --- Positive: rooms are closed but never dropped by their owner ---------
namespace never_dropped {
class Room;
class Participant {
public:
  explicit Participant(std::shared_ptr<Room> R) : Uplink(std::move(R)) {}

private:
  std::shared_ptr<Room> Uplink;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Participant::Uplink' completes a shared_ptr ownership cycle; the 'Room' it points to owns the 'Participant' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+26]]:27: note: 'Room::Fanout' owns 'Router' objects through 'std::unique_ptr<Router>'
  // CHECK-MESSAGES: :[[@LINE+15]]:45: note: 'Router::Forwarders' owns 'Participant' objects through 'std::vector<std::shared_ptr<Participant>>'
  // CHECK-MESSAGES: :[[@LINE+20]]:32: note: the 'Participant' is stored in 'Forwarders' here
  // CHECK-MESSAGES: :[[@LINE+19]]:62: note: 'Uplink' is set to shared_from_this() here, through 'never_dropped::Participant::Participant'
  // CHECK-MESSAGES: :[[@LINE-6]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Room> Uplink;'
  // CHECK-FIXES: {{^}}  std::weak_ptr<Room> Uplink;{{$}}
};

class Router {
public:
  void attach(std::shared_ptr<Participant> P) {
    Forwarders.push_back(std::move(P));
  }
  void detachAll() { Forwarders.clear(); }

private:
  std::vector<std::shared_ptr<Participant>> Forwarders;
};

class Room : public std::enable_shared_from_this<Room> {
public:
  Room() : Fanout(std::make_unique<Router>()) {}
  void join() { Fanout->attach(std::make_shared<Participant>(shared_from_this())); }
  void close() { Fanout->detachAll(); }

private:
  std::unique_ptr<Router> Fanout;
};

class Service {
public:
  std::shared_ptr<Room> start() {
    auto R = std::make_shared<Room>();
    Rooms.push_back(R);
    return R;
  }
  void stopAll() {
    for (auto &R : Rooms)
      R->close();
  }

private:
  std::vector<std::shared_ptr<Room>> Rooms;
};
} // namespace never_dropped

// --- Clean: every drop closes the room first, and so does the destructor -
namespace closed {
class Room;
class Participant {
public:
  explicit Participant(std::shared_ptr<Room> R) : Uplink(std::move(R)) {}

private:
  std::shared_ptr<Room> Uplink;
};

class Router {
public:
  void attach(std::shared_ptr<Participant> P) {
    Forwarders.push_back(std::move(P));
  }
  void detachAll() { Forwarders.clear(); }

private:
  std::vector<std::shared_ptr<Participant>> Forwarders;
};

class Room : public std::enable_shared_from_this<Room> {
public:
  Room() : Fanout(std::make_unique<Router>()) {}
  void join() { Fanout->attach(std::make_shared<Participant>(shared_from_this())); }
  void close() { Fanout->detachAll(); }

private:
  std::unique_ptr<Router> Fanout;
};

class Service {
public:
  ~Service() {
    for (auto &Entry : Rooms)
      Entry.second->close();
  }
  std::shared_ptr<Room> start(const std::string &Id) {
    auto R = std::make_shared<Room>();
    Rooms[Id] = R;
    return R;
  }
  void end(const std::string &Id) {
    auto It = Rooms.find(Id);
    if (It == Rooms.end())
      return;
    It->second->close();
    Rooms.erase(It);
  }

private:
  std::map<std::string, std::shared_ptr<Room>> Rooms;
};
} // namespace closed
