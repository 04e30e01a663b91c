//===--- ContainerFactsWriter.cpp - leak-unbounded-container's facts ------===//
//
// Whole-program mode: the containers this TU leaves to the merge, and every
// container it may shrink (ContainerFacts.h).
//
//===----------------------------------------------------------------------===//
#include "UnboundedContainer.h"
#include "code/SkippedBodies.h"
#include "facts/TranslationUnitFacts.h"

using namespace clang;

namespace leaklint {

void UnboundedContainer::deferToMerge(const ValueDecl *D, const Candidate &C) {
  std::vector<Finding> Found;
  report(D, C, Found);
  std::string USR = facts::crossTUName(D);
  if (Found.empty() || USR.empty())
    return;
  Facts->Pending.push_back(
      {std::move(USR),
       facts::wholeProgramFinding("leak-unbounded-container", Found.front(),
                                  Ctx->getSourceManager())});
}

void UnboundedContainer::writeFacts() {
  // Facts describe a whole TU. A host that matches part of it (clangd's
  // main-file traversal scope) would write partial facts over whole ones.
  if (isPartialTraversal(*Ctx))
    return;
  // Only what another TU can name matters to the merge.
  auto AddShrunk = [&](const ValueDecl *D) {
    const auto *Var = dyn_cast<VarDecl>(D);
    if (Var && (Var->isLocalVarDecl() || !Var->isExternallyVisible()))
      return;
    std::string USR = facts::crossTUName(D);
    if (!USR.empty())
      Facts->Shrunk.push_back(std::move(USR));
  };
  for (const ValueDecl *D : WholesaleShrinks)
    AddShrunk(D);
  for (const auto &Entry : SelectiveShrinks)
    AddShrunk(Entry.first);
  for (const ValueDecl *D : AimedAtLocals)
    AddShrunk(D);
  // Sets iterate in pointer order: sort, for files that do not change
  // between runs of the same TU.
  llvm::sort(Facts->Shrunk);
  Facts->Shrunk.erase(std::unique(Facts->Shrunk.begin(), Facts->Shrunk.end()),
                      Facts->Shrunk.end());
  facts::writeTranslationUnitFacts(Options.FactsDirectory,
                                   "leak-unbounded-container",
                                   Ctx->getSourceManager(), PP,
                                   toJSON(*Facts));
}

} // namespace leaklint
