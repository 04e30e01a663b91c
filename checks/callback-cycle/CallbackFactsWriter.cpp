//===--- CallbackFactsWriter.cpp - leak-callback-cycle's facts ------------===//
//
// Whole-program mode: the parameters this TU's out-of-line methods store,
// the callables it hands to methods it has no body of, the stores it found
// into storage a method defined elsewhere may empty, and the fields it
// empties (CallbackFacts.h).
//
//===----------------------------------------------------------------------===//
#include "CallbackCycle.h"
#include "code/SkippedBodies.h"
#include "facts/TranslationUnitFacts.h"

using namespace clang;

namespace leaklint {

void CallbackCycle::summarizeStores(const FunctionDecl *F) {
  // Another TU sees the body of an inline method or of a template's
  // instantiation itself; only out-of-line methods need a summary.
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  if (!Method || F->getNumParams() == 0 || F->isInlined() ||
      F->isTemplateInstantiation() || !F->isExternallyVisible())
    return;
  std::string USR = facts::crossTUName(F);
  if (USR.empty())
    return;
  const SourceManager &SM = Ctx->getSourceManager();
  for (const OwnershipLinks::ParamStore &S : Links.storedParams(F)) {
    // The facts name stores onto the method's own object only.
    if (S.On)
      continue;
    callbacks::ParamStoreFact Fact;
    Fact.Function = USR;
    Fact.Param = S.Param;
    for (const FieldDecl *Via : S.Via) {
      Fact.Via.push_back(facts::crossTUName(StorageResets::key(Via)));
      Fact.ViaNames.push_back(Via->getName().str());
    }
    Fact.Field = facts::crossTUName(StorageResets::key(S.Field));
    Fact.FieldName = S.Field->getName().str();
    Fact.FieldMember = memberName(S.Field);
    if (S.StoredBy)
      Fact.StoredBy = memberName(S.StoredBy);
    Fact.Where = facts::sourcePoint(S.Where, SM);
    if (!Fact.Field.empty())
      Facts->Stores.push_back(std::move(Fact));
  }
}

void CallbackCycle::waitForMerge(const Candidate &C) {
  callbacks::WaitingCallbackFact W;
  for (const FieldDecl *Field : C.Chain)
    W.Chain.push_back(facts::crossTUName(StorageResets::key(Field)));
  if (llvm::any_of(W.Chain, [](const std::string &USR) { return USR.empty(); }))
    return;
  Finding D = C.Diag;
  D.Fixes.clear();
  if (!D.Notes.empty())
    D.Notes.front().Message = C.WholeProgramAdvice;
  W.Finding = facts::wholeProgramFinding("leak-callback-cycle", D,
                                         Ctx->getSourceManager());
  Facts->Waiting.push_back(std::move(W));
}

void CallbackCycle::writeFacts() {
  // Facts describe a whole TU. A host that matches part of it (clangd's
  // main-file traversal scope) would write partial facts over whole ones.
  if (isPartialTraversal(*Ctx))
    return;
  // A deferred store whose owned objects this TU empties, or hands out to
  // code that may, is broken here, as per TU.
  for (Deferred &D : DeferredStores)
    if (llvm::none_of(D.Chain, [&](const FieldDecl *Field) {
          return Resets.find(Field) || Escapes.find(Field);
        }))
      Facts->Pending.push_back(std::move(D.Fact));
  for (const auto *Emptied : {&Resets.all(), &Escapes.all()})
    for (const auto &[Field, Reset] : *Emptied)
      if (std::string USR = facts::crossTUName(Field); !USR.empty())
        Facts->Resets.push_back(std::move(USR));
  // Maps iterate in pointer order: sort, for files that do not change
  // between runs of the same TU.
  llvm::sort(Facts->Resets);
  Facts->Resets.erase(std::unique(Facts->Resets.begin(), Facts->Resets.end()),
                      Facts->Resets.end());
  facts::writeTranslationUnitFacts(Options.FactsDirectory,
                                   "leak-callback-cycle",
                                   Ctx->getSourceManager(), PP,
                                   toJSON(*Facts));
}

} // namespace leaklint
