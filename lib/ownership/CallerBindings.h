//===--- CallerBindings.h - Parameters the object's own callers bind -*- C++ -*-===//
//
// A method that stores into the object its parameter refers to stores into
// whatever its callers pass. When the object calls the method on itself
// with one of its own members (`bindHandlers(channel_)` in a base class,
// overridden by `void bindHandlers(Channel &ch) override { ch.on(...); }`),
// the store lands in storage the object owns. A call through a virtual
// method binds the parameter of every overrider the TU defines.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_OWNERSHIP_CALLERBINDINGS_H
#define LEAKLINT_LIB_OWNERSHIP_CALLERBINDINGS_H

#include "code/FunctionUses.h"
#include "ownership/ObjectNames.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include <optional>

namespace leaklint {

/// A call of a method on the same object that passes one of the object's
/// own members for a parameter.
struct CallerBinding {
  const clang::CallExpr *Call = nullptr;
  /// What the caller passes, named in the caller: `this` and a field path.
  ObjectName Argument;
};

/// The first call in \p Uses of \p Method (or of a method it overrides) on
/// `this` that passes, for the reference or pointer parameter \p Param,
/// an object that `this` is or reaches through fields. None when no caller
/// of the TU does.
std::optional<CallerBinding> bindingByOwnCaller(const clang::CXXMethodDecl *Method,
                                                const clang::ParmVarDecl *Param,
                                                const FunctionUses &Uses);

} // namespace leaklint

#endif // LEAKLINT_LIB_OWNERSHIP_CALLERBINDINGS_H
