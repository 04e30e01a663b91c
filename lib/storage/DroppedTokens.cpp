//===--- DroppedTokens.cpp - Entries only a dropped key can erase ---------===//
#include "storage/DroppedTokens.h"
#include "storage/StorageResets.h"
#include "code/Accessors.h"
#include "code/Returns.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace leaklint {

namespace {

// `this->Field`, also in a class template's pattern, whose field
// StorageResets::key() gives for every specialization's.
bool names(const Expr *E, const FieldDecl *Field) {
  const FieldDecl *Named = E ? ownField(E) : nullptr;
  return Named && StorageResets::key(Named) == StorageResets::key(Field);
}

// A member of this object that \p E reads as it is (`next_`, `next_++`).
const FieldDecl *counterIn(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Inc = dyn_cast<UnaryOperator>(E);
      Inc && Inc->isIncrementOp())
    E = Inc->getSubExpr();
  const FieldDecl *Field = ownField(E);
  return Field && Field->getType()->isIntegerType() ? Field : nullptr;
}

// The keys \p Field is stored under in a body, and the counters it advances.
class KeyedStores : public RecursiveASTVisitor<KeyedStores> {
public:
  explicit KeyedStores(const FieldDecl *Field) : Field(Field) {}
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (M && M->getDeclName().isIdentifier() &&
        llvm::is_contained({"emplace", "try_emplace"}, M->getName()) &&
        Call->getNumArgs() >= 2 &&
        names(Call->getImplicitObjectArgument(), Field))
      Keys.push_back(counterIn(Call->getArg(0)));
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2 &&
        names(Op->getArg(0), Field))
      Keys.push_back(counterIn(Op->getArg(1)));
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementOp())
      if (const FieldDecl *Counter = counterIn(U->getSubExpr()))
        Advanced.insert(Counter->getCanonicalDecl());
    return true;
  }
  bool VisitCompoundAssignOperator(CompoundAssignOperator *A) {
    if (A->getOpcode() == BO_AddAssign)
      if (const FieldDecl *Counter = counterIn(A->getLHS()))
        Advanced.insert(Counter->getCanonicalDecl());
    return true;
  }

  const FieldDecl *Field;
  llvm::SmallVector<const FieldDecl *, 1> Keys;
  llvm::SmallPtrSet<const Decl *, 2> Advanced;
};

// How a body uses \p Field: erases by a key parameter, and anything else
// that could empty it.
class FieldUses : public RecursiveASTVisitor<FieldUses> {
public:
  FieldUses(const FunctionDecl *F, const FieldDecl *Field)
      : F(F), Field(Field) {}
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const Expr *Object = Call->getImplicitObjectArgument();
    if (!names(Object, Field))
      return true;
    Consumed.insert(Object->IgnoreParenImpCasts());
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (!M || M->isConst())
      return true;
    classify(M->getDeclName(), Call);
    return true;
  }
  // In a class template's pattern: `slots_.erase(id)` on a map whose type
  // depends on a parameter.
  bool VisitCallExpr(CallExpr *Call) {
    const auto *Callee = dyn_cast<CXXDependentScopeMemberExpr>(
        Call->getCallee()->IgnoreParenImpCasts());
    if (!Callee || Callee->isImplicitAccess() ||
        !names(Callee->getBase(), Field))
      return true;
    Consumed.insert(Callee->getBase()->IgnoreParenImpCasts());
    classify(Callee->getMember(), Call);
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getNumArgs() >= 1 && names(Op->getArg(0), Field)) {
      Consumed.insert(Op->getArg(0)->IgnoreParenImpCasts());
      if (Op->getOperator() != OO_Subscript)
        Other = true;
    }
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    if (names(E, Field) && !Consumed.count(E))
      Other = true;
    return true;
  }

  unsigned KeyErases = 0;
  bool Other = false;

private:
  // A call of the non-const (or, in a pattern, unknown) method \p Name on
  // the map: an erase by a key parameter, or a call that adds or looks up
  // and empties nothing; anything else may empty it.
  void classify(DeclarationName Name, const CallExpr *Call) {
    StringRef Method =
        Name.isIdentifier() ? Name.getAsIdentifierInfo()->getName() : "";
    if (Method == "erase" && Call->getNumArgs() == 1 &&
        isKeyParameter(Call->getArg(0)))
      ++KeyErases;
    else if (!llvm::is_contained({"emplace", "try_emplace", "insert", "find",
                                  "count", "contains", "at", "begin", "end",
                                  "size", "empty"},
                                 Method))
      Other = true;
  }
  bool isKeyParameter(const Expr *E) const {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *P = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    return P && P->getDeclContext() == F &&
           P->getType().getNonReferenceType()->isIntegerType();
  }
  const FunctionDecl *F;
  const FieldDecl *Field;
  llvm::SmallPtrSet<const Expr *, 4> Consumed;
};

} // namespace

bool returnsFreshKey(const FunctionDecl *Method, const FieldDecl *Field) {
  const FunctionDecl *Definition = nullptr;
  if (!Method || !Method->hasBody(Definition) || !Definition->getBody() ||
      !Definition->getReturnType()->isIntegerType())
    return false;
  KeyedStores Stores(Field);
  Stores.TraverseStmt(Definition->getBody());
  if (Stores.Keys.empty())
    return false;
  const FieldDecl *Counter = Stores.Keys.front();
  if (!Counter || !Stores.Advanced.count(Counter->getCanonicalDecl()) ||
      llvm::any_of(Stores.Keys,
                   [&](const FieldDecl *Key) { return Key != Counter; }))
    return false;
  auto Returns = returnsOf(Definition->getBody());
  return !Returns.empty() &&
         llvm::all_of(Returns, [&](const ReturnStmt *R) {
           return R->getRetValue() && counterIn(R->getRetValue()) == Counter;
         });
}

bool erasesOnlyByKeyParameter(const FunctionDecl *F, const FieldDecl *Field) {
  const FunctionDecl *Definition = nullptr;
  if (!F || !F->hasBody(Definition) || !Definition->getBody())
    return false;
  FieldUses Uses(Definition, Field);
  Uses.TraverseStmt(Definition->getBody());
  return Uses.KeyErases > 0 && !Uses.Other;
}

} // namespace leaklint
