// RUN: %check_leaklint %s leak-callback-cycle %t -- -- -std=c++17
//
// A method that empties the storage counts as a way out of the cycle only
// if something can call it while the cycle stands. One that only the
// destructor of an object on the cycle calls runs after the object dies,
// which the callback prevents. Twins: a close() also calls it; the
// destructor that calls it is of an owner outside the cycle; the method is
// virtual, so code elsewhere may call it. Each namespace has its own
// channel template: who calls a method is asked of its template.

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

// --- Positive: only ~Lobby() unsubscribes -------------------------------
namespace positive {
template <typename Event> class Channel {
public:
  using Handler = std::function<void(const Event &)>;
  int subscribe(Handler H) {
    Slots.push_back(Slot{++Next, std::move(H)});
    return Next;
  }
  void unsubscribe(int Id) {
    Slots.erase(std::remove_if(Slots.begin(), Slots.end(),
                               [Id](const Slot &S) { return S.Id == Id; }),
                Slots.end());
  }
  void publish(const Event &E) const {
    for (const Slot &S : Slots)
      S.Fn(E);
  }

private:
  struct Slot {
    int Id;
    Handler Fn;
  };
  int Next = 0;
  std::vector<Slot> Slots;
};

class Lobby : public std::enable_shared_from_this<Lobby> {
public:
  ~Lobby() { Events.unsubscribe(Subscription); }
  void open() {
    auto Self = shared_from_this();
    Subscription = Events.subscribe(
        std::bind(&Lobby::onEvent, Self, std::placeholders::_1));
    // CHECK-MESSAGES: :[[@LINE-2]]:27: warning: 'Channel::Slots' of 'Events' stores a callback holding 'Self', a shared_ptr to the 'Lobby' that owns it; the object can never be destroyed while the callback is stored [leak-callback-cycle]
    // CHECK-MESSAGES: :[[@LINE-2]]:36: note: 'Self' is bound here; bind a lambda that locks a std::weak_ptr instead (no fix-it for a bound argument)
    // CHECK-MESSAGES: :[[@LINE+9]]:24: note: the 'Lobby' owns the callback through 'Events'
    // CHECK-MESSAGES: :[[@LINE-32]]:21: note: 'Channel::subscribe' stores its argument in 'Slots' here
    // CHECK-MESSAGES: :[[@LINE-29]]:5: note: 'Channel::unsubscribe' would empty it, but only the destructor of an object the callback keeps alive calls it
  }

private:
  void onEvent(const std::string &Player) { Players.push_back(Player); }
  std::vector<std::string> Players;
  int Subscription = 0;
  Channel<std::string> Events;
};

std::shared_ptr<Lobby> makeLobby() {
  auto L = std::make_shared<Lobby>();
  L->open();
  return L;
}
} // namespace positive

// --- Clean: close() unsubscribes while the lobby is alive ----------------
namespace closed {
template <typename Event> class Channel {
public:
  using Handler = std::function<void(const Event &)>;
  int subscribe(Handler H) {
    Slots.push_back(Slot{++Next, std::move(H)});
    return Next;
  }
  void unsubscribe(int Id) {
    Slots.erase(std::remove_if(Slots.begin(), Slots.end(),
                               [Id](const Slot &S) { return S.Id == Id; }),
                Slots.end());
  }
  void publish(const Event &E) const {
    for (const Slot &S : Slots)
      S.Fn(E);
  }

private:
  struct Slot {
    int Id;
    Handler Fn;
  };
  int Next = 0;
  std::vector<Slot> Slots;
};

class Lobby : public std::enable_shared_from_this<Lobby> {
public:
  ~Lobby() { Events.unsubscribe(Subscription); }
  void open() {
    auto Self = shared_from_this();
    Subscription = Events.subscribe(
        std::bind(&Lobby::onEvent, Self, std::placeholders::_1));
  }
  void close() { Events.unsubscribe(Subscription); }

private:
  void onEvent(const std::string &) {}
  int Subscription = 0;
  Channel<std::string> Events;
};

void play() {
  auto L = std::make_shared<Lobby>();
  L->open();
  L->close();
}
} // namespace closed

// --- Clean: the destructor of an owner outside the cycle unsubscribes ----
namespace outside_owner {
template <typename Event> class Channel {
public:
  using Handler = std::function<void(const Event &)>;
  int subscribe(Handler H) {
    Slots.push_back(Slot{++Next, std::move(H)});
    return Next;
  }
  void unsubscribe(int Id) {
    Slots.erase(std::remove_if(Slots.begin(), Slots.end(),
                               [Id](const Slot &S) { return S.Id == Id; }),
                Slots.end());
  }
  void publish(const Event &E) const {
    for (const Slot &S : Slots)
      S.Fn(E);
  }

private:
  struct Slot {
    int Id;
    Handler Fn;
  };
  int Next = 0;
  std::vector<Slot> Slots;
};

class Session : public std::enable_shared_from_this<Session> {
public:
  void open() {
    auto Self = shared_from_this();
    Subscription = Events.subscribe(
        [Self](const std::string &) { Self->touch(); });
  }

private:
  friend class SessionGuard;
  void touch() {}
  int Subscription = 0;
  Channel<std::string> Events;
};

// Holds the session for a scope and breaks its cycle on the way out.
class SessionGuard {
public:
  explicit SessionGuard(std::shared_ptr<Session> S) : S(std::move(S)) {}
  ~SessionGuard() { S->Events.unsubscribe(S->Subscription); }

private:
  std::shared_ptr<Session> S;
};

void serve() {
  auto S = std::make_shared<Session>();
  S->open();
  SessionGuard Guard(S);
}
} // namespace outside_owner

// --- Clean: a virtual method may be called from code not in view ---------
namespace virtual_reset {
template <typename Event> class Bus {
public:
  using Handler = std::function<void(const Event &)>;
  virtual ~Bus() = default;
  void add(Handler H) { Handlers.push_back(std::move(H)); }
  virtual void reset() { Handlers.clear(); }

private:
  std::vector<Handler> Handlers;
};

class Player : public std::enable_shared_from_this<Player> {
public:
  ~Player() { Moves.reset(); }
  void join() {
    auto Self = shared_from_this();
    Moves.add([Self](const int &) { Self->moved(); });
  }

private:
  void moved() {}
  Bus<int> Moves;
};
} // namespace virtual_reset
