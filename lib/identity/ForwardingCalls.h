//===--- ForwardingCalls.h - Calls whose result is an operand -*- C++ -*-===//
//
// Real code rarely spells "the object itself" as a bare shared_from_this():
// it writes `weak_from_this().lock()`, `std::static_pointer_cast<T>(
// shared_from_this())`, a project's own `Cast<Block>(p)` template, or a
// `getShared()` member whose body returns one of these. Each of these calls
// hands back one of its operands (its receiver or an argument) unchanged as
// an object. This finds that operand, following small helper bodies seen in
// the translation unit to any depth of such helpers.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_IDENTITY_FORWARDINGCALLS_H
#define LEAKLINT_LIB_IDENTITY_FORWARDINGCALLS_H

#include "clang/AST/Expr.h"

namespace leaklint {

/// The operand whose object \p Call returns: the receiver of
/// `shared_from_this()`, `weak_from_this()` and a weak_ptr's `lock()`, the
/// first argument of the std pointer casts, or, for a function or member
/// function with a short body (any template instantiation included) whose
/// every return names `this` or one parameter, the receiver or that
/// argument. Null otherwise.
const clang::Expr *forwardedOperand(const clang::CallExpr *Call,
                                    unsigned Depth = 0);

} // namespace leaklint

#endif // LEAKLINT_LIB_IDENTITY_FORWARDINGCALLS_H
