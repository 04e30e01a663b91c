//===--- ListEnds.cpp - A list's last node made to own its first ----------===//
#include "ListEnds.h"
#include "code/ClosedClasses.h"
#include "code/LibraryFunctions.h"
#include "code/Loops.h"
#include "code/SpelledNames.h"
#include "code/StatementLists.h"
#include "ownership/OwnershipGraph.h"
#include "storage/StorageResets.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
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

// Nodes are named as the code spells them (code/SpelledNames.h): locals are
// compared by name, and what a name stands for is settled by the writes
// weighed below.
using Spelled = SpelledName;

bool isStdMove(const CallExpr *Call) {
  return Call->getNumArgs() == 1 &&
         isStdFunction(Call->getDirectCallee(), {"move"});
}

Spelled plus(Spelled S, ArrayRef<const FieldDecl *> Fields) {
  S.Path.append(Fields.begin(), Fields.end());
  return S;
}

// How the code names an end: `this->head_`, or the local `last`.
Spelled endName(const ValueDecl *End) {
  if (const auto *VD = dyn_cast<VarDecl>(End))
    return {VD->getCanonicalDecl(), {}};
  return {nullptr, {cast<FieldDecl>(End)}};
}

const Decl *canonicalDecl(const Decl *D) { return D->getCanonicalDecl(); }

// Every write and read of the list's ends and links in the code read, with
// the statement list each write sits in: one pass, then weighed.
class EndUses : public LoopCountingVisitor<EndUses> {
public:
  EndUses(ArrayRef<const ValueDecl *> EndDecls,
          ArrayRef<const FieldDecl *> Path, const CXXRecordDecl *Keeper,
          bool CallsVoid)
      : Link(Path.back()), Keeper(Keeper), CallsVoid(CallsVoid) {
    // A node, or a value on its way to the link, assigned whole rewrites
    // the link unseen (`*head_ = *head_->next`).
    NodeClasses.insert(canonical(cast<CXXRecordDecl>(Path.front()->getParent())));
    for (const FieldDecl *F : Path.drop_back())
      if (const CXXRecordDecl *RD = F->getType()->getAsCXXRecordDecl())
        NodeClasses.insert(canonical(RD));
    for (const ValueDecl *End : EndDecls) {
      Ends.insert(canonicalDecl(End));
      Tracked.insert(canonicalDecl(End));
    }
    for (const FieldDecl *F : Path)
      Tracked.insert(F);
  }

  /// Where a write is: its statement list and its place there. Writes of
  /// one chain (`head_ = tail_ = n`) share the place.
  struct Place {
    const void *List = nullptr;
    unsigned Index = 0;
    /// The list, when it is a block (else one statement or initialisers).
    const CompoundStmt *Block = nullptr;
    bool Initialisers = false;
  };
  /// A write of an end; Value is null when it empties it.
  struct EndWrite {
    const Decl *End;
    const Expr *Value;
    Place At;
  };
  /// Writes in a destructor are not weighed: the keeper is going away.
  /// A write of the link; Value is null when it empties it.
  struct LinkWrite {
    const Expr *Holder;
    const Expr *Value;
    Place At;
    const Expr *Assign;
    bool InLoop;
  };

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  // The statements of a list (code/StatementLists.h); a branch or loop body
  // of one statement is a list of its own.
  bool VisitStmt(Stmt *S) {
    forEachListedStatement(S, [&](const ListedStatement &L) {
      markTopLevel(L.S, L.Block ? Place{L.Block, L.Index, L.Block}
                                : Place{L.S, 0, nullptr});
    });
    return true;
  }

  // Loops (LoopCountingVisitor): a write in one may run before the ones
  // above it.

  bool TraverseCXXConstructorDecl(CXXConstructorDecl *D) {
    const CXXConstructorDecl *Outer = Ctor;
    Ctor = D;
    bool Continue = RecursiveASTVisitor::TraverseCXXConstructorDecl(D);
    Ctor = Outer;
    return Continue;
  }

  bool TraverseCXXDestructorDecl(CXXDestructorDecl *D) {
    ++InDestructor;
    bool Continue = RecursiveASTVisitor::TraverseCXXDestructorDecl(D);
    --InDestructor;
    return Continue;
  }

  bool TraverseConstructorInitializer(CXXCtorInitializer *Init) {
    const FieldDecl *Member = canonical(Init->getMember());
    if (Member && Ends.contains(Member)) {
      // A constructor's initialisers are one statement list.
      WrittenEnds.push_back(
          {Member, storedValue(Init->getInit()), {Ctor, 0, nullptr, true}});
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
    if (const Expr *Base = tracked(ME->getBase()))
      Read.insert(Base);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Tracked.contains(canonicalDecl(Ref->getDecl())))
      Uses.insert(Ref);
    return true;
  }

  // Returned by value: copied, or moved out as the function ends. Handed
  // out by reference, it is not read.
  bool VisitReturnStmt(ReturnStmt *S) {
    const Expr *Value = S->getRetValue();
    if (const auto *Cleanups = dyn_cast_or_null<ExprWithCleanups>(Value))
      Value = Cleanups->getSubExpr();
    const auto *Construct =
        dyn_cast_or_null<CXXConstructExpr>(Value ? Value->IgnoreParens() : Value);
    if (Construct && Construct->getNumArgs() == 1)
      if (const Expr *Use = tracked(Construct->getArg(0)))
        Read.insert(Use);
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Op->getCalleeDecl());
    if (!Method || Op->getNumArgs() == 0)
      return true;
    if (Method->isCopyAssignmentOperator() || Method->isMoveAssignmentOperator()) {
      const CXXRecordDecl *Of = canonical(Method->getParent());
      // A copy of the keeper shares its nodes: appending to one rewrites a
      // link in the middle of the other's list.
      if (NodeClasses.contains(Of) ||
          (Keeper && Of == Keeper && Method->isCopyAssignmentOperator()))
        Bad = true;
    }
    bool Assigns = Op->getOperator() == OO_Equal && Op->getNumArgs() == 2;
    if (!Method->isConst())
      noteWrittenLocal(Op->getArg(0));
    const Expr *Object = tracked(Op->getArg(0));
    if (!Object)
      return true;
    if (Assigns)
      recordWrite(Object, Op->getArg(1), Op);
    else if (Method->isConst())
      Read.insert(Object);
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (Method && !Method->isConst())
      noteWrittenLocal(Call->getImplicitObjectArgument());
    const Expr *Object = tracked(Call->getImplicitObjectArgument());
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
    if (StoredMoves.contains(Call))
      return true;
    const FunctionDecl *Callee = Call->getDirectCallee();
    // A walk is read in its function alone: a call into the program's
    // code may rewrite a link or move the start while the walker runs.
    if (CallsVoid &&
        (!Callee || (!Callee->getASTContext().getSourceManager().isInSystemHeader(
                         Callee->getLocation()) &&
                     !(isa<CXXMethodDecl>(Callee) &&
                       cast<CXXMethodDecl>(Callee)->isConst()))))
      Bad = true;
    if (!Callee)
      return true;
    // A member operator's object is its first argument, not a parameter.
    unsigned Skip =
        isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee);
    for (unsigned I = Skip; I < Call->getNumArgs(); ++I)
      if (I - Skip < Callee->getNumParams())
        readIfCopied(Call->getArg(I), Callee->getParamDecl(I - Skip));
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    if (Keeper && Ctor->isCopyConstructor() &&
        canonical(Ctor->getParent()) == Keeper)
      Bad = true;
    for (unsigned I = 0;
         I < Construct->getNumArgs() && I < Ctor->getNumParams(); ++I)
      readIfCopied(Construct->getArg(I), Ctor->getParamDecl(I));
    return true;
  }

  const FieldDecl *Link;
  /// The class keeping field ends (null for a walk), and whether calls
  /// into the program's code void the proof (a walk).
  const CXXRecordDecl *Keeper;
  bool CallsVoid;
  llvm::SmallPtrSet<const CXXRecordDecl *, 2> NodeClasses;
  llvm::SmallPtrSet<const Decl *, 4> Ends, Tracked;
  llvm::SmallPtrSet<const Expr *, 16> Uses, Read;
  SmallVector<EndWrite, 8> WrittenEnds;
  SmallVector<LinkWrite, 8> Links;
  /// Locals assigned or changed after their declaration.
  llvm::SmallPtrSet<const VarDecl *, 8> WrittenLocals;
  bool Bad = false;

private:
  // The use of a tracked field or local \p E is, if it is one.
  const Expr *tracked(const Expr *E) const {
    E = E ? E->IgnoreParenImpCasts() : nullptr;
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(E))
      return Tracked.contains(canonicalDecl(ME->getMemberDecl())) ? ME
                                                                   : nullptr;
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
      return Tracked.contains(canonicalDecl(Ref->getDecl())) ? Ref : nullptr;
    return nullptr;
  }

  // What a write stores; a `std::move(n)` stored is n's value, and moving
  // it there is no write of n that matters before.
  const Expr *storedValue(const Expr *E) {
    const Expr *Value = valueOf(E);
    if (const auto *Call =
            dyn_cast_or_null<CallExpr>(Value ? Value->IgnoreParenImpCasts()
                                             : nullptr);
        Call && isStdMove(Call))
      StoredMoves.insert(Call);
    return Value;
  }

  void noteWrittenLocal(const Expr *E) {
    if (const auto *Ref =
            dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : E))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
        WrittenLocals.insert(VD->getCanonicalDecl());
  }

  // Handed to a parameter by value or by const reference: read.
  void readIfCopied(const Expr *Arg, const ParmVarDecl *Param) {
    QualType T = Param->getType();
    bool Copied =
        !T->isReferenceType() ||
        (T->isLValueReferenceType() && T->getPointeeType().isConstQualified());
    if (!Copied)
      noteWrittenLocal(Arg); // `std::swap(a, b)`
    if (const Expr *Use = tracked(Arg); Use && Copied)
      Read.insert(Use);
  }

  void recordWrite(const Expr *Target, const Expr *Written,
                   const Expr *Assign) {
    Place At = TopLevel.lookup(Assign);
    const Expr *Value = Written ? storedValue(Written) : nullptr;
    const auto *Member = dyn_cast<MemberExpr>(Target);
    const Decl *D = canonicalDecl(Member ? Member->getMemberDecl()
                                         : cast<DeclRefExpr>(Target)->getDecl());
    if (Ends.contains(D)) {
      // A field end of another object than `this` stays unaccounted for.
      if (Member && !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
        return;
      Read.insert(Target); // accounted for as a write, weighed later
      if (InDestructor)
        return;
      if (!At.List)
        Bad = true; // nested in an expression: its order is not read
      WrittenEnds.push_back({D, Value, At});
    } else if (D == Link && Member) {
      Read.insert(Target);
      Links.push_back({Member->getBase(), Value, At, Assign, LoopDepth > 0});
    }
    // Any other tracked field written (a node's whole link) stays
    // unaccounted for: Uses minus Read.
  }

  // What an assignment stores, through a chain (`a = b = n` stores n); null
  // when it stores nothing.
  static const Expr *valueOf(const Expr *E) {
    for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
      E = E->IgnoreParenImpCasts();
      const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      if (!Op || Op->getOperator() != OO_Equal || Op->getNumArgs() != 2)
        break;
      E = Op->getArg(1);
    }
    return !E || isEmptyValue(E) ? nullptr : E;
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
  unsigned InDestructor = 0;
  llvm::SmallPtrSet<const CallExpr *, 4> StoredMoves;
};

// True when \p S may leave its statement list early or be entered from
// elsewhere: a return, break, continue, goto, label or throw outside a
// lambda.
bool mayJump(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, IndirectGotoStmt,
          LabelStmt, CXXThrowExpr, CoreturnStmt>(S))
    return true;
  return llvm::any_of(S->children(), mayJump);
}

// True when the statements at \p A and \p B of one list both run once the
// first of them does: nothing between them jumps.
bool runTogether(const EndUses::Place &A, const EndUses::Place &B) {
  if (!A.List || A.List != B.List)
    return false;
  const CompoundStmt *Block = A.Block;
  if (!Block)
    return true; // one statement, or a constructor's initialisers
  unsigned Low = std::min(A.Index, B.Index), High = std::max(A.Index, B.Index);
  for (unsigned I = Low + 1; I < High; ++I)
    if (mayJump(Block->body_begin()[I]))
      return false;
  return true;
}

// Whether the code read keeps \p Last reached from \p First through \p Path,
// read from \p Uses; the append store that shows it (null if none). With
// \p Walk, \p Last is a local walking from \p First, which must not change,
// and the store closing the ring must come last.
std::optional<const Expr *> lastFollowsFirst(const EndUses &Uses,
                                             const ValueDecl *First,
                                             const ValueDecl *Last,
                                             ArrayRef<const FieldDecl *> Path,
                                             bool Walk,
                                             const SourceManager &SM) {
  if (Uses.Bad || llvm::any_of(Uses.Uses, [&](const Expr *Use) {
        return !Uses.Read.contains(Use);
      }))
    return std::nullopt;
  ArrayRef<const FieldDecl *> ToLink = Path.drop_back();
  const Decl *FirstDecl = canonicalDecl(First), *LastDecl = canonicalDecl(Last);
  Spelled FirstNode = endName(First), LastNode = endName(Last);
  Spelled LastLink = plus(LastNode, ToLink);
  // A node as a value: a local that holds one value all along (compared by
  // name, it must not be rewritten between two statements), or an end.
  auto Node = [&](const Expr *E) -> std::optional<Spelled> {
    std::optional<Spelled> N = E ? spelledName(E) : std::nullopt;
    if (N && N->Var && N->Var != FirstNode.Var && N->Var != LastNode.Var &&
        Uses.WrittenLocals.contains(N->Var))
      return std::nullopt;
    return N;
  };
  auto Names = [&](const Expr *E, const Spelled &S) {
    std::optional<Spelled> N = Node(E);
    return N && *N == S;
  };
  // Each link write keeps the last reached:
  //  - on the last node: emptied, the closing store, or an append that
  //    makes the node linked the last;
  //  - on a node a local made here, emptied before the node is stored;
  //  - on a node that becomes the first next, pointing at the old first.
  const EndUses::LinkWrite *Closing = nullptr;
  for (const EndUses::LinkWrite &L : Uses.Links) {
    std::optional<Spelled> Holder = Node(L.Holder);
    if (!Holder)
      return std::nullopt;
    if (*Holder == LastLink) {
      if (!L.Value)
        continue;
      if (Names(L.Value, FirstNode)) {
        if (Walk && L.InLoop)
          return std::nullopt; // an append may follow it
        if (!Closing || SM.isBeforeInTranslationUnit(
                            Closing->Assign->getBeginLoc(),
                            L.Assign->getBeginLoc()))
          Closing = &L;
        continue;
      }
      std::optional<Spelled> Linked = Node(L.Value);
      if (!Linked ||
          llvm::none_of(Uses.WrittenEnds, [&](const EndUses::EndWrite &W) {
            return W.End == LastDecl && W.At.Index > L.At.Index &&
                   runTogether(L.At, W.At) && Names(W.Value, *Linked);
          }))
        return std::nullopt;
      continue;
    }
    if (!L.Value && Holder->Var && Holder->Path.size() == ToLink.size() &&
        Holder->Var != FirstNode.Var && Holder->Var != LastNode.Var &&
        !isa<ParmVarDecl>(Holder->Var) && Holder->Var->getInit() &&
        nameObject(Holder->Var->getInit()).Kind == ObjectName::Fresh) {
      // Made here: every store of it must come after, in the same list.
      Spelled Made{Holder->Var, {}};
      auto StoredBefore = [&](const Expr *Value, const EndUses::Place &At) {
        return Names(Value, Made) &&
               !(At.List == L.At.List && At.Index > L.At.Index);
      };
      if (llvm::none_of(Uses.Links,
                        [&](const EndUses::LinkWrite &O) {
                          return StoredBefore(O.Value, O.At);
                        }) &&
          llvm::none_of(Uses.WrittenEnds, [&](const EndUses::EndWrite &W) {
            return StoredBefore(W.Value, W.At);
          }))
        continue;
      return std::nullopt;
    }
    bool Prepends =
        !Walk && Names(L.Value, FirstNode) &&
        llvm::any_of(Uses.WrittenEnds, [&](const EndUses::EndWrite &W) {
          std::optional<Spelled> New = Node(W.Value);
          return W.End == FirstDecl && W.At.Index > L.At.Index &&
                 runTogether(L.At, W.At) && New &&
                 plus(*New, ToLink) == *Holder;
        });
    if (!Prepends)
      return std::nullopt; // a cut or a splice: the list may stop short
  }
  // A walk's closing store comes after every other link write.
  if (Walk && (!Closing ||
               llvm::any_of(Uses.Links, [&](const EndUses::LinkWrite &L) {
                 return &L != Closing &&
                        SM.isBeforeInTranslationUnit(
                            Closing->Assign->getBeginLoc(),
                            L.Assign->getBeginLoc());
               })))
    return std::nullopt;
  const Expr *Append = nullptr;
  bool FirstSet = Walk, LastSet = Walk;
  for (const EndUses::EndWrite &W : Uses.WrittenEnds) {
    bool IsLast = W.End == LastDecl;
    if (!IsLast && Walk)
      return std::nullopt;
    const Spelled &Self = IsLast ? LastNode : FirstNode;
    const Spelled &Other = IsLast ? FirstNode : LastNode;
    const Decl *OtherDecl = IsLast ? FirstDecl : LastDecl;
    if (!W.Value) {
      // Emptied: with the other end, or in a constructor.
      if (W.At.Initialisers ||
          llvm::any_of(Uses.WrittenEnds, [&](const EndUses::EndWrite &V) {
            return V.End == OtherDecl && !V.Value && runTogether(V.At, W.At);
          }))
        continue;
      return std::nullopt;
    }
    (IsLast ? LastSet : FirstSet) = true;
    std::optional<Spelled> New = Node(W.Value);
    if (!New)
      return std::nullopt;
    if (*New == Other || *New == plus(Self, Path))
      continue;
    // Both ends set to one node.
    if (llvm::any_of(Uses.WrittenEnds, [&](const EndUses::EndWrite &V) {
          return V.End == OtherDecl && runTogether(V.At, W.At) &&
                 Names(V.Value, *New);
        }))
      continue;
    // The last moved to the node just linked after it; the first moved to
    // the node just linked before it.
    const EndUses::LinkWrite *Linked = nullptr;
    for (const EndUses::LinkWrite &L : Uses.Links)
      if (L.At.Index < W.At.Index && runTogether(L.At, W.At) &&
          (IsLast ? Names(L.Holder, LastLink) && Names(L.Value, *New)
                  : Names(L.Holder, plus(*New, ToLink)) &&
                        Names(L.Value, FirstNode)))
        Linked = &L;
    if (!Linked)
      return std::nullopt;
    if (IsLast && !Append)
      Append = Linked->Assign;
  }
  // Ends never set hold no node: nothing to close.
  if (!FirstSet || !LastSet)
    return std::nullopt;
  return Append;
}

// The fields from a node of class \p Node, through values it holds, to
// \p Link, a shared_ptr to another \p Node: \p Steps then the link.
std::optional<SmallVector<const FieldDecl *, 2>>
linkPath(const CXXRecordDecl *Node, ArrayRef<const FieldDecl *> Steps,
         const FieldDecl *Link) {
  if (!Node || Node != canonical(sharedPointee(Link->getType())))
    return std::nullopt;
  SmallVector<const FieldDecl *, 2> Path;
  const CXXRecordDecl *Along = Node;
  for (const FieldDecl *Step : Steps) {
    if (canonical(cast<CXXRecordDecl>(Step->getParent())) != Along)
      return std::nullopt;
    Along = canonical(Step->getType()->getAsCXXRecordDecl());
    if (!Along)
      return std::nullopt;
    Path.push_back(canonical(Step));
  }
  if (canonical(dyn_cast<CXXRecordDecl>(Link->getParent())) != Along)
    return std::nullopt;
  Path.push_back(canonical(Link));
  return Path;
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
  if (!Node || Node != canonical(sharedPointee(Tail->getType())))
    return std::nullopt;
  SmallVector<const FieldDecl *, 2> Steps;
  for (const PathStep &Step : ArrayRef<PathStep>(L.Holder.Path).drop_front())
    Steps.push_back(Step.Field);
  std::optional<SmallVector<const FieldDecl *, 2>> Path =
      linkPath(Node, Steps, L.Field);
  if (!Path)
    return std::nullopt;

  auto [It, New] = Known.try_emplace(Key{Head, Tail, Path->back()});
  if (New) {
    auto EmptyOrNone = [](const FieldDecl *F) {
      return !F->hasInClassInitializer() || !F->getInClassInitializer() ||
             isEmptyValue(F->getInClassInitializer());
    };
    if (isClosedClass(Class) && EmptyOrNone(Head) && EmptyOrNone(Tail)) {
      EndUses Uses({Head, Tail}, *Path, Class, /*CallsVoid=*/false);
      Uses.TraverseAST(Ctx);
      It->second = lastFollowsFirst(Uses, Head, Tail, *Path, /*Walk=*/false,
                                    Ctx.getSourceManager());
    }
  }
  if (!It->second)
    return std::nullopt;
  return Ring{Class, Head, Tail, std::move(*Path), L.Value, *It->second};
}

std::optional<ListEnds::Ring> ListEnds::closesWalk(const MovedLocalStore &S,
                                                   const FunctionDecl *F) {
  const auto *Link = dyn_cast<FieldDecl>(S.Member->getMemberDecl());
  std::optional<Spelled> Holder = spelledName(S.Member->getBase());
  std::optional<Spelled> Start = spelledName(S.Value);
  if (!Link || !Holder || !Start || !Holder->Var ||
      isa<ParmVarDecl>(Holder->Var) || Start->Path.size() > 1 ||
      (Start->Var ? !Start->Path.empty() || Start->Var == Holder->Var
                  : Start->Path.size() != 1))
    return std::nullopt;
  // The walking local starts at the node stored: `auto last = first;`.
  const VarDecl *Walker = Holder->Var;
  const ValueDecl *First =
      Start->Var ? static_cast<const ValueDecl *>(Start->Var)
                 : Start->Path.front();
  std::optional<Spelled> From =
      Walker->getInit() ? spelledName(Walker->getInit()) : std::nullopt;
  if (!From || !(*From == *Start))
    return std::nullopt;
  const CXXRecordDecl *Node = canonical(sharedPointee(Walker->getType()));
  if (!Node || Node != canonical(sharedPointee(First->getType())))
    return std::nullopt;
  std::optional<SmallVector<const FieldDecl *, 2>> Path =
      linkPath(Node, Holder->Path, canonical(Link));
  if (!Path)
    return std::nullopt;
  auto [It, New] = Known.try_emplace(Key{First, Walker, Path->back()});
  if (New) {
    EndUses Uses({First, Walker}, *Path, nullptr, /*CallsVoid=*/true);
    Uses.TraverseDecl(const_cast<FunctionDecl *>(F));
    It->second = lastFollowsFirst(Uses, First, Walker, *Path, /*Walk=*/true,
                                  F->getASTContext().getSourceManager());
  }
  if (!It->second)
    return std::nullopt;
  return Ring{F, First, Walker, std::move(*Path), S.Value, *It->second};
}

} // namespace leaklint
