//===--- Returns.h - The return statements of a body ------------*- C++ -*-===//
//
// What a function gives back is read from its return statements. Those of
// lambdas nested in the body belong to the lambdas, and are left out.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_RETURNS_H
#define LEAKLINT_LIB_CODE_RETURNS_H

#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"

namespace leaklint {

/// The return statements of \p Body, in order, outside nested lambdas.
llvm::SmallVector<const clang::ReturnStmt *, 4>
returnsOf(const clang::Stmt *Body);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_RETURNS_H
