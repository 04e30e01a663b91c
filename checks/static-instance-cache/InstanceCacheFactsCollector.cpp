//===--- InstanceCacheFactsCollector.cpp - leak-static-instance-cache's facts
//===//
#include "InstanceCacheFactsCollector.h"
#include "facts/TranslationUnitFacts.h"
#include "ownership/ContainerTypes.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace leaklint::instancecache {
namespace {

void addOnce(std::vector<std::string> &List, std::string Item) {
  if (!Item.empty() && !llvm::is_contained(List, Item))
    List.push_back(std::move(Item));
}

} // namespace

void InstanceCacheFactsCollector::addDefinition(const FunctionDecl *F) {
  if (F->isInlined() || F->isDependentContext() ||
      F->isTemplateInstantiation() || F->isInvalidDecl() || !F->getBody() ||
      F->getASTContext().getSourceManager().isInSystemHeader(F->getLocation()))
    return;
  Definitions.push_back(F);
}

void InstanceCacheFactsCollector::defer(const ValueDecl *Registry,
                                        const CXXRecordDecl *Class,
                                        const Finding &F, size_t Evidence,
                                        ArrayRef<const FunctionDecl *> Open,
                                        const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  PendingRegistryFact R;
  R.Registry = facts::crossTUName(Registry);
  R.Class = facts::crossTUName(Class);
  R.RegistryName = Registry->getName().str();
  if (R.Registry.empty() || R.Class.empty())
    return;
  R.Finding =
      facts::wholeProgramFinding("leak-static-instance-cache", F, SM);
  R.Remedies.assign(R.Finding.Notes.begin() + Evidence, R.Finding.Notes.end());
  R.Finding.Notes.resize(Evidence);
  for (const FunctionDecl *Function : Open)
    addOnce(R.Open, facts::crossTUName(Function));
  // Nothing to wait for that another TU could name: stay quiet.
  if (!R.Open.empty())
    Facts.Pending.push_back(std::move(R));
}

void InstanceCacheFactsCollector::reported(const ValueDecl *Registry) {
  addOnce(Facts.Reported, facts::crossTUName(Registry));
}

const RemovalSummary &
InstanceCacheFactsCollector::summaryOf(const FunctionDecl *F) {
  auto [It, New] = Summaries.try_emplace(F);
  if (New)
    It->second = summarizeRemovals(F);
  return It->second;
}

FunctionFact InstanceCacheFactsCollector::summarize(const FunctionDecl *Root,
                                                    const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  FunctionFact Out;
  Out.Name = qualifiedName(Root);
  Out.Point = facts::sourcePoint(Root->getLocation(), SM);
  SmallVector<std::pair<const FunctionDecl *, unsigned>, 16> Work = {{Root, 0}};
  llvm::SmallPtrSet<const FunctionDecl *, 16> Seen = {Root};
  for (unsigned I = 0; I < Work.size(); ++I) {
    // A search cut short may have missed a removal: the merge must not
    // report on half a look.
    if (I == RemovalSearchBodies) {
      Out.MayRemoveAny = true;
      break;
    }
    auto [Function, Depth] = Work[I];
    const RemovalSummary &S = summaryOf(Function);
    for (const ValueDecl *Var : S.Removed)
      addOnce(Out.Removes, facts::crossTUName(Var));
    Out.MayRemoveAny |= S.ThroughParameter;
    if (Depth == RemovalSearchDepth)
      continue;
    for (const FunctionDecl *Callee : S.Runs) {
      if (SM.isInSystemHeader(Callee->getLocation()))
        continue;
      const FunctionDecl *Body = nullptr;
      if (!Callee->hasBody(Body)) {
        addOnce(Out.Runs, facts::crossTUName(Callee));
        continue;
      }
      if (!SM.isInSystemHeader(Body->getLocation()) && Seen.insert(Body).second)
        Work.push_back({Body, Depth + 1});
    }
  }
  return Out;
}

InstanceCacheFacts InstanceCacheFactsCollector::finish(const ASTContext &Ctx) {
  for (const FunctionDecl *F : Definitions) {
    std::string USR = facts::crossTUName(F);
    if (!USR.empty())
      Facts.Functions.try_emplace(USR, summarize(F, Ctx));
  }
  return std::move(Facts);
}

} // namespace leaklint::instancecache
