//===--- PairParts.cpp - Which part of a pair an expression reads ---------===//
#include "code/PairParts.h"
#include "code/LibraryFunctions.h"
#include "code/Temporaries.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace leaklint {
namespace {

// A local (or the hidden variable of a structured binding) stands for the
// expression it is initialised with.
const Expr *madeBy(const Expr *E) {
  E = ignoreTemporaries(E);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Local = dyn_cast<VarDecl>(Ref->getDecl());
        Local && Local->isLocalVarDecl() && !Local->getType()->isReferenceType() &&
        Local->getInit())
      return ignoreTemporaries(Local->getInit());
  return E;
}

} // namespace

std::optional<PairPart> pairPart(const Expr *E) {
  if (!E)
    return std::nullopt;
  E = ignoreTemporaries(E);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Binding = dyn_cast<BindingDecl>(Ref->getDecl());
    if (!Binding || !Binding->getBinding())
      return std::nullopt;
    // A tuple-like binding names a hidden variable set from `get<N>(e)`.
    const Expr *Bound = Binding->getBinding();
    if (const VarDecl *Holding = Binding->getHoldingVar())
      Bound = Holding->getInit();
    return pairPart(Bound);
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field || !Field->getIdentifier())
      return std::nullopt;
    StringRef Name = Field->getName();
    if (Name != "first" && Name != "second")
      return std::nullopt;
    return PairPart{madeBy(Member->getBase()), Name == "first" ? 0u : 1u};
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *F = Call ? Call->getDirectCallee() : nullptr;
  if (!F || !isStdFunction(F, {"get"}))
    return std::nullopt;
  const TemplateArgumentList *Args = F->getTemplateSpecializationArgs();
  if (!Args || Args->size() == 0 ||
      Args->get(0).getKind() != TemplateArgument::Integral)
    return std::nullopt;
  llvm::APSInt Index = Args->get(0).getAsIntegral();
  if (Index.getActiveBits() > 1)
    return std::nullopt;
  const Expr *Whole = nullptr;
  if (const auto *Method = dyn_cast<CXXMemberCallExpr>(Call))
    Whole = Method->getImplicitObjectArgument();
  else if (Call->getNumArgs() == 1)
    Whole = Call->getArg(0);
  if (!Whole)
    return std::nullopt;
  return PairPart{madeBy(Whole), unsigned(Index.getZExtValue())};
}

} // namespace leaklint
