//===--- UnboundedContainer.h - Program-long containers that only grow -*- C++
//-*-===//
//
// The analysis behind leak-unbounded-container. It records, per container
// that lives as long as the program (static or thread storage, or a member of
// a singleton or of a global object), where it grows and whether anything the
// translation unit shows may shrink it; at the end, containers that grow
// outside their initialisation, never shrink, and whose every use is visible
// become Findings.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_UNBOUNDED_CONTAINER_UNBOUNDEDCONTAINER_H
#define LEAKLINT_CHECKS_UNBOUNDED_CONTAINER_UNBOUNDEDCONTAINER_H

#include "ContainerFacts.h"
#include "Finding.h"
#include "code/FiniteValues.h"
#include "code/FunctionRanges.h"
#include "code/UncalledFunctions.h"
#include "code/NamePatterns.h"
#include "identity/InstanceIdentity.h"
#include "ownership/ContainerTypes.h"
#include "storage/ObjectLifetimes.h"
#include "storage/Singletons.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringSet.h"
#include <vector>

namespace leaklint {

struct UnboundedContainerOptions {
  static llvm::StringRef defaultGrowthMethods();
  static llvm::StringRef defaultShrinkMethods();

  std::string ContainerTypes =
      leaklint::ContainerTypes::defaultExtraContainers().str();
  std::string GrowthMethods = defaultGrowthMethods().str();
  std::string ShrinkMethods = defaultShrinkMethods().str();
  bool CheckSingletonMembers = true;
  bool AssumeAllUsesVisible = false;
  std::string IgnoredVariables;
  /// Whole-program mode: write this TU's facts here for leaklint-merge
  /// (docs/whole-program.md). Empty: off. Read as a global option too.
  std::string FactsDirectory;
  /// Leave registries of `this` to leak-static-instance-cache (set by the
  /// host when that check runs too): one diagnostic per variable. Not a user
  /// option, so forEachOption leaves it out.
  bool DeferRegistriesOfThis = true;

  /// Visits each user option as (name, member), for every host to read and
  /// write them the same way; the member initialisers are the defaults.
  template <typename Self, typename Visitor>
  static void forEachOption(Self &O, Visitor &&Visit) {
    Visit("ContainerTypes", O.ContainerTypes);
    Visit("GrowthMethods", O.GrowthMethods);
    Visit("ShrinkMethods", O.ShrinkMethods);
    Visit("CheckSingletonMembers", O.CheckSingletonMembers);
    Visit("AssumeAllUsesVisible", O.AssumeAllUsesVisible);
    Visit("IgnoredVariables", O.IgnoredVariables);
    Visit("FactsDirectory", O.FactsDirectory);
  }
};

namespace containers {
/// A loop of a function: how often its body runs within the function
/// (the counts of the loops around it multiplied, or -1 for a count fixed
/// before it starts that the code does not spell), whether it may repeat
/// without a bound, and whether it counts at all (`while (!q.empty())`
/// does not).
struct FunctionLoop {
  clang::SourceRange Range;
  int64_t Times = 1;
  bool Repeats = false;
  bool Counted = true;
};
} // namespace containers

class UnboundedContainer {
public:
  using OptionsType = UnboundedContainerOptions;

  /// The language modes the analysis understands.
  static bool isLanguageSupported(const clang::LangOptions &LO) {
    return LO.CPlusPlus;
  }
  /// Settings a host derives from which other checks are enabled.
  static void
  adaptToEnabledChecks(OptionsType &O,
                       llvm::function_ref<bool(llvm::StringRef)> IsEnabled) {
    // One diagnostic per variable: registries of `this` are that check's.
    O.DeferRegistriesOfThis = IsEnabled("leak-static-instance-cache");
  }

  explicit UnboundedContainer(const UnboundedContainerOptions &Options);

  /// Empty when the options are valid; else what is wrong with them.
  const std::string &optionError() const { return OptionError; }
  /// The TU's preprocessor, whose options name its facts file; the host
  /// passes it before the TU is matched, and it outlives the match.
  void setPreprocessor(const clang::Preprocessor &PP) { this->PP = &PP; }

  void registerMatchers(clang::ast_matchers::MatchFinder &Finder,
                        clang::ast_matchers::MatchFinder::MatchCallback *CB);
  void collect(const clang::ast_matchers::MatchFinder::MatchResult &Result);
  std::vector<Finding> finish();

private:
  /// A container that lives as long as the program: a variable of static or
  /// thread storage, or a field of a singleton or of a global object.
  struct Storage {
    const clang::ValueDecl *Decl = nullptr;
    /// The field is reached through an object other than a static variable
    /// (`this`, `thr->`, `instance().`): it lives as long as the program
    /// only when every object of its class does.
    bool ViaObject = false;
    /// Reached through an element (`hist[name]`, `auto &h = hist[name]`):
    /// the expression is a value inside the container, not the container.
    bool Element = false;
  };
  struct Growth {
    const clang::Expr *Site;
    bool StoresThis;
    /// The growth adds to an element (`hist[name].push_back(v)`), not to
    /// the container itself.
    bool Element = false;
    /// The key it adds to a map or set of unique keys, when the call shows
    /// it (`m[k]`, `m.emplace(k, v)`, `s.insert(k)`, `m.insert({k, v})`).
    const clang::Expr *Key = nullptr;
  };
  struct Candidate {
    llvm::SmallVector<Growth, 4> Growths;
    /// A field grown through an object (Storage::ViaObject).
    bool GrownViaObject = false;
    /// Values written into a field of an entry (`C[k].owner = this`, also
    /// through a reference bound to the entry, or listed in place: `C[k] =
    /// Slot{this, 0}`).
    llvm::SmallVector<const clang::Expr *, 4> EntryFieldValues;
  };

  /// True when \p G stores a parameter that a caller in this TU passes its
  /// object to, or a callback owning it (`add(Fn f)` called with
  /// `[self = shared_from_this()] {...}`, `track(self)`): a registry of
  /// objects, that leak-static-instance-cache reports.
  bool passedInstance(const Growth &G);
  /// The same for the values \p Args stores.
  bool passedInstance(llvm::ArrayRef<const clang::Expr *> Args);
  /// True when one of \p C's entries is given the current object, or a
  /// parameter its callers pass it to, whole or in a field (`C[k] =
  /// Slot{this, 0}`, `C[k].owner = this`).
  bool entryHoldsInstance(const Candidate &C);
  std::optional<Storage> storageOf(const clang::Expr *E, bool Direct) const;
  clang::QualType containerType(const clang::ValueDecl *D) const;
  void recordGrowth(const clang::Expr *Container, const clang::Expr *Site,
                    llvm::ArrayRef<const clang::Expr *> Args);
  /// A place \p Container may shrink. \p Selective: it removes the
  /// elements its arguments name (`erase(K)`, `remove(V)`, `std::erase`),
  /// as an unsubscribe does, rather than emptying the whole container.
  void recordShrink(const clang::Expr *Container, bool Direct,
                    bool Selective = false);
  void resolveMemberShrinks();
  void noteShrinkKind(const clang::ValueDecl *D, const clang::Expr *Site,
                      bool Selective);
  void recordPointerTarget(const clang::VarDecl *Pointer,
                           const clang::Expr *Target);
  bool paramMayShrink(const clang::FunctionDecl *F, unsigned Param);
  /// The function around \p Site when only this TU can call it and nothing
  /// in it names it; null otherwise.
  const clang::FunctionDecl *uncalledFunctionAround(const clang::Expr *Site);
  /// True when every shrink of \p D removes selected elements and is in
  /// such a function; remembers one in ShrunkOnlyUncalled. A clear or
  /// other wholesale shrink anywhere counts, called or not: maintenance
  /// code that something outside the TU's view may trigger.
  bool shrinksNeverRun(const clang::ValueDecl *D);
  /// True when \p Erase, of \p D, runs only when its key is looked up
  /// again: its function looks the key up, tests the entry found first, and
  /// hands that entry out or adds the key again (storage/LookupErases.h).
  bool erasesOnlyOnLookup(const clang::CXXMemberCallExpr *Erase,
                          const clang::ValueDecl *D);

public:
  /// Where the TU's code assigns `true` and `false` to a boolean field
  /// (first of each), and whether it assigns anything else.
  struct FlagValues {
    const clang::Expr *True = nullptr;
    const clang::Expr *False = nullptr;
    bool Other = false;
  };
  /// An erase that runs only while an element's flag has the value the
  /// code never gives it back: `Answered` set true on reply, erased only
  /// while false (MarkedEntries.cpp).
  struct MarkedSkip {
    const clang::CXXMemberCallExpr *Erase;
    const clang::FieldDecl *Flag;
    const clang::Expr *Marks; ///< where the code sets the flag for good
    bool Required;            ///< the value the erase needs
  };

  /// A pop that one way out of its pushing function skips (SkippedPops.cpp).
  struct SkippedPop {
    const clang::CXXMemberCallExpr *Pop;
    const clang::Expr *Push;
    const clang::Stmt *Exit; ///< the return skipping it, or the body
    const clang::FunctionDecl *Function;
  };

  /// An erase that some ways out skip once the entry is there
  /// (SkippedErases.cpp).
  struct SkippedErase {
    /// The erase, or the request function's call that leads to it.
    const clang::Stmt *Removal;
    /// Where the entry is known to be there: its lookup, or the growth (or
    /// the call that grows) in the request function.
    const clang::Stmt *From;
    const clang::Stmt *Exit; ///< the return skipping it, or the body
    const clang::FunctionDecl *Function;
    enum class Kind {
      /// From is a lookup in the erasing function.
      AfterLookup,
      /// From is a growth in the request function that calls the erase.
      ByCaller,
      /// From completes the entry the function added, and the erase is
      /// where completions are taken elsewhere (CompletedEntries.cpp).
      Completed,
    } How;
    /// The entry's completion, for Kind::Completed.
    const clang::FieldDecl *Completion = nullptr;
  };

private:
  /// \p Erase, of \p D, in a function that looks the entry up, writes
  /// nothing into it, and has a way out skipping the erase once it is
  /// found.
  std::optional<SkippedErase>
  eraseSkippedAfterLookup(const clang::CXXMemberCallExpr *Erase,
                          const clang::ValueDecl *D) const;
  /// Every erase of \p D (\p Erases) runs only from one request function
  /// that adds the entry first, and a way out of it skips them all.
  /// Every erase of \p D (\p Erases) takes the entry's completion, and the
  /// function that adds an entry completes it on a way out that skips them.
  std::optional<SkippedErase> eraseSkippedAfterCompletion(
      llvm::ArrayRef<const clang::CXXMemberCallExpr *> Erases,
      const clang::ValueDecl *D) const;
  std::optional<SkippedErase>
  eraseSkippedByCaller(llvm::ArrayRef<const clang::CXXMemberCallExpr *> Erases,
                       const clang::ValueDecl *D);
  std::optional<SkippedPop>
  popSkippedOnSomeWayOut(const clang::CXXMemberCallExpr *Pop,
                         const clang::ValueDecl *D) const;
  /// The push of \p D in \p F and a way out of \p F that skips every pop
  /// of it there; memoised in WaysSkippingPops.
  std::optional<std::pair<const clang::Expr *, const clang::Stmt *>>
  wayOutSkippingPops(const clang::FunctionDecl *F,
                     const clang::ValueDecl *D) const;
  std::optional<MarkedSkip>
  erasesOnlyUnmarked(const clang::CXXMemberCallExpr *Erase,
                     const clang::ValueDecl *D);
  bool everyUseVisible(const clang::ValueDecl *D) const;
  bool duringInitialisation(const clang::ValueDecl *D,
                            const clang::Expr *Site) const;
  /// How often code runs, from least to most often: once while the program
  /// sets up (static initializers, std::call_once, and what only they
  /// call), once (main() outside its repeating loops, and what only it
  /// calls), or any number of times.
  enum class RunCount { Repeatedly, Once, DuringSetUp };
  RunCount howOftenAt(clang::SourceLocation Loc, unsigned Depth) const;
  /// How often code at \p Loc runs, \p F being the function around it.
  RunCount howOftenIn(const clang::FunctionDecl *F, clang::SourceLocation Loc,
                      unsigned Depth) const;
  RunCount howOften(const clang::FunctionDecl *F, unsigned Depth) const;
  /// The innermost loop around code, as a FunctionLoop without a range:
  /// Times 1 outside loops.
  struct LoopsAround {
    int64_t Times = 1;
    bool Repeats = false;
    bool Counted = true;
  };
  LoopsAround loopsAround(const clang::FunctionDecl *F,
                          clang::SourceLocation Loc) const;
  bool inRepeatingLoop(const clang::FunctionDecl *F,
                       clang::SourceLocation Loc) const;
  /// What the loops of the callees between main() and some code add: a
  /// batch whose size the code does not fix (a queue drained, a range), and
  /// the counts multiplied.
  struct CallerLoops {
    bool Batch = false;
    int64_t Times = 1;
    /// The growth adds an entry per distinct key: the batches of each round
    /// may bring the same keys again, so only counts decide.
    bool PerKey = false;
  };
  /// True when code at \p Loc runs from a repeating loop of main(), itself
  /// or through calls the TU shows (a few deep): what drives the growth of
  /// an object main() declares. Counted rounds in main() drive a batch a
  /// callee drains each round, as they do in main() itself.
  bool drivenByMainLoop(clang::SourceLocation Loc, unsigned Depth,
                        CallerLoops Below) const;
  /// True when a check of the container's size or emptiness bounds the
  /// growth at \p Site: `if (c.empty()) fill(c)`, `while (i >= v.size())
  /// v.emplace_back()`, `if (log.size() >= Max) return;`.
  bool boundedBySize(const clang::ValueDecl *D, const clang::Expr *Site) const;
  /// True when \p G adds a key from a set the program's text fixes: every
  /// caller spells it as a literal, a range check confines it
  /// (lib/code/FiniteValues.h). Such a table stops growing.
  bool addsFixedKeys(const Growth &G);
  /// The key \p Site adds to the unique-key container \p Keyed, or null.
  static const clang::Expr *
  keyAdded(const clang::ClassTemplateSpecializationDecl *Keyed,
           const clang::Expr *Site, llvm::ArrayRef<const clang::Expr *> Args);
  bool within(clang::SourceLocation Loc, clang::SourceRange R) const;
  bool withinAny(clang::SourceLocation Loc,
                 llvm::ArrayRef<clang::SourceRange> Ranges) const;
  const clang::FunctionDecl *functionAt(clang::SourceLocation Loc) const;
  /// Why every object of \p Class lives as long as the program, if it does
  /// (storage/ObjectLifetimes.h).
  std::optional<ProgramLifetime>
  lifetimeOf(const clang::CXXRecordDecl *Class) const;
  /// A container variable or field: its values' class, for lifetimeOf().
  void observeContainer(const clang::DeclaratorDecl *D);
  bool livesAsLongAsTheProgram(const clang::CXXRecordDecl *Class) const {
    return lifetimeOf(Class).has_value();
  }
  /// Notes a heap object that \p Value makes and that is stored into the
  /// member \p Target of `this` at \p Site (storage/ObjectLifetimes.h).
  void recordHanding(const clang::Expr *Target, const clang::Expr *Value,
                     const clang::Stmt *Site);
  void recordHanding(const clang::FieldDecl *Member,
                     const clang::CXXRecordDecl *Owner,
                     const clang::Expr *Value, const clang::Stmt *Site,
                     bool InInitialiser);
  /// True when the function around \p Site writes into an element of \p D
  /// and \p Site grows it only under a condition: a slot is reused before
  /// the container grows (SlotReuse.cpp).
  bool reusesSlots(const clang::ValueDecl *D, const clang::Expr *Site) const;
  /// The function whose body holds \p S (of the functions at its location,
  /// the template instantiation that holds that very node).
  const clang::FunctionDecl *functionHolding(const clang::Stmt *S) const;
  /// A member function of \p D's class, whose body the host skipped
  /// (clangd's headers), may empty the member \p D (a field or a static
  /// data member): it names \p D, or it was not read.
  bool skippedMemberMayShrink(const clang::ValueDecl *D) const;
  void report(const clang::ValueDecl *D, const Candidate &C,
              std::vector<Finding> &Out);
  /// Whole-program mode (ContainerFactsWriter.cpp): \p D, which other TUs
  /// can touch, is left to the merge, worded as this TU would report it.
  void deferToMerge(const clang::ValueDecl *D, const Candidate &C);
  void writeFacts();

  UnboundedContainerOptions Options;
  ContainerTypes Containers;
  InstanceIdentity Identity;
  NamePatterns IgnoredVariables;
  llvm::StringSet<> GrowthNames, ShrinkNames;
  std::string OptionError;

  clang::ASTContext *Ctx = nullptr;
  llvm::MapVector<const clang::ValueDecl *, Candidate> Candidates;
  /// `erase` calls on program-long containers, and the container of each,
  /// weighed at the end (erasesOnlyOnLookup()).
  std::vector<std::pair<const clang::CXXMemberCallExpr *,
                        const clang::ValueDecl *>>
      Erases;
  /// Boolean fields' assignments in the TU, read on the first question
  /// (MarkedEntries.cpp).
  std::optional<llvm::DenseMap<const clang::FieldDecl *, FlagValues>> Writes;
  /// Containers whose erases skip entries marked for good.
  llvm::DenseMap<const clang::ValueDecl *, MarkedSkip> SkipsMarked;
  /// `pop_back`, `pop_front` and `pop` calls on program-long containers,
  /// weighed at the end (popSkippedOnSomeWayOut()).
  std::vector<std::pair<const clang::CXXMemberCallExpr *,
                        const clang::ValueDecl *>>
      Pops;
  /// Containers whose pops all run in the function that pushed, and one
  /// way out of it skips them.
  llvm::DenseMap<const clang::ValueDecl *, SkippedPop> SkipsPop;
  mutable llvm::DenseMap<
      std::pair<const clang::FunctionDecl *, const clang::ValueDecl *>,
      std::optional<std::pair<const clang::Expr *, const clang::Stmt *>>>
      WaysSkippingPops;
  /// Containers whose every erase some way out skips.
  llvm::DenseMap<const clang::ValueDecl *, SkippedErase> SkipsErase;
  /// Containers whose erases all run only when a key is looked up again.
  llvm::DenseMap<const clang::ValueDecl *,
                 llvm::SmallVector<const clang::CXXMemberCallExpr *, 2>>
      ErasedOnLookup;
  /// Shrinks of members, resolved at the end (resolveMemberShrinks()).
  struct MemberShrink {
    const clang::ValueDecl *Decl;
    const clang::Expr *Site;
    bool Selective;
  };
  std::vector<MemberShrink> MemberShrinks;
  /// Shrinks of an element (`hist[name].erase(it)`): they bound what grows
  /// inside elements, and not the container's own growth (a key per name);
  /// weighed at the end (replayElementShrinks()).
  struct ElementShrink {
    const clang::Expr *Container;
    bool Selective;
  };
  std::vector<ElementShrink> ElementShrinks;
  void replayElementShrinks();
  void recordObjectReset(const clang::CXXOperatorCallExpr *Assign);
  /// Members whose only shrink is in their own object's destructor.
  llvm::DenseMap<const clang::ValueDecl *, const clang::Expr *>
      EmptiedOnlyAtExit;
  /// Where each container may shrink selectively (recordShrink()), and
  /// the containers that some other shrink (a clear, an assignment, a
  /// swap) may empty wholesale: together, every container that may shrink.
  llvm::DenseMap<const clang::ValueDecl *,
                 llvm::SmallVector<const clang::Expr *, 2>>
      SelectiveShrinks;
  llvm::DenseSet<const clang::ValueDecl *> WholesaleShrinks;
  bool mayShrink(const clang::ValueDecl *D) const {
    return WholesaleShrinks.count(D) || SelectiveShrinks.count(D);
  }
  /// Containers whose every shrink is in a function nothing calls: one of
  /// those shrinks, and its function (UncalledShrinks.cpp).
  llvm::DenseMap<const clang::ValueDecl *,
                 std::pair<const clang::Expr *, const clang::FunctionDecl *>>
      ShrunkOnlyUncalled;
  /// Functions nothing in the TU names (lib/code/UncalledFunctions.h).
  UncalledFunctions Uncalled;
  FiniteValues Finite{Uncalled};
  Singletons TheSingletons;
  /// Where the objects of each program class live, and lifetimeOf()'s
  /// answers so far.
  ObjectLifetimes Lifetimes;
  mutable llvm::DenseMap<const clang::CXXRecordDecl *,
                         std::optional<ProgramLifetime>>
      KnownLifetimes;
  std::vector<clang::SourceRange> CallOnceRanges;
  /// Initializers of variables with static storage, and where each of the
  /// program's functions is called: a function only initializers call runs
  /// during set-up.
  std::vector<clang::SourceRange> StaticInitRanges;
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::SmallVector<clang::SourceLocation, 2>>
      CallSites;
  /// Calls that dispatch virtually (`chain_[i]->handle(ctx)`), by the method
  /// named: each may run any overrider.
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::SmallVector<clang::SourceLocation, 2>>
      VirtualCallSites;
  void recordCall(const clang::CallExpr *Call);
  /// Where \p F may be called from: its own call sites, and the virtual
  /// calls of the methods it overrides.
  llvm::SmallVector<clang::SourceLocation, 4>
  callSitesOf(const clang::FunctionDecl *F) const;
  /// Calls name a template's instantiation, and code lies in its pattern:
  /// both stand for the pattern (canonical), the key of CallSites.
  static const clang::FunctionDecl *origin(const clang::FunctionDecl *F);
  std::vector<const clang::FunctionDecl *> Functions;
  /// Functions, indexed by where they are; built on the first question,
  /// dropped whenever Functions grows.
  const FunctionRanges &functionRanges() const;
  mutable std::optional<FunctionRanges> Ranges;
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, unsigned>, bool>
      ParamShrinks;
  mutable llvm::DenseMap<const clang::FunctionDecl *, RunCount> RunCounts;
  mutable llvm::DenseMap<const clang::FunctionDecl *,
                         std::vector<containers::FunctionLoop>>
      FunctionLoops;
  /// Static pointers some code aims at a local: the container they reach
  /// dies with its function.
  llvm::DenseSet<const clang::ValueDecl *> AimedAtLocals;
  /// Whole-program mode only.
  std::optional<containers::ContainerFacts> Facts;
  const clang::Preprocessor *PP = nullptr;
};

} // namespace leaklint

#endif // LEAKLINT_CHECKS_UNBOUNDED_CONTAINER_UNBOUNDEDCONTAINER_H
