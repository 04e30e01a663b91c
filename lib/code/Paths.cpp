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

// The way out that avoids \p Through; null when every path passes it;
// std::nullopt when the function cannot be read.
std::optional<const Stmt *>
findExit(const FunctionDecl *F, const Stmt *From, ArrayRef<const Stmt *> Through,
         llvm::function_ref<std::optional<bool>(const Expr *)> OnlyWhen) {
  if (!F || !From || !F->getBody() || F->isDependentContext() ||
      F->isInvalidDecl())
    return std::nullopt;
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(F, F->getBody(), &F->getASTContext(), Options);
  if (!Graph)
    return std::nullopt;
  // Where `From` is: its block and the element after it. A statement of
  // `Through` that is not in the graph runs elsewhere (a scope guard's
  // lambda, a local class's destructor): then no path is known to skip it.
  const CFGBlock *Start = nullptr;
  unsigned StartIndex = 0;
  llvm::SmallPtrSet<const Stmt *, 4> Missing(Through.begin(), Through.end());
  for (const CFGBlock *Block : *Graph)
    for (unsigned I = 0; I < Block->size(); ++I) {
      std::optional<CFGStmt> S = (*Block)[I].getAs<CFGStmt>();
      if (!S)
        continue;
      if (S->getStmt() == From && !Start) {
        Start = Block;
        StartIndex = I + 1;
      }
      Missing.erase(S->getStmt());
    }
  if (!Start || !Missing.empty())
    return std::nullopt;

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
