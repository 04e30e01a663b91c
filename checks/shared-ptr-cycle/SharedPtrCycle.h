//===--- SharedPtrCycle.h - shared_ptr ownership cycles with evidence -*- C++
//-*-===//
//
// The analysis behind leak-shared-ptr-cycle. It reports a cycle only when the
// code links instances both ways (see OwnershipLinks.h): the object stored
// into a field of something it owns, two objects stored into each other in
// one function, an object storing itself. The warning goes on the back edge,
// the field that should become a std::weak_ptr.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_SHARED_PTR_CYCLE_SHAREDPTRCYCLE_H
#define LEAKLINT_CHECKS_SHARED_PTR_CYCLE_SHAREDPTRCYCLE_H

#include "Finding.h"
#include "CycleEvidence.h"
#include "CycleFactsCollector.h"
#include "ListEnds.h"
#include "WeakPtrRewrite.h"
#include "ownership/ContainerTypes.h"
#include "ownership/OwnershipGraph.h"
#include "ownership/OwnershipLinks.h"
#include "code/UncalledFunctions.h"
#include "storage/StorageResets.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/MapVector.h"
#include <optional>
#include <vector>

namespace leaklint {

struct SharedPtrCycleOptions {
  /// Extra container templates, `;`-separated qualified names.
  std::string ContainerTypes =
      leaklint::ContainerTypes::defaultExtraContainers().str();
  /// Further shared-owner pointer templates, `;`-separated qualified names.
  std::string OwnerTypes;
  /// Also report cycles of the type graph that no code was seen to close.
  bool ReportTypeCycles = false;
  /// Whole-program mode: write this TU's facts here for leaklint-merge
  /// (docs/whole-program.md). Empty: off. Read as a global option too.
  std::string FactsDirectory;

  /// Visits each option as (name, member); the initialisers are the defaults.
  template <typename Self, typename Visitor>
  static void forEachOption(Self &O, Visitor &&Visit) {
    Visit("ContainerTypes", O.ContainerTypes);
    Visit("OwnerTypes", O.OwnerTypes);
    Visit("ReportTypeCycles", O.ReportTypeCycles);
    Visit("FactsDirectory", O.FactsDirectory);
  }
};

class SharedPtrCycle {
public:
  using OptionsType = SharedPtrCycleOptions;

  /// The language modes the analysis understands.
  static bool isLanguageSupported(const clang::LangOptions &LO) {
    return LO.CPlusPlus11;
  }
  /// Settings a host derives from which other checks are enabled.
  static void adaptToEnabledChecks(OptionsType &,
                                   llvm::function_ref<bool(llvm::StringRef)>) {}

  explicit SharedPtrCycle(const SharedPtrCycleOptions &Options);

  /// Empty: every value of these options is valid.
  const std::string &optionError() const { return OptionError; }

  void registerMatchers(clang::ast_matchers::MatchFinder &Finder,
                        clang::ast_matchers::MatchFinder::MatchCallback *CB);
  void collect(const clang::ast_matchers::MatchFinder::MatchResult &Result);
  std::vector<Finding> finish();
  /// The TU's preprocessor, whose options name its facts file
  /// (facts::compileDigest(), computed only when facts are written); the
  /// host passes it before the TU is matched, and it outlives the match.
  void setPreprocessor(const clang::Preprocessor &PP) { this->PP = &PP; }

private:
  /// What the evidence search needs to know of one TU's links.
  struct LinkTraits {
    using Link = OwnershipLink;
    using FieldKey = const clang::FieldDecl *;
    const SharedPtrCycle *Check;
    bool counts(const Link &) const { return true; }
    bool ownedPath(const Link &L,
                   llvm::SmallVectorImpl<const clang::FieldDecl *> &Path) const;
    bool ownsThrough(const ObjectName &Outer, const ObjectName &Inner) const;
    bool singleOwner(FieldKey F) const;
    bool older(const ObjectName &A, const ObjectName &B) const;
    bool declaredBefore(FieldKey A, FieldKey B) const;
  };
  using Evidence = cycles::CycleEvidence<OwnershipLink, const clang::FieldDecl *>;
  using EvidenceKind = cycles::EvidenceKind;

  /// The field a back edge's warning goes on: the back edge itself, or the
  /// shared_ptr inside the values it holds, named in \c Via on the way.
  struct WeakEdge {
    const clang::FieldDecl *Field = nullptr;
    llvm::SmallVector<const clang::FieldDecl *, 2> Via;
  };
  WeakEdge weakEdgeOf(const clang::FieldDecl *Back) const;

  void report(const Evidence &E, const WeakEdge &W, std::vector<Finding> &Out);
  void reportClosedList(const Evidence &E, const ListEnds::Ring &R,
                        std::vector<Finding> &Out);
  void reportTypeCycles(std::vector<Finding> &Out);
  void writeFacts(llvm::ArrayRef<const clang::FieldDecl *> Reported);

  SharedPtrCycleOptions Options;
  std::string OptionError;
  ContainerTypes Containers;
  OwnershipGraph Graph;
  OwnershipLinks Links;
  /// Fields some code empties again: an object holding itself that lets go.
  StorageResets Resets;
  /// Where the TU calls its functions, read on the first question.
  UncalledFunctions Program;
  clang::ASTContext *Ctx = nullptr;
  /// Whole-program mode only.
  std::optional<cycles::CycleFactsCollector> Facts;
  const clang::Preprocessor *PP = nullptr;
  /// The weak_ptr fix-it of each back edge, planned together at the end.
  llvm::DenseMap<const clang::FieldDecl *, WeakPtrRewrite> Rewrites;
  /// The cycles the TU's functions close, each once.
  cycles::CycleEvidenceSearch<LinkTraits> Evidences;
  /// Stores between two fields of `this`, weighed at the end as the closing
  /// of a list's ring (ListEnds.h), with the function making each.
  std::vector<std::pair<OwnershipLink, const clang::FunctionDecl *>>
      ListClosings;
  /// Stores into a link through a local the function moves: perhaps one
  /// walking a list closing it on its start, weighed at the end too.
  std::vector<std::pair<MovedLocalStore, const clang::FunctionDecl *>>
      WalkClosings;
  ListEnds Lists;
  /// The rings found, by their link field.
  llvm::DenseMap<const clang::FieldDecl *, ListEnds::Ring> Rings;
};

} // namespace leaklint

#endif // LEAKLINT_CHECKS_SHARED_PTR_CYCLE_SHAREDPTRCYCLE_H
