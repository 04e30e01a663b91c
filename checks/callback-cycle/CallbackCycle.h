//===--- CallbackCycle.h - Callbacks that own their owner -*- C++ -*-===//
//
// The analysis behind leak-callback-cycle. A callable holding a shared_ptr
// to an object (see CallableOwners.h) and stored into that object's own
// storage -- a member, a member of a member it owns, or a field an owned
// object's method stores its argument in (OwnershipLinks::storesOfCall(),
// through hand-overs and overriders) -- keeps the object alive for as long
// as it is stored: forever, unless some code empties that storage again or
// hands it out (StorageResets.h, EscapingFields.h). Callables handed to
// anything the object does not own (an event loop, an asio operation, a
// thread pool, another object) are the keep-alive idiom and stay quiet. A
// method whose body is in another .cpp is left to whole-program mode
// (CallbackFacts.h).
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_CALLBACK_CYCLE_CALLBACKCYCLE_H
#define LEAKLINT_CHECKS_CALLBACK_CYCLE_CALLBACKCYCLE_H

#include "CallbackFacts.h"
#include "ContextRuns.h"
#include "Finding.h"
#include "ownership/CallableOwners.h"
#include "ownership/ContainerTypes.h"
#include "ownership/ExecutionContexts.h"
#include "ownership/OwnershipLinks.h"
#include "code/SealedMembers.h"
#include "code/UncalledFunctions.h"
#include "storage/DroppedTokens.h"
#include "storage/EscapingFields.h"
#include "storage/StorageResets.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>
#include <set>
#include <tuple>
#include <vector>

namespace leaklint {

struct CallbackCycleOptions {
  /// Also report storage the code empties again by hand.
  bool ReportResetStorage = false;
  /// Whole-program mode: write this TU's facts here for leaklint-merge
  /// (docs/whole-program.md). Empty: off. Read as a global option too.
  std::string FactsDirectory;

  /// Visits each option as (name, member); the initialiser is the default.
  template <typename Self, typename Visitor>
  static void forEachOption(Self &O, Visitor &&Visit) {
    Visit("ReportResetStorage", O.ReportResetStorage);
    Visit("FactsDirectory", O.FactsDirectory);
  }
};

class CallbackCycle {
public:
  using OptionsType = CallbackCycleOptions;

  /// The language modes the analysis understands.
  static bool isLanguageSupported(const clang::LangOptions &LO) {
    return LO.CPlusPlus11;
  }
  /// Settings a host derives from which other checks are enabled.
  static void adaptToEnabledChecks(OptionsType &,
                                   llvm::function_ref<bool(llvm::StringRef)>) {}

  explicit CallbackCycle(const CallbackCycleOptions &Options);

  /// Empty: every value of these options is valid.
  const std::string &optionError() const { return OptionError; }

  void registerMatchers(clang::ast_matchers::MatchFinder &Finder,
                        clang::ast_matchers::MatchFinder::MatchCallback *CB);
  void collect(const clang::ast_matchers::MatchFinder::MatchResult &Result);
  std::vector<Finding> finish();
  /// Names the TU's facts file by its compile options (whole-program mode).
  void setPreprocessor(const clang::Preprocessor &PP) { this->PP = &PP; }

  /// A callable handed to a method this TU has no body of, on an object
  /// the function names (whole-program mode): which argument.
  struct OpaqueStore {
    const clang::CXXMemberCallExpr *Call = nullptr;
    const clang::CXXMethodDecl *Callee = nullptr;
    ObjectName Holder;
    unsigned Param = 0;
  };

  /// One place a function stores a callable into a field.
  struct Store {
    /// Where the diagnostic points: the storage's name, or the call.
    clang::SourceLocation Loc;
    /// The object whose field receives the callable.
    ObjectName Holder;
    const clang::FieldDecl *Field = nullptr;
    /// The stored expression.
    const clang::Expr *Value = nullptr;
    /// When the callee stores a callable it makes around the argument
    /// (OwnershipLinks::ParamStore::Carrier): that callable, in the
    /// callee's body, and the call.
    const clang::Expr *Carrier = nullptr;
    const clang::CallExpr *CarrierCall = nullptr;
    /// Set when a method of the holder stores its argument: the method and
    /// the store in its body.
    const clang::FunctionDecl *Callee = nullptr;
    clang::SourceLocation CalleeStore;
    /// Set when the method hands its argument on to another method instead
    /// of storing it (OwnershipLinks::ParamStore): the first hop and where
    /// it is made, and the method that stores it in the end.
    const clang::FunctionDecl *HandedTo = nullptr;
    clang::SourceLocation HandedOn;
    const clang::FunctionDecl *StoredBy = nullptr;
    /// Set when an asynchronous operation hands the callable to an
    /// execution context (Field) that the holder owns: the operation and
    /// the I/O object it was started on.
    std::optional<AsyncOperation> Async;
    const clang::FieldDecl *IoField = nullptr;
    /// The call drops what it returns (a token that erases the entry).
    bool ResultDropped = false;
    /// Set when the holder is a local that the function also stores into
    /// storage of another object (`conns_[id] = c`): that store.
    const clang::Expr *KeptBy = nullptr;
    /// Set when the holder is a parameter that a call on the same object
    /// binds to one of its members (ownership/CallerBindings.h): that call.
    const clang::CallExpr *BoundBy = nullptr;
    /// How many steps of Holder's path that call passes.
    unsigned BoundSteps = 0;
  };

private:
  struct Candidate {
    Finding Diag;
    /// The storage and the owned fields leading to it: emptying any of them
    /// breaks the cycle.
    llvm::SmallVector<const clang::FieldDecl *, 3> Chain;
    /// Where the fix-it edits: one fix per callable.
    clang::SourceLocation Callable;
    /// The first note as whole-program mode words it (no fix-it).
    std::string WholeProgramAdvice;
    /// Set when the store's method returns the entry's fresh key and the
    /// call drops it (storage/DroppedTokens.h).
    const clang::FunctionDecl *TokenDroppedBy = nullptr;
  };

  /// A store the merge may confirm: the finding without its storage, and
  /// the owned fields from the object to the callee's object.
  struct Deferred {
    callbacks::PendingCallbackFact Fact;
    llvm::SmallVector<const clang::FieldDecl *, 2> Chain;
  };

  void analyze(const clang::FunctionDecl *F);
  void consider(const clang::FunctionDecl *F, const Store &S,
                const ReassignedSet &Reassigned);
  // Whole-program mode (CallbackFactsWriter.cpp).
  void deferToMerge(const clang::FunctionDecl *F, const OpaqueStore &S,
                    const ReassignedSet &Reassigned);
  void summarizeStores(const clang::FunctionDecl *F);
  void waitForMerge(const Candidate &C);
  void writeFacts();

  CallbackCycleOptions Options;
  std::string OptionError;
  ContainerTypes Containers;
  OwnershipLinks Links;
  ExecutionContexts Contexts;
  StorageResets Resets;
  /// Member objects only their class reaches: a reset of their fields
  /// counts only if that code makes it run.
  SealedMembers Sealed;
  EscapingFields Escapes;
  ContextRuns Runs;
  /// Whether the TU is a whole program (defines main()).
  UncalledFunctions Program;
  clang::ASTContext *Ctx = nullptr;
  std::vector<Candidate> Candidates;
  std::optional<callbacks::CallbackFacts> Facts;
  std::vector<Deferred> DeferredStores;
  /// Calls already deferred, by location, callee and argument.
  std::set<std::tuple<unsigned, const clang::FunctionDecl *, unsigned>>
      DeferredSeen;
  const clang::Preprocessor *PP = nullptr;
  /// Stores already reported, by location and field: instantiations of one
  /// template share them.
  llvm::DenseSet<std::pair<unsigned, const clang::FieldDecl *>> Seen;
};

} // namespace leaklint

#endif // LEAKLINT_CHECKS_CALLBACK_CYCLE_CALLBACKCYCLE_H
