//===--- StaticOnlyObjects.cpp - Classes whose objects all live until exit ===//
#include "StaticOnlyObjects.h"
#include "Compat.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace leaklint {
namespace {

class CreationCounter : public RecursiveASTVisitor<CreationCounter> {
public:
  CreationCounter(
      const SourceManager &SM,
      llvm::DenseMap<const CXXRecordDecl *, StaticOnlyObjects::Count> &Out)
      : SM(SM), Out(Out) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  // The program's objects are made in the program's code: what a system
  // header makes of a user class (`make_shared<T>`, `vector<T>`) shows in
  // the type the program names, which created() reads. Not walking system
  // headers also keeps them unread when they come from a PCH or a clangd
  // preamble: walking would deserialize all of them.
  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitVarDecl(VarDecl *VD) {
    if (VD->getType()->isReferenceType())
      return true;
    created(VD->getType(), VD->hasGlobalStorage() && !isa<ParmVarDecl>(VD));
    return true;
  }
  bool VisitFieldDecl(FieldDecl *FD) {
    created(FD->getType(), false);
    return true;
  }
  bool VisitCXXNewExpr(CXXNewExpr *E) {
    created(E->getAllocatedType(), false);
    return true;
  }
  bool VisitMaterializeTemporaryExpr(MaterializeTemporaryExpr *E) {
    created(E->getType(), false);
    return true;
  }
  bool VisitCXXTemporaryObjectExpr(CXXTemporaryObjectExpr *E) {
    created(E->getType(), false);
    return true;
  }
  bool VisitCXXBindTemporaryExpr(CXXBindTemporaryExpr *E) {
    created(E->getType(), false);
    return true;
  }

private:
  // An object of \p T: of its class, that class's bases, and -- for a
  // template specialization holding classes by value (`std::optional<T>`,
  // `std::array<T, 4>`) -- of those classes too.
  void created(QualType T, bool Static, unsigned Depth = 0) {
    if (T.isNull() || Depth > 4)
      return;
    while (const ArrayType *A = T->getAsArrayTypeUnsafe())
      T = A->getElementType();
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (!RD || !RD->hasDefinition())
      return;
    RD = RD->getDefinition();
    count(RD, Static);
    RD->forallBases([&](const CXXRecordDecl *Base) {
      count(Base, Static);
      return true;
    });
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
        if (Arg.getKind() == TemplateArgument::Type)
          created(Arg.getAsType(), false, Depth + 1);
  }
  void count(const CXXRecordDecl *RD, bool Static) {
    StaticOnlyObjects::Count &C = Out[RD->getCanonicalDecl()];
    ++(Static ? C.Static : C.Other);
  }

  const SourceManager &SM;
  llvm::DenseMap<const CXXRecordDecl *, StaticOnlyObjects::Count> &Out;
};

} // namespace

bool StaticOnlyObjects::isStaticOnly(const CXXRecordDecl *Class,
                                     ASTContext &Ctx) {
  if (!Counts) {
    Counts.emplace();
    CreationCounter(Ctx.getSourceManager(), *Counts).TraverseAST(Ctx);
  }
  auto It = Counts->find(Class->getCanonicalDecl());
  return It != Counts->end() && It->second.Static > 0 &&
         It->second.Other == 0;
}

} // namespace leaklint
