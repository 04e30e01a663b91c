//===--- SkippedErases.cpp - Erases that some ways out skip ---------------===//
//
// A map of calls in flight is bounded by the erase that ends each call,
// unless some calls end without it. Two shapes, both read on clang's CFG
// (lib/code/Paths.h):
//
//   void complete(uint64_t Id, const Reply &R) {
//     auto It = Inflight.find(Id);
//     if (It == Inflight.end())
//       return;                      // nothing to erase
//     if (R.Status != 200)
//       return;                      // leaves the entry found in
//     It->second.Respond(R);
//     Inflight.erase(It);
//   }
//
// and a request that adds the entry through one call and removes it through
// another, with a way out between them:
//
//   void handleSend(Message M) {
//     tracker().track(M);            // adds Pending[M.Id]
//     if (!online(M.To))
//       return;                      // never acknowledged
//     tracker().acknowledge(M.Id);   // erases Pending[M.Id]
//   }
//
// Either is a bound only on the other ways out. The first is told from a
// call that is not done yet (a stream's next chunk) by what the function
// does with the entry it found: a function that writes into the entry,
// decides on its state (`if (It->second.Active)`), or adds to the
// container, keeps entries on purpose. The second needs every
// erase of the container to run only from that one request function, so no
// later event (a reply, a timeout) can erase what it left behind.
//
//===----------------------------------------------------------------------===//
#include "UnboundedContainer.h"
#include "code/LibraryFunctions.h"
#include "code/Mentions.h"
#include "code/Loops.h"
#include "code/Paths.h"
#include "code/Temporaries.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace leaklint {
namespace {

// Calls above a growth or an erase that the request function may be.
constexpr unsigned MaxCallerDepth = 2;

const Expr *stripped(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr();
    else if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(E))
      E = Rewritten->getSemanticForm();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
             Construct && Construct->getNumArgs() == 1)
      E = Construct->getArg(0); // an iterator converted to a const one
    else
      return E;
  }
  return E;
}

bool isVariable(const Expr *E, const VarDecl *VD) {
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripped(E));
  return Ref && Ref->getDecl() == VD;
}

// `It->...` and `(*It)...`: what the iterator points at.
bool isIteratorTarget(const Expr *E, const VarDecl *It) {
  E = stripped(E);
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E);
      Op && Op->getNumArgs() >= 1 &&
      (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star))
    E = Op->getArg(0);
  else if (const auto *Deref = dyn_cast_or_null<UnaryOperator>(E);
           Deref && Deref->getOpcode() == UO_Deref)
    E = Deref->getSubExpr();
  return isVariable(E, It);
}

bool isEndCall(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(stripped(E));
  const CXXMethodDecl *M = Call ? Call->getMethodDecl() : nullptr;
  return M && M->getDeclName().isIdentifier() &&
         llvm::is_contained({"end", "cend"}, M->getName());
}

// Whether \p Cond is `It == C.end()` (true) or `It != C.end()` (false),
// possibly negated; std::nullopt for anything else.
std::optional<bool> testsForEnd(const Expr *Cond, const VarDecl *It) {
  Cond = stripped(Cond);
  if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
      Not && Not->getOpcode() == UO_LNot) {
    std::optional<bool> Inner = testsForEnd(Not->getSubExpr(), It);
    return Inner ? std::optional<bool>(!*Inner) : std::nullopt;
  }
  const Expr *LHS = nullptr, *RHS = nullptr;
  bool Equal = false;
  if (const auto *B = dyn_cast<BinaryOperator>(Cond);
      B && B->isEqualityOp()) {
    LHS = B->getLHS();
    RHS = B->getRHS();
    Equal = B->getOpcode() == BO_EQ;
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Cond);
             Op && Op->getNumArgs() == 2 &&
             (Op->getOperator() == OO_EqualEqual ||
              Op->getOperator() == OO_ExclaimEqual)) {
    LHS = Op->getArg(0);
    RHS = Op->getArg(1);
    Equal = Op->getOperator() == OO_EqualEqual;
  } else {
    return std::nullopt;
  }
  if ((isVariable(LHS, It) && isEndCall(RHS)) ||
      (isVariable(RHS, It) && isEndCall(LHS)))
    return Equal;
  return std::nullopt;
}

// `It->second`, or `(*It).second`, within \p S.
bool mentionsEntry(const Stmt *S, const VarDecl *It) {
  return anyWithin(S, [&](const Stmt *Sub) {
    const auto *Member = dyn_cast<MemberExpr>(Sub);
    return Member && Member->getMemberDecl()->getDeclName().isIdentifier() &&
           Member->getMemberDecl()->getName() == "second" &&
           isIteratorTarget(Member->getBase(), It);
  });
}

// The locals of a body that refer into the entry \p It points at: `auto &V
// = It->second;`, `auto *Q = &It->second.Waiting;`. What the body does
// through them it does to the entry.
llvm::SmallPtrSet<const VarDecl *, 2> entryAliases(const Stmt *Body,
                                                  const VarDecl *It) {
  llvm::SmallPtrSet<const VarDecl *, 2> Aliases;
  anyWithin(Body, [&](const Stmt *S) {
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D);
            Var && Var->getInit() &&
            (Var->getType()->isReferenceType() ||
             Var->getType()->isPointerType()) &&
            mentionsEntry(Var->getInit(), It))
          Aliases.insert(Var);
    return false;
  });
  return Aliases;
}

// A local referring into the entry, within \p S.
bool mentionsAlias(const Stmt *S,
                   const llvm::SmallPtrSet<const VarDecl *, 2> &Aliases) {
  return anyWithin(S, [&](const Stmt *Sub) {
    const auto *Ref = dyn_cast<DeclRefExpr>(Sub);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return Var && Aliases.count(Var);
  });
}

// Whether the body writes into the entry \p It points at: assigns or steps
// a part of `It->second`, or calls a non-const method on it, itself or
// through a local referring into it.
class EntryWrites : public RecursiveASTVisitor<EntryWrites> {
public:
  EntryWrites(const VarDecl *It,
              const llvm::SmallPtrSet<const VarDecl *, 2> &Aliases)
      : It(It), Aliases(Aliases) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp())
      check(B->getLHS());
    return !Found;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp())
      check(U->getSubExpr());
    return !Found;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    const auto *M = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
    if (M && !M->isConst() && Op->getNumArgs() > 0)
      check(Op->getArg(0));
    return !Found;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (const CXXMethodDecl *M = Call->getMethodDecl(); M && !M->isConst())
      check(Call->getImplicitObjectArgument());
    return !Found;
  }
  bool Found = false;

private:
  void check(const Expr *Target) {
    Found |= mentionsEntry(Target, It) || mentionsAlias(Target, Aliases);
  }
  const VarDecl *It;
  const llvm::SmallPtrSet<const VarDecl *, 2> &Aliases;
};

// Whether a condition of the body decides on the entry \p It points at
// (`It->second.Active`), other than by testing whether it was found.
class EntryTests : public RecursiveASTVisitor<EntryTests> {
public:
  EntryTests(const VarDecl *It,
             const llvm::SmallPtrSet<const VarDecl *, 2> &Aliases)
      : It(It), Aliases(Aliases) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitIfStmt(IfStmt *S) { return check(S->getCond()); }
  bool VisitWhileStmt(WhileStmt *S) { return check(S->getCond()); }
  bool VisitForStmt(ForStmt *S) { return check(S->getCond()); }
  bool VisitSwitchStmt(SwitchStmt *S) { return check(S->getCond()); }
  bool VisitAbstractConditionalOperator(AbstractConditionalOperator *C) {
    return check(C->getCond());
  }
  bool Found = false;

private:
  bool check(const Expr *Cond) {
    Cond = stripped(Cond);
    if (!Cond)
      return true;
    if (const auto *B = dyn_cast<BinaryOperator>(Cond); B && B->isLogicalOp())
      return check(B->getLHS()) && check(B->getRHS());
    if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
        Not && Not->getOpcode() == UO_LNot)
      return check(Not->getSubExpr());
    Found |= !testsForEnd(Cond, It) &&
             (mentions(Cond, It) || mentionsAlias(Cond, Aliases));
    return !Found;
  }
  const VarDecl *It;
  const llvm::SmallPtrSet<const VarDecl *, 2> &Aliases;
};

// The calls in a function's body (lambdas aside) to any of some functions.
class CallsTo : public RecursiveASTVisitor<CallsTo> {
public:
  explicit CallsTo(const llvm::DenseSet<const FunctionDecl *> &Callees)
      : Callees(Callees) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *F = Call->getDirectCallee();
        F && Callees.count(FunctionUses::origin(F)))
      Found.push_back(Call);
    return true;
  }
  SmallVector<const Stmt *, 4> Found;

private:
  const llvm::DenseSet<const FunctionDecl *> &Callees;
};

} // namespace

std::optional<UnboundedContainer::SkippedErase>
UnboundedContainer::eraseSkippedAfterLookup(const CXXMemberCallExpr *Erase,
                                            const ValueDecl *D) const {
  const FunctionDecl *F = functionHolding(Erase);
  if (!F || !F->getBody() || Erase->getNumArgs() != 1 ||
      insideLoop(Erase, F->getBody()))
    return std::nullopt;
  // `C.erase(It)` with `auto It = C.find(K);` in the same function.
  const auto *Ref = dyn_cast<DeclRefExpr>(stripped(Erase->getArg(0)));
  const auto *It = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  const auto *Find =
      It && It->isLocalVarDecl() && It->getInit()
          ? dyn_cast<CXXMemberCallExpr>(stripped(It->getInit()))
          : nullptr;
  const CXXMethodDecl *FindMethod = Find ? Find->getMethodDecl() : nullptr;
  if (!FindMethod || !FindMethod->getDeclName().isIdentifier() ||
      FindMethod->getName() != "find")
    return std::nullopt;
  std::optional<Storage> Found =
      storageOf(Find->getImplicitObjectArgument(), /*Direct=*/true);
  if (!Found || Found->Decl != D)
    return std::nullopt;
  // A function that writes into the entry, or grows the container, keeps
  // entries on purpose (the next chunk of a stream, a retry).
  llvm::SmallPtrSet<const VarDecl *, 2> Aliases =
      entryAliases(F->getBody(), It);
  EntryWrites Writes(It, Aliases);
  Writes.TraverseStmt(const_cast<Stmt *>(F->getBody()));
  EntryTests Tests(It, Aliases);
  Tests.TraverseStmt(const_cast<Stmt *>(F->getBody()));
  if (Writes.Found || Tests.Found)
    return std::nullopt;
  for (const Growth &G : Candidates.find(D)->second.Growths)
    if (functionHolding(G.Site) == F)
      return std::nullopt;
  const Stmt *Exit = exitAvoiding(
      F, Find, {Erase},
      [&](const Expr *Cond) -> std::optional<bool> {
        // Only the paths where the entry was found leave it in.
        std::optional<bool> AtEnd = testsForEnd(Cond, It);
        return AtEnd ? std::optional<bool>(!*AtEnd) : std::nullopt;
      });
  if (!Exit)
    return std::nullopt;
  return SkippedErase{Erase, Find, Exit, F, SkippedErase::Kind::AfterLookup};
}

std::optional<UnboundedContainer::SkippedErase>
UnboundedContainer::eraseSkippedByCaller(
    ArrayRef<const CXXMemberCallExpr *> Erases, const ValueDecl *D) {
  const FunctionUses &Uses = Uncalled.uses(*Ctx);
  // The callers of \p F, into \p Out. False unless only calls this TU
  // shows can run F: only this TU can call it, its address is not taken,
  // and it is not virtual.
  auto Callers = [&](const FunctionDecl *F,
                     llvm::DenseSet<const FunctionDecl *> &Out) {
    F = FunctionUses::origin(F);
    const auto *Method = dyn_cast<CXXMethodDecl>(F);
    if (!UncalledFunctions::onlyThisTUCanCall(F) || Uses.Escaped.count(F) ||
        (Method && Method->isVirtual()))
      return false;
    auto Calls = Uses.Calls.find(F);
    if (Calls == Uses.Calls.end() || Calls->second.empty())
      return false;
    for (const CallExpr *Call : Calls->second) {
      const FunctionDecl *Caller = functionHolding(Call);
      if (!Caller)
        return false;
      Out.insert(FunctionUses::origin(Caller));
    }
    return true;
  };
  // The functions with an erase, then their callers, up to MaxCallerDepth
  // levels: the request function is the one caller a level comes down to.
  llvm::DenseSet<const FunctionDecl *> EraseSide, Level;
  for (const CXXMemberCallExpr *Erase : Erases) {
    const FunctionDecl *F = functionHolding(Erase);
    if (!F || insideLoop(Erase, F->getBody()))
      return std::nullopt;
    Level.insert(FunctionUses::origin(F));
  }
  // The growth: in a function, or in a function it calls.
  auto AddedIn = [&](const FunctionDecl *F) -> const Stmt * {
    llvm::DenseSet<const FunctionDecl *> Growers;
    for (const Growth &G : Candidates.find(D)->second.Growths)
      if (const FunctionDecl *Holder = functionHolding(G.Site)) {
        if (FunctionUses::origin(Holder) == F)
          return G.Site;
        Growers.insert(FunctionUses::origin(Holder));
      }
    CallsTo IntoGrowth(Growers);
    IntoGrowth.TraverseStmt(const_cast<Stmt *>(F->getBody()));
    return IntoGrowth.Found.empty() ? nullptr : IntoGrowth.Found.front();
  };
  const FunctionDecl *Request = nullptr;
  const Stmt *Added = nullptr;
  for (unsigned Depth = 0; Depth < MaxCallerDepth && !Request; ++Depth) {
    llvm::DenseSet<const FunctionDecl *> Up;
    for (const FunctionDecl *F : Level) {
      EraseSide.insert(F);
      if (!Callers(F, Up))
        return std::nullopt;
    }
    if (Up.size() == 1 && !EraseSide.count(*Up.begin()) &&
        (*Up.begin())->getBody() && (Added = AddedIn(*Up.begin())))
      Request = *Up.begin();
    Level = std::move(Up);
  }
  // A function that both adds and erases (an LRU's put that evicts)
  // bounds the container itself.
  if (!Request ||
      llvm::any_of(Candidates.find(D)->second.Growths, [&](const Growth &G) {
        const FunctionDecl *Holder = functionHolding(G.Site);
        return !Holder || EraseSide.count(FunctionUses::origin(Holder));
      }))
    return std::nullopt;
  CallsTo IntoErase(EraseSide);
  IntoErase.TraverseStmt(const_cast<Stmt *>(Request->getBody()));
  // A function that adds on one event and erases on another (a typing
  // notice, then the message that ends it) never erases in the call that
  // added: its entries wait for a later call, not a way out.
  if (IntoErase.Found.empty() || insideLoop(Added, Request->getBody()))
    return std::nullopt;
  // An entry added by code that runs once (main() outside its loops, set-up)
  // is one entry, whichever way its call leaves: `lobby.join("host")` before
  // main()'s loop joins and leaves each player.
  if (howOftenAt(Added->getBeginLoc(), 0) != RunCount::Repeatedly)
    return std::nullopt;
  const Stmt *Exit =
      exitAvoiding(Request, Added, IntoErase.Found,
                   [](const Expr *) { return std::nullopt; });
  if (!Exit || !somePathReaches(Request, Added, IntoErase.Found))
    return std::nullopt;
  return SkippedErase{IntoErase.Found.front(), Added, Exit, Request,
                      SkippedErase::Kind::ByCaller};
}

} // namespace leaklint
