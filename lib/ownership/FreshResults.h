//===--- FreshResults.h - Calls that return an object they made -*- C++ -*-===//
//
// Real code seldom makes a child with a bare std::make_shared where it
// stores it: it calls a factory, `Node::create(parent)`, `makeHandler(s)`,
// whose short body makes the object, gives it what it should hold and
// returns it. Such a call names an object as new as make_shared's, made
// where the call is; what the factory stored into it is summarised by
// OwnershipLinks::returnedStores() and applied at each call.
//
// A function that returns a program class by value can be such a factory
// too: `Ctx makeCtx() { Ctx c; c.owner = shared_from_this(); return c; }`
// fills a local and returns it, so the call names a new object holding
// what was written into the local.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_OWNERSHIP_FRESHRESULTS_H
#define LEAKLINT_LIB_OWNERSHIP_FRESHRESULTS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace leaklint {

/// True when \p F, a function with a short body seen in this translation
/// unit (template instantiations included), returns a pointer or smart
/// pointer to an object it made on every path that returns one: each of
/// its returns gives back a null pointer, or `std::make_shared`,
/// `std::allocate_shared`, `std::make_unique` or `new`, a call of another
/// such function, or a local initialised so and never written again.
///
/// Also true when \p F returns a class by value (returnedValueClass()) and
/// each of its returns gives back a local of that class made by its own
/// declaration and never assigned as a whole.
bool returnsFreshObject(const clang::FunctionDecl *F, unsigned Depth = 0);

/// The class \p F returns by value when a returned local of it can be an
/// object the call makes: a class of the program, not of the standard
/// library, not a smart pointer, a handle class (which names what it
/// shares) or a lambda. Null otherwise. Canonical.
const clang::CXXRecordDecl *returnedValueClass(const clang::FunctionDecl *F);

/// What a return statement's value gives back, through the copy or move
/// from a returned local (`return c;`, elided or not): the local.
const clang::Expr *returnedValue(const clang::Expr *E);

} // namespace leaklint

#endif // LEAKLINT_LIB_OWNERSHIP_FRESHRESULTS_H
