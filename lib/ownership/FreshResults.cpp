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

} // namespace

bool returnsFreshObject(const FunctionDecl *F, unsigned Depth) {
  const FunctionDecl *Def = nullptr;
  if (!F || Depth > MaxDepth || !F->hasBody(Def) || !Def ||
      Def->isDependentContext() || Def->isInvalidDecl() ||
      isa<CXXConstructorDecl>(Def) || !returnsPointer(Def))
    return false;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (!Body || Body->size() == 0 || Body->size() > MaxStatements)
    return false;
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
