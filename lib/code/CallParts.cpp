//===--- CallParts.cpp - What a call binds to its callee -----------------===//
#include "CallParts.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace leaklint {

CallParts callParts(const CallExpr *Call) {
  CallParts Parts;
  Parts.Callee = Call->getDirectCallee();
  ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    Parts.Object = Member->getImplicitObjectArgument();
  } else if (isa<CXXOperatorCallExpr>(Call) &&
             isa_and_nonnull<CXXMethodDecl>(Parts.Callee) && !Args.empty()) {
    Parts.Object = Args.front();
    Args = Args.drop_front();
  }
  Parts.Args.append(Args.begin(), Args.end());
  return Parts;
}

bool isMemberOperatorCall(const CallExpr *Call) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
  if (!Op || Op->getOperator() == OO_Equal || Op->getNumArgs() == 0)
    return false;
  return isa_and_nonnull<CXXMethodDecl>(Op->getDirectCallee());
}

} // namespace leaklint
