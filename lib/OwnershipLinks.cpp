//===--- OwnershipLinks.cpp - Where code makes one object own another -----===//
#include "OwnershipLinks.h"
#include "Compat.h"
#include "OwnershipGraph.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {
namespace {

constexpr unsigned MaxDepth = 8;

bool isStdFunction(const FunctionDecl *FD,
                   std::initializer_list<StringRef> Names) {
  return FD && FD->isInStdNamespace() && FD->getDeclName().isIdentifier() &&
         llvm::is_contained(Names, FD->getName());
}

bool isGrowthMethod(StringRef Name) {
  return llvm::is_contained({"push_back", "emplace_back", "push_front",
                             "emplace_front", "insert", "emplace",
                             "try_emplace", "insert_or_assign", "push"},
                            Name);
}

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

ObjectName nameObjectAt(const Expr *E, unsigned Depth) {
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
               ? nameObjectAt(U->getSubExpr(), Depth + 1)
               : Name;
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if ((Op->getOperator() == OO_Star || Op->getOperator() == OO_Arrow) &&
        Op->getNumArgs() == 1)
      return nameObjectAt(Op->getArg(0), Depth + 1);
    // An element of an owning container is owned through its field.
    if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
      return nameObjectAt(Op->getArg(0), Depth + 1);
    return Name;
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = Member->getMethodDecl();
    if (!M || !M->getDeclName().isIdentifier())
      return Name;
    if (M->getName() == "shared_from_this")
      return nameObjectAt(Member->getImplicitObjectArgument(), Depth + 1);
    if (llvm::is_contained({"front", "back", "at"}, M->getName()))
      return nameObjectAt(Member->getImplicitObjectArgument(), Depth + 1);
    if (M->getName() == "get" &&
        sharedPointee(Member->getImplicitObjectArgument()->getType()))
      return nameObjectAt(Member->getImplicitObjectArgument(), Depth + 1);
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
    Name = nameObjectAt(Member->getBase(), Depth + 1);
    if (Name.known())
      Name.Path.push_back(Field->getCanonicalDecl());
    return Name;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD || VD->hasGlobalStorage())
      return Name;
    // A local stands for the object its initializer names, so that
    // `auto n = std::make_shared<Node>(...)` and later uses of `n` agree.
    if (!isa<ParmVarDecl>(VD) && VD->getInit()) {
      ObjectName Init = nameObjectAt(VD->getInit(), Depth + 1);
      if (Init.known())
        return Init;
    }
    Name.Kind = ObjectName::Variable;
    Name.Root = VD->getCanonicalDecl();
    return Name;
  }
  return Name;
}

// The field `E` writes, with the expression of its holder: `h->f`, `h.f`,
// `f` (implicitly this->f), `h->f[k]`.
const MemberExpr *writtenField(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
      E = Op->getArg(0)->IgnoreParenImpCasts();
  const auto *Member = dyn_cast<MemberExpr>(E);
  return Member && isa<FieldDecl>(Member->getMemberDecl()) ? Member : nullptr;
}

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
  LinkVisitor(OwnershipLinks &Links, SmallVectorImpl<OwnershipLink> &Out)
      : Links(Links), Out(Out) {}

  bool shouldVisitLambdaExpressions() const { return false; }

  void add(const ObjectName &Holder, const FieldDecl *Field, const Expr *Value,
           const FunctionDecl *Through = nullptr) {
    if (!Holder.known() || !Links.isSharedOwnerField(Field))
      return;
    OwnershipLink L;
    L.Holder = Holder;
    L.Field = Field->getCanonicalDecl();
    L.Target = nameObject(Value);
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
      add(nameObject(Member->getBase()),
          cast<FieldDecl>(Member->getMemberDecl()), Value);
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

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
      addWrite(Op->getArg(0), Op->getArg(1));
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (!M || !M->getDeclName().isIdentifier())
      return true;
    SmallVector<const Expr *, 4> Args(Call->arguments());
    if (isGrowthMethod(M->getName())) {
      if (const MemberExpr *Member =
              writtenField(Call->getImplicitObjectArgument()))
        for (const Expr *Arg : Args)
          add(nameObject(Member->getBase()),
              cast<FieldDecl>(Member->getMemberDecl()), Arg);
      return true;
    }
    addThrough(M, nameObject(Call->getImplicitObjectArgument()), Args);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (isa<CXXMemberCallExpr>(Call) || isa<CXXOperatorCallExpr>(Call))
      return true;
    if (isStdFunction(Call->getDirectCallee(),
                      {"make_shared", "allocate_shared"})) {
      SmallVector<const Expr *, 4> Args(Call->arguments());
      addThrough(constructorOf(Call), nameObject(Call), Args);
    }
    return true;
  }

  bool VisitCXXNewExpr(CXXNewExpr *New) {
    if (const CXXConstructExpr *Construct = New->getConstructExpr()) {
      SmallVector<const Expr *, 4> Args(Construct->arguments());
      addThrough(Construct->getConstructor(), nameObject(New), Args);
    }
    return true;
  }

private:
  OwnershipLinks &Links;
  SmallVectorImpl<OwnershipLink> &Out;
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
    Out.push_back({Param->getFunctionScopeIndex(), Field->getCanonicalDecl()});
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

ObjectName nameObject(const Expr *E) { return nameObjectAt(E, 0); }

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
  LinkVisitor Visitor(*this, Out);
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
