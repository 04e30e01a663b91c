//===--- Loops.h - Whether code sits inside a loop of its function -*- C++ -*-===//
//
// Code in a loop runs once per iteration: a local declared there is one
// object per iteration, a push there pairs with a pop of the same
// iteration. This walks up clang's parent map from a node to the function
// (or lambda) around it.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_LOOPS_H
#define LEAKLINT_LIB_CODE_LOOPS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"

namespace leaklint {

/// True when a `for`, range `for`, `while` or `do` loop of the function or
/// lambda around \p Node encloses it; also when the walk up does not reach
/// that function (a node with no parents, or nested too deep to tell).
bool insideLoop(const clang::DynTypedNode &Node, clang::ASTContext &Ctx);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_LOOPS_H
