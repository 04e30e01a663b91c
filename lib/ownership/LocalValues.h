//===--- LocalValues.h - Which assignment a use of a local reads -*- C++ -*-===//
//
// A local that is assigned after its declaration (`cur = child;` in a loop
// building a tree) may stand for several objects over the function. Two uses
// of it still name the same object when they read the same assignment: no
// assignment to it can run between them. That is decided on clang's CFG, per
// basic block: uses in one block with no write of the local between them read
// the same value; uses in different blocks are taken to read different ones
// (sound, and enough for straight-line loop bodies). The CFG is built lazily,
// once per function, the first time a use of such a local is asked about, so
// functions without candidate stores never pay for it.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_OWNERSHIP_LOCALVALUES_H
#define LEAKLINT_LIB_OWNERSHIP_LOCALVALUES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>

namespace leaklint {

/// The locals of one function that are written after their declaration
/// (assigned, reset, swapped, passed by non-const reference, or whose address
/// is taken), and which write each of their uses reads.
class ReassignedSet {
public:
  ReassignedSet() = default;
  /// The locals \p F's body writes after declaring them.
  explicit ReassignedSet(const clang::FunctionDecl *F);
  /// The same, for a body that is not a function's (no versions).
  explicit ReassignedSet(const clang::Stmt *Body);

  bool count(const clang::VarDecl *VD) const { return Vars.count(VD); }
  bool empty() const { return Vars.empty(); }
  void insert(const clang::VarDecl *VD) { Vars.insert(VD); }

  /// An identity of the value \p Use reads, equal for two uses that read
  /// the same write (or the same value on entry to a basic block); null
  /// when unknown (the use is not in the function's CFG: in a lambda, an
  /// unevaluated operand, a function without a body).
  const void *versionAt(const clang::DeclRefExpr *Use) const;

private:
  void computeVersions() const;

  const clang::FunctionDecl *Function = nullptr;
  llvm::DenseSet<const clang::VarDecl *> Vars;
  mutable std::optional<llvm::DenseMap<const clang::DeclRefExpr *,
                                       const void *>>
      Versions;
};

/// The locals \p Body writes after declaring them (no versions).
ReassignedSet reassignedLocals(const clang::Stmt *Body);
/// The locals \p F writes after declaring them, with versions.
ReassignedSet reassignedLocals(const clang::FunctionDecl *F);

} // namespace leaklint

#endif // LEAKLINT_LIB_OWNERSHIP_LOCALVALUES_H
