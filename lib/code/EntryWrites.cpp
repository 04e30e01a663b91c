//===--- EntryWrites.cpp - Writes into a container's entry ----------------===//
#include "code/EntryWrites.h"

using namespace clang::ast_matchers;

namespace leaklint {

internal::BindableMatcher<clang::Stmt> entrySubscript() {
  return cxxOperatorCallExpr(hasOverloadedOperatorName("[]"),
                             argumentCountIs(2));
}

StatementMatcher fieldOfEntry() {
  auto Slot = entrySubscript().bind("slot");
  return memberExpr(hasObjectExpression(ignoringParenImpCasts(
      anyOf(Slot, declRefExpr(to(varDecl(
                      hasLocalStorage(), hasType(lValueReferenceType()),
                      hasInitializer(ignoringParenImpCasts(Slot)))))))));
}

} // namespace leaklint
