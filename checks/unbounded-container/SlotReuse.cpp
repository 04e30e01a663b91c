//===--- SlotReuse.cpp - Growth that runs only when no slot is free -------===//
//
// A vector that keeps a free list, or looks for a dead entry before it
// grows, stays as large as the most entries ever live at once: the growth
// runs only when no slot was reused.
//
//   if (!free_.empty()) { slots_[free_.back()] = x; free_.pop_back(); }
//   else slots_.push_back(x);
//
//   for (auto &c : conns_) if (c->dead()) { c = conn; placed = true; break; }
//   if (!placed) conns_.push_back(conn);
//
// So growth under a condition, in a function that also writes into an
// element of the same container on another path (not under every condition
// of the growth, held the same way), is not accumulation. A map's `m[k] = v`
// adds a key and reuses nothing; only sequences count.
//
//===----------------------------------------------------------------------===//
#include "UnboundedContainer.h"
#include "code/Guards.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace leaklint {
namespace {

class SlotWrites : public RecursiveASTVisitor<SlotWrites> {
public:
  explicit SlotWrites(llvm::function_ref<bool(const Expr *)> IsElement,
                      llvm::function_ref<bool(const Expr *)> IsContainer)
      : IsElement(IsElement), IsContainer(IsContainer) {}

  bool shouldVisitLambdaExpressions() const { return false; }

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() == BO_Assign && written(B->getLHS()))
      Writes.push_back(B);
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        written(Op->getArg(0)))
      Writes.push_back(Op);
    return true;
  }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *For) {
    // `for (auto &slot : container)`: the loop variable is an element.
    const VarDecl *Var = For->getLoopVariable();
    bool Elements = Var && Var->getType()->isReferenceType() &&
                    !Var->getType()->getPointeeType().isConstQualified() &&
                    IsContainer(For->getRangeInit());
    if (Elements)
      LoopElements.push_back(Var);
    bool Continue = RecursiveASTVisitor::TraverseCXXForRangeStmt(For);
    if (Elements)
      LoopElements.pop_back();
    return Continue;
  }

  /// Assignments to an element.
  SmallVector<const Stmt *, 2> Writes;

private:
  bool written(const Expr *LHS) const {
    if (IsElement(LHS))
      return true;
    const auto *Ref = dyn_cast<DeclRefExpr>(LHS->IgnoreParenImpCasts());
    return Ref && llvm::is_contained(LoopElements, Ref->getDecl());
  }

  llvm::function_ref<bool(const Expr *)> IsElement, IsContainer;
  SmallVector<const VarDecl *, 2> LoopElements;
};

} // namespace

bool UnboundedContainer::reusesSlots(const ValueDecl *D,
                                     const Expr *Site) const {
  const ClassTemplateSpecializationDecl *Container =
      Containers.asContainer(containerType(D));
  if (!Container || ContainerTypes::isKeyed(Container))
    return false;
  const FunctionDecl *F = functionHolding(Site);
  std::optional<SmallVector<Guard, 4>> Guards =
      F ? guardsOf(Site, F->getBody()) : std::nullopt;
  if (!Guards || Guards->empty())
    return false;
  auto Is = [&](const Expr *E, bool Direct) {
    std::optional<Storage> S = E ? storageOf(E, Direct) : std::nullopt;
    return S && S->Decl == D;
  };
  auto IsElement = [&](const Expr *E) { return Is(E, false) && !Is(E, true); };
  auto IsContainer = [&](const Expr *E) { return Is(E, true); };
  SlotWrites Slots(IsElement, IsContainer);
  Slots.TraverseStmt(const_cast<Stmt *>(F->getBody()));
  return llvm::any_of(Slots.Writes, [&](const Stmt *Write) {
    std::optional<SmallVector<Guard, 4>> Own = guardsOf(Write, F->getBody());
    auto Shares = [&](const Guard &G) {
      return Own && llvm::any_of(*Own, [&](const Guard &O) {
               return O.Cond == G.Cond && O.WhenTrue == G.WhenTrue;
             });
    };
    return !llvm::all_of(*Guards, Shares);
  });
}

} // namespace leaklint
