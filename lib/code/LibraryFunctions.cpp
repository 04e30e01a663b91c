//===--- LibraryFunctions.cpp - Which library function a call is ----------===//
#include "LibraryFunctions.h"
#include "Compat.h"
#include "clang/AST/Expr.h"
#include "ownership/ContainerTypes.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {

bool isStdFunction(const FunctionDecl *FD, ArrayRef<StringRef> Names) {
  return FD && FD->isInStdNamespace() && FD->getDeclName().isIdentifier() &&
         llvm::is_contained(Names, FD->getName());
}

ArrayRef<StringRef> emptyingStdFunctions() {
  static const StringRef Names[] = {"erase", "erase_if", "swap", "exchange",
                                    "move"};
  return Names;
}

bool isStdMemberKeepingArguments(const FunctionDecl *FD) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(FD);
  return Method && Method->getParent()->isInStdNamespace() &&
         !(Method->getDeclName().isIdentifier() &&
           Method->getName() == "swap");
}

bool isBindFunction(const FunctionDecl *FD) {
  return isStdFunction(FD, {"bind", "bind_front", "bind_back"}) ||
         (FD && qualifiedName(FD) == "boost::bind");
}

const Expr *movedFrom(const Expr *E) {
  const auto *Move = dyn_cast<CallExpr>(E->IgnoreUnlessSpelledInSource());
  if (Move && Move->getNumArgs() == 1 &&
      isStdFunction(Move->getDirectCallee(), {"move", "forward"}))
    return Move->getArg(0);
  return E;
}

} // namespace leaklint
