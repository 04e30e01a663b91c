//===--- InstanceSource.h - Does an expression carry `this` -*- C++ -*-===//
//
// Answers "is the value of this expression derived from the current object":
// `this`, `*this`, casts of it (to `void *`, to `std::uintptr_t`),
// `std::hash<T *>{}(this)`, shared_from_this(), and pairs, tuples and
// reference wrappers built from those, directly or through a local variable;
// and callables that own the object: a lambda capturing shared_from_this()
// (or a local holding it) by copy, a std::bind of it. A lambda capturing a
// raw `this` carries no identity a container could be keyed or owned by.
// Member reads (`this->id_`) and member calls (`this->key()`) are values, not
// identity, and are not followed.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_IDENTITY_INSTANCESOURCE_H
#define LEAKLINT_LIB_IDENTITY_INSTANCESOURCE_H

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include <optional>

namespace leaklint {

struct InstanceSource {
  /// The `this` expression or the shared_from_this() call.
  const clang::Expr *Origin = nullptr;
  /// The class of the current object.
  const clang::CXXRecordDecl *Class = nullptr;
  /// True when the object is passed as an owner (shared_from_this()).
  bool Owning = false;
  /// From findParameterSource(): the parameter whose value the expression
  /// carries the same way; then \c Class is null and \c Origin the
  /// reference to it.
  const clang::ParmVarDecl *Parameter = nullptr;
  /// True when a callable holds the owner: a lambda capturing
  /// shared_from_this() (or a local holding it) by copy, or a bind of it.
  /// \c Origin is then the lambda or the bind call.
  bool Captured = false;
};

/// The current object \p E carries, if it carries one.
std::optional<InstanceSource> findInstanceSource(const clang::Expr *E);

/// The parameter \p E carries as findInstanceSource() would carry `this`
/// (`p`, `std::move(p)`, `std::make_pair(p, n)`, `static_cast<void *>(p)`):
/// a store of it is a store of whatever each caller passes. None when \p E
/// carries `this` itself, or no parameter.
std::optional<InstanceSource> findParameterSource(const clang::Expr *E);

struct ThisCapture {
  clang::SourceLocation Loc;
  /// Captured as an owner: `[self = shared_from_this()]`.
  bool Owning = false;
};

/// Where \p L captures the current object: `this` explicitly or through a
/// default capture, or an init-capture whose initializer carries `this`.
/// `[*this]` copies the object and does not count.
std::optional<ThisCapture> capturedThis(const clang::LambdaExpr *L);

} // namespace leaklint

#endif // LEAKLINT_LIB_IDENTITY_INSTANCESOURCE_H
