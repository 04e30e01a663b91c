//===--- Guards.h - The conditions under which a statement runs -*- C++ -*-===//
//
// Several analyses ask what must hold for a statement to run: growth that a
// size check bounds, a heap object made only while its slot is empty, a
// slot reused before a container grows. The guards of a statement are the
// conditions of the ifs and loops around it in its function, and the early
// exits before it (`if (c.size() >= Max) return;` guards what follows with
// the condition false).
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_GUARDS_H
#define LEAKLINT_LIB_CODE_GUARDS_H

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace leaklint {

/// A condition that holds (WhenTrue) or fails wherever the guarded code runs.
struct Guard {
  const clang::Expr *Cond;
  bool WhenTrue;
};

/// The guards of \p Target within \p Body, outermost first; std::nullopt
/// when \p Target is not in \p Body. Lambdas nested in \p Body are functions
/// of their own and are not searched.
std::optional<llvm::SmallVector<Guard, 4>> guardsOf(const clang::Stmt *Target,
                                                    const clang::Stmt *Body);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_GUARDS_H
