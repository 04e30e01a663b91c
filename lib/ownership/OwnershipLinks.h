//===--- OwnershipLinks.h - Where code makes one object own another -*- C++
//-*-===//
//
// The evidence behind leak-shared-ptr-cycle. A cyclic type graph alone proves
// nothing (trees, lists and DAGs have one); what leaks is code that links two
// objects both ways. Within one function body this finds every store of a
// shared owner into a strong field -- `h->f = v`, `h->f.push_back(v)`,
// `f(v)` in a constructor, and constructors or setters that store a
// parameter into a field -- naming holder and target symbolically (`this`,
// a variable, a freshly made object, and field paths from those).
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_OWNERSHIPLINKS_H
#define LEAKLINT_LIB_OWNERSHIPLINKS_H

#include "ContainerTypes.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

namespace leaklint {

/// One step from an object to one it owns: a field, or one element of a
/// container field (each element access is its own step: `v[i]` and
/// `v[i - 1]` are different objects).
struct PathStep {
  const clang::FieldDecl *Field = nullptr;
  const clang::Expr *Element = nullptr;
  bool operator==(const PathStep &O) const {
    return Field == O.Field && Element == O.Element;
  }
};

/// True when \p Step leads to an object its holder owns: an element, or a
/// field that owns what it points to (shared_ptr, unique_ptr, by value). A
/// raw pointer or a reference leads to an object that lives on its own.
bool isOwningStep(const PathStep &Step, const ContainerTypes &Containers);

/// An object named by the code of one function.
struct ObjectName {
  enum KindType { Unknown, This, Variable, Fresh } Kind = Unknown;
  /// The variable (Variable) or the expression that made it (Fresh).
  const void *Root = nullptr;
  /// Fields followed from the root: `this->renderer_->device`.
  llvm::SmallVector<PathStep, 2> Path;

  bool known() const { return Kind != Unknown; }
  bool operator==(const ObjectName &O) const {
    return Kind == O.Kind && Root == O.Root && Path == O.Path;
  }
  /// How long the object has existed when the function runs: made here,
  /// a local, a parameter, the object itself or something it owns.
  unsigned age() const;
  /// True when this object is \p Inner or owns it through fields.
  bool ownsOrIs(const ObjectName &Inner) const;
};

/// One store of a shared owner of Target into Holder's field.
struct OwnershipLink {
  ObjectName Holder;
  const clang::FieldDecl *Field = nullptr;
  ObjectName Target;
  /// The stored value, for notes.
  const clang::Expr *Value = nullptr;
  /// The store is `shared_from_this()`.
  bool FromSharedFromThis = false;
  /// The store happens in a constructor or setter called here.
  const clang::FunctionDecl *Through = nullptr;
  /// The class of `this` where the store is made.
  const clang::CXXRecordDecl *ThisClass = nullptr;
  /// Not a store but its undoing: `h->f.reset()`, `h->f = nullptr`.
  bool Breaks = false;
};

/// Finds the links of function bodies; remembers which parameters each
/// constructor or setter stores into which fields (one level deep).
class OwnershipLinks {
public:
  explicit OwnershipLinks(const ContainerTypes &Containers)
      : Containers(Containers) {}

  llvm::SmallVector<OwnershipLink, 4> collect(const clang::FunctionDecl *F);

  /// True when \p Field holds std::shared_ptr owners (alone or in a
  /// container).
  bool isSharedOwnerField(const clang::FieldDecl *Field) const;

  struct ParamStore {
    unsigned Param;
    const clang::FieldDecl *Field;
    /// The stored expression in the callee's body, for notes.
    const clang::Expr *Value;
  };
  llvm::ArrayRef<ParamStore> storedParams(const clang::FunctionDecl *F);

  /// Fields some code removes elements from (`queue.pop_front()`): a
  /// collection that is drained holds its elements only for a while.
  bool isDrained(const clang::FieldDecl *F) const {
    return Drained.count(F->getCanonicalDecl());
  }
  void markDrained(const clang::FieldDecl *F) {
    Drained.insert(F->getCanonicalDecl());
  }

  void clear() {
    Summaries.clear();
    Drained.clear();
  }

private:
  const ContainerTypes &Containers;
  llvm::DenseSet<const clang::FieldDecl *> Drained;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<ParamStore, 2>>
      Summaries;
};

/// The object \p E refers to (through copies, moves, `*`, `->`, `get()`,
/// `shared_from_this()` and locals initialised from such expressions).
/// Locals in \p Reassigned are assigned, swapped or moved into after their
/// declaration: they may name several objects, so they name none.
ObjectName
nameObject(const clang::Expr *E,
           const llvm::DenseSet<const clang::VarDecl *> *Reassigned = nullptr);

/// The object the variable \p VD stands for, as nameObject() names a
/// reference to it.
ObjectName nameVariable(
    const clang::VarDecl *VD,
    const llvm::DenseSet<const clang::VarDecl *> *Reassigned = nullptr);

/// The locals \p Body assigns, resets, swaps, writes through a non-const
/// reference or takes the address of after declaring them.
llvm::DenseSet<const clang::VarDecl *>
reassignedLocals(const clang::Stmt *Body);

/// The field \p E writes, with the expression of its holder: `h->f`, `h.f`,
/// `f` (implicitly this->f), `h->f[k]`. Null when \p E is no field.
const clang::MemberExpr *writtenField(const clang::Expr *E);

/// True for the names of the container methods that add elements.
bool isGrowthMethod(llvm::StringRef Name);

} // namespace leaklint

#endif // LEAKLINT_LIB_OWNERSHIPLINKS_H
