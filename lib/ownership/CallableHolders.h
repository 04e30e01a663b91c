//===--- CallableHolders.h - Types and values that hold callables -*- C++ -*-===//
//
// A callable keeps alive what it captures for as long as something holds the
// callable: a std::function, a std::move_only_function, a packaged_task, a
// std::any, or an aggregate or container built from any of these. Two
// questions recur across the checks: is this type such a holder, and which
// callables does this initialiser store into the value it builds (as opposed
// to calling them, or handing them to a function that may only call them)?
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_OWNERSHIP_CALLABLEHOLDERS_H
#define LEAKLINT_LIB_OWNERSHIP_CALLABLEHOLDERS_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace leaklint {

/// True for the library's type-erased callable holders (std::function,
/// std::move_only_function, std::copyable_function, std::packaged_task,
/// std::any, boost::function) and for function pointers.
bool isCallableHolderType(clang::QualType T);

/// True for a program class that keeps a callable in a field (its own or a
/// base's): a closure type or a callable holder, like
/// `template <class F> struct Task : TaskBase { F fn; };` made with a lambda.
bool holdsCallable(const clang::CXXRecordDecl *RD);

/// The callable argument kept by an object made to hold it:
/// `std::make_unique<Task<F>>(f)`, `std::make_shared<Task<F>>(f)`,
/// `new Task<F>(f)` where Task holds a callable (type erasure behind a base
/// pointer), `new TimerWatcher(loop, std::bind(...), ms)` where the class
/// keeps a std::function: the first argument that is a callable, else the
/// last. Null otherwise.
const clang::Expr *heldCallableArgument(const clang::Expr *Made);

/// The lambdas and bind calls that \p Init stores into the value it
/// initialises: reached only through braces, conversions, temporaries and
/// constructors that keep their argument (library classes, and parameters
/// of a callable holder type). A lambda that is called on the spot, or
/// passed to any other function, is not stored.
llvm::SmallVector<const clang::Expr *, 2>
storedCallables(const clang::Expr *Init);

} // namespace leaklint

#endif // LEAKLINT_LIB_OWNERSHIP_CALLABLEHOLDERS_H
