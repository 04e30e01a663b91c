//===--- FiniteMembership.cpp - Guards that admit only listed values ------===//
//
// `if (!isKnownHeader(name)) return nullptr;` before `names_.insert(name)`:
// the guard lets through only the names a constant table lists, so the
// insert adds at most one entry per listed name. A condition admits a
// variable to a finite set when, wherever the guarded code runs, it makes
// the variable equal to one of finitely many values the text fixes:
//  - `v == c` with `c` such a value (`!=` when the condition fails);
//  - membership in a constant container or array: `kSet.count(v)`,
//    `kSet.contains(v)`, `kSet.find(v) != kSet.end()`, `std::find(b, e, v)
//    != e`, `std::binary_search(b, e, v)`, and `std::any_of(b, e, pred)` or
//    `std::find_if` whose predicate compares `v` with its argument;
//  - a call of a function whose every return that can pass the guard
//    admits its parameter (the predicate the guard calls);
//  - `&&`, `||` and `!` of those, as logic says.
//
//===----------------------------------------------------------------------===//
#include "code/FiniteValues.h"
#include "code/Returns.h"
#include "code/Temporaries.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/SaveAndRestore.h"
#include <optional>

using namespace clang;

namespace leaklint {
namespace {

constexpr unsigned MaxDepth = 4;

struct Comparison {
  BinaryOperatorKind Op;
  const Expr *LHS;
  const Expr *RHS;
};

// A comparison, built in or overloaded (std::string's `==`), as `L op R`.
std::optional<Comparison> comparison(const Expr *E) {
  if (const auto *B = dyn_cast<BinaryOperator>(E))
    if (B->isComparisonOp())
      return Comparison{B->getOpcode(), B->getLHS(), B->getRHS()};
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getNumArgs() == 2) {
    BinaryOperatorKind K =
        BinaryOperator::getOverloadedOpcode(Op->getOperator());
    if (BinaryOperator::isComparisonOp(K))
      return Comparison{K, Op->getArg(0), Op->getArg(1)};
  }
  if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(E)) {
    CXXRewrittenBinaryOperator::DecomposedForm D =
        Rewritten->getDecomposedForm();
    if (BinaryOperator::isComparisonOp(D.Opcode))
      return Comparison{D.Opcode, D.LHS, D.RHS};
  }
  return std::nullopt;
}

bool isVariable(const Expr *E, const ValueDecl *V) {
  const auto *Ref = dyn_cast<DeclRefExpr>(ignoreTemporaries(E));
  return Ref && Ref->getDecl() == V;
}

bool isZero(const Expr *E, const ASTContext &Ctx) {
  Expr::EvalResult R;
  return !E->isValueDependent() && E->getType()->isIntegralOrEnumerationType() &&
         E->EvaluateAsInt(R, Ctx) && R.Val.getInt().isZero();
}

bool isBoolLiteral(const Expr *E, bool Value) {
  const auto *B = dyn_cast<CXXBoolLiteralExpr>(E->IgnoreParenImpCasts());
  return B && B->getValue() == Value;
}

// The object a begin/end call or an array's decay ranges over:
// `kNames.begin()`, `std::begin(kNames)`, `kNames` (an array).
const Expr *rangeObject(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    return Member->getImplicitObjectArgument();
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (Call->getNumArgs() == 1)
      return Call->getArg(0);
  return E->getType()->isArrayType() ? E : nullptr;
}

const FunctionDecl *stdAlgorithm(const CallExpr *Call) {
  const FunctionDecl *F = Call->getDirectCallee();
  if (!F || !F->isInStdNamespace() || !F->getIdentifier())
    return nullptr;
  return F;
}

// The one-parameter lambda a predicate argument is, if it is one.
const LambdaExpr *predicateLambda(const Expr *E) {
  const auto *L = dyn_cast<LambdaExpr>(ignoreTemporaries(E));
  if (!L || !L->getCallOperator() || L->getCallOperator()->getNumParams() != 1)
    return nullptr;
  return L;
}

} // namespace

bool FiniteValues::admits(const Expr *Cond, bool WhenTrue,
                          const ValueDecl *V, unsigned Depth) {
  if (Depth > MaxDepth || Cond->isValueDependent() || Cond->containsErrors())
    return false;
  Cond = ignoreTemporaries(Cond);
  if (const auto *U = dyn_cast<UnaryOperator>(Cond);
      U && U->getOpcode() == UO_LNot)
    return admits(U->getSubExpr(), !WhenTrue, V, Depth);
  if (const auto *B = dyn_cast<BinaryOperator>(Cond);
      B && B->isLogicalOp()) {
    // `a && b` holds: either part confines; `a || b` holds: both must.
    bool Both = (B->getOpcode() == BO_LOr) == WhenTrue;
    bool L = admits(B->getLHS(), WhenTrue, V, Depth);
    if (Both ? !L : L)
      return L;
    return admits(B->getRHS(), WhenTrue, V, Depth);
  }
  if (std::optional<Comparison> C = comparison(Cond)) {
    bool Equal = (C->Op == BO_EQ && WhenTrue) || (C->Op == BO_NE && !WhenTrue);
    if (isVariable(C->LHS, V))
      return Equal && finite(C->RHS, Depth + 1);
    if (isVariable(C->RHS, V))
      return Equal && finite(C->LHS, Depth + 1);
    // `x != 0`, `x > 0`, `x == 0` of a count or a predicate.
    if (isZero(C->RHS, *Ctx) && (C->Op == BO_NE || C->Op == BO_GT))
      return admits(C->LHS, WhenTrue, V, Depth);
    if (isZero(C->RHS, *Ctx) && C->Op == BO_EQ)
      return admits(C->LHS, !WhenTrue, V, Depth);
    // `kSet.find(v) != kSet.end()`, `std::find(b, e, v) != e`: not at end.
    if ((C->Op == BO_NE && WhenTrue) || (C->Op == BO_EQ && !WhenTrue))
      return found(C->LHS, V, Depth) || found(C->RHS, V, Depth);
    return false;
  }
  const auto *Call = dyn_cast<CallExpr>(Cond);
  if (!Call || !WhenTrue)
    return WhenTrue ? false : admitsWhenFalse(Cond, V, Depth);
  // `kSet.count(v)`, `kSet.contains(v)` of a constant container.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *M = Member->getMethodDecl();
    if (M && M->getIdentifier() &&
        (M->getName() == "count" || M->getName() == "contains") &&
        Member->getNumArgs() == 1 && isVariable(Member->getArg(0), V))
      return finite(Member->getImplicitObjectArgument(), Depth + 1);
  }
  if (const FunctionDecl *Algorithm = stdAlgorithm(Call)) {
    StringRef Name = Algorithm->getName();
    if (Name == "binary_search" && Call->getNumArgs() >= 3 &&
        isVariable(Call->getArg(2), V))
      return rangeFinite(Call->getArg(0), Depth);
    if (Name == "any_of" && Call->getNumArgs() == 3)
      return predicateAdmits(Call->getArg(0), Call->getArg(2), V, Depth);
    return false;
  }
  return calleeAdmits(Call, /*WhenTrue=*/true, V, Depth);
}

bool FiniteValues::admitsWhenFalse(const Expr *Cond, const ValueDecl *V,
                                   unsigned Depth) {
  const auto *Call = dyn_cast<CallExpr>(Cond);
  if (!Call)
    return false;
  if (const FunctionDecl *Algorithm = stdAlgorithm(Call)) {
    if (Algorithm->getName() == "none_of" && Call->getNumArgs() == 3)
      return predicateAdmits(Call->getArg(0), Call->getArg(2), V, Depth);
    return false;
  }
  return calleeAdmits(Call, /*WhenTrue=*/false, V, Depth);
}

bool FiniteValues::found(const Expr *Search, const ValueDecl *V,
                         unsigned Depth) {
  const auto *Call = dyn_cast<CallExpr>(ignoreTemporaries(Search));
  if (!Call)
    return false;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *M = Member->getMethodDecl();
    return M && M->getIdentifier() && M->getName() == "find" &&
           Member->getNumArgs() >= 1 && isVariable(Member->getArg(0), V) &&
           finite(Member->getImplicitObjectArgument(), Depth + 1);
  }
  const FunctionDecl *Algorithm = stdAlgorithm(Call);
  if (!Algorithm || Call->getNumArgs() != 3)
    return false;
  if (Algorithm->getName() == "find")
    return isVariable(Call->getArg(2), V) &&
           rangeFinite(Call->getArg(0), Depth);
  if (Algorithm->getName() == "find_if")
    return predicateAdmits(Call->getArg(0), Call->getArg(2), V, Depth);
  return false;
}

bool FiniteValues::rangeFinite(const Expr *Begin, unsigned Depth) {
  const Expr *Object = rangeObject(Begin);
  return Object && finite(Object, Depth + 1);
}

bool FiniteValues::predicateAdmits(const Expr *Begin, const Expr *Predicate,
                                   const ValueDecl *V, unsigned Depth) {
  const LambdaExpr *L = predicateLambda(Predicate);
  if (!L || !rangeFinite(Begin, Depth))
    return false;
  // Inside the predicate its parameter is an element of the range.
  const ParmVarDecl *Element = L->getCallOperator()->getParamDecl(0);
  llvm::SaveAndRestore<const ParmVarDecl *> Bind(RangeElement, Element);
  return returnsAdmit(L->getCallOperator(), /*WhenTrue=*/true, V, Depth + 1);
}

bool FiniteValues::calleeAdmits(const CallExpr *Call, bool WhenTrue,
                                const ValueDecl *V, unsigned Depth) {
  const FunctionDecl *F = Call->getDirectCallee();
  if (!F || isa<CXXMethodDecl>(F) || F->isVariadic())
    return false;
  // The parameter `v` is passed to.
  for (unsigned I = 0; I < Call->getNumArgs() && I < F->getNumParams(); ++I)
    if (isVariable(Call->getArg(I), V)) {
      const FunctionDecl *Def = nullptr;
      if (!F->hasBody(Def))
        return false;
      const ParmVarDecl *P = Def->getParamDecl(I);
      QualType T = P->getType();
      // The predicate reads the value it is given, unchanged.
      if (T->isReferenceType() && !T.getNonReferenceType().isConstQualified())
        return false;
      return !writtenIn(P, Def->getBody()) &&
             returnsAdmit(Def, WhenTrue, P, Depth + 1);
    }
  return false;
}

bool FiniteValues::returnsAdmit(const FunctionDecl *F, bool WhenTrue,
                                const ValueDecl *V, unsigned Depth) {
  if (Depth > MaxDepth || !F->getBody() ||
      Ctx->getSourceManager().isInSystemHeader(F->getLocation()))
    return false;
  SmallVector<const ReturnStmt *, 4> Found = returnsOf(F->getBody());
  return !Found.empty() && llvm::all_of(Found, [&](const ReturnStmt *R) {
    const Expr *Value = R->getRetValue();
    if (!Value)
      return false;
    // A return that cannot pass the guard admits nothing.
    return isBoolLiteral(Value, !WhenTrue) ||
           admits(Value, WhenTrue, V, Depth);
  });
}

} // namespace leaklint
