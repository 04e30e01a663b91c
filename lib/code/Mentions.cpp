//===--- Mentions.cpp - Whether code names a declaration ------------------===//
#include "code/Mentions.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

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

bool anyWithin(const Stmt *S, llvm::function_ref<bool(const Stmt *)> Pred) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  return Pred(S) || llvm::any_of(S->children(), [&](const Stmt *Child) {
           return anyWithin(Child, Pred);
         });
}

} // namespace leaklint
