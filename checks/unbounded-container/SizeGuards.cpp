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
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace leaklint {
namespace {

/// A condition that holds (WhenTrue) or fails wherever the guarded code runs.
struct Guard {
  const Expr *Cond;
  bool WhenTrue;
};

// True when \p S leaves the enclosing block: `return`, `break`, `continue`,
// `throw`, or a block ending in one.
bool exits(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    return !Block->body_empty() && exits(Block->body_back());
  if (const auto *E = dyn_cast_or_null<Expr>(S))
    return isa<CXXThrowExpr>(E->IgnoreParenImpCasts());
  return isa_and_nonnull<ReturnStmt>(S) || isa_and_nonnull<BreakStmt>(S) ||
         isa_and_nonnull<ContinueStmt>(S);
}

// The guards under which \p Target runs within a function body: the
// conditions of the ifs and loops around it, and the early exits before it
// (`if (c.size() >= Max) return;` guards what follows with the condition
// false).
class GuardWalk {
public:
  explicit GuardWalk(const Stmt *Target) : Target(Target) {}

  bool walk(const Stmt *S) {
    if (!S)
      return false;
    if (S == Target) {
      Found = Guards;
      return true;
    }
    if (isa<LambdaExpr>(S))
      return false; // Its body is a function of its own.
    if (const auto *If = dyn_cast<IfStmt>(S))
      return walk(If->getInit()) ||
             walk(If->getConditionVariableDeclStmt()) ||
             walk(If->getCond()) ||
             guarded({If->getCond(), true}, If->getThen()) ||
             guarded({If->getCond(), false}, If->getElse());
    if (const auto *While = dyn_cast<WhileStmt>(S))
      return walk(While->getCond()) ||
             guarded({While->getCond(), true}, While->getBody());
    if (const auto *For = dyn_cast<ForStmt>(S)) {
      if (walk(For->getInit()) || walk(For->getCond()) || walk(For->getInc()))
        return true;
      return For->getCond() ? guarded({For->getCond(), true}, For->getBody())
                            : walk(For->getBody());
    }
    if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
      size_t Outer = Guards.size();
      bool Hit = false;
      for (const Stmt *Child : Block->body()) {
        if ((Hit = walk(Child)))
          break;
        if (const auto *If = dyn_cast<IfStmt>(Child);
            If && !If->getElse() && exits(If->getThen()))
          Guards.push_back({If->getCond(), false});
      }
      Guards.resize(Outer);
      return Hit;
    }
    for (const Stmt *Child : S->children())
      if (walk(Child))
        return true;
    return false;
  }

  llvm::SmallVector<Guard, 4> Found;

private:
  bool guarded(Guard G, const Stmt *S) {
    if (!S || !G.Cond)
      return walk(S);
    Guards.push_back(G);
    bool Hit = walk(S);
    Guards.pop_back();
    return Hit;
  }

  const Stmt *Target;
  llvm::SmallVector<Guard, 4> Guards;
};

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
  GuardWalk Walk(Site);
  if (!Walk.walk(F->getBody()))
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
  return llvm::any_of(Walk.Found,
                      [&](const Guard &G) { return Bounds(G.Cond, G.WhenTrue); });
}

} // namespace leaklint
