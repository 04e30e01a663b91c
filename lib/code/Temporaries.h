//===--- Temporaries.h - Look through what only carries a value -*- C++ -*-===//
//
// Several analyses ask what an expression is "really": the lambda inside a
// std::function temporary, the call inside a copy. This strips the nodes
// that only carry a value along -- parentheses, implicit casts, temporaries,
// cleanups and functional casts -- and nothing that computes.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_TEMPORARIES_H
#define LEAKLINT_LIB_CODE_TEMPORARIES_H

#include "clang/AST/Expr.h"

namespace leaklint {

/// \p E without parentheses, implicit casts, materialized or bound
/// temporaries, cleanups and functional casts around it. Null stays null.
const clang::Expr *ignoreTemporaries(const clang::Expr *E);

/// The variable \p E only carries: `Key`, `std::string(Key)`,
/// `std::move(Key)`. Null for anything computed, and for a null \p E.
const clang::ValueDecl *carriedVariable(const clang::Expr *E);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_TEMPORARIES_H
