//===--- LocalUses.cpp - How a function body uses one variable ------------===//
#include "LocalUses.h"
#include "Compat.h"
#include "LibraryFunctions.h"
#include "identity/InstanceSource.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {
namespace {

bool isKeyedAccess(StringRef Method) {
  return llvm::is_contained({"find", "count", "contains", "at", "erase",
                             "insert", "emplace", "emplace_hint", "try_emplace",
                             "insert_or_assign", "equal_range", "lower_bound",
                             "upper_bound"},
                            Method);
}

bool isEndIterator(StringRef Method) {
  return Method == "end" || Method == "cend";
}

const VarDecl *referencedVar(const Expr *E) {
  if (const auto *Ref =
          dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr))
    return dyn_cast<VarDecl>(Ref->getDecl());
  return nullptr;
}

// Everything the rewrite needs to know about one method body.
class UseCollector : public RecursiveASTVisitor<UseCollector> {
public:
  UseCollector(const VarDecl *Var, LocalUses &Out) : Var(Var), Out(Out) {}

  bool shouldVisitLambdaExpressions() const { return true; }

  bool TraverseLambdaExpr(LambdaExpr *L) {
    ++Nesting;
    bool Result = RecursiveASTVisitor::TraverseLambdaExpr(L);
    --Nesting;
    return Result;
  }

  bool TraverseCXXRecordDecl(CXXRecordDecl *RD) {
    ++Nesting;
    bool Result = RecursiveASTVisitor::TraverseCXXRecordDecl(RD);
    --Nesting;
    return Result;
  }

  bool VisitUsingDirectiveDecl(UsingDirectiveDecl *) {
    Out.HasUsing = true;
    return true;
  }
  bool VisitUsingDecl(UsingDecl *) {
    Out.HasUsing = true;
    return true;
  }
  bool VisitNamespaceAliasDecl(NamespaceAliasDecl *) {
    Out.HasUsing = true;
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (isStdErase(Call->getDirectCallee()) && Call->getNumArgs() > 0 &&
        isVar(referencedVar(Call->getArg(0))))
      ++Out.Removals;
    return true;
  }

  bool VisitDeclStmt(DeclStmt *S) {
    for (const Decl *D : S->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD)
        continue;
      if (isVar(VD))
        Out.Declaration = S;
      else if (VD->getDeclName().isIdentifier())
        Out.OtherNames.insert(VD->getName());
    }
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (isVar(E->getDecl())) {
      Out.Refs.push_back(E);
      if (Nesting)
        ++Out.RefsInNestedCallables;
    }
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (!M || !M->getDeclName().isIdentifier() ||
        !isVar(referencedVar(Call->getImplicitObjectArgument())))
      return true;
    if (isEndIterator(M->getName()) ||
        (isKeyedAccess(M->getName()) && carriesThis(Call->arguments())))
      ++Out.KeyedByThis;
    if (isRemovalMethod(M->getName())) {
      ++Out.Removals;
      if (carriesThis(Call->arguments()))
        ++Out.RemovalsOfThis;
    }
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (Call->getNumArgs() == 0 || !isVar(referencedVar(Call->getArg(0))))
      return true;
    if (Call->getOperator() == OO_Subscript && Call->getNumArgs() == 2 &&
        findInstanceSource(Call->getArg(1)))
      ++Out.KeyedByThis;
    if (Call->getOperator() == OO_Call)
      ++Out.Calls;
    return true;
  }

private:
  const VarDecl *Var;
  LocalUses &Out;
  unsigned Nesting = 0;

  // Instantiated and pattern bodies declare different VarDecls for the same
  // source variable; they share its location.
  bool isVar(const Decl *D) const {
    return D && (D == Var ||
                 (isa<VarDecl>(D) && D->getLocation() == Var->getLocation()));
  }
  template <typename Range> static bool carriesThis(Range Args) {
    for (const Expr *A : Args)
      if (findInstanceSource(A))
        return true;
    return false;
  }
};

} // namespace

bool isStdErase(const FunctionDecl *FD) {
  return isStdFunction(FD, {"erase", "erase_if"});
}

bool isRemovalMethod(StringRef Name) {
  return llvm::is_contained({"erase", "remove", "remove_if", "extract", "clear",
                             "pop_back", "pop_front", "erase_after"},
                            Name);
}

LocalUses collectLocalUses(const VarDecl *Var, const Stmt *Body) {
  LocalUses Out;
  if (Body)
    UseCollector(Var, Out).TraverseStmt(const_cast<Stmt *>(Body));
  return Out;
}

} // namespace leaklint
