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
// the program exits. Such an erase is told from a real bound (an
// unsubscribe, a sweep, an eviction) by what its function does with the
// same key: it looks the key up, tests what it found, and then hands that
// entry out or adds the key again. A function that only removes, or
// removes and returns what it removed, is a bound.
//
//===----------------------------------------------------------------------===//
#include "UnboundedContainer.h"
#include "code/LibraryFunctions.h"
#include "code/Mentions.h"
#include "code/Temporaries.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace leaklint {
namespace {

// The variable a key expression names: `Key`, `std::string(Key)`,
// `std::move(Key)`. Null for anything computed.
const ValueDecl *keyVariable(const Expr *E) {
  while ((E = ignoreTemporaries(E))) {
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    const auto *Call = dyn_cast<CallExpr>(E);
    if (Construct && Construct->getNumArgs() == 1)
      E = Construct->getArg(0);
    else if (Call && Call->getNumArgs() == 1 &&
             isStdFunction(Call->getDirectCallee(), {"move"}))
      E = Call->getArg(0);
    else if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return isa<VarDecl>(Ref->getDecl()) ? Ref->getDecl() : nullptr;
    else
      return nullptr;
  }
  return nullptr;
}

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
             const ValueDecl *Key, const llvm::StringSet<> &GrowthNames)
      : IsContainer(IsContainer), Key(Key), GrowthNames(GrowthNames) {}

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
    // `auto Value = It->second.lock();`, `auto &Entry = Cache[Key];`
    else if (mentionsEntry(Init))
      EntryLocals.insert(Var);
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
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (M && M->getDeclName().isIdentifier() &&
        GrowthNames.contains(M->getName()) && Call->getNumArgs() &&
        IsContainer(Call->getImplicitObjectArgument()) &&
        keyVariable(Call->getArg(0)) == Key)
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
  /// Does it test an entry it found before \p Loc?
  bool testsEntryBefore(SourceLocation Loc, const SourceManager &SM) const {
    return llvm::any_of(Conditions, [&](const Expr *Cond) {
      return SM.isBeforeInTranslationUnit(Cond->getBeginLoc(), Loc) &&
             mentionsEntry(Cond);
    });
  }

  bool LooksUp = false, AddsKey = false;

private:
  bool isLookup(const CXXMemberCallExpr *Call) const {
    return isMethod(Call, {"find", "count", "contains", "at", "equal_range",
                           "lower_bound"}) &&
           Call->getNumArgs() == 1 &&
           IsContainer(Call->getImplicitObjectArgument()) &&
           keyVariable(Call->getArg(0)) == Key;
  }
  bool isSubscript(const CXXOperatorCallExpr *Op) const {
    return Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2 &&
           IsContainer(Op->getArg(0)) && keyVariable(Op->getArg(1)) == Key;
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
  llvm::DenseSet<const Decl *> Iterators, EntryLocals;
  llvm::SmallVector<const Expr *, 4> Conditions, Returns;
};

} // namespace

bool UnboundedContainer::erasesOnlyOnLookup(const CXXMemberCallExpr *Erase,
                                            const ValueDecl *D) const {
  if (Erase->getNumArgs() != 1)
    return false;
  const FunctionDecl *F = functionAt(Erase->getBeginLoc());
  if (!F || !F->getBody())
    return false;
  auto IsContainer = [&](const Expr *E) {
    std::optional<Storage> S = storageOf(E, /*Direct=*/true);
    return S && S->Decl == D;
  };
  // The key erased: named directly, or through the iterator of its lookup.
  const ValueDecl *Key = keyVariable(Erase->getArg(0));
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Erase->getArg(0)->IgnoreUnlessSpelledInSource());
  const auto *Iterator = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (Iterator && Iterator->getInit())
    if (const auto *Find = dyn_cast<CXXMemberCallExpr>(
            Iterator->getInit()->IgnoreUnlessSpelledInSource());
        Find && isMethod(Find, {"find"}) && Find->getNumArgs() == 1 &&
        IsContainer(Find->getImplicitObjectArgument()))
      Key = keyVariable(Find->getArg(0));
  if (!Key)
    return false;
  LookupWalk Walk(IsContainer, Key, GrowthNames);
  Walk.TraverseStmt(const_cast<Stmt *>(F->getBody()));
  // It looks the key up, tests the entry before it erases, and then hands
  // the entry out or adds the key again.
  return Walk.LooksUp &&
         Walk.testsEntryBefore(Erase->getBeginLoc(),
                               Ctx->getSourceManager()) &&
         (Walk.AddsKey || Walk.handsOutEntry());
}

} // namespace leaklint
