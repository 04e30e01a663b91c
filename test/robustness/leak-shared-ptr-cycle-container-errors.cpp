// The robustness run's input that crashed: the room/participant cycle of
// leak-shared-ptr-cycle-teardown-drops.cpp with tokens dropped (a
// container field `vector<shared_ptr<P> F;` missing its `>`, and more): the store's value is read for the owner it carries
// (OwnershipLinks::carriedOwner), which crashed on the recovery
// expressions once. The check must not crash, must not report a cycle
// through the broken field, and must not edit a file that does not compile;
// the one copy of the cycle that clang recovers whole is still real.
//
// RUN: not %clang_tidy -checks='-*,leak-shared-ptr-cycle' %s -- -std=c++17 > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out --implicit-check-not='[leak-' --implicit-check-not='Stack dump'
// RUN: cp %s %t.cpp
// RUN: not %clang_tidy -checks='-*,leak-shared-ptr-cycle' --fix %t.cpp -- -std=c++17 > /dev/null 2>&1
// RUN: diff %s %t.cpp
//
// CHECK-DAG: error: {{.*}}[clang-diagnostic-error]
// CHECK-DAG: container-errors.cpp:86:25: warning: 'Participant::Uplink' completes a shared_ptr ownership cycle{{.*}}[leak-shared-ptr-cycle]

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace skipped {
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
  std::vector<std::shared_ptr<Participant> Forwarders;
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
  ~() {
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

namespace no_destructor {
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

namespace never_dropped {
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

namespace closed {
class Room;
class Participant {
public:
  explicit Participant(std::shared_ptr<Room> R) : Uplink(std::move()) {}

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

class Room : public std::enable_shared_from_thisRoom> {
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
