//===--- ObjectLifetimes.cpp - Classes whose every object lives forever ---===//
#include "ObjectLifetimes.h"
#include "Compat.h"
#include "code/Guards.h"
#include "code/LibraryFunctions.h"
#include "code/Loops.h"
#include "code/Mentions.h"
#include "code/Temporaries.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace leaklint {
namespace {

bool isStdSmartPointer(const CXXRecordDecl *RD) {
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         (RD->getName() == "unique_ptr" || RD->getName() == "shared_ptr");
}

const CallExpr *makeCall(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(E);
  return Call && isStdFunction(Call->getDirectCallee(),
                               {"make_unique", "make_shared",
                                "allocate_shared"})
             ? Call
             : nullptr;
}

std::string quotedName(const NamedDecl *D) {
  return "'" + D->getQualifiedNameAsString() + "'";
}

} // namespace

const Expr *heapCreation(const Expr *E) {
  for (unsigned Hops = 0; E && Hops < 4; ++Hops) {
    E = ignoreTemporaries(E);
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && Call->getNumArgs() == 1 &&
        isStdFunction(Call->getDirectCallee(), {"move", "forward"})) {
      E = Call->getArg(0);
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() >= 1 &&
        isStdSmartPointer(Construct->getConstructor()->getParent())) {
      E = Construct->getArg(0);
      continue;
    }
    break;
  }
  if (!E)
    return nullptr;
  if (const auto *New = dyn_cast<CXXNewExpr>(E))
    return New->isArray() ? nullptr : New;
  return makeCall(E);
}

const CXXRecordDecl *createdClass(const Expr *Creation) {
  QualType T;
  if (const auto *New = dyn_cast_or_null<CXXNewExpr>(Creation))
    T = New->getAllocatedType();
  else if (const CallExpr *Make = Creation ? makeCall(Creation) : nullptr)
    if (const TemplateArgumentList *Args =
            Make->getDirectCallee()->getTemplateSpecializationArgs();
        Args && Args->size() &&
        Args->get(0).getKind() == TemplateArgument::Type)
      T = Args->get(0).getAsType();
  const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  return RD ? RD->getCanonicalDecl() : nullptr;
}

bool runsOncePerOwner(const Handing &H, const FunctionDecl *Where) {
  if (H.InInitialiser)
    return true;
  if (!Where || !Where->getBody())
    return false;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Where);
      Ctor && declaresSameEntity(Ctor->getParent(), H.Owner))
    return true;
  std::optional<SmallVector<Guard, 4>> Guards =
      guardsOf(H.Site, Where->getBody());
  return Guards && llvm::any_of(*Guards, [&](const Guard &G) {
           return mentions(G.Cond, H.Member, /*ThroughLocals=*/true);
         });
}

bool isMainLocal(const VarDecl *VD, ASTContext &Ctx) {
  if (!VD->isLocalVarDecl() || VD->isStaticLocal())
    return false;
  const auto *F = dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod());
  if (!F || !F->isMain())
    return false;
  // A loop around the declaration makes one object per iteration.
  return !insideLoop(VD);
}

void ObjectLifetimes::observeStaticObject(const CXXRecordDecl *Class,
                                          const VarDecl *MainLocal) {
  Objects &O = ByClass[Class->getCanonicalDecl()];
  ++O.Static;
  if (MainLocal) {
    ++O.MainLocals;
    if (!O.MainLocal)
      O.MainLocal = MainLocal;
  }
}

void ObjectLifetimes::observeOtherObject(const CXXRecordDecl *Class) {
  ++ByClass[Class->getCanonicalDecl()].Other;
}

void ObjectLifetimes::observeField(const FieldDecl *Field) {
  // A template's pattern has no objects: its fields own nothing at run
  // time; the specializations' fields are observed on their own.
  if (Field->getDeclContext()->isDependentContext())
    return;
  if (const CXXRecordDecl *RD = Field->getType()->getAsCXXRecordDecl())
    ByClass[RD->getCanonicalDecl()].Fields.push_back(Field);
}

void ObjectLifetimes::observeClass(const CXXRecordDecl *Def) {
  // A template's pattern has no objects; its specializations are observed
  // on their own.
  if (Def->isDependentContext())
    return;
  for (const CXXBaseSpecifier &Base : Def->bases())
    if (const CXXRecordDecl *RD = Base.getType()->getAsCXXRecordDecl())
      ByClass[RD->getCanonicalDecl()].Derived.push_back(
          Def->getCanonicalDecl());
}

void ObjectLifetimes::observeValues(const ValueDecl *Container,
                                    const CXXRecordDecl *Class) {
  if (Container->getDeclContext()->isDependentContext())
    return;
  ByClass[Class->getCanonicalDecl()].ValuesIn.push_back(
      cast<ValueDecl>(Container->getCanonicalDecl()));
}

void ObjectLifetimes::observeCreation(const Expr *Creation) {
  if (const CXXRecordDecl *RD = createdClass(Creation))
    ByClass[RD].Creations.push_back(Creation);
}

void ObjectLifetimes::observeHanding(const Handing &H) {
  Handed.try_emplace(H.Creation, H);
}

std::optional<ProgramLifetime> ObjectLifetimes::programLifetime(
    const CXXRecordDecl *Class, const Singletons &S,
    llvm::function_ref<bool(const Handing &)> Once,
    llvm::function_ref<bool(const CXXRecordDecl *)> InView,
    llvm::function_ref<bool(const ValueDecl *)> NeverShrinks) const {
  return lookup(Class, Query{S, Once, InView, NeverShrinks}, 0);
}

std::optional<ProgramLifetime>
ObjectLifetimes::lookup(const CXXRecordDecl *Class, const Query &Q,
                        unsigned Depth) const {
  Class = Class->getCanonicalDecl();
  auto It = ByClass.find(Class);
  // A class with a singleton accessor that the code also makes locals,
  // members or temporaries of (`Logger perRequest(name);`) has objects
  // that die.
  if (Q.S.isSingleton(Class) && (It == ByClass.end() || !It->second.Other))
    return ProgramLifetime{ProgramLifetime::Root::Singleton, Class, {}, nullptr};
  if (It == ByClass.end() || It->second.Other || !Q.AllObjectsInView(Class))
    return std::nullopt;
  const Objects &O = It->second;
  const VarDecl *MainLocal =
      O.MainLocals == O.Static ? O.MainLocal : nullptr;
  if (O.Static && O.Fields.empty() && O.Creations.empty() &&
      O.Derived.empty() && O.ValuesIn.empty())
    return ProgramLifetime{ProgramLifetime::Root::StaticObject, Class, {},
                           MainLocal};
  // Owned by objects that live as long as the program, a few hops up (a
  // bound that also ends ownership loops through heap objects).
  if (Depth >= 4)
    return std::nullopt;
  std::optional<ProgramLifetime> Via;
  if (O.Static)
    Via = ProgramLifetime{ProgramLifetime::Root::StaticObject, Class, {},
                          MainLocal};
  auto Extend = [&](std::optional<ProgramLifetime> Up, SourceLocation Loc,
                    std::string Note) {
    if (!Up)
      return false;
    if (!Via) {
      Via = std::move(Up);
      Via->Chain.insert(Via->Chain.begin(), {Loc, std::move(Note)});
    }
    return true;
  };
  for (const FieldDecl *Field : O.Fields) {
    const auto *Parent = cast<CXXRecordDecl>(Field->getParent());
    if (!Extend(lookup(Parent, Q, Depth + 1), Field->getLocation(),
                quotedName(Class) + " is held by value in " +
                    quotedName(Field) + ", so it lives as long as its " +
                    quotedName(Parent)))
      return std::nullopt;
  }
  // The values of a container that lives as long as the program and never
  // shrinks: each stays until the program ends.
  for (const ValueDecl *Container : O.ValuesIn) {
    std::optional<ProgramLifetime> Up;
    if (Q.NeverShrinks(Container)) {
      if (const auto *VD = dyn_cast<VarDecl>(Container);
          VD && VD->hasGlobalStorage())
        Up = ProgramLifetime{ProgramLifetime::Root::StaticContainer, Class,
                             {}, nullptr, VD};
      else if (const auto *Field = dyn_cast<FieldDecl>(Container))
        Up = lookup(cast<CXXRecordDecl>(Field->getParent()), Q, Depth + 1);
    }
    if (Up)
      Up->ValuesOf = Container;
    if (!Extend(std::move(Up), Container->getLocation(),
                quotedName(Class) + " objects are values of " +
                    quotedName(Container) +
                    ", which nothing ever removes an entry from, so they "
                    "live as long as it"))
      return std::nullopt;
  }
  for (const CXXRecordDecl *Derived : O.Derived)
    if (!Extend(lookup(Derived, Q, Depth + 1), Derived->getLocation(),
                quotedName(Class) + " is a base class of " +
                    quotedName(Derived) + ", so it lives as long as its " +
                    quotedName(Derived) + " objects"))
      return std::nullopt;
  for (const Expr *Creation : O.Creations) {
    auto H = Handed.find(Creation);
    if (H == Handed.end() || !Q.OncePerOwner(H->second))
      return std::nullopt;
    if (!Extend(lookup(H->second.Owner, Q, Depth + 1), Creation->getBeginLoc(),
                quotedName(Class) + " objects are made here, once per " +
                    quotedName(H->second.Owner) + ", and kept by its member " +
                    quotedName(H->second.Member)))
      return std::nullopt;
  }
  return Via;
}

void ObjectLifetimes::clear() {
  ByClass.clear();
  Handed.clear();
}

} // namespace leaklint
