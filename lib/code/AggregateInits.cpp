//===--- AggregateInits.cpp - Which field each initialiser of an aggregate sets ===//
#include "code/AggregateInits.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;
using llvm::DenseSet;

namespace leaklint {

SmallVector<FieldInit, 4> aggregateFieldInits(const CXXRecordDecl *RD,
                                              ArrayRef<const Expr *> Values) {
  SmallVector<FieldInit, 4> Out;
  const CXXRecordDecl *Def = RD ? RD->getDefinition() : nullptr;
  if (!Def || Def->isInvalidDecl() || Def->isUnion() || !Def->isAggregate() ||
      Def->getNumBases() != 0 || llvm::is_contained(Values, nullptr))
    return Out;
  auto Value = Values.begin();
  for (const FieldDecl *F : Def->fields()) {
    if (F->isBitField() && !F->getIdentifier())
      return {};
    if (Value == Values.end() || F->isInvalidDecl())
      break;
    Out.push_back({F, *Value++});
  }
  if (Value != Values.end())
    return {};
  return Out;
}

SmallVector<FieldInit, 4> aggregateFieldInits(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Tmp = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Tmp->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
      E = Cast->getSubExpr();
    else
      break;
  }
  // Broken code: a list with errors in it, or with no type, sets nothing
  // that can be told.
  if (!E || E->containsErrors() || E->getType().isNull())
    return {};
  const CXXRecordDecl *RD = E->getType()->getAsCXXRecordDecl();
  if (const auto *List = dyn_cast<InitListExpr>(E)) {
    // The semantic form lists one value per field, in declaration order.
    if (List->isSyntacticForm() && List->getSemanticForm())
      List = List->getSemanticForm();
    return aggregateFieldInits(
        RD, ArrayRef<const Expr *>(List->getInits(), List->getNumInits()));
  }
  if (const auto *Parens = dyn_cast<CXXParenListInitExpr>(E)) {
    ArrayRef<Expr *> Inits = Parens->getInitExprs();
    return aggregateFieldInits(
        RD, ArrayRef<const Expr *>(Inits.data(), Inits.size()));
  }
  return {};
}

namespace {

// The locals whose fields a body writes: the field assigned, a non-const
// method called on it, its address taken.
class FieldWrites : public RecursiveASTVisitor<FieldWrites> {
public:
  DenseSet<const VarDecl *> Written;

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp())
      check(B->getLHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf)
      check(U->getSubExpr());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->isAssignmentOp() && Op->getNumArgs() >= 1)
      check(Op->getArg(0));
    return true;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (const CXXMethodDecl *M = Call->getMethodDecl(); M && !M->isConst())
      check(Call->getImplicitObjectArgument());
    return true;
  }

private:
  // \p E is a field of a local, at any depth (`E.f`, `E.f.g`).
  void check(const Expr *E) {
    for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
      E = E->IgnoreParenImpCasts();
      const auto *Member = dyn_cast<MemberExpr>(E);
      if (!Member)
        break;
      E = Member->getBase();
      if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
        if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
          Written.insert(VD->getCanonicalDecl());
    }
  }
};

} // namespace

DenseSet<const VarDecl *> localsWithFieldWrites(const FunctionDecl *F) {
  FieldWrites Writes;
  if (F && F->getBody())
    Writes.TraverseStmt(F->getBody());
  return std::move(Writes.Written);
}

namespace {

// `VD.f = v` as a built-in or an overloaded assignment.
class FieldAssignments : public RecursiveASTVisitor<FieldAssignments> {
public:
  explicit FieldAssignments(const VarDecl *VD) : VD(VD) {}
  SmallVector<FieldInit, 2> Found;

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() == BO_Assign)
      check(B->getLHS(), B->getRHS());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
      check(Op->getArg(0), Op->getArg(1));
    return true;
  }

private:
  void check(const Expr *LHS, const Expr *Value) {
    const auto *Member = dyn_cast<MemberExpr>(LHS->IgnoreParenImpCasts());
    const auto *Field =
        Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
    const auto *Ref =
        Field ? dyn_cast<DeclRefExpr>(Member->getBase()->IgnoreParenImpCasts())
              : nullptr;
    if (Ref && Ref->getDecl()->getCanonicalDecl() == VD->getCanonicalDecl())
      Found.push_back({Field, Value});
  }

  const VarDecl *VD;
};

} // namespace

SmallVector<FieldInit, 2> fieldAssignments(const FunctionDecl *F,
                                           const VarDecl *VD) {
  FieldAssignments Assignments(VD);
  if (F && VD && F->getBody())
    Assignments.TraverseStmt(F->getBody());
  return std::move(Assignments.Found);
}

const Expr *unchangedListedLocal(const VarDecl *VD,
                                 const DenseSet<const VarDecl *> &FieldWritten) {
  if (!VD || !VD->isLocalVarDecl() || VD->isInvalidDecl() ||
      VD->getType()->isReferenceType() || !VD->getInit() ||
      FieldWritten.count(VD->getCanonicalDecl()) ||
      aggregateFieldInits(VD->getInit()).empty())
    return nullptr;
  return VD->getInit();
}

} // namespace leaklint
