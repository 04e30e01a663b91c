//===--- Mentions.cpp - Whether code names a declaration ------------------===//
#include "code/Mentions.h"
#include "clang/AST/Expr.h"

using namespace clang;

namespace leaklint {

bool mentions(const Stmt *S, const ValueDecl *D, bool ThroughLocals) {
  if (!S)
    return false;
  const Decl *Named = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    Named = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(S))
    Named = Member->getMemberDecl();
  if (Named && Named->getCanonicalDecl() == D->getCanonicalDecl())
    return true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && ThroughLocals)
    if (const auto *Local = dyn_cast<VarDecl>(Ref->getDecl());
        Local && Local->isLocalVarDecl() && !Local->isStaticLocal() &&
        mentions(Local->getInit(), D, /*ThroughLocals=*/false))
      return true;
  for (const Stmt *Child : S->children())
    if (mentions(Child, D, ThroughLocals))
      return true;
  return false;
}

} // namespace leaklint
