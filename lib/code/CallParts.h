//===--- CallParts.h - What a call binds to its callee --------*- C++ -*-===//
//
// A summary of a callee says "parameter 2 is stored into the object's
// field": applying it to a call needs the expression that becomes the
// callee's object and those that bind its parameters. A member call and a
// member operator spell them differently: `sig.connect(f)` has an implicit
// object, `sig += f` passes the object as its first argument.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_CALLPARTS_H
#define LEAKLINT_LIB_CODE_CALLPARTS_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace leaklint {

struct CallParts {
  /// The function called; null for a call through a pointer.
  const clang::FunctionDecl *Callee = nullptr;
  /// The callee's object: the implicit object of `o.f(a)`, the first operand
  /// of a member operator (`registry << this`); null for a free function.
  const clang::Expr *Object = nullptr;
  /// The arguments that bind the callee's parameters, in order.
  llvm::SmallVector<const clang::Expr *, 4> Args;
};

CallParts callParts(const clang::CallExpr *Call);

/// True for a call of a member operator other than an assignment: the
/// operators a class may define to add to itself (`+=`, `<<`, `()`), whose
/// summaries apply like a named method's. Copy and move assignments are
/// writes of the whole object, which the analyses read as writes.
bool isMemberOperatorCall(const clang::CallExpr *Call);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_CALLPARTS_H
