//===--- CycleFactsCollector.cpp - leak-shared-ptr-cycle's facts of a TU --===//
#include "CycleFactsCollector.h"
#include "Finding.h"
#include "facts/TranslationUnitFacts.h"
#include "ownership/OwnershipGraph.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace leaklint::cycles {

using facts::crossTUName;
using facts::sourcePoint;

namespace {

// The methods a body calls on classes that hold shared owners: a drain only
// counts when something calls it.
class CalledMethods : public RecursiveASTVisitor<CalledMethods> {
public:
  CalledMethods(llvm::function_ref<bool(const CXXRecordDecl *)> HoldsOwners,
                std::set<std::string> &Out)
      : HoldsOwners(HoldsOwners), Out(Out) {}
  bool VisitCallExpr(CallExpr *Call) {
    const auto *M = dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee());
    if (M && HoldsOwners(M->getParent()))
      Out.insert(crossTUName(M));
    return true;
  }

private:
  llvm::function_ref<bool(const CXXRecordDecl *)> HoldsOwners;
  std::set<std::string> &Out;
};

} // namespace

bool CycleFactsCollector::holdsOwners(const CXXRecordDecl *RD) {
  if (!RD->hasDefinition())
    return false;
  RD = RD->getDefinition();
  auto [It, New] = HoldsOwners.try_emplace(RD, false);
  if (!New)
    return It->second;
  // A method may store into a field its class inherits.
  bool Holds = llvm::any_of(RD->fields(), [&](const FieldDecl *F) {
    return Links.isSharedOwnerField(F);
  });
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl())
      Holds = Holds || holdsOwners(BaseClass);
  HoldsOwners[RD] = Holds;
  return Holds;
}

std::string CycleFactsCollector::id(const void *P) {
  auto [It, New] = Ids.try_emplace(P, Ids.size() + 1);
  return "n" + std::to_string(It->second);
}

std::string CycleFactsCollector::text(const Expr *E, const ASTContext &Ctx) {
  return Lexer::getSourceText(
             CharSourceRange::getTokenRange(E->getSourceRange()),
             Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

std::string CycleFactsCollector::field(const FieldDecl *F,
                                       const ASTContext &Ctx) {
  std::string USR = crossTUName(F);
  if (USR.empty() || Facts.Fields.count(USR))
    return USR;
  FieldFact Fact;
  Fact.Name = memberName(F);
  Fact.ShortName = F->getName().str();
  Fact.Class = className(cast<CXXRecordDecl>(F->getParent()));
  SmallVector<OwnedClass, 2> Owned = ownedClasses(F->getType(), Containers);
  for (const OwnedClass &O : Owned)
    if (Fact.Pointee.empty() || O.Kind == OwnershipKind::Shared)
      Fact.Pointee = className(O.Class);
  Fact.Type = F->getType().getAsString(Ctx.getPrintingPolicy());
  Fact.Point = sourcePoint(F->getLocation(), Ctx.getSourceManager());
  Fact.SingleOwner = sharedPointee(F->getType()) != nullptr;
  Fact.UniqueOwner = isUniqueOwner(F->getType());
  // A pointer that counts references in the object has no std::weak_ptr.
  if (const auto *Owner = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          F->getType().getCanonicalType()->getAsCXXRecordDecl())) {
    std::string Name = qualifiedName(Owner);
    Fact.HasWeakPointer = !Fact.SingleOwner || Name == "std::shared_ptr" ||
                          Name == "boost::shared_ptr";
  }
  Facts.Fields.emplace(USR, std::move(Fact));
  return USR;
}

ObjectFact CycleFactsCollector::object(const ObjectName &N,
                                       const ASTContext &Ctx) {
  ObjectFact O;
  switch (N.Kind) {
  case ObjectName::This:
    O.Kind = "this";
    break;
  case ObjectName::Variable:
    O.Kind = isa<ParmVarDecl>(static_cast<const VarDecl *>(N.Root))
                 ? "parameter"
                 : "local";
    break;
  case ObjectName::Fresh:
    O.Kind = "fresh";
    O.Made = sourcePoint(static_cast<const Expr *>(N.Root)->getBeginLoc(),
                         Ctx.getSourceManager());
    break;
  case ObjectName::Unknown:
    break;
  }
  if (N.Root)
    O.Root = id(N.Root);
  if (N.Version)
    O.Version = id(N.Version);
  for (const PathStep &Step : N.Path) {
    StepFact S;
    if (Step.Field)
      S.Field = field(Step.Field, Ctx);
    if (Step.Element)
      S.Element = id(Step.Element);
    S.Owning = isOwningStep(Step, Containers);
    O.Path.push_back(std::move(S));
  }
  return O;
}

void CycleFactsCollector::addFunction(const FunctionDecl *F, ASTContext &Ctx,
                                      ArrayRef<OwnershipLink> Found,
                                      ArrayRef<OpaqueCall> Opaque) {
  const SourceManager &SM = Ctx.getSourceManager();
  // What another TU's call of F stores: only methods and constructors store
  // into fields of their object.
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  if (F->getNumParams() && Method && holdsOwners(Method->getParent())) {
    std::vector<ParamStoreFact> Stores;
    // The format records fields of the setter's own object: a store
    // forwarded into an object it owns, or onto another parameter's
    // object, is not written.
    for (const OwnershipLinks::ParamStore &S : Links.storedParams(F))
      if (S.Via.empty() && !S.On && Links.isSharedOwnerField(S.Field))
        Stores.push_back(
            {S.Param, field(S.Field, Ctx), sourcePoint(S.Where, SM)});
    if (!Stores.empty())
      if (std::string USR = crossTUName(F); !USR.empty())
        Facts.Setters.emplace(USR, std::move(Stores));
  }
  CalledMethods([this](const CXXRecordDecl *RD) { return holdsOwners(RD); },
                Facts.Called)
      .TraverseStmt(F->getBody());
  if (Opaque.empty())
    return;
  std::string USR = crossTUName(F);
  if (USR.empty())
    return;
  FunctionFacts Function;
  Function.Function = USR;
  for (const OwnershipLink &L : Found) {
    LinkFact Link;
    Link.Holder = object(L.Holder, Ctx);
    Link.Field = field(L.Field, Ctx);
    Link.Breaks = L.Breaks;
    if (!L.Breaks) {
      Link.Target = object(L.Target, Ctx);
      Link.Value = sourcePoint(L.Value->getBeginLoc(), SM);
      Link.ValueText = text(L.Value, Ctx);
      Link.FromSharedFromThis = L.FromSharedFromThis;
      if (L.Through)
        Link.Through = L.Through->getQualifiedNameAsString();
    }
    Function.Links.push_back(std::move(Link));
  }
  for (const OpaqueCall &Call : Opaque) {
    CallFact C;
    C.Callee = crossTUName(Call.Callee);
    C.CalleeName = Call.Callee->getQualifiedNameAsString();
    C.Object = object(Call.Object, Ctx);
    for (unsigned I = 0; I < Call.Args.size(); ++I) {
      CallFact::Argument A;
      if (Call.Carried[I].known())
        A.Carried = object(Call.Carried[I], Ctx);
      A.Value = sourcePoint(Call.Args[I]->getBeginLoc(), SM);
      A.Text = text(Call.Args[I], Ctx);
      if (const auto *M = dyn_cast<CXXMemberCallExpr>(
              passedThrough(Call.Args[I])))
        if (const CXXMethodDecl *Method = M->getMethodDecl())
          A.FromSharedFromThis = Method->getDeclName().isIdentifier() &&
                                 Method->getName() == "shared_from_this";
      C.Arguments.push_back(std::move(A));
    }
    if (!C.Callee.empty())
      Function.Calls.push_back(std::move(C));
  }
  if (!Function.Calls.empty())
    Facts.Functions.push_back(std::move(Function));
}

CycleFacts
CycleFactsCollector::finish(const StorageResets &Resets,
                            ArrayRef<const FieldDecl *> Reported,
                            ASTContext &Ctx) {
  for (const auto &[Field, By] : Links.drainers())
    for (const FunctionDecl *F : By)
      if (F)
        Facts.Drains.push_back({field(Field, Ctx), crossTUName(F),
                                isa<CXXDestructorDecl>(F), {}});
  for (const auto &[Field, Reset] : Resets.all())
    if (Links.isSharedOwnerField(Field) && Reset.In)
      Facts.Resets.push_back({field(Field, Ctx), crossTUName(Reset.In),
                              isa<CXXDestructorDecl>(Reset.In), {}});
  for (const auto &[Fields, Reset] : Resets.allForEveryElement())
    if (Links.isSharedOwnerField(Fields.first) && Reset.In) {
      Facts.ElementResets.push_back(
          {field(Fields.first, Ctx), crossTUName(Reset.In),
           isa<CXXDestructorDecl>(Reset.In), field(Fields.second, Ctx)});
    }
  for (const FieldDecl *Field : Reported)
    Facts.Reported.insert(field(Field, Ctx));
  CycleFacts Out = std::move(Facts);
  clear();
  return Out;
}

} // namespace leaklint::cycles
