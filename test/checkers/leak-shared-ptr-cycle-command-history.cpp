// An editor's document owns its undo history; each command in it keeps a
// reference to the document it edits. The links spread over the shapes real
// command patterns use:
//   - the command's constructor hands the document on to its base class's
//     constructor (`Insert(Ref d) : Edit(std::move(d))`), which keeps it;
//   - the command is made at the call and handed to a method that moves it
//     into a collection of unique_ptrs (`doc->execute(make_unique<...>)`,
//     two calls down);
//   - undo moves a command from one stack to the other
//     (`redo_.push_back(std::move(done_.back())); done_.pop_back();`): it
//     changes hands inside the document, it is not let go of;
//   - the document is reached through a handle class wrapping its
//     shared_ptr (`doc->execute(...)` on a `DocRef`).
// Clean twins: the command keeps a weak_ptr; a work queue whose commands
// are popped and run (let go of) before the next is taken.
//
// RUN: %check_leaklint %s leak-shared-ptr-cycle %t -- -- -std=c++17

#include <deque>
#include <memory>
#include <utility>
#include <vector>

namespace base_init {
struct Doc;
struct Command {
  virtual ~Command() = default;
};
struct Edit : Command {
  explicit Edit(std::shared_ptr<Doc> D) : Target(std::move(D)) {}
  std::shared_ptr<Doc> Target;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Edit::Target' completes a shared_ptr ownership cycle; the 'Doc' it points to owns the 'Edit' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+10]]:41: note: 'Doc::Done' owns 'Command' objects through 'std::vector<std::unique_ptr<Command>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+12]]:21: note: the 'Command' is moved into 'Done' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+11]]:46: note: 'Target' is set to 'D' here, through 'base_init::Insert::Insert'{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:24: note: make it a std::weak_ptr: 'std::weak_ptr<Doc> Target;'{{$}}
};
struct Insert : Edit {
  Insert(std::shared_ptr<Doc> D, int V) : Edit(std::move(D)), Value(V) {}
  int Value;
};
struct Doc {
  std::vector<std::unique_ptr<Command>> Done;
};
void insert(const std::shared_ptr<Doc> &D, int V) {
  D->Done.push_back(std::make_unique<Insert>(D, V));
}
} // namespace base_init

namespace handed_down {
struct Doc;
struct Command {
  virtual ~Command() = default;
};
struct Insert : Command {
  Insert(std::shared_ptr<Doc> D, int V) : Target(std::move(D)), Value(V) {}
  std::shared_ptr<Doc> Target;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Insert::Target' completes a shared_ptr ownership cycle; the 'Doc' it points to owns the 'Insert' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+16]]:11: note: 'Doc::Log' holds a 'History' by value{{$}}
  // CHECK-MESSAGES: :[[@LINE+11]]:41: note: 'History::Done' owns 'Command' objects through 'std::vector<std::unique_ptr<Command>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+17]]:14: note: the 'Command' is moved into 'Done' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+16]]:39: note: 'Target' is set to 'D' here, through 'handed_down::Insert::Insert'{{$}}
  // CHECK-MESSAGES: :[[@LINE-6]]:24: note: make it a std::weak_ptr: 'std::weak_ptr<Doc> Target;'{{$}}
  int Value;
};
class History {
public:
  void record(std::unique_ptr<Command> C) { Done.push_back(std::move(C)); }

private:
  std::vector<std::unique_ptr<Command>> Done;
};
struct Doc {
  void execute(std::unique_ptr<Command> C) { Log.record(std::move(C)); }
  History Log;
};
void insert(const std::shared_ptr<Doc> &D, int V) {
  D->execute(std::make_unique<Insert>(D, V));
}
} // namespace handed_down

namespace undo_stacks {
struct Doc;
struct Command {
  virtual ~Command() = default;
};
struct Insert : Command {
  explicit Insert(std::shared_ptr<Doc> D) : Target(std::move(D)) {}
  std::shared_ptr<Doc> Target;
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Insert::Target' completes a shared_ptr ownership cycle; the 'Doc' it points to owns the 'Insert' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+18]]:41: note: 'Doc::Done' owns 'Command' objects through 'std::vector<std::unique_ptr<Command>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+21]]:21: note: the 'Command' is moved into 'Done' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+20]]:46: note: 'Target' is set to 'D' here, through 'undo_stacks::Insert::Insert'{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:24: note: make it a std::weak_ptr: 'std::weak_ptr<Doc> Target;'{{$}}
};
struct Doc {
  void undo() {
    if (Done.empty())
      return;
    Redo.push_back(std::move(Done.back()));
    Done.pop_back();
  }
  void redo() {
    if (Redo.empty())
      return;
    Done.push_back(std::move(Redo.back()));
    Redo.pop_back();
  }
  std::vector<std::unique_ptr<Command>> Done;
  std::vector<std::unique_ptr<Command>> Redo;
};
void insert(const std::shared_ptr<Doc> &D) {
  D->Done.push_back(std::make_unique<Insert>(D));
}
} // namespace undo_stacks

namespace handle_arrow {
struct Doc;
class DocRef {
public:
  DocRef() = default;
  explicit DocRef(std::shared_ptr<Doc> D) : Ptr(std::move(D)) {}
  Doc *operator->() const { return Ptr.get(); }
  Doc &operator*() const { return *Ptr; }

private:
  std::shared_ptr<Doc> Ptr;
};
struct Command {
  virtual ~Command() = default;
};
struct Insert : Command {
  explicit Insert(DocRef D) : Target(std::move(D)) {}
  DocRef Target;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Insert::Target' completes a shared_ptr ownership cycle; the 'Doc' it points to owns the 'Insert' in turn, so neither is ever destroyed [leak-shared-ptr-cycle]
  // CHECK-MESSAGES: :[[@LINE+7]]:41: note: 'Doc::Done' owns 'Command' objects through 'std::vector<std::unique_ptr<Command>>'{{$}}
  // CHECK-MESSAGES: :[[@LINE+8]]:43: note: the 'Command' is moved into 'Done' here{{$}}
  // CHECK-MESSAGES: :[[@LINE+7]]:68: note: 'Target' is set to 'D' here, through 'handle_arrow::Insert::Insert'{{$}}
  // CHECK-MESSAGES: :[[@LINE-5]]:10: note: make it a std::weak_ptr (no automatic fix: it holds a 'DocRef' handle; keep a std::weak_ptr to its 'Ptr' instead){{$}}
};
struct Doc {
  void execute(std::unique_ptr<Command> C) { Done.push_back(std::move(C)); }
  std::vector<std::unique_ptr<Command>> Done;
};
void insert(const DocRef &D) { D->execute(std::make_unique<Insert>(D)); }
} // namespace handle_arrow

// --- Clean: the command keeps a weak reference -----------------------------
namespace weak_target {
struct Doc;
struct Command {
  virtual ~Command() = default;
};
struct Edit : Command {
  explicit Edit(std::weak_ptr<Doc> D) : Target(std::move(D)) {}
  std::weak_ptr<Doc> Target;
};
struct Insert : Edit {
  explicit Insert(const std::shared_ptr<Doc> &D) : Edit(D) {}
};
struct Doc {
  void execute(std::unique_ptr<Command> C) { Done.push_back(std::move(C)); }
  void undo() {
    Redo.push_back(std::move(Done.back()));
    Done.pop_back();
  }
  std::vector<std::unique_ptr<Command>> Done;
  std::vector<std::unique_ptr<Command>> Redo;
};
void insert(const std::shared_ptr<Doc> &D) {
  D->execute(std::make_unique<Insert>(D));
}
} // namespace weak_target

// --- Clean: a work queue whose commands are run and let go of ---------------
namespace work_queue {
struct Worker;
struct Job {
  explicit Job(std::shared_ptr<Worker> W) : Owner(std::move(W)) {}
  std::shared_ptr<Worker> Owner;
  void run() {}
};
struct Worker {
  void post(std::unique_ptr<Job> J) { Pending.push_back(std::move(J)); }
  void drain() {
    while (!Pending.empty()) {
      std::unique_ptr<Job> J = std::move(Pending.front());
      Pending.pop_front();
      J->run();
    }
  }
  std::deque<std::unique_ptr<Job>> Pending;
};
void submit(const std::shared_ptr<Worker> &W) {
  W->post(std::make_unique<Job>(W));
}
} // namespace work_queue

// The weak_ptr rewrites of the three fields above, in order:
// CHECK-FIXES: {{^}}  std::weak_ptr<Doc> Target;{{$}}
// CHECK-FIXES: {{^}}  std::weak_ptr<Doc> Target;{{$}}
// CHECK-FIXES: {{^}}  std::weak_ptr<Doc> Target;{{$}}
