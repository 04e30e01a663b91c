//===--- FunctionUses.h - Where the TU calls and names its functions -*- C++ -*-===//
//
// Two questions read the whole translation unit for the same facts: whether
// a function only this TU can call ever runs (UncalledFunctions), and which
// arguments its callers pass (FiniteValues). This is the one walk both read:
// every call of each function, every function named at all, those named
// other than as a callee (their address is taken), and the names templates
// leave unresolved. System headers are not read.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_FUNCTIONUSES_H
#define LEAKLINT_LIB_CODE_FUNCTIONUSES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

namespace leaklint {

struct FunctionUses {
  /// Functions are keyed by origin(): a template's pattern, canonical.
  static const clang::FunctionDecl *origin(const clang::FunctionDecl *F);
  /// Reads \p Ctx's translation unit once.
  static FunctionUses read(clang::ASTContext &Ctx);
  /// The function whose body holds \p S (a call of \c Calls): a lambda's
  /// call operator for code in a lambda. Reads the TU's parent map, which
  /// only the rarer questions need; null outside any function.
  static const clang::FunctionDecl *holding(const clang::Stmt *S,
                                            clang::ASTContext &Ctx);

  /// Every direct call of each function.
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::SmallVector<const clang::CallExpr *, 4>>
      Calls;
  /// Every function named, as a callee or otherwise.
  llvm::DenseSet<const clang::FunctionDecl *> Named;
  /// Functions named other than as a callee: their address is taken.
  llvm::DenseSet<const clang::FunctionDecl *> Escaped;
  /// Names templates leave unresolved, with the one function that spells
  /// each (null: several, or outside any function).
  llvm::StringMap<const clang::FunctionDecl *> Spellings;
};

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_FUNCTIONUSES_H
