// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// An object the function makes or is handed, and then moves into a field
// that owns it alone (a std::unique_ptr, or a container of them), is that
// field's object from then on: a shared_ptr back to the owner that it was
// given before or after the move closes a cycle. Spellings: make_unique
// with a constructor that keeps its argument, a unique_ptr parameter
// adopted into a list, a local configured and then moved into a map, and a
// field released before (not after) the object is moved in.
// Twins: a weak back pointer, a slot of another
// object's storage, an object handed away instead of kept, a back pointer
// emptied before the move, a unique_ptr emptied again when the owner
// stops (a reset of any single owner on the cycle breaks it), and a field
// released right after the move (the raw pointer is deleted elsewhere).

#include <map>
#include <memory>
#include <string>
#include <vector>

class Session;

struct Parser {
  explicit Parser(std::shared_ptr<Session> S) : Owner(std::move(S)) {}
  std::shared_ptr<Session> Owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Parser::Owner' completes a shared_ptr ownership cycle; the 'Session' it points to owns the 'Parser' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+12]]:27: note: 'Session::P' owns 'Parser' objects through 'std::unique_ptr<Parser>'
  // CHECK-MESSAGES: :[[@LINE+8]]:22: note: the 'Parser' is moved into 'P' here
  // CHECK-MESSAGES: :[[@LINE+7]]:47: note: 'Owner' is set to shared_from_this() here, through 'Parser::Parser'
  // CHECK-MESSAGES: :[[@LINE-5]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Session> Owner;'
  // CHECK-FIXES: std::weak_ptr<Session> Owner;
};

class Session : public std::enable_shared_from_this<Session> {
public:
  void start() { P = std::make_unique<Parser>(shared_from_this()); }

private:
  std::unique_ptr<Parser> P;
};

struct Tab;
struct Pane {
  std::shared_ptr<Tab> Up;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Pane::Up' completes a shared_ptr ownership cycle; the 'Tab' it points to owns the 'Pane' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+13]]:38: note: 'Tab::Panes' owns 'Pane' objects through 'std::vector<std::unique_ptr<Pane>>'
  // CHECK-MESSAGES: :[[@LINE+10]]:21: note: the 'Pane' is moved into 'Panes' here
  // CHECK-MESSAGES: :[[@LINE+8]]:17: note: 'Up' is set to shared_from_this() here
  // CHECK-MESSAGES: :[[@LINE-5]]:24: note: make it a std::weak_ptr: 'std::weak_ptr<Tab> Up;'
  // CHECK-FIXES: std::weak_ptr<Tab> Up;
  int Id = 0;
};

struct Tab : std::enable_shared_from_this<Tab> {
  void adopt(std::unique_ptr<Pane> Child) {
    Child->Up = shared_from_this();
    Panes.push_back(std::move(Child));
  }
  std::vector<std::unique_ptr<Pane>> Panes;
};

class Router;
struct Route {
  std::shared_ptr<Router> Via;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Route::Via' completes a shared_ptr ownership cycle; the 'Router' it points to owns the 'Route' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+21]]:49: note: 'Router::Routes' owns 'Route' objects through 'std::map<std::string, std::unique_ptr<Route>>'
  // CHECK-MESSAGES: :[[@LINE+16]]:32: note: the 'Route' is moved into 'Routes' here
  // CHECK-MESSAGES: :[[@LINE+14]]:14: note: 'Via' is set to shared_from_this() here
  // CHECK-MESSAGES: :[[@LINE-5]]:27: note: make it a std::weak_ptr: 'std::weak_ptr<Router> Via;'
  // CHECK-FIXES: std::weak_ptr<Router> Via;
  std::string Path;
};

class Router : public std::enable_shared_from_this<Router> {
public:
  void add(const std::string &Path) {
    auto R = std::make_unique<Route>();
    R->Path = Path;
    Routes[Path] = std::move(R);
    Routes[Path]->Path += "/";
    auto Q = std::make_unique<Route>();
    Q->Via = shared_from_this();
    Routes.emplace(Path + "*", std::move(Q));
  }

private:
  std::map<std::string, std::unique_ptr<Route>> Routes;
};

struct Flusher;
struct FlushGuard {
  explicit FlushGuard(std::shared_ptr<Flusher> F) : Of(std::move(F)) {}
  std::shared_ptr<Flusher> Of;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'FlushGuard::Of' completes a shared_ptr ownership cycle; the 'Flusher' it points to owns the 'FlushGuard' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+11]]:31: note: 'Flusher::Pending' owns 'FlushGuard' objects through 'std::unique_ptr<FlushGuard>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+8]]:15: note: the 'FlushGuard' is moved into 'Pending' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+7]]:44: note: 'Of' is set to shared_from_this() here, through 'FlushGuard::FlushGuard'{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Flusher> Of;'{{$}}
  // CHECK-FIXES: std::weak_ptr<Flusher> Of;
};
struct Flusher : std::enable_shared_from_this<Flusher> {
  void arm() {
    delete Pending.release();
    Pending = std::make_unique<FlushGuard>(shared_from_this());
  }
  std::unique_ptr<FlushGuard> Pending;
};

// Twins.

struct Dock;
struct Widget {
  std::weak_ptr<Dock> Up;
};

struct Dock : std::enable_shared_from_this<Dock> {
  void add() {
    auto W = std::make_unique<Widget>();
    W->Up = weak_from_this();
    Widgets.push_back(std::move(W));
  }
  std::vector<std::unique_ptr<Widget>> Widgets;
};

struct Board;
struct Card {
  std::shared_ptr<Board> On;
};

struct Lane {
  std::vector<std::unique_ptr<Card>> Cards;
};

struct Board : std::enable_shared_from_this<Board> {
  void add(Lane &Into) {
    auto C = std::make_unique<Card>();
    C->On = shared_from_this();
    Into.Cards.push_back(std::move(C));
  }
  void addToShared() {
    auto C = std::make_unique<Card>();
    C->On = shared_from_this();
    Shared->Cards.push_back(std::move(C));
  }
  Lane *Shared = nullptr;
};

struct Queue;
struct Task {
  std::shared_ptr<Queue> From;
};
void hand(std::unique_ptr<Task> T);

struct Queue : std::enable_shared_from_this<Queue> {
  void post() {
    auto T = std::make_unique<Task>();
    T->From = shared_from_this();
    hand(std::move(T));
  }
  void stage() {
    auto T = std::make_unique<Task>();
    T->From = shared_from_this();
    T->From.reset();
    Staged.push_back(std::move(T));
  }
  std::vector<std::unique_ptr<Task>> Staged;
};

struct Player;
struct Track {
  std::shared_ptr<Player> By;
};

struct Player : std::enable_shared_from_this<Player> {
  void play() {
    auto T = std::make_unique<Track>();
    T->By = shared_from_this();
    Current = std::move(T);
  }
  void stop() { Current.reset(); }
  std::unique_ptr<Track> Current;
};

void post(void (*Run)(void *), void *Arg);
struct Vm;
struct ShutdownGuard {
  explicit ShutdownGuard(std::shared_ptr<Vm> V) : Of(std::move(V)) {}
  std::shared_ptr<Vm> Of;
};
struct Vm : std::enable_shared_from_this<Vm> {
  void done() {
    Guard = std::make_unique<ShutdownGuard>(shared_from_this());
    post([](void *G) { delete static_cast<ShutdownGuard *>(G); },
         Guard.release());
  }
  std::unique_ptr<ShutdownGuard> Guard;
};
