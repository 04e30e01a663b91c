//===--- ListEnds.cpp - A list's last node made to own its first ----------===//
#include "ListEnds.h"
#include "code/ClosedClasses.h"
#include "ownership/OwnershipGraph.h"
#include "storage/StorageResets.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace leaklint {
namespace {

const FieldDecl *canonical(const FieldDecl *F) {
  return F ? F->getCanonicalDecl() : nullptr;
}

const CXXRecordDecl *canonical(const CXXRecordDecl *RD) {
  return RD ? RD->getCanonicalDecl() : nullptr;
}

// \p Base followed by the fields \p Fields.
ObjectName extended(ObjectName Base, ArrayRef<const FieldDecl *> Fields) {
  for (const FieldDecl *F : Fields)
    Base.Path.push_back({F, nullptr});
  return Base;
}

ObjectName thisField(const FieldDecl *F) {
  ObjectName O;
  O.Kind = ObjectName::This;
  O.Path.push_back({F, nullptr});
  return O;
}

// Every write and read of the list's ends and links in the TU, with the
// statement list each write sits in: one pass, then weighed.
class EndUses : public RecursiveASTVisitor<EndUses> {
public:
  EndUses(const FieldDecl *Head, const FieldDecl *Tail,
          ArrayRef<const FieldDecl *> Path)
      : Head(Head), Tail(Tail), Link(Path.back()) {
    Tracked.insert(Head);
    Tracked.insert(Tail);
    for (const FieldDecl *F : Path)
      Tracked.insert(F);
  }

  /// A value written: nothing, or the object it names.
  struct Value {
    bool Empty = false;
    ObjectName Object;
    bool is(const ObjectName &O) const {
      return !Empty && Object.known() && Object == O;
    }
  };
  /// Where a write is: its statement list and its place there. Writes of
  /// one chain (`head_ = tail_ = n`) share the place.
  struct Place {
    const void *List = nullptr;
    unsigned Index = 0;
  };
  struct EndWrite {
    const FieldDecl *End;
    Value Written;
    Place At;
  };
  struct LinkWrite {
    ObjectName Holder;
    Value Written;
    Place At;
    const Expr *Assign;
  };

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  bool VisitCompoundStmt(CompoundStmt *S) {
    unsigned Index = 0;
    for (Stmt *Child : S->body())
      markTopLevel(Child, {S, Index++});
    return true;
  }
  // A branch or loop body of one statement is a list of its own.
  bool VisitIfStmt(IfStmt *S) {
    markAlone(S->getThen());
    markAlone(S->getElse());
    return true;
  }
  bool VisitWhileStmt(WhileStmt *S) { return markAlone(S->getBody()); }
  bool VisitDoStmt(DoStmt *S) { return markAlone(S->getBody()); }
  bool VisitForStmt(ForStmt *S) { return markAlone(S->getBody()); }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *S) {
    return markAlone(S->getBody());
  }

  bool TraverseCXXConstructorDecl(CXXConstructorDecl *D) {
    const CXXConstructorDecl *Outer = Ctor;
    Ctor = D;
    bool Continue = RecursiveASTVisitor::TraverseCXXConstructorDecl(D);
    Ctor = Outer;
    return Continue;
  }

  bool TraverseConstructorInitializer(CXXCtorInitializer *Init) {
    const FieldDecl *Member = canonical(Init->getMember());
    if (Member == Head || Member == Tail) {
      // A constructor's initialisers are one statement list.
      Ends.push_back({Member, valueOf(Init->getInit()), {Ctor, 0}});
    } else if (Member && Tracked.contains(Member)) {
      Bad = true;
    }
    return RecursiveASTVisitor::TraverseConstructorInitializer(Init);
  }

  bool VisitMemberExpr(MemberExpr *ME) {
    if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
        F && Tracked.contains(canonical(F)))
      Uses.insert(ME);
    // A step on the way to a member (`node->link.next`): what is done to
    // that member decides.
    if (const MemberExpr *Base = tracked(ME->getBase()))
      Read.insert(Base);
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Op->getCalleeDecl());
    if (!Method || Op->getNumArgs() == 0)
      return true;
    const MemberExpr *Object = tracked(Op->getArg(0));
    if (!Object)
      return true;
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
      recordWrite(Object, Op->getArg(1), Op);
      return true;
    }
    if (Method->isConst())
      Read.insert(Object);
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const MemberExpr *Object = tracked(Call->getImplicitObjectArgument());
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (!Object || !Method)
      return true;
    if (Method->isConst())
      Read.insert(Object);
    else if (Method->getDeclName().isIdentifier() &&
             Method->getName() == "reset" && Call->getNumArgs() == 0)
      recordWrite(Object, nullptr, Call);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    // A member operator's object is its first argument, not a parameter.
    unsigned Skip = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee);
    for (unsigned I = Skip; I < Call->getNumArgs(); ++I)
      if (I - Skip < Callee->getNumParams())
        readIfCopied(Call->getArg(I), Callee->getParamDecl(I - Skip));
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    for (unsigned I = 0; I < Construct->getNumArgs() && I < Ctor->getNumParams();
         ++I)
      readIfCopied(Construct->getArg(I), Ctor->getParamDecl(I));
    return true;
  }

  const FieldDecl *Head, *Tail, *Link;
  llvm::SmallPtrSet<const FieldDecl *, 4> Tracked;
  llvm::SmallPtrSet<const MemberExpr *, 16> Uses, Read;
  SmallVector<EndWrite, 8> Ends;
  SmallVector<LinkWrite, 8> Links;
  bool Bad = false;

private:
  // The tracked field \p E names, if it does.
  const MemberExpr *tracked(const Expr *E) const {
    const auto *ME = dyn_cast_or_null<MemberExpr>(E ? E->IgnoreParenImpCasts()
                                                    : nullptr);
    const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    return F && Tracked.contains(canonical(F)) ? ME : nullptr;
  }

  // Handed to a parameter by value or by const reference: read.
  void readIfCopied(const Expr *Arg, const ParmVarDecl *Param) {
    const MemberExpr *ME = tracked(Arg);
    if (!ME)
      return;
    QualType T = Param->getType();
    if (!T->isReferenceType() ||
        (T->isLValueReferenceType() && T->getPointeeType().isConstQualified()))
      Read.insert(ME);
  }

  void recordWrite(const MemberExpr *Target, const Expr *Written,
                   const Expr *Assign) {
    const auto *F = canonical(cast<FieldDecl>(Target->getMemberDecl()));
    Place At = TopLevel.lookup(Assign);
    Value V = Written ? valueOf(Written) : Value{true, {}};
    if ((F == Head || F == Tail) && isThis(Target->getBase())) {
      Read.insert(Target); // accounted for as a write, weighed later
      if (!At.List)
        Bad = true; // nested in an expression: its order is not read
      Ends.push_back({F, std::move(V), At});
    } else if (F == Link) {
      Read.insert(Target);
      Links.push_back({nameObject(Target->getBase()), std::move(V), At, Assign});
    }
    // Any other tracked field written (a node's whole link) stays
    // unaccounted for: Uses minus Read.
  }

  static bool isThis(const Expr *Base) {
    return isa<CXXThisExpr>(Base->IgnoreParenImpCasts());
  }

  // What an assignment stores: through a chain (`a = b = n` stores n).
  Value valueOf(const Expr *E) const {
    for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
      E = E->IgnoreParenImpCasts();
      const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      if (!Op || Op->getOperator() != OO_Equal || Op->getNumArgs() != 2)
        break;
      E = Op->getArg(1);
    }
    if (!E || isEmptyValue(E))
      return {true, {}};
    return {false, nameObject(E)};
  }

  bool markAlone(const Stmt *S) {
    if (S && !isa<CompoundStmt>(S))
      markTopLevel(S, {S, 0});
    return true;
  }

  // The assignments a statement makes at its top level, through a chain:
  // the only writes whose order among its siblings is known.
  void markTopLevel(const Stmt *S, Place At) {
    const auto *E = dyn_cast_or_null<Expr>(S);
    for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
      E = E->IgnoreParenImpCasts();
      if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
        E = Cleanups->getSubExpr()->IgnoreParenImpCasts();
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
        TopLevel[Member] = At; // `tail_.reset()`
        return;
      }
      const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      if (!Op || Op->getOperator() != OO_Equal || Op->getNumArgs() != 2)
        return;
      TopLevel[Op] = At;
      E = Op->getArg(1);
    }
  }

  llvm::DenseMap<const Expr *, Place> TopLevel;
  const CXXConstructorDecl *Ctor = nullptr;
};

// Whether the class keeps `Tail` reached from `Head` through \p Path, read
// from \p Uses; the append store that shows it (null if none).
std::optional<const Expr *> tailFollowsHead(const EndUses &Uses,
                                            ArrayRef<const FieldDecl *> Path) {
  if (Uses.Bad || llvm::any_of(Uses.Uses, [&](const MemberExpr *ME) {
        return !Uses.Read.contains(ME);
      }))
    return std::nullopt;
  ArrayRef<const FieldDecl *> ToLink = Path.drop_back();
  ObjectName HeadNode = thisField(Uses.Head), TailNode = thisField(Uses.Tail);
  auto SamePlace = [](const EndUses::Place &A, const EndUses::Place &B) {
    return A.List && A.List == B.List;
  };
  // Each link write keeps the tail reached: on the tail itself (what follows
  // the last node is off the path), on a node being made, or on a node that
  // becomes the head next, pointing at the old head.
  for (const EndUses::LinkWrite &L : Uses.Links) {
    if (L.Written.Empty)
      return std::nullopt; // cut somewhere: the list may stop short
    if (L.Holder == extended(TailNode, ToLink) ||
        L.Holder.Kind == ObjectName::Fresh)
      continue;
    bool Prepends =
        L.Written.is(HeadNode) && llvm::any_of(Uses.Ends, [&](const auto &W) {
          return W.End == Uses.Head && SamePlace(W.At, L.At) &&
                 W.At.Index > L.At.Index && !W.Written.Empty &&
                 extended(W.Written.Object, ToLink) == L.Holder;
        });
    if (!Prepends)
      return std::nullopt;
  }
  const Expr *Append = nullptr;
  for (const EndUses::EndWrite &W : Uses.Ends) {
    bool IsTail = W.End == Uses.Tail;
    const ObjectName &Self = IsTail ? TailNode : HeadNode;
    const ObjectName &Other = IsTail ? HeadNode : TailNode;
    if (W.Written.Empty || W.Written.is(Other) ||
        W.Written.is(extended(Self, Path)))
      continue;
    if (!W.Written.Object.known())
      return std::nullopt;
    // Both ends set to one node.
    if (llvm::any_of(Uses.Ends, [&](const EndUses::EndWrite &V) {
          return V.End != W.End && SamePlace(V.At, W.At) &&
                 V.Written.is(W.Written.Object);
        }))
      continue;
    // The tail moved to the node just linked after it; the head moved to
    // the node just linked before it.
    const EndUses::LinkWrite *Linked = nullptr;
    for (const EndUses::LinkWrite &L : Uses.Links)
      if (SamePlace(L.At, W.At) && L.At.Index < W.At.Index &&
          (IsTail ? L.Holder == extended(TailNode, ToLink) &&
                        L.Written.is(W.Written.Object)
                  : L.Holder == extended(W.Written.Object, ToLink) &&
                        L.Written.is(HeadNode)))
        Linked = &L;
    if (!Linked)
      return std::nullopt;
    if (IsTail && !Append)
      Append = Linked->Assign;
  }
  return Append;
}

} // namespace

std::optional<ListEnds::Ring>
ListEnds::closesRing(const OwnershipLink &L, const FunctionDecl *F,
                     ASTContext &Ctx) {
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  if (L.Breaks || !Method || Method->getParent()->isInvalidDecl() ||
      L.Target.Kind != ObjectName::This ||
      L.Holder.Kind != ObjectName::This || L.Target.Path.size() != 1 ||
      L.Holder.Path.empty() ||
      llvm::any_of(L.Target.Path, [](const PathStep &S) { return S.Element; }) ||
      llvm::any_of(L.Holder.Path,
                   [](const PathStep &S) { return S.Element || !S.Field; }))
    return std::nullopt;
  const FieldDecl *Head = canonical(L.Target.Path.front().Field);
  const FieldDecl *Tail = canonical(L.Holder.Path.front().Field);
  const auto *Class = canonical(Method->getParent());
  if (!Head || Head == Tail || Head->getAccess() != AS_private ||
      Tail->getAccess() != AS_private ||
      canonical(cast<CXXRecordDecl>(Head->getParent())) != Class ||
      canonical(cast<CXXRecordDecl>(Tail->getParent())) != Class)
    return std::nullopt;
  // Both ends and the link own one node of the same class, and the path
  // from a node to its link goes through values the node holds.
  const CXXRecordDecl *Node = canonical(sharedPointee(Head->getType()));
  if (!Node || Node != canonical(sharedPointee(Tail->getType())) ||
      Node != canonical(sharedPointee(L.Field->getType())))
    return std::nullopt;
  Ring R{Head, Tail, {}, nullptr};
  const CXXRecordDecl *Along = Node;
  for (const PathStep &Step : ArrayRef<PathStep>(L.Holder.Path).drop_front()) {
    if (canonical(cast<CXXRecordDecl>(Step.Field->getParent())) != Along)
      return std::nullopt;
    Along = canonical(Step.Field->getType()->getAsCXXRecordDecl());
    if (!Along)
      return std::nullopt;
    R.Path.push_back(canonical(Step.Field));
  }
  if (canonical(dyn_cast<CXXRecordDecl>(L.Field->getParent())) != Along)
    return std::nullopt;
  R.Path.push_back(canonical(L.Field));

  auto [It, New] = Known.try_emplace(Key{Head, Tail, R.Path.back()});
  if (New) {
    auto EmptyOrNone = [](const FieldDecl *F) {
      return !F->hasInClassInitializer() || !F->getInClassInitializer() ||
             isEmptyValue(F->getInClassInitializer());
    };
    if (isClosedClass(Class) && EmptyOrNone(Head) && EmptyOrNone(Tail)) {
      EndUses Uses(Head, Tail, R.Path);
      Uses.TraverseAST(Ctx);
      It->second = tailFollowsHead(Uses, R.Path);
    }
  }
  if (!It->second)
    return std::nullopt;
  R.Append = *It->second;
  return R;
}

} // namespace leaklint
