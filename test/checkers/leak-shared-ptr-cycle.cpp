// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

// --- Positive: parent and child --------------------------------------------
class SceneNode : public std::enable_shared_from_this<SceneNode> {
public:
  void add(const std::shared_ptr<SceneNode> &Child) {
    Child->Parent = shared_from_this();
    Children.push_back(Child);
  }

private:
  std::shared_ptr<SceneNode> Parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'SceneNode::Parent' completes a shared_ptr ownership cycle; the 'SceneNode' it points to owns the 'SceneNode' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+5]]:43: note: 'SceneNode::Children' owns 'SceneNode' objects through 'std::vector<std::shared_ptr<SceneNode>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE-7]]:24: note: the 'SceneNode' is stored in 'Children' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-9]]:21: note: 'Parent' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:30: note: make it a std::weak_ptr: 'std::weak_ptr<SceneNode> Parent;'{{$}}
  // CHECK-FIXES: std::weak_ptr<SceneNode> Parent;
  std::vector<std::shared_ptr<SceneNode>> Children;
};

// --- Positive: controller and view, through the view's constructor ---------
class Controller;
class View {
public:
  explicit View(std::shared_ptr<Controller> C) : Owner(std::move(C)) {}

private:
  std::shared_ptr<Controller> Owner;
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'View::Owner' completes a shared_ptr ownership cycle; the 'Controller' it points to owns the 'View' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+11]]:25: note: 'Controller::Main' owns 'View' objects through 'std::shared_ptr<View>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+7]]:25: note: the 'View' is stored in 'Main' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+6]]:48: note: 'Owner' is set to shared_from_this() here, through 'View::View'{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:31: note: make it a std::weak_ptr: 'std::weak_ptr<Controller> Owner;'{{$}}
  // CHECK-FIXES: std::weak_ptr<Controller> Owner;
};
class Controller : public std::enable_shared_from_this<Controller> {
public:
  void start() { Main = std::make_shared<View>(shared_from_this()); }

private:
  std::shared_ptr<View> Main;
};

// --- Positive: a doubly linked list in a class template ---------------------
template <typename T> class List {
  struct Node {
    T Value;
    std::shared_ptr<Node> Next;
    std::shared_ptr<Node> Prev;
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Node::Prev' completes a shared_ptr ownership cycle; the 'Node' it points to owns the 'Node' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
    // CHECK-MESSAGES: :[[@LINE-3]]:27: note: 'Node::Next' owns 'Node' objects through 'std::shared_ptr<Node>'{{$}}
    // CHECK-MESSAGES: :[[@LINE+12]]:20: note: the 'Node' is stored in 'Next' here{{$}}
    // CHECK-MESSAGES: :[[@LINE+10]]:17: note: 'Prev' is set to 'Tail' here{{$}}
    // CHECK-MESSAGES: :[[@LINE-5]]:27: note: make it a std::weak_ptr: 'std::weak_ptr<Node> Prev;' (no automatic fix: the class is a template, whose uses of the field are not all known){{$}}
    // CHECK-FIXES: std::shared_ptr<Node> Prev;
  };

public:
  void push(T V) {
    auto N = std::make_shared<Node>();
    N->Value = V;
    if (Tail) {
      N->Prev = Tail;
      Tail->Next = N;
    } else {
      Head = N;
    }
    Tail = N;
  }

private:
  std::shared_ptr<Node> Head, Tail;
};
void useList() { List<int>().push(1); }

// --- Positive: observer and subject through a base-class pointer -----------
class Observer {
public:
  virtual ~Observer() = default;
  virtual void notify() = 0;
};
class Subject {
public:
  void attach(std::shared_ptr<Observer> O) { Observers.push_back(std::move(O)); }
  std::vector<std::shared_ptr<Observer>> Observers;
};
class Display : public Observer, public std::enable_shared_from_this<Display> {
public:
  void watch(const std::shared_ptr<Subject> &S) {
    Watched = S;
    S->attach(shared_from_this());
  }
  void notify() override {}

private:
  std::shared_ptr<Subject> Watched;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Display::Watched' completes a shared_ptr ownership cycle; the 'Subject' it points to owns the 'Display' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-13]]:42: note: 'Subject::Observers' owns 'Observer' objects through 'std::vector<std::shared_ptr<Observer>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE-8]]:15: note: the 'Display' is stored in 'Observers' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-10]]:15: note: 'Watched' is set to 'S' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Subject> Watched;'{{$}}
  // CHECK-FIXES: std::weak_ptr<Subject> Watched;
};

// --- Positive: three classes, A -> B -> C -> A -----------------------------
struct A3;
struct C3 {
  std::shared_ptr<A3> Back;
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'C3::Back' completes a shared_ptr ownership cycle; the 'A3' it points to owns the 'C3' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+10]]:23: note: 'A3::B' owns 'B3' objects through 'std::shared_ptr<B3>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+6]]:23: note: 'B3::C' owns 'C3' objects through 'std::shared_ptr<C3>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+13]]:19: note: 'Back' is set to 'A' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:23: note: make it a std::weak_ptr: 'std::weak_ptr<A3> Back;'{{$}}
  // CHECK-FIXES: std::weak_ptr<A3> Back;
};
struct B3 {
  std::shared_ptr<C3> C;
};
struct A3 {
  std::shared_ptr<B3> B;
};
void linkThree(const std::shared_ptr<A3> &A) {
  A->B = std::make_shared<B3>();
  A->B->C = std::make_shared<C3>();
  A->B->C->Back = A;
}

// --- Positive: an object that owns itself ----------------------------------
class Session : public std::enable_shared_from_this<Session> {
public:
  void keepAlive() { Self = shared_from_this(); }

private:
  std::shared_ptr<Session> Self;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Session::Self' makes a 'Session' own itself through a shared_ptr; it keeps itself alive and is never destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-5]]:29: note: 'Self' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:28: note: make it a std::weak_ptr: 'std::weak_ptr<Session> Self;'{{$}}
  // CHECK-FIXES: std::weak_ptr<Session> Self;
};

// --- Positive: a node made with its parent, then pushed into the parent ----
struct TreeNode {
  TreeNode(int Item, std::shared_ptr<TreeNode> Up)
      : Item(Item), Up(std::move(Up)) {}
  int Item;
  std::shared_ptr<TreeNode> Up;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'TreeNode::Up' completes a shared_ptr ownership cycle; the 'TreeNode' it points to owns the 'TreeNode' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+5]]:42: note: 'TreeNode::Kids' owns 'TreeNode' objects through 'std::vector<std::shared_ptr<TreeNode>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+9]]:26: note: the 'TreeNode' is stored in 'Kids' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+7]]:45: note: 'Up' is set to 'Parent' here, through 'TreeNode::TreeNode'{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:29: note: make it a std::weak_ptr: 'std::weak_ptr<TreeNode> Up;'{{$}}
  // CHECK-FIXES: std::weak_ptr<TreeNode> Up;
  std::vector<std::shared_ptr<TreeNode>> Kids;
};
std::shared_ptr<TreeNode> addChild(const std::shared_ptr<TreeNode> &Parent,
                                   int Item) {
  auto N = std::make_shared<TreeNode>(Item, Parent);
  Parent->Kids.push_back(N);
  return N;
}

// --- Negative: weak back edge ----------------------------------------------
class Folder : public std::enable_shared_from_this<Folder> {
public:
  void add(const std::shared_ptr<Folder> &Sub) {
    Sub->Parent = shared_from_this();
    Subs.push_back(Sub);
  }

private:
  std::weak_ptr<Folder> Parent;
  std::vector<std::shared_ptr<Folder>> Subs;
};

// --- Negative: raw back pointer with unique_ptr children -------------------
class Widget {
public:
  void add(std::unique_ptr<Widget> W) {
    W->Parent = this;
    Kids.push_back(std::move(W));
  }

private:
  Widget *Parent = nullptr;
  std::vector<std::unique_ptr<Widget>> Kids;
};

// --- Negative: singly linked list, persistent list with shared tails -------
struct Cons {
  Cons(int Head, std::shared_ptr<const Cons> Tail)
      : Head(Head), Tail(std::move(Tail)) {}
  int Head;
  std::shared_ptr<const Cons> Tail;
};
std::shared_ptr<const Cons> prepend(int V, std::shared_ptr<const Cons> L) {
  return std::make_shared<const Cons>(V, std::move(L));
}
void shareTails() {
  auto Shared = prepend(1, nullptr);
  auto One = prepend(2, Shared);
  auto Two = prepend(3, Shared);
}
struct Link {
  int V = 0;
  std::shared_ptr<Link> Next;
};
void append(const std::shared_ptr<Link> &Last, int V) {
  Last->Next = std::make_shared<Link>();
  Last->Next->V = V;
}

// --- Negative: an expression DAG sharing operands ---------------------------
struct Expr {
  virtual ~Expr() = default;
};
struct Add : Expr {
  Add(std::shared_ptr<Expr> L, std::shared_ptr<Expr> R)
      : L(std::move(L)), R(std::move(R)) {}
  std::shared_ptr<Expr> L, R;
};
std::shared_ptr<Expr> twice(const std::shared_ptr<Expr> &E) {
  return std::make_shared<Add>(E, E);
}

// --- Negative: a tree of shared_ptr children with no back link -------------
struct Menu {
  std::string Title;
  std::vector<std::shared_ptr<Menu>> Items;
  void add(std::shared_ptr<Menu> M) { Items.push_back(std::move(M)); }
};

// --- Negative: unrelated shared_ptr fields ----------------------------------
struct Config {};
struct Logger {};
struct Service {
  std::shared_ptr<Config> Cfg;
  std::shared_ptr<Logger> Log;
  void init() {
    Cfg = std::make_shared<Config>();
    Log = std::make_shared<Logger>();
  }
};

// --- Negative: the asio keep-alive idiom: a handler holding the object is
// --- handed to something the object does not own ---------------------------
struct Loop {
  std::vector<std::function<void()>> Queue;
  void post(std::function<void()> F) { Queue.push_back(std::move(F)); }
};
class Connection : public std::enable_shared_from_this<Connection> {
public:
  void read(Loop &L) {
    auto Self = shared_from_this();
    L.post([Self] { Self->onRead(); });
  }
  void onRead() {}
};
