//===--- LocalValues.cpp - Which assignment a use of a local reads --------===//
#include "ownership/LocalValues.h"
#include "code/LibraryFunctions.h"
#include "ownership/ObjectNames.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace leaklint {
namespace {

// The locals a body changes after declaring them: assigned, reset, swapped,
// passed by non-const reference, or having their address taken.
class ReassignedLocals : public RecursiveASTVisitor<ReassignedLocals> {
public:
  static const VarDecl *local(const Expr *E) {
    const auto *Ref =
        dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return VD && !VD->hasGlobalStorage() ? VD->getCanonicalDecl() : nullptr;
  }
  // \p Write changes the local \p E names. A reference is never re-seated:
  // a write through it changes the object it is bound to, which it goes on
  // naming (`GroupState &s = groups_[id]; update(s);`).
  void add(const Expr *E, const Stmt *Write) {
    if (const VarDecl *VD = local(E); VD && !VD->getType()->isReferenceType()) {
      Set.insert(VD);
      Writes[Write].push_back(VD);
    }
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->isAssignmentOp() && Op->getNumArgs() > 0) {
      add(Op->getArg(0), Op);
      fieldWritten(Op->getArg(0));
    }
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp()) {
      add(B->getLHS(), B);
      fieldWritten(B->getLHS());
    }
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() == UO_AddrOf)
      add(U->getSubExpr(), U);
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      if (const CXXMethodDecl *M = Member->getMethodDecl())
        if (M->getDeclName().isIdentifier() &&
            llvm::is_contained({"reset", "swap"}, M->getName()))
          add(Member->getImplicitObjectArgument(), Call);
    const FunctionDecl *FD = Call->getDirectCallee();
    // The library's forwarding functions (make_shared, and its containers'
    // emplace_back, emplace, try_emplace) take lvalues by non-const
    // reference without writing them; of its functions only these reseat
    // their arguments.
    if ((FD && FD->isInStdNamespace() &&
         !isStdFunction(FD, {"swap", "exchange", "iter_swap"})) ||
        isStdMemberKeepingArguments(FD))
      return true;
    for (unsigned I = 0; FD && I < Call->getNumArgs(); ++I) {
      if (I >= FD->getNumParams())
        break;
      QualType P = FD->getParamDecl(I)->getType();
      // Moved-from locals still name their object; swapped or otherwise
      // written ones may not.
      if (P->isLValueReferenceType() && !P->getPointeeType().isConstQualified())
        add(Call->getArg(I), Call);
    }
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    if (VD->isLocalVarDecl() && !VD->getType()->isReferenceType())
      if (std::optional<FieldOf> Read = fieldOf(VD->getInit()))
        ReadFromField.push_back({VD->getCanonicalDecl(), *Read});
    return true;
  }

  /// A field of a local's object, of `this`, or of an object a field of
  /// `this` points to: `a->next`, `left_`, `head_->next`.
  struct FieldOf {
    const Decl *Base; ///< the local or the field of `this`; null: `this`
    const FieldDecl *Field;
    bool operator==(const FieldOf &O) const {
      return Base == O.Base && Field == O.Field;
    }
  };
  static std::optional<FieldOf> fieldOf(const Expr *E) {
    if (!E)
      return std::nullopt;
    E = passedThrough(E);
    const auto *Member = dyn_cast_or_null<MemberExpr>(E);
    const auto *Field =
        Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
    if (!Field)
      return std::nullopt;
    const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
    // `a->next` through a smart pointer's operator->.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Base);
        Op && Op->getNumArgs() == 1 &&
        (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star))
      Base = Op->getArg(0)->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Base))
      return FieldOf{nullptr, Field->getCanonicalDecl()};
    if (const VarDecl *VD = local(Base))
      return FieldOf{VD, Field->getCanonicalDecl()};
    if (const auto *Outer = dyn_cast<MemberExpr>(Base))
      if (const auto *OuterField = dyn_cast<FieldDecl>(Outer->getMemberDecl());
          OuterField && isa<CXXThisExpr>(Outer->getBase()->IgnoreParenImpCasts()))
        return FieldOf{OuterField->getCanonicalDecl(), Field->getCanonicalDecl()};
    return std::nullopt;
  }
  void fieldWritten(const Expr *LHS) {
    if (std::optional<FieldOf> W = fieldOf(LHS))
      FieldWrites.push_back(*W);
  }

  /// `auto b = a->next; a->next = b->next;`: after the write, `b` is no
  /// longer the object `a->next` names (a list swap, a tree rotation).
  void killReadsOfRewrittenFields() {
    for (const auto &[VD, Read] : ReadFromField)
      if (llvm::is_contained(FieldWrites, Read))
        Set.insert(VD);
  }

  llvm::DenseSet<const VarDecl *> Set;
  llvm::DenseMap<const Stmt *, SmallVector<const VarDecl *, 1>> Writes;
  SmallVector<std::pair<const VarDecl *, FieldOf>, 4> ReadFromField;
  SmallVector<FieldOf, 4> FieldWrites;
};


} // namespace

ReassignedSet::ReassignedSet(const Stmt *Body) {
  ReassignedLocals Changed;
  Changed.TraverseStmt(const_cast<Stmt *>(Body));
  Changed.killReadsOfRewrittenFields();
  Vars = std::move(Changed.Set);
}

ReassignedSet::ReassignedSet(const FunctionDecl *F)
    : ReassignedSet(F ? F->getBody() : nullptr) {
  Function = F;
}

const void *ReassignedSet::versionAt(const DeclRefExpr *Use) const {
  if (!Function || !Use)
    return nullptr;
  if (!Versions)
    computeVersions();
  return Versions->lookup(Use);
}

void ReassignedSet::computeVersions() const {
  Versions.emplace();
  const Stmt *Body = Function->getBody();
  if (!Body || Function->isDependentContext() || Function->isInvalidDecl())
    return;
  ReassignedLocals Changed;
  Changed.TraverseStmt(const_cast<Stmt *>(Body));

  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(Function, const_cast<Stmt *>(Body),
                    &Function->getASTContext(), Options);
  if (!Graph)
    return;
  for (const CFGBlock *Block : *Graph) {
    // The write each local last had in this block; the block itself stands
    // for the value the local has on entry.
    llvm::SmallDenseMap<const VarDecl *, const void *, 4> Current;
    for (const CFGElement &Element : *Block) {
      std::optional<CFGStmt> S = Element.getAs<CFGStmt>();
      if (!S)
        continue;
      const Stmt *St = S->getStmt();
      if (const auto *Ref = dyn_cast<DeclRefExpr>(St)) {
        const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
        if (VD && Vars.count(VD->getCanonicalDecl())) {
          const void *Version = Current.lookup(VD->getCanonicalDecl());
          (*Versions)[Ref] = Version ? Version : Block;
        }
      }
      if (auto It = Changed.Writes.find(St); It != Changed.Writes.end())
        for (const VarDecl *VD : It->second)
          Current[VD] = St;
    }
  }
}

ReassignedSet reassignedLocals(const Stmt *Body) { return ReassignedSet(Body); }

ReassignedSet reassignedLocals(const FunctionDecl *F) {
  return ReassignedSet(F);
}

} // namespace leaklint
