//===--- CallableOwners.cpp - The shared_ptr owners a callable holds ------===//
#include "CallableOwners.h"
#include "CallableHolders.h"
#include "Compat.h"
#include "ContainerTypes.h"
#include "OwnershipGraph.h"
#include "code/LibraryFunctions.h"
#include "code/Temporaries.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {
namespace {


// Callables kept in locals that are kept in locals... deeper than this is
// not code anyone writes.
constexpr unsigned MaxDepth = 6;

// Strips what neither makes nor changes a callable: conversions,
// temporaries, parentheses, std::move.
const Expr *unwrap(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 2 * MaxDepth; ++Depth) {
    E = ignoreTemporaries(E);
    const auto *Call = dyn_cast_or_null<CallExpr>(E);
    if (!Call || Call->getNumArgs() != 1 ||
        !isStdFunction(Call->getDirectCallee(), {"move", "forward"}))
      return E;
    E = Call->getArg(0);
  }
  return E;
}

class OwnerFinder {
public:
  OwnerFinder(const ReassignedSet &Reassigned,
              SmallVectorImpl<CallableOwner> &Out)
      : Reassigned(Reassigned), Out(Out) {}

  void visit(const Expr *E, const VarDecl *Through, unsigned Depth) {
    E = unwrap(E);
    if (!E || Depth > MaxDepth || E->containsErrors())
      return;
    if (const auto *L = dyn_cast<LambdaExpr>(E)) {
      visitLambda(L, Through, Depth);
      return;
    }
    // A callable kept by an object made for it (type erasure):
    // `std::make_unique<Task<F>>(std::move(f))`, `new Task<F>(f)`.
    if (const Expr *Held = heldCallableArgument(E)) {
      visit(Held, Through, Depth + 1);
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      if (isBindFunction(Call->getDirectCallee()))
        visitBind(Call, Through);
      return;
    }
    // std::function<void()>(lambda), std::pair(key, lambda), {key, lambda}.
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      // A thread runs its callable and then destroys it: keep-alive, not
      // storage.
      if (const CXXRecordDecl *RD = Construct->getType()->getAsCXXRecordDecl())
        if (llvm::is_contained({"std::thread", "std::jthread", "boost::thread"},
                               qualifiedName(RD)))
          return;
      for (const Expr *Arg : Construct->arguments())
        visit(Arg, Through, Depth + 1);
      return;
    }
    if (const auto *Init = dyn_cast<InitListExpr>(E)) {
      for (const Expr *Element : Init->inits())
        visit(Element, Through, Depth + 1);
      return;
    }
    // A callable made first and stored later: `auto cb = [self] {...};`.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
      if (VD && !VD->getType()->isReferenceType())
        visitLocal(VD, Through, Depth);
    }
  }

  // The callable a local was initialised with, when it was not changed
  // since; the first such local is where the callable was kept.
  void visitLocal(const VarDecl *VD, const VarDecl *Through, unsigned Depth) {
    if (VD->isLocalVarDecl() && VD->getInit() &&
        !Reassigned.count(VD->getCanonicalDecl()))
      visit(VD->getInit(), Through ? Through : VD, Depth + 1);
  }

  void visitLambda(const LambdaExpr *L, const VarDecl *Through,
                   unsigned Depth) {
    for (const LambdaCapture &C : L->captures()) {
      if (!C.capturesVariable() || C.getCaptureKind() != LCK_ByCopy)
        continue;
      const auto *VD = dyn_cast_or_null<VarDecl>(C.getCapturedVar());
      if (!VD)
        continue;
      CallableOwner O;
      O.Callable = L;
      O.Var = VD;
      O.Loc = C.getLocation();
      O.Implicit = C.isImplicit();
      O.Through = Through;
      O.Class = sharedPointee(VD->getType());
      if (!O.Class) {
        // A callable captured into the callable holds what it holds:
        // `[cb = std::move(cb)]`, `[inner]`.
        if (VD->isInitCapture())
          visit(VD->getInit(), Through, Depth + 1);
        else
          visitLocal(VD, Through, Depth);
        continue;
      }
      if (VD->isInitCapture()) {
        O.Kind = CallableOwner::InitCapture;
        O.Object = nameObject(VD->getInit(), &Reassigned);
      } else {
        O.Kind = CallableOwner::VariableCapture;
        O.Object = nameVariable(VD, &Reassigned);
      }
      Out.push_back(std::move(O));
    }
  }

  void visitBind(const CallExpr *Call, const VarDecl *Through) {
    // Argument 0 is the function; the object and arguments follow.
    for (unsigned I = 1; I < Call->getNumArgs(); ++I) {
      const Expr *Arg = Call->getArg(I);
      CallableOwner O;
      O.Kind = CallableOwner::BoundArgument;
      O.Bound = Arg;
      O.Callable = Call;
      O.Loc = Arg->getBeginLoc();
      O.Through = Through;
      O.Class = sharedPointee(unwrap(Arg)->getType());
      if (!O.Class)
        continue;
      O.Object = nameObject(Arg, &Reassigned);
      Out.push_back(std::move(O));
    }
  }

private:
  const ReassignedSet &Reassigned;
  SmallVectorImpl<CallableOwner> &Out;
};

} // namespace

SmallVector<CallableOwner, 1> callableOwners(const Expr *Stored,
                                             const ReassignedSet &Reassigned) {
  SmallVector<CallableOwner, 1> Out;
  OwnerFinder(Reassigned, Out).visit(Stored, nullptr, 0);
  return Out;
}

SmallVector<CallableOwner, 1> lambdaOwners(const LambdaExpr *L,
                                           const ReassignedSet &Reassigned) {
  SmallVector<CallableOwner, 1> Out;
  OwnerFinder(Reassigned, Out).visitLambda(L, nullptr, 0);
  return Out;
}

} // namespace leaklint
