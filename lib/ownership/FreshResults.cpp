//===--- FreshResults.cpp - Calls that return an object they made ---------===//
#include "ownership/FreshResults.h"
#include "code/LibraryFunctions.h"
#include "code/Returns.h"
#include "ownership/LocalValues.h"
#include "ownership/ObjectNames.h"
#include "ownership/OwnershipGraph.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {
namespace {

constexpr unsigned MaxDepth = 4;
// Factories are short: make, fill in, return. Longer bodies are not
// summarised, which keeps naming an object cheap.
constexpr unsigned MaxStatements = 12;

// A pointer, or a smart pointer: what can hand an object made here on.
bool returnsPointer(const FunctionDecl *F) {
  QualType T = F->getReturnType();
  if (T.isNull() || T->isDependentType())
    return false;
  if (T->isPointerType())
    return T->getPointeeType()->getAsCXXRecordDecl() != nullptr;
  return sharedPointee(T) || isUniqueOwner(T);
}

// A local of \p F of class \p Class, made by its declaration (default or
// from arguments, not a copy of another object) and never written as a
// whole again: the object `return local;` gives back.
bool isMadeLocal(const Expr *E, const CXXRecordDecl *Class,
                 const ReassignedSet &Written) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!VD || !VD->isLocalVarDecl() || VD->isStaticLocal() ||
      VD->getType()->isReferenceType() ||
      !VD->getType()->getAsCXXRecordDecl() ||
      VD->getType()->getAsCXXRecordDecl()->getCanonicalDecl() != Class ||
      Written.count(VD->getCanonicalDecl()))
    return false;
  const Expr *Init = VD->getInit();
  if (!Init)
    return true;
  Init = Init->IgnoreParenImpCasts();
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Init))
    Init = Cleanups->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init))
    return !Construct->getConstructor() ||
           !Construct->getConstructor()->isCopyOrMoveConstructor();
  return isa<InitListExpr>(Init);
}

bool isNullValue(const Expr *E, ASTContext &Ctx) {
  E = passedThrough(E);
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 0 ||
           (Construct->getNumArgs() == 1 &&
            Construct->getArg(0)->getType()->isNullPtrType());
  if (const auto *List = dyn_cast<InitListExpr>(E))
    return List->getNumInits() == 0;
  return E->getType()->isNullPtrType() ||
         E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull);
}

bool isFreshValue(const Expr *E, const FunctionDecl *F,
                  const ReassignedSet &Written, unsigned Depth) {
  E = passedThrough(E);
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (isa<CXXNewExpr>(E))
    return true;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    return VD && VD->isLocalVarDecl() && !VD->isStaticLocal() &&
           !VD->getType()->isReferenceType() && VD->getInit() &&
           !Written.count(VD->getCanonicalDecl()) &&
           isFreshValue(VD->getInit(), F, Written, Depth);
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (isStdFunction(Callee,
                      {"make_shared", "allocate_shared", "make_unique"}))
      return true;
    return Callee && Callee != F && !Callee->isInStdNamespace() &&
           returnsFreshObject(Callee, Depth + 1);
  }
  return false;
}

// Every return of \p Body gives back a local of \p Class made there.
bool returnsMadeLocal(const CompoundStmt *Body, const CXXRecordDecl *Class) {
  ReassignedSet Written = reassignedLocals(Body);
  bool Made = false;
  for (const ReturnStmt *Return : returnsOf(Body)) {
    const Expr *Value = Return->getRetValue();
    if (!Value || Value->containsErrors() ||
        !isMadeLocal(returnedValue(Value), Class, Written))
      return false;
    Made = true;
  }
  return Made;
}

} // namespace

const CXXRecordDecl *returnedValueClass(const FunctionDecl *F) {
  QualType T = F->getReturnType();
  if (T.isNull() || T->isDependentType() || T->isReferenceType() ||
      sharedPointee(T) || isUniqueOwner(T))
    return nullptr;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || RD->isLambda() ||
      RD->isInStdNamespace() || handleField(RD))
    return nullptr;
  return RD->getCanonicalDecl();
}

const Expr *returnedValue(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
    E = Cleanups->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
    E = Bind->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      Construct && Construct->getNumArgs() == 1 &&
      Construct->getConstructor() &&
      Construct->getConstructor()->isCopyOrMoveConstructor())
    E = Construct->getArg(0)->IgnoreParenImpCasts();
  return E;
}

bool returnsFreshObject(const FunctionDecl *F, unsigned Depth) {
  const FunctionDecl *Def = nullptr;
  if (!F || Depth > MaxDepth || !F->hasBody(Def) || !Def ||
      Def->isDependentContext() || Def->isInvalidDecl() ||
      isa<CXXConstructorDecl>(Def))
    return false;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (!Body || Body->size() == 0 || Body->size() > MaxStatements)
    return false;
  if (!returnsPointer(Def)) {
    const CXXRecordDecl *Class = returnedValueClass(Def);
    return Class && returnsMadeLocal(Body, Class);
  }
  ReassignedSet Written = reassignedLocals(Body);
  bool Fresh = false;
  for (const ReturnStmt *Return : returnsOf(Body)) {
    const Expr *Value = Return->getRetValue();
    if (!Value || Value->containsErrors())
      return false;
    if (isNullValue(Value, Def->getASTContext()))
      continue;
    if (!isFreshValue(Value, Def, Written, Depth))
      return false;
    Fresh = true;
  }
  return Fresh;
}

} // namespace leaklint
