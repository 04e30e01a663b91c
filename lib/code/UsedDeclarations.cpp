//===--- UsedDeclarations.cpp - What part of a TU reaches elsewhere -------===//
#include "code/UsedDeclarations.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace leaklint {
namespace {

// The declaration a traversal scope would list for \p D: the outermost one
// below the namespaces that holds it, and for an instantiation, its
// template.
Decl *topLevel(Decl *D) {
  while (true) {
    if (auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D))
      if (!Spec->isExplicitSpecialization() &&
          !isa<ClassTemplatePartialSpecializationDecl>(Spec)) {
        D = Spec->getSpecializedTemplate();
        continue;
      }
    if (auto *F = dyn_cast<FunctionDecl>(D)) {
      if (FunctionTemplateDecl *Primary = F->getPrimaryTemplate()) {
        D = Primary;
        continue;
      }
      if (FunctionDecl *Pattern = F->getTemplateInstantiationPattern();
          Pattern && Pattern != F) {
        D = Pattern;
        continue;
      }
      if (FunctionTemplateDecl *Described = F->getDescribedFunctionTemplate())
        D = Described;
    }
    if (auto *RD = dyn_cast<CXXRecordDecl>(D)) {
      if (CXXRecordDecl *Pattern = RD->getTemplateInstantiationPattern();
          Pattern && Pattern != RD) {
        D = Pattern;
        continue;
      }
      if (ClassTemplateDecl *Described = RD->getDescribedClassTemplate())
        D = Described;
    }
    DeclContext *Parent = D->getLexicalDeclContext();
    if (!Parent || Parent->isFileContext() || isa<LinkageSpecDecl>(Parent) ||
        isa<ExportDecl>(Parent))
      return D;
    D = cast<Decl>(Parent);
  }
}

class UsesCollector : public RecursiveASTVisitor<UsesCollector> {
public:
  UsesCollector(ASTContext &Ctx, llvm::ArrayRef<Decl *> Scope,
                std::vector<Decl *> &Out)
      : SM(Ctx.getSourceManager()), Out(Out) {
    Seen.insert(Scope.begin(), Scope.end());
  }

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  void run(llvm::ArrayRef<Decl *> Scope) {
    for (Decl *D : Scope)
      TraverseDecl(D);
    // Out grows while it is visited: each new declaration's uses in turn.
    for (size_t I = 0; I < Out.size(); ++I)
      TraverseDecl(Out[I]);
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    add(E->getDecl());
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    add(E->getMemberDecl());
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    add(E->getConstructor());
    return true;
  }
  bool VisitCallExpr(CallExpr *E) {
    if (Decl *Callee = E->getCalleeDecl())
      add(Callee);
    addType(E->getType());
    return true;
  }
  bool VisitValueDecl(ValueDecl *D) {
    addType(D->getType());
    return true;
  }
  bool VisitCXXRecordDecl(CXXRecordDecl *RD) {
    if (!RD->hasDefinition())
      return true;
    RD = RD->getDefinition();
    for (const CXXBaseSpecifier &Base : RD->bases())
      addType(Base.getType());
    // Members defined out of line (a destructor that erases `this`) are
    // part of the class's behaviour, used or not.
    for (CXXMethodDecl *M : RD->methods()) {
      const FunctionDecl *Definition = nullptr;
      if (M->hasBody(Definition) &&
          Definition->getLexicalDeclContext() != Definition->getDeclContext())
        add(const_cast<FunctionDecl *>(Definition));
    }
    return true;
  }

private:
  void add(Decl *D) {
    if (!D || isa<ParmVarDecl>(D) || isa<EnumConstantDecl>(D))
      return;
    if (auto *V = dyn_cast<VarDecl>(D); V && V->isLocalVarDecl())
      return;
    if (auto *F = dyn_cast<FunctionDecl>(D)) {
      const FunctionDecl *Definition = nullptr;
      if (F->hasBody(Definition))
        D = const_cast<FunctionDecl *>(Definition);
    }
    if (auto *Field = dyn_cast<FieldDecl>(D))
      D = cast<Decl>(Field->getParent());
    if (auto *Method = dyn_cast<CXXMethodDecl>(D))
      add(Method->getParent());
    if (auto *RD = dyn_cast<CXXRecordDecl>(D); RD && RD->hasDefinition())
      D = RD->getDefinition();
    Decl *Top = topLevel(D);
    if (!Seen.insert(Top).second)
      return;
    SourceLocation Loc = Top->getLocation();
    if (Loc.isInvalid() || SM.isInSystemHeader(Loc) ||
        SM.isInMainFile(SM.getExpansionLoc(Loc)))
      return;
    Out.push_back(Top);
  }

  void addType(QualType T, unsigned Depth = 0) {
    if (T.isNull() || Depth > 8)
      return;
    const Type *Canonical = T.getCanonicalType().getTypePtr();
    if (!SeenTypes.insert(Canonical).second)
      return;
    if (const auto *Pointer = dyn_cast<PointerType>(Canonical))
      return addType(Pointer->getPointeeType(), Depth + 1);
    if (const auto *Ref = dyn_cast<ReferenceType>(Canonical))
      return addType(Ref->getPointeeType(), Depth + 1);
    if (const auto *Member = dyn_cast<MemberPointerType>(Canonical))
      return addType(Member->getPointeeType(), Depth + 1);
    if (const auto *Array = dyn_cast<ArrayType>(Canonical))
      return addType(Array->getElementType(), Depth + 1);
    if (const auto *Proto = dyn_cast<FunctionProtoType>(Canonical)) {
      addType(Proto->getReturnType(), Depth + 1);
      for (QualType Param : Proto->getParamTypes())
        addType(Param, Depth + 1);
      return;
    }
    CXXRecordDecl *RD = Canonical->getAsCXXRecordDecl();
    if (!RD)
      return;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
        if (Arg.getKind() == TemplateArgument::Type)
          addType(Arg.getAsType(), Depth + 1);
    add(RD);
  }

  const SourceManager &SM;
  std::vector<Decl *> &Out;
  llvm::DenseSet<const Decl *> Seen;
  llvm::DenseSet<const Type *> SeenTypes;
};

} // namespace

bool isPartialTraversal(const ASTContext &Ctx) {
  std::vector<Decl *> Scope = Ctx.getTraversalScope();
  return !(Scope.size() == 1 && isa<TranslationUnitDecl>(Scope.front()));
}

std::vector<Decl *> usedDeclarations(ASTContext &Ctx) {
  std::vector<Decl *> Scope = Ctx.getTraversalScope();
  std::vector<Decl *> Used;
  UsesCollector(Ctx, Scope, Used).run(Scope);
  return Used;
}

} // namespace leaklint
