//===--- UncalledFunctions.cpp - Functions nothing in the TU runs ---------===//
#include "code/UncalledFunctions.h"
#include "code/SkippedBodies.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringMap.h"

using namespace clang;

namespace leaklint {
namespace {

// Every function the code outside system headers names, by origin(), and
// the spellings of the names templates leave unresolved.
class FunctionNames : public RecursiveASTVisitor<FunctionNames> {
public:
  FunctionNames(const SourceManager &SM,
                llvm::DenseSet<const FunctionDecl *> &Named,
                llvm::StringMap<const FunctionDecl *> &Spellings)
      : SM(SM), Named(Named), Spellings(Spellings) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(D->getLocation()))
      return true;
    const FunctionDecl *Outer = Current;
    if (const auto *F = dyn_cast_or_null<FunctionDecl>(D))
      Current = UncalledFunctions::origin(F);
    bool Result = RecursiveASTVisitor::TraverseDecl(D);
    Current = Outer;
    return Result;
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
      spelled(E->getName().getAsIdentifierInfo()->getName());
    return true;
  }
  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E) {
    if (E->getMember().isIdentifier())
      spelled(E->getMember().getAsIdentifierInfo()->getName());
    return true;
  }
  bool VisitDependentScopeDeclRefExpr(DependentScopeDeclRefExpr *E) {
    if (E->getDeclName().isIdentifier())
      spelled(E->getDeclName().getAsIdentifierInfo()->getName());
    return true;
  }

private:
  // A name spelled in one function only is kept with it: `handlers_.clear()`
  // in a template's own clear() does not call that clear().
  void spelled(StringRef Name) {
    auto [It, New] = Spellings.try_emplace(Name, Current);
    if (!New && It->second != Current)
      It->second = nullptr;
  }

  const SourceManager &SM;
  llvm::DenseSet<const FunctionDecl *> &Named;
  llvm::StringMap<const FunctionDecl *> &Spellings;
  /// The function being read (its origin), or null outside any.
  const FunctionDecl *Current = nullptr;
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
  if (Names->Named.contains(origin(F)))
    return false;
  // A name templates leave unresolved may call it, unless it is spelled
  // only inside the function itself.
  auto Spelled = Names->Spellings.find(F->getName());
  return Spelled == Names->Spellings.end() || Spelled->second == origin(F);
}

bool UncalledFunctions::definesMain(const ASTContext &Ctx) {
  if (!HasMain) {
    HasMain = false;
    for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (const auto *F = dyn_cast<FunctionDecl>(D);
          F && F->isMain() && F->doesThisDeclarationHaveABody()) {
        HasMain = true;
        break;
      }
  }
  return *HasMain;
}

} // namespace leaklint
