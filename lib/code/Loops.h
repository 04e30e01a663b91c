//===--- Loops.h - Whether code sits inside a loop of its function -*- C++ -*-===//
//
// Code in a loop runs once per iteration: a local declared there is one
// object per iteration, a push there pairs with a pop of the same
// iteration. This walks the body of the function (or lambda) around the
// code, not the whole translation unit's parent map, which clang would
// build the first time it is asked and which costs more than the checks.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_LOOPS_H
#define LEAKLINT_LIB_CODE_LOOPS_H

#include "clang/AST/Decl.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"

namespace leaklint {

/// A RecursiveASTVisitor that counts the `for`, range `for`, `while` and
/// `do` loops open around what it visits, in \c LoopDepth.
template <typename Derived>
class LoopCountingVisitor : public clang::RecursiveASTVisitor<Derived> {
  using Base = clang::RecursiveASTVisitor<Derived>;

public:
  bool TraverseWhileStmt(clang::WhileStmt *S) {
    return inLoop([&] { return Base::TraverseWhileStmt(S); });
  }
  bool TraverseDoStmt(clang::DoStmt *S) {
    return inLoop([&] { return Base::TraverseDoStmt(S); });
  }
  bool TraverseForStmt(clang::ForStmt *S) {
    return inLoop([&] { return Base::TraverseForStmt(S); });
  }
  bool TraverseCXXForRangeStmt(clang::CXXForRangeStmt *S) {
    return inLoop([&] { return Base::TraverseCXXForRangeStmt(S); });
  }

protected:
  unsigned LoopDepth = 0;

private:
  template <typename Fn> bool inLoop(Fn Traverse) {
    ++LoopDepth;
    bool Continue = Traverse();
    --LoopDepth;
    return Continue;
  }
};

/// True when a `for`, range `for`, `while` or `do` loop of \p Body, the body
/// of the function around \p S, encloses \p S, with no lambda between them
/// (a lambda's body is a function of its own); also when \p S is not in
/// \p Body, as the question cannot be answered.
bool insideLoop(const clang::Stmt *S, const clang::Stmt *Body);

/// The same for the local \p VD, in the body of the function declaring it.
bool insideLoop(const clang::VarDecl *VD);

/// The range `for` whose loop variable \p VD is, or null.
const clang::CXXForRangeStmt *rangeLoopOf(const clang::VarDecl *VD);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_LOOPS_H
