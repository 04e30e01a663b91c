//===--- CallerBindings.cpp - Parameters the object's own callers bind ----===//
#include "ownership/CallerBindings.h"
#include "code/CallParts.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace leaklint {
namespace {

// \p Method and every method it overrides, at any depth.
void collectOverridden(const CXXMethodDecl *Method,
                       llvm::SmallPtrSetImpl<const CXXMethodDecl *> &Out) {
  if (!Out.insert(Method->getCanonicalDecl()).second)
    return;
  for (const CXXMethodDecl *Base : Method->overridden_methods())
    collectOverridden(Base, Out);
}

// True for a call made on the caller's own object: `f(x)`, `this->f(x)`.
bool onOwnObject(const CallExpr *Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
  if (!Member)
    return false;
  const Expr *Object = Member->getImplicitObjectArgument();
  return Object && isa<CXXThisExpr>(Object->IgnoreParenImpCasts());
}

} // namespace

std::optional<CallerBinding> bindingByOwnCaller(const CXXMethodDecl *Method,
                                                const ParmVarDecl *Param,
                                                const FunctionUses &Uses) {
  if (!Method || !Param || Method->isStatic())
    return std::nullopt;
  QualType T = Param->getType();
  if (!T->isReferenceType() && !T->isPointerType())
    return std::nullopt;
  unsigned Index = Param->getFunctionScopeIndex();
  llvm::SmallPtrSet<const CXXMethodDecl *, 4> Methods;
  collectOverridden(Method, Methods);
  for (const CXXMethodDecl *M : Methods) {
    auto It = Uses.Calls.find(FunctionUses::origin(M));
    if (It == Uses.Calls.end())
      continue;
    for (const CallExpr *Call : It->second) {
      if (!onOwnObject(Call))
        continue;
      SmallVector<const Expr *, 4> Args = callParts(Call).Args;
      if (Index >= Args.size())
        continue;
      // `&channel_` for a pointer parameter names the member itself.
      const Expr *Arg = Args[Index]->IgnoreParenImpCasts();
      if (const auto *Address = dyn_cast<UnaryOperator>(Arg);
          Address && Address->getOpcode() == UO_AddrOf)
        Arg = Address->getSubExpr();
      ObjectName Name = nameObject(Arg);
      if (Name.Kind == ObjectName::This &&
          llvm::all_of(Name.Path, [](const PathStep &S) { return S.Field; }))
        return CallerBinding{Call, std::move(Name)};
    }
  }
  return std::nullopt;
}

} // namespace leaklint
