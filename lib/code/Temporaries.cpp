//===--- Temporaries.cpp - Look through what only carries a value ---------===//
#include "Temporaries.h"
#include "Compat.h"
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

} // namespace leaklint
