//===--- Accessors.cpp - Member functions that hand out a field -----------===//
#include "code/Accessors.h"
#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace leaklint {

const FieldDecl *ownField(const Expr *E) {
  const auto *Member =
      dyn_cast_or_null<MemberExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  return Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())
             ? dyn_cast<FieldDecl>(Member->getMemberDecl())
             : nullptr;
}

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
  return ownField(E);
}

namespace {

// The one return statement of the method \p Call calls, argument-less
// unless \p AnyParams.
const ReturnStmt *soleReturn(const CXXMemberCallExpr *Call,
                             bool AnyParams = false) {
  const CXXMethodDecl *M = Call->getMethodDecl();
  const auto *Body = M && (AnyParams || M->getNumParams() == 0)
                         ? dyn_cast_or_null<CompoundStmt>(M->getBody())
                         : nullptr;
  return Body && Body->size() == 1 ? dyn_cast<ReturnStmt>(Body->body_front())
                                   : nullptr;
}

} // namespace

const FieldDecl *fieldHandedOutBy(const CXXMemberCallExpr *Call) {
  const ReturnStmt *Return = soleReturn(Call);
  return Return ? fieldHandedOut(Return, Call->getMethodDecl()) : nullptr;
}

const FieldDecl *fieldPointeeHandedOutBy(const CXXMemberCallExpr *Call) {
  const ReturnStmt *Return = soleReturn(Call);
  if (!Return || !Return->getRetValue() ||
      !Call->getMethodDecl()->getReturnType()->isLValueReferenceType())
    return nullptr;
  const Expr *E = Return->getRetValue()->IgnoreParenImpCasts();
  if (const auto *Deref = dyn_cast<UnaryOperator>(E);
      Deref && Deref->getOpcode() == UO_Deref)
    return ownField(Deref->getSubExpr());
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Star && Op->getNumArgs() == 1)
    return ownField(Op->getArg(0));
  return nullptr;
}

const Expr *entryContainer(const Expr *E) {
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
    return Op->getArg(0);
  if (const auto *At = dyn_cast_or_null<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = At->getMethodDecl();
    if (M && M->getDeclName().isIdentifier() && M->getName() == "at" &&
        At->getNumArgs() == 1)
      return At->getImplicitObjectArgument();
  }
  return nullptr;
}

const FieldDecl *fieldEntryHandedOutBy(const CXXMemberCallExpr *Call) {
  const ReturnStmt *Return = soleReturn(Call, /*AnyParams=*/true);
  QualType T = Call->getMethodDecl() ? Call->getMethodDecl()->getReturnType()
                                     : QualType();
  if (!Return || !Return->getRetValue() || T.isNull() ||
      !T->isLValueReferenceType() || T->getPointeeType().isConstQualified())
    return nullptr;
  const Expr *Entries =
      entryContainer(Return->getRetValue()->IgnoreParenImpCasts());
  return Entries ? ownField(Entries) : nullptr;
}

} // namespace leaklint
