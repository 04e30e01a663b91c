//===--- SkippedPops.cpp - A scoped push whose pop one way out skips ------===//
//
// A thread_local "current request" stack that a function pushes on entry and
// pops before it returns holds only the calls in progress:
//
//   void Dispatcher::deliver(const ActorPtr &A, const Envelope &E) {
//     t_current.push_back(A);
//     if (!A->accepts(E))
//       return;                 // leaves A on the stack
//     A->receive(E);
//     t_current.pop_back();
//   }
//
// A return between the push and the pop leaves the element in: the stack
// grows by one per call that takes it, and keeps what it holds alive. Such a
// pop is no bound. The ways out are read on clang's CFG (lib/code/Paths.h),
// for a function that pushes and pops the same container outside loops and
// tests the container in none of its conditions (`if (!S.empty())
// S.pop_back();` or a size cap decide on what the path does not show).
//
//===----------------------------------------------------------------------===//
#include "UnboundedContainer.h"
#include "code/Paths.h"
#include "code/Loops.h"
#include "code/Mentions.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace leaklint {
namespace {

// Whether a condition of \p Body names \p D.
class ConditionsNaming : public RecursiveASTVisitor<ConditionsNaming> {
public:
  explicit ConditionsNaming(const ValueDecl *D) : D(D) {}
  bool VisitIfStmt(IfStmt *S) { return check(S->getCond()); }
  bool VisitWhileStmt(WhileStmt *S) { return check(S->getCond()); }
  bool VisitDoStmt(DoStmt *S) { return check(S->getCond()); }
  bool VisitForStmt(ForStmt *S) { return check(S->getCond()); }
  bool VisitSwitchStmt(SwitchStmt *S) { return check(S->getCond()); }
  bool VisitAbstractConditionalOperator(AbstractConditionalOperator *C) {
    return check(C->getCond());
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    return !B->isLogicalOp() || check(B->getLHS());
  }
  bool Found = false;

private:
  bool check(const Expr *Cond) {
    Found |= mentions(Cond, D);
    return !Found;
  }
  const ValueDecl *D;
};

} // namespace

std::optional<UnboundedContainer::SkippedPop>
UnboundedContainer::popSkippedOnSomeWayOut(const CXXMemberCallExpr *Pop,
                                           const ValueDecl *D) const {
  const FunctionDecl *F = functionAt(Pop->getBeginLoc());
  if (!Candidates.count(D) || !F || !F->getBody() ||
      insideLoop(Pop, F->getBody()))
    return std::nullopt;
  // The answer depends on the function and the container only: a function
  // with several pops of it (one per way out) walks its CFG once.
  auto [It, Inserted] = WaysSkippingPops.try_emplace({F, D});
  if (Inserted)
    It->second = wayOutSkippingPops(F, D);
  if (!It->second)
    return std::nullopt;
  return SkippedPop{Pop, It->second->first, It->second->second, F};
}

std::optional<std::pair<const Expr *, const Stmt *>>
UnboundedContainer::wayOutSkippingPops(const FunctionDecl *F,
                                       const ValueDecl *D) const {
  SmallVector<const Stmt *, 2> PopsHere;
  for (const auto &[Other, OtherDecl] : Pops)
    if (OtherDecl == D && functionAt(Other->getBeginLoc()) == F)
      PopsHere.push_back(Other);
  const Growth *Push = nullptr;
  for (const Growth &G : Candidates.find(D)->second.Growths)
    if (!G.Element && functionAt(G.Site->getBeginLoc()) == F) {
      if (insideLoop(G.Site, F->getBody()))
        return std::nullopt;
      Push = Push ? Push : &G;
    }
  if (!Push)
    return std::nullopt;
  ConditionsNaming Tests(D);
  Tests.TraverseStmt(F->getBody());
  if (Tests.Found)
    return std::nullopt;
  const Stmt *Exit = exitAvoiding(F, Push->Site, PopsHere,
                                  [](const Expr *) { return std::nullopt; });
  if (!Exit)
    return std::nullopt;
  return std::make_pair(Push->Site, Exit);
}

} // namespace leaklint
