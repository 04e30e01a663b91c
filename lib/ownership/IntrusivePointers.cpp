//===--- IntrusivePointers.cpp - Reference-counting pointers by shape -----===//
#include "ownership/IntrusivePointers.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace leaklint {
namespace {

// Does \p S make a call that involves \p Field (as argument or receiver),
// directly or through a member function of the same class (one level)?
class CallsOnField : public RecursiveASTVisitor<CallsOnField> {
public:
  CallsOnField(const FieldDecl *Field, unsigned Depth)
      : Field(Field), Depth(Depth) {}

  static bool mentions(const Stmt *S, const FieldDecl *Field) {
    if (!S)
      return false;
    if (const auto *Member = dyn_cast<MemberExpr>(S);
        Member && Member->getMemberDecl() == Field)
      return true;
    for (const Stmt *Child : S->children())
      if (mentions(Child, Field))
        return true;
    return false;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (mentions(Call, Field)) {
      Found = true;
      return false;
    }
    // `release()` of the pointer class itself (in a template, a call whose
    // callee is still a member expression on `this`).
    const auto *Callee =
        dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParenImpCasts());
    const auto *Method =
        Callee ? dyn_cast<CXXMethodDecl>(Callee->getMemberDecl()) : nullptr;
    if (Method && Depth == 0 &&
        isa<CXXThisExpr>(Callee->getBase()->IgnoreParenImpCasts()) &&
        Method->getParent() == Field->getParent()) {
      CallsOnField Inner(Field, Depth + 1);
      Inner.TraverseStmt(Method->getBody());
      if (Inner.Found) {
        Found = true;
        return false;
      }
    }
    return true;
  }

  // A member call still dependent in the template: `ptr->Release()`.
  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E) {
    if (!E->isImplicitAccess() && mentions(E->getBase(), Field)) {
      Found = true;
      return false;
    }
    return true;
  }

  bool Found = false;

private:
  const FieldDecl *Field;
  unsigned Depth;
};

// The initializer copies the other object's pointer as it is: `ptr(o.ptr)`.
bool copiesPointer(const Expr *Init, const FieldDecl *Field) {
  if (!Init)
    return false;
  Init = Init->IgnoreImplicit()->IgnoreParens();
  if (const auto *List = dyn_cast<ParenListExpr>(Init))
    Init = List->getNumExprs() == 1 ? List->getExpr(0) : nullptr;
  else if (const auto *Braces = dyn_cast<InitListExpr>(Init))
    Init = Braces->getNumInits() == 1 ? Braces->getInit(0) : nullptr;
  if (!Init)
    return false;
  const auto *Member =
      dyn_cast<MemberExpr>(Init->IgnoreImplicit()->IgnoreParens());
  return Member && Member->getMemberDecl() == Field &&
         !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts());
}

} // namespace

bool isIntrusiveSharedOwner(const ClassTemplateSpecializationDecl *Spec) {
  if (!Spec || Spec->isInStdNamespace())
    return false;
  const CXXRecordDecl *Pattern =
      Spec->getSpecializedTemplate()->getTemplatedDecl();
  if (!Pattern || !Pattern->hasDefinition())
    return false;
  Pattern = Pattern->getDefinition();
  // One field, a pointer to the first template parameter.
  const FieldDecl *Pointer = nullptr;
  for (const FieldDecl *F : Pattern->fields()) {
    if (Pointer)
      return false;
    Pointer = F;
  }
  if (!Pointer || !Pointer->getType()->isPointerType())
    return false;
  const auto *Parm =
      Pointer->getType()->getPointeeType()->getAs<TemplateTypeParmType>();
  if (!Parm || Parm->getIndex() != 0 || Parm->getDepth() != 0)
    return false;

  bool Shares = false;
  for (const CXXConstructorDecl *Ctor : Pattern->ctors()) {
    if (!Ctor->isCopyConstructor() || !Ctor->doesThisDeclarationHaveABody())
      continue;
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getMember() == Pointer && copiesPointer(Init->getInit(), Pointer))
        Shares = true;
  }
  if (!Shares)
    return false;
  // A template's destructor is not "selected" until it is instantiated:
  // look it up among the members.
  for (const Decl *D : Pattern->decls()) {
    const auto *Dtor = dyn_cast<CXXDestructorDecl>(D);
    if (!Dtor || !Dtor->doesThisDeclarationHaveABody())
      continue;
    CallsOnField Release(Pointer, 0);
    Release.TraverseStmt(Dtor->getBody());
    return Release.Found;
  }
  return false;
}

} // namespace leaklint
