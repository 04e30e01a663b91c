//===--- CompletedEntries.cpp - Entries completed where they were added ---===//
//
// A table of calls in flight whose entry carries the call's completion:
//
//   void onReply(const Reply &R) {
//     auto It = Pending.find(R.Id);
//     Callback Done = std::move(It->second.Done);
//     Pending.erase(It);                 // completing the call ends it
//     Done(R);
//   }
//   uint64_t call(Request Q, Callback Done) {
//     auto &Slot = Pending[Id];
//     Slot.Done = std::move(Done);
//     if (!Transport.send(Q))
//       Slot.Done(Error);                // completed here, and left in
//     return Id;
//   }
//
// The erase that bounds the table runs where a call completes, and takes
// the entry's completion with it. The function that adds the entry also
// completes it on one way out, without the erase: nothing will complete
// that call again (it is over), so nothing erases its entry, and every
// call that fails so stays until the program exits. It is told from a
// subscription's handler, which runs on every event, by the erase: the
// function that erases an entry must be one that takes its completion
// (reads the same field), and no erase of the table may be a sweep (an
// erase in a loop, which would take stale entries too).
//
//===----------------------------------------------------------------------===//
#include "UnboundedContainer.h"
#include "code/Loops.h"
#include "code/Mentions.h"
#include "code/Paths.h"
#include "code/Temporaries.h"
#include "ownership/CallableHolders.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace leaklint {
namespace {

// The callable fields a function reads on any object: in an erasing
// function, the completions the erase goes with.
class CallableFieldReads : public RecursiveASTVisitor<CallableFieldReads> {
public:
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitMemberExpr(MemberExpr *Member) {
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
        Field && isCallableHolderType(Field->getType()))
      Fields.insert(Field->getCanonicalDecl());
    return true;
  }
  llvm::SmallPtrSet<const FieldDecl *, 4> Fields;
};

// Calls, in the adding function, of a completion field of the entry the
// growth \p Site added: `Slot.Done(Err)` with `auto &Slot = C[Id];`, or
// `C[Id].Done(Err)`.
class EntryCompletions : public RecursiveASTVisitor<EntryCompletions> {
public:
  EntryCompletions(const Expr *Site,
                   const llvm::SmallPtrSet<const FieldDecl *, 4> &Fields)
      : Site(Site), Fields(Fields) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitVarDecl(VarDecl *Var) {
    // A reference bound to the added entry.
    if (Var->getType()->isReferenceType() && Var->getInit() &&
        anyWithin(Var->getInit(), [&](const Stmt *S) { return S == Site; }))
      EntryRefs.insert(Var);
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (Call->getOperator() != OO_Call || Call->getNumArgs() == 0)
      return true;
    const auto *Member =
        dyn_cast<MemberExpr>(ignoreTemporaries(Call->getArg(0)));
    const auto *Field =
        Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
    if (!Field || !Fields.count(Field->getCanonicalDecl()))
      return true;
    const Expr *Base = ignoreTemporaries(Member->getBase());
    if (Base == Site)
      Found.push_back({Call, Field});
    else if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Base);
             Ref && EntryRefs.count(Ref->getDecl()))
      Found.push_back({Call, Field});
    return true;
  }
  SmallVector<std::pair<const CXXOperatorCallExpr *, const FieldDecl *>, 2>
      Found;

private:
  const Expr *Site;
  const llvm::SmallPtrSet<const FieldDecl *, 4> &Fields;
  llvm::SmallPtrSet<const Decl *, 2> EntryRefs;
};

} // namespace

std::optional<UnboundedContainer::SkippedErase>
UnboundedContainer::eraseSkippedAfterCompletion(
    ArrayRef<const CXXMemberCallExpr *> Erases, const ValueDecl *D) const {
  // The completions the erasing functions take; a sweep erases whatever
  // is left, completed or not.
  CallableFieldReads Completions;
  llvm::SmallPtrSet<const FunctionDecl *, 2> Erasing;
  for (const CXXMemberCallExpr *Erase : Erases) {
    const FunctionDecl *F = functionHolding(Erase);
    if (!F || !F->getBody() || insideLoop(Erase, F->getBody()))
      return std::nullopt;
    if (Erasing.insert(F).second)
      Completions.TraverseStmt(const_cast<Stmt *>(F->getBody()));
  }
  if (Completions.Fields.empty())
    return std::nullopt;
  for (const Growth &G : Candidates.find(D)->second.Growths) {
    const FunctionDecl *F = functionHolding(G.Site);
    if (G.Element || !F || !F->getBody() || Erasing.count(F) ||
        insideLoop(G.Site, F->getBody()))
      continue;
    EntryCompletions Calls(G.Site, Completions.Fields);
    Calls.TraverseStmt(const_cast<Stmt *>(F->getBody()));
    SmallVector<const Stmt *, 2> ErasesHere;
    for (const CXXMemberCallExpr *Erase : Erases)
      if (functionHolding(Erase) == F)
        ErasesHere.push_back(Erase);
    for (const auto &[Call, Field] : Calls.Found) {
      const Stmt *Exit = exitAvoiding(
          F, Call, ErasesHere, [](const Expr *) { return std::nullopt; });
      if (!Exit)
        continue;
      SkippedErase Skip{Erases.front(), Call, Exit, F,
                        SkippedErase::Kind::Completed};
      Skip.Completion = Field;
      return Skip;
    }
  }
  return std::nullopt;
}

} // namespace leaklint
