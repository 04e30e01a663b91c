//===--- Loops.cpp - Whether code sits inside a loop of its function ------===//
#include "Loops.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include <optional>

using namespace clang;

namespace leaklint {
namespace {

// Walks a body until it meets the statement or declaration asked about,
// counting the loops open around it.
class LoopFinder : public LoopCountingVisitor<LoopFinder> {
public:
  LoopFinder(const Stmt *S, const Decl *D) : TargetStmt(S), TargetDecl(D) {}
  std::optional<bool> Inside;

  bool shouldVisitImplicitCode() const { return true; }
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitStmt(Stmt *S) {
    if (S == TargetStmt)
      Inside = LoopDepth > 0;
    return !Inside;
  }
  bool VisitDecl(Decl *D) {
    if (D == TargetDecl)
      Inside = LoopDepth > 0;
    return !Inside;
  }
  // A lambda's body runs when the lambda is called, not per iteration of a
  // loop it is written in.
  bool TraverseLambdaExpr(LambdaExpr *L) {
    unsigned Outer = LoopDepth;
    LoopDepth = 0;
    bool Continue = LoopCountingVisitor::TraverseLambdaExpr(L);
    LoopDepth = Outer;
    return Continue;
  }

private:
  const Stmt *TargetStmt;
  const Decl *TargetDecl;
};

class RangeLoops : public RecursiveASTVisitor<RangeLoops> {
public:
  explicit RangeLoops(const VarDecl *VD) : VD(VD) {}
  const CXXForRangeStmt *Found = nullptr;
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *S) {
    if (S->getLoopVariable() == VD)
      Found = S;
    return !Found;
  }

private:
  const VarDecl *VD;
};

const FunctionDecl *functionOf(const VarDecl *VD) {
  const auto *F =
      VD ? dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod())
         : nullptr;
  return F && F->getBody() ? F : nullptr;
}

} // namespace

bool insideLoop(const Stmt *S, const Stmt *Body) {
  if (!S || !Body)
    return true;
  LoopFinder Walk(S, nullptr);
  Walk.TraverseStmt(const_cast<Stmt *>(Body));
  return Walk.Inside.value_or(true);
}

bool insideLoop(const VarDecl *VD) {
  const FunctionDecl *F = functionOf(VD);
  if (!F)
    return true;
  LoopFinder Walk(nullptr, VD);
  Walk.TraverseStmt(F->getBody());
  return Walk.Inside.value_or(true);
}

const CXXForRangeStmt *rangeLoopOf(const VarDecl *VD) {
  const FunctionDecl *F = VD && VD->isLocalVarDecl() ? functionOf(VD) : nullptr;
  if (!F)
    return nullptr;
  RangeLoops Walk(VD);
  Walk.TraverseStmt(F->getBody());
  return Walk.Found;
}

} // namespace leaklint
