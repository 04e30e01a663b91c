//===--- UncalledFunctions.cpp - Functions nothing in the TU runs ---------===//
#include "code/UncalledFunctions.h"
#include "code/SkippedBodies.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace leaklint {
namespace {

// Every function the code outside system headers names, by origin(), and
// the spellings of the names templates leave unresolved.
class FunctionNames : public RecursiveASTVisitor<FunctionNames> {
public:
  FunctionNames(const SourceManager &SM, llvm::DenseSet<const FunctionDecl *> &Named,
                llvm::StringSet<> &Spellings)
      : SM(SM), Named(Named), Spellings(Spellings) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *F = dyn_cast<FunctionDecl>(Ref->getDecl()))
      Named.insert(UncalledFunctions::origin(F));
    return true;
  }
  bool VisitMemberExpr(MemberExpr *Member) {
    if (const auto *F = dyn_cast<FunctionDecl>(Member->getMemberDecl()))
      Named.insert(UncalledFunctions::origin(F));
    return true;
  }
  bool VisitOverloadExpr(OverloadExpr *E) {
    if (E->getName().isIdentifier())
      Spellings.insert(E->getName().getAsIdentifierInfo()->getName());
    return true;
  }
  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E) {
    if (E->getMember().isIdentifier())
      Spellings.insert(E->getMember().getAsIdentifierInfo()->getName());
    return true;
  }
  bool VisitDependentScopeDeclRefExpr(DependentScopeDeclRefExpr *E) {
    if (E->getDeclName().isIdentifier())
      Spellings.insert(E->getDeclName().getAsIdentifierInfo()->getName());
    return true;
  }

private:
  const SourceManager &SM;
  llvm::DenseSet<const FunctionDecl *> &Named;
  llvm::StringSet<> &Spellings;
};


} // namespace

const FunctionDecl *UncalledFunctions::origin(const FunctionDecl *F) {
  if (const FunctionDecl *Pattern = F->getTemplateInstantiationPattern())
    F = Pattern;
  return F->getCanonicalDecl();
}

bool UncalledFunctions::onlyThisTUCanCall(const FunctionDecl *F) {
  if (isa<CXXConstructorDecl, CXXDestructorDecl, CXXConversionDecl>(F) ||
      F->isOverloadedOperator() || F->isMain() || !F->getIdentifier())
    return false;
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  if (Method && (Method->isVirtual() || Method->getParent()->isLambda()))
    return false;
  if (!F->isExternallyVisible())
    return true;
  // A class defined in the main file is this TU's own.
  const SourceManager &SM = F->getASTContext().getSourceManager();
  return Method && SM.isInMainFile(
                      SM.getExpansionLoc(Method->getParent()->getLocation()));
}

bool UncalledFunctions::isUncalled(const FunctionDecl *F) {
  ASTContext &Ctx = F->getASTContext();
  if (!onlyThisTUCanCall(F) || isPartialTraversal(Ctx))
    return false;
  if (!Names) {
    Names.emplace();
    FunctionNames(Ctx.getSourceManager(), Names->Named, Names->Spellings)
        .TraverseDecl(Ctx.getTranslationUnitDecl());
  }
  return !Names->Named.contains(origin(F)) &&
         !Names->Spellings.contains(F->getName());
}

} // namespace leaklint
