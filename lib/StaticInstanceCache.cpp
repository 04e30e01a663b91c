//===--- StaticInstanceCache.cpp - Instance caches in static storage ------===//
#include "StaticInstanceCache.h"
#include "Compat.h"
#include "LocalUses.h"
#include "MemberCacheRewrite.h"
#include "RegistryEraseRewrite.h"
#include "SourceEdits.h"
#include "StaticStorage.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace leaklint {
namespace {

// Member functions that put an element into a container.
constexpr StringRef GrowthMethods[] = {
    "push_back",        "emplace_back", "push_front",    "emplace_front",
    "insert",           "emplace",      "emplace_hint",  "try_emplace",
    "insert_or_assign", "insert_after", "emplace_after", "push"};

bool isRemovalMethod(StringRef Name) {
  return llvm::is_contained({"erase", "remove", "remove_if", "extract", "clear",
                             "pop_back", "pop_front", "erase_after"},
                            Name);
}

// The variable of static storage duration an expression designates: the
// variable itself, a static member through `this->`, or the result of an
// accessor that returns a reference to one (`T &cache() { static T c; return c;
// }`).
const VarDecl *staticVariableOf(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  const ValueDecl *D = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    D = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(E))
    D = Member->getMemberDecl();
  else if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD || !FD->getReturnType()->isLValueReferenceType() ||
        Call->getNumArgs())
      return nullptr;
    const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
    if (!Body || Body->body_empty())
      return nullptr;
    const auto *Return = dyn_cast<ReturnStmt>(Body->body_back());
    if (!Return || !Return->getRetValue())
      return nullptr;
    const auto *Ref =
        dyn_cast<DeclRefExpr>(Return->getRetValue()->IgnoreParenImpCasts());
    D = Ref ? Ref->getDecl() : nullptr;
  }
  const auto *VD = dyn_cast_or_null<VarDecl>(D);
  return VD && VD->hasGlobalStorage() && !VD->isInvalidDecl() ? VD : nullptr;
}

bool sameVariable(const VarDecl *A, const VarDecl *B) {
  return A && B &&
         (A->getCanonicalDecl() == B->getCanonicalDecl() ||
          A->getLocation() == B->getLocation());
}

// Finds whether a destructor, or a member function it calls, removes entries
// from the registry: the registry then unregisters objects as they die.
class RemovalFinder : public RecursiveASTVisitor<RemovalFinder> {
public:
  RemovalFinder(const VarDecl *Registry, bool FollowCalls)
      : Registry(Registry), FollowCalls(FollowCalls) {}

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (!M || !M->getDeclName().isIdentifier())
      return true;
    if (isRemovalMethod(M->getName()) &&
        sameVariable(staticVariableOf(Call->getImplicitObjectArgument()),
                     Registry))
      Found = true;
    else if (FollowCalls &&
             isa_and_nonnull<CXXThisExpr>(
                 Call->getImplicitObjectArgument()
                     ? Call->getImplicitObjectArgument()->IgnoreParenImpCasts()
                     : nullptr))
      Callees.push_back(M);
    return !Found;
  }

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *FD = Call->getDirectCallee();
    if (FD && FD->isInStdNamespace() && FD->getDeclName().isIdentifier() &&
        (FD->getName() == "erase" || FD->getName() == "erase_if") &&
        Call->getNumArgs() > 0 &&
        sameVariable(staticVariableOf(Call->getArg(0)), Registry))
      Found = true;
    return !Found;
  }

  // Dependent calls in an uninstantiated destructor: `registry.erase(this)`.
  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E) {
    if (E->getMember().isIdentifier() &&
        isRemovalMethod(E->getMember().getAsString()) && !E->isImplicitAccess())
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(E->getBase()->IgnoreParenImpCasts()))
        if (sameVariable(dyn_cast<VarDecl>(Ref->getDecl()), Registry))
          Found = true;
    return !Found;
  }

  const VarDecl *Registry;
  bool FollowCalls;
  bool Found = false;
  SmallVector<const CXXMethodDecl *, 4> Callees;
};

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

// The lambda or bind expression that initialises a static callable.
const Expr *callableInitializer(const Expr *Init) {
  for (unsigned Depth = 0; Init && Depth < 8; ++Depth) {
    Init = Init->IgnoreImplicit();
    if (isa<LambdaExpr>(Init))
      return Init;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init)) {
      if (Construct->getNumArgs() != 1)
        return nullptr;
      Init = Construct->getArg(0);
      continue;
    }
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Init)) {
      Init = Cast->getSubExpr();
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Init)) {
      const FunctionDecl *FD = Call->getDirectCallee();
      if (FD && FD->getDeclName().isIdentifier() &&
          (FD->getName() == "bind" || FD->getName() == "bind_front") &&
          (FD->isInStdNamespace() || qualifiedName(FD) == "boost::bind"))
        return Init;
      return nullptr;
    }
    return nullptr;
  }
  return nullptr;
}

std::string quoted(StringRef S) { return ("'" + S + "'").str(); }

std::string className(const CXXRecordDecl *RD) {
  return RD ? RD->getNameAsString() : std::string("object");
}

} // namespace

StaticInstanceCache::StaticInstanceCache(
    const StaticInstanceCacheOptions &Options)
    : Options(Options), Containers([&] {
        SmallVector<StringRef, 16> Extra;
        StringRef(this->Options.ContainerTypes)
            .split(Extra, ';', -1, /*KeepEmpty=*/false);
        return ContainerTypes(Extra);
      }()),
      Identity(Containers) {
  if (!Options.IgnoredClasses.empty()) {
    llvm::Regex R(Options.IgnoredClasses);
    std::string Error;
    if (R.isValid(Error))
      IgnoredClassesRegex.emplace(std::move(R));
    else
      OptionError = "invalid regular expression in IgnoredClasses '" +
                    Options.IgnoredClasses + "': " + Error;
  }
}

void StaticInstanceCache::registerMatchers(MatchFinder &Finder,
                                           MatchFinder::MatchCallback *CB) {
  auto Subscript =
      cxxOperatorCallExpr(hasOverloadedOperatorName("[]"), argumentCountIs(2));
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
  Finder.addMatcher(varDecl(isStaticLocal()).bind("static-local"), CB);
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
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("static-local"))
    recordStaticLocal(Var);
}

void StaticInstanceCache::recordStore(const Expr *Container, const Expr *Site,
                                      ArrayRef<const Expr *> Values) {
  const VarDecl *Var = staticVariableOf(Container);
  if (!Var || NotCandidates.count(Var))
    return;
  auto *It = Candidates.find(Var);
  if (It == Candidates.end()) {
    QualType T = Var->getType().getNonReferenceType();
    SmallVector<HeldIdentity, 2> Held;
    if (!T.isConstQualified() && !T->containsErrors())
      Held = Identity.heldBy(T);
    if (Held.empty()) {
      NotCandidates[Var] = true;
      return;
    }
    It = Candidates.insert({Var, Candidate{std::move(Held), {}}}).first;
  }
  for (const Expr *V : Values) {
    std::optional<InstanceSource> Source = findInstanceSource(V);
    if (!Source || !Source->Class ||
        !InstanceIdentity::find(It->second.Held, Source->Class))
      continue;
    It->second.Stores.push_back({Site, Container, V, *Source});
    return;
  }
}

void StaticInstanceCache::recordStaticLocal(const VarDecl *Var) {
  if (Var->isInvalidDecl())
    return;
  // A Meyers singleton: `static T &instance() { static T t; return t; }`.
  if (const auto *Accessor = dyn_cast<CXXMethodDecl>(Var->getDeclContext());
      Accessor && Accessor->isStatic()) {
    QualType T = Var->getType().getNonReferenceType();
    if (T->isPointerType())
      T = T->getPointeeType();
    if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
      if (declaresSameEntity(RD, Accessor->getParent()))
        Singletons.insert(RD->getCanonicalDecl());
  }

  const Expr *Callable = callableInitializer(Var->getInit());
  if (!Callable)
    return;
  const CXXRecordDecl *Class = enclosingClassOfThis(Var->getDeclContext());
  if (!Class)
    return;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Callable)) {
    if (std::optional<ThisCapture> Capture = capturedThis(Lambda))
      Callables.push_back(
          {Var, Capture->Loc, Class, Lambda->isMutable(), Capture->Owning});
    return;
  }
  const auto *Bind = cast<CallExpr>(Callable);
  for (const Expr *Arg : Bind->arguments())
    if (std::optional<InstanceSource> Source = findInstanceSource(Arg)) {
      Callables.push_back(
          {Var, Source->Origin->getBeginLoc(), Class, false, Source->Owning});
      return;
    }
}

bool StaticInstanceCache::isIgnoredClass(const CXXRecordDecl *RD) const {
  if (!RD)
    return false;
  if (Options.IgnoreSingletons && Singletons.contains(RD->getCanonicalDecl()))
    return true;
  return IgnoredClassesRegex && IgnoredClassesRegex->match(qualifiedName(RD));
}

bool StaticInstanceCache::removedWhenObjectDies(
    const VarDecl *Var, const CXXRecordDecl *Class) const {
  const CXXRecordDecl *Def = Class->getDefinition();
  if (!Def)
    return false;
  SmallVector<const CXXRecordDecl *, 2> Classes = {Def};
  // An uninstantiated destructor still shows the intent in the pattern.
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Def))
    if (const ClassTemplateDecl *T = Spec->getSpecializedTemplate())
      Classes.push_back(T->getTemplatedDecl());
  for (const CXXRecordDecl *RD : Classes) {
    const CXXDestructorDecl *Dtor = RD->getDestructor();
    const FunctionDecl *Definition = nullptr;
    if (!Dtor || !Dtor->hasBody(Definition))
      continue;
    RemovalFinder InDtor(Var, /*FollowCalls=*/true);
    InDtor.TraverseStmt(Definition->getBody());
    if (InDtor.Found)
      return true;
    for (const CXXMethodDecl *Callee : InDtor.Callees) {
      const FunctionDecl *CalleeDef = nullptr;
      if (!Callee->hasBody(CalleeDef))
        continue;
      RemovalFinder InCallee(Var, /*FollowCalls=*/false);
      InCallee.TraverseStmt(CalleeDef->getBody());
      if (InCallee.Found)
        return true;
    }
  }
  return false;
}

void StaticInstanceCache::reportContainer(const VarDecl *Var,
                                          const Candidate &C,
                                          std::vector<Finding> &Out) {
  if (C.Stores.empty())
    return;
  const InstanceSource &First = C.Stores.front().Source;
  const CXXRecordDecl *Class = First.Class;
  const HeldIdentity *Held = InstanceIdentity::find(C.Held, Class);
  if (!Held || isIgnoredClass(Class) || isIgnoredClass(Held->Class))
    return;
  if (removedWhenObjectDies(Var, Class))
    return;
  std::optional<StaticStorageKind> Kind = classifyStaticStorage(Var);
  if (!Kind || !Reported.insert(Var->getLocation()).second)
    return;

  std::string Storage =
      (describeStaticStorage(*Kind) + " " + quoted(storageName(Var))).str();
  std::string Name = quoted(className(Class));
  bool Owning = Held->Kind == IdentityKind::SharedOwner;
  std::string What = First.Owning ? "shared_from_this()" : "'this'";
  std::string How = Held->InKey ? "is keyed by " : "holds ";

  Finding F;
  F.Loc = Var->getLocation();
  if (Owning)
    F.Message = Storage + " " + How + What + " of " + Name + "; every " + Name +
                " put in it stays alive until the program exits";
  else
    F.Message = Storage + " " + How + What + " of " + Name +
                " and its entries are never removed; they outlive their "
                "objects and a new " +
                Name + " at a reused address gets a stale entry";

  llvm::SmallSet<SourceLocation, 4> Noted;
  for (const Store &S : C.Stores) {
    if (Noted.size() == 3)
      break;
    SourceLocation Loc = S.Value->getBeginLoc();
    if (Noted.insert(Loc).second)
      F.Notes.push_back(
          {Loc, (S.Source.Owning ? "shared_from_this()" : "'this'") +
                    std::string(" is stored here")});
  }

  if (Owning) {
    F.Notes.push_back(
        {Var->getLocation(),
         "hold std::weak_ptr<" + className(Class) +
             "> instead, or keep the cache in each object keyed by value, so "
             "that " +
             Name + " objects can be destroyed"});
  } else if (Var->isStaticLocal() &&
             declaresSameEntity(enclosingClassOfThis(Var->getDeclContext()),
                                Class)) {
    // A cache inside one of the class's own methods: the per-instance member
    // is the fix. Anywhere else the static is a registry of all objects.
    MemberCacheRewrite Plan = planMemberCacheRewrite(
        Var, *Ctx, AddedMembers[Class->getCanonicalDecl()]);
    if (!Plan.Fixes.empty() && Plan.Class)
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
    RegistryEraseRewrite Plan = planRegistryErase(
        Var, C.Stores.front().Container, Class, Containers, *Ctx);
    std::string Note =
        Plan.Statement.empty()
            ? "erase the entries of 'this' in '~" + className(Class) + "()'"
            : "erase the entry in '~" + className(Class) + "()': '" +
                  Plan.Statement + "'";
    if (Plan.Fixes.empty() && !Plan.WhyNot.empty())
      Note += " (no automatic fix: " + Plan.WhyNot + ")";
    F.Notes.push_back({Plan.Loc, Note});
    F.Fixes.append(Plan.Fixes.begin(), Plan.Fixes.end());
  }
  Out.push_back(std::move(F));
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
      (S.Owning ? " captures shared_from_this() of the first "
                : " captures 'this' of the first ") +
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
  if (S.KeepsState)
    WhyNot = "the lambda is mutable and keeps state between calls";
  else if (Uses.Calls != Uses.Refs.size())
    WhyNot = "it is used other than by calling it";
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
    for (const auto &[Var, C] : Candidates)
      reportContainer(Var, C, Out);
    for (const StaticCallable &S : Callables)
      reportCallable(S, Out);
  }
  Candidates.clear();
  NotCandidates.clear();
  Callables.clear();
  Singletons.clear();
  AddedMembers.clear();
  Reported.clear();
  Ctx = nullptr;
  return Out;
}

} // namespace leaklint
