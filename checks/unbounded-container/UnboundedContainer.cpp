//===--- UnboundedContainer.cpp - Program-long containers that only grow --===//
#include "UnboundedContainer.h"
#include "Compat.h"
#include "InstanceSource.h"
#include "KeyDomains.h"
#include "LibraryFunctions.h"
#include "LocalUses.h"
#include "StaticStorage.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"

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

enum class ElementKind { Listener, CacheEntry, Element };

bool isCallable(QualType T) {
  T = T.getCanonicalType();
  if (T->isFunctionPointerType() || T->isMemberFunctionPointerType())
    return true;
  const auto *RD = T->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         llvm::is_contained(
             {"function", "move_only_function", "copyable_function"},
             RD->getName());
}

// A pointer or shared pointer to a polymorphic class: a listener object. A
// unique_ptr owns its object; a table of owned objects holds no listeners.
bool isListenerPointer(QualType T) {
  T = T.getCanonicalType();
  QualType Pointee;
  if (T->isPointerType())
    Pointee = T->getPointeeType();
  else if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
               T->getAsCXXRecordDecl());
           Spec && Spec->isInStdNamespace() && Spec->getIdentifier() &&
           llvm::is_contained({"shared_ptr", "weak_ptr"}, Spec->getName()) &&
           Spec->getTemplateArgs().size() > 0 &&
           Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
    Pointee = Spec->getTemplateArgs()[0].getAsType();
  const CXXRecordDecl *RD =
      Pointee.isNull() ? nullptr : Pointee->getAsCXXRecordDecl();
  return RD && RD->hasDefinition() && RD->getDefinition()->isPolymorphic();
}

// What one entry of \p Container is, looking into nested containers:
// `std::map<std::string, std::vector<std::function<void()>>>` holds listeners.
ElementKind elementKind(const ClassTemplateSpecializationDecl *Container,
                        const ContainerTypes &Containers, unsigned Depth = 0) {
  const TemplateArgumentList &Args = Container->getTemplateArgs();
  bool Keyed = ContainerTypes::isKeyed(Container);
  bool IsMap = Keyed && Container->getName().contains_insensitive("map");
  unsigned Index = IsMap ? 1 : 0;
  if (Args.size() <= Index || Args[Index].getKind() != TemplateArgument::Type)
    return Keyed ? ElementKind::CacheEntry : ElementKind::Element;
  QualType Element = Args[Index].getAsType();
  if (isCallable(Element) || isListenerPointer(Element))
    return ElementKind::Listener;
  if (const ClassTemplateSpecializationDecl *Inner =
          Containers.asContainer(Element);
      Inner && Depth < 4) {
    ElementKind Nested = elementKind(Inner, Containers, Depth + 1);
    if (Nested == ElementKind::Listener)
      return Nested;
  }
  return Keyed ? ElementKind::CacheEntry : ElementKind::Element;
}

// Does a function shrink what its parameter refers to?
class ParamShrinkFinder : public RecursiveASTVisitor<ParamShrinkFinder> {
public:
  ParamShrinkFinder(const ParmVarDecl *Param, const llvm::StringSet<> &Shrink)
      : Param(Param), Shrink(Shrink) {}

  bool refersToParam(const Expr *E) const {
    const auto *Ref =
        dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
    return Ref && Ref->getDecl() == Param;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (M && M->getDeclName().isIdentifier() && Shrink.contains(M->getName()) &&
        refersToParam(Call->getImplicitObjectArgument()))
      Found = true;
    return !Found;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        refersToParam(Op->getArg(0)))
      Found = true;
    return !Found;
  }
  bool VisitCallExpr(CallExpr *Call) {
    // Passed on again: whatever receives it may shrink it.
    for (const Expr *Arg : Call->arguments())
      if (refersToParam(Arg) && !isa<CXXMemberCallExpr>(Call))
        Found = true;
    return !Found;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() == UO_AddrOf && refersToParam(U->getSubExpr()))
      Found = true;
    return !Found;
  }

  bool Found = false;

private:
  const ParmVarDecl *Param;
  const llvm::StringSet<> &Shrink;
};

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
  Finder.addMatcher(cxxNewExpr().bind("new"), CB);
  Finder.addMatcher(
      varDecl(hasGlobalStorage(), hasInitializer(expr())).bind("static-init"),
      CB);
  Finder.addMatcher(fieldDecl(ProgramClass).bind("field"), CB);
  Finder.addMatcher(functionDecl(isDefinition()).bind("function"), CB);
}

std::optional<UnboundedContainer::Storage>
UnboundedContainer::storageOf(const Expr *E, bool Direct) const {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Direct || Op->getOperator() != OO_Subscript || Op->getNumArgs() != 2)
      return std::nullopt;
    return storageOf(Op->getArg(0), false);
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (M && M->getDeclName().isIdentifier() &&
        llvm::is_contained({"at", "front", "back"}, M->getName()))
      return Direct ? std::nullopt
                    : storageOf(Call->getImplicitObjectArgument(), false);
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl())) {
      const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
      if (isa<CXXThisExpr>(Base))
        return Storage{Field->getCanonicalDecl(), true};
      if (staticVariableOf(Base))
        return Storage{Field->getCanonicalDecl(), false};
      return std::nullopt;
    }
  if (const VarDecl *VD = staticVariableOf(E))
    return Storage{VD->getCanonicalDecl(), false};
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
  if (T.isNull() || T.isConstQualified() || !Containers.asContainer(T))
    return;
  bool StoresThis = llvm::any_of(Args, [](const Expr *Arg) {
    std::optional<InstanceSource> Source = findInstanceSource(Arg);
    return Source && Source->Class;
  });
  Candidate &C = Candidates[S->Decl];
  C.Growths.push_back({Site, StoresThis});
  C.GrownViaThis |= S->ViaThis;
}

void UnboundedContainer::recordShrink(const Expr *Container, bool Direct) {
  if (std::optional<Storage> S = storageOf(Container, Direct))
    Shrunk.insert(S->Decl);
}

bool UnboundedContainer::paramMayShrink(const FunctionDecl *F, unsigned Param) {
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def) || Param >= Def->getNumParams())
    return true; // Not visible: assume it may.
  auto [It, New] = ParamShrinks.try_emplace({Def, Param}, true);
  if (!New)
    return It->second;
  ParamShrinkFinder Finder(Def->getParamDecl(Param), ShrinkNames);
  Finder.TraverseStmt(Def->getBody());
  bool Result = Finder.Found;
  ParamShrinks[{Def, Param}] = Result;
  return Result;
}

void UnboundedContainer::collect(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *Call =
          Result.Nodes.getNodeAs<CXXMemberCallExpr>("member-call")) {
    recordCall(Call);
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (!M || !M->getDeclName().isIdentifier())
      return;
    StringRef Name = M->getName();
    const Expr *Object = Call->getImplicitObjectArgument();
    SmallVector<const Expr *, 4> Args(Call->arguments());
    if (ShrinkNames.contains(Name))
      recordShrink(Object, /*Direct=*/false);
    else if (GrowthNames.contains(Name))
      recordGrowth(Object, Call, Args);
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
      recordShrink(Op->getArg(0), /*Direct=*/true);
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
    // std::make_shared<T>() and friends make objects that die.
    if (isStdFunction(FD, {"make_shared", "make_unique", "allocate_shared"}))
      if (const TemplateArgumentList *Args =
              FD->getTemplateSpecializationArgs();
          Args && Args->size() &&
          Args->get(0).getKind() == TemplateArgument::Type)
        if (const CXXRecordDecl *RD =
                Args->get(0).getAsType()->getAsCXXRecordDecl())
          ++OtherInstances[RD->getCanonicalDecl()];
    // Passed by non-const reference or moved from: may shrink.
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      const Expr *Arg = Call->getArg(I);
      if (!storageOf(Arg, /*Direct=*/true))
        continue;
      if (isStdFunction(FD, emptyingStdFunctions())) {
        recordShrink(Arg, true);
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
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("object")) {
    if (Var->isStaticLocal())
      TheSingletons.observeStaticLocal(Var);
    if (const CXXRecordDecl *RD = Var->getType()->getAsCXXRecordDecl())
      ++(Var->hasGlobalStorage() ? StaticInstances
                                 : OtherInstances)[RD->getCanonicalDecl()];
    return;
  }
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("static-init")) {
    // hasInitializer() also matches a redeclaration without one.
    if (const Expr *Init = Var->getInit())
      StaticInitRanges.push_back(Init->getSourceRange());
    return;
  }
  if (const auto *New = Result.Nodes.getNodeAs<CXXNewExpr>("new")) {
    if (const CXXRecordDecl *RD = New->getAllocatedType()->getAsCXXRecordDecl())
      ++OtherInstances[RD->getCanonicalDecl()];
    return;
  }
  if (const auto *Field = Result.Nodes.getNodeAs<FieldDecl>("field")) {
    if (const CXXRecordDecl *RD = Field->getType()->getAsCXXRecordDecl())
      ++OtherInstances[RD->getCanonicalDecl()];
    return;
  }
  if (const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("function"))
    if (!Ctx->getSourceManager().isInSystemHeader(F->getLocation()))
      Functions.push_back(F);
}

bool UnboundedContainer::livesAsLongAsTheProgram(
    const CXXRecordDecl *Class) const {
  Class = Class->getCanonicalDecl();
  if (TheSingletons.isSingleton(Class))
    return true;
  return StaticInstances.lookup(Class) > 0 && OtherInstances.lookup(Class) == 0;
}

bool UnboundedContainer::everyUseVisible(const ValueDecl *D) const {
  if (Options.AssumeAllUsesVisible)
    return true;
  const SourceManager &SM = Ctx->getSourceManager();
  // A class's private member is used only by the class (and its friends):
  // visible when every member function has its body here.
  auto ClassIsClosed = [&](const CXXRecordDecl *RD) {
    const CXXRecordDecl *Def = RD->getDefinition();
    if (!Def || Def->friends().begin() != Def->friends().end())
      return false;
    return llvm::all_of(Def->methods(), [](const CXXMethodDecl *M) {
      return M->isImplicit() || M->isDefaulted() || M->isDeleted() ||
             M->isPureVirtual() || M->hasBody();
    });
  };
  if (const auto *VD = dyn_cast<VarDecl>(D)) {
    if (VD->isLocalVarDecl() || !VD->isExternallyVisible())
      return true;
    if (VD->isStaticDataMember())
      return VD->getAccess() == AS_private &&
             ClassIsClosed(cast<CXXRecordDecl>(VD->getDeclContext()));
    // Defined in the main file and declared in no header.
    return llvm::all_of(VD->redecls(), [&](const VarDecl *R) {
      return SM.isInMainFile(SM.getExpansionLoc(R->getLocation()));
    });
  }
  const auto *Field = cast<FieldDecl>(D);
  const auto *Class = cast<CXXRecordDecl>(Field->getParent());
  if (Field->getAccess() == AS_private && ClassIsClosed(Class))
    return true;
  // A class defined in the main file has its objects, and the code that
  // touches their fields, in this translation unit.
  return SM.isInMainFile(SM.getExpansionLoc(Class->getLocation()));
}

bool UnboundedContainer::within(SourceLocation Loc, SourceRange R) const {
  const SourceManager &SM = Ctx->getSourceManager();
  Loc = SM.getExpansionLoc(Loc);
  R = SourceRange(SM.getExpansionLoc(R.getBegin()),
                  SM.getExpansionLoc(R.getEnd()));
  return R.isValid() && SM.isPointWithin(Loc, R.getBegin(), R.getEnd());
}

bool UnboundedContainer::withinAny(SourceLocation Loc,
                                   ArrayRef<SourceRange> Ranges) const {
  return llvm::any_of(Ranges, [&](SourceRange R) { return within(Loc, R); });
}

bool UnboundedContainer::duringInitialisation(const ValueDecl *D,
                                              const Expr *Site) const {
  SourceLocation Loc = Site->getBeginLoc();
  // In the variable's own initializer, an immediately invoked lambda
  // included: `static const auto T = [] { std::vector<int> V; ... }();`.
  if (const auto *VD = dyn_cast<VarDecl>(D))
    for (const VarDecl *R : VD->redecls())
      if (const Expr *Init = R->getInit();
          Init && within(Loc, Init->getSourceRange()))
        return true;
  if (withinAny(Loc, CallOnceRanges))
    return true;
  const FunctionDecl *F = functionAt(Loc);
  return F && initialisationOnly(F, 0);
}

bool UnboundedContainer::initialisationOnly(const FunctionDecl *F,
                                            unsigned Depth) const {
  // The constructor of a class whose objects all live as long as the
  // program runs once per object, while its static is initialised: a
  // registry's constructor filling its table (`add("clone", ...)`).
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
    return livesAsLongAsTheProgram(Ctor->getParent());
  // A function that only initializers of statics, std::call_once, or such
  // functions call (a few levels deep). Top-level answers are kept: every
  // growth site in a function asks the same question.
  if (Depth == 0)
    if (auto It = InitialisationOnly.find(F); It != InitialisationOnly.end())
      return It->second;
  auto Calls = CallSites.find(F->getCanonicalDecl());
  bool Result =
      Calls != CallSites.end() && !Calls->second.empty() &&
      llvm::all_of(Calls->second, [&](SourceLocation Call) {
        if (withinAny(Call, StaticInitRanges) ||
            withinAny(Call, CallOnceRanges))
          return true;
        const FunctionDecl *Caller = Depth < 3 ? functionAt(Call) : nullptr;
        return Caller && Caller != F && initialisationOnly(Caller, Depth + 1);
      });
  if (Depth == 0)
    InitialisationOnly[F] = Result;
  return Result;
}

void UnboundedContainer::recordCall(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (FD && !Ctx->getSourceManager().isInSystemHeader(FD->getLocation()))
    CallSites[FD->getCanonicalDecl()].push_back(Call->getBeginLoc());
}

const FunctionDecl *UnboundedContainer::functionAt(SourceLocation Loc) const {
  const SourceManager &SM = Ctx->getSourceManager();
  Loc = SM.getExpansionLoc(Loc);
  const FunctionDecl *Best = nullptr;
  for (const FunctionDecl *F : Functions) {
    SourceRange R(SM.getExpansionLoc(F->getBeginLoc()),
                  SM.getExpansionLoc(F->getEndLoc()));
    if (!SM.isPointWithin(Loc, R.getBegin(), R.getEnd()))
      continue;
    // The innermost: a lambda's call operator inside a function.
    if (!Best || SM.isBeforeInTranslationUnit(
                     SM.getExpansionLoc(Best->getBeginLoc()), R.getBegin()))
      Best = F;
  }
  return Best;
}

void UnboundedContainer::report(const ValueDecl *D, const Candidate &C,
                                std::vector<Finding> &Out) {
  const ClassTemplateSpecializationDecl *Container =
      Containers.asContainer(containerType(D));
  if (!Container)
    return;
  std::string Name;
  std::string Storage;
  if (const auto *VD = dyn_cast<VarDecl>(D)) {
    std::optional<StaticStorageKind> Kind = classifyStaticStorage(VD);
    if (!Kind)
      return;
    Name = storageName(VD);
    Storage = describeStaticStorage(*Kind).str();
  } else {
    const auto *Class = cast<CXXRecordDecl>(D->getDeclContext());
    Name = memberName(D);
    Storage = TheSingletons.isSingleton(Class) ? "singleton member"
                                               : "static object's member";
  }
  if (IgnoredVariables.matches(D->getQualifiedNameAsString(),
                               D->getDeclName().isIdentifier() ? D->getName()
                                                               : StringRef()))
    return;

  std::string Where;
  if (const FunctionDecl *F = functionAt(C.Growths.front().Site->getBeginLoc()))
    if (const auto *M = dyn_cast<CXXMethodDecl>(F);
        !M || !M->getParent()->isLambda())
      Where = " in " + quoted(F->getQualifiedNameAsString());

  Finding F;
  F.Loc = D->getLocation();
  std::string Subject = Storage + " " + quoted(Name);
  std::string Suggestion;
  switch (elementKind(Container, Containers)) {
  case ElementKind::Listener:
    F.Message = Subject + " only grows: listeners are added" + Where +
                " but never removed; each registered callback and everything "
                "it captures lives until the program exits";
    Suggestion = "return an unsubscribe handle that erases the listener, or "
                 "hold std::weak_ptr listeners and drop expired ones";
    break;
  case ElementKind::CacheEntry:
    F.Message = Subject +
                " grows by one entry per distinct key and is never evicted; "
                "every entry lives until the program exits";
    Suggestion = "bound it: evict old entries (an LRU with a capacity), or "
                 "clear it when what it caches changes";
    break;
  case ElementKind::Element:
    F.Message = Subject + " only grows: elements are added" + Where +
                " but never removed; every element lives until the program "
                "exits";
    Suggestion = "keep a bounded window (a ring buffer, or pop_front past a "
                 "size) or flush it periodically";
    break;
  }
  llvm::SmallSet<SourceLocation, 4> Noted;
  for (const Growth &G : C.Growths) {
    if (Noted.size() == 3)
      break;
    if (Noted.insert(G.Site->getBeginLoc()).second)
      F.Notes.push_back({G.Site->getBeginLoc(), "it grows here"});
  }
  F.Notes.push_back({D->getLocation(), Suggestion});
  Out.push_back(std::move(F));
}

std::vector<Finding> UnboundedContainer::finish() {
  std::vector<Finding> Out;
  if (Ctx) {
    llvm::DenseSet<SourceLocation> Reported;
    for (auto &Entry : Candidates) {
      const ValueDecl *D = Entry.first;
      Candidate &C = Entry.second;
      if (Shrunk.count(D))
        continue;
      // Growth while the container is being set up is not accumulation.
      llvm::erase_if(C.Growths, [&](const Growth &G) {
        return duringInitialisation(D, G.Site);
      });
      if (C.Growths.empty())
        continue;
      // One entry per enumerator, type or error category at most.
      if (const ClassTemplateSpecializationDecl *Container =
              Containers.asContainer(containerType(D));
          Container && hasClosedKeyDomain(Container) &&
          elementKind(Container, Containers) != ElementKind::Listener)
        continue;
      // Registries of `this` are leak-static-instance-cache's to report.
      if (Options.DeferRegistriesOfThis &&
          llvm::any_of(C.Growths,
                       [](const Growth &G) { return G.StoresThis; }) &&
          !Identity.heldBy(containerType(D)).empty())
        continue;
      if (const auto *Field = dyn_cast<FieldDecl>(D)) {
        const auto *Class = cast<CXXRecordDecl>(Field->getParent());
        if (!Options.CheckSingletonMembers ||
            (C.GrownViaThis && !livesAsLongAsTheProgram(Class)))
          continue;
      }
      if (!everyUseVisible(D) || !Reported.insert(D->getLocation()).second)
        continue;
      report(D, C, Out);
    }
  }
  Candidates.clear();
  Shrunk.clear();
  TheSingletons.clear();
  StaticInstances.clear();
  OtherInstances.clear();
  CallOnceRanges.clear();
  StaticInitRanges.clear();
  CallSites.clear();
  Functions.clear();
  ParamShrinks.clear();
  InitialisationOnly.clear();
  Ctx = nullptr;
  return Out;
}

} // namespace leaklint
