//===--- ObjectNames.h - Which object an expression denotes -----*- C++ -*-===//
//
// The evidence of every ownership check names objects symbolically, within
// one function body: `this`, a variable, a freshly made object, and field
// paths from those (`this->renderer_->device`). Two expressions that name the
// same object get equal names.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_OWNERSHIP_OBJECTNAMES_H
#define LEAKLINT_LIB_OWNERSHIP_OBJECTNAMES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "ownership/LocalValues.h"
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

/// An object named by the code of one function.
struct ObjectName {
  enum KindType { Unknown, This, Variable, Fresh } Kind = Unknown;
  /// The variable (Variable) or the expression that made it (Fresh).
  const void *Root = nullptr;
  /// Fields followed from the root: `this->renderer_->device`.
  llvm::SmallVector<PathStep, 2> Path;
  /// For a local that is written after its declaration: which write it
  /// reads (see ReassignedSet::versionAt()).
  const void *Version = nullptr;

  bool known() const { return Kind != Unknown; }
  bool operator==(const ObjectName &O) const {
    return Kind == O.Kind && Root == O.Root && Version == O.Version &&
           Path == O.Path;
  }
  /// How long the object has existed when the function runs: made here,
  /// a local, a parameter, the object itself or something it owns.
  unsigned age() const;
  /// True when this object is \p Inner or owns it through fields.
  bool ownsOrIs(const ObjectName &Inner) const;
};

/// The object \p E refers to (through copies, moves, `*`, `->`, `get()`,
/// `shared_from_this()` and locals initialised from such expressions).
/// Locals in \p Reassigned are assigned, swapped or moved into after their
/// declaration: they may name several objects, so a use of one names the
/// value it reads (its version) when the CFG tells, and nothing otherwise.
ObjectName nameObject(const clang::Expr *E,
                      const ReassignedSet *Reassigned = nullptr);

/// The object the variable \p VD stands for, as nameObject() names a
/// reference to it.
ObjectName nameVariable(const clang::VarDecl *VD,
                        const ReassignedSet *Reassigned = nullptr);

/// The field \p E writes, with the expression of its holder: `h->f`, `h.f`,
/// `f` (implicitly this->f), `h->f[k]`, `h->f.at(k)`, and a local reference
/// bound to one of those (`auto &slot = f[k]; slot = v;`). Null when \p E is
/// no field.
/// \p Alias, when given, receives the use of the reference written
/// through, where a diagnostic about the write should point.
const clang::MemberExpr *
writtenField(const clang::Expr *E,
             const clang::DeclRefExpr **Alias = nullptr);

/// Looks through what passes an owner along unchanged: copies and moves of
/// smart pointers, std::move, pointer casts, temporaries.
const clang::Expr *passedThrough(const clang::Expr *E);

} // namespace leaklint

#endif // LEAKLINT_LIB_OWNERSHIP_OBJECTNAMES_H
