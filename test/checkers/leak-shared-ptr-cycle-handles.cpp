// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// Handle classes: a class whose only state is one shared_ptr, copied by the
// implicit copy constructor, shares its content with every copy. A copy of
// the handle stored into its own content (directly, or in a field of a value
// kept there) is an ownership cycle with no shared_ptr field in sight.

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

// --- Positive: a handle copied into a value kept in its own content -------

class Step;

class Path {
public:
  explicit Path(int N);

private:
  struct Content;
  std::shared_ptr<Content> content;
};

class Step {
public:
  Step(const Path &P, int I) : path(P), index(I) {}
  int at() const { return index; }

private:
  Path path;
  int index;
};

struct Path::Content {
  std::vector<Step> steps;
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'Content::steps' makes a 'Content' own itself through a shared_ptr; it keeps itself alive and is never destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-7]]:8: note: 'Step::path' shares the 'Content' through 'Path', a handle whose copies share its 'content'{{$}}
  // CHECK-MESSAGES: :[[@LINE+6]]:30: note: 'steps' is set to 'Step(*this, I)' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:21: note: make it a std::weak_ptr (no automatic fix: it is a collection of owners; the edge to make weak is in its element type){{$}}
};

Path::Path(int N) : content(std::make_shared<Content>()) {
  for (int I = 0; I < N; ++I)
    content->steps.push_back(Step(*this, I));
}

// --- Positive: the handle itself kept in its content -----------------------

class Document {
public:
  Document();

private:
  struct Content;
  std::shared_ptr<Content> content;
};

struct Document::Content {
  std::string text;
  Document root;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Content::root' makes a 'Content' own itself through a shared_ptr; it keeps itself alive and is never destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+5]]:19: note: 'root' is set to '*this' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: make it a std::weak_ptr (no automatic fix: it holds a 'Document' handle; keep a std::weak_ptr to its 'content' instead){{$}}
};

Document::Document() : content(std::make_shared<Content>()) {
  content->root = *this;
}

// --- Negative: a tree of handles (children own, nothing points back) -------

class Node {
public:
  Node();
  void add(const Node &Child);

private:
  struct Content;
  std::shared_ptr<Content> content;
};

struct Node::Content {
  std::vector<Node> children;
};

Node::Node() : content(std::make_shared<Content>()) {}
void Node::add(const Node &Child) { content->children.push_back(Child); }

void buildTree() {
  Node Root;
  Node Leaf;
  Root.add(Leaf);
  Node Other;
  Other.add(Leaf); // a DAG: shared, still no cycle
}

// --- Negative: a persistent list (each cell owns the tail) -----------------

class List {
public:
  List() = default;
  List push(int Head) const;

private:
  struct Cell;
  std::shared_ptr<Cell> cell;
};

struct List::Cell {
  int head;
  List tail;
};

List List::push(int Head) const {
  List L;
  L.cell = std::make_shared<Cell>(Cell{Head, *this});
  return L;
}

// --- Negative: not a handle: its copy constructor copies the content ------

class Matrix {
public:
  Matrix();
  Matrix(const Matrix &O);
  Matrix &operator=(const Matrix &) = default;

private:
  struct Content;
  std::shared_ptr<Content> content;
};

struct Matrix::Content {
  std::vector<Matrix> transposeCache;
};

Matrix::Matrix() : content(std::make_shared<Content>()) {
  content->transposeCache.push_back(*this);
}
Matrix::Matrix(const Matrix &O)
    : content(std::make_shared<Content>(*O.content)) {}

// --- Negative: the fix -- steps made on demand, content has no back edge ---

class FixedPath {
public:
  explicit FixedPath(int N) : content(std::make_shared<Content>()) {
    content->size = N;
  }
  std::pair<FixedPath, int> step(int I) const { return {*this, I}; }

private:
  struct Content {
    int size = 0;
  };
  std::shared_ptr<Content> content;
};

// --- Positive: a new handle made around the child, kept by the parent -----

namespace made {
struct Node;
class Ref {
public:
  Ref() = default;
  explicit Ref(std::shared_ptr<Node> P) : p(std::move(P)) {}
  Node *operator->() const { return p.get(); }

private:
  std::shared_ptr<Node> p;
};
struct Node {
  std::shared_ptr<Node> parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Node::parent' completes a shared_ptr ownership cycle; the 'Node' it points to owns the 'Node' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  std::vector<Ref> kids;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: note: 'Node::kids' owns 'Node' objects through 'std::vector<Ref>'{{$}}
};
void adopt(const std::shared_ptr<Node> &P, const std::shared_ptr<Node> &C) {
  C->parent = P;
  P->kids.push_back(Ref(C));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: note: the 'Node' is stored in 'kids' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: 'parent' is set to 'P' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-10]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Node> parent;'{{$}}
}
} // namespace made

// --- Negative: the same tree with a raw parent pointer ---------------------

namespace made_raw {
struct Node;
class Ref {
public:
  Ref() = default;
  explicit Ref(std::shared_ptr<Node> P) : p(std::move(P)) {}

private:
  std::shared_ptr<Node> p;
};
struct Node {
  Node *parent = nullptr;
  std::vector<Ref> kids;
};
void adopt(const std::shared_ptr<Node> &P, const std::shared_ptr<Node> &C) {
  C->parent = P.get();
  P->kids.push_back(Ref(C));
}
} // namespace made_raw

// --- Positive: a local handle made around the child, kept by the parent ---

namespace local_handle {
struct DirImpl;
class Dir {
public:
  Dir() = default;
  explicit Dir(std::shared_ptr<DirImpl> I) : impl(std::move(I)) {}
  Dir mkdir();

private:
  std::shared_ptr<DirImpl> impl;
};
struct DirImpl {
  Dir parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'DirImpl::parent' completes a shared_ptr ownership cycle; the 'DirImpl' it points to owns the 'DirImpl' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  std::vector<Dir> subdirs;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: note: 'DirImpl::subdirs' owns 'DirImpl' objects through 'std::vector<Dir>'{{$}}
};
Dir Dir::mkdir() {
  auto I = std::make_shared<DirImpl>();
  I->parent = *this;
  Dir Child(I);
  impl->subdirs.push_back(Child);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: note: the 'DirImpl' is stored in 'subdirs' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-4]]:15: note: 'parent' is set to '*this' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-12]]:7: note: make it a std::weak_ptr (no automatic fix: it holds a 'Dir' handle; keep a std::weak_ptr to its 'impl' instead){{$}}
  return Child;
}
} // namespace local_handle

// --- Negative: the same with a raw parent pointer -------------------------

namespace local_handle_raw {
struct DirImpl;
class Dir {
public:
  Dir() = default;
  explicit Dir(std::shared_ptr<DirImpl> I) : impl(std::move(I)) {}
  Dir mkdir();

private:
  std::shared_ptr<DirImpl> impl;
};
struct DirImpl {
  DirImpl *parent = nullptr;
  std::vector<Dir> subdirs;
};
Dir Dir::mkdir() {
  auto I = std::make_shared<DirImpl>();
  I->parent = impl.get();
  Dir Child(I);
  impl->subdirs.push_back(Child);
  return Child;
}
} // namespace local_handle_raw

// --- Positive: a parent handle against a collection of child handles -------
// Both stores link two parameters; the handle held alone is the back edge,
// as a parent pointer is, not the collection of children.
namespace parent_handle {
class Node;
struct Ref {
  std::shared_ptr<Node> Target;
};
struct Stats {
  double Rows = 0;
  Ref Consumer;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Stats::Consumer' completes a shared_ptr ownership cycle; the 'Node' it points to owns the 'Stats' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+13]]:20: note: 'Node::Inputs' owns 'Node' objects through 'std::vector<Ref>'
  // CHECK-MESSAGES: :[[@LINE+11]]:26: note: 'Node::Info' owns 'Stats' objects through 'std::unique_ptr<Stats>'
  // CHECK-MESSAGES: :[[@LINE+15]]:30: note: the 'Node' is stored in 'Inputs' here
  // CHECK-MESSAGES: :[[@LINE+15]]:29: note: 'Consumer' is set to 'Ref{Parent}' here
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: make it a std::weak_ptr (no automatic fix: it holds a 'Ref' handle; keep a std::weak_ptr to its 'Target' instead)
};
class Node {
public:
  Stats &stats() { return *Info; }
  std::vector<Ref> &inputs() { return Inputs; }

private:
  std::unique_ptr<Stats> Info = std::make_unique<Stats>();
  std::vector<Ref> Inputs;
};
void link(const std::shared_ptr<Node> &Parent,
          const std::shared_ptr<Node> &Child) {
  Parent->inputs().push_back(Ref{Child});
  Child->stats().Consumer = Ref{Parent};
}
} // namespace parent_handle
