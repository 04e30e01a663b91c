//===--- ObjectNames.cpp - Which object an expression denotes -------------===//
#include "ObjectNames.h"
#include "OwnershipGraph.h"
#include "FreshResults.h"
#include "code/Accessors.h"
#include "code/LibraryFunctions.h"
#include "identity/ForwardingCalls.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {
namespace {

constexpr unsigned MaxDepth = 8;

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
        Op->getNumArgs() == 1) {
      Name = nameObjectAt(Op->getArg(0), Reassigned, Depth + 1);
      // `doc->execute(...)` on a handle class (one shared_ptr held by
      // value): the object is what the handle's field points to, as a
      // handle's carried owner is (OwnershipLinks::carriedOwner).
      if (const FieldDecl *Handle = handleField(
              Op->getArg(0)->getType().getNonReferenceType()
                  ->getAsCXXRecordDecl(),
              nullptr);
          Handle && Name.known())
        Name.Path.push_back({Handle->getCanonicalDecl(), nullptr});
      return Name;
    }
    if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
      return elementOf(nameObjectAt(Op->getArg(0), Reassigned, Depth + 1), E);
    return Name;
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = Member->getMethodDecl();
    if (!M || !M->getDeclName().isIdentifier())
      return Name;
    const Expr *Object = Member->getImplicitObjectArgument();
    // shared_from_this(), weak_from_this().lock(), getShared().
    if (const Expr *Operand = forwardedOperand(Member))
      return nameObjectAt(Operand, Reassigned, Depth + 1);
    if (llvm::is_contained({"front", "back", "at"}, M->getName()))
      return elementOf(nameObjectAt(Object, Reassigned, Depth + 1), E);
    // `wire().onClose`: an accessor that hands out a field of its object;
    // `observers().add(v)`: one that hands out what a field points to.
    const FieldDecl *Field = fieldHandedOutBy(Member);
    if (!Field)
      Field = fieldPointeeHandedOutBy(Member);
    if (Field) {
      Name = nameObjectAt(Object, Reassigned, Depth + 1);
      if (Name.known())
        Name.Path.push_back({Field->getCanonicalDecl(), nullptr});
      return Name;
    }
    // `p->downTrackFor(Id).forwarder`: one that hands out an entry of a
    // field.
    if (const FieldDecl *Entries = fieldEntryHandedOutBy(Member)) {
      Name = nameObjectAt(Object, Reassigned, Depth + 1);
      if (Name.known())
        Name.Path.push_back({Entries->getCanonicalDecl(), nullptr});
      return elementOf(Name, E);
    }
    // `p.get()` names what `*p` does, for shared and unique owners.
    if (M->getName() == "get" &&
        (sharedPointee(Object->getType()) || isUniqueOwner(Object->getType())))
      return nameObjectAt(Object, Reassigned, Depth + 1);
    // `makeEdge()`: a factory method makes the object it returns.
    if (returnsFreshObject(M)) {
      Name.Kind = ObjectName::Fresh;
      Name.Root = E;
    }
    return Name;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    // A project's cast helper: `Cast<Block>(shared_from_this())`.
    if (const Expr *Operand = forwardedOperand(Call))
      return nameObjectAt(Operand, Reassigned, Depth + 1);
    // std::make_shared and the like, and a factory: `Node::create(p)`.
    if (isStdFunction(Call->getDirectCallee(),
                      {"make_shared", "allocate_shared", "make_unique"}) ||
        (!isa<CXXOperatorCallExpr>(Call) &&
         returnsFreshObject(Call->getDirectCallee()))) {
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
    // A local written after its declaration names the value this use reads.
    if (Reassigned && Reassigned->count(VD->getCanonicalDecl())) {
      if (const void *Version = Reassigned->versionAt(Ref)) {
        Name.Kind = ObjectName::Variable;
        Name.Root = VD->getCanonicalDecl();
        Name.Version = Version;
      }
      return Name;
    }
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

} // namespace

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
      // A copy of a handle class shares the same object.
      if (Construct->getNumArgs() == 1 && Construct->getConstructor() &&
          Construct->getConstructor()->isCopyOrMoveConstructor() &&
          handleField(Construct->getType()->getAsCXXRecordDecl())) {
        E = Construct->getArg(0);
        continue;
      }
      // unique_ptr(std::move(other)): the same object, handed on.
      if (Construct->getNumArgs() == 1 && isUniqueOwner(Construct->getType()) &&
          isUniqueOwner(Construct->getArg(0)->getType())) {
        E = Construct->getArg(0);
        continue;
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

const MemberExpr *writtenField(const Expr *E, const DeclRefExpr **Alias) {
  bool Subscripted = false;
  for (unsigned Depth = 0; E && Depth < MaxDepth; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E)) {
      E = Cleanups->getSubExpr();
      continue;
    }
    // A local reference writes what it is bound to (`auto &slot =
    // stubs_[name]; ... slot = created;`): a reference is never re-seated.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
      if (!VD || isa<ParmVarDecl>(VD) || !VD->hasLocalStorage() ||
          !VD->getType()->isLValueReferenceType() || !VD->getInit())
        return nullptr;
      if (Alias && !*Alias)
        *Alias = Ref;
      E = VD->getInit();
      continue;
    }
    // One element of the field (`h->f[k]`, `h->f.at(k)`), also through a
    // reference.
    if (const Expr *Entries = Subscripted ? nullptr : entryContainer(E)) {
      Subscripted = true;
      E = Entries;
      continue;
    }
    const auto *Member = dyn_cast<MemberExpr>(E);
    return Member && isa<FieldDecl>(Member->getMemberDecl()) ? Member
                                                              : nullptr;
  }
  return nullptr;
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


bool ObjectName::ownsOrIs(const ObjectName &Inner) const {
  return known() && Kind == Inner.Kind && Root == Inner.Root &&
         Version == Inner.Version &&
         Path.size() <= Inner.Path.size() &&
         std::equal(Path.begin(), Path.end(), Inner.Path.begin());
}

} // namespace leaklint
