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

// Walks one body: hands every container an entry is removed from to
// \p OnRemoval (which says whether to stop), and lists the functions the
// body runs: those it calls, and the destructors of what it destroys.
class RemovalWalker : public RecursiveASTVisitor<RemovalWalker> {
public:
  /// \p OnRemoval must outlive the walker.
  using Sink = llvm::function_ref<bool(const Expr *Container)>;
  explicit RemovalWalker(Sink OnRemoval) : OnRemoval(OnRemoval) {}

  bool shouldVisitLambdaExpressions() const { return true; }

  // A local RAII object's destructor runs at the end of the body; `delete p`
  // runs p's.
  void followDestructorOf(QualType T) {
    const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
    if (RD && RD->hasDefinition())
      if (const CXXDestructorDecl *Dtor = RD->getDefinition()->getDestructor())
        Callees.push_back({Dtor, nullptr});
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
          removal(Member->getImplicitObjectArgument()))
        return false;
    }
    if (isStdErase(FD) && Call->getNumArgs() > 0 && removal(Call->getArg(0)))
      return false;
    Callees.push_back({FD, Call});
    return true;
  }

  // Dependent calls in an uninstantiated body: `registry.erase(this)`.
  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E) {
    if (E->getMember().isIdentifier() && !E->isImplicitAccess() &&
        isRemovalMethod(E->getMember().getAsString()) &&
        isa<DeclRefExpr>(E->getBase()->IgnoreParenImpCasts()))
      return !removal(E->getBase());
    return true;
  }

  struct Callee {
    const FunctionDecl *Function;
    /// The call; null for a destructor the body runs.
    const CallExpr *Call;
  };
  SmallVector<Callee, 8> Callees;
  bool Stopped = false;

private:
  bool removal(const Expr *Container) {
    Stopped = OnRemoval(Container);
    return Stopped;
  }
  Sink OnRemoval;
};

// True when \p E names \p Registry, or \p Alias, a parameter the caller bound
// to it: `void unlink(Set &S, T *P) { S.erase(P); }`. A member registry is
// named through any object of its class: the class has one object.
bool namesRegistry(const Expr *E, const ValueDecl *Registry,
                   const ParmVarDecl *Alias) {
  if (!E)
    return false;
  if (const auto *Var = dyn_cast<VarDecl>(Registry);
      Var && sameVariable(staticVariableOf(E), Var))
    return true;
  if (const auto *Field = dyn_cast<FieldDecl>(Registry))
    if (const FieldDecl *Named = memberStorageOf(E);
        Named && (Named->getCanonicalDecl() == Field->getCanonicalDecl() ||
                  Named->getLocation() == Field->getLocation()))
      return true;
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return Alias && Ref && Ref->getDecl() == Alias;
}

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

RemovalOnDestruction
removalOnDestruction(const ValueDecl *Registry, const CXXRecordDecl *Class,
                     SmallVectorImpl<const FunctionDecl *> *Open) {
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
      } else if (Open) {
        Open->push_back(Dtor);
      }
    }
    Unknown |= Declared && !Defined;
  }

  llvm::SmallPtrSet<const FunctionDecl *, 16> Seen;
  for (unsigned I = 0; I < Work.size() && Seen.size() < RemovalSearchBodies;
       ++I) {
    auto [Function, Depth, Alias] = Work[I];
    if (!Alias && !Seen.insert(Function).second)
      continue;
    auto IsRegistry = [&, Alias = Alias](const Expr *Container) {
      return namesRegistry(Container, Registry, Alias);
    };
    RemovalWalker Walker(IsRegistry);
    Walker.TraverseStmt(Function->getBody());
    if (Walker.Stopped)
      return RemovalOnDestruction::Removed;
    if (Depth == RemovalSearchDepth)
      continue;
    for (auto [Callee, Call] : Walker.Callees) {
      const FunctionDecl *CalleeBody = nullptr;
      if (SM.isInSystemHeader(Callee->getLocation()))
        continue;
      if (!Callee->hasBody(CalleeBody)) {
        if (Open)
          Open->push_back(Callee);
        continue;
      }
      if (SM.isInSystemHeader(CalleeBody->getLocation()))
        continue;
      // A helper handed the registry: `llvm::erase(All, this)`.
      const ParmVarDecl *Param = nullptr;
      for (unsigned A = 0; Call && A < Call->getNumArgs() && !Param; ++A)
        if (namesRegistry(Call->getArg(A), Registry, Alias) &&
            A < CalleeBody->getNumParams())
          Param = CalleeBody->getParamDecl(A);
      Work.push_back({CalleeBody, Depth + 1, Param});
    }
  }
  return Unknown ? RemovalOnDestruction::Unknown
                 : RemovalOnDestruction::NotRemoved;
}

RemovalSummary summarizeRemovals(const FunctionDecl *Definition) {
  RemovalSummary Out;
  auto Record = [&](const Expr *Container) {
    if (const ValueDecl *Storage = containerStorageOf(Container)) {
      if (!llvm::is_contained(Out.Removed, Storage))
        Out.Removed.push_back(Storage);
    } else if (const auto *Ref =
                   dyn_cast<DeclRefExpr>(Container->IgnoreParenImpCasts());
               Ref && isa<ParmVarDecl>(Ref->getDecl())) {
      Out.ThroughParameter = true;
    }
    return false;
  };
  RemovalWalker Walker(Record);
  Walker.TraverseStmt(Definition->getBody());
  for (const RemovalWalker::Callee &C : Walker.Callees)
    if (!llvm::is_contained(Out.Runs, C.Function))
      Out.Runs.push_back(C.Function);
  return Out;
}

} // namespace leaklint
