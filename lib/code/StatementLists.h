//===--- StatementLists.h - Statements that run as statements of their own -*- C++ -*-===//
//
// Some questions are about a statement as a whole: does it drop the value
// of its call (`sig.connect(f);` loses the connection id), and which writes
// run one after another in a list (`tail_->next = n; tail_ = n;`). Those
// statements are a block's children, in order, and a branch or loop body
// (or a for-loop increment) that is a single statement: a list of its own.
// The checks that ask read them from here, so they agree on what a
// statement list is.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_STATEMENTLISTS_H
#define LEAKLINT_LIB_CODE_STATEMENTLISTS_H

#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace leaklint {

/// A statement of a list, and where it sits.
struct ListedStatement {
  const clang::Stmt *S;
  /// The block it is a child of; null when the statement is a list alone
  /// (`if (c) x = y;`, the increment of a `for`).
  const clang::CompoundStmt *Block;
  /// Its position in Block (0 for a statement alone).
  unsigned Index;
};

/// Calls \p Fn for each statement that \p Parent runs as a list entry: the
/// children of a block; the branches of an `if`, and the body of a
/// `while`, `do`, `for` or range `for`, that are not blocks; a `for`'s
/// increment. Labelled statements (`case 1: f();`) are not followed: a
/// jump may enter the list at them.
void forEachListedStatement(const clang::Stmt *Parent,
                            llvm::function_ref<void(const ListedStatement &)> Fn);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_STATEMENTLISTS_H
