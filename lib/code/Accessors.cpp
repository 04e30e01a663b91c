//===--- Accessors.cpp - Member functions that hand out a field -----------===//
#include "code/Accessors.h"
#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace leaklint {

const FieldDecl *fieldHandedOut(const ReturnStmt *Return,
                                const FunctionDecl *F) {
  QualType T = F->getReturnType();
  // A pointer or lvalue reference to something the caller may modify.
  if (!(T->isPointerType() || T->isLValueReferenceType()) ||
      T->getPointeeType().isConstQualified())
    return nullptr;
  const Expr *E = Return->getRetValue();
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(E);
      AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    E = AddrOf->getSubExpr()->IgnoreParenImpCasts();
  else if (!T->isLValueReferenceType())
    return nullptr;
  const auto *Member = dyn_cast<MemberExpr>(E);
  return Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())
             ? dyn_cast<FieldDecl>(Member->getMemberDecl())
             : nullptr;
}

const FieldDecl *fieldHandedOutBy(const CXXMemberCallExpr *Call) {
  const CXXMethodDecl *M = Call->getMethodDecl();
  const auto *Body = M && M->getNumParams() == 0
                         ? dyn_cast_or_null<CompoundStmt>(M->getBody())
                         : nullptr;
  const auto *Return =
      Body && Body->size() == 1 ? dyn_cast<ReturnStmt>(Body->body_front())
                                : nullptr;
  return Return ? fieldHandedOut(Return, M) : nullptr;
}

} // namespace leaklint
