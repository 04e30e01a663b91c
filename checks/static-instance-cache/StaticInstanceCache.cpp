//===--- StaticInstanceCache.cpp - Instance caches in static storage ------===//
#include "StaticInstanceCache.h"
#include "code/AggregateInits.h"
#include "code/EntryWrites.h"
#include "Compat.h"
#include "MemberCacheRewrite.h"
#include "RegistryEraseRewrite.h"
#include "code/KeyDomains.h"
#include "code/LibraryFunctions.h"
#include "code/LocalUses.h"
#include "code/SkippedBodies.h"
#include "code/UncalledFunctions.h"
#include "edits/SourceEdits.h"
#include "facts/TranslationUnitFacts.h"
#include "ownership/CallableHolders.h"
#include "storage/LookupErases.h"
#include "storage/RegistryRemoval.h"
#include "storage/StaticStorage.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace leaklint {
namespace {

// The map or set type of \p Storage, or null.
// The container \p Storage holds: a static pointer's pointee
// (`static Table *T = new Table;`).
const ClassTemplateSpecializationDecl *keyedContainer(const ValueDecl *Storage) {
  const auto *Var = dyn_cast<VarDecl>(Storage);
  QualType T =
      Var ? containerTypeOf(Var) : Storage->getType().getNonReferenceType();
  return dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
}

// Member functions that put an element into a container.
constexpr StringRef GrowthMethods[] = {
    "push_back",        "emplace_back", "push_front",    "emplace_front",
    "insert",           "emplace",      "emplace_hint",  "try_emplace",
    "insert_or_assign", "insert_after", "emplace_after", "push"};

const CXXRecordDecl *enclosingClassOfThis(const DeclContext *DC) {
  for (; DC; DC = DC->getParent()) {
    const auto *M = dyn_cast<CXXMethodDecl>(DC);
    if (!M)
      continue;
    if (M->getParent()->isLambda())
      continue;
    return M->isStatic() ? nullptr : M->getParent()->getCanonicalDecl();
  }
  return nullptr;
}

// Names a new member could hide or clash with: everything declared at
// namespace scope (unscoped enumerators included), and the members of the
// program's own classes, whose derived classes may see both.
void collectNamespaceScopeNames(const DeclContext *DC, llvm::StringSet<> &Out,
                                const SourceManager &SM) {
  for (const Decl *D : DC->decls()) {
    if (const auto *ND = dyn_cast<NamedDecl>(D))
      if (ND->getIdentifier())
        Out.insert(ND->getName());
    if (isa<NamespaceDecl, LinkageSpecDecl, ExportDecl>(D))
      collectNamespaceScopeNames(cast<DeclContext>(D), Out, SM);
    else if (const auto *Enum = dyn_cast<EnumDecl>(D);
             Enum && !Enum->isScoped())
      collectNamespaceScopeNames(Enum, Out, SM);
    else if (const auto *RD = dyn_cast<CXXRecordDecl>(D);
             RD && !SM.isInSystemHeader(RD->getLocation()))
      collectNamespaceScopeNames(RD, Out, SM);
  }
}

// True when \p E is inside the definition of \p F (its body or member
// initialisers).
bool inDefinitionOf(const Expr *E, const FunctionDecl *F,
                    const SourceManager &SM) {
  const FunctionDecl *Body = nullptr;
  if (!F || !F->hasBody(Body))
    return false;
  SourceLocation Loc = SM.getExpansionLoc(E->getBeginLoc());
  SourceRange R = Body->getSourceRange();
  SourceLocation Begin = SM.getExpansionLoc(R.getBegin());
  SourceLocation End = SM.getExpansionLoc(R.getEnd());
  return Loc.isValid() && Begin.isValid() && End.isValid() &&
         !SM.isBeforeInTranslationUnit(Loc, Begin) &&
         !SM.isBeforeInTranslationUnit(End, Loc);
}

// True when \p E runs while an object of \p Class is built (in a constructor
// of the class or of a base) or, with \p Destruction, destroyed.
bool inLifecycleOf(const Expr *E, const CXXRecordDecl *Class, bool Destruction,
                   const SourceManager &SM) {
  const CXXRecordDecl *Def = Class->getDefinition();
  if (!Def)
    return false;
  SmallVector<const CXXRecordDecl *, 4> Classes = {Def};
  Def->forallBases([&](const CXXRecordDecl *Base) {
    Classes.push_back(Base);
    return true;
  });
  for (const CXXRecordDecl *RD : Classes) {
    if (Destruction) {
      if (inDefinitionOf(E, RD->getDestructor(), SM))
        return true;
      continue;
    }
    for (const CXXConstructorDecl *Ctor : RD->ctors())
      if (inDefinitionOf(E, Ctor, SM))
        return true;
  }
  return false;
}

// True when every declaration of \p Storage is in the main file (a static
// local; a global declared in no header; a member of a class defined
// here): no other translation unit can empty it.
bool onlyThisFileNames(const ValueDecl *Storage, const SourceManager &SM) {
  auto InMain = [&](const Decl *D) {
    return SM.isInMainFile(SM.getExpansionLoc(D->getLocation()));
  };
  if (const auto *Var = dyn_cast<VarDecl>(Storage)) {
    if (Var->isStaticLocal())
      return InMain(Var);
    if (Var->isStaticDataMember())
      return InMain(cast<Decl>(Var->getDeclContext()));
    return llvm::all_of(Var->redecls(), InMain);
  }
  return InMain(cast<Decl>(Storage->getDeclContext()));
}

} // namespace

StaticInstanceCache::StaticInstanceCache(
    const StaticInstanceCacheOptions &Options)
    : Options(Options),
      Containers(ContainerTypes::fromOptionList(Options.ContainerTypes)),
      Identity(Containers) {
  OptionError = IgnoredClasses.parse(Options.IgnoredClasses, "IgnoredClasses");
  if (!Options.FactsDirectory.empty())
    Facts.emplace();
}

void StaticInstanceCache::registerMatchers(MatchFinder &Finder,
                                           MatchFinder::MatchCallback *CB) {
  auto Subscript = entrySubscript();
  Finder.addMatcher(
      cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName(GrowthMethods))))
          .bind("grow"),
      CB);
  Finder.addMatcher(Subscript.bind("subscript"), CB);
  Finder.addMatcher(
      binaryOperator(hasOperatorName("="),
                     hasLHS(ignoringParenImpCasts(Subscript.bind("slot"))),
                     hasRHS(expr().bind("value")))
          .bind("assign"),
      CB);
  Finder.addMatcher(
      cxxOperatorCallExpr(
          hasOverloadedOperatorName("="), argumentCountIs(2),
          hasArgument(0, ignoringParenImpCasts(Subscript.bind("slot"))),
          hasArgument(1, expr().bind("value")))
          .bind("assign"),
      CB);
  // A field of an entry: `C[k].owner = this`, or through a reference bound
  // to the entry (`auto &Slot = C[k]; Slot.owner = this;`).
  auto EntryField = fieldOfEntry();
  Finder.addMatcher(binaryOperator(hasOperatorName("="),
                                   hasLHS(ignoringParenImpCasts(EntryField)),
                                   hasRHS(expr().bind("value")))
                        .bind("assign"),
                    CB);
  Finder.addMatcher(
      cxxOperatorCallExpr(hasOverloadedOperatorName("="), argumentCountIs(2),
                          hasArgument(0, ignoringParenImpCasts(EntryField)),
                          hasArgument(1, expr().bind("value")))
          .bind("assign"),
      CB);
  Finder.addMatcher(varDecl(isStaticLocal()).bind("static-local"), CB);
  // Removals from any storage, for registries that own their entries.
  Finder.addMatcher(
      cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName(
                            "erase", "remove", "remove_if", "extract", "clear",
                            "pop_back", "pop_front", "erase_after"))))
          .bind("removal"),
      CB);
  Finder.addMatcher(callExpr(callee(functionDecl(hasAnyName(
                                 "::std::erase", "::std::erase_if"))),
                             unless(cxxMemberCallExpr()))
                        .bind("std-removal"),
                    CB);
  // What takes the whole content out: `batch.swap(pending)`,
  // `std::swap(pending, batch)`, `std::exchange(pending, {})`,
  // `auto batch = std::move(pending)`, `pending = {}` (a queue that is
  // drained and run).
  Finder.addMatcher(
      cxxMemberCallExpr(callee(cxxMethodDecl(hasName("swap")))).bind("swap"),
      CB);
  Finder.addMatcher(callExpr(callee(functionDecl(hasAnyName(
                                 "::std::swap", "::std::exchange",
                                 "::std::move"))),
                             unless(cxxMemberCallExpr()))
                        .bind("taken"),
                    CB);
  Finder.addMatcher(cxxOperatorCallExpr(hasOverloadedOperatorName("="),
                                        argumentCountIs(2))
                        .bind("reassigned"),
                    CB);
  // Calls that may pass the object to a function that stores it.
  Finder.addMatcher(
      callExpr(unless(argumentCountIs(0)),
               callee(functionDecl(unless(isExpansionInSystemHeader()))))
          .bind("call"),
      CB);
  // Whole-program mode: what each function defined here removes.
  if (Facts)
    Finder.addMatcher(functionDecl(isDefinition()).bind("definition"), CB);
}

void StaticInstanceCache::collect(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *Call = Result.Nodes.getNodeAs<CXXMemberCallExpr>("grow")) {
    SmallVector<const Expr *, 4> Args(Call->arguments());
    recordStore(Call->getImplicitObjectArgument(), Call, Args);
    return;
  }
  if (const auto *Assign = Result.Nodes.getNodeAs<Expr>("assign")) {
    const auto *Slot = Result.Nodes.getNodeAs<CXXOperatorCallExpr>("slot");
    recordStore(Slot->getArg(0), Assign,
                {Result.Nodes.getNodeAs<Expr>("value")});
    return;
  }
  if (const auto *Sub =
          Result.Nodes.getNodeAs<CXXOperatorCallExpr>("subscript")) {
    recordStore(Sub->getArg(0), Sub, {Sub->getArg(1)});
    return;
  }
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("static-local")) {
    recordStaticLocal(Var);
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    Passed.addCall(Call);
    recordEscapes(Call);
    return;
  }
  if (const auto *Call =
          Result.Nodes.getNodeAs<CXXMemberCallExpr>("removal")) {
    recordRemoval(Call->getImplicitObjectArgument(), Call);
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("std-removal")) {
    if (Call->getNumArgs() > 0)
      recordRemoval(Call->getArg(0), Call);
    return;
  }
  // Only a whole container is taken out (`cache()[k] = v` assigns an
  // entry).
  auto TakeWhole = [&](const Expr *E, const Expr *Site) {
    if (!E->getType().isNull() &&
        Containers.asContainer(E->getType().getNonReferenceType()))
      recordRemoval(E, Site);
  };
  if (const auto *Call = Result.Nodes.getNodeAs<CXXMemberCallExpr>("swap")) {
    TakeWhole(Call->getImplicitObjectArgument(), Call);
    for (const Expr *Arg : Call->arguments())
      TakeWhole(Arg, Call);
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("taken")) {
    for (const Expr *Arg : Call->arguments())
      TakeWhole(Arg, Call);
    return;
  }
  if (const auto *Op =
          Result.Nodes.getNodeAs<CXXOperatorCallExpr>("reassigned")) {
    TakeWhole(Op->getArg(0), Op);
    return;
  }
  if (const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("definition"))
    Facts->addDefinition(F);
}

StaticInstanceCache::Candidate *
StaticInstanceCache::candidateFor(const ValueDecl *Storage) {
  // One finding per variable, however it is redeclared.
  Storage = cast<ValueDecl>(Storage->getCanonicalDecl());
  if (NotCandidates.count(Storage))
    return nullptr;
  auto *It = Candidates.find(Storage);
  if (It != Candidates.end())
    return &It->second;
  QualType T;
  if (const auto *Var = dyn_cast<VarDecl>(Storage))
    T = containerTypeOf(Var);
  else if (!Storage->getType()->isReferenceType() &&
           !Storage->getType()->isPointerType())
    // A member that points to a container may point to anyone's.
    T = Storage->getType();
  SmallVector<HeldIdentity, 2> Held;
  if (!T.isNull() && !T.isConstQualified() && !T->containsErrors())
    Held = Identity.heldBy(T);
  if (Held.empty()) {
    NotCandidates[Storage] = true;
    return nullptr;
  }
  return &Candidates.insert({Storage, Candidate{std::move(Held), {}}})
              .first->second;
}

void StaticInstanceCache::recordStore(const Expr *Container, const Expr *Site,
                                      ArrayRef<const Expr *> Values) {
  const ValueDecl *Storage = containerStorageOf(Container);
  Candidate *C = Storage ? candidateFor(Storage) : nullptr;
  if (!C)
    return;
  // A struct listed in place holds what its list gives each field
  // (`C[k] = Slot{shared_from_this(), 0}`).
  SmallVector<const Expr *, 4> Listed;
  for (const Expr *V : Values) {
    Listed.push_back(V);
    for (const FieldInit &Init : aggregateFieldInits(V))
      Listed.push_back(Init.second);
  }
  for (const Expr *V : Listed) {
    if (std::optional<InstanceSource> Source = findInstanceSource(V)) {
      if (!Source->Class ||
          !InstanceIdentity::find(C->Held, Source->Class, Source->Captured))
        continue;
      C->Stores.push_back({Site, Container, V, *Source});
      return;
    }
    // `add(Widget *w) { items_.push_back(w); }`: the callers say whose.
    // Every argument may be the one: `byName.emplace(name, w)`.
    if (std::optional<InstanceSource> Param = findParameterSource(V))
      Passed.addParameterStore(Param->Parameter,
                               {Storage, Site, Container, V});
  }
}

void StaticInstanceCache::recordRemoval(const Expr *Container,
                                        const Expr *Call) {
  if (const ValueDecl *Storage = containerStorageOf(Container))
    Removals[Storage].push_back(Call);
}

void StaticInstanceCache::recordEscapes(const CallExpr *Call) {
  // A helper handed the container to change (`eraseFrom(g_running, job)`)
  // may empty it.
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return;
  unsigned Offset = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee);
  for (unsigned A = Offset; A < Call->getNumArgs(); ++A) {
    if (A - Offset >= Callee->getNumParams())
      break;
    QualType P = Callee->getParamDecl(A - Offset)->getType();
    bool Mutable = (P->isReferenceType() || P->isPointerType()) &&
                   !P->getPointeeType().isConstQualified();
    if (!Mutable)
      continue;
    const Expr *Arg = Call->getArg(A)->IgnoreParenImpCasts();
    if (const auto *Address = dyn_cast<UnaryOperator>(Arg);
        Address && Address->getOpcode() == UO_AddrOf)
      Arg = Address->getSubExpr();
    if (!isa<DeclRefExpr, MemberExpr, CallExpr>(Arg))
      continue;
    if (const ValueDecl *Storage = containerStorageOf(Arg))
      MayEmpty.insert(Storage);
  }
}

namespace {

// The functions the destructors of \p Class (and of its bases) call.
class DestructorCallees : public RecursiveASTVisitor<DestructorCallees> {
public:
  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *F = Call->getDirectCallee())
      Found.insert(FunctionUses::origin(F));
    return true;
  }
  llvm::SmallPtrSet<const FunctionDecl *, 4> Found;
};

} // namespace

bool StaticInstanceCache::runsOnlyInDestructorOf(
    const Expr *Removal, const CXXRecordDecl *Class) {
  // Asked for every removal of every storage holding the class.
  auto [It, New] = DestructorOnly.try_emplace({Removal, Class}, false);
  if (!New)
    return It->second;
  bool Result = destructorOnly(Removal, Class);
  DestructorOnly[{Removal, Class}] = Result;
  return Result;
}

bool StaticInstanceCache::destructorOnly(const Expr *Removal,
                                         const CXXRecordDecl *Class) {
  const CXXRecordDecl *Def = Class->getDefinition();
  if (!Def)
    return false;
  const SourceManager &SM = Ctx->getSourceManager();
  DestructorCallees Callees;
  auto Add = [&](const CXXRecordDecl *RD) {
    if (const CXXDestructorDecl *D = RD->getDestructor())
      if (const FunctionDecl *Body = D->getDefinition())
        Callees.TraverseStmt(Body->getBody());
    return true;
  };
  Add(Def);
  Def->forallBases(Add);
  for (const FunctionDecl *F : Callees.Found) {
    const FunctionDecl *Body = F->getDefinition();
    if (!Body || !inDefinitionOf(Removal, Body, SM))
      continue;
    // `unsubscribe(id)`, called by `~Cursor()` alone.
    return Program.calledOnlyInDestructors(F, [&](const CXXRecordDecl *RD) {
      return RD->getCanonicalDecl() == Def->getCanonicalDecl() ||
             Def->isDerivedFrom(RD);
    });
  }
  return false;
}


bool StaticInstanceCache::erasedOnlyOnLookup(const Expr *Removal,
                                             const ValueDecl *Storage) {
  const auto *Erase = dyn_cast<CXXMemberCallExpr>(Removal);
  if (!Erase)
    return false;
  // Asked once while deciding and again while wording the finding.
  auto [Known, New] = OnLookupErases.try_emplace(Erase, false);
  if (!New)
    return Known->second;
  static const llvm::StringSet<> AddingMethods = [] {
    llvm::StringSet<> Names;
    for (StringRef Name : GrowthMethods)
      Names.insert(Name);
    return Names;
  }();
  bool OnLookup = erasesOnlyOnLookup(
      Erase, FunctionUses::holding(Erase, *Ctx),
      [&](const Expr *E) { return containerStorageOf(E) == Storage; },
      AddingMethods, &uses(),
      [&](const Stmt *S) { return FunctionUses::holding(S, *Ctx); });
  OnLookupErases[Erase] = OnLookup;
  return OnLookup;
}

const SkippedRelease *
StaticInstanceCache::releaseSkipped(const Expr *Removal,
                                    const CXXRecordDecl *Class) {
  const auto *Erase = dyn_cast<CXXMemberCallExpr>(Removal);
  if (!Erase)
    return nullptr;
  auto [It, New] = SkippedByEnding.try_emplace(Erase);
  if (New) {
    It->second = releaseSkippedByAnEnding(
        Erase, FunctionUses::holding(Erase, *Ctx), uses(),
        [&](const Stmt *S) { return FunctionUses::holding(S, *Ctx); });
  }
  const std::optional<SkippedRelease> &Skip = It->second;
  const auto *KeyClass =
      Skip ? dyn_cast<CXXRecordDecl>(Skip->Key->getParent()) : nullptr;
  if (!KeyClass || !Class->hasDefinition() ||
      !(declaresSameEntity(KeyClass, Class) ||
        Class->getDefinition()->isDerivedFrom(KeyClass)))
    return nullptr;
  return &*Skip;
}

bool StaticInstanceCache::inUncalledFunction(const Expr *Removal) {
  // `remove()` that nothing in the program calls releases nothing.
  auto [It, New] = UncalledRemovals.try_emplace(Removal, false);
  if (!New)
    return It->second;
  const FunctionDecl *F = FunctionUses::holding(Removal, *Ctx);
  bool Result = F && Program.definesMain(*Ctx) && Program.isUncalled(F);
  UncalledRemovals[Removal] = Result;
  return Result;
}

bool StaticInstanceCache::ownedEntryReleased(const ValueDecl *Storage,
                                             const CXXRecordDecl *Class) {
  const SourceManager &SM = Ctx->getSourceManager();
  if (MayEmpty.count(Storage))
    return true;
  // A member emptied in its own object's destructor: for a program-long
  // object that runs at exit.
  const auto *Holder = isa<FieldDecl>(Storage)
                           ? dyn_cast<CXXRecordDecl>(Storage->getDeclContext())
                           : nullptr;
  if (auto It = Removals.find(Storage); It != Removals.end())
    for (const Expr *Removal : It->second)
      if (!inLifecycleOf(Removal, Class, /*Destruction=*/true, SM) &&
          !(Holder && Holder->getDestructor() &&
            inDefinitionOf(Removal, Holder->getDestructor(), SM)) &&
          !runsOnlyInDestructorOf(Removal, Class) &&
          !erasedOnlyOnLookup(Removal, Storage) &&
          !releaseSkipped(Removal, Class) && !inUncalledFunction(Removal))
        return true;
  // Another translation unit may release the entries.
  return !onlyThisFileNames(Storage, SM);
}

SmallVector<std::pair<const FunctionDecl *, LocalUses>, 2>
StaticInstanceCache::guardingFunctions(const VarDecl *Var, const Candidate &C) {
  SmallVector<std::pair<const FunctionDecl *, LocalUses>, 2> Out;
  // A function-local static: its own function.
  if (const auto *Function = dyn_cast<FunctionDecl>(Var->getDeclContext());
      Var->isStaticLocal() && Function) {
    LocalUses Uses = collectLocalUses(Var, Function->getBody());
    if (!Uses.RemovalsOfThisAt.empty())
      Out.push_back({Function, std::move(Uses)});
    return Out;
  }
  // A global or thread_local: every function that stores into it directly.
  for (const Store &S : C.Stores) {
    const FunctionDecl *Function =
        S.Through ? nullptr : FunctionUses::holding(S.Site, *Ctx);
    if (!Function || !Function->getBody())
      return {};
    if (llvm::any_of(Out, [&](const auto &G) { return G.first == Function; }))
      continue;
    LocalUses Uses = collectLocalUses(Var, Function->getBody());
    if (Uses.RemovalsOfThisAt.empty())
      return {};
    Out.push_back({Function, std::move(Uses)});
  }
  return Out;
}

bool StaticInstanceCache::isProgramLifetime(const ValueDecl *Storage) const {
  if (isa<VarDecl>(Storage))
    return true;
  const auto *Parent =
      dyn_cast<CXXRecordDecl>(Storage->getDeclContext()->getRedeclContext());
  return Parent && TheSingletons.isSingleton(Parent);
}

void StaticInstanceCache::recordStaticLocal(const VarDecl *Var) {
  if (Var->isInvalidDecl())
    return;
  TheSingletons.observeStaticLocal(Var);

  const CXXRecordDecl *Class = enclosingClassOfThis(Var->getDeclContext());
  if (!Class || !Var->getInit())
    return;
  // The static is the callable, or holds callables inside its value (a table
  // of lambdas in a brace initialiser): either way the first object's
  // `this` stays in it.
  const Expr *Init = Var->getInit();
  QualType T = Var->getType().getNonReferenceType();
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  bool Embedded = !isCallableHolderType(T) && !(Record && Record->isLambda()) &&
                  !(Record && isa<CallExpr>(Init->IgnoreImplicit()));
  for (const Expr *Callable : storedCallables(Init)) {
    if (const auto *Lambda = dyn_cast<LambdaExpr>(Callable)) {
      if (std::optional<ThisCapture> Capture = capturedThis(Lambda)) {
        Callables.push_back({Var, Capture->Loc, Class, Lambda->isMutable(),
                             Capture->Owning, Embedded});
        return;
      }
      continue;
    }
    for (const Expr *Arg : cast<CallExpr>(Callable)->arguments())
      if (std::optional<InstanceSource> Source = findInstanceSource(Arg)) {
        Callables.push_back({Var, Source->Origin->getBeginLoc(), Class, false,
                             Source->Owning, Embedded});
        return;
      }
  }
}

bool StaticInstanceCache::isIgnoredClass(const CXXRecordDecl *RD) const {
  if (!RD)
    return false;
  if (Options.IgnoreSingletons && TheSingletons.isSingleton(RD))
    return true;
  return !IgnoredClasses.empty() &&
         IgnoredClasses.matches(qualifiedName(RD), RD->getName());
}

void StaticInstanceCache::reportContainer(const ValueDecl *Storage,
                                          const Candidate &C,
                                          std::vector<Finding> &Out) {
  if (!isProgramLifetime(Storage))
    return;
  // Null for a singleton's member.
  const auto *Var = dyn_cast<VarDecl>(Storage);
  // Every class that stores itself here must take itself out when it
  // dies; the classes that do not are what leaks. Report the first of
  // them, with a remedy for each.
  SmallVector<const Store *, 2> Leaking, Deferred;
  // In whole-program mode: what the deferred answers wait for.
  SmallVector<const FunctionDecl *, 4> Open;
  llvm::SmallPtrSet<const CXXRecordDecl *, 4> Seen;
  // An owning entry is the severer consequence: of a class's stores, it is
  // the one weighed and named.
  SmallVector<const Store *, 4> Ordered;
  auto OwnsIt = [&](const Store &S) {
    const HeldIdentity *H =
        InstanceIdentity::find(C.Held, S.Source.Class, S.Source.Captured);
    return S.Source.Owning && H &&
           (H->Kind == IdentityKind::SharedOwner ||
            H->Kind == IdentityKind::Callable);
  };
  for (const Store &S : C.Stores)
    if (OwnsIt(S))
      Ordered.push_back(&S);
  for (const Store &S : C.Stores)
    if (!OwnsIt(S))
      Ordered.push_back(&S);
  for (const Store *SP : Ordered) {
    const Store &S = *SP;
    const CXXRecordDecl *StoreClass = S.Source.Class;
    const HeldIdentity *StoreHeld =
        InstanceIdentity::find(C.Held, StoreClass, S.Source.Captured);
    if (!Seen.insert(StoreClass).second || !StoreHeld ||
        isIgnoredClass(StoreClass) || isIgnoredClass(StoreHeld->Class))
      continue;
    // Self-registration (`static Registrar R("name");` whose constructor
    // adds `this`): every object is a static, which never dies before the
    // registry does.
    if (inLifecycleOf(S.Source.Origin, StoreClass, /*Destruction=*/false,
                      Ctx->getSourceManager()) &&
        StaticOnly.isStaticOnly(StoreClass, *Ctx))
      continue;
    // An owning entry keeps its object alive: a removal in the destructor
    // never runs, and one anywhere else (`finish()` erasing the job) is
    // the keep-alive idiom.
    if (StoreHeld->Kind == IdentityKind::SharedOwner ||
        StoreHeld->Kind == IdentityKind::Callable) {
      if (ownedEntryReleased(Storage, StoreClass))
        continue;
      // An interning table keyed by an enumeration (or another closed
      // set) owns at most one object per key, by design.
      if (!StoreHeld->InKey && hasClosedKeyDomain(keyedContainer(Storage)))
        continue;
      Leaking.push_back(&S);
      continue;
    }
    SmallVector<const FunctionDecl *, 4> ClassOpen;
    RemovalOnDestruction Removal =
        removalOnDestruction(Storage, StoreClass, Facts ? &ClassOpen : nullptr);
    if (Removal == RemovalOnDestruction::NotRemoved) {
      Leaking.push_back(&S);
    } else if (Removal == RemovalOnDestruction::Unknown && Facts) {
      Deferred.push_back(&S);
      Open.append(ClassOpen.begin(), ClassOpen.end());
    }
  }
  // Nothing leaks for sure: the TU stays quiet, and in whole-program mode
  // the merge decides once it sees the destructors defined elsewhere.
  bool Deferring = Leaking.empty();
  if (Deferring) {
    if (Deferred.empty())
      return;
    Leaking = Deferred;
  }
  const InstanceSource &First = Leaking.front()->Source;
  const CXXRecordDecl *Class = First.Class;
  const HeldIdentity *Held = InstanceIdentity::find(C.Held, Class, First.Captured);
  // A static whose every store is made by a function that takes its own
  // entry out again (a re-entrancy or cycle guard, a stack of the objects
  // being worked on) does not accumulate objects, unless a way out of such
  // a function skips the removal.
  if (Var) {
    SmallVector<std::pair<const FunctionDecl *, LocalUses>, 2> Guards =
        guardingFunctions(Var, C);
    if (!Guards.empty()) {
      if (!Deferring)
        for (const auto &[Function, Uses] : Guards)
          reportSkippedRemoval(Var, Function, Uses, Class, Out);
      return;
    }
  }
  std::string Described;
  std::string Until = "until the program exits";
  if (Var) {
    std::optional<StaticStorageKind> Kind = classifyStaticStorage(Var);
    if (!Kind)
      return;
    if (*Kind == StaticStorageKind::ThreadLocal)
      Until = "until its thread exits";
    Described =
        (describeStaticStorage(*Kind) + " " + quoted(storageName(Var))).str();
  } else {
    Described = "singleton member " + quoted(memberName(Storage));
  }
  if (!Deferring && !Reported.insert(Storage->getLocation()).second)
    return;
  std::string Name = quoted(className(Class));
  bool Owning = Held->Kind == IdentityKind::SharedOwner ||
                Held->Kind == IdentityKind::Callable;
  std::string What = First.Owning ? "shared_from_this()" : "'this'";
  std::string How = Held->InKey ? "is keyed by " : "holds ";
  bool Callbacks = Held->Kind == IdentityKind::Callable;

  // Erases that run only when a key comes back: what they leave is what
  // leaks.
  SmallVector<const Expr *, 2> OnLookup;
  if (Owning)
    if (auto It = Removals.find(Storage); It != Removals.end())
      for (const Expr *Removal : It->second)
        if (erasedOnlyOnLookup(Removal, Storage))
          OnLookup.push_back(Removal);

  // A release that one way for the object to end skips: what ends that
  // way is what leaks.
  const SkippedRelease *Skipped = nullptr;
  if (Owning && OnLookup.empty())
    if (auto It = Removals.find(Storage); It != Removals.end())
      for (const Expr *Removal : It->second)
        if ((Skipped = releaseSkipped(Removal, Class)))
          break;

  Finding F;
  F.Loc = Storage->getLocation();
  if (Skipped)
    F.Message = Described + " " + How +
                (Callbacks ? "callbacks capturing shared_from_this()"
                           : What.c_str()) +
                " of " + Name + ", and " +
                quoted(memberName(Skipped->Skipping)) + " ends a " + Name +
                " without releasing its entry, while " +
                quoted(memberName(Skipped->Releasing)) +
                " releases it; every " + Name +
                " that ends that way stays alive " + Until;
  else if (Callbacks)
    F.Message = Described + " holds callbacks capturing shared_from_this() of " +
                Name + "; every " + Name +
                " whose callback is put in it stays alive " + Until;
  else if (Owning && !OnLookup.empty())
    F.Message = Described + " " + How + What + " of " + Name +
                ", and its entries are only erased when their key is "
                "requested again; every " + Name +
                " whose key does not come back stays alive " + Until;
  else if (Owning)
    F.Message = Described + " " + How + What + " of " + Name + "; every " + Name +
                " put in it stays alive " + Until;
  else
    F.Message = Described + " " + How + What + " of " + Name +
                " but its entries are not erased when their objects die; a "
                "new " +
                Name + " at a reused address gets a stale entry";

  llvm::SmallSet<SourceLocation, 4> Noted;
  for (const Store &S : C.Stores) {
    if (Noted.size() == 3)
      break;
    // The skipped release is the finding of one class: its stores only.
    if (Skipped && S.Source.Class != Class)
      continue;
    std::string Object = S.Source.Captured
                             ? "a callback capturing shared_from_this()"
                             : S.Source.Owning ? "shared_from_this()"
                                               : "'this'";
    if (!S.Through) {
      SourceLocation Loc = S.Value->getBeginLoc();
      if (Noted.insert(Loc).second)
        F.Notes.push_back({Loc, Object + " is stored here"});
      continue;
    }
    // Through calls: where the object is passed, and where a callee stores
    // it.
    SourceLocation Loc = S.Source.Origin->getBeginLoc();
    if (!Noted.insert(Loc).second)
      continue;
    F.Notes.push_back(
        {Loc, Object + " is passed to " +
                  quoted(memberName(S.Through->Calls.front()->getDirectCallee())) +
                  " here"});
    if (const auto *Storing =
            dyn_cast<FunctionDecl>(S.Through->S.Parameter->getDeclContext()))
      F.Notes.push_back({S.Value->getBeginLoc(),
                         quoted(memberName(Storing)) + " stores it here"});
  }

  // The owner's own erase in its destructor: dead code while it is owned.
  if (Owning)
    if (auto It = Removals.find(Storage); It != Removals.end())
      for (const Expr *Removal : It->second)
        if (inLifecycleOf(Removal, Class, /*Destruction=*/true,
                          Ctx->getSourceManager())) {
          F.Notes.push_back({Removal->getBeginLoc(),
                             "this removal runs only when the " + Name +
                                 " is destroyed, which its entry prevents"});
          break;
        }

  // A removal that would release the entries, in a function nothing calls.
  if (Owning && OnLookup.empty() && !Skipped)
    if (auto It = Removals.find(Storage); It != Removals.end())
      for (const Expr *Removal : It->second)
        if (inUncalledFunction(Removal)) {
          F.Notes.push_back(
              {Removal->getBeginLoc(),
               "this removal would release them, but nothing calls " +
                   quoted(memberName(FunctionUses::holding(Removal, *Ctx)))});
          break;
        }

  for (const Expr *Removal : ArrayRef<const Expr *>(OnLookup).take_front(2))
    F.Notes.push_back({Removal->getBeginLoc(),
                       "entries are only erased here, when their key is "
                       "requested again and the " + Name + " found is done"});

  if (Skipped) {
    F.Notes.push_back({Skipped->Release->getBeginLoc(),
                       quoted(memberName(Skipped->Releasing)) +
                           " releases the entry here"});
    F.Notes.push_back(
        {Skipped->Teardown->getBeginLoc(),
         quoted(memberName(Skipped->Skipping)) + " passes " +
             quoted(Skipped->Key->getName()) + " to " +
             quoted(memberName(Skipped->Teardown->getDirectCallee())) +
             " here, as " + quoted(memberName(Skipped->Releasing)) +
             " does, but never releases its entry"});
  }

  size_t Evidence = F.Notes.size();
  if (Skipped) {
    F.Notes.push_back({Skipped->Teardown->getBeginLoc(),
                       "release the entry in " +
                           quoted(memberName(Skipped->Skipping)) +
                           " too, or in one function every ending calls"});
  } else if (!OnLookup.empty()) {
    F.Notes.push_back(
        {Storage->getLocation(),
         "erase the entry when its " + Name +
             " is abandoned as well (a deadline swept on a timer), or bound "
             "the table"});
  } else if (Callbacks) {
    F.Notes.push_back(
        {Storage->getLocation(),
         "capture weak_from_this() in the callback and lock it when it runs, "
         "or remove the callback when the " +
             Name + " is done with it, so that " + Name +
             " objects can be destroyed"});
  } else if (Owning) {
    F.Notes.push_back(
        {Storage->getLocation(),
         "hold std::weak_ptr<" + className(Class) +
             "> instead, or keep the cache in each object keyed by value, so "
             "that " +
             Name + " objects can be destroyed"});
  } else if (Var && Var->isStaticLocal() && !C.Stores.front().Through &&
             declaresSameEntity(enclosingClassOfThis(Var->getDeclContext()),
                                Class) &&
             isa<DeclRefExpr>(
                 C.Stores.front().Container->IgnoreParenImpCasts())) {
    // A cache that one of the class's own methods fills directly: the
    // per-instance member is the fix. Anywhere else (and behind an accessor)
    // the static is a registry of all objects.
    if (!NamespaceNames) {
      NamespaceNames.emplace();
      collectNamespaceScopeNames(Ctx->getTranslationUnitDecl(), *NamespaceNames,
                                 Ctx->getSourceManager());
    }
    MemberCacheRewrite Plan = planMemberCacheRewrite(
        Var, *Ctx, AddedMembers[Class->getCanonicalDecl()], *NamespaceNames);
    if (!Plan.Fixes.empty() && Plan.Class && !Deferring)
      AddedMembers[Class->getCanonicalDecl()].insert(Plan.MemberName);
    std::string Note = "make it a per-instance member of " + Name;
    if (!Plan.MemberDeclaration.empty())
      Note += ": '" + Plan.MemberDeclaration + "'";
    if (Plan.Fixes.empty() && !Plan.WhyNot.empty())
      Note += " (no automatic fix: " + Plan.WhyNot + ")";
    SourceLocation At =
        Plan.Class ? Plan.Class->getBraceRange().getEnd() : Var->getLocation();
    F.Notes.push_back({At.isValid() ? At : Var->getLocation(), Note});
    F.Fixes.append(Plan.Fixes.begin(), Plan.Fixes.end());
  } else {
    for (const Store *S : Leaking) {
      const CXXRecordDecl *StoreClass = S->Source.Class;
      const HeldIdentity *StoreHeld =
          InstanceIdentity::find(C.Held, StoreClass, S->Source.Captured);
      // A member, or a store in a callee: the destructor cannot name what
      // the store names; it should undo what the callee did.
      if (!Var || S->Through) {
        std::string Note = "erase the entries of 'this' in '~" +
                           className(StoreClass) + "()'";
        if (S->Through)
          Note += ", undoing what " +
                  quoted(memberName(
                      S->Through->Calls.front()->getDirectCallee())) +
                  " does";
        F.Notes.push_back({destructorPlace(StoreClass), Note});
        continue;
      }
      RegistryEraseRewrite Plan = planRegistryErase(
          Var, S->Container, StoreClass, StoreHeld->InKey, Containers, *Ctx);
      std::string Note = Plan.Statement.empty()
                             ? "erase the entries of 'this' in '~" +
                                   className(StoreClass) + "()'"
                             : "erase the entry in '~" + className(StoreClass) +
                                   "()': '" + Plan.Statement + "'";
      if (Plan.Fixes.empty() && !Plan.WhyNot.empty())
        Note += " (no automatic fix: " + Plan.WhyNot + ")";
      F.Notes.push_back({Plan.Loc, Note});
      F.Fixes.append(Plan.Fixes.begin(), Plan.Fixes.end());
    }
  }
  if (Deferring) {
    Facts->defer(Storage, Class, F, Evidence, Open, *Ctx);
    return;
  }
  if (Facts)
    Facts->reported(Storage);
  Out.push_back(std::move(F));
}

void StaticInstanceCache::writeFacts() {
  // Facts describe a whole TU. A host that matches part of it (clangd's
  // main-file traversal scope) would write partial facts over whole ones.
  if (isPartialTraversal(*Ctx))
    return;
  facts::writeTranslationUnitFacts(
      Options.FactsDirectory, "leak-static-instance-cache",
      Ctx->getSourceManager(), PP, toJSON(Facts->finish(*Ctx)));
}

void StaticInstanceCache::reportCallable(const StaticCallable &S,
                                         std::vector<Finding> &Out) {
  if (isIgnoredClass(S.Class) || !Reported.insert(S.Var->getLocation()).second)
    return;
  std::optional<StaticStorageKind> Kind = classifyStaticStorage(S.Var);
  if (!Kind)
    return;
  std::string Name = quoted(className(S.Class));
  Finding F;
  F.Loc = S.Var->getLocation();
  F.Message =
      (describeStaticStorage(*Kind) + " " + quoted(storageName(S.Var))).str() +
      (S.Embedded ? " holds a callable that captures " : " captures ") +
      (S.Owning ? "shared_from_this() of the first " : "'this' of the first ") +
      Name + " that initialises it; calls through any other " + Name +
      " use that one" +
      (S.Owning ? ", which stays alive until the program exits"
                : ", which dangles once it is destroyed");
  F.Notes.push_back({S.Capture, S.Owning ? "shared_from_this() is captured here"
                                         : "'this' is captured here"});

  // Without `static` the callable is built for the object it is called on.
  // That is only equivalent when the function merely calls it and the
  // callable keeps no state of its own between calls.
  const auto *Function = dyn_cast<FunctionDecl>(S.Var->getDeclContext());
  LocalUses Uses =
      collectLocalUses(S.Var, Function ? Function->getBody() : nullptr);
  std::string WhyNot;
  if (S.Embedded)
    WhyNot = "the callable is inside its value";
  else if (S.KeepsState)
    WhyNot = "the lambda is mutable and keeps state between calls";
  else if (Uses.Calls != Uses.Refs.size())
    WhyNot = "it is used other than by calling it";
  else if (Uses.RefsInNestedCallables)
    WhyNot = "a lambda or local class uses it, and could not capture a "
             "non-static local";
  else if (Uses.Declaration && !Uses.Declaration->isSingleDecl())
    WhyNot = "it is declared together with other variables, which would "
             "lose 'static' too";
  SmallVector<FixItHint, 2> Fixes;
  if (WhyNot.empty() && Uses.Declaration) {
    Fixes = removeStorageKeywords(Uses.Declaration->getBeginLoc(),
                                  S.Var->getLocation(), *Ctx);
    if (Fixes.empty())
      WhyNot = "its declaration comes from a macro";
  }
  if (!WhyNot.empty())
    F.Notes.push_back(
        {S.Var->getLocation(),
         "make it a per-instance member of " + Name +
             " or build it on each call (no automatic fix: " + WhyNot + ")"});
  F.Fixes.append(Fixes.begin(), Fixes.end());
  Out.push_back(std::move(F));
}

std::vector<Finding> StaticInstanceCache::finish() {
  std::vector<Finding> Out;
  if (Ctx) {
    for (const PassedInstances::Passed &P : Passed.resolve()) {
      auto *It = Candidates.find(P.S.Storage);
      if (It == Candidates.end() || !P.Source.Class ||
          !InstanceIdentity::find(It->second.Held, P.Source.Class,
                                  P.Source.Captured))
        continue;
      It->second.Stores.push_back(
          {P.S.Site, P.S.Container, P.S.Value, P.Source,
           std::make_shared<const PassedInstances::Passed>(P)});
    }
    for (const auto &[Storage, C] : Candidates)
      reportContainer(Storage, C, Out);
    for (const StaticCallable &S : Callables)
      reportCallable(S, Out);
    if (Facts)
      writeFacts();
  }
  if (Facts)
    Facts->clear();
  Candidates.clear();
  NotCandidates.clear();
  Passed.clear();
  Removals.clear();
  MayEmpty.clear();
  Callables.clear();
  TheSingletons.clear();
  StaticOnly.clear();
  AddedMembers.clear();
  NamespaceNames.reset();
  Program.clear();
  OnLookupErases.clear();
  SkippedByEnding.clear();
  DestructorOnly.clear();
  UncalledRemovals.clear();
  Reported.clear();
  Ctx = nullptr;
  return Out;
}

} // namespace leaklint
