// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// A cycle of single owners that code lets go of again, on any of its edges,
// outside constructors and destructors, is broken by hand: the warning's
// back edge need not be the field that is reset. Through a collection, a
// reset of one element's back pointer unlinks that element only, and a reset
// of that pointer in every element (a range-for over the collection) unlinks
// them all.

#include <algorithm>
#include <memory>
#include <vector>

// --- Two peers; close() drops the edge the warning would not sit on.

struct Server;
struct Client {
  std::shared_ptr<Server> Srv;
  void close() { Srv = nullptr; }
};
struct Server : std::enable_shared_from_this<Server> {
  std::shared_ptr<Client> Peer;
  void accept(std::shared_ptr<Client> C) {
    Peer = C;
    C->Srv = shared_from_this();
  }
};

// --- The same peers, never let go: reported.

struct Session;
struct Socket {
  std::shared_ptr<Session> Owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Socket::Owner' completes a shared_ptr ownership cycle; the 'Session' it points to owns the 'Socket' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+6]]:27: note: 'Session::Sock' owns 'Socket' objects through 'std::shared_ptr<Socket>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+9]]:12: note: the 'Socket' is stored in 'Sock' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+9]]:16: note: 'Owner' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Session> Owner;'{{$}}
};
struct Session : std::enable_shared_from_this<Session> {
  std::shared_ptr<Socket> Sock;
  // Reset only in the destructor, which the cycle keeps from running.
  ~Session() { Sock.reset(); }
  void open(std::shared_ptr<Socket> S) {
    Sock = S;
    S->Owner = shared_from_this();
  }
};

// --- A parent and its children: removing a child resets that child's
// parent pointer, but the children still in the list stay in the cycle.

struct Block;
struct Stmt {
  std::shared_ptr<Block> Parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Stmt::Parent' completes a shared_ptr ownership cycle; the 'Block' it points to owns the 'Stmt' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+6]]:38: note: 'Block::Stmts' owns 'Stmt' objects through 'std::vector<std::shared_ptr<Stmt>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+7]]:21: note: the 'Stmt' is stored in 'Stmts' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+7]]:17: note: 'Parent' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: make it a std::weak_ptr: 'std::weak_ptr<Block> Parent;'{{$}}
};
struct Block : std::enable_shared_from_this<Block> {
  std::vector<std::shared_ptr<Stmt>> Stmts;
  void add(std::shared_ptr<Stmt> S) {
    Stmts.push_back(S);
    S->Parent = shared_from_this();
  }
  void remove(const std::shared_ptr<Stmt> &S) {
    S->Parent = nullptr;
    Stmts.erase(std::find(Stmts.begin(), Stmts.end(), S));
  }
};

// --- Closing a room resets the back pointer of every member at once: the
// room and its members are all unlinked.

struct Room;
struct Member {
  std::shared_ptr<Room> In;
  std::shared_ptr<Member> InvitedBy;
};
struct Room : std::enable_shared_from_this<Room> {
  std::vector<std::shared_ptr<Member>> Members;
  void join(const std::shared_ptr<Member> &M) {
    M->In = shared_from_this();
    Members.push_back(M);
  }
  void close() {
    for (auto &M : Members)
      M->In.reset();
  }
};

// --- Twins: the loop walks another list; the loop empties another field.

struct Hall;
struct Guest {
  std::shared_ptr<Hall> In;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Guest::In' completes a shared_ptr ownership cycle; the 'Hall' it points to owns the 'Guest' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+6]]:39: note: 'Hall::Guests' owns 'Guest' objects through 'std::vector<std::shared_ptr<Guest>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+9]]:22: note: the 'Guest' is stored in 'Guests' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+7]]:13: note: 'In' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Hall> In;'{{$}}
};
struct Hall : std::enable_shared_from_this<Hall> {
  std::vector<std::shared_ptr<Guest>> Guests;
  std::vector<std::shared_ptr<Guest>> Leaving;
  void enter(const std::shared_ptr<Guest> &G) {
    G->In = shared_from_this();
    Guests.push_back(G);
  }
  void sweep() {
    for (auto &G : Leaving)
      G->In.reset();
  }
};

struct Team;
struct Player {
  std::shared_ptr<Team> On;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Player::On' completes a shared_ptr ownership cycle; the 'Team' it points to owns the 'Player' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+7]]:40: note: 'Team::Players' owns 'Player' objects through 'std::vector<std::shared_ptr<Player>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+9]]:23: note: the 'Player' is stored in 'Players' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+7]]:13: note: 'On' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Team> On;'{{$}}
  std::shared_ptr<Player> Captain;
};
struct Team : std::enable_shared_from_this<Team> {
  std::vector<std::shared_ptr<Player>> Players;
  void add(const std::shared_ptr<Player> &P) {
    P->On = shared_from_this();
    Players.push_back(P);
  }
  void disband() {
    for (auto &P : Players)
      P->Captain.reset();
  }
};

// --- A setter handed nullptr empties the field it fills.

struct Upstream;
struct Downstream {
  void setUp(std::shared_ptr<Upstream> U) { Up = std::move(U); }
  std::shared_ptr<Upstream> Up;
};
struct Upstream : std::enable_shared_from_this<Upstream> {
  std::shared_ptr<Downstream> Down;
  void attach(std::shared_ptr<Downstream> D) {
    Down = D;
    D->setUp(shared_from_this());
  }
  void detach() { Down->setUp(nullptr); }
};
