// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17
//
// Intrusive reference-counting pointers own like std::shared_ptr. They are
// recognised by shape, not by name: one `T *`, a copy constructor that
// copies the other's pointer, a destructor that calls something on it.

#include <boost/intrusive_ptr.hpp>
#include <vector>

namespace util {
template <class T> void acquire(T *P) { ++P->Refs; }
template <class T> void release(T *P) {
  if (--P->Refs == 0)
    delete P;
}

// A project's own, releasing through free functions.
template <class T> class IntrusivePtr {
public:
  IntrusivePtr() = default;
  IntrusivePtr(T *P) : Ptr(P) { if (Ptr) acquire(Ptr); }
  IntrusivePtr(const IntrusivePtr &O) : Ptr(O.Ptr) { if (Ptr) acquire(Ptr); }
  IntrusivePtr &operator=(const IntrusivePtr &O) {
    if (O.Ptr)
      acquire(O.Ptr);
    if (Ptr)
      release(Ptr);
    Ptr = O.Ptr;
    return *this;
  }
  ~IntrusivePtr() { if (Ptr) release(Ptr); }
  T *operator->() const { return Ptr; }

private:
  T *Ptr = nullptr;
};

// LLVM's style: the release is a member function of the pointer.
template <class T> class RefCntPtr {
public:
  RefCntPtr(T *P) : Obj(P) { retain(); }
  RefCntPtr(const RefCntPtr &O) : Obj(O.Obj) { retain(); }
  RefCntPtr &operator=(RefCntPtr O) {
    std::swap(Obj, O.Obj);
    return *this;
  }
  ~RefCntPtr() { release(); }
  T *operator->() const { return Obj; }

private:
  void retain() { if (Obj) Obj->Retain(); }
  void release() { if (Obj) Obj->Release(); }
  T *Obj = nullptr;
};

// Not shared owners: a deep copy, and a non-owning wrapper.
template <class T> class ValuePtr {
public:
  ValuePtr(T *P) : Ptr(P) {}
  ValuePtr(const ValuePtr &O) : Ptr(O.Ptr ? new T(*O.Ptr) : nullptr) {}
  ~ValuePtr() { delete Ptr; }
  T *operator->() const { return Ptr; }

private:
  T *Ptr;
};
template <class T> class Observer {
public:
  Observer(T *P) : Ptr(P) {}
  Observer(const Observer &O) : Ptr(O.Ptr) {}
  ~Observer() {}
  T *operator->() const { return Ptr; }

private:
  T *Ptr;
};
} // namespace util

// --- Positive: parent and children through the project's pointer ----------

struct Node {
  int Refs = 0;
  util::IntrusivePtr<Node> Parent;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Node::Parent' completes a shared_ptr ownership cycle; the 'Node' it points to owns the 'Node' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+4]]:41: note: 'Node::Children' owns 'Node' objects through 'std::vector<util::IntrusivePtr<Node>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+7]]:24: note: the 'Node' is stored in 'Children' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+7]]:21: note: 'Parent' is set to the object itself here{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:28: note: make it non-owning: 'IntrusivePtr' has no std::weak_ptr; hold a raw pointer or the library's weak reference (no automatic fix){{$}}
  std::vector<util::IntrusivePtr<Node>> Children;

  void add(Node *C) {
    util::IntrusivePtr<Node> Child(C);
    Children.push_back(Child);
    Child->Parent = this;
  }
};

// --- Positive: a self-reference through an LLVM-style pointer ---------------

struct Module {
  void Retain() { ++Refs; }
  void Release() {
    if (--Refs == 0)
      delete this;
  }
  void pin() { Self = this; }
  int Refs = 0;
  util::RefCntPtr<Module> Self{nullptr};
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Module::Self' makes a 'Module' own itself through a shared_ptr; it keeps itself alive and is never destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE-4]]:23: note: 'Self' is set to the object itself here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:27: note: make it non-owning: 'RefCntPtr' has no std::weak_ptr; hold a raw pointer or the library's weak reference (no automatic fix){{$}}
};

// --- Positive: boost::intrusive_ptr -----------------------------------------

struct Job;
void intrusive_ptr_add_ref(Job *);
void intrusive_ptr_release(Job *);
struct Job {
  int Refs = 0;
  boost::intrusive_ptr<Job> Next;
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'Job::Next' makes a 'Job' own itself through a shared_ptr; it keeps itself alive and is never destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+2]]:24: note: 'Next' is set to the object itself here{{$}}
  // CHECK-MESSAGES: :[[@LINE-3]]:29: note: make it non-owning: 'intrusive_ptr' has no std::weak_ptr; hold a raw pointer or the library's weak reference (no automatic fix){{$}}
  void loop() { Next = this; }
};
void intrusive_ptr_add_ref(Job *J) { ++J->Refs; }
void intrusive_ptr_release(Job *J) {
  if (--J->Refs == 0)
    delete J;
}

// --- Negative: deep-copying and non-owning pointers own nothing shared -----

struct Tree {
  util::ValuePtr<Tree> Up{nullptr};
  util::Observer<Tree> Back{nullptr};
  std::vector<util::ValuePtr<Tree>> Kids;
  void link(Tree *T) {
    util::ValuePtr<Tree> K(T);
    Kids.push_back(K);
    K->Back = this;
  }
};
