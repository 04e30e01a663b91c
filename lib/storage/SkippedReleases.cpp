//===--- SkippedReleases.cpp - A release one way to end leaves out --------===//
#include "storage/SkippedReleases.h"
#include "code/Accessors.h"
#include "code/CallParts.h"
#include "code/LocalUses.h"
#include "code/Temporaries.h"
#include "storage/StaticStorage.h"
#include "storage/RegistryRemoval.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

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

// How deep a function is searched for a call that releases. Deeper than
// the search for the endings: a release missed here is a false finding.
constexpr unsigned ReleaseSearchDepth = 6;

// Whether \p From runs \p Target: calls it, or a function that does, a
// few levels deep.
class Reach {
public:
  explicit Reach(const FunctionDecl *Target)
      : Target(FunctionUses::origin(Target)) {}

  bool runs(const FunctionDecl *From, unsigned Depth = ReleaseSearchDepth) {
    From = definitionOf(From);
    // The library's own code calls back into no function of the program.
    if (!From || From->getASTContext().getSourceManager().isInSystemHeader(
                     From->getLocation()))
      return false;
    auto [It, New] = Known.try_emplace({From, Depth}, false);
    if (!New)
      return It->second;
    bool Result = false;
    for (const FunctionDecl *Callee : calleesOf(From)) {
      if (FunctionUses::origin(Callee) == Target ||
          (Depth > 1 && runs(Callee, Depth - 1))) {
        Result = true;
        break;
      }
    }
    Known[{From, Depth}] = Result;
    return Result;
  }

private:
  // The functions \p F calls directly, read from its body once for every
  // depth that asks. A copy: the recursion that walks it adds entries.
  SmallVector<const FunctionDecl *, 8> calleesOf(const FunctionDecl *F) {
    auto [It, New] = Callees.try_emplace(F);
    if (New)
      for (const CallExpr *Call : callsIn(F))
        if (const FunctionDecl *Callee = Call->getDirectCallee())
          It->second.push_back(Callee);
    return It->second;
  }

  const FunctionDecl *Target;
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, bool> Known;
  llvm::DenseMap<const FunctionDecl *, SmallVector<const FunctionDecl *, 8>>
      Callees;
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

// A member function of \p Class, other than \p Ending, whose teardown
// call (\p TeardownIn) matches the ending's and that does not run the
// release: an ending that skips it. A step of a releasing member function
// (`close()` calling `leaveRooms()` before it releases) is not an ending of
// its own; nor is a private function nothing calls. Code outside the class
// picks one ending per object.
std::optional<std::pair<const FunctionDecl *, const CallExpr *>>
skippingEnding(const CXXRecordDecl *Class, const FunctionDecl *Ending,
               Reach &Releases, const FunctionUses &Uses,
               llvm::function_ref<const FunctionDecl *(const Stmt *)>
                   FunctionHolding,
               llvm::function_ref<const CallExpr *(const FunctionDecl *)>
                   TeardownIn) {
  for (const CXXMethodDecl *M : Class->methods()) {
    const FunctionDecl *Other = definitionOf(M);
    if (!Other || Other == definitionOf(Ending) ||
        isa<CXXConstructorDecl>(M) || isa<CXXDestructorDecl>(M))
      continue;
    const CallExpr *Shared = TeardownIn(Other);
    if (!Shared || Releases.runs(Other))
      continue;
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
    return std::make_pair(Other, Shared);
  }
  return std::nullopt;
}

// Whether \p T is, points to, or holds through template arguments (a
// container, a smart pointer) objects of \p RD.
bool holdsObjectsOf(QualType T, const CXXRecordDecl *RD, unsigned Depth = 0) {
  if (T.isNull() || Depth > 4)
    return false;
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isPointerType())
    return holdsObjectsOf(T->getPointeeType(), RD, Depth + 1);
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  if (!Record)
    return false;
  if (declaresSameEntity(Record, RD))
    return true;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record);
  if (!Spec)
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
    if (Arg.getKind() == TemplateArgument::Type &&
        holdsObjectsOf(Arg.getAsType(), RD, Depth + 1))
      return true;
  return false;
}

// The calls in \p F that take an entry out of a container holding objects
// of \p Object, each with the container's declaration.
SmallVector<std::pair<const CallExpr *, const ValueDecl *>, 2>
dropsIn(const FunctionDecl *F, const CXXRecordDecl *Object) {
  SmallVector<std::pair<const CallExpr *, const ValueDecl *>, 2> Out;
  for (const CallExpr *Call : callsIn(F)) {
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
    const CXXMethodDecl *M = Member ? Member->getMethodDecl() : nullptr;
    if (!M || !M->getIdentifier() || !isRemovalMethod(M->getName()))
      continue;
    const ValueDecl *Storage =
        containerStorageOf(Member->getImplicitObjectArgument());
    if (Storage && holdsObjectsOf(Storage->getType(), Object))
      Out.push_back({Call, Storage});
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
    CallParts Parts = callParts(Release);
    unsigned Index = Param->getFunctionScopeIndex();
    const FieldDecl *Key =
        Index < Parts.Args.size()
            ? ownField(ignoreTemporaries(Parts.Args[Index]))
            : nullptr;
    const FunctionDecl *Ending = FunctionHolding(Release);
    const auto *Class =
        Key ? dyn_cast<CXXRecordDecl>(Key->getParent()) : nullptr;
    if (!Key || !Ending || !Class || !keptToItself(Key))
      continue;
    SmallVector<const FunctionDecl *, 2> Teardowns =
        teardownsIn(Ending, Release, Key, Releases);
    if (Teardowns.empty())
      continue;
    auto Skip = skippingEnding(
        Class, Ending, Releases, Uses, FunctionHolding,
        [&](const FunctionDecl *F) -> const CallExpr * {
          for (const CallExpr *Call : callsPassing(F, Key))
            if (const FunctionDecl *Callee = Call->getDirectCallee();
                Callee &&
                llvm::is_contained(Teardowns, FunctionUses::origin(Callee)))
              return Call;
          return nullptr;
        });
    if (Skip)
      return SkippedRelease{Ending, Release, Skip->first, Skip->second, Key};
  }
  return std::nullopt;
}

namespace {

// The functions that run \p Resetting, a few calls up, each with its call
// on the way there.
SmallVector<std::pair<const FunctionDecl *, const CallExpr *>, 8>
runnersOf(const FunctionDecl *Resetting, const FunctionUses &Uses,
          llvm::function_ref<const FunctionDecl *(const Stmt *)>
              FunctionHolding) {
  SmallVector<std::pair<const FunctionDecl *, const CallExpr *>, 8> Runners;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Seen = {
      FunctionUses::origin(Resetting)};
  SmallVector<const FunctionDecl *, 8> Frontier = {Resetting};
  for (unsigned Depth = 0; Depth < RemovalSearchDepth && !Frontier.empty();
       ++Depth) {
    SmallVector<const FunctionDecl *, 8> Next;
    for (const FunctionDecl *F : Frontier) {
      auto Calls = Uses.Calls.find(FunctionUses::origin(F));
      if (Calls == Uses.Calls.end())
        continue;
      for (const CallExpr *Call : Calls->second)
        if (const FunctionDecl *Caller = FunctionHolding(Call);
            Caller && Seen.insert(FunctionUses::origin(Caller)).second) {
          Runners.push_back({Caller, Call});
          Next.push_back(Caller);
        }
    }
    Frontier = std::move(Next);
  }
  return Runners;
}

// A member function of \p Owner, other than \p Ending, that drops an
// object of \p Object from \p Dropped without running the reset.
std::optional<std::pair<const FunctionDecl *, const CallExpr *>>
dropSkippingReset(const CXXRecordDecl *Owner, const FunctionDecl *Ending,
                  const ValueDecl *Dropped, const CXXRecordDecl *Object,
                  Reach &Resets, const FunctionUses &Uses,
                  llvm::function_ref<const FunctionDecl *(const Stmt *)>
                      FunctionHolding) {
  return skippingEnding(
      Owner, Ending, Resets, Uses, FunctionHolding,
      [&](const FunctionDecl *F) -> const CallExpr * {
        for (const auto &[Call, From] : dropsIn(F, Object))
          if (From == Dropped)
            return Call;
        return nullptr;
      });
}

// A runner of the reset that can be a way to end: a member function
// other than a constructor or destructor.
const CXXMethodDecl *endingMethod(const FunctionDecl *F) {
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  return Method && !isa<CXXConstructorDecl>(Method) &&
                 !isa<CXXDestructorDecl>(Method)
             ? Method
             : nullptr;
}

} // namespace

std::optional<SkippedRelease> resetSkippedByAnEnding(
    const FunctionDecl *Resetting, const CXXRecordDecl *Object,
    const FunctionUses &Uses,
    llvm::function_ref<const FunctionDecl *(const Stmt *)> FunctionHolding) {
  if (!Resetting || !Object)
    return std::nullopt;
  Reach Resets(Resetting);
  for (const auto &[Ending, Reset] :
       runnersOf(Resetting, Uses, FunctionHolding)) {
    const CXXMethodDecl *Method = endingMethod(Ending);
    if (!Method)
      continue;
    // The ending drops the object from a container after it runs the
    // reset; another member function that drops it from the same container
    // without the reset leaves the cycle in place.
    for (const auto &[Drop, Storage] : dropsIn(Ending, Object))
      if (auto Skip =
              dropSkippingReset(Method->getParent(), Ending, Storage, Object,
                                Resets, Uses, FunctionHolding))
        return SkippedRelease{Ending, Reset, Skip->first, Skip->second,
                              nullptr};
  }
  return std::nullopt;
}

const CallExpr *resetRunOnEveryDrop(
    const FunctionDecl *Resetting, const CXXRecordDecl *Object,
    const FunctionUses &Uses,
    llvm::function_ref<const FunctionDecl *(const Stmt *)> FunctionHolding) {
  if (!Resetting || !Object)
    return nullptr;
  Reach Resets(Resetting);
  auto Runners = runnersOf(Resetting, Uses, FunctionHolding);
  auto Runs = [&](const FunctionDecl *F) {
    return F && llvm::any_of(Runners, [&](const auto &R) {
             return FunctionUses::origin(R.first) == FunctionUses::origin(F);
           });
  };
  for (const auto &[Ending, Reset] : Runners) {
    const CXXMethodDecl *Method = endingMethod(Ending);
    if (!Method)
      continue;
    // The owner lets go of every object at once when it goes: its
    // destructor must run the reset too.
    const CXXRecordDecl *Owner = Method->getParent();
    if (!Owner->hasDefinition() || !Runs(Owner->getDestructor()))
      continue;
    for (const auto &[Drop, Storage] : dropsIn(Ending, Object))
      if (!dropSkippingReset(Owner, Ending, Storage, Object, Resets, Uses,
                             FunctionHolding))
        return Drop;
  }
  return nullptr;
}

} // namespace leaklint
