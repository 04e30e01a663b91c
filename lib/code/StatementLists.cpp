//===--- StatementLists.cpp - Statements that run as statements of their own ===//
#include "code/StatementLists.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace leaklint {

void forEachListedStatement(
    const Stmt *Parent, llvm::function_ref<void(const ListedStatement &)> Fn) {
  auto Alone = [&](const Stmt *S) {
    if (S && !isa<CompoundStmt>(S))
      Fn({S, nullptr, 0});
  };
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Parent)) {
    unsigned Index = 0;
    for (const Stmt *Child : Block->body())
      Fn({Child, Block, Index++});
  } else if (const auto *If = dyn_cast_or_null<IfStmt>(Parent)) {
    Alone(If->getThen());
    Alone(If->getElse());
  } else if (const auto *While = dyn_cast_or_null<WhileStmt>(Parent)) {
    Alone(While->getBody());
  } else if (const auto *Do = dyn_cast_or_null<DoStmt>(Parent)) {
    Alone(Do->getBody());
  } else if (const auto *For = dyn_cast_or_null<ForStmt>(Parent)) {
    Alone(For->getInc()); // `for (; n->next; n = n->next)`
    Alone(For->getBody());
  } else if (const auto *Range = dyn_cast_or_null<CXXForRangeStmt>(Parent)) {
    Alone(Range->getBody());
  }
}

} // namespace leaklint
