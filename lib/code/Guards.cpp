//===--- Guards.cpp - The conditions under which a statement runs ---------===//
#include "Guards.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace leaklint {
namespace {

// True when \p S leaves the enclosing block: `return`, `break`, `continue`,
// `throw`, or a block ending in one.
bool exitsBlock(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    return !Block->body_empty() && exitsBlock(Block->body_back());
  if (const auto *E = dyn_cast_or_null<Expr>(S))
    return isa<CXXThrowExpr>(E->IgnoreParenImpCasts());
  return isa_and_nonnull<ReturnStmt>(S) || isa_and_nonnull<BreakStmt>(S) ||
         isa_and_nonnull<ContinueStmt>(S);
}

class GuardWalk {
public:
  explicit GuardWalk(const Stmt *Target) : Target(Target) {}

  bool walk(const Stmt *S) {
    if (!S)
      return false;
    if (S == Target) {
      Found = Guards;
      return true;
    }
    if (isa<LambdaExpr>(S))
      return false; // Its body is a function of its own.
    if (const auto *If = dyn_cast<IfStmt>(S))
      return walk(If->getInit()) ||
             walk(If->getConditionVariableDeclStmt()) ||
             walk(If->getCond()) ||
             guarded({If->getCond(), true}, If->getThen()) ||
             guarded({If->getCond(), false}, If->getElse());
    if (const auto *While = dyn_cast<WhileStmt>(S))
      return walk(While->getCond()) ||
             guarded({While->getCond(), true}, While->getBody());
    if (const auto *For = dyn_cast<ForStmt>(S)) {
      if (walk(For->getInit()) || walk(For->getCond()) || walk(For->getInc()))
        return true;
      return For->getCond() ? guarded({For->getCond(), true}, For->getBody())
                            : walk(For->getBody());
    }
    if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
      size_t Outer = Guards.size();
      bool Hit = false;
      for (const Stmt *Child : Block->body()) {
        if ((Hit = walk(Child)))
          break;
        if (const auto *If = dyn_cast<IfStmt>(Child);
            If && !If->getElse() && exitsBlock(If->getThen()))
          Guards.push_back({If->getCond(), false});
      }
      Guards.resize(Outer);
      return Hit;
    }
    for (const Stmt *Child : S->children())
      if (walk(Child))
        return true;
    return false;
  }

  SmallVector<Guard, 4> Found;

private:
  bool guarded(Guard G, const Stmt *S) {
    if (!S || !G.Cond)
      return walk(S);
    Guards.push_back(G);
    bool Hit = walk(S);
    Guards.pop_back();
    return Hit;
  }

  const Stmt *Target;
  SmallVector<Guard, 4> Guards;
};

} // namespace

std::optional<SmallVector<Guard, 4>> guardsOf(const Stmt *Target,
                                              const Stmt *Body) {
  GuardWalk Walk(Target);
  if (!Walk.walk(Body))
    return std::nullopt;
  return std::move(Walk.Found);
}

} // namespace leaklint
