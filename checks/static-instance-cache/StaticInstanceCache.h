//===--- StaticInstanceCache.h - Instance caches in static storage -*- C++
//-*-===//
//
// The analysis behind leak-static-instance-cache, independent of the host:
// matchers collect, per variable of static or thread storage duration, where
// the current object (`this`, shared_from_this()) is put into it; at the end of
// the translation unit, variables whose entries are never removed when their
// object dies become Findings.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_STATICINSTANCECACHE_H
#define LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_STATICINSTANCECACHE_H

#include "Finding.h"
#include "InstanceCacheFactsCollector.h"
#include "code/FunctionUses.h"
#include "code/LocalUses.h"
#include "code/NamePatterns.h"
#include "code/UncalledFunctions.h"
#include "identity/InstanceIdentity.h"
#include "identity/InstanceSource.h"
#include "identity/PassedInstances.h"
#include "ownership/ContainerTypes.h"
#include "storage/Singletons.h"
#include "storage/SkippedReleases.h"
#include "storage/StaticOnlyObjects.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Regex.h"
#include <memory>
#include <optional>
#include <vector>

namespace leaklint {

struct StaticInstanceCacheOptions {
  /// Extra container templates, `;`-separated qualified names.
  std::string ContainerTypes =
      leaklint::ContainerTypes::defaultExtraContainers().str();
  /// `;`-separated regular expressions for classes whose instances may be
  /// registered: matched against the whole qualified name when the pattern
  /// has `::`, the whole unqualified name otherwise.
  std::string IgnoredClasses;
  /// Stay quiet for classes with a Meyers singleton accessor in the TU.
  bool IgnoreSingletons = true;
  /// Whole-program mode: write this TU's facts here for leaklint-merge
  /// (docs/whole-program.md). Empty: off. Read as a global option too.
  std::string FactsDirectory;

  /// Visits each option as (name, member); the initialisers are the defaults.
  template <typename Self, typename Visitor>
  static void forEachOption(Self &O, Visitor &&Visit) {
    Visit("ContainerTypes", O.ContainerTypes);
    Visit("IgnoredClasses", O.IgnoredClasses);
    Visit("IgnoreSingletons", O.IgnoreSingletons);
    Visit("FactsDirectory", O.FactsDirectory);
  }
};

class StaticInstanceCache {
public:
  using OptionsType = StaticInstanceCacheOptions;

  /// The language modes the analysis understands.
  static bool isLanguageSupported(const clang::LangOptions &LO) {
    return LO.CPlusPlus;
  }
  /// Settings a host derives from which other checks are enabled.
  static void adaptToEnabledChecks(OptionsType &,
                                   llvm::function_ref<bool(llvm::StringRef)>) {}

  explicit StaticInstanceCache(const StaticInstanceCacheOptions &Options);

  void registerMatchers(clang::ast_matchers::MatchFinder &Finder,
                        clang::ast_matchers::MatchFinder::MatchCallback *CB);
  /// Records one match of the matchers above.
  void collect(const clang::ast_matchers::MatchFinder::MatchResult &Result);
  /// Decides, once per translation unit, and forgets what it collected.
  std::vector<Finding> finish();

  /// Empty when the options are valid; else what is wrong with them.
  const std::string &optionError() const { return OptionError; }
  /// The TU's preprocessor, whose options name its facts file; the host
  /// passes it before the TU is matched, and it outlives the match.
  void setPreprocessor(const clang::Preprocessor &PP) { this->PP = &PP; }

private:
  struct Store {
    const clang::Expr *Site;
    /// How the site names the storage: `cache`, `this->cache`, `cache()`.
    const clang::Expr *Container;
    /// The argument that carries the object into it.
    const clang::Expr *Value;
    InstanceSource Source;
    /// For a store of a parameter: the calls that pass the object to it and
    /// the parameter (PassedInstances.h). Null for a direct store.
    std::shared_ptr<const PassedInstances::Passed> Through = nullptr;
  };
  struct Candidate {
    llvm::SmallVector<HeldIdentity, 2> Held;
    llvm::SmallVector<Store, 2> Stores;
  };
  struct StaticCallable {
    const clang::VarDecl *Var;
    clang::SourceLocation Capture;
    const clang::CXXRecordDecl *Class;
    /// A `mutable` lambda: its state would be lost if it were rebuilt per call.
    bool KeepsState;
    /// Captures shared_from_this(): the first object is kept alive.
    bool Owning;
    /// The callable is part of the static's value (a field of an element of
    /// a table), not the static itself.
    bool Embedded;
  };

  void recordStore(const clang::Expr *Container, const clang::Expr *Site,
                   llvm::ArrayRef<const clang::Expr *> Values);
  /// The candidate for \p Storage, made on first sight; null when its type
  /// holds no identity.
  Candidate *candidateFor(const clang::ValueDecl *Storage);
  /// True for storage that lives as long as the program: a variable of
  /// static storage duration, or a member of a singleton.
  bool isProgramLifetime(const clang::ValueDecl *Storage) const;
  void recordRemoval(const clang::Expr *Container, const clang::Expr *Call);
  void recordEscapes(const clang::CallExpr *Call);
  /// True when \p Removal, of \p Storage, erases an entry only when its key
  /// is looked up again (storage/LookupErases.h): an owned object whose
  /// client never asks again stays.
  bool erasedOnlyOnLookup(const clang::Expr *Removal,
                          const clang::ValueDecl *Storage);
  /// For \p Removal, of entries owning objects of \p Class: an ending of
  /// such an object that tears down what the releasing ending does but
  /// skips the release (storage/SkippedReleases.h); null when none.
  const SkippedRelease *releaseSkipped(const clang::Expr *Removal,
                                       const clang::CXXRecordDecl *Class);
  /// The functions that store into \p Var as guards do, each taking its
  /// own entry out again after storing it, with their uses of \p Var;
  /// empty unless every store of \p C is such a function's.
  llvm::SmallVector<std::pair<const clang::FunctionDecl *, LocalUses>, 2>
  guardingFunctions(const clang::VarDecl *Var, const Candidate &C);
  /// True when \p Removal is in a function that nothing in this whole
  /// program (the TU defines main()) names.
  bool inUncalledFunction(const clang::Expr *Removal);
  /// For entries that own objects of \p Class: true when something other
  /// than the destruction of such an object may remove them (which the
  /// entry itself prevents), here or in another translation unit.
  bool ownedEntryReleased(const clang::ValueDecl *Storage,
                          const clang::CXXRecordDecl *Class);
  /// True when \p Removal is in a function that only the destructors of
  /// \p Class call (`~Cursor()` calling `unsubscribe(id_)`): while the
  /// entry owns the object, it never runs.
  bool runsOnlyInDestructorOf(const clang::Expr *Removal,
                              const clang::CXXRecordDecl *Class);
  bool destructorOnly(const clang::Expr *Removal,
                      const clang::CXXRecordDecl *Class);
  void recordStaticLocal(const clang::VarDecl *Var);
  bool isIgnoredClass(const clang::CXXRecordDecl *RD) const;
  void reportContainer(const clang::ValueDecl *Storage, const Candidate &C,
                       std::vector<Finding> &Out);
  void reportCallable(const StaticCallable &S, std::vector<Finding> &Out);
  /// A function-local static that its function fills with the object and
  /// empties again (a re-entrancy guard): reports a way out of the
  /// function that skips the removal (SkippedRemovals.cpp).
  void reportSkippedRemoval(const clang::VarDecl *Var,
                            const clang::FunctionDecl *Function,
                            const LocalUses &Uses,
                            const clang::CXXRecordDecl *Class,
                            std::vector<Finding> &Out);
  void writeFacts();

  StaticInstanceCacheOptions Options;
  ContainerTypes Containers;
  InstanceIdentity Identity;
  NamePatterns IgnoredClasses;
  std::string OptionError;

  clang::ASTContext *Ctx = nullptr;
  /// Keyed by variables of static storage duration and by members, whose
  /// class finish() asks about once every singleton is known.
  llvm::MapVector<const clang::ValueDecl *, Candidate> Candidates;
  llvm::DenseMap<const clang::ValueDecl *, bool> NotCandidates;
  PassedInstances Passed;
  /// Removals from each storage, and storage handed to a function that may
  /// change it.
  llvm::DenseMap<const clang::ValueDecl *,
                 llvm::SmallVector<const clang::Expr *, 2>>
      Removals;
  llvm::DenseSet<const clang::ValueDecl *> MayEmpty;
  std::vector<StaticCallable> Callables;
  Singletons TheSingletons;
  StaticOnlyObjects StaticOnly;
  /// Names declared at namespace scope, computed when a fix first needs them.
  std::optional<llvm::StringSet<>> NamespaceNames;
  /// Members that fixes of this run add, per class.
  llvm::DenseMap<const clang::CXXRecordDecl *, llvm::StringSet<>> AddedMembers;
  /// Where the TU calls its functions, read on the first question.
  UncalledFunctions Program;
  const FunctionUses &uses() { return Program.uses(*Ctx); }
  /// erasedOnlyOnLookup()'s answers, per erase.
  llvm::DenseMap<const clang::Expr *, bool> OnLookupErases;
  /// releaseSkipped()'s answers, per removal.
  llvm::DenseMap<const clang::Expr *, std::optional<SkippedRelease>>
      SkippedByEnding;
  /// runsOnlyInDestructorOf()'s answers, per removal and class.
  llvm::DenseMap<std::pair<const clang::Expr *, const clang::CXXRecordDecl *>,
                 bool>
      DestructorOnly;
  /// inUncalledFunction()'s answers, per removal.
  llvm::DenseMap<const clang::Expr *, bool> UncalledRemovals;
  /// Template instantiations share the location of their pattern.
  llvm::DenseSet<clang::SourceLocation> Reported;
  /// Whole-program mode only.
  std::optional<instancecache::InstanceCacheFactsCollector> Facts;
  const clang::Preprocessor *PP = nullptr;
};

} // namespace leaklint

#endif // LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_STATICINSTANCECACHE_H
