//===--- Loops.cpp - Whether code sits inside a loop of its function ------===//
#include "Loops.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace leaklint {

bool insideLoop(const DynTypedNode &Node, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(Node);
  for (unsigned Steps = 0; Steps < 64 && !Parents.empty(); ++Steps) {
    const DynTypedNode &P = Parents[0];
    if (P.get<FunctionDecl>() || P.get<LambdaExpr>())
      return false;
    if (P.get<ForStmt>() || P.get<WhileStmt>() || P.get<DoStmt>() ||
        P.get<CXXForRangeStmt>())
      return true;
    Parents = Ctx.getParents(P);
  }
  return true;
}

} // namespace leaklint
