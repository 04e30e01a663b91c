//===--- SizeGuards.cpp - Growth that a size check bounds ------------------===//
//
// A container whose growth only runs while a check of its own size holds is
// bounded by that check: filled while empty (`if (c.empty()) fill(c)`), grown
// up to an index and then addressed by slot (`while (i >= v.size())
// v.emplace_back(); v[i] = x;`), or capped (`if (log.size() >= Max) return;`).
// A lookup (`count`, `find`) guards nothing: a cache that adds what it did
// not find grows with every new key.
//
//===----------------------------------------------------------------------===//
#include "UnboundedContainer.h"
#include "code/Guards.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace leaklint {
namespace {

// The container whose `size()` or `empty()` (\p Query) \p E calls.
const Expr *queriedContainer(const Expr *E, StringRef Query) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E->IgnoreParenImpCasts());
  const CXXMethodDecl *M = Call ? Call->getMethodDecl() : nullptr;
  if (!M || !M->getDeclName().isIdentifier() || M->getName() != Query)
    return nullptr;
  return Call->getImplicitObjectArgument();
}

} // namespace

bool UnboundedContainer::boundedBySize(const ValueDecl *D,
                                       const Expr *Site) const {
  const FunctionDecl *F = functionAt(Site->getBeginLoc());
  if (!F || !F->getBody())
    return false;
  std::optional<SmallVector<Guard, 4>> Guards = guardsOf(Site, F->getBody());
  if (!Guards)
    return false;
  auto IsD = [&](const Expr *Container) {
    std::optional<Storage> S =
        Container ? storageOf(Container, /*Direct=*/true) : std::nullopt;
    return S && S->Decl == D;
  };
  // Does the guarded code run only while the container is small?
  std::function<bool(const Expr *, bool)> Bounds = [&](const Expr *Cond,
                                                       bool WhenTrue) {
    Cond = Cond->IgnoreParenImpCasts();
    if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
        Not && Not->getOpcode() == UO_LNot)
      return Bounds(Not->getSubExpr(), !WhenTrue);
    if (const auto *B = dyn_cast<BinaryOperator>(Cond)) {
      if ((B->getOpcode() == BO_LAnd && WhenTrue) ||
          (B->getOpcode() == BO_LOr && !WhenTrue))
        return Bounds(B->getLHS(), WhenTrue) || Bounds(B->getRHS(), WhenTrue);
      if (!B->isComparisonOp())
        return false;
      // As `size() Op limit`, where the guarded code runs.
      BinaryOperatorKind Op = B->getOpcode();
      const Expr *Size = B->getLHS();
      if (!IsD(queriedContainer(Size, "size"))) {
        Size = B->getRHS();
        Op = BinaryOperator::reverseComparisonOp(Op);
      }
      if (!IsD(queriedContainer(Size, "size")))
        return false;
      if (!WhenTrue)
        Op = BinaryOperator::negateComparisonOp(Op);
      return Op == BO_LT || Op == BO_LE || Op == BO_EQ;
    }
    if (IsD(queriedContainer(Cond, "empty")))
      return WhenTrue;
    // `if (c.size()) return;`: runs while it is empty.
    if (IsD(queriedContainer(Cond, "size")))
      return !WhenTrue;
    return false;
  };
  return llvm::any_of(*Guards,
                      [&](const Guard &G) { return Bounds(G.Cond, G.WhenTrue); });
}

} // namespace leaklint
