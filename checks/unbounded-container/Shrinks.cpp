//===--- Shrinks.cpp - Where a program-long container may shrink ----------===//
//
// A container is bounded when some code may remove from it: a shrinking
// method, an assignment, a swap, a move, a delete, its address escaping, or
// a call that takes it by non-const reference and may shrink it there.
//
//===----------------------------------------------------------------------===//
#include "UnboundedContainer.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace leaklint {
namespace {

// Does a function shrink what its parameter refers to?
class ParamShrinkFinder : public RecursiveASTVisitor<ParamShrinkFinder> {
public:
  ParamShrinkFinder(const ParmVarDecl *Param, const llvm::StringSet<> &Shrink)
      : Param(Param), Shrink(Shrink) {}

  bool refersToParam(const Expr *E) const {
    const auto *Ref =
        dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
    return Ref && Ref->getDecl() == Param;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (M && M->getDeclName().isIdentifier() && Shrink.contains(M->getName()) &&
        refersToParam(Call->getImplicitObjectArgument()))
      Found = true;
    return !Found;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        refersToParam(Op->getArg(0)))
      Found = true;
    return !Found;
  }
  bool VisitCallExpr(CallExpr *Call) {
    // Passed on again: whatever receives it may shrink it.
    for (const Expr *Arg : Call->arguments())
      if (refersToParam(Arg) && !isa<CXXMemberCallExpr>(Call))
        Found = true;
    return !Found;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() == UO_AddrOf && refersToParam(U->getSubExpr()))
      Found = true;
    return !Found;
  }

  bool Found = false;

private:
  const ParmVarDecl *Param;
  const llvm::StringSet<> &Shrink;
};

} // namespace

void UnboundedContainer::recordShrink(const Expr *Container, bool Direct,
                                      bool Selective) {
  std::optional<Storage> S = storageOf(Container, Direct);
  if (!S)
    return;
  // Whether a member's shrink is only in its own object's destructor is
  // decided at the end of the translation unit, against the destructors
  // seen (a parent map of the whole AST would cost more than the check).
  if (isa<FieldDecl>(S->Decl)) {
    MemberShrinks.push_back({S->Decl, Container, Selective});
    return;
  }
  noteShrinkKind(S->Decl, Container, Selective);
}

void UnboundedContainer::recordObjectReset(const CXXOperatorCallExpr *Assign) {
  // `*this = Stats();`, `Stats::get() = {}`: assigning a whole object of a
  // program class replaces every container it holds by value.
  const CXXRecordDecl *RD =
      Assign->getArg(0)->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || Containers.asContainer(
                                         Assign->getArg(0)->getType()) ||
      Ctx->getSourceManager().isInSystemHeader(RD->getLocation()))
    return;
  SmallVector<const CXXRecordDecl *, 4> Classes = {RD->getDefinition()};
  RD->getDefinition()->forallBases([&](const CXXRecordDecl *Base) {
    Classes.push_back(Base);
    return true;
  });
  for (const CXXRecordDecl *Class : Classes)
    for (const FieldDecl *Field : Class->fields())
      if (Containers.asContainer(Field->getType()))
        noteShrinkKind(Field->getCanonicalDecl(), Assign, /*Selective=*/false);
}

void UnboundedContainer::replayElementShrinks() {
  // What grows inside elements is bounded by a shrink of an element that
  // can run; what grows the container itself (a key per name) is not. An
  // unsubscribe that nothing calls (UncalledShrinks.cpp) bounds nothing,
  // when the growth can run.
  llvm::DenseMap<const ValueDecl *, bool> GrowsInCalledCode;
  auto growsInCalledCode = [&](const ValueDecl *D) {
    auto [It, New] = GrowsInCalledCode.try_emplace(D, false);
    if (New)
      It->second = llvm::any_of(Candidates[D].Growths, [&](const Growth &G) {
        return G.Element && !uncalledFunctionAround(G.Site);
      });
    return It->second;
  };
  llvm::DenseMap<const ValueDecl *, std::pair<const Expr *, const FunctionDecl *>>
      OnlyUncalled;
  llvm::DenseSet<const ValueDecl *> Bounded;
  for (const ElementShrink &E : ElementShrinks) {
    std::optional<Storage> S = storageOf(E.Container, /*Direct=*/false);
    if (!S || !Candidates.count(S->Decl) || Bounded.contains(S->Decl))
      continue;
    if (const FunctionDecl *F = E.Selective && growsInCalledCode(S->Decl)
                                    ? uncalledFunctionAround(E.Container)
                                    : nullptr) {
      OnlyUncalled.try_emplace(S->Decl, E.Container, F);
      continue;
    }
    Bounded.insert(S->Decl);
    llvm::erase_if(Candidates[S->Decl].Growths,
                   [](const Growth &G) { return G.Element; });
  }
  for (const auto &[Decl, Shrink] : OnlyUncalled)
    if (!Bounded.contains(Decl) && !mayShrink(Decl))
      ShrunkOnlyUncalled.try_emplace(Decl, Shrink);
}

void UnboundedContainer::noteShrinkKind(const ValueDecl *D, const Expr *Site,
                                        bool Selective) {
  if (Selective)
    SelectiveShrinks[D].push_back(Site);
  else
    WholesaleShrinks.insert(D);
}

bool UnboundedContainer::shrinksNeverRun(const ValueDecl *D) {
  auto It = SelectiveShrinks.find(D);
  if (WholesaleShrinks.count(D) || It == SelectiveShrinks.end() ||
      It->second.empty())
    return false;
  std::pair<const Expr *, const FunctionDecl *> First = {nullptr, nullptr};
  for (const Expr *Site : It->second) {
    const FunctionDecl *F = uncalledFunctionAround(Site);
    if (!F)
      return false;
    if (!First.first)
      First = {Site, F};
  }
  ShrunkOnlyUncalled[D] = First;
  return true;
}

void UnboundedContainer::resolveMemberShrinks() {
  // A member emptied only in its own object's destructor is not bounded
  // while the object lives: for a program-long object, that is at exit.
  llvm::DenseMap<const CXXRecordDecl *, SmallVector<SourceRange, 1>> Dtors;
  for (const FunctionDecl *F : Functions)
    if (const auto *Dtor = dyn_cast<CXXDestructorDecl>(F); Dtor && F->getBody())
      Dtors[Dtor->getParent()->getCanonicalDecl()].push_back(
          F->getBody()->getSourceRange());
  for (const auto &[Decl, Site, Selective] : MemberShrinks) {
    const auto *Field = cast<FieldDecl>(Decl);
    auto It = Dtors.find(
        cast<CXXRecordDecl>(Field->getParent())->getCanonicalDecl());
    if (It != Dtors.end() && withinAny(Site->getBeginLoc(), It->second))
      EmptiedOnlyAtExit.try_emplace(Decl, Site);
    else
      noteShrinkKind(Decl, Site, Selective);
  }
  MemberShrinks.clear();
}

bool UnboundedContainer::paramMayShrink(const FunctionDecl *F, unsigned Param) {
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def) || Param >= Def->getNumParams())
    return true; // Not visible: assume it may.
  auto [It, New] = ParamShrinks.try_emplace({Def, Param}, true);
  if (!New)
    return It->second;
  ParamShrinkFinder Finder(Def->getParamDecl(Param), ShrinkNames);
  Finder.TraverseStmt(Def->getBody());
  bool Result = Finder.Found;
  ParamShrinks[{Def, Param}] = Result;
  return Result;
}

} // namespace leaklint
