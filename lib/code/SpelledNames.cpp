//===--- SpelledNames.cpp - A node as the code spells it ------------------===//
#include "code/SpelledNames.h"
#include "code/LibraryFunctions.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace leaklint {

std::optional<SpelledName> spelledName(const Expr *E) {
  SmallVector<const FieldDecl *, 2> Reversed;
  auto Done = [&](const VarDecl *Var) {
    return SpelledName{Var, {Reversed.rbegin(), Reversed.rend()}};
  };
  for (unsigned Depth = 0; E && Depth < 16; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Tmp = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Tmp->getSubExpr();
    } else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() != 1 ||
          !Construct->getConstructor()->isCopyOrMoveConstructor())
        return std::nullopt;
      E = Construct->getArg(0);
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if ((Op->getOperator() != OO_Arrow && Op->getOperator() != OO_Star) ||
          Op->getNumArgs() != 1)
        return std::nullopt;
      E = Op->getArg(0);
    } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
      if (Call->getNumArgs() != 1 ||
          !isStdFunction(Call->getDirectCallee(), {"move"}))
        return std::nullopt;
      E = Call->getArg(0);
    } else if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
      if (!Field)
        return std::nullopt;
      Reversed.push_back(Field->getCanonicalDecl());
      E = Member->getBase();
    } else if (isa<CXXThisExpr>(E)) {
      return Done(nullptr);
    } else if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
      if (!VD || !VD->hasLocalStorage())
        return std::nullopt;
      return Done(VD->getCanonicalDecl());
    } else {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

} // namespace leaklint
