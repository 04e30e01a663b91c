// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// The back edge becomes a std::weak_ptr and every use of it is rewritten so
// the fixed file compiles and behaves the same while the parent is alive.

#include <memory>
#include <string>
#include <vector>

class Node;
void visit(std::shared_ptr<Node> N);
void inspect(const std::shared_ptr<Node> &N);

class Node : public std::enable_shared_from_this<Node> {
public:
  explicit Node(std::string Name) : Name(std::move(Name)) {}

  void adopt(const std::shared_ptr<Node> &Child) {
    Child->Parent = shared_from_this();
    Children.push_back(Child);
  }

  std::string path() const {
    if (!Parent)
      return Name;
    return Parent->path() + "/" + Name;
  }
  bool isRoot() const { return Parent == nullptr; }
  bool hasParent() const { return Parent != nullptr; }
  const Node *parentPointer() const { return Parent.get(); }
  std::shared_ptr<Node> parent() const { return Parent; }
  std::string parentName() const {
    if (Parent)
      return (*Parent).Name;
    return "";
  }
  void detach() { Parent = nullptr; }
  void forget() { Parent.reset(); }
  void walkUp() const {
    visit(Parent);
    inspect(Parent);
  }

private:
  std::string Name;
  std::shared_ptr<Node> Parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Node::Parent' completes a shared_ptr ownership cycle; the 'Node' it points to owns the 'Node' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+4]]:38: note: 'Node::Children' owns 'Node' objects through 'std::vector<std::shared_ptr<Node>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE-29]]:24: note: the 'Node' is stored in 'Children' here{{$}}
  // CHECK-MESSAGES: :[[@LINE-31]]:21: note: 'Parent' is set to shared_from_this() here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: make it a std::weak_ptr: 'std::weak_ptr<Node> Parent;'{{$}}
  std::vector<std::shared_ptr<Node>> Children;
};

//      CHECK-FIXES:     if (Parent.expired())
//      CHECK-FIXES:     return Parent.lock()->path() + "/" + Name;
//      CHECK-FIXES:   bool isRoot() const { return Parent.expired(); }
// CHECK-FIXES-NEXT:   bool hasParent() const { return !Parent.expired(); }
// CHECK-FIXES-NEXT:   const Node *parentPointer() const { return Parent.lock().get(); }
// CHECK-FIXES-NEXT:   std::shared_ptr<Node> parent() const { return Parent.lock(); }
//      CHECK-FIXES:     if (!Parent.expired())
// CHECK-FIXES-NEXT:       return (*Parent.lock()).Name;
//      CHECK-FIXES:   void detach() { Parent.reset(); }
// CHECK-FIXES-NEXT:   void forget() { Parent.reset(); }
//      CHECK-FIXES:     visit(Parent.lock());
// CHECK-FIXES-NEXT:     inspect(Parent.lock());
//      CHECK-FIXES:   std::weak_ptr<Node> Parent;

void visit(std::shared_ptr<Node>) {}
void inspect(const std::shared_ptr<Node> &) {}

// A use that std::weak_ptr cannot take: no fix, a note says why.
class Owner;
class Part {
public:
  explicit Part(std::shared_ptr<Owner> O) : Whole(std::move(O)) {}
  void swapWith(std::shared_ptr<Owner> &Other) { Whole.swap(Other); }

private:
  std::shared_ptr<Owner> Whole;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Part::Whole' completes a shared_ptr ownership cycle; the 'Owner' it points to owns the 'Part' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+10]]:38: note: 'Owner::Parts' owns 'Part' objects through 'std::vector<std::shared_ptr<Part>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+6]]:34: note: the 'Part' is stored in 'Parts' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+5]]:57: note: 'Whole' is set to shared_from_this() here, through 'Part::Part'{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:26: note: make it a std::weak_ptr: 'std::weak_ptr<Owner> Whole;' (no automatic fix: it is used through 'swap()', which std::weak_ptr does not have){{$}}
};
class Owner : public std::enable_shared_from_this<Owner> {
public:
  void build() { Parts.push_back(std::make_shared<Part>(shared_from_this())); }

private:
  std::vector<std::shared_ptr<Part>> Parts;
};
// CHECK-FIXES: std::shared_ptr<Owner> Whole;
