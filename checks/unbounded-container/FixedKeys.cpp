//===--- FixedKeys.cpp - Tables keyed by values the program fixes ---------===//
//
// A counter table whose every key is spelled as a literal at its callers
// (`COUNTER_INC("requests_total")`), a meter keyed by a status code that a
// range check confines, a bucket array indexed by `h % 64`: each holds at
// most one entry per value the program's text can produce, and stops
// growing there. Which values those are is lib/code/FiniteValues' question;
// this file finds the key a growth adds.
//
//===----------------------------------------------------------------------===//
#include "UnboundedContainer.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace leaklint {
namespace {

// The first element of a pair written as `{k, v}`, `std::make_pair(k, v)`
// or `value_type(k, v)`.
const Expr *firstOfPair(const Expr *E) {
  E = E->IgnoreImplicit();
  if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
    E = Temp->getSubExpr()->IgnoreImplicit();
  if (const auto *Init = dyn_cast<InitListExpr>(E))
    return Init->getNumInits() == 2 ? Init->getInit(0) : nullptr;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() == 2 ? Construct->getArg(0) : nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *F = Call->getDirectCallee();
    if (F && F->isInStdNamespace() && F->getIdentifier() &&
        F->getName() == "make_pair" && Call->getNumArgs() == 2)
      return Call->getArg(0);
  }
  return nullptr;
}

} // namespace

const Expr *UnboundedContainer::keyAdded(
    const ClassTemplateSpecializationDecl *Keyed, const Expr *Site,
    ArrayRef<const Expr *> Args) {
  if (!ContainerTypes::isKeyed(Keyed) ||
      Keyed->getName().contains_insensitive("multi") || Args.empty())
    return nullptr;
  if (isa<CXXOperatorCallExpr>(Site))
    return Args[0]; // m[k]
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Site);
  const CXXMethodDecl *M = Call ? Call->getMethodDecl() : nullptr;
  if (!M || !M->getDeclName().isIdentifier())
    return nullptr;
  StringRef Name = M->getName();
  bool IsMap = Keyed->getName().contains_insensitive("map");
  if (Name == "try_emplace" || Name == "insert_or_assign")
    return Args[0];
  if (Name == "emplace")
    return IsMap ? (Args.size() == 2 ? Args[0] : nullptr) : Args.size() == 1 ? Args[0] : nullptr;
  if (Name == "insert" && Args.size() == 1)
    return IsMap ? firstOfPair(Args[0]) : Args[0];
  return nullptr;
}

bool UnboundedContainer::addsFixedKeys(const Growth &G) {
  return G.Key && Finite.isFinite(G.Key, *Ctx);
}

} // namespace leaklint
