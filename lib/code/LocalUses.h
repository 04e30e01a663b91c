//===--- LocalUses.h - How a function body uses one variable -*- C++ -*-===//
#ifndef LEAKLINT_LIB_CODE_LOCALUSES_H
#define LEAKLINT_LIB_CODE_LOCALUSES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

namespace leaklint {

/// The uses of a variable in one function body. A variable of a template
/// instantiation and the one of its pattern are the same variable: they share
/// their source location.
struct LocalUses {
  const clang::DeclStmt *Declaration = nullptr;
  llvm::SmallVector<const clang::DeclRefExpr *, 8> Refs;
  /// Uses as a container looked up or filled with a key carrying `this`, and
  /// comparisons against its end().
  unsigned KeyedByThis = 0;
  /// Uses as the callee of a call: `f()`.
  unsigned Calls = 0;
  /// Uses inside a lambda or local class nested in the body: those see the
  /// variable only because it is static, and would lose it if it moved.
  unsigned RefsInNestedCallables = 0;
  /// Calls that remove entries (`erase`, `remove`, `clear`, ...).
  unsigned Removals = 0;
  /// The calls that store the object (`push_back(this)`, `v[this] = ...`).
  llvm::SmallVector<const clang::Expr *, 2> StoresOfThisAt;
  /// The removals of the object's own entries after its first store:
  /// `erase(this)`, an erase of an iterator to it, and
  /// `pop_back()`/`pop_front()` (a stack).
  llvm::SmallVector<const clang::Expr *, 2> RemovalsOfThisAt;
  /// The body has using-directives, using-declarations or namespace aliases,
  /// which may be what makes the names in the variable's type visible.
  bool HasUsing = false;
  /// Names of the other variables the body declares.
  llvm::StringSet<> OtherNames;
};

LocalUses collectLocalUses(const clang::VarDecl *Var, const clang::Stmt *Body);

/// True for member functions that remove entries from a container.
bool isRemovalMethod(llvm::StringRef Name);

/// True for std::erase and std::erase_if.
bool isStdErase(const clang::FunctionDecl *FD);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_LOCALUSES_H
