//===--- CallableOwners.h - The shared_ptr owners a callable holds -*- C++
//-*-===//
//
// A callback keeps alive whatever shared_ptr it holds by copy: a lambda's
// init-capture (`[self = shared_from_this()]`), a local it captures by copy,
// explicitly or through `[=]`, or an argument bound by std::bind,
// std::bind_front or boost::bind. This finds those owners in the expression
// that is stored, looking through std::function, std::move, pairs and
// tuples, locals the callable was first kept in (a struct's fields filled in
// one by one included), and free functions of the TU that return it or keep
// it in what they return (two calls deep). It names the object each owns
// (see OwnershipLinks.h), a factory's parameters standing for its arguments.
// weak_ptr captures, raw `this` and captures by reference hold nothing.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_OWNERSHIP_CALLABLEOWNERS_H
#define LEAKLINT_LIB_OWNERSHIP_CALLABLEOWNERS_H

#include "OwnershipLinks.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

namespace leaklint {

struct CallableOwner {
  enum KindType {
    InitCapture,     ///< `[self = shared_from_this()]`
    VariableCapture, ///< `[self]` or `[=]` using a local shared_ptr
    BoundArgument,   ///< `std::bind(&T::f, shared_from_this())`
  } Kind = InitCapture;
  /// The lambda that captures it, or the bind call.
  const clang::Expr *Callable = nullptr;
  /// The init-capture or the captured local (captures only).
  const clang::VarDecl *Var = nullptr;
  /// The bound argument (BoundArgument only).
  const clang::Expr *Bound = nullptr;
  /// Where the owner is captured or bound.
  clang::SourceLocation Loc;
  /// Captured by a capture default (`[=]`).
  bool Implicit = false;
  /// The object the shared_ptr owns.
  ObjectName Object;
  /// The class the shared_ptr points to, as declared.
  const clang::CXXRecordDecl *Class = nullptr;
  /// The local the callable was kept in before it was stored, if any.
  const clang::VarDecl *Through = nullptr;
  /// The call of the storing function that returned the callable, when a
  /// function of the TU made it (`setSaver(makeSaverFor(doc))`); the owner
  /// is then named by the call's arguments.
  const clang::CallExpr *MadeBy = nullptr;
  /// The call of a function of the TU that keeps the callable, made by the
  /// storing function, in what it returns (`t_ = makeTimer([self] {...})`).
  const clang::CallExpr *WrappedBy = nullptr;

  /// The lambda that captures it; null for a bound argument.
  const clang::LambdaExpr *lambda() const {
    return llvm::dyn_cast_or_null<clang::LambdaExpr>(Callable);
  }
};

/// The shared_ptr owners the callable \p Stored holds by copy. Locals in
/// \p Reassigned name no object (see nameObject()).
llvm::SmallVector<CallableOwner, 1>
callableOwners(const clang::Expr *Stored,
               const ReassignedSet &Reassigned);

/// The shared_ptr owners of \p Made, a callable that \p Callee makes in its
/// body around its parameters and stores (`bus.subscribe([p] {...})`), as
/// seen at \p Call: its parameters stand for the call's arguments, named in
/// the caller (whose reassigned locals are \p Reassigned). \c MadeBy is
/// \p Call.
llvm::SmallVector<CallableOwner, 1>
callableOwnersMadeIn(const clang::Expr *Made, const clang::CallExpr *Call,
                     const clang::FunctionDecl *Callee,
                     const ReassignedSet &Reassigned);

/// Every shared_ptr owner \p L captures by copy, whatever it owns.
llvm::SmallVector<CallableOwner, 1>
lambdaOwners(const clang::LambdaExpr *L,
             const ReassignedSet &Reassigned);

} // namespace leaklint

#endif // LEAKLINT_LIB_OWNERSHIP_CALLABLEOWNERS_H
