//===--- RegistryRemoval.cpp - Does an object leave a registry when it dies
//===//
#include "RegistryRemoval.h"
#include "Compat.h"
#include "StaticStorage.h"
#include "code/LocalUses.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace leaklint {
namespace {

// How far removal is looked for from a destructor: the functions it calls,
// and theirs, up to this depth and this many bodies in all.
constexpr unsigned MaxCallDepth = 3;
constexpr unsigned MaxBodies = 64;

class RemovalFinder : public RecursiveASTVisitor<RemovalFinder> {
public:
  /// \p Alias is a parameter of the function searched that the caller bound
  /// to the registry: `void unlink(Set &S, T *P) { S.erase(P); }`.
  RemovalFinder(const VarDecl *Registry, const ParmVarDecl *Alias)
      : Registry(Registry), Alias(Alias) {}

  bool isRegistry(const Expr *E) const {
    if (!E)
      return false;
    if (sameVariable(staticVariableOf(E), Registry))
      return true;
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return Alias && Ref && Ref->getDecl() == Alias;
  }

  bool shouldVisitLambdaExpressions() const { return true; }

  // A local RAII object's destructor runs at the end of the destructor;
  // `delete p` runs p's.
  void followDestructorOf(QualType T) {
    const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
    if (RD && RD->hasDefinition())
      if (const CXXDestructorDecl *Dtor = RD->getDefinition()->getDestructor())
        Callees.push_back({Dtor, -1});
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    followDestructorOf(E->getType());
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    if (VD->hasLocalStorage())
      followDestructorOf(VD->getType());
    return true;
  }
  bool VisitCXXDeleteExpr(CXXDeleteExpr *E) {
    followDestructorOf(E->getDestroyedType());
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD)
      return true;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      const CXXMethodDecl *M = Member->getMethodDecl();
      if (M && M->getDeclName().isIdentifier() &&
          isRemovalMethod(M->getName()) &&
          isRegistry(Member->getImplicitObjectArgument())) {
        Found = true;
        return false;
      }
    }
    if (isStdErase(FD) && Call->getNumArgs() > 0 &&
        isRegistry(Call->getArg(0))) {
      Found = true;
      return false;
    }
    // A helper handed the registry: `llvm::erase(All, this)`.
    int Bound = -1;
    for (unsigned I = 0; I < Call->getNumArgs() && Bound < 0; ++I)
      if (isRegistry(Call->getArg(I)))
        Bound = static_cast<int>(I);
    Callees.push_back({FD, Bound});
    return true;
  }

  // Dependent calls in an uninstantiated destructor: `registry.erase(this)`.
  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E) {
    if (E->getMember().isIdentifier() && !E->isImplicitAccess() &&
        isRemovalMethod(E->getMember().getAsString()))
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(E->getBase()->IgnoreParenImpCasts()))
        if (sameVariable(dyn_cast<VarDecl>(Ref->getDecl()), Registry))
          Found = true;
    return !Found;
  }

  const VarDecl *Registry;
  const ParmVarDecl *Alias;
  bool Found = false;
  /// Functions called, with the index of the argument bound to the registry.
  SmallVector<std::pair<const FunctionDecl *, int>, 8> Callees;
};

// The source a specialization comes from: the primary template or the
// partial specialization it was instantiated from.
const CXXRecordDecl *patternOf(const CXXRecordDecl *RD) {
  const CXXRecordDecl *Pattern = RD->getTemplateInstantiationPattern();
  return Pattern != RD ? Pattern : nullptr;
}

} // namespace

const CXXDestructorDecl *declaredDestructor(const CXXRecordDecl *Class) {
  for (const Decl *D : Class->decls())
    if (const auto *Dtor = dyn_cast<CXXDestructorDecl>(D))
      return Dtor;
  return nullptr;
}

RemovalOnDestruction removalOnDestruction(const VarDecl *Registry,
                                          const CXXRecordDecl *Class) {
  const CXXRecordDecl *Def = Class->getDefinition();
  if (!Def)
    return RemovalOnDestruction::Unknown;

  // The destructors that run when an object of Class dies: its own, its
  // bases', its members'.
  SmallVector<const CXXRecordDecl *, 8> Classes = {Def};
  Def->forallBases([&](const CXXRecordDecl *Base) {
    Classes.push_back(Base);
    return true;
  });
  // Members, also held through unique_ptr, shared_ptr or optional (a pimpl
  // or an optional registration handle).
  for (const FieldDecl *Field : Def->fields()) {
    QualType T = Field->getType();
    if (const auto *Holder = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            T->getAsCXXRecordDecl());
        Holder && Holder->isInStdNamespace() && Holder->getIdentifier() &&
        llvm::is_contained({"unique_ptr", "shared_ptr", "optional"},
                           Holder->getName()) &&
        Holder->getTemplateArgs().size() > 0 &&
        Holder->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      T = Holder->getTemplateArgs()[0].getAsType();
    if (const CXXRecordDecl *Member = T->getAsCXXRecordDecl())
      if (Member->hasDefinition())
        Classes.push_back(Member->getDefinition());
  }

  const SourceManager &SM = Def->getASTContext().getSourceManager();
  bool Unknown = false;
  struct Item {
    const FunctionDecl *Function;
    unsigned Depth;
    const ParmVarDecl *Alias;
  };
  SmallVector<Item, 16> Work;
  for (const CXXRecordDecl *RD : Classes) {
    if (SM.isInSystemHeader(RD->getLocation()))
      continue;
    // A specialization whose destructor was not instantiated still shows
    // its intent in the template's destructor.
    bool Declared = false, Defined = false;
    for (const CXXRecordDecl *Candidate : {RD, patternOf(RD)}) {
      if (!Candidate)
        continue;
      const CXXDestructorDecl *Dtor = declaredDestructor(Candidate);
      if (!Dtor || Dtor->isImplicit())
        continue;
      Declared = true;
      const FunctionDecl *Body = nullptr;
      if (Dtor->hasBody(Body)) {
        Defined = true;
        Work.push_back({Body, 0, nullptr});
      } else if (Dtor->isDefaulted() || Dtor->isDeleted()) {
        Defined = true;
      }
    }
    Unknown |= Declared && !Defined;
  }

  llvm::SmallPtrSet<const FunctionDecl *, 16> Seen;
  for (unsigned I = 0; I < Work.size() && Seen.size() < MaxBodies; ++I) {
    auto [Function, Depth, Alias] = Work[I];
    if (!Alias && !Seen.insert(Function).second)
      continue;
    RemovalFinder Finder(Registry, Alias);
    Finder.TraverseStmt(Function->getBody());
    if (Finder.Found)
      return RemovalOnDestruction::Removed;
    if (Depth == MaxCallDepth)
      continue;
    for (auto [Callee, Bound] : Finder.Callees) {
      const FunctionDecl *CalleeBody = nullptr;
      if (!Callee->hasBody(CalleeBody) ||
          SM.isInSystemHeader(CalleeBody->getLocation()))
        continue;
      const ParmVarDecl *Param =
          Bound >= 0 && unsigned(Bound) < CalleeBody->getNumParams()
              ? CalleeBody->getParamDecl(Bound)
              : nullptr;
      Work.push_back({CalleeBody, Depth + 1, Param});
    }
  }
  return Unknown ? RemovalOnDestruction::Unknown
                 : RemovalOnDestruction::NotRemoved;
}

} // namespace leaklint
