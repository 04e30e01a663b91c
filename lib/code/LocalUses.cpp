//===--- LocalUses.cpp - How a function body uses one variable ------------===//
#include "LocalUses.h"
#include "Compat.h"
#include "LibraryFunctions.h"
#include "PairParts.h"
#include "identity/InstanceSource.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
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
      if (!Nesting && erasesOnScopeExit(VD))
        RemovalsOfThis.push_back(VD->getInit());
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
      // `pop_back()` after `push_back(this)` in one body is a stack of the
      // objects being worked on; `erase(it)` of an iterator to the entry of
      // `this` removes it as `erase(this)` does.
      if (M->getName().starts_with("pop_") ||
          llvm::any_of(Call->arguments(),
                       [&](const Expr *A) { return entryOfThis(A, 0); }))
        RemovalsOfThis.push_back(Call);
    } else if (isGrowth(M->getName()) && carriesThis(Call->arguments())) {
      storeOfThis(Call);
    }
    return true;
  }

  /// Keeps the removals of the object's entry that follow its first store
  /// in the body: a guard takes out what it put in, while an erase before
  /// the store (a cache refreshing its entry) leaves one behind.
  void finish(const SourceManager &SM) {
    for (const Expr *Removal : RemovalsOfThis)
      if (Out.StoresOfThisAt.empty() ||
          !SM.isBeforeInTranslationUnit(
              SM.getExpansionLoc(Removal->getBeginLoc()),
              SM.getExpansionLoc(Out.StoresOfThisAt.front()->getBeginLoc())))
        Out.RemovalsOfThisAt.push_back(Removal);
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (Call->getNumArgs() == 0 || !isVar(referencedVar(Call->getArg(0))))
      return true;
    if (Call->getOperator() == OO_Subscript && Call->getNumArgs() == 2 &&
        findInstanceSource(Call->getArg(1))) {
      ++Out.KeyedByThis;
      storeOfThis(Call);
    }
    if (Call->getOperator() == OO_Call)
      ++Out.Calls;
    return true;
  }

private:
  const VarDecl *Var;
  LocalUses &Out;
  unsigned Nesting = 0;
  SmallVector<const Expr *, 2> RemovalsOfThis;

  void storeOfThis(const Expr *Store) { Out.StoresOfThisAt.push_back(Store); }
  static bool isGrowth(StringRef Method) {
    return llvm::is_contained({"push_back", "emplace_back", "push_front",
                               "emplace_front", "insert", "emplace",
                               "emplace_hint", "try_emplace",
                               "insert_or_assign", "push"},
                              Method);
  }

  // Instantiated and pattern bodies declare different VarDecls for the same
  // source variable; they share its location.
  bool isVar(const Decl *D) const {
    return D && (D == Var ||
                 (isa<VarDecl>(D) && D->getLocation() == Var->getLocation()));
  }
  // `this`, or where the variable keeps it: `visiting.find(this)`, the
  // `.first` of `visiting.insert(this)`, and locals initialised from those
  // (structured bindings included).
  bool entryOfThis(const Expr *E, unsigned Depth) const {
    if (!E || Depth > 4)
      return false;
    E = E->IgnoreParenImpCasts();
    if (findInstanceSource(E))
      return true;
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      return entryOfThis(Member->getBase(), Depth + 1);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
      return Construct->getNumArgs() == 1 &&
             entryOfThis(Construct->getArg(0), Depth + 1);
    if (const auto *Tmp = dyn_cast<MaterializeTemporaryExpr>(E))
      return entryOfThis(Tmp->getSubExpr(), Depth + 1);
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
      return isVar(referencedVar(Call->getImplicitObjectArgument())) &&
             carriesThis(Call->arguments());
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      // `auto [It, Inserted] = visiting.insert(this);`: `It` is `.first`.
      if (std::optional<PairPart> Part = pairPart(Ref); Part && !Part->Index)
        return entryOfThis(Part->Pair, Depth + 1);
      const auto *Local = dyn_cast<VarDecl>(Ref->getDecl());
      return Local && Local->isLocalVarDecl() && !isVar(Local) &&
             entryOfThis(Local->getInit(), Depth + 1);
    }
    return false;
  }

  // `EraseOnExit Guard{Visiting, this};`: a local of a class defined
  // anywhere, made from the variable and the object, whose destructor
  // takes an entry out of a container it holds. Its destructor runs on
  // every way out that passes the declaration, as a scope guard's does.
  bool erasesOnScopeExit(const VarDecl *VD) const {
    if (!VD->hasLocalStorage() || VD->getType()->isReferenceType() ||
        !VD->getInit())
      return false;
    const CXXRecordDecl *Guard = VD->getType()->getAsCXXRecordDecl();
    const CXXDestructorDecl *Dtor =
        Guard && Guard->hasDefinition() ? Guard->getDefinition()->getDestructor()
                                        : nullptr;
    const FunctionDecl *DtorDef = nullptr;
    if (!Dtor || !Dtor->hasBody(DtorDef) || Guard->isLambda())
      return false;
    SmallVector<const Expr *, 4> Args;
    const Expr *Init = VD->getInit()->IgnoreImplicit();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init))
      Args.append(Construct->arg_begin(), Construct->arg_end());
    else if (const auto *List = dyn_cast<InitListExpr>(Init))
      Args.append(List->inits().begin(), List->inits().end());
    else if (const auto *Paren = dyn_cast<CXXParenListInitExpr>(Init))
      Args.append(Paren->getInitExprs().begin(), Paren->getInitExprs().end());
    bool NamesVar = llvm::any_of(Args, [&](const Expr *A) {
      const auto *Addr = dyn_cast<UnaryOperator>(A->IgnoreParenImpCasts());
      return isVar(referencedVar(A)) ||
             (Addr && Addr->getOpcode() == UO_AddrOf &&
              isVar(referencedVar(Addr->getSubExpr())));
    });
    if (!NamesVar || !carriesThis(Args))
      return false;
    // The destructor removes from a container its object holds.
    struct RemovalFinder : RecursiveASTVisitor<RemovalFinder> {
      bool Found = false;
      bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
        const CXXMethodDecl *M = Call->getMethodDecl();
        const Expr *Object = Call->getImplicitObjectArgument();
        if (M && M->getDeclName().isIdentifier() &&
            isRemovalMethod(M->getName()) && Object)
          if (const auto *Member =
                  dyn_cast<MemberExpr>(Object->IgnoreParenImpCasts()))
            Found |= isa<CXXThisExpr>(
                Member->getBase()->IgnoreParenImpCasts());
        return !Found;
      }
    } Finder;
    Finder.TraverseStmt(DtorDef->getBody());
    return Finder.Found;
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
  if (Body) {
    UseCollector Collector(Var, Out);
    Collector.TraverseStmt(const_cast<Stmt *>(Body));
    Collector.finish(Var->getASTContext().getSourceManager());
  }
  return Out;
}

} // namespace leaklint
