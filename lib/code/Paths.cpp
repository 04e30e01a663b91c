//===--- Paths.cpp - Whether every way out of a function passes a statement ===//
#include "code/Paths.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace leaklint {

namespace {

// \p F's CFG, and where \p From is in it: its block and the element after
// it. Null when the function cannot be read or From is not in it.
struct Located {
  std::unique_ptr<CFG> Graph;
  const CFGBlock *Start = nullptr;
  unsigned StartIndex = 0;
};
std::optional<Located> locate(const FunctionDecl *F, const Stmt *From) {
  if (!F || !From || !F->getBody() || F->isDependentContext() ||
      F->isInvalidDecl())
    return std::nullopt;
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Located L;
  L.Graph = CFG::buildCFG(F, F->getBody(), &F->getASTContext(), Options);
  if (!L.Graph)
    return std::nullopt;
  for (const CFGBlock *Block : *L.Graph)
    for (unsigned I = 0; I < Block->size() && !L.Start; ++I)
      if (std::optional<CFGStmt> S = (*Block)[I].getAs<CFGStmt>();
          S && S->getStmt() == From) {
        L.Start = Block;
        L.StartIndex = I + 1;
      }
  if (!L.Start)
    return std::nullopt;
  return L;
}

// Whether every statement of \p Stmts is an element of \p Graph. One that
// is not runs elsewhere (a scope guard's lambda, a local class's
// destructor).
bool allInGraph(const CFG &Graph, ArrayRef<const Stmt *> Stmts) {
  llvm::SmallPtrSet<const Stmt *, 4> Missing(Stmts.begin(), Stmts.end());
  for (const CFGBlock *Block : Graph)
    for (const CFGElement &E : *Block)
      if (std::optional<CFGStmt> S = E.getAs<CFGStmt>())
        Missing.erase(S->getStmt());
  return Missing.empty();
}

// The way out that avoids \p Through; null when every path passes it;
// std::nullopt when the function cannot be read.
std::optional<const Stmt *>
findExit(const FunctionDecl *F, const Stmt *From, ArrayRef<const Stmt *> Through,
         llvm::function_ref<std::optional<bool>(const Expr *)> OnlyWhen) {
  std::optional<Located> L = locate(F, From);
  // No path is known to skip a statement of `Through` that runs elsewhere.
  if (!L || !allInGraph(*L->Graph, Through))
    return std::nullopt;
  const CFG *Graph = L->Graph.get();
  const CFGBlock *Start = L->Start;
  unsigned StartIndex = L->StartIndex;

  struct Step {
    const CFGBlock *Block;
    unsigned First;
    const Stmt *LastReturn;
  };
  SmallVector<Step, 8> Work{{Start, StartIndex, nullptr}};
  llvm::DenseSet<const CFGBlock *> Seen;
  while (!Work.empty()) {
    Step S = Work.pop_back_val();
    if (S.Block == &Graph->getExit())
      return S.LastReturn ? S.LastReturn : F->getBody();
    bool Passed = false;
    const Stmt *LastReturn = S.LastReturn;
    for (unsigned I = S.First; I < S.Block->size() && !Passed; ++I) {
      std::optional<CFGStmt> E = (*S.Block)[I].getAs<CFGStmt>();
      if (!E)
        continue;
      const Stmt *St = E->getStmt();
      if (isa<ReturnStmt>(St))
        LastReturn = St;
      Passed = llvm::is_contained(Through, St) || isa<CXXThrowExpr>(St);
    }
    if (Passed || S.Block->hasNoReturnElement())
      continue;
    std::optional<bool> Only;
    if (const auto *Cond = dyn_cast_or_null<Expr>(S.Block->getTerminatorCondition());
        Cond && S.Block->succ_size() == 2)
      Only = OnlyWhen(Cond);
    unsigned Index = 0;
    for (const CFGBlock *Next : S.Block->succs()) {
      // The first successor is where the condition holds.
      bool Pruned = Only && *Only != (Index++ == 0);
      if (Next && !Pruned && Seen.insert(Next).second)
        Work.push_back({Next, 0, LastReturn});
    }
  }
  return nullptr;
}

} // namespace

bool somePathReaches(const FunctionDecl *F, const Stmt *From,
                     ArrayRef<const Stmt *> Targets) {
  std::optional<Located> L = locate(F, From);
  if (!L)
    return false;
  SmallVector<std::pair<const CFGBlock *, unsigned>, 8> Work{
      {L->Start, L->StartIndex}};
  llvm::DenseSet<const CFGBlock *> Seen;
  while (!Work.empty()) {
    auto [Block, First] = Work.pop_back_val();
    for (unsigned I = First; I < Block->size(); ++I)
      if (std::optional<CFGStmt> E = (*Block)[I].getAs<CFGStmt>();
          E && llvm::is_contained(Targets, E->getStmt()))
        return true;
    for (const CFGBlock *Next : Block->succs())
      if (Next && Seen.insert(Next).second)
        Work.push_back({Next, 0});
  }
  return false;
}

const Stmt *
exitAvoiding(const FunctionDecl *F, const Stmt *From,
             ArrayRef<const Stmt *> Through,
             llvm::function_ref<std::optional<bool>(const Expr *)> OnlyWhen) {
  return findExit(F, From, Through, OnlyWhen).value_or(nullptr);
}

bool everyPathPasses(const FunctionDecl *F, const Stmt *From,
                     ArrayRef<const Stmt *> Through) {
  std::optional<const Stmt *> Exit =
      findExit(F, From, Through, [](const Expr *) -> std::optional<bool> { return std::nullopt; });
  return Exit && !*Exit;
}

} // namespace leaklint
