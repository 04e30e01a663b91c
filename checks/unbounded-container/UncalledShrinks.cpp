//===--- UncalledShrinks.cpp - Removals in code that never runs -----------===//
//
// A registry whose `remove()` nobody calls is not bounded by it (a clear
// or other wholesale shrink still counts, called or not: Shrinks.cpp):
//
//   class Registry {                  // defined in this .cpp
//     void add(Widget *W) { Items.push_back(W); }
//     void remove(Widget *W) { std::erase(Items, W); }   // never called
//   };
//
// A shrink counts only when the function around it can run. That is known
// only for a function no other translation unit can call: one with internal
// linkage, or a method of a class defined in the main file. Such a function
// runs when something in this TU names it: a call, its address, a member
// pointer (`&Registry::remove` handed to std::bind), or a dependent name of
// the same spelling in a template. Constructors, destructors, conversions,
// operators and virtual functions run without being named, and count as
// called; so does a shrink in a lambda, which may be stored and run later.
// The TU is read for names once, and only when a container has no shrink
// but in such functions.
//
//===----------------------------------------------------------------------===//
#include "UnboundedContainer.h"
#include "code/SkippedBodies.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace leaklint {
namespace {

// Every function the code outside system headers names, and the spellings
// of the names templates leave unresolved.
class FunctionNames : public RecursiveASTVisitor<FunctionNames> {
public:
  explicit FunctionNames(const SourceManager &SM) : SM(SM) {}
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
      Named.insert(F->getCanonicalDecl());
    return true;
  }
  bool VisitMemberExpr(MemberExpr *Member) {
    if (const auto *F = dyn_cast<FunctionDecl>(Member->getMemberDecl()))
      Named.insert(F->getCanonicalDecl());
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

  llvm::DenseSet<const FunctionDecl *> Named;
  llvm::StringSet<> Spellings;

private:
  const SourceManager &SM;
};

} // namespace

bool UnboundedContainer::onlyThisTUCanCall(const FunctionDecl *F) const {
  if (isa<CXXConstructorDecl, CXXDestructorDecl, CXXConversionDecl>(F) ||
      F->isOverloadedOperator() || F->isMain() || !F->getIdentifier())
    return false;
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  if (Method && (Method->isVirtual() || Method->getParent()->isLambda()))
    return false;
  if (!F->isExternallyVisible())
    return true;
  // A class defined in the main file is this TU's own.
  const SourceManager &SM = Ctx->getSourceManager();
  return Method &&
         SM.isInMainFile(SM.getExpansionLoc(Method->getParent()->getLocation()));
}

const FunctionDecl *
UnboundedContainer::uncalledFunctionAround(const Expr *Site) {
  const FunctionDecl *F = functionAt(Site->getBeginLoc());
  if (!F || !onlyThisTUCanCall(F) || isPartialTraversal(*Ctx))
    return nullptr;
  // A template's member is named through its instantiations and patterns.
  const FunctionDecl *Canonical = F->getCanonicalDecl();
  if (const FunctionDecl *Pattern = F->getTemplateInstantiationPattern())
    Canonical = Pattern->getCanonicalDecl();
  if (!Names) {
    FunctionNames Visitor(Ctx->getSourceManager());
    Visitor.TraverseDecl(Ctx->getTranslationUnitDecl());
    Names.emplace();
    Names->Named = std::move(Visitor.Named);
    Names->Spellings = std::move(Visitor.Spellings);
  }
  auto IsNamed = [&](const FunctionDecl *G) {
    return Names->Named.contains(G->getCanonicalDecl());
  };
  if (IsNamed(F) || IsNamed(Canonical) ||
      Names->Spellings.contains(F->getName()))
    return nullptr;
  // An instantiation named anywhere names its pattern's code too.
  if (const FunctionTemplateDecl *T = Canonical->getDescribedFunctionTemplate())
    for (const FunctionDecl *Spec : T->specializations())
      if (IsNamed(Spec))
        return nullptr;
  return F;
}

} // namespace leaklint
