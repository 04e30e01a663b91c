//===--- CallableHolders.cpp - Types and values that hold callables -------===//
#include "ownership/CallableHolders.h"
#include "code/LibraryFunctions.h"
#include "ownership/ContainerTypes.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {
namespace {

// How deep an initialiser's braces and conversions are followed.
constexpr unsigned MaxDepth = 12;

// A constructor of a class that keeps its arguments: the standard library's
// (containers, pairs, tuples, function) and, for user classes, a parameter
// that is itself a callable holder.
bool keepsArgument(const CXXConstructExpr *Construct, unsigned Index) {
  const CXXConstructorDecl *Ctor = Construct->getConstructor();
  if (!Ctor)
    return false;
  if (Ctor->getParent()->isInStdNamespace() || Ctor->isCopyOrMoveConstructor())
    return true;
  if (Index >= Ctor->getNumParams())
    return false;
  return isCallableHolderType(
      Ctor->getParamDecl(Index)->getType().getNonReferenceType());
}

void collect(const Expr *E, unsigned Depth,
             SmallVectorImpl<const Expr *> &Out) {
  if (!E || Depth > MaxDepth)
    return;
  E = E->IgnoreParenImpCasts();
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
    return collect(Cleanups->getSubExpr(), Depth + 1, Out);
  if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
    return collect(Temp->getSubExpr(), Depth + 1, Out);
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
    return collect(Bind->getSubExpr(), Depth + 1, Out);
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
    return collect(Cast->getSubExpr(), Depth + 1, Out);
  if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(E))
    return collect(List->getSubExpr(), Depth + 1, Out);
  if (const auto *Designated = dyn_cast<DesignatedInitExpr>(E))
    return collect(Designated->getInit(), Depth + 1, Out);
  if (isa<LambdaExpr>(E)) {
    Out.push_back(E);
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (isBindFunction(Call->getDirectCallee()))
      Out.push_back(E);
    return;
  }
  if (const auto *List = dyn_cast<InitListExpr>(E)) {
    for (const Expr *Element : List->inits())
      collect(Element, Depth + 1, Out);
    return;
  }
  if (const auto *Parens = dyn_cast<CXXParenListInitExpr>(E)) {
    for (const Expr *Element : Parens->getInitExprs())
      collect(Element, Depth + 1, Out);
    return;
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    for (unsigned I = 0, N = Construct->getNumArgs(); I != N; ++I)
      if (keepsArgument(Construct, I))
        collect(Construct->getArg(I), Depth + 1, Out);
    return;
  }
}

} // namespace

bool isCallableHolderType(QualType T) {
  if (T.isNull())
    return false;
  T = T.getCanonicalType();
  if (T->isFunctionPointerType() || T->isMemberFunctionPointerType())
    return true;
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier())
    return false;
  if (RD->isInStdNamespace())
    return llvm::is_contained({"function", "move_only_function",
                               "copyable_function", "packaged_task", "any"},
                              RD->getName());
  return qualifiedName(RD) == "boost::function";
}

bool holdsCallable(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition() || RD->isInStdNamespace())
    return false;
  RD = RD->getDefinition();
  for (const FieldDecl *F : RD->fields()) {
    QualType T = F->getType();
    const CXXRecordDecl *FieldClass = T->getAsCXXRecordDecl();
    if (isCallableHolderType(T) || (FieldClass && FieldClass->isLambda()))
      return true;
  }
  return llvm::any_of(RD->bases(), [](const CXXBaseSpecifier &Base) {
    return holdsCallable(Base.getType()->getAsCXXRecordDecl());
  });
}

const Expr *heldCallableArgument(const Expr *Made) {
  // Through the conversion to a pointer to the base:
  // `unique_ptr<TaskBase>(make_unique<Task<F>>(f))`.
  for (unsigned Step = 0; Made && Step < 6; ++Step) {
    Made = Made->IgnoreImplicit()->IgnoreParenImpCasts();
    const auto *Construct = dyn_cast<CXXConstructExpr>(Made);
    if (!Construct || Construct->getNumArgs() != 1 ||
        !Construct->getConstructor() ||
        !Construct->getConstructor()->getParent()->isInStdNamespace())
      break;
    Made = Construct->getArg(0);
  }
  if (!Made)
    return nullptr;
  const CXXRecordDecl *Class = nullptr;
  QualType MadeType;
  const Expr *Arg = nullptr;
  // The argument the object keeps: the first that is a callable (a lambda,
  // a bind expression, a callable holder), as in `new Timer(loop, cb, ms)`;
  // else the last, where type erasure puts it (`Task<F>(std::move(f))`).
  auto KeptArgument = [](ArrayRef<const Expr *> Args) -> const Expr * {
    for (const Expr *A : Args) {
      const Expr *E = A->IgnoreImplicit()->IgnoreParenImpCasts();
      if (const auto *Copy = dyn_cast<CXXConstructExpr>(E);
          Copy && Copy->getNumArgs() == 1)
        E = Copy->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
      const auto *Call = dyn_cast<CallExpr>(E);
      if (isa<LambdaExpr>(E) ||
          (Call && isBindFunction(Call->getDirectCallee())) ||
          isCallableHolderType(A->getType().getNonReferenceType()))
        return A;
    }
    return Args.back();
  };
  if (const auto *Call = dyn_cast<CallExpr>(Made)) {
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!isStdFunction(FD, {"make_unique", "make_shared", "allocate_shared"}) ||
        Call->getNumArgs() == 0 || !FD->getTemplateSpecializationArgs() ||
        FD->getTemplateSpecializationArgs()->size() == 0 ||
        FD->getTemplateSpecializationArgs()->get(0).getKind() !=
            TemplateArgument::Type)
      return nullptr;
    MadeType = FD->getTemplateSpecializationArgs()->get(0).getAsType();
    Class = MadeType->getAsCXXRecordDecl();
    Arg = KeptArgument(ArrayRef(Call->getArgs(), Call->getNumArgs()));
  } else if (const auto *New = dyn_cast<CXXNewExpr>(Made)) {
    const CXXConstructExpr *Construct = New->getConstructExpr();
    if (!Construct || Construct->getNumArgs() == 0)
      return nullptr;
    MadeType = Construct->getType();
    Class = MadeType->getAsCXXRecordDecl();
    Arg = KeptArgument(ArrayRef(Construct->getArgs(), Construct->getNumArgs()));
  }
  // A library holder made on the heap keeps its callable too:
  // `slot_ = std::make_shared<std::function<void()>>(std::move(cb))`.
  return Class && (holdsCallable(Class) || isCallableHolderType(MadeType))
             ? Arg
             : nullptr;
}

SmallVector<const Expr *, 2> storedCallables(const Expr *Init) {
  SmallVector<const Expr *, 2> Out;
  collect(Init, 0, Out);
  return Out;
}

} // namespace leaklint
