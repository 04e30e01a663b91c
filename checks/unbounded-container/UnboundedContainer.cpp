//===--- UnboundedContainer.cpp - Program-long containers that only grow --===//
#include "UnboundedContainer.h"
#include "code/AggregateInits.h"
#include "code/EntryWrites.h"
#include "code/CallParts.h"
#include "code/ClosedClasses.h"
#include "Compat.h"
#include "ElementKinds.h"
#include "code/KeyDomains.h"
#include "code/LibraryFunctions.h"
#include "code/LocalUses.h"
#include "code/SkippedBodies.h"
#include "storage/LookupErases.h"
#include "facts/TranslationUnitFacts.h"
#include "identity/InstanceSource.h"
#include "identity/PassedInstances.h"
#include "storage/StaticStorage.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/STLExtras.h"
#include <functional>

using namespace clang;
using namespace clang::ast_matchers;

namespace leaklint {
namespace {

bool isIdentifier(StringRef S) {
  if (S.empty() || !(isalpha(S[0]) || S[0] == '_'))
    return false;
  return llvm::all_of(S, [](char C) { return isalnum(C) || C == '_'; });
}

// Parses a `;`-separated list of member function names into \p Out.
std::string parseNames(StringRef List, StringRef Option,
                       llvm::StringSet<> &Out) {
  SmallVector<StringRef, 16> Parts;
  List.split(Parts, ';', -1, /*KeepEmpty=*/false);
  for (StringRef Part : Parts) {
    Part = Part.trim();
    if (Part.empty())
      continue;
    if (!isIdentifier(Part))
      return ("'" + Part + "' in " + Option +
              " is not a member function name; expected names such as "
              "'push_back;insert'")
          .str();
    Out.insert(Part);
  }
  return "";
}

std::string checkContainerNames(StringRef List) {
  SmallVector<StringRef, 16> Parts;
  List.split(Parts, ';', -1, /*KeepEmpty=*/false);
  for (StringRef Part : Parts) {
    StringRef Name = Part.trim();
    Name.consume_front("::");
    SmallVector<StringRef, 4> Pieces;
    Name.split(Pieces, "::");
    if (Name.empty() || !llvm::all_of(Pieces, isIdentifier))
      return ("'" + Part.trim() +
              "' in ContainerTypes is not a qualified template name; expected "
              "names such as 'absl::flat_hash_map'")
          .str();
  }
  return "";
}

// The container whose entry `*it` or `it->` reads, for an iterator local
// initialised by a lookup or a walk of it: `auto it = m.find(k)`, and the
// iterator of a range-for over it.
const Expr *containerOfEntry(const Expr *E) {
  const Expr *Iterator = nullptr;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getNumArgs() == 1 &&
      (Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow))
    Iterator = Op->getArg(0);
  else if (const auto *Deref = dyn_cast<UnaryOperator>(E);
           Deref && Deref->getOpcode() == UO_Deref)
    Iterator = Deref->getSubExpr();
  return iteratedContainer(Iterator);
}

} // namespace

StringRef UnboundedContainerOptions::defaultGrowthMethods() {
  return "push_back;emplace_back;push_front;emplace_front;insert;emplace;"
         "emplace_hint;try_emplace;insert_or_assign;splice;push";
}

StringRef UnboundedContainerOptions::defaultShrinkMethods() {
  return "erase;clear;pop_back;pop_front;extract;remove;remove_if;swap;"
         "resize;erase_after;pop;unique;shrink_to_fit";
}

UnboundedContainer::UnboundedContainer(const UnboundedContainerOptions &O)
    : Options(O), Containers(ContainerTypes::fromOptionList(O.ContainerTypes)),
      Identity(Containers) {
  for (std::string Error :
       {checkContainerNames(Options.ContainerTypes),
        parseNames(Options.GrowthMethods, "GrowthMethods", GrowthNames),
        parseNames(Options.ShrinkMethods, "ShrinkMethods", ShrinkNames),
        IgnoredVariables.parse(Options.IgnoredVariables, "IgnoredVariables")})
    if (OptionError.empty())
      OptionError = Error;
  if (!Options.FactsDirectory.empty())
    Facts.emplace();
}

void UnboundedContainer::registerMatchers(MatchFinder &Finder,
                                          MatchFinder::MatchCallback *CB) {
  Finder.addMatcher(cxxMemberCallExpr().bind("member-call"), CB);
  Finder.addMatcher(cxxOperatorCallExpr(anyOf(hasOverloadedOperatorName("[]"),
                                              hasOverloadedOperatorName("=")))
                        .bind("operator"),
                    CB);
  Finder.addMatcher(
      callExpr(unless(cxxMemberCallExpr()), unless(cxxOperatorCallExpr()))
          .bind("call"),
      CB);
  Finder.addMatcher(unaryOperator(hasOperatorName("&")).bind("address"), CB);
  Finder.addMatcher(cxxDeleteExpr().bind("delete"), CB);
  auto ProgramClass = hasType(hasUnqualifiedDesugaredType(recordType(
      hasDeclaration(cxxRecordDecl(unless(isExpansionInSystemHeader()))))));
  Finder.addMatcher(
      varDecl(anyOf(isStaticLocal(), ProgramClass)).bind("object"), CB);
  // Not the library's own `new`s (make_unique's, an allocator's placement
  // new): clang-tidy 22 matches nothing in system headers, and every
  // front end and LLVM version must count the same objects.
  Finder.addMatcher(cxxNewExpr(unless(isExpansionInSystemHeader())).bind("new"),
                    CB);
  Finder.addMatcher(
      varDecl(hasGlobalStorage(), hasInitializer(expr())).bind("static-init"),
      CB);
  // Not the library's own members (`std::pair::second` of a map's node):
  // clang-tidy 22 never visits them, and every LLVM version must count the
  // same owners.
  Finder.addMatcher(
      fieldDecl(ProgramClass, unless(isExpansionInSystemHeader())).bind("field"),
      CB);
  // Containers of the program's objects by value: their values live as
  // long as a container that never shrinks (storage/ObjectLifetimes.h).
  auto Specialization = hasType(hasUnqualifiedDesugaredType(
      recordType(hasDeclaration(classTemplateSpecializationDecl()))));
  Finder.addMatcher(
      declaratorDecl(anyOf(fieldDecl(Specialization), varDecl(Specialization)),
                     unless(isExpansionInSystemHeader()))
          .bind("container-decl"),
      CB);
  Finder.addMatcher(
      cxxRecordDecl(isDefinition(), hasAnyBase(cxxBaseSpecifier()),
                    unless(isExpansionInSystemHeader()))
          .bind("derived"),
      CB);
  Finder.addMatcher(
      binaryOperator(hasOperatorName("="),
                     hasLHS(ignoringParenImpCasts(declRefExpr(to(varDecl(
                         hasGlobalStorage(), hasType(pointerType())))))))
          .bind("pointer-assign"),
      CB);
  Finder.addMatcher(functionDecl(isDefinition()).bind("function"), CB);
  // An entry, or a field of one, written (`C[k] = Slot{this, 0}`,
  // `C[k].owner = this`, `auto &Slot = C[k]; Slot.owner = this;`): what a
  // registry of objects stores.
  auto Subscript = entrySubscript();
  auto EntryField = fieldOfEntry();
  auto Entry = ignoringParenImpCasts(anyOf(EntryField, Subscript.bind("slot")));
  Finder.addMatcher(binaryOperator(hasOperatorName("="), hasLHS(Entry),
                                   hasRHS(expr().bind("value")))
                        .bind("entry-field-write"),
                    CB);
  Finder.addMatcher(
      cxxOperatorCallExpr(hasOverloadedOperatorName("="), argumentCountIs(2),
                          hasArgument(0, Entry),
                          hasArgument(1, expr().bind("value")))
          .bind("entry-field-write"),
      CB);
  Finder.addMatcher(
      binaryOperator(hasOperatorName("="),
                     hasLHS(ignoringParenImpCasts(memberExpr(hasObjectExpression(
                         ignoringParenImpCasts(cxxThisExpr()))))))
          .bind("member-assign"),
      CB);
}

std::optional<UnboundedContainer::Storage>
UnboundedContainer::storageOf(const Expr *E, bool Direct) const {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  auto InElement = [](std::optional<Storage> S) {
    if (S)
      S->Element = true;
    return S;
  };
  // `*it`, `it->`: the entry an iterator into a container points at.
  if (const Expr *Iterated = containerOfEntry(E))
    return Direct ? std::nullopt : InElement(storageOf(Iterated, false));
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Direct || Op->getOperator() != OO_Subscript || Op->getNumArgs() != 2)
      return std::nullopt;
    return InElement(storageOf(Op->getArg(0), false));
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (M && M->getDeclName().isIdentifier() &&
        llvm::is_contained({"at", "front", "back"}, M->getName()))
      return Direct ? std::nullopt
                    : InElement(
                          storageOf(Call->getImplicitObjectArgument(), false));
  }
  // `it->second`, `kv.second` of a range-for: the value of an entry.
  if (const auto *Member = dyn_cast<MemberExpr>(E);
      Member && isPairMember(Member->getMemberDecl())) {
    std::optional<Storage> S = storageOf(Member->getBase(), false);
    if (S && S->Element)
      return Direct ? std::nullopt : S;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl())) {
      const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
      // Through a static variable the object lives as long as the
      // program; through any other object (`this`, `thr->`, `instance().`)
      // only if every object of its class does.
      return Storage{Field->getCanonicalDecl(), !staticVariableOf(Base)};
    }
  // `auto &List = Listeners[E]; List.erase(It);`: a local reference stands
  // for what it is bound to (a reference is never reseated).
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
        VD && VD->isLocalVarDecl() && !VD->isStaticLocal() &&
        VD->getType()->isReferenceType() && VD->getInit() &&
        !staticVariableOf(E))
      return storageOf(VD->getInit(), Direct);
  bool Element = false;
  if (const VarDecl *VD = staticVariableOf(E, &Element)) {
    // `auto &slot = cache[key]; slot = v;` writes an element.
    if (Direct && Element)
      return std::nullopt;
    return Storage{VD->getCanonicalDecl(), false, Element};
  }
  return std::nullopt;
}

QualType UnboundedContainer::containerType(const ValueDecl *D) const {
  if (const auto *VD = dyn_cast<VarDecl>(D))
    return containerTypeOf(VD);
  return D->getType().getNonReferenceType();
}

void UnboundedContainer::recordGrowth(const Expr *Container, const Expr *Site,
                                      ArrayRef<const Expr *> Args) {
  std::optional<Storage> S = storageOf(Container, /*Direct=*/false);
  if (!S)
    return;
  QualType T = containerType(S->Decl);
  const ClassTemplateSpecializationDecl *Grown =
      T.isNull() ? nullptr : Containers.asContainer(T);
  if (!Grown || T.isConstQualified())
    return;
  bool StoresThis = llvm::any_of(Args, [](const Expr *Arg) {
    std::optional<InstanceSource> Source = findInstanceSource(Arg);
    return Source && Source->Class;
  });
  Candidate &C = Candidates[S->Decl];
  C.Growths.push_back({Site, StoresThis, S->Element,
                       S->Element ? nullptr : keyAdded(Grown, Site, Args)});
  C.GrownViaObject |= S->ViaObject;
}

bool UnboundedContainer::passedInstance(const Growth &G) {
  SmallVector<const Expr *, 2> Args;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(G.Site))
    Args.append(Call->arg_begin(), Call->arg_end());
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(G.Site);
           Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
    Args.push_back(Op->getArg(1));
  else if (const auto *Assign = dyn_cast<BinaryOperator>(G.Site))
    Args.push_back(Assign->getRHS());
  return passedInstance(Args);
}

bool UnboundedContainer::entryHoldsInstance(const Candidate &C) {
  ArrayRef<const Expr *> Values = C.EntryFieldValues;
  return llvm::any_of(Values,
                      [](const Expr *Value) {
                        std::optional<InstanceSource> Source =
                            findInstanceSource(Value);
                        return Source && Source->Class;
                      }) ||
         passedInstance(Values);
}

bool UnboundedContainer::passedInstance(ArrayRef<const Expr *> Args) {
  const FunctionUses &Uses = Uncalled.uses(*Ctx);
  // Up the calls that hand the parameter on (`exportStats(self)` calling
  // `track(src)`), as far as PassedInstances follows them.
  std::function<bool(const ParmVarDecl *, unsigned)> Passed =
      [&](const ParmVarDecl *P, unsigned Depth) {
        const auto *F = dyn_cast<FunctionDecl>(P->getDeclContext());
        if (!F || Depth >= PassedInstances::MaxCalls)
          return false;
        auto Calls = Uses.Calls.find(FunctionUses::origin(F));
        if (Calls == Uses.Calls.end())
          return false;
        unsigned Index = P->getFunctionScopeIndex();
        for (const CallExpr *Call : Calls->second) {
          CallParts Parts = callParts(Call);
          if (Index >= Parts.Args.size())
            continue;
          std::optional<InstanceSource> Source =
              findInstanceSource(Parts.Args[Index]);
          if (Source && Source->Class)
            return true;
          if (std::optional<InstanceSource> Outer =
                  findParameterSource(Parts.Args[Index]);
              Outer && Outer->Parameter != P &&
              Passed(Outer->Parameter, Depth + 1))
            return true;
        }
        return false;
      };
  return llvm::any_of(Args, [&](const Expr *Arg) {
    std::optional<InstanceSource> Param = findParameterSource(Arg);
    return Param && Passed(Param->Parameter, 0);
  });
}

void UnboundedContainer::collect(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *Write = Result.Nodes.getNodeAs<Expr>("entry-field-write")) {
    const auto *Slot = Result.Nodes.getNodeAs<CXXOperatorCallExpr>("slot");
    const auto *Value = Result.Nodes.getNodeAs<Expr>("value");
    std::optional<Storage> S = storageOf(Slot->getArg(0), /*Direct=*/false);
    if (!S)
      return;
    // A whole entry given a value (`C[k] = v`) is a growth, whose stored
    // object recordGrowth() weighs; a struct listed in place (`C[k] =
    // Slot{this, 0}`) gives its fields values, as a field write does.
    const Expr *Target = isa<BinaryOperator>(Write)
                             ? cast<BinaryOperator>(Write)->getLHS()
                             : cast<CXXOperatorCallExpr>(Write)->getArg(0);
    SmallVector<const Expr *, 4> &Values = Candidates[S->Decl].EntryFieldValues;
    if (isa<MemberExpr>(Target->IgnoreParenImpCasts()))
      Values.push_back(Value);
    for (const FieldInit &Init : aggregateFieldInits(Value))
      Values.push_back(Init.second);
    return;
  }
  if (const auto *Call =
          Result.Nodes.getNodeAs<CXXMemberCallExpr>("member-call")) {
    recordCall(Call);
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (!M || !M->getDeclName().isIdentifier())
      return;
    StringRef Name = M->getName();
    const Expr *Object = Call->getImplicitObjectArgument();
    SmallVector<const Expr *, 4> Args(Call->arguments());
    std::optional<Storage> Erased =
        Name == "erase" && ShrinkNames.contains(Name)
            ? storageOf(Object, /*Direct=*/true)
            : std::nullopt;
    std::optional<Storage> Popped =
        !Erased && llvm::is_contained({"pop_back", "pop_front", "pop"}, Name) &&
                ShrinkNames.contains(Name)
            ? storageOf(Object, /*Direct=*/true)
            : std::nullopt;
    if (Popped && Popped->Element)
      Popped.reset();
    if (Erased)
      Erases.push_back({Call, Erased->Decl}); // weighed at the end
    else if (Popped)
      Pops.push_back({Call, Popped->Decl}); // weighed at the end
    else if (ShrinkNames.contains(Name)) {
      bool Selective =
          !Args.empty() && llvm::is_contained(
                               {"erase", "remove", "remove_if", "extract"}, Name);
      if (std::optional<Storage> S = storageOf(Object, /*Direct=*/false);
          S && S->Element)
        ElementShrinks.push_back({Object, Selective});
      else
        recordShrink(Object, /*Direct=*/false, Selective);
    }
    else if (GrowthNames.contains(Name))
      recordGrowth(Object, Call, Args);
    else
      // `m_owner.start(new Worker)`, `m_impl.reset(new Impl)`.
      for (const Expr *Arg : Args)
        recordHanding(Object, Arg, Call);
    // Handed by non-const reference to a member function: `other.swap(c)`,
    // `list.splice(pos, c)`.
    for (unsigned I = 0; I < Args.size() && I < M->getNumParams(); ++I) {
      QualType P = M->getParamDecl(I)->getType();
      if ((P->isLValueReferenceType() &&
           !P->getPointeeType().isConstQualified()) ||
          P->isRValueReferenceType())
        recordShrink(Args[I], /*Direct=*/true);
    }
    return;
  }
  if (const auto *Op =
          Result.Nodes.getNodeAs<CXXOperatorCallExpr>("operator")) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
      recordHanding(Op->getArg(0), Op->getArg(1), Op);
      recordShrink(Op->getArg(0), /*Direct=*/true);
      recordObjectReset(Op);
      return;
    }
    // `cache[key]` adds an entry to a map.
    if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2) {
      QualType T = Op->getArg(0)->getType().getNonReferenceType();
      const ClassTemplateSpecializationDecl *C = Containers.asContainer(T);
      if (C && ContainerTypes::isKeyed(C) &&
          C->getName().contains_insensitive("map"))
        recordGrowth(Op->getArg(0), Op, {Op->getArg(1)});
    }
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    recordCall(Call);
    const FunctionDecl *FD = Call->getDirectCallee();
    if (isStdFunction(FD, {"call_once"})) {
      CallOnceRanges.push_back(Call->getSourceRange());
      return;
    }
    // std::make_shared<T>() and friends make heap objects, which die
    // unless a member of an object that lives forever keeps them.
    if (heapCreation(Call) == Call)
      Lifetimes.observeCreation(Call);
    // Passed by non-const reference or moved from: may shrink.
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      const Expr *Arg = Call->getArg(I);
      if (!storageOf(Arg, /*Direct=*/true))
        continue;
      if (isStdFunction(FD, emptyingStdFunctions())) {
        recordShrink(Arg, true,
                     /*Selective=*/I == 0 &&
                         isStdFunction(FD, {"erase", "erase_if"}));
        continue;
      }
      if (!FD || I >= FD->getNumParams()) {
        if (!FD)
          recordShrink(Arg, true);
        continue;
      }
      QualType P = FD->getParamDecl(I)->getType();
      bool Mutable = (P->isLValueReferenceType() &&
                      !P->getPointeeType().isConstQualified()) ||
                     P->isRValueReferenceType();
      if (Mutable && paramMayShrink(FD, I))
        recordShrink(Arg, true);
    }
    return;
  }
  if (const auto *Address = Result.Nodes.getNodeAs<UnaryOperator>("address")) {
    // Its address escapes: anything may shrink it through the pointer.
    recordShrink(Address->getSubExpr(), /*Direct=*/true);
    return;
  }
  if (const auto *Delete = Result.Nodes.getNodeAs<CXXDeleteExpr>("delete")) {
    // `delete Registry;` through a static pointer frees the container.
    recordShrink(Delete->getArgument(), /*Direct=*/true);
    return;
  }
  if (const auto *Decl =
          Result.Nodes.getNodeAs<DeclaratorDecl>("container-decl")) {
    observeContainer(Decl);
    return;
  }
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("object")) {
    if (Var->isStaticLocal())
      TheSingletons.observeStaticLocal(Var);
    if (const CXXRecordDecl *RD = Var->getType()->getAsCXXRecordDecl()) {
      if (Var->hasGlobalStorage())
        Lifetimes.observeStaticObject(RD);
      else if (isMainLocal(Var, *Ctx))
        Lifetimes.observeStaticObject(RD, Var);
      else
        Lifetimes.observeOtherObject(RD);
    }
    return;
  }
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("static-init")) {
    // hasInitializer() also matches a redeclaration without one.
    if (const Expr *Init = Var->getInit()) {
      StaticInitRanges.push_back(Init->getSourceRange());
      recordPointerTarget(Var, Init);
    }
    return;
  }
  if (const auto *Assign =
          Result.Nodes.getNodeAs<BinaryOperator>("pointer-assign")) {
    const auto *Ref = cast<DeclRefExpr>(Assign->getLHS()->IgnoreParenImpCasts());
    recordPointerTarget(cast<VarDecl>(Ref->getDecl()), Assign->getRHS());
    return;
  }
  if (const auto *New = Result.Nodes.getNodeAs<CXXNewExpr>("new")) {
    if (New->isArray()) {
      if (const CXXRecordDecl *RD =
              New->getAllocatedType()->getAsCXXRecordDecl())
        Lifetimes.observeOtherObject(RD);
    } else {
      Lifetimes.observeCreation(New);
    }
    return;
  }
  if (const auto *Field = Result.Nodes.getNodeAs<FieldDecl>("field")) {
    Lifetimes.observeField(Field);
    return;
  }
  if (const auto *Class = Result.Nodes.getNodeAs<CXXRecordDecl>("derived")) {
    Lifetimes.observeClass(Class);
    return;
  }
  if (const auto *Assign =
          Result.Nodes.getNodeAs<BinaryOperator>("member-assign")) {
    recordHanding(Assign->getLHS(), Assign->getRHS(), Assign);
    return;
  }
  if (const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    if (!Ctx->getSourceManager().isInSystemHeader(F->getLocation())) {
      TheSingletons.observeAccessor(F);
      Functions.push_back(F);
      Ranges.reset();
    }
}

void UnboundedContainer::recordPointerTarget(const VarDecl *Pointer,
                                             const Expr *Target) {
  // `t_pending = &pending;` with `pending` a local: a static or thread_local
  // pointer to a container that dies with its function.
  const auto *Address = dyn_cast<UnaryOperator>(Target->IgnoreParenImpCasts());
  const auto *Ref =
      Address && Address->getOpcode() == UO_AddrOf
          ? dyn_cast<DeclRefExpr>(Address->getSubExpr()->IgnoreParenImpCasts())
          : nullptr;
  const auto *Local = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (Local && !Local->hasGlobalStorage() &&
      !Local->getType()->isReferenceType())
    AimedAtLocals.insert(Pointer->getCanonicalDecl());
}

void UnboundedContainer::observeContainer(const DeclaratorDecl *D) {
  if (D->getType()->isDependentType())
    return;
  const ClassTemplateSpecializationDecl *Container =
      Containers.asContainer(D->getType());
  QualType Value = Container ? elementType(Container) : QualType();
  const CXXRecordDecl *Class =
      Value.isNull() ? nullptr : Value->getAsCXXRecordDecl();
  if (!Class || Containers.asContainer(Value) ||
      Ctx->getSourceManager().isInSystemHeader(Class->getLocation()))
    return;
  Lifetimes.observeValues(D, Class);
}

std::optional<ProgramLifetime>
UnboundedContainer::lifetimeOf(const CXXRecordDecl *Class) const {
  // Asked per candidate, per constructor on a call path and per report; the
  // answer is fixed once finish() has seen the constructors' initialisers.
  if (auto It = KnownLifetimes.find(Class->getCanonicalDecl());
      It != KnownLifetimes.end())
    return It->second;
  const SourceManager &SM = Ctx->getSourceManager();
  // A container nothing empties in any way: no shrink, not even one that
  // skips some entries, runs only on lookup or never runs, and no use
  // another TU could add.
  auto NeverShrinks = [&](const ValueDecl *D) {
    return !mayShrink(D) && !ErasedOnLookup.count(D) &&
           !SkipsMarked.count(D) && !SkipsErase.count(D) &&
           !SkipsPop.count(D) && !ShrunkOnlyUncalled.count(D) &&
           !AimedAtLocals.count(D) && everyUseVisible(D);
  };
  std::optional<ProgramLifetime> Result = Lifetimes.programLifetime(
      Class, TheSingletons,
      [&](const Handing &H) {
        return runsOncePerOwner(H, functionHolding(H.Site));
      },
      [&](const CXXRecordDecl *RD) {
        // clangd matched the main file only: a header may make other
        // objects of a class the main file does not define.
        return !isPartialTraversal(*Ctx) ||
               SM.isInMainFile(SM.getExpansionLoc(RD->getLocation()));
      },
      NeverShrinks);
  return KnownLifetimes[Class->getCanonicalDecl()] = Result;
}

void UnboundedContainer::recordHanding(const Expr *Target, const Expr *Value,
                                       const Stmt *Site) {
  const auto *Member =
      dyn_cast_or_null<MemberExpr>(Target ? Target->IgnoreParenImpCasts()
                                          : nullptr);
  const auto *This =
      Member ? dyn_cast<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())
             : nullptr;
  const auto *Field = This ? dyn_cast<FieldDecl>(Member->getMemberDecl())
                           : nullptr;
  // Asked for every argument of every member call: the cheap tests first.
  if (!Field || !Value)
    return;
  if (const CXXRecordDecl *Owner = This->getType()->getPointeeCXXRecordDecl())
    recordHanding(Field, Owner, Value, Site, /*InInitialiser=*/false);
}

void UnboundedContainer::recordHanding(const FieldDecl *Member,
                                       const CXXRecordDecl *Owner,
                                       const Expr *Value, const Stmt *Site,
                                       bool InInitialiser) {
  // A container member keeps many objects, each until it is removed.
  const Expr *Creation = heapCreation(Value);
  if (Creation &&
      !Containers.asContainer(Member->getType().getNonReferenceType()))
    Lifetimes.observeHanding({Creation, Member, Owner->getCanonicalDecl(), Site,
                              InInitialiser});
}

bool UnboundedContainer::skippedMemberMayShrink(const ValueDecl *D) const {
  const auto *Class = dyn_cast<CXXRecordDecl>(D->getDeclContext());
  if (!Class || !D->getDeclName().isIdentifier())
    return false;
  const auto *Field = dyn_cast<FieldDecl>(D);
  for (const FunctionDecl *F : skippedMembers(Class)) {
    const auto *M = cast<CXXMethodDecl>(F);
    // Of a field (not of a static member): a const member function cannot
    // empty it, and the destructor empties it at exit.
    if (Field && ((M->isConst() && !Field->isMutable()) ||
                  isa<CXXDestructorDecl>(M)))
      continue;
    if (skippedBodyMayName(M, D->getName()))
      return true;
  }
  return false;
}

bool UnboundedContainer::everyUseVisible(const ValueDecl *D) const {
  if (Options.AssumeAllUsesVisible)
    return true;
  const SourceManager &SM = Ctx->getSourceManager();
  // A class's private member is used only by the class (and its friends):
  // visible when every member function has its body here.
  if (const auto *VD = dyn_cast<VarDecl>(D)) {
    if (VD->isLocalVarDecl() || !VD->isExternallyVisible())
      return true;
    if (VD->isStaticDataMember())
      return VD->getAccess() == AS_private &&
             isClosedClass(cast<CXXRecordDecl>(VD->getDeclContext()));
    // Defined in the main file and declared in no header.
    return llvm::all_of(VD->redecls(), [&](const VarDecl *R) {
      return SM.isInMainFile(SM.getExpansionLoc(R->getLocation()));
    });
  }
  const auto *Field = cast<FieldDecl>(D);
  const auto *Class = cast<CXXRecordDecl>(Field->getParent());
  if (Field->getAccess() == AS_private && isClosedClass(Class))
    return true;
  // A class defined in the main file has its objects, and the code that
  // touches their fields, in this translation unit.
  return SM.isInMainFile(SM.getExpansionLoc(Class->getLocation()));
}

bool UnboundedContainer::erasesOnlyOnLookup(const CXXMemberCallExpr *Erase,
                                            const ValueDecl *D) {
  auto IsContainer = [&](const Expr *E) {
    std::optional<Storage> S = storageOf(E, /*Direct=*/true);
    return S && S->Decl == D;
  };
  return leaklint::erasesOnlyOnLookup(
      Erase, functionAt(Erase->getBeginLoc()), IsContainer, GrowthNames,
      &Uncalled.uses(*Ctx),
      [&](const Stmt *S) { return functionHolding(S); });
}

std::vector<Finding> UnboundedContainer::finish() {
  std::vector<Finding> Out;
  if (Ctx) {
    replayElementShrinks();
    // An erase that runs only when its key is looked up again bounds
    // nothing for the keys that never come back.
    // Nor does one that skips the entries the code marks done for good.
    // Nor, once every erase of a container is weighed, do erases that
    // some ways out skip (SkippedErases.cpp).
    llvm::MapVector<const ValueDecl *,
                    SmallVector<const CXXMemberCallExpr *, 2>>
        Plain;
    for (const auto &[Erase, D] : Erases) {
      if (!Candidates.count(D)) {
        recordShrink(Erase->getImplicitObjectArgument(), /*Direct=*/false,
                     /*Selective=*/Erase->getNumArgs() > 0);
      } else if (erasesOnlyOnLookup(Erase, D)) {
        ErasedOnLookup[D].push_back(Erase);
      } else if (std::optional<MarkedSkip> Skip =
                     Erase->getNumArgs() > 0 ? erasesOnlyUnmarked(Erase, D)
                                             : std::nullopt) {
        SkipsMarked.try_emplace(D, *Skip);
      } else {
        Plain[D].push_back(Erase);
      }
    }
    for (const auto &[D, DErases] : Plain) {
      std::optional<SkippedErase> Skip;
      for (const CXXMemberCallExpr *Erase : DErases)
        if (!(Skip = eraseSkippedAfterLookup(Erase, D)))
          break;
      if (!Skip)
        Skip = eraseSkippedByCaller(DErases, D);
      if (!Skip)
        Skip = eraseSkippedAfterCompletion(DErases, D);
      if (Skip) {
        SkipsErase.try_emplace(D, *Skip);
        continue;
      }
      for (const CXXMemberCallExpr *Erase : DErases)
        recordShrink(Erase->getImplicitObjectArgument(), /*Direct=*/false,
                     /*Selective=*/Erase->getNumArgs() > 0);
    }
    // A pop that a way out of its pushing function skips bounds nothing.
    // Weighed before any pop is counted: each looks at its siblings.
    SmallVector<std::optional<SkippedPop>, 4> PopSkips;
    for (const auto &[Pop, D] : Pops)
      PopSkips.push_back(popSkippedOnSomeWayOut(Pop, D));
    for (size_t I = 0; I < Pops.size(); ++I) {
      if (PopSkips[I])
        SkipsPop.try_emplace(Pops[I].second, *PopSkips[I]);
      else
        recordShrink(Pops[I].first->getImplicitObjectArgument(),
                     /*Direct=*/false);
    }
    resolveMemberShrinks();
    // `Server() : m_impl(new Impl) {}`: a heap object per owner.
    for (const FunctionDecl *F : Functions)
      if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
        for (const CXXCtorInitializer *Init : Ctor->inits())
          if (const FieldDecl *Member = Init->getMember();
              Member && Init->isWritten())
            recordHanding(Member, Ctor->getParent(), Init->getInit(),
                          Init->getInit(), /*InInitialiser=*/true);
    llvm::DenseSet<SourceLocation> Reported;
    llvm::DenseSet<const ValueDecl *> ReportedDecls;
    // Members of the values of a container that never shrinks: weighed
    // after the containers themselves, since bounding a container that is
    // reported bounds what its values hold too (one finding, not two).
    SmallVector<std::pair<const ValueDecl *, const ValueDecl *>, 2> InValues;
    bool Deferring = true;
    auto Consider = [&](const ValueDecl *D, Candidate &C) {
      if (AimedAtLocals.count(D))
        return;
      // A shrink counts only if its function can run.
      if (mayShrink(D)) {
        if (!shrinksNeverRun(D))
          return;
        SelectiveShrinks.erase(D);
      }
      if (skippedMemberMayShrink(D))
        return;
      // A member of objects that may die is not program-long (asked first:
      // the growth sites' questions below cost more).
      if (const auto *Field = dyn_cast<FieldDecl>(D)) {
        const auto *Class = cast<CXXRecordDecl>(Field->getParent());
        if (!Options.CheckSingletonMembers ||
            (C.GrownViaObject && !livesAsLongAsTheProgram(Class)))
          return;
        if (C.GrownViaObject && Deferring)
          if (const ValueDecl *Outer = lifetimeOf(Class)->ValuesOf) {
            InValues.push_back({D, Outer});
            return;
          }
      }
      // Growth while the container is being set up is not accumulation,
      // nor is growth that a check of its size bounds.
      llvm::erase_if(C.Growths, [&](const Growth &G) {
        return duringInitialisation(D, G.Site) || boundedBySize(D, G.Site) ||
               reusesSlots(D, G.Site) || addsFixedKeys(G);
      });
      // An object of main() grows per request only where main's own loop
      // drives it: a callback it hands a library (a thread-init hook) may
      // run a fixed number of times.
      if (const auto *Field = dyn_cast<FieldDecl>(D); Field && C.GrownViaObject)
        if (std::optional<ProgramLifetime> Life =
                lifetimeOf(cast<CXXRecordDecl>(Field->getParent()));
            Life && Life->MainLocal)
          llvm::erase_if(C.Growths, [&](const Growth &G) {
            CallerLoops Below;
            Below.PerKey = G.Key && !G.Element;
            return !drivenByMainLoop(G.Site->getBeginLoc(), 0, Below);
          });
      if (C.Growths.empty())
        return;
      // One entry per enumerator, type or error category at most. What
      // grows inside an entry (`byLevel[level].push_back(line)`) is not
      // bounded by that, unless the entry too is keyed by a closed domain.
      if (const ClassTemplateSpecializationDecl *Container =
              Containers.asContainer(containerType(D));
          Container && hasClosedKeyDomain(Container)) {
        const ClassTemplateSpecializationDecl *Inner =
            Containers.asContainer(elementType(Container));
        if (!Inner ||
            (ContainerTypes::isKeyed(Inner) && hasClosedKeyDomain(Inner)))
          return;
        llvm::erase_if(C.Growths, [](const Growth &G) { return !G.Element; });
        if (C.Growths.empty())
          return;
      }
      // Registries of `this` are leak-static-instance-cache's to report.
      if (Options.DeferRegistriesOfThis &&
          (llvm::any_of(C.Growths,
                       [&](const Growth &G) {
                         return G.StoresThis || passedInstance(G);
                       }) ||
           entryHoldsInstance(C)) &&
          !Identity.heldBy(containerType(D)).empty()) {
        // What grows inside its entries is the registry's too.
        ReportedDecls.insert(D);
        return;
      }
      if (!everyUseVisible(D)) {
        // Another TU may empty it: in whole-program mode the merge decides.
        if (Facts)
          deferToMerge(D, C);
        return;
      }
      if (!Reported.insert(D->getLocation()).second)
        return;
      size_t Before = Out.size();
      report(D, C, Out);
      if (Out.size() > Before)
        ReportedDecls.insert(D);
      if (Facts && Out.size() > Before)
        Facts->Reported.push_back(facts::crossTUName(D));
    };
    for (auto &Entry : Candidates)
      Consider(Entry.first, Entry.second);
    Deferring = false;
    for (auto [D, Outer] : InValues)
      if (!ReportedDecls.contains(Outer))
        Consider(D, Candidates[D]);
    if (Facts)
      writeFacts();
  }
  if (Facts)
    Facts.emplace();
  Candidates.clear();
  Erases.clear();
  ErasedOnLookup.clear();
  SkipsMarked.clear();
  Pops.clear();
  SkipsPop.clear();
  SkipsErase.clear();
  WaysSkippingPops.clear();
  Writes.reset();
  EmptiedOnlyAtExit.clear();
  SelectiveShrinks.clear();
  WholesaleShrinks.clear();
  ShrunkOnlyUncalled.clear();
  Uncalled.clear();
  Finite.clear();
  MemberShrinks.clear();
  ElementShrinks.clear();
  TheSingletons.clear();
  Lifetimes.clear();
  KnownLifetimes.clear();
  CallOnceRanges.clear();
  StaticInitRanges.clear();
  CallSites.clear();
  VirtualCallSites.clear();
  Functions.clear();
  Ranges.reset();
  ParamShrinks.clear();
  RunCounts.clear();
  FunctionLoops.clear();
  AimedAtLocals.clear();
  Ctx = nullptr;
  return Out;
}

} // namespace leaklint
