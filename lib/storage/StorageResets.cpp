//===--- StorageResets.cpp - Fields some code empties again ---------------===//
#include "StorageResets.h"
#include "Compat.h"
#include "code/Accessors.h"
#include "code/LibraryFunctions.h"
#include "code/LocalUses.h"
#include "code/Paths.h"
#include "code/SkippedBodies.h"
#include "code/Temporaries.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {
namespace {

// The field \p E names, looking through element access and accessors:
// `f`, `h->f`, `f[k]`, `h.onClick()`. Dependent code is read as written.
const FieldDecl *fieldOf(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  // `*w.handler()`, `w.handler()->`: what the pointer an accessor returns
  // points at.
  if (const auto *Deref = dyn_cast<UnaryOperator>(E);
      Deref && Deref->getOpcode() == UO_Deref)
    E = Deref->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    return fieldHandedOutBy(Call);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2)
      E = Op->getArg(0)->IgnoreParenImpCasts();
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    E = Subscript->getBase()->IgnoreParenImpCasts();
  const auto *Member = dyn_cast<MemberExpr>(E);
  return Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
}

// The name \p Name spells, or "" (an empty DeclarationName counts as an
// identifier but has none).
StringRef identifier(const DeclarationName &Name) {
  const IdentifierInfo *II = Name.getAsIdentifierInfo();
  return II ? II->getName() : StringRef();
}

// What removes elements (see LocalUses.h), and what empties a single
// callable or smart pointer or swaps the contents away.
bool isEmptyingMethod(StringRef Name) {
  return isRemovalMethod(Name) ||
         llvm::is_contained({"reset", "pop", "swap", "resize"}, Name);
}
bool isEmptyingMethod(const DeclarationName &Name) {
  return isEmptyingMethod(identifier(Name));
}

// Methods that empty a field of everything at once, not of some elements.
bool emptiesWhole(const DeclarationName &Name) {
  return llvm::is_contained({"clear", "reset", "swap"}, identifier(Name));
}

// The first reset of a field is the one reported, unless a later one
// empties it whole and the first does not: that one says more.
void keepFirst(llvm::DenseMap<const FieldDecl *, StorageReset> &Map,
               const FieldDecl *Field, const StorageReset &Reset) {
  auto [It, New] = Map.try_emplace(Field, Reset);
  if (!New && Reset.Whole && !It->second.Whole)
    It->second = Reset;
}

// Free functions that take a field's contents away, or shrink it.
bool isEmptyingFunction(const DeclarationName &Name) {
  return llvm::is_contained(emptyingStdFunctions(), identifier(Name));
}

// The statements of a body that fill a field of the object itself with a
// value (`onMessage_ = [self] {...}`), and the calls of the object's own
// member functions whose bodies do, a few calls deep (`connect()`).
class Refills : public RecursiveASTVisitor<Refills> {
public:
  Refills(const FieldDecl *Field, unsigned Depth) : Field(Field), Depth(Depth) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() == BO_Assign)
      assignment(B, B->getLHS(), B->getRHS());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
      assignment(Op, Op->getArg(0), Op->getArg(1));
    return true;
  }
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    const FunctionDecl *Def = nullptr;
    if (Depth < 3 && M && !M->isVirtual() &&
        isa<CXXThisExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts()) &&
        M->hasBody(Def) && Def->getBody()) {
      Refills Inner(Field, Depth + 1);
      Inner.TraverseStmt(Def->getBody());
      if (!Inner.Found.empty())
        Found.push_back(Call);
    }
    return true;
  }
  llvm::SmallVector<const Stmt *, 2> Found;

private:
  void assignment(const Stmt *S, const Expr *LHS, const Expr *RHS) {
    const FieldDecl *Target = fieldOf(LHS);
    if (Target && StorageResets::key(Target) == StorageResets::key(Field) &&
        ownField(LHS) && !isEmptyValue(RHS))
      Found.push_back(S);
  }
  const FieldDecl *Field;
  unsigned Depth;
};

class ResetVisitor : public RecursiveASTVisitor<ResetVisitor> {
public:
  ResetVisitor(const FunctionDecl *F,
               llvm::DenseMap<const FieldDecl *, StorageReset> &Resets,
               const StorageResets::SetterArguments &Setters,
               StorageResets::ElementResetMap *EveryElement = nullptr)
      : F(F), Resets(Resets), Setters(Setters), EveryElement(EveryElement) {}

  void record(const Expr *Target, const Expr *Where, bool Whole) {
    const FieldDecl *Field = fieldOf(Target);
    if (!Field || (OwnFieldsOnly && !ownField(Target)) ||
        refilledAfter(Target, Where, Field))
      return;
    StorageReset Reset{Where->getBeginLoc(), F, Whole};
    keepFirst(Resets, StorageResets::key(Field), Reset);
    if (const FieldDecl *Collection = EveryElement ? walked(Target) : nullptr)
      EveryElement->try_emplace(
          {StorageResets::key(Field), StorageResets::key(Collection)}, Reset);
  }

  // `for (auto &M : Members)`: the loop variable stands for every element.
  bool VisitCXXForRangeStmt(CXXForRangeStmt *Loop) {
    if (const FieldDecl *Collection = fieldOf(Loop->getRangeInit()))
      if (const VarDecl *V = Loop->getLoopVariable())
        LoopOver[V] = Collection;
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() == BO_Assign && isEmptyValue(B->getRHS()))
      record(B->getLHS(), B, /*Whole=*/true);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    // `setOnMessage(nullptr)`: a setter handed an empty value. Asked only
    // when an argument is empty: most calls pass none.
    if (Setters && !OwnFieldsOnly && !Call->isTypeDependent() &&
        llvm::any_of(Call->arguments(), [](const Expr *A) {
          return isEmptyValue(A);
        }))
      for (const auto &[Arg, Field] : Setters(Call))
        if (isEmptyValue(Arg))
          keepFirst(Resets, StorageResets::key(Field),
                    StorageReset{Call->getBeginLoc(), F, /*Whole=*/true});
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
          isEmptyValue(Op->getArg(1)))
        record(Op->getArg(0), Op, /*Whole=*/true);
      return true;
    }
    const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
    // `f.clear()`, and in templates the same call not yet resolved.
    if (const auto *Member = dyn_cast<MemberExpr>(Callee)) {
      if (isEmptyingMethod(Member->getMemberDecl()->getDeclName()))
        record(Member->getBase(), Call,
               emptiesWhole(Member->getMemberDecl()->getDeclName()));
      // `functors.swap(pending_)`: the field's contents go to the local.
      if (identifier(Member->getMemberDecl()->getDeclName()) == "swap" &&
          Call->getNumArgs() == 1)
        record(Call->getArg(0), Call, /*Whole=*/true);
      return true;
    }
    if (const auto *Member = dyn_cast<CXXDependentScopeMemberExpr>(Callee)) {
      if (!Member->isImplicitAccess() && isEmptyingMethod(Member->getMember()))
        record(Member->getBase(), Call, emptiesWhole(Member->getMember()));
      return true;
    }
    if (const auto *Member = dyn_cast<UnresolvedMemberExpr>(Callee)) {
      if (!Member->isImplicitAccess() &&
          isEmptyingMethod(Member->getMemberName()))
        record(Member->getBase(), Call, emptiesWhole(Member->getMemberName()));
      return true;
    }
    // `std::exchange(f, nullptr)`, `std::swap(f, g)`, `g(std::move(f))`.
    DeclarationName Name;
    if (const FunctionDecl *FD = Call->getDirectCallee()) {
      if (FD->isInStdNamespace())
        Name = FD->getDeclName();
    } else if (const auto *Lookup = dyn_cast<UnresolvedLookupExpr>(Callee)) {
      Name = Lookup->getName();
    }
    if (!isEmptyingFunction(Name))
      return true;
    bool Both = identifier(Name) == "swap";
    for (unsigned I = 0; I < Call->getNumArgs() && I < (Both ? 2u : 1u); ++I)
      record(Call->getArg(I), Call, /*Whole=*/true);
    return true;
  }

private:
  // `onMessage_ = nullptr; connect(broker_);`, where connect() stores a new
  // callback: the function replaces what the field holds and lets go of
  // nothing, when every way out of it passes such a refill.
  bool refilledAfter(const Expr *Target, const Stmt *Reset,
                     const FieldDecl *Field) {
    if (!F->getBody() || !ownField(Target))
      return false;
    auto [It, New] = RefillsOf.try_emplace(StorageResets::key(Field));
    if (New) {
      Refills R(Field, 0);
      R.TraverseStmt(F->getBody());
      It->second = std::move(R.Found);
    }
    return !It->second.empty() && everyPathPasses(F, Reset, It->second);
  }

  // The collection field whose every element \p Target's object is:
  // `M->Room` or `M.Room` in a range-for over it.
  const FieldDecl *walked(const Expr *Target) const {
    const auto *Member = dyn_cast<MemberExpr>(Target->IgnoreParenImpCasts());
    return Member ? walkedObject(Member->getBase()) : nullptr;
  }

  // The collection field whose every element \p Object is: the loop
  // variable of a range-for over it (`M`, `*M`, `M->`), or for a map the
  // mapped value (`KV.second`, `auto &[Key, Value]`).
  const FieldDecl *walkedObject(const Expr *Object) const {
    const Expr *Base = Object->IgnoreParenImpCasts();
    if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Base);
        Arrow && (Arrow->getOperator() == OO_Arrow ||
                  Arrow->getOperator() == OO_Star) &&
        Arrow->getNumArgs() == 1)
      Base = Arrow->getArg(0)->IgnoreParenImpCasts();
    if (const auto *Second = dyn_cast<MemberExpr>(Base);
        Second && Second->getMemberDecl()->getIdentifier() &&
        Second->getMemberDecl()->getName() == "second")
      Base = Second->getBase()->IgnoreParenImpCasts();
    const auto *Ref = dyn_cast<DeclRefExpr>(Base);
    if (!Ref)
      return nullptr;
    if (const auto *Binding = dyn_cast<BindingDecl>(Ref->getDecl())) {
      const auto *Whole =
          dyn_cast_or_null<DecompositionDecl>(Binding->getDecomposedDecl());
      if (!Whole || Whole->bindings().size() != 2 ||
          Whole->bindings()[1] != Binding)
        return nullptr;
      return LoopOver.lookup(Whole);
    }
    const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
    return V ? LoopOver.lookup(V) : nullptr;
  }

public:
  // `for (auto &KV : Entities) KV.second->detach();` where `detach()`
  // resets a field of its own object: that field, in every element. One
  // call deep, non-virtual methods whose body is here.
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    const FunctionDecl *Def = nullptr;
    // A destructor that calls a teardown (`~Guard() { conf_->hangupAll(); }`)
    // empties what that method empties of its own object, one call deep.
    if (FollowCalls && M && !M->isVirtual() && M->hasBody(Def) &&
        Def->getBody() && Def != F) {
      llvm::DenseMap<const FieldDecl *, StorageReset> Own;
      ResetVisitor Inner(Def, Own, Setters);
      Inner.OwnFieldsOnly = true;
      Inner.TraverseStmt(Def->getBody());
      for (const auto &[Field, Reset] : Own)
        keepFirst(Resets, Field,
                  StorageReset{Call->getBeginLoc(), F, Reset.Whole});
    }
    const FieldDecl *Collection =
        EveryElement && !OwnFieldsOnly && M && !M->isVirtual()
            ? walkedObject(Call->getImplicitObjectArgument())
            : nullptr;
    if (!Collection || !M->hasBody(Def) || !Def->getBody())
      return true;
    llvm::DenseMap<const FieldDecl *, StorageReset> Own;
    ResetVisitor Inner(Def, Own, Setters);
    Inner.OwnFieldsOnly = true;
    Inner.TraverseStmt(Def->getBody());
    for (const auto &[Field, Reset] : Own)
      EveryElement->try_emplace({Field, StorageResets::key(Collection)},
                                StorageReset{Call->getBeginLoc(), F});
    return true;
  }
  /// Record only resets of the object's own fields (`this->`).
  bool OwnFieldsOnly = false;
  /// Also what the methods called here empty of their own objects.
  bool FollowCalls = false;

private:

  const FunctionDecl *F;
  llvm::DenseMap<const FieldDecl *, StorageReset> &Resets;
  const StorageResets::SetterArguments &Setters;
  StorageResets::ElementResetMap *EveryElement;
  llvm::DenseMap<const VarDecl *, const FieldDecl *> LoopOver;
  /// The refills of each field in F, read on the first reset of it.
  llvm::DenseMap<const FieldDecl *, llvm::SmallVector<const Stmt *, 2>>
      RefillsOf;
};

} // namespace

// `nullptr`, `{}`, `Callback()`, `std::function<void()>{}`.
bool isEmptyValue(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = ignoreTemporaries(E);
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    if (!Construct)
      break;
    if (Construct->getNumArgs() != 1)
      return Construct->getNumArgs() == 0;
    E = Construct->getArg(0);
  }
  if (!E)
    return false;
  if (const auto *Init = dyn_cast<InitListExpr>(E))
    return Init->getNumInits() == 0;
  if (const auto *Unresolved = dyn_cast<CXXUnresolvedConstructExpr>(E))
    return Unresolved->getNumArgs() == 0;
  return isa<CXXScalarValueInitExpr>(E) || isa<CXXNullPtrLiteralExpr>(E) ||
         E->getType()->isNullPtrType();
}

const FieldDecl *StorageResets::key(const FieldDecl *Field) {
  const auto *RD = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (const CXXRecordDecl *Pattern =
          RD ? RD->getTemplateInstantiationPattern() : nullptr) {
    unsigned Index = Field->getFieldIndex();
    for (const FieldDecl *F : Pattern->fields())
      if (F->getFieldIndex() == Index)
        return F->getCanonicalDecl();
  }
  return Field->getCanonicalDecl();
}

void StorageResets::readPending() const {
  // read() never collects, so Pending does not grow while it is read.
  for (const FunctionDecl *F : Pending)
    read(F);
  Pending.clear();
}

void StorageResets::read(const FunctionDecl *F) const {
  if (isa<CXXConstructorDecl>(F))
    return;
  // `cb_ = std::move(other.cb_)` empties the other object's field, and a
  // copy or move assignment runs when objects are replaced, not to break
  // a cycle of this one.
  if (const auto *M = dyn_cast<CXXMethodDecl>(F);
      M && (M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator()))
    return;
  if (isa<CXXDestructorDecl>(F)) {
    if (!F->getBody())
      return;
    llvm::DenseMap<const FieldDecl *, StorageReset> InDestructor;
    ResetVisitor Visitor(F, InDestructor, Setters);
    Visitor.FollowCalls = true;
    Visitor.TraverseStmt(F->getBody());
    for (const auto &[Field, Reset] : InDestructor)
      DestructorResets[Field].push_back(Reset);
    return;
  }
  // A reset in a function nothing runs (a signal's clear() nobody calls)
  // breaks nothing. Known in a whole program only: a fragment's teardown
  // may wait for callers the fragment leaves out.
  if (Uncalled.definesMain(F->getASTContext()) && Uncalled.isUncalled(F))
    return;
  llvm::DenseMap<const FieldDecl *, StorageReset> InFunction;
  if (F->getBody())
    ResetVisitor(F, InFunction, Setters, &ElementResets)
        .TraverseStmt(F->getBody());
  else
    for (const SkippedEmptying &E : emptyingsOfSkippedBody(
             F, [](StringRef Method) { return isEmptyingMethod(Method); }))
      InFunction.try_emplace(key(E.Field), StorageReset{E.Where, F});
  for (const auto &[Field, Reset] : InFunction) {
    keepFirst(Resets, Field, Reset);
    AllResets[Field].push_back(Reset);
  }
}

const StorageReset *StorageResets::findInDestructor(
    const FieldDecl *Field,
    llvm::function_ref<bool(const CXXRecordDecl *)> RunsOnlyAfter,
    bool WholeOnly) {
  readPending();
  auto It = DestructorResets.find(key(Field));
  if (It == DestructorResets.end())
    return nullptr;
  for (const StorageReset &R : It->second)
    if ((!WholeOnly || R.Whole) &&
        !RunsOnlyAfter(cast<CXXDestructorDecl>(R.In)->getParent()))
      return &R;
  return nullptr;
}

const StorageReset *StorageResets::find(const FieldDecl *Field) {
  readPending();
  if (const auto *RD = dyn_cast<CXXRecordDecl>(key(Field)->getParent());
      OnDemand && RD && ReadClasses.insert(RD).second)
    for (const FunctionDecl *Skipped : skippedMembers(RD))
      read(Skipped);
  auto It = Resets.find(key(Field));
  return It == Resets.end() ? nullptr : &It->second;
}

llvm::ArrayRef<StorageReset> StorageResets::findAll(const FieldDecl *Field) {
  find(Field); // reads what is pending, and skipped members on demand
  auto It = AllResets.find(key(Field));
  return It == AllResets.end() ? llvm::ArrayRef<StorageReset>()
                               : llvm::ArrayRef<StorageReset>(It->second);
}

const StorageReset *
StorageResets::findForEveryElement(const FieldDecl *Field,
                                   const FieldDecl *Collection) {
  find(Field); // reads what is pending, and skipped members on demand
  auto It = ElementResets.find({key(Field), key(Collection)});
  return It == ElementResets.end() ? nullptr : &It->second;
}

} // namespace leaklint
