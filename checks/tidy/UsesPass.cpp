//===--- UsesPass.cpp - One pass over what clangd's main file uses --------===//
#include "UsesPass.h"
#include "Compat.h"
#include "code/UsedDeclarations.h"
#include "llvm/ADT/STLExtras.h"

namespace leaklint::uses_pass {
namespace {

struct State {
  std::vector<std::pair<const void *, Registration>> Enlisted;
  clang::ASTContext *Ctx = nullptr;
  bool Done = false;
  bool Running = false;
};

State &state() {
  static thread_local State S;
  return S;
}

} // namespace

void enlist(const void *Owner, Registration Register) {
  State &S = state();
  // A new run's checks enlist before its AST is matched.
  S.Ctx = nullptr;
  S.Done = false;
  S.Enlisted.emplace_back(Owner, std::move(Register));
}

void withdraw(const void *Owner) {
  llvm::erase_if(state().Enlisted,
                 [&](const auto &Entry) { return Entry.first == Owner; });
}

void noteContext(clang::ASTContext *Ctx) {
  if (!state().Running)
    state().Ctx = Ctx;
}

void runOnce() {
  State &S = state();
  if (S.Done || S.Running || !S.Ctx || !isPartialTraversal(*S.Ctx))
    return;
  S.Done = true;
  const std::vector<clang::Decl *> &Used = usedDeclarations(*S.Ctx);
  if (Used.empty())
    return;
  clang::ast_matchers::MatchFinder Finder(
      compat::tidyDefaultMatchFinderOptions());
  for (const auto &Entry : S.Enlisted)
    Entry.second(Finder);
  std::vector<clang::Decl *> Scope = S.Ctx->getTraversalScope();
  S.Ctx->setTraversalScope(Used);
  S.Running = true;
  Finder.matchAST(*S.Ctx);
  S.Running = false;
  S.Ctx->setTraversalScope(Scope);
}

bool running() { return state().Running; }

} // namespace leaklint::uses_pass
