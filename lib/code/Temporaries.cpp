//===--- Temporaries.cpp - Look through what only carries a value ---------===//
#include "Temporaries.h"
#include "Compat.h"
#include "code/LibraryFunctions.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace leaklint {

const Expr *ignoreTemporaries(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Tmp = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Tmp->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr();
    else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
      E = Cast->getSubExpr();
    else
      return E;
  }
  return E;
}

const ValueDecl *carriedVariable(const Expr *E) {
  while ((E = ignoreTemporaries(E))) {
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    const auto *Call = dyn_cast<CallExpr>(E);
    if (Construct && Construct->getNumArgs() == 1)
      E = Construct->getArg(0);
    else if (Call && Call->getNumArgs() == 1 &&
             isStdFunction(Call->getDirectCallee(), {"move"}))
      E = Call->getArg(0);
    else if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return isa<VarDecl>(Ref->getDecl()) ? Ref->getDecl() : nullptr;
    else
      return nullptr;
  }
  return nullptr;
}

} // namespace leaklint
