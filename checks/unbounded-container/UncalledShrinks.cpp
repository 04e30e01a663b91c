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

// Every function the code outside system headers names, by origin(), and
// the spellings of the names templates leave unresolved.
class UnboundedContainer::FunctionNames
    : public RecursiveASTVisitor<FunctionNames> {
public:
  FunctionNames(const SourceManager &SM, NamedFunctions &Out)
      : SM(SM), Out(Out) {}
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
      Out.Named.insert(origin(F));
    return true;
  }
  bool VisitMemberExpr(MemberExpr *Member) {
    if (const auto *F = dyn_cast<FunctionDecl>(Member->getMemberDecl()))
      Out.Named.insert(origin(F));
    return true;
  }
  bool VisitOverloadExpr(OverloadExpr *E) {
    if (E->getName().isIdentifier())
      Out.Spellings.insert(E->getName().getAsIdentifierInfo()->getName());
    return true;
  }
  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E) {
    if (E->getMember().isIdentifier())
      Out.Spellings.insert(E->getMember().getAsIdentifierInfo()->getName());
    return true;
  }
  bool VisitDependentScopeDeclRefExpr(DependentScopeDeclRefExpr *E) {
    if (E->getDeclName().isIdentifier())
      Out.Spellings.insert(E->getDeclName().getAsIdentifierInfo()->getName());
    return true;
  }

private:
  const SourceManager &SM;
  NamedFunctions &Out;
};

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
  return Method && SM.isInMainFile(
                      SM.getExpansionLoc(Method->getParent()->getLocation()));
}

const FunctionDecl *
UnboundedContainer::uncalledFunctionAround(const Expr *Site) {
  const FunctionDecl *F = functionAt(Site->getBeginLoc());
  if (!F || !onlyThisTUCanCall(F) || isPartialTraversal(*Ctx))
    return nullptr;
  // Called directly (recordCall() saw every call): named, no need to read
  // the TU.
  const FunctionDecl *Origin = origin(F);
  if (CallSites.count(Origin))
    return nullptr;
  if (!Names) {
    Names.emplace();
    FunctionNames(Ctx->getSourceManager(), *Names)
        .TraverseDecl(Ctx->getTranslationUnitDecl());
  }
  if (Names->Named.contains(Origin) || Names->Spellings.contains(F->getName()))
    return nullptr;
  return F;
}

} // namespace leaklint
