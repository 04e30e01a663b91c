//===--- CallableOwners.cpp - The shared_ptr owners a callable holds ------===//
#include "CallableOwners.h"
#include "CallableHolders.h"
#include "Compat.h"
#include "ContainerTypes.h"
#include "OwnershipGraph.h"
#include "code/AggregateInits.h"
#include "code/LibraryFunctions.h"
#include "code/Returns.h"
#include "code/Temporaries.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {
namespace {


// Callables kept in locals that are kept in locals... deeper than this is
// not code anyone writes.
constexpr unsigned MaxDepth = 6;
// Factories that call factories that return the callable: two calls deep
// covers `makeHandler(self)` and a helper it calls.
constexpr unsigned MaxCalls = 2;

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
        visitBind(Call, Through, Depth);
      else
        visitReturned(Call, Through, Depth);
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
      if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(VD))
        visitArgument(Param, Through, Depth);
      else if (VD && !VD->getType()->isReferenceType())
        visitLocal(VD, Through, Depth);
    }
  }

  // `makeTimer([self] {...})` where `makeTimer(F f)` keeps `f` in what it
  // returns: a parameter of a followed call holds what the call's argument
  // holds, read in the caller, which made it.
  void visitArgument(const ParmVarDecl *Param, const VarDecl *Through,
                     unsigned Depth) {
    if (Calls.empty() || Param->getDeclContext() != Calls.back().Callee ||
        current().count(Param->getCanonicalDecl()) ||
        Param->getFunctionScopeIndex() >= Calls.back().Call->getNumArgs())
      return;
    CallFrame Frame = Calls.pop_back_val();
    const CallExpr *Outer = Wrapping;
    if (!Frame.Stores)
      Wrapping = Frame.Call;
    visit(Frame.Call->getArg(Param->getFunctionScopeIndex()), Through,
          Depth + 1);
    Wrapping = Outer;
    Calls.push_back(std::move(Frame));
  }

  // The callable a local was initialised with, when it was not changed
  // since; the first such local of the storing function is where the
  // callable was kept.
  void visitLocal(const VarDecl *VD, const VarDecl *Through, unsigned Depth) {
    if (!VD->isLocalVarDecl() || !VD->getInit() ||
        current().count(VD->getCanonicalDecl()))
      return;
    const VarDecl *KeptIn = Through || !Calls.empty() ? Through : VD;
    visit(VD->getInit(), KeptIn, Depth + 1);
    // A struct filled in field by field: `Retry r; r.fn = std::move(f);`.
    if (VD->getType()->isRecordType())
      for (const FieldInit &Assigned : fieldAssignments(
               dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod()),
               VD))
        visit(Assigned.second, KeptIn, Depth + 1);
  }

  // `doc->setSaver(makeSaverFor(doc))`: a free function of the TU that
  // returns the callable, or an object made for it, holds what its return
  // value holds, with its parameters standing for the call's arguments.
  void visitReturned(const CallExpr *Call, const VarDecl *Through,
                     unsigned Depth) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Def = nullptr;
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
    if (!Callee || (Method && !Method->isStatic()) || isa<CXXOperatorCallExpr>(Call) ||
        Calls.size() >= MaxCalls || !Callee->hasBody(Def) || !Def->getBody() ||
        Def->isInStdNamespace() || Def->getNumParams() != Call->getNumArgs() ||
        llvm::any_of(Calls, [&](const CallFrame &Frame) {
          return Frame.Callee == Def;
        }))
      return;
    Calls.push_back({Call, Def, reassignedLocals(Def)});
    for (const ReturnStmt *Return : returnsOf(Def->getBody()))
      if (const Expr *Value = Return->getRetValue())
        visit(Value, Through, Depth + 1);
    Calls.pop_back();
  }

  // \p Made, in the body of \p Callee, as \p Call sees it.
  void visitMadeIn(const Expr *Made, const CallExpr *Call,
                   const FunctionDecl *Callee) {
    const FunctionDecl *Def = Callee->getDefinition();
    if (!Def || !Def->getBody() || Def->getNumParams() < Call->getNumArgs() ||
        isa<CXXOperatorCallExpr>(Call))
      return;
    Calls.push_back({Call, Def, reassignedLocals(Def), /*Stores=*/true});
    visit(Made, nullptr, 0);
    Calls.pop_back();
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
        else if (const auto *Param = dyn_cast<ParmVarDecl>(VD))
          visitArgument(Param, Through, Depth);
        else
          visitLocal(VD, Through, Depth);
        continue;
      }
      if (VD->isInitCapture()) {
        O.Kind = CallableOwner::InitCapture;
        O.Object = nameObject(VD->getInit(), &current());
      } else {
        O.Kind = CallableOwner::VariableCapture;
        O.Object = nameVariable(VD, &current());
      }
      add(std::move(O));
    }
  }

  void visitBind(const CallExpr *Call, const VarDecl *Through,
                 unsigned Depth) {
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
      if (!O.Class) {
        // A callable bound as an argument holds what it holds.
        visit(Arg, Through, Depth + 1);
        continue;
      }
      O.Object = nameObject(Arg, &current());
      add(std::move(O));
    }
  }

private:
  struct CallFrame {
    const CallExpr *Call;
    const FunctionDecl *Callee;
    ReassignedSet Reassigned; ///< the callee's
    /// The callee stores what it makes (visitMadeIn()) rather than
    /// returning it.
    bool Stores = false;
  };

  const ReassignedSet &current() const {
    return Calls.empty() ? Reassigned : Calls.back().Reassigned;
  }

  // Names the owner in the storing function's terms: a parameter of a
  // followed call is that call's argument. What the callee made or keeps in
  // its own locals is no object the storing function knows.
  void add(CallableOwner O) {
    for (size_t I = Calls.size(); I-- > 0;) {
      const CallFrame &Frame = Calls[I];
      const auto *Param = O.Object.Kind == ObjectName::Variable
                              ? dyn_cast<ParmVarDecl>(static_cast<const Decl *>(
                                    O.Object.Root))
                              : nullptr;
      if (!Param || Param->getDeclContext() != Frame.Callee ||
          Param->getFunctionScopeIndex() >= Frame.Call->getNumArgs()) {
        O.Object = ObjectName();
        break;
      }
      ObjectName Arg =
          nameObject(Frame.Call->getArg(Param->getFunctionScopeIndex()),
                     I == 0 ? &Reassigned : &Calls[I - 1].Reassigned);
      Arg.Path.append(O.Object.Path.begin(), O.Object.Path.end());
      O.Object = std::move(Arg);
    }
    if (!Calls.empty())
      O.MadeBy = Calls.front().Call;
    O.WrappedBy = Wrapping;
    Out.push_back(std::move(O));
  }

  const ReassignedSet &Reassigned;
  SmallVectorImpl<CallableOwner> &Out;
  SmallVector<CallFrame, MaxCalls> Calls;
  /// The followed call the callable was handed to, outermost, while its
  /// argument is read (visitArgument()).
  const CallExpr *Wrapping = nullptr;
};

} // namespace

SmallVector<CallableOwner, 1> callableOwners(const Expr *Stored,
                                             const ReassignedSet &Reassigned) {
  SmallVector<CallableOwner, 1> Out;
  OwnerFinder(Reassigned, Out).visit(Stored, nullptr, 0);
  return Out;
}

SmallVector<CallableOwner, 1>
callableOwnersMadeIn(const Expr *Made, const CallExpr *Call,
                     const FunctionDecl *Callee,
                     const ReassignedSet &Reassigned) {
  SmallVector<CallableOwner, 1> Out;
  OwnerFinder(Reassigned, Out).visitMadeIn(Made, Call, Callee);
  return Out;
}

SmallVector<CallableOwner, 1> lambdaOwners(const LambdaExpr *L,
                                           const ReassignedSet &Reassigned) {
  SmallVector<CallableOwner, 1> Out;
  OwnerFinder(Reassigned, Out).visitLambda(L, nullptr, 0);
  return Out;
}

} // namespace leaklint
