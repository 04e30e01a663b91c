//===--- LookupErases.cpp - Erases that only run when a key comes back ----===//
//
// An expiring cache that drops an entry only when the same key is requested
// again and found stale:
//
//   auto It = Cache.find(Key);
//   if (It != Cache.end()) {
//     if (auto Value = It->second.lock())
//       return Value;
//     Cache.erase(It);          // the entry of *this* key, found stale
//   }
//   Cache[Key] = make(Key);
//
// bounds nothing for keys that are never requested again: they stay until
// the program exits. So does a table of scroll cursors whose entry is
// erased when a client fetching its next page finds it exhausted: a cursor
// whose client never comes back stays. Such an erase is told from a real
// bound (an unsubscribe, a sweep, an eviction, a job's `finish()`) by what
// its function does with the same key: it looks the key up, tests what it
// found (not only whether it found it), and then hands that entry out or
// adds the key again. A function that only removes, or removes and
// returns what it removed, is a bound. The lookup and the erase may each be
// a call of a function that does it with the key it is handed
// (`cursors::find(Id)`, `cursors::forget(Id)`).
//
//===----------------------------------------------------------------------===//
#include "storage/LookupErases.h"
#include "code/CallParts.h"
#include "code/LibraryFunctions.h"
#include "code/Mentions.h"
#include "code/Temporaries.h"
#include "code/UncalledFunctions.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace leaklint {
namespace {

bool isMethod(const CXXMemberCallExpr *Call,
              std::initializer_list<StringRef> Names) {
  const CXXMethodDecl *M = Call->getMethodDecl();
  return M && M->getDeclName().isIdentifier() &&
         llvm::is_contained(Names, M->getName());
}

// Walks one function: its lookups of the container with one key, the
// entries they find, the conditions that test those entries, and what the
// function returns or adds.
class LookupWalk : public RecursiveASTVisitor<LookupWalk> {
public:
  LookupWalk(llvm::function_ref<bool(const Expr *)> IsContainer,
             const ValueDecl *Key, const llvm::StringSet<> &GrowthNames,
             unsigned Depth = 0)
      : IsContainer(IsContainer), Key(Key), GrowthNames(GrowthNames),
        Depth(Depth) {}

  // Lambdas and local classes are other functions.
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }

  bool VisitVarDecl(VarDecl *Var) {
    const Expr *Init = Var->getInit();
    if (!Init)
      return true;
    // `auto It = Cache.find(Key);`
    if (const auto *Call =
            dyn_cast<CXXMemberCallExpr>(Init->IgnoreUnlessSpelledInSource());
        Call && isLookup(Call))
      Iterators.insert(Var);
    // `auto Value = It->second.lock();`, `auto &Entry = Cache[Key];`,
    // `auto Cursor = cursors::find(Key);` (a function handing out the
    // entry it looks up).
    else if (mentionsEntry(Init)) {
      EntryLocals.insert(Var);
      // What a lookup function returned: testing it says whether it found.
      if (const auto *Call =
              dyn_cast<CallExpr>(Init->IgnoreUnlessSpelledInSource());
          Call && !isa<CXXMemberCallExpr>(Call) &&
          !isa<CXXOperatorCallExpr>(Call) && handsOutLookedUpEntry(Call))
        Results.insert(Var);
    }
    return true;
  }
  // Conditions and returns are weighed after the walk, when every local
  // made from an entry is known (an if's condition variable is visited
  // after the if).
  bool VisitIfStmt(IfStmt *If) { return condition(If->getCond()); }
  bool VisitWhileStmt(WhileStmt *While) { return condition(While->getCond()); }
  bool VisitConditionalOperator(ConditionalOperator *Op) {
    return condition(Op->getCond());
  }
  bool VisitReturnStmt(ReturnStmt *Return) {
    if (Return->getRetValue())
      Returns.push_back(Return->getRetValue());
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (!isa<CXXMemberCallExpr>(Call) && !isa<CXXOperatorCallExpr>(Call) &&
        isLookupCall(Call))
      LooksUp = true;
    return true;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (isLookupCall(Call))
      LooksUp = true;
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (M && M->getDeclName().isIdentifier() &&
        GrowthNames.contains(M->getName()) && Call->getNumArgs() &&
        IsContainer(Call->getImplicitObjectArgument()) &&
        carriedVariable(Call->getArg(0)) == Key)
      AddsKey = true;
    if (isLookup(Call))
      LooksUp = true;
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    // `Cache[Key]` both looks the key up and adds it.
    if (isSubscript(Op))
      LooksUp = AddsKey = true;
    return true;
  }

  /// Is \p E the iterator of a lookup of the key?
  bool isIterator(const Expr *E) const {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return Ref && Iterators.count(Ref->getDecl());
  }

  /// Does it hand out an entry it found?
  bool handsOutEntry() const {
    return llvm::any_of(Returns,
                        [&](const Expr *E) { return mentionsEntry(E); });
  }
  /// Does it test an entry it found before \p Loc? Whether it found one
  /// (`if (!Cursor)`) is no test of the entry.
  bool testsEntryBefore(SourceLocation Loc, const SourceManager &SM) const {
    return llvm::any_of(Conditions, [&](const Expr *Cond) {
      return SM.isBeforeInTranslationUnit(Cond->getBeginLoc(), Loc) &&
             !isFoundTest(Cond) && mentionsEntry(Cond);
    });
  }

  bool LooksUp = false, AddsKey = false;

private:
  /// `Entry`, `!Entry`, `Entry == nullptr` of what a lookup function
  /// returned: only whether it found.
  bool isFoundTest(const Expr *Cond) const {
    Cond = Cond->IgnoreParenImpCasts();
    if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
        Not && Not->getOpcode() == UO_LNot)
      Cond = Not->getSubExpr()->IgnoreParenImpCasts();
    if (const auto *Bool = dyn_cast<CXXMemberCallExpr>(Cond);
        Bool && isa_and_nonnull<CXXConversionDecl>(Bool->getMethodDecl()))
      Cond = Bool->getImplicitObjectArgument()->IgnoreParenImpCasts();
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Cond);
        Op && Op->getNumArgs() == 2 &&
        (Op->getOperator() == OO_EqualEqual ||
         Op->getOperator() == OO_ExclaimEqual) &&
        isa<CXXNullPtrLiteralExpr>(Op->getArg(1)->IgnoreParenImpCasts()))
      Cond = Op->getArg(0)->IgnoreParenImpCasts();
    const auto *Ref = dyn_cast<DeclRefExpr>(Cond);
    return Ref && Results.count(Ref->getDecl());
  }
  /// A lookup of the key: the container's own, or a call of a function
  /// that looks up what it is handed and hands out the entry.
  bool isLookupCall(const CallExpr *Call) const {
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
        Member && isLookup(Member))
      return true;
    return Depth == 0 && handsOutLookedUpEntry(Call);
  }
  bool handsOutLookedUpEntry(const CallExpr *Call) const {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
    if (!Def || !Def->getBody())
      return false;
    CallParts Parts = callParts(Call);
    for (unsigned I = 0; I < Parts.Args.size(); ++I) {
      if (I >= Def->getNumParams() || carriedVariable(Parts.Args[I]) != Key)
        continue;
      LookupWalk Inner(IsContainer, Def->getParamDecl(I), GrowthNames,
                       Depth + 1);
      Inner.TraverseStmt(const_cast<Stmt *>(Def->getBody()));
      if (Inner.LooksUp && Inner.handsOutEntry())
        return true;
    }
    return false;
  }
  bool isLookup(const CXXMemberCallExpr *Call) const {
    return isMethod(Call, {"find", "count", "contains", "at", "equal_range",
                           "lower_bound"}) &&
           Call->getNumArgs() == 1 &&
           IsContainer(Call->getImplicitObjectArgument()) &&
           carriedVariable(Call->getArg(0)) == Key;
  }
  bool isSubscript(const CXXOperatorCallExpr *Op) const {
    return Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2 &&
           IsContainer(Op->getArg(0)) && carriedVariable(Op->getArg(1)) == Key;
  }
  // An entry the lookup found: `It->second`, `(*It).second`,
  // `Cache.at(Key)`, `Cache[Key]`, or a local made from one.
  bool mentionsEntry(const Stmt *S) const {
    return anyWithin(S, [&](const Stmt *Sub) {
      if (const auto *Member = dyn_cast<MemberExpr>(Sub))
        return Member->getMemberDecl()->getDeclName().isIdentifier() &&
               Member->getMemberDecl()->getName() == "second" &&
               anyWithin(Member->getBase(), [&](const Stmt *B) {
                 return isa<Expr>(B) && isIterator(cast<Expr>(B));
               });
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Sub))
        return EntryLocals.count(Ref->getDecl()) > 0;
      if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Sub))
        return isMethod(Call, {"at"}) && isLookup(Call);
      if (const auto *Call = dyn_cast<CallExpr>(Sub);
          Call && !isa<CXXOperatorCallExpr>(Call))
        return Depth == 0 && handsOutLookedUpEntry(Call);
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Sub))
        return isSubscript(Op);
      return false;
    });
  }
  bool condition(const Expr *Cond) {
    if (Cond)
      Conditions.push_back(Cond);
    return true;
  }

  llvm::function_ref<bool(const Expr *)> IsContainer;
  const ValueDecl *Key;
  const llvm::StringSet<> &GrowthNames;
  /// 0 in the function that erases; 1 in a function it calls to look up.
  unsigned Depth;
  llvm::DenseSet<const Decl *> Iterators, EntryLocals, Results;
  llvm::SmallVector<const Expr *, 4> Conditions, Returns;
};


// The key \p Erase removes (named, or through the iterator of its lookup),
// and whether it erases one key.
const ValueDecl *erasedKey(const CXXMemberCallExpr *Erase,
                           llvm::function_ref<bool(const Expr *)> IsContainer) {
  if (Erase->getNumArgs() != 1)
    return nullptr;
  const ValueDecl *Key = carriedVariable(Erase->getArg(0));
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Erase->getArg(0)->IgnoreUnlessSpelledInSource());
  const auto *Iterator = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (Iterator && Iterator->getInit())
    if (const auto *Find = dyn_cast<CXXMemberCallExpr>(
            Iterator->getInit()->IgnoreUnlessSpelledInSource());
        Find && isMethod(Find, {"find"}) && Find->getNumArgs() == 1 &&
        IsContainer(Find->getImplicitObjectArgument()))
      Key = carriedVariable(Find->getArg(0));
  return Key;
}

// Whether \p F, erasing at \p At the key \p Key, looks it up, tests the
// entry before it erases, and then hands the entry out or adds the key.
bool erasesFoundEntry(const FunctionDecl *F, const Stmt *At,
                      const ValueDecl *Key,
                      llvm::function_ref<bool(const Expr *)> IsContainer,
                      const llvm::StringSet<> &GrowthNames) {
  LookupWalk Walk(IsContainer, Key, GrowthNames);
  Walk.TraverseStmt(const_cast<Stmt *>(F->getBody()));
  return Walk.LooksUp &&
         Walk.testsEntryBefore(At->getBeginLoc(),
                               F->getASTContext().getSourceManager()) &&
         (Walk.AddsKey || Walk.handsOutEntry());
}

} // namespace

bool erasesOnlyOnLookup(
    const CXXMemberCallExpr *Erase, const FunctionDecl *F,
    llvm::function_ref<bool(const Expr *)> IsContainer,
    const llvm::StringSet<> &GrowthNames, const FunctionUses *Uses,
    llvm::function_ref<const FunctionDecl *(const Stmt *)> FunctionHolding) {
  const ValueDecl *Key = erasedKey(Erase, IsContainer);
  if (!F || !F->getBody() || !Key)
    return false;
  if (erasesFoundEntry(F, Erase, Key, IsContainer, GrowthNames))
    return true;
  // `void forget(const std::string &Id) { table().erase(Id); }`: every
  // call of it must be such an erase, with the key it is handed.
  const auto *Param = dyn_cast<ParmVarDecl>(Key);
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  if (!Uses || !Param || Param->getDeclContext() != F ||
      !UncalledFunctions::onlyThisTUCanCall(F) ||
      Uses->Escaped.count(FunctionUses::origin(F)) ||
      (Method && Method->isVirtual()))
    return false;
  auto Calls = Uses->Calls.find(FunctionUses::origin(F));
  if (Calls == Uses->Calls.end() || Calls->second.empty())
    return false;
  unsigned Index = Param->getFunctionScopeIndex();
  return llvm::all_of(Calls->second, [&](const CallExpr *Call) {
    CallParts Parts = callParts(Call);
    const FunctionDecl *Caller = FunctionHolding(Call);
    const ValueDecl *Passed = Index < Parts.Args.size()
                                  ? carriedVariable(Parts.Args[Index])
                                  : nullptr;
    return Caller && Caller->getBody() && Passed &&
           erasesFoundEntry(Caller, Call, Passed, IsContainer, GrowthNames);
  });
}

} // namespace leaklint
