//===--- PassedInstances.cpp - The object a callee stores -----------------===//
#include "PassedInstances.h"
#include "Compat.h"
#include "code/CallParts.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace leaklint {
namespace {

using ParamKey = std::pair<const FunctionDecl *, unsigned>;

// The parameters a call to \p F may bind to the parameter \p Index of
// \p Stored: its own, and those of every method it overrides (a call
// through the base dispatches here).
void keysReaching(const FunctionDecl *Stored, unsigned Index,
                  SmallVectorImpl<ParamKey> &Out, unsigned Depth = 0) {
  Out.push_back({Stored->getCanonicalDecl(), Index});
  if (const auto *M = dyn_cast<CXXMethodDecl>(Stored); M && Depth < 8)
    for (const CXXMethodDecl *Base : M->overridden_methods())
      keysReaching(Base, Index, Out, Depth + 1);
}

} // namespace

void PassedInstances::addParameterStore(const ParmVarDecl *P,
                                        const Store &S) {
  const auto *F = dyn_cast<FunctionDecl>(P->getDeclContext());
  if (!F)
    return;
  Store Kept = S;
  Kept.Parameter = P;
  SmallVector<ParamKey, 2> Keys;
  keysReaching(F, P->getFunctionScopeIndex(), Keys);
  for (const ParamKey &K : Keys)
    ParameterStores.push_back({K, Kept});
}

void PassedInstances::addCall(const CallExpr *Call) {
  // A member operator's first argument is its object, not a parameter.
  CallParts Parts = callParts(Call);
  if (!Parts.Callee)
    return;
  for (unsigned Param = 0;
       Param < Parts.Args.size() && Param < Parts.Callee->getNumParams();
       ++Param) {
    const Expr *Arg = Parts.Args[Param];
    std::optional<InstanceSource> Source = findInstanceSource(Arg);
    if (!Source || !Source->Class)
      Source = findParameterSource(Arg);
    if (Source)
      Arguments[{Parts.Callee->getCanonicalDecl(), Param}].push_back(
          {Call, *Source});
  }
}

std::vector<PassedInstances::Passed> PassedInstances::resolve() const {
  std::vector<Passed> Out;
  struct Item {
    ParamKey Key;
    const Store *S;
    SmallVector<const CallExpr *, 2> Calls; // innermost first
  };
  SmallVector<Item, 16> Work;
  // A parameter reached again for the same storage adds nothing (and ends
  // recursion in the call graph).
  llvm::DenseSet<std::pair<ParamKey, const ValueDecl *>> Seen;
  for (const auto &[Key, S] : ParameterStores)
    if (Seen.insert({Key, S.Storage}).second)
      Work.push_back({Key, &S, {}});
  while (!Work.empty()) {
    Item I = Work.pop_back_val();
    auto It = Arguments.find(I.Key);
    if (It == Arguments.end())
      continue;
    for (const Argument &A : It->second) {
      SmallVector<const CallExpr *, 2> Calls = I.Calls;
      Calls.push_back(A.Call);
      if (A.Source.Class) {
        Passed P{*I.S, A.Source, {}};
        P.Calls.assign(Calls.rbegin(), Calls.rend());
        Out.push_back(std::move(P));
        continue;
      }
      if (Calls.size() == MaxCalls)
        continue;
      const auto *Caller =
          dyn_cast<FunctionDecl>(A.Source.Parameter->getDeclContext());
      if (!Caller)
        continue;
      SmallVector<ParamKey, 2> Keys;
      keysReaching(Caller, A.Source.Parameter->getFunctionScopeIndex(), Keys);
      for (const ParamKey &K : Keys)
        if (Seen.insert({K, I.S->Storage}).second)
          Work.push_back({K, I.S, Calls});
    }
  }
  return Out;
}

} // namespace leaklint
