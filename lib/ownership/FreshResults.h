//===--- FreshResults.h - Calls that return an object they made -*- C++ -*-===//
//
// Real code seldom makes a child with a bare std::make_shared where it
// stores it: it calls a factory, `Node::create(parent)`, `makeHandler(s)`,
// whose short body makes the object, gives it what it should hold and
// returns it. Such a call names an object as new as make_shared's, made
// where the call is; what the factory stored into it is summarised by
// OwnershipLinks::returnedStores() and applied at each call.
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
bool returnsFreshObject(const clang::FunctionDecl *F, unsigned Depth = 0);

} // namespace leaklint

#endif // LEAKLINT_LIB_OWNERSHIP_FRESHRESULTS_H
