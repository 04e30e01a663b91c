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
