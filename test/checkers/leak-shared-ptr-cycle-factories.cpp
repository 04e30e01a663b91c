// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// A factory, a short function that makes an object, gives it what it should
// hold and returns it, makes that object where it is called: what it stores
// into the object, of its arguments or of the object it is called on, the
// call stores. Spellings: a static create(), a free function, a factory
// through a constructor into a unique_ptr member, a member factory storing
// shared_from_this(), a factory calling another, a factory with an early
// null return. Twins: a weak back pointer, a result kept by another object,
// a function returning an object it did not make, a factory that stores
// what it was not given.

#include <map>
#include <memory>
#include <string>
#include <vector>

struct Node : std::enable_shared_from_this<Node> {
  std::shared_ptr<Node> Parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Node::Parent' completes a shared_ptr ownership cycle; the 'Node' it points to owns the 'Node' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+5]]:38: note: 'Node::Children' owns 'Node' objects through 'std::vector<std::shared_ptr<Node>>'
  // CHECK-MESSAGES: :[[@LINE+10]]:36: note: the 'Node' is stored in 'Children' here
  // CHECK-MESSAGES: :[[@LINE+9]]:43: note: 'Parent' is set to shared_from_this() here, through 'Node::create'
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Node> Parent;'
  // CHECK-FIXES: std::weak_ptr<Node> Parent;
  std::vector<std::shared_ptr<Node>> Children;
  static std::shared_ptr<Node> create(std::shared_ptr<Node> P) {
    auto N = std::make_shared<Node>();
    N->Parent = std::move(P);
    return N;
  }
  void grow() { Children.push_back(create(shared_from_this())); }
};

struct Widget;
struct Child {
  std::shared_ptr<Widget> Owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Child::Owner' completes a shared_ptr ownership cycle; the 'Widget' it points to owns the 'Child' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+12]]:39: note: 'Widget::Kids' owns 'Child' objects through 'std::vector<std::shared_ptr<Child>>'
  // CHECK-MESSAGES: :[[@LINE+12]]:31: note: the 'Child' is stored in 'Kids' here
  // CHECK-MESSAGES: :[[@LINE+11]]:41: note: 'Owner' is set to shared_from_this() here, through 'makeChild'
  // CHECK-MESSAGES: :[[@LINE-5]]:27: note: make it a std::weak_ptr: 'std::weak_ptr<Widget> Owner;'
  // CHECK-FIXES: std::weak_ptr<Widget> Owner;
};
std::shared_ptr<Child> makeChild(const std::shared_ptr<Widget> &W) {
  auto C = std::make_shared<Child>();
  C->Owner = W;
  return C;
}
struct Widget : std::enable_shared_from_this<Widget> {
  std::vector<std::shared_ptr<Child>> Kids;
  void add() { Kids.push_back(makeChild(shared_from_this())); }
};

class Session;
struct Handler {
  explicit Handler(std::shared_ptr<Session> S) : Of(std::move(S)) {}
  std::shared_ptr<Session> Of;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Handler::Of' completes a shared_ptr ownership cycle; the 'Session' it points to owns the 'Handler' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+14]]:28: note: 'Session::H' owns 'Handler' objects through 'std::unique_ptr<Handler>'
  // CHECK-MESSAGES: :[[@LINE+10]]:22: note: the 'Handler' is moved into 'H' here
  // CHECK-MESSAGES: :[[@LINE+9]]:34: note: 'Of' is set to shared_from_this() here, through 'makeHandler'
  // CHECK-MESSAGES: :[[@LINE-5]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Session> Of;'
  // CHECK-FIXES: std::weak_ptr<Session> Of;
};
std::unique_ptr<Handler> makeHandler(std::shared_ptr<Session> S) {
  return std::make_unique<Handler>(std::move(S));
}
class Session : public std::enable_shared_from_this<Session> {
public:
  void start() { H = makeHandler(shared_from_this()); }

private:
  std::unique_ptr<Handler> H;
};

struct Graph : std::enable_shared_from_this<Graph> {
  struct Edge {
    std::shared_ptr<Graph> In;
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Edge::In' completes a shared_ptr ownership cycle; the 'Graph' it points to owns the 'Edge' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE+14]]:38: note: 'Graph::Edges' owns 'Edge' objects through 'std::vector<std::shared_ptr<Edge>>'
    // CHECK-MESSAGES: :[[@LINE+12]]:38: note: the 'Edge' is stored in 'Edges' here
    // CHECK-MESSAGES: :[[@LINE+7]]:13: note: 'In' is set to shared_from_this() here, through 'Graph::newEdge'
    // CHECK-MESSAGES: :[[@LINE-5]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Graph> In;'
    // CHECK-FIXES: std::weak_ptr<Graph> In;
    int Weight = 0;
  };
  std::shared_ptr<Edge> newEdge(int W) {
    auto E = std::make_shared<Edge>();
    E->In = shared_from_this();
    E->Weight = W;
    return E;
  }
  void link(int W) { Edges.push_back(newEdge(W)); }
  std::vector<std::shared_ptr<Edge>> Edges;
};

struct Scene;
struct Light {
  std::shared_ptr<Scene> Lit;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Light::Lit' completes a shared_ptr ownership cycle; the 'Scene' it points to owns the 'Light' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+19]]:49: note: 'Scene::Lights' owns 'Light' objects through 'std::map<std::string, std::shared_ptr<Light>>'
  // CHECK-MESSAGES: :[[@LINE+17]]:33: note: the 'Light' is stored in 'Lights' here
  // CHECK-MESSAGES: :[[@LINE+16]]:42: note: 'Lit' is set to shared_from_this() here, through 'makeSpot'
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: make it a std::weak_ptr: 'std::weak_ptr<Scene> Lit;'
  // CHECK-FIXES: std::weak_ptr<Scene> Lit;
};
std::shared_ptr<Light> makeLight(std::shared_ptr<Scene> S) {
  auto L = std::make_shared<Light>();
  L->Lit = std::move(S);
  return L;
}
std::shared_ptr<Light> makeSpot(std::shared_ptr<Scene> S, bool On) {
  if (!On)
    return nullptr;
  auto L = makeLight(std::move(S));
  return L;
}
struct Scene : std::enable_shared_from_this<Scene> {
  void add() { Lights["spot"] = makeSpot(shared_from_this(), true); }
  std::map<std::string, std::shared_ptr<Light>> Lights;
};

// Twins.

struct Tree : std::enable_shared_from_this<Tree> {
  std::weak_ptr<Tree> Parent;
  std::vector<std::shared_ptr<Tree>> Children;
  static std::shared_ptr<Tree> create(std::shared_ptr<Tree> P) {
    auto N = std::make_shared<Tree>();
    N->Parent = P;
    return N;
  }
  void grow() { Children.push_back(create(shared_from_this())); }
};

struct Bus;
struct Stop {
  std::shared_ptr<Bus> Served;
};
std::shared_ptr<Stop> makeStop(std::shared_ptr<Bus> B) {
  auto S = std::make_shared<Stop>();
  S->Served = std::move(B);
  return S;
}
struct Route {
  std::vector<std::shared_ptr<Stop>> Stops;
};
struct Bus : std::enable_shared_from_this<Bus> {
  void serve(Route &R) { R.Stops.push_back(makeStop(shared_from_this())); }
};

struct Pool;
struct Conn {
  std::shared_ptr<Pool> From;
};
struct Pool : std::enable_shared_from_this<Pool> {
  std::shared_ptr<Conn> reuse() {
    auto C = Idle.back();
    C->From = nullptr;
    return C;
  }
  void take() { Busy.push_back(reuse()); }
  std::vector<std::shared_ptr<Conn>> Idle, Busy;
};

struct Deck;
struct Card {
  std::shared_ptr<Deck> In;
};
std::shared_ptr<Card> makeCard(std::shared_ptr<Deck> D, std::shared_ptr<Deck> Other) {
  auto C = std::make_shared<Card>();
  C->In = std::move(Other);
  return C;
}
struct Deck : std::enable_shared_from_this<Deck> {
  void deal(std::shared_ptr<Deck> Next) {
    Cards.push_back(makeCard(shared_from_this(), std::move(Next)));
  }
  std::vector<std::shared_ptr<Card>> Cards;
};
