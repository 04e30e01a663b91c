//===--- OwnershipLinks.cpp - Where code makes one object own another -----===//
#include "OwnershipLinks.h"
#include "Compat.h"
#include "LibraryFunctions.h"
#include "OwnershipGraph.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {
namespace {

constexpr unsigned MaxDepth = 8;

} // namespace

bool isGrowthMethod(StringRef Name) {
  return llvm::is_contained({"push_back", "emplace_back", "push_front",
                             "emplace_front", "insert", "emplace",
                             "try_emplace", "insert_or_assign", "push"},
                            Name);
}

namespace {

// Looks through what passes an owner along unchanged: copies and moves of
// smart pointers, std::move, pointer casts, temporaries.
const Expr *passedThrough(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < MaxDepth; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Tmp = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Tmp->getSubExpr();
      continue;
    }
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
      continue;
    }
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E)) {
      E = Cleanups->getSubExpr();
      continue;
    }
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      // shared_ptr(other), shared_ptr(std::move(other)) and
      // shared_ptr(new T(...)), which names the new object.
      // A smart pointer of another library made from a T*: `RefPtr<T>(p)`.
      if (Construct->getNumArgs() == 1 &&
          Construct->getArg(0)->getType()->isPointerType()) {
        const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            Construct->getType()->getAsCXXRecordDecl());
        if (Spec && Spec->getTemplateArgs().size() >= 1 &&
            Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
            Spec->getTemplateArgs()[0].getAsType().getCanonicalType() ==
                Construct->getArg(0)
                    ->getType()
                    ->getPointeeType()
                    .getCanonicalType()
                    .getUnqualifiedType()) {
          E = Construct->getArg(0);
          continue;
        }
      }
      if (Construct->getNumArgs() >= 1 && sharedPointee(Construct->getType()) &&
          (Construct->getNumArgs() == 1 ||
           isa<CXXDefaultArgExpr>(Construct->getArg(1)))) {
        E = Construct->getArg(0);
        continue;
      }
      return E;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      if (Call->getNumArgs() >= 1 &&
          isStdFunction(Call->getDirectCallee(),
                        {"move", "forward", "static_pointer_cast",
                         "dynamic_pointer_cast", "const_pointer_cast"})) {
        E = Call->getArg(0);
        continue;
      }
    }
    return E;
  }
  return E;
}

using ReassignedSet = llvm::DenseSet<const VarDecl *>;

// An element of a container: a step of its own, never equal to another.
ObjectName elementOf(ObjectName Container, const Expr *Access) {
  if (Container.known())
    Container.Path.push_back({nullptr, Access});
  return Container;
}

ObjectName nameVariableAt(const VarDecl *VD, const ReassignedSet *Reassigned,
                          unsigned Depth);

ObjectName nameObjectAt(const Expr *E, const ReassignedSet *Reassigned,
                        unsigned Depth) {
  ObjectName Name;
  if (!E || Depth > MaxDepth || E->containsErrors())
    return Name;
  E = passedThrough(E);
  if (!E)
    return Name;
  if (isa<CXXThisExpr>(E)) {
    Name.Kind = ObjectName::This;
    return Name;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf
               ? nameObjectAt(U->getSubExpr(), Reassigned, Depth + 1)
               : Name;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if ((Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow) &&
        Op->getNumArgs() == 1)
      return nameObjectAt(Op->getArg(0), Reassigned, Depth + 1);
    if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
      return elementOf(nameObjectAt(Op->getArg(0), Reassigned, Depth + 1), E);
    return Name;
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = Member->getMethodDecl();
    if (!M || !M->getDeclName().isIdentifier())
      return Name;
    const Expr *Object = Member->getImplicitObjectArgument();
    if (M->getName() == "shared_from_this")
      return nameObjectAt(Object, Reassigned, Depth + 1);
    if (llvm::is_contained({"front", "back", "at"}, M->getName()))
      return elementOf(nameObjectAt(Object, Reassigned, Depth + 1), E);
    if (M->getName() == "get" && sharedPointee(Object->getType()))
      return nameObjectAt(Object, Reassigned, Depth + 1);
    return Name;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (isStdFunction(Call->getDirectCallee(),
                      {"make_shared", "allocate_shared"})) {
      Name.Kind = ObjectName::Fresh;
      Name.Root = E;
    }
    return Name;
  }
  if (isa<CXXNewExpr>(E) || isa<CXXConstructExpr>(E)) {
    Name.Kind = ObjectName::Fresh;
    Name.Root = E;
    return Name;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field)
      return Name;
    Name = nameObjectAt(Member->getBase(), Reassigned, Depth + 1);
    if (Name.known())
      Name.Path.push_back({Field->getCanonicalDecl(), nullptr});
    return Name;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD || VD->hasGlobalStorage())
      return Name;
    return nameVariableAt(VD, Reassigned, Depth);
  }
  return Name;
}

ObjectName nameVariableAt(const VarDecl *VD, const ReassignedSet *Reassigned,
                          unsigned Depth) {
  ObjectName Name;
  // A local that is assigned, swapped or moved into later may stand for
  // several objects: it names none.
  if (Reassigned && Reassigned->count(VD->getCanonicalDecl()))
    return Name;
  // A local stands for the object its initializer names, so that
  // `auto n = std::make_shared<Node>(...)` and later uses of `n` agree.
  if (!isa<ParmVarDecl>(VD) && VD->getInit()) {
    ObjectName Init = nameObjectAt(VD->getInit(), Reassigned, Depth + 1);
    if (Init.known())
      return Init;
  }
  Name.Kind = ObjectName::Variable;
  Name.Root = VD->getCanonicalDecl();
  return Name;
}

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
  void add(const Expr *E) {
    if (const VarDecl *VD = local(E))
      Set.insert(VD);
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->isAssignmentOp() && Op->getNumArgs() > 0)
      add(Op->getArg(0));
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp())
      add(B->getLHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->getOpcode() == UO_AddrOf)
      add(U->getSubExpr());
    return true;
  }
  bool VisitCallExpr(CallExpr *Call) {
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      if (const CXXMethodDecl *M = Member->getMethodDecl())
        if (M->getDeclName().isIdentifier() &&
            llvm::is_contained({"reset", "swap"}, M->getName()))
          add(Member->getImplicitObjectArgument());
    const FunctionDecl *FD = Call->getDirectCallee();
    // The library's forwarding functions (make_shared, emplace_back) take
    // lvalues by non-const reference without writing them; of its
    // functions only these reseat their arguments.
    if (FD && FD->isInStdNamespace() &&
        !isStdFunction(FD, {"swap", "exchange", "iter_swap"}))
      return true;
    for (unsigned I = 0; FD && I < Call->getNumArgs(); ++I) {
      if (I >= FD->getNumParams())
        break;
      QualType P = FD->getParamDecl(I)->getType();
      // Moved-from locals still name their object; swapped or otherwise
      // written ones may not.
      if (P->isLValueReferenceType() && !P->getPointeeType().isConstQualified())
        add(Call->getArg(I));
    }
    return true;
  }
  ReassignedSet Set;
};

// The constructor `std::make_shared<T>(args...)` calls: the only one of T
// taking that many arguments, or none when overloads make it ambiguous.
const CXXConstructorDecl *constructorOf(const CallExpr *MakeShared) {
  const FunctionDecl *FD = MakeShared->getDirectCallee();
  if (!FD || !FD->getTemplateSpecializationArgs() ||
      FD->getTemplateSpecializationArgs()->size() == 0)
    return nullptr;
  const TemplateArgument &T = FD->getTemplateSpecializationArgs()->get(0);
  if (T.getKind() != TemplateArgument::Type)
    return nullptr;
  const CXXRecordDecl *RD = T.getAsType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return nullptr;
  unsigned Args = MakeShared->getNumArgs();
  const CXXConstructorDecl *Found = nullptr;
  for (const CXXConstructorDecl *Ctor : RD->getDefinition()->ctors()) {
    if (Ctor->isCopyOrMoveConstructor() ||
        Ctor->getMinRequiredArguments() > Args || Ctor->getNumParams() < Args)
      continue;
    if (Found)
      return nullptr;
    Found = Ctor;
  }
  return Found;
}

class LinkVisitor : public RecursiveASTVisitor<LinkVisitor> {
public:
  LinkVisitor(OwnershipLinks &Links, SmallVectorImpl<OwnershipLink> &Out,
              const ReassignedSet &Reassigned, const CXXRecordDecl *ThisClass)
      : Links(Links), Out(Out), Reassigned(Reassigned), ThisClass(ThisClass) {}

  ObjectName name(const Expr *E) const { return nameObject(E, &Reassigned); }

  bool shouldVisitLambdaExpressions() const { return false; }

  void add(const ObjectName &Holder, const FieldDecl *Field, const Expr *Value,
           const FunctionDecl *Through = nullptr) {
    if (!Holder.known() || !Links.isSharedOwnerField(Field))
      return;
    OwnershipLink L;
    L.Holder = Holder;
    L.Field = Field->getCanonicalDecl();
    L.Target = name(Value);
    L.ThisClass = ThisClass;
    if (!L.Target.known())
      return;
    L.Value = Value;
    L.Through = Through;
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(passedThrough(Value)))
      if (const CXXMethodDecl *M = Call->getMethodDecl())
        L.FromSharedFromThis = M->getDeclName().isIdentifier() &&
                               M->getName() == "shared_from_this";
    Out.push_back(std::move(L));
  }

  void addWrite(const Expr *Destination, const Expr *Value) {
    if (const MemberExpr *Member = writtenField(Destination))
      add(name(Member->getBase()), cast<FieldDecl>(Member->getMemberDecl()),
          Value);
  }

  // Stores the callee makes of its parameters, applied to this call.
  void addThrough(const FunctionDecl *Callee, const ObjectName &Object,
                  ArrayRef<const Expr *> Args) {
    if (!Callee || !Object.known())
      return;
    for (const OwnershipLinks::ParamStore &S : Links.storedParams(Callee))
      if (S.Param < Args.size())
        add(Object, S.Field, Args[S.Param], Callee);
  }

  // The field of an object emptied again: `h->f.reset()`, `h->f = nullptr`.
  void addBreak(const Expr *Destination) {
    const MemberExpr *Member = writtenField(Destination);
    if (!Member)
      return;
    OwnershipLink L;
    L.Holder = name(Member->getBase());
    L.Field = cast<FieldDecl>(Member->getMemberDecl())->getCanonicalDecl();
    L.Breaks = true;
    if (L.Holder.known())
      Out.push_back(std::move(L));
  }

  static bool isEmptyValue(const Expr *E) {
    E = E->IgnoreImplicit();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
      if (Construct->getNumArgs() == 1)
        E = Construct->getArg(0)->IgnoreImplicit();
    if (const auto *Init = dyn_cast<InitListExpr>(E))
      return Init->getNumInits() == 0;
    return E->getType()->isNullPtrType();
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
      if (isEmptyValue(Op->getArg(1)))
        addBreak(Op->getArg(0));
      else
        addWrite(Op->getArg(0), Op->getArg(1));
    }
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (!M || !M->getDeclName().isIdentifier())
      return true;
    SmallVector<const Expr *, 4> Args(Call->arguments());
    if (M->getName() == "reset" && Args.empty())
      addBreak(Call->getImplicitObjectArgument());
    if (isGrowthMethod(M->getName())) {
      if (const MemberExpr *Member =
              writtenField(Call->getImplicitObjectArgument()))
        for (const Expr *Arg : Args)
          add(name(Member->getBase()), cast<FieldDecl>(Member->getMemberDecl()),
              Arg);
      return true;
    }
    // A shared_ptr field reset to a new object: `r.reset(new R(...))`.
    if (M->getName() == "reset" && Args.size() == 1)
      if (const MemberExpr *Member =
              writtenField(Call->getImplicitObjectArgument()))
        add(name(Member->getBase()), cast<FieldDecl>(Member->getMemberDecl()),
            Args[0]);
    // A collection field that is drained holds owners only for a while.
    if (llvm::is_contained(
            {"pop_front", "pop_back", "pop", "erase", "clear", "extract"},
            M->getName()))
      if (const MemberExpr *Member =
              writtenField(Call->getImplicitObjectArgument()))
        Links.markDrained(cast<FieldDecl>(Member->getMemberDecl()));
    addThrough(M, name(Call->getImplicitObjectArgument()), Args);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (isa<CXXMemberCallExpr>(Call) || isa<CXXOperatorCallExpr>(Call))
      return true;
    if (isStdFunction(Call->getDirectCallee(),
                      {"make_shared", "allocate_shared"})) {
      SmallVector<const Expr *, 4> Args(Call->arguments());
      addThrough(constructorOf(Call), name(Call), Args);
    }
    return true;
  }

  bool VisitCXXNewExpr(CXXNewExpr *New) {
    if (const CXXConstructExpr *Construct = New->getConstructExpr()) {
      SmallVector<const Expr *, 4> Args(Construct->arguments());
      addThrough(Construct->getConstructor(), name(New), Args);
    }
    return true;
  }

private:
  OwnershipLinks &Links;
  SmallVectorImpl<OwnershipLink> &Out;
  const ReassignedSet &Reassigned;
  const CXXRecordDecl *ThisClass;
};

// Which parameters a function stores into fields of its object.
class ParamStoreVisitor : public RecursiveASTVisitor<ParamStoreVisitor> {
public:
  ParamStoreVisitor(const FunctionDecl *F,
                    SmallVectorImpl<OwnershipLinks::ParamStore> &Out)
      : F(F), Out(Out) {}

  void record(const FieldDecl *Field, const Expr *Value) {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(passedThrough(Value));
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    if (!Param || Param->getDeclContext() != F)
      return;
    Out.push_back(
        {Param->getFunctionScopeIndex(), Field->getCanonicalDecl(), Value});
  }

  void recordWrite(const Expr *Destination, const Expr *Value) {
    const MemberExpr *Member = writtenField(Destination);
    if (Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      record(cast<FieldDecl>(Member->getMemberDecl()), Value);
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
      recordWrite(Op->getArg(0), Op->getArg(1));
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (M && M->getDeclName().isIdentifier() && isGrowthMethod(M->getName()))
      for (const Expr *Arg : Call->arguments())
        recordWrite(Call->getImplicitObjectArgument(), Arg);
    return true;
  }

private:
  const FunctionDecl *F;
  SmallVectorImpl<OwnershipLinks::ParamStore> &Out;
};

} // namespace

const MemberExpr *writtenField(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
      E = Op->getArg(0)->IgnoreParenImpCasts();
  const auto *Member = dyn_cast<MemberExpr>(E);
  return Member && isa<FieldDecl>(Member->getMemberDecl()) ? Member : nullptr;
}

bool isOwningStep(const PathStep &Step, const ContainerTypes &Containers) {
  return !Step.Field ||
         !ownedClasses(Step.Field->getType(), Containers).empty();
}

unsigned ObjectName::age() const {
  switch (Kind) {
  case Fresh:
    return 0;
  case Variable:
    return isa<ParmVarDecl>(static_cast<const VarDecl *>(Root)) ? 2 : 1;
  case This:
    return 3;
  case Unknown:
    return 0;
  }
  return 0;
}

ObjectName nameObject(const Expr *E, const ReassignedSet *Reassigned) {
  return nameObjectAt(E, Reassigned, 0);
}

ObjectName nameVariable(const VarDecl *VD, const ReassignedSet *Reassigned) {
  if (!VD || VD->hasGlobalStorage())
    return ObjectName();
  return nameVariableAt(VD, Reassigned, 0);
}

ReassignedSet reassignedLocals(const Stmt *Body) {
  ReassignedLocals Changed;
  Changed.TraverseStmt(const_cast<Stmt *>(Body));
  return std::move(Changed.Set);
}

bool ObjectName::ownsOrIs(const ObjectName &Inner) const {
  return known() && Kind == Inner.Kind && Root == Inner.Root &&
         Path.size() <= Inner.Path.size() &&
         std::equal(Path.begin(), Path.end(), Inner.Path.begin());
}

bool OwnershipLinks::isSharedOwnerField(const FieldDecl *Field) const {
  return llvm::any_of(
      ownedClasses(Field->getType(), Containers),
      [](const OwnedClass &O) { return O.Kind == OwnershipKind::Shared; });
}

ArrayRef<OwnershipLinks::ParamStore>
OwnershipLinks::storedParams(const FunctionDecl *F) {
  F = F->getCanonicalDecl();
  auto [It, New] = Summaries.try_emplace(F);
  if (!New)
    return It->second;
  SmallVector<ParamStore, 2> Stores;
  const FunctionDecl *Def = nullptr;
  if (F->hasBody(Def)) {
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def)) {
      ParamStoreVisitor Visitor(Def, Stores);
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isMemberInitializer() && Init->isWritten())
          Visitor.record(Init->getMember(), Init->getInit());
    }
    ParamStoreVisitor(Def, Stores).TraverseStmt(Def->getBody());
  }
  // The lookup above may have grown the map: find the slot again.
  auto &Slot = Summaries[F];
  Slot = std::move(Stores);
  return Slot;
}

SmallVector<OwnershipLink, 4> OwnershipLinks::collect(const FunctionDecl *F) {
  SmallVector<OwnershipLink, 4> Out;
  ReassignedLocals Changed;
  Changed.TraverseStmt(F->getBody());
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  LinkVisitor Visitor(*this, Out, Changed.Set,
                      Method ? Method->getParent() : nullptr);
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F)) {
    ObjectName Self;
    Self.Kind = ObjectName::This;
    for (const CXXCtorInitializer *Init : Ctor->inits()) {
      if (Init->isMemberInitializer() && Init->isWritten())
        Visitor.add(Self, Init->getMember(), Init->getInit());
      if (Init->getInit())
        Visitor.TraverseStmt(const_cast<Expr *>(Init->getInit()));
    }
  }
  Visitor.TraverseStmt(F->getBody());
  return Out;
}

} // namespace leaklint
