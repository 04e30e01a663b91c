//===--- Returns.cpp - The return statements of a body --------------------===//
#include "code/Returns.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace leaklint {
namespace {

class ReturnCollector : public RecursiveASTVisitor<ReturnCollector> {
public:
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitReturnStmt(ReturnStmt *R) {
    Found.push_back(R);
    return true;
  }
  SmallVector<const ReturnStmt *, 4> Found;
};

} // namespace

SmallVector<const ReturnStmt *, 4> returnsOf(const Stmt *Body) {
  ReturnCollector C;
  if (Body)
    C.TraverseStmt(const_cast<Stmt *>(Body));
  return std::move(C.Found);
}

} // namespace leaklint
