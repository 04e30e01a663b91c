//===--- InstanceSource.cpp - Does an expression carry `this` -------------===//
#include "InstanceSource.h"
#include "Compat.h"
#include "code/LibraryFunctions.h"
#include "identity/ForwardingCalls.h"
#include "ownership/OwnershipGraph.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {
namespace {

constexpr unsigned MaxDepth = 8;

// Standard functions whose result carries their arguments along.
bool forwardsArguments(const FunctionDecl *FD) {
  return isStdFunction(FD, {"make_pair", "make_tuple", "forward_as_tuple",
                            "tie", "ref", "cref", "addressof", "move",
                            "forward", "make_optional", "as_const"});
}

const CXXRecordDecl *classOfThis(const CXXThisExpr *This) {
  const CXXRecordDecl *RD = This->getType()->getPointeeCXXRecordDecl();
  return RD ? RD->getCanonicalDecl() : nullptr;
}

// `std::hash<T *>{}(p)`: the address \p Call hashes, which it returns.
const Expr *hashedPointer(const CallExpr *Call) {
  const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
  if (!Op || Op->getOperator() != OO_Call || Op->getNumArgs() != 2)
    return nullptr;
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
  const auto *Hash =
      M ? dyn_cast<ClassTemplateSpecializationDecl>(M->getParent()) : nullptr;
  if (!Hash || !Hash->isInStdNamespace() || Hash->getName() != "hash" ||
      Hash->getTemplateArgs().size() != 1 ||
      Hash->getTemplateArgs()[0].getKind() != TemplateArgument::Type ||
      !Hash->getTemplateArgs()[0].getAsType()->isPointerType())
    return nullptr;
  return Op->getArg(1);
}

// What ends a walk: `this` always; a parameter only when the caller asks
// for one (findParameterSource()).
enum class Leaves { This, ThisOrParameter };

std::optional<InstanceSource> find(const Expr *E, unsigned Depth,
                                   Leaves Leaf = Leaves::This);

std::optional<InstanceSource> findInArgs(ArrayRef<const Expr *> Args,
                                         unsigned Depth, Leaves Leaf) {
  for (const Expr *A : Args)
    if (auto S = find(A, Depth + 1, Leaf))
      return S;
  return std::nullopt;
}

// The owner of the current object a lambda holds by copy: an init-capture
// or a captured local that carries shared_from_this().
std::optional<InstanceSource> capturedOwner(const LambdaExpr *L,
                                            unsigned Depth) {
  for (const LambdaCapture &C : L->captures()) {
    if (!C.capturesVariable() || C.getCaptureKind() != LCK_ByCopy)
      continue;
    const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar());
    if (!VD || isa<ParmVarDecl>(VD) || VD->getType()->isReferenceType() ||
        !VD->getInit())
      continue;
    if (std::optional<InstanceSource> S = find(VD->getInit(), Depth + 1))
      if (S->Owning && S->Class)
        return S;
  }
  return std::nullopt;
}

// \p Source, as held by the callable \p Callable.
std::optional<InstanceSource>
ownedByCallable(const Expr *Callable, std::optional<InstanceSource> Source) {
  if (!Source)
    return std::nullopt;
  Source->Origin = Callable;
  Source->Captured = true;
  return Source;
}

std::optional<InstanceSource> find(const Expr *E, unsigned Depth,
                                   Leaves Leaf) {
  if (!E || Depth > MaxDepth || E->containsErrors())
    return std::nullopt;
  E = E->IgnoreParenImpCasts();

  if (const auto *This = dyn_cast<CXXThisExpr>(E))
    return InstanceSource{This, classOfThis(This), false};

  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
    std::optional<InstanceSource> S = find(Cast->getSubExpr(), Depth + 1, Leaf);
    // A base class naming its derived object (CRTP, `static_cast<Buffer *>(
    // this)`): the object stored is the derived one.
    if (S && S->Class)
      if (const CXXRecordDecl *To = Cast->getType()->getPointeeCXXRecordDecl())
        if (To->hasDefinition() && To->getDefinition()->isDerivedFrom(S->Class))
          S->Class = To->getCanonicalDecl();
    return S;
  }

  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf)
      return find(U->getSubExpr(), Depth + 1, Leaf);
    return std::nullopt;
  }

  // shared_from_this(), weak_from_this().lock(), a pointer cast of them,
  // a `getShared()` or a project's `Cast<T>(p)` that returns its operand.
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (const Expr *Operand = forwardedOperand(Call)) {
      std::optional<InstanceSource> S = find(Operand, Depth + 1, Leaf);
      if (S && sharedPointee(Call->getType())) {
        S->Origin = Call;
        S->Owning = true;
      }
      return S;
    }
    if (const Expr *Address = hashedPointer(Call))
      return find(Address, Depth + 1, Leaf);
    // `std::bind(&T::f, shared_from_this())`: the bind object owns it.
    if (isBindFunction(Call->getDirectCallee())) {
      for (const Expr *Arg : llvm::drop_begin(Call->arguments()))
        if (std::optional<InstanceSource> S = find(Arg, Depth + 1))
          if (S->Owning)
            return ownedByCallable(Call, S);
      return std::nullopt;
    }
    if (!forwardsArguments(Call->getDirectCallee()))
      return std::nullopt;
    return findInArgs({Call->getArgs(), Call->getNumArgs()}, Depth, Leaf);
  }

  if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
    return ownedByCallable(Lambda, capturedOwner(Lambda, Depth));

  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return findInArgs({Construct->getArgs(), Construct->getNumArgs()}, Depth, Leaf);
  if (const auto *Init = dyn_cast<InitListExpr>(E))
    return findInArgs({Init->getInits(), Init->getNumInits()}, Depth, Leaf);
  if (const auto *ParenInit = dyn_cast<CXXParenListInitExpr>(E))
    return findInArgs(ParenInit->getInitExprs(), Depth, Leaf);
  if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(E))
    return find(List->getSubExpr(), Depth + 1, Leaf);
  // Nodes that only carry a value along are not steps: a callable built
  // in a local and moved on (`Fn F = [Self] {...}; add(std::move(F));`)
  // nests several of them.
  if (const auto *Tmp = dyn_cast<MaterializeTemporaryExpr>(E))
    return find(Tmp->getSubExpr(), Depth, Leaf);
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
    return find(Bind->getSubExpr(), Depth, Leaf);
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
    return find(Cleanups->getSubExpr(), Depth, Leaf);
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(E)) {
    if (auto S = find(Cond->getTrueExpr(), Depth + 1, Leaf))
      return S;
    return find(Cond->getFalseExpr(), Depth + 1, Leaf);
  }

  // A key built from `this` in a local first: `auto Key = std::pair(this, N);`
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
        Param && Leaf == Leaves::ThisOrParameter)
      return InstanceSource{Ref, nullptr, false, Param};
    const auto *Local = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Local || !Local->hasLocalStorage() || isa<ParmVarDecl>(Local) ||
        Local->getType()->isReferenceType())
      return std::nullopt;
    return find(Local->getInit(), Depth + 1, Leaf);
  }
  return std::nullopt;
}

} // namespace

std::optional<InstanceSource> findInstanceSource(const Expr *E) {
  return find(E, 0);
}

std::optional<InstanceSource> findParameterSource(const Expr *E) {
  std::optional<InstanceSource> S = find(E, 0, Leaves::ThisOrParameter);
  if (!S || !S->Parameter)
    return std::nullopt;
  return S;
}

std::optional<ThisCapture> capturedThis(const LambdaExpr *L) {
  for (const LambdaCapture &C : L->captures()) {
    if (C.capturesThis() && C.getCaptureKind() == LCK_This)
      return ThisCapture{C.getLocation(), false};
    if (!C.capturesVariable())
      continue;
    const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar());
    if (!VD || !VD->isInitCapture())
      continue;
    if (auto Source = find(VD->getInit(), 0))
      return ThisCapture{C.getLocation(), Source->Owning};
  }
  return std::nullopt;
}

} // namespace leaklint
