//===--- SkippedRemovals.cpp - A guard's entry left in on one way out -----===//
//
// `static std::vector<const Node *> InProgress;` that `layout()` pushes
// `this` onto and pops again is a re-entrancy guard: it holds each object
// only while the call runs. An early return between the push and the pop
// leaves the entry in: the static grows by one per such call, keeps the
// address after the object dies, and a new object at that address finds
// itself already "in progress". The ways out are read on clang's CFG
// (lib/code/Paths.h).
//
//===----------------------------------------------------------------------===//
#include "StaticInstanceCache.h"
#include "code/PairParts.h"
#include "code/Paths.h"
#include "code/Temporaries.h"
#include "storage/StaticStorage.h"

using namespace clang;

namespace leaklint {
namespace {

// The value \p Cond has where \p Store added an entry: `insert(this).second`
// is false when the object was there already (an outer call's entry, not
// this call's to take out). Reads `!`, a local holding the result, and a
// structured binding of it.
std::optional<bool> storedWhen(const Expr *Cond, const Expr *Store) {
  bool Negated = false;
  Cond = ignoreTemporaries(Cond);
  while (const auto *Not = dyn_cast<UnaryOperator>(Cond)) {
    if (Not->getOpcode() != UO_LNot)
      return std::nullopt;
    Negated = !Negated;
    Cond = ignoreTemporaries(Not->getSubExpr());
  }
  std::optional<PairPart> Part = pairPart(Cond);
  if (!Part || Part->Index != 1 || Part->Pair != Store)
    return std::nullopt;
  return !Negated;
}

} // namespace

void StaticInstanceCache::reportSkippedRemoval(const VarDecl *Var,
                                               const FunctionDecl *Function,
                                               const LocalUses &Uses,
                                               const CXXRecordDecl *Class,
                                               std::vector<Finding> &Out) {
  std::optional<StaticStorageKind> Kind = classifyStaticStorage(Var);
  if (!Kind)
    return;
  SmallVector<const Stmt *, 2> Removals(Uses.RemovalsOfThisAt.begin(),
                                        Uses.RemovalsOfThisAt.end());
  for (const Expr *Store : Uses.StoresOfThisAt) {
    const Stmt *Exit =
        exitAvoiding(Function, Store, Removals, [&](const Expr *Cond) {
          return storedWhen(Cond, Store);
        });
    if (!Exit)
      continue;
    if (!Reported.insert(Var->getLocation()).second)
      return;
    std::string Name = quoted(className(Class));
    std::string Runs = quoted(memberName(Function));
    Finding F;
    F.Loc = Var->getLocation();
    F.Message = (describeStaticStorage(*Kind) + " " +
                 quoted(storageName(Var)) + " holds 'this' of " + Name +
                 " while " + Runs +
                 " runs, but a way out of it skips taking the entry out; "
                 "each such call leaves one behind, and a new " +
                 Name + " at a reused address finds a stale entry")
                    .str();
    F.Notes.push_back({Store->getBeginLoc(), "'this' is stored here"});
    if (isa<ReturnStmt>(Exit))
      F.Notes.push_back({Exit->getBeginLoc(),
                         "this return leaves it in; take it out before "
                         "returning, or with a scope guard on every way out"});
    else
      F.Notes.push_back(
          {Exit->getEndLoc(),
           Runs + " ends here with it still in; take it out before, or with "
                  "a scope guard on every way out"});
    F.Notes.push_back({Removals.front()->getBeginLoc(),
                       "it is taken out here, on the other paths"});
    Out.push_back(std::move(F));
    return;
  }
}

} // namespace leaklint
