//===--- FunctionUses.cpp - Where the TU calls and names its functions ----===//
#include "code/FunctionUses.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace leaklint {
namespace {

class UseCollector : public RecursiveASTVisitor<UseCollector> {
public:
  UseCollector(const SourceManager &SM, FunctionUses &Uses)
      : SM(SM), Uses(Uses) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(D->getLocation()))
      return true;
    const FunctionDecl *Outer = Current;
    if (const auto *F = dyn_cast_or_null<FunctionDecl>(D))
      Current = FunctionUses::origin(F);
    bool Result = RecursiveASTVisitor::TraverseDecl(D);
    Current = Outer;
    return Result;
  }
  // A call is visited before its callee expression.
  bool VisitCallExpr(CallExpr *Call) {
    if (const FunctionDecl *F = Call->getDirectCallee()) {
      Uses.Calls[FunctionUses::origin(F)].push_back(Call);
      Callees.insert(Call->getCallee()->IgnoreParenImpCasts());
    }
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    named(Ref, Ref->getDecl());
    return true;
  }
  bool VisitMemberExpr(MemberExpr *Member) {
    named(Member, Member->getMemberDecl());
    return true;
  }
  bool VisitOverloadExpr(OverloadExpr *E) {
    spelled(E->getName());
    return true;
  }
  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E) {
    spelled(E->getMember());
    return true;
  }
  bool VisitDependentScopeDeclRefExpr(DependentScopeDeclRefExpr *E) {
    spelled(E->getDeclName());
    return true;
  }

private:
  void named(const Expr *E, const Decl *D) {
    const auto *F = dyn_cast<FunctionDecl>(D);
    if (!F)
      return;
    Uses.Named.insert(FunctionUses::origin(F));
    if (!Callees.contains(E))
      Uses.Escaped.insert(FunctionUses::origin(F));
  }
  // A name spelled in one function only is kept with it: `handlers_.clear()`
  // in a template's own clear() does not call that clear().
  void spelled(DeclarationName Name) {
    if (!Name.isIdentifier())
      return;
    auto [It, New] = Uses.Spellings.try_emplace(
        Name.getAsIdentifierInfo()->getName(), Current);
    if (!New && It->second != Current)
      It->second = nullptr;
  }

  const SourceManager &SM;
  FunctionUses &Uses;
  llvm::DenseSet<const Expr *> Callees;
  /// The function being read (its origin), or null outside any.
  const FunctionDecl *Current = nullptr;
};

} // namespace

const FunctionDecl *FunctionUses::origin(const FunctionDecl *F) {
  if (const FunctionDecl *Pattern = F->getTemplateInstantiationPattern())
    F = Pattern;
  return F->getCanonicalDecl();
}

const FunctionDecl *FunctionUses::holding(const Stmt *S, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*S);
  for (unsigned Depth = 0; Depth < 64; ++Depth) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    Node = Parents[0];
    if (const auto *F = Node.get<FunctionDecl>())
      return F;
    if (const auto *Lambda = Node.get<LambdaExpr>())
      return Lambda->getCallOperator();
  }
  return nullptr;
}

FunctionUses FunctionUses::read(ASTContext &Ctx) {
  FunctionUses Uses;
  UseCollector(Ctx.getSourceManager(), Uses)
      .TraverseDecl(Ctx.getTranslationUnitDecl());
  return Uses;
}

} // namespace leaklint
