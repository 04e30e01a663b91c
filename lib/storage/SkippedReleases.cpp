//===--- SkippedReleases.cpp - A release one way to end leaves out --------===//
#include "storage/SkippedReleases.h"
#include "code/Accessors.h"
#include "code/Temporaries.h"
#include "storage/RegistryRemoval.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace leaklint {
namespace {

// The calls a body makes, lambdas included: a release posted to a loop
// still releases.
class CallWalker : public RecursiveASTVisitor<CallWalker> {
public:
  bool shouldVisitLambdaExpressions() const { return true; }
  bool VisitCallExpr(CallExpr *Call) {
    Calls.push_back(Call);
    return true;
  }
  SmallVector<const CallExpr *, 16> Calls;
};

SmallVector<const CallExpr *, 16> callsIn(const FunctionDecl *F) {
  CallWalker Walker;
  Walker.TraverseStmt(F->getBody());
  return std::move(Walker.Calls);
}

const FunctionDecl *definitionOf(const FunctionDecl *F) {
  const FunctionDecl *Def = nullptr;
  return F && F->hasBody(Def) ? Def : nullptr;
}

// Argument \p Index of \p Call's callee, past the object of an operator
// call of a member function.
const Expr *argument(const CallExpr *Call, unsigned Index) {
  if (isa<CXXOperatorCallExpr>(Call) &&
      isa_and_nonnull<CXXMethodDecl>(Call->getDirectCallee()))
    ++Index;
  return Index < Call->getNumArgs() ? Call->getArg(Index) : nullptr;
}

// The calls in \p F that hand its own field \p Key to their callee.
SmallVector<const CallExpr *, 4> callsPassing(const FunctionDecl *F,
                                              const FieldDecl *Key) {
  SmallVector<const CallExpr *, 4> Out;
  for (const CallExpr *Call : callsIn(F))
    if (llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
          return ownField(ignoreTemporaries(Arg)) == Key;
        }))
      Out.push_back(Call);
  return Out;
}

// A private field that no friend can touch and no member function returns:
// only the class's own member functions can hand the key on.
bool keptToItself(const FieldDecl *Key) {
  const auto *Class = dyn_cast<CXXRecordDecl>(Key->getParent());
  if (!Class || Key->getAccess() != AS_private ||
      Class->friend_begin() != Class->friend_end())
    return false;
  for (const CXXMethodDecl *M : Class->methods()) {
    const FunctionDecl *Def = definitionOf(M);
    if (!Def)
      continue;
    bool Returned = false;
    struct ReturnWalker : RecursiveASTVisitor<ReturnWalker> {
      const FieldDecl *Key;
      bool &Returned;
      ReturnWalker(const FieldDecl *Key, bool &Returned)
          : Key(Key), Returned(Returned) {}
      bool VisitReturnStmt(ReturnStmt *R) {
        if (ownField(ignoreTemporaries(R->getRetValue())) == Key)
          Returned = true;
        return !Returned;
      }
    } Walker(Key, Returned);
    Walker.TraverseStmt(Def->getBody());
    if (Returned)
      return false;
  }
  return true;
}

// Whether \p From runs \p Target: calls it, or a function that does, a
// few levels deep.
class Reach {
public:
  explicit Reach(const FunctionDecl *Target)
      : Target(FunctionUses::origin(Target)) {}

  bool runs(const FunctionDecl *From, unsigned Depth = RemovalSearchDepth) {
    From = definitionOf(From);
    if (!From)
      return false;
    auto [It, New] = Known.try_emplace(From, false);
    if (!New)
      return It->second;
    bool Result = false;
    for (const CallExpr *Call : callsIn(From)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee)
        continue;
      if (FunctionUses::origin(Callee) == Target ||
          (Depth > 1 && runs(Callee, Depth - 1))) {
        Result = true;
        break;
      }
    }
    Known[From] = Result;
    return Result;
  }

private:
  const FunctionDecl *Target;
  llvm::DenseMap<const FunctionDecl *, bool> Known;
};

// Calls in \p Ending, other than \p Release, that hand \p Key to a function
// that takes an entry out of some container and does not release: the
// registrations the ending tears down.
SmallVector<const FunctionDecl *, 2>
teardownsIn(const FunctionDecl *Ending, const CallExpr *Release,
            const FieldDecl *Key, Reach &Releases) {
  SmallVector<const FunctionDecl *, 2> Out;
  for (const CallExpr *Call : callsPassing(Ending, Key)) {
    const FunctionDecl *Callee = definitionOf(Call->getDirectCallee());
    if (Call == Release || !Callee || Releases.runs(Callee) ||
        summarizeRemovals(Callee).Removed.empty())
      continue;
    Out.push_back(FunctionUses::origin(Callee));
  }
  return Out;
}

} // namespace

std::optional<SkippedRelease> releaseSkippedByAnEnding(
    const CXXMemberCallExpr *Erase, const FunctionDecl *Releaser,
    const FunctionUses &Uses,
    llvm::function_ref<const FunctionDecl *(const Stmt *)> FunctionHolding) {
  if (!Releaser || Erase->getNumArgs() != 1)
    return std::nullopt;
  const auto *Param =
      dyn_cast_or_null<ParmVarDecl>(carriedVariable(Erase->getArg(0)));
  if (!Param || Param->getDeclContext() != Releaser)
    return std::nullopt;
  auto Calls = Uses.Calls.find(FunctionUses::origin(Releaser));
  if (Calls == Uses.Calls.end())
    return std::nullopt;
  Reach Releases(Releaser);
  for (const CallExpr *Release : Calls->second) {
    const FieldDecl *Key = ownField(
        ignoreTemporaries(argument(Release, Param->getFunctionScopeIndex())));
    const FunctionDecl *Ending = FunctionHolding(Release);
    const auto *Class =
        Key ? dyn_cast<CXXRecordDecl>(Key->getParent()) : nullptr;
      if (!Key || !Ending || !Class || !keptToItself(Key))
      continue;
    SmallVector<const FunctionDecl *, 2> Teardowns =
        teardownsIn(Ending, Release, Key, Releases);
      if (Teardowns.empty())
      continue;
    for (const CXXMethodDecl *M : Class->methods()) {
      const FunctionDecl *Other = definitionOf(M);
      if (!Other || Other == definitionOf(Ending) ||
          isa<CXXConstructorDecl>(M) || isa<CXXDestructorDecl>(M) ||
          Releases.runs(Other))
        continue;
      const CallExpr *Shared = nullptr;
      for (const CallExpr *Call : callsPassing(Other, Key))
        if (const FunctionDecl *Callee = Call->getDirectCallee();
            Callee && llvm::is_contained(Teardowns, FunctionUses::origin(Callee)))
          Shared = Call;
      if (!Shared)
        continue;
      // A step of a releasing member function (`close()` calling
      // `leaveRooms()` before it releases) is not an ending of its own; nor
      // is a private function nothing calls. Code outside the class picks
      // one ending per object.
      auto Callers = Uses.Calls.find(FunctionUses::origin(M));
      bool Called = Callers != Uses.Calls.end() && !Callers->second.empty();
      if ((!Called && M->getAccess() == AS_private) ||
          (Called && llvm::any_of(Callers->second, [&](const CallExpr *Call) {
             const auto *Caller =
                 dyn_cast_or_null<CXXMethodDecl>(FunctionHolding(Call));
             return Caller && declaresSameEntity(Caller->getParent(), Class) &&
                    Releases.runs(Caller);
           })))
        continue;
      return SkippedRelease{Ending, Release, Other, Shared, Key};
    }
  }
  return std::nullopt;
}

} // namespace leaklint
