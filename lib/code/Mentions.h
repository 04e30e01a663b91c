//===--- Mentions.h - Whether code names a declaration --------*- C++ -*-===//
//
// Several rules ask whether a condition or an expression reads a given
// variable or member: a guard that tests the container, a condition that
// reads a field. This answers it once, for any redeclaration of it.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_MENTIONS_H
#define LEAKLINT_LIB_CODE_MENTIONS_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "clang/AST/Stmt.h"

namespace leaklint {

/// True when \p S or any expression inside it names \p D: a reference to the
/// variable, or a member access to the field. With \p ThroughLocals, also
/// when it reads a local (not static) whose initialiser names \p D one step
/// away (`auto &Q = Queue_; if (Q.empty())`).
bool mentions(const clang::Stmt *S, const clang::ValueDecl *D,
              bool ThroughLocals = false);

/// True when \p S, or a statement within it, satisfies \p Pred. Lambdas are
/// not entered: their bodies run elsewhere.
bool anyWithin(const clang::Stmt *S,
               llvm::function_ref<bool(const clang::Stmt *)> Pred);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_MENTIONS_H
