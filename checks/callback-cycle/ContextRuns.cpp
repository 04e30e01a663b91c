//===--- ContextRuns.cpp - Owned event loops run until they are idle ------===//
#include "ContextRuns.h"
#include "ownership/ContainerTypes.h"
#include "ownership/ExecutionContexts.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace leaklint {
namespace {

// asio's and boost::asio's guards that keep run() from returning, also
// held through a unique_ptr or an optional.
bool isWorkGuard(QualType T, unsigned Depth = 0) {
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return false;
  StringRef Name = RD->getName();
  std::string Qualified = qualifiedName(RD);
  if ((StringRef(Qualified).starts_with("asio::") ||
       StringRef(Qualified).starts_with("boost::asio::")) &&
      (Name == "executor_work_guard" || Name == "work"))
    return true;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
  return Spec && Depth < 2 && Spec->getTemplateArgs().size() >= 1 &&
         Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
         isWorkGuard(Spec->getTemplateArgs()[0].getAsType(), Depth + 1);
}

class Calls : public RecursiveASTVisitor<Calls> {
public:
  Calls(const FunctionDecl *F,
        llvm::DenseMap<const FieldDecl *, StorageReset> &Runs,
        llvm::DenseSet<const FieldDecl *> &Stopped)
      : F(F), Runs(Runs), Stopped(Stopped) {}
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    const auto *Member = dyn_cast<MemberExpr>(
        Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
    const auto *Field =
        Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
    if (!M || !M->getIdentifier() || !Field ||
        !isOwnedExecutionContextType(Field->getType()))
      return true;
    if (M->getName() == "stop")
      Stopped.insert(StorageResets::key(Field));
    // Run from the object's own code, not from a callable it hands to a
    // thread or a loop.
    else if (M->getName() == "run" && Lambdas == 0 &&
             isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      Runs.try_emplace(StorageResets::key(Field),
                       StorageReset{Call->getBeginLoc(), F});
    return true;
  }
  bool TraverseLambdaExpr(LambdaExpr *L) {
    ++Lambdas;
    bool Result = RecursiveASTVisitor::TraverseLambdaExpr(L);
    --Lambdas;
    return Result;
  }

private:
  const FunctionDecl *F;
  llvm::DenseMap<const FieldDecl *, StorageReset> &Runs;
  llvm::DenseSet<const FieldDecl *> &Stopped;
  unsigned Lambdas = 0;
};

} // namespace

const ContextRuns::Owner &ContextRuns::owner(const CXXRecordDecl *Class) {
  auto [It, New] = Owners.try_emplace(Class);
  if (New && Class->hasDefinition())
    for (const FieldDecl *Field : Class->getDefinition()->fields()) {
      It->second.OwnsContext |= isOwnedExecutionContextType(Field->getType());
      It->second.HoldsWorkGuard |= isWorkGuard(Field->getType());
    }
  return It->second;
}

void ContextRuns::collect(const FunctionDecl *F) {
  const auto *M = dyn_cast<CXXMethodDecl>(F);
  if (!M || !F->getBody() || !owner(M->getParent()).OwnsContext)
    return;
  Calls(F, Runs, Stopped).TraverseStmt(F->getBody());
}

const StorageReset *ContextRuns::runUntilIdle(const FieldDecl *Context) const {
  const FieldDecl *Key = StorageResets::key(Context);
  auto It = Runs.find(Key);
  // A public context may be stopped by code outside the class.
  if (It == Runs.end() || Stopped.contains(Key) ||
      Context->getAccess() == AS_public)
    return nullptr;
  auto Class = Owners.find(cast<CXXRecordDecl>(Context->getParent()));
  return Class == Owners.end() || Class->second.HoldsWorkGuard ? nullptr
                                                               : &It->second;
}

} // namespace leaklint
