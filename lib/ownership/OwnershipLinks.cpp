//===--- OwnershipLinks.cpp - Where code makes one object own another -----===//
#include "OwnershipLinks.h"
#include "Compat.h"
#include "OwnershipGraph.h"
#include "CallableHolders.h"
#include "FreshResults.h"
#include "code/Accessors.h"
#include "code/Returns.h"
#include "code/AggregateInits.h"
#include "code/CallParts.h"
#include "code/LibraryFunctions.h"
#include "code/SkippedBodies.h"
#include "code/SpelledNames.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {
bool isDrainMethod(StringRef Name) {
  return llvm::is_contained(
      {"pop_front", "pop_back", "pop", "erase", "clear", "extract"}, Name);
}

bool isGrowthMethod(StringRef Name) {
  return llvm::is_contained({"push_back", "emplace_back", "push_front",
                             "emplace_front", "insert", "emplace",
                             "try_emplace", "insert_or_assign", "push"},
                            Name);
}

namespace {

// The two parts of a std::pair made here: `{k, v}`, `std::pair(k, v)`,
// `std::make_pair(k, v)`; nulls for anything else.
std::pair<const Expr *, const Expr *> pairParts(const Expr *E) {
  if (const auto *Call = dyn_cast<CallExpr>(E);
      Call && Call->getNumArgs() == 2 &&
      isStdFunction(Call->getDirectCallee(), {"make_pair"}))
    return {Call->getArg(0), Call->getArg(1)};
  const auto *Construct = dyn_cast<CXXConstructExpr>(E);
  const CXXRecordDecl *RD =
      Construct ? Construct->getType()->getAsCXXRecordDecl() : nullptr;
  if (!RD || Construct->getNumArgs() != 2 || !RD->isInStdNamespace() ||
      !RD->getIdentifier() || RD->getName() != "pair")
    return {nullptr, nullptr};
  return {Construct->getArg(0), Construct->getArg(1)};
}

// The class `std::make_shared<T>(args...)` makes.
const CXXRecordDecl *madeClass(const CallExpr *MakeShared) {
  const FunctionDecl *FD = MakeShared->getDirectCallee();
  if (!FD || !FD->getTemplateSpecializationArgs() ||
      FD->getTemplateSpecializationArgs()->size() == 0)
    return nullptr;
  const TemplateArgument &T = FD->getTemplateSpecializationArgs()->get(0);
  if (T.getKind() != TemplateArgument::Type)
    return nullptr;
  const CXXRecordDecl *RD = T.getAsType()->getAsCXXRecordDecl();
  return RD && RD->hasDefinition() ? RD : nullptr;
}

// The constructor `std::make_shared<T>(args...)` calls: the only one of T
// taking that many arguments, or none when overloads make it ambiguous.
const CXXConstructorDecl *constructorOf(const CallExpr *MakeShared) {
  const CXXRecordDecl *RD = madeClass(MakeShared);
  if (!RD)
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

// True when \p Body grows a field other than \p Field with the element at
// an end of \p Field: `redo_.push_back(std::move(done_.back()))`.
bool movesEndIntoOtherField(const Stmt *Body, const FieldDecl *Field) {
  if (!Body)
    return false;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Body)) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    const MemberExpr *Grown =
        M && M->getDeclName().isIdentifier() && isGrowthMethod(M->getName())
            ? writtenField(Call->getImplicitObjectArgument())
            : nullptr;
    if (Grown && Grown->getMemberDecl()->getCanonicalDecl() !=
                     Field->getCanonicalDecl())
      for (const Expr *Arg : Call->arguments()) {
        const auto *End = dyn_cast_or_null<CXXMemberCallExpr>(
            passedThrough(Arg)->IgnoreParenImpCasts());
        const CXXMethodDecl *EndM = End ? End->getMethodDecl() : nullptr;
        const MemberExpr *From =
            EndM && EndM->getDeclName().isIdentifier() &&
                    llvm::is_contained({"back", "front", "top"},
                                       EndM->getName())
                ? writtenField(End->getImplicitObjectArgument())
                : nullptr;
        if (From && From->getMemberDecl()->getCanonicalDecl() ==
                        Field->getCanonicalDecl())
          return true;
      }
  }
  if (isa<LambdaExpr>(Body))
    return false;
  return llvm::any_of(Body->children(), [&](const Stmt *Child) {
    return movesEndIntoOtherField(Child, Field);
  });
}

class LinkVisitor : public RecursiveASTVisitor<LinkVisitor> {
public:
  LinkVisitor(OwnershipLinks &Links, SmallVectorImpl<OwnershipLink> &Out,
              const ReassignedSet &Reassigned, const FunctionDecl *Function,
              SmallVectorImpl<OpaqueCall> *Opaque,
              SmallVectorImpl<MovedLocalStore> *MovedLocals)
      : Links(Links), Out(Out), Reassigned(Reassigned), Function(Function),
        ThisClass(isa<CXXMethodDecl>(Function)
                      ? cast<CXXMethodDecl>(Function)->getParent()
                      : nullptr),
        Opaque(Opaque), MovedLocals(MovedLocals) {}

  ObjectName name(const Expr *E) const { return nameObject(E, &Reassigned); }

  bool shouldVisitLambdaExpressions() const { return false; }

  void add(const ObjectName &Holder, const FieldDecl *Field, const Expr *Value,
           const FunctionDecl *Through = nullptr) {
    if (!Holder.known() || !Links.isSharedOwnerField(Field))
      return;
    OwnershipLink L;
    L.Holder = Holder;
    L.Field = Field->getCanonicalDecl();
    L.Target = Links.carriedOwner(Value, Reassigned);
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

  // A store into the field \p Member writes; the holder is named only for
  // fields that hold shared owners (naming may build the function's CFG).
  void addField(const MemberExpr *Member, const Expr *Value) {
    const auto *Field = cast<FieldDecl>(Member->getMemberDecl());
    if (!Links.isSharedOwnerField(Field)) {
      if (Links.isUniqueOwnerField(Field))
        addAdoption(Member, Field, Value);
      return;
    }
    if (MovedLocals)
      if (std::optional<SpelledName> Root = spelledName(Member->getBase());
          Root && Root->Var && Reassigned.count(Root->Var))
        MovedLocals->push_back({Member, Value});
    add(name(Member->getBase()), Field, Value);
    addValueAdoption(name(Member->getBase()), Field, Value);
  }

  // A store into what an accessor hands out (`w->bindings().push_back(b)`,
  // `bindings()` returning `bindings_`), or into an entry of it: a store
  // into that field of the object the accessor is called on.
  bool addAccessed(const Expr *E, const Expr *Value) {
    const auto *Accessor =
        dyn_cast_or_null<CXXMemberCallExpr>(E ? E->IgnoreParenImpCasts()
                                              : nullptr);
    const FieldDecl *Field = Accessor ? fieldHandedOutBy(Accessor) : nullptr;
    // One that hands out an entry of the field: `s->slot(i) = stream`.
    if (!Field && Accessor)
      Field = fieldEntryHandedOutBy(Accessor);
    if (!Field)
      return false;
    const Expr *Base = Accessor->getImplicitObjectArgument();
    if (!Links.isSharedOwnerField(Field)) {
      if (Links.isUniqueOwnerField(Field))
        addAdoption(name(Base), Field, Value, /*Copy=*/false);
      return true;
    }
    add(name(Base), Field, Value);
    addValueAdoption(name(Base), Field, Value);
    return true;
  }

  // A value of a class \p Field holds by value, stored into the field of
  // \p Holder: the element is that value's object from here on, for what
  // was written into it.
  // - A local (`Track t; ... tracks_.push_back(t);`): the element stored
  //   is a copy of it, holding what was written into it before the copy.
  // - A factory's result by value (`tracks_.push_back(makeTrack())`): the
  //   element is the object the call made, with all the factory wrote.
  void addValueAdoption(ObjectName Holder, const FieldDecl *Field,
                        const Expr *Value) {
    const Expr *Passed = passedThrough(Value);
    if (!Passed)
      return;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Passed)) {
      const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
      if (VD && VD->isLocalVarDecl() && !VD->isStaticLocal() &&
          !VD->getType()->isReferenceType() &&
          heldByValue(Field, VD->getType()->getAsCXXRecordDecl()))
        addAdoption(std::move(Holder), Field, Value, /*Copy=*/true);
      return;
    }
    const auto *Call = dyn_cast<CallExpr>(Passed);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (Callee && !isa<CXXOperatorCallExpr>(Call) &&
        heldByValue(Field, returnedValueClass(Callee)) &&
        returnsFreshObject(Callee))
      addAdoption(std::move(Holder), Field, Value, /*Copy=*/false);
  }

  bool heldByValue(const FieldDecl *Field, const CXXRecordDecl *RD) const {
    return RD && llvm::any_of(ownedClasses(Field->getType(),
                                           Links.containers()),
                              [&](const OwnedClass &O) {
                                return O.Kind == OwnershipKind::Value &&
                                       O.Class->getCanonicalDecl() ==
                                           RD->getCanonicalDecl();
                              });
  }

  // An object the function has in hand moved into a field that owns it
  // alone (`kids_.push_back(std::move(child))`, `h_ = std::make_unique<H>(
  // shared_from_this())`): from here on it is that field's object, and
  // what it holds, the holder of the field owns through it.
  //
  // A local copied into a field that holds it by value is so too, for what
  // was written into it before the copy: the element holds a copy of it.
  void addAdoption(const MemberExpr *Member, const FieldDecl *Field,
                   const Expr *Value, bool Copy = false) {
    addAdoption(name(Member->getBase()), Field, Value, Copy);
  }
  void addAdoption(ObjectName Holder, const FieldDecl *Field,
                   const Expr *Value, bool Copy) {
    ObjectName Object = name(Value);
    if (!isLocalObject(Object) || !Object.Path.empty() || !Holder.known() ||
        Holder.Root == Object.Root)
      return;
    Adoptions.push_back({std::move(Object),
                         storedSlot(std::move(Holder), Field, Value,
                                    Links.containers()),
                         Field, Value, Copy});
  }

  // `h_.release()` on a unique_ptr field: the object it held is no longer
  // the field's (`h_ = std::make_unique<H>(shared_from_this());
  // post([h = h_.release()] { delete h; })`).
  void addRelease(const CXXMemberCallExpr *Call) {
    const auto *Member = dyn_cast<MemberExpr>(
        Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
    const auto *Field =
        Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
    if (!Field || !isUniqueOwner(Field->getType()))
      return;
    ObjectName Slot = name(Member->getBase());
    if (!Slot.known())
      return;
    Slot.Path.push_back({Field->getCanonicalDecl(), nullptr});
    Releases.push_back({std::move(Slot), Call});
  }

  // True when the unique_ptr \p Slot, into which \p Value was moved, lets
  // go of it later in the function: the object is then no longer its.
  bool releasedAfter(const ObjectName &Slot, const Expr *Value) const {
    const SourceManager &SM = Function->getASTContext().getSourceManager();
    return llvm::any_of(Releases, [&](const auto &R) {
      return R.first == Slot && SM.isBeforeInTranslationUnit(
                                    Value->getBeginLoc(),
                                    R.second->getBeginLoc());
    });
  }

  // Names the objects the function moved into fields that own them alone
  // by those fields (addAdoption()), in every link it made.
  // A copy keeps the local's links as they were: the stores into it made
  // before the copy (in source order) are made into the element as well.
  void renameAdopted() {
    if (Adoptions.empty())
      return;
    const SourceManager &SM = Function->getASTContext().getSourceManager();
    SmallVector<OwnershipLink, 2> Copies;
    for (OwnershipLink &L : Out)
      for (const Adoption &A : Adoptions) {
        if (!A.Object.ownsOrIs(L.Holder) ||
            (!A.Copy && releasedAfter(A.Slot, A.Value)))
          continue;
        if (A.Copy && (!L.Value || !SM.isBeforeInTranslationUnit(
                                       L.Value->getBeginLoc(),
                                       A.Value->getBeginLoc())))
          continue;
        OwnershipLink Kept = L;
        Kept.Holder = A.Slot;
        llvm::append_range(Kept.Holder.Path,
                           ArrayRef<PathStep>(L.Holder.Path)
                               .drop_front(A.Object.Path.size()));
        Kept.KeptAt = A.Value;
        Kept.KeptIn = A.Field;
        Kept.KeptCopy = A.Copy;
        if (A.Copy)
          Copies.push_back(std::move(Kept));
        else
          L = std::move(Kept);
        break;
      }
    llvm::append_range(Out, Copies);
  }

  void addWrite(const Expr *Destination, const Expr *Value) {
    if (const MemberExpr *Member = writtenField(Destination))
      addField(Member, Value);
    else
      addAccessed(Destination, Value);
  }

  // Stores the callee makes of its parameters, applied to this call on the
  // object \p ObjectExpr names (an object made here, for a constructor;
  // none for a free function, whose stores go to its arguments' objects).
  void addThrough(const FunctionDecl *Callee, const Expr *ObjectExpr,
                  ArrayRef<const Expr *> Args,
                  const CXXMemberCallExpr *Call = nullptr) {
    if (!Callee)
      return;
    // A method call also runs the overriders a virtual call may reach.
    SmallVector<OwnershipLinks::ParamStore, 2> Stores =
        Call ? Links.storesOfCall(Call)
             : SmallVector<OwnershipLinks::ParamStore, 2>(
                   Links.storedParams(Callee));
    if (Stores.empty() && Opaque && ObjectExpr && !Callee->hasBody() &&
        !skippedDefinition(Callee))
      addOpaque(Callee, ObjectExpr, Args);
    if (llvm::none_of(Stores, [&](const OwnershipLinks::ParamStore &S) {
          return Links.isSharedOwnerField(S.Field) ||
                 Links.isUniqueOwnerField(S.Field);
        }))
      return;
    ObjectName Object = ObjectExpr ? name(ObjectExpr) : ObjectName();
    for (const OwnershipLinks::ParamStore &S : Stores) {
      if (S.Param >= Args.size())
        continue;
      ObjectName Holder =
          S.holderAt(Object, Args, [&](const Expr *E) { return name(E); });
      // An object made here handed to a field that owns it alone
      // (`doc->execute(std::make_unique<Insert>(doc))`, where execute()
      // pushes it into the history's unique_ptrs): the field's object
      // from here on, as for a store made here.
      if (!Links.isSharedOwnerField(S.Field)) {
        addAdoption(std::move(Holder), S.Field, Args[S.Param],
                    /*Copy=*/false);
        continue;
      }
      add(Holder, S.Field, Args[S.Param], Callee);
      // `queue_->bind(b)` where bind() keeps a copy of its parameter.
      addValueAdoption(std::move(Holder), S.Field, Args[S.Param]);
    }
  }

  // A factory's call (`children_.push_back(Node::create(shared_from_this()))`)
  // makes its object here: what the factory stores into that object, of its
  // arguments or of the object it is called on, the call stores.
  void addReturned(const CallExpr *Call, const FunctionDecl *Callee,
                   const Expr *ObjectExpr, ArrayRef<const Expr *> Args) {
    if (!Callee || Callee->isInStdNamespace() ||
        !returnsFreshObject(Callee))
      return;
    ArrayRef<OwnershipLinks::ReturnedStore> Stores =
        Links.returnedStores(Callee);
    if (Stores.empty())
      return;
    ObjectName Made = name(Call);
    if (!Made.known())
      return;
    for (const OwnershipLinks::ReturnedStore &S : Stores) {
      ObjectName Holder = Made;
      llvm::append_range(Holder.Path, S.Path);
      if (S.Param) {
        if (*S.Param < Args.size())
          add(Holder, S.Field, Args[*S.Param], Callee);
        continue;
      }
      // The factory's own object: what the call is made on, with the note
      // at the store in the factory's body.
      if (!ObjectExpr || !Links.isSharedOwnerField(S.Field))
        continue;
      OwnershipLink L;
      L.Holder = std::move(Holder);
      L.Field = S.Field->getCanonicalDecl();
      L.Target = Links.carriedOwner(ObjectExpr, Reassigned);
      if (!L.Target.known())
        continue;
      L.Value = S.Value;
      L.FromSharedFromThis = S.FromSharedFromThis;
      L.Through = Callee;
      L.ThisClass = ThisClass;
      Out.push_back(std::move(L));
    }
  }

  // A call this TU cannot see into, kept when it passes an owner.
  void addOpaque(const FunctionDecl *Callee, const Expr *ObjectExpr,
                 ArrayRef<const Expr *> Args) {
    if (Callee->getASTContext().getSourceManager().isInSystemHeader(
            Callee->getLocation()))
      return;
    // Only an argument whose type holds a shared owner can be stored as
    // one; the test by type spares naming (and the CFG it may need).
    if (llvm::none_of(Args, [&](const Expr *Arg) {
          return Links.holdsSharedOwners(Arg->getType().getNonReferenceType(),
                                         0);
        }))
      return;
    OpaqueCall Call;
    Call.Callee = Callee;
    for (const Expr *Arg : Args) {
      Call.Args.push_back(Arg);
      Call.Carried.push_back(Links.carriedOwner(Arg, Reassigned));
    }
    if (llvm::none_of(Call.Carried,
                      [](const ObjectName &N) { return N.known(); }))
      return;
    Call.Object = name(ObjectExpr);
    if (Call.Object.known())
      Opaque->push_back(std::move(Call));
  }

  // The field of an object emptied again: `h->f.reset()`, `h->f = nullptr`.
  void addBreak(const Expr *Destination) {
    const MemberExpr *Member = writtenField(Destination);
    if (!Member ||
        !Links.isSharedOwnerField(cast<FieldDecl>(Member->getMemberDecl())))
      return;
    OwnershipLink L;
    L.Holder = name(Member->getBase());
    L.Field = cast<FieldDecl>(Member->getMemberDecl())->getCanonicalDecl();
    L.Breaks = true;
    L.Value = Destination;
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
    } else if (isMemberOperatorCall(Op) &&
               !Op->getDirectCallee()->isInStdNamespace()) {
      CallParts Parts = callParts(Op);
      addThrough(Parts.Callee, Parts.Object, Parts.Args);
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
    if (M->getName() == "release" && Args.empty())
      addRelease(Call);
    // `kids_.push_back(c)` grows a field; `graph->insert(label, t)` on an
    // object that is no field is a method like any other, followed below.
    if (isGrowthMethod(M->getName())) {
      if (const MemberExpr *Member =
              writtenField(Call->getImplicitObjectArgument())) {
        for (const Expr *Arg : Args)
          addField(Member, Arg);
        return true;
      }
      if (!Args.empty() &&
          llvm::all_of(Args, [&](const Expr *Arg) {
            return addAccessed(Call->getImplicitObjectArgument(), Arg);
          }))
        return true;
    }
    // A shared_ptr field reset to a new object: `r.reset(new R(...))`.
    if (M->getName() == "reset" && Args.size() == 1)
      if (const MemberExpr *Member =
              writtenField(Call->getImplicitObjectArgument()))
        addField(Member, Args[0]);
    // A collection field that is drained holds owners only for a while.
    if (isDrainMethod(M->getName()))
      if (const MemberExpr *Member =
              writtenField(Call->getImplicitObjectArgument())) {
        const auto *Field = cast<FieldDecl>(Member->getMemberDecl());
        // An element popped into another field (an undo stack's
        // `redo_.push_back(std::move(done_.back())); done_.pop_back();`)
        // stays with the object: it changes hands, it is not let go of.
        if (!M->getName().starts_with("pop") ||
            !movesEndIntoOtherField(Function->getBody(), Field)) {
          Links.markDrained(Field, Function);
          // Taking from the front or back: each element leaves in turn (a
          // queue), not only the one a caller names. A clear() somewhere
          // (a teardown) is no such evidence.
          if (M->getName().starts_with("pop"))
            Links.markEmptiedInTurn(Field);
        }
      }
    // `jobs.swap(queue_)` drains the field into the local.
    if (M->getName() == "swap" && Args.size() == 1)
      if (const MemberExpr *Member = writtenField(Args[0])) {
        const auto *Field = cast<FieldDecl>(Member->getMemberDecl());
        Links.markDrained(Field, Function);
        Links.markEmptiedInTurn(Field);
      }
    addThrough(M, Call->getImplicitObjectArgument(), Args, Call);
    addReturned(Call, M, Call->getImplicitObjectArgument(), Args);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (isa<CXXMemberCallExpr>(Call) || isa<CXXOperatorCallExpr>(Call))
      return true;
    SmallVector<const Expr *, 4> Args(Call->arguments());
    if (isStdFunction(Call->getDirectCallee(),
                      {"make_shared", "allocate_shared", "make_unique"})) {
      if (const CXXConstructorDecl *Ctor = constructorOf(Call))
        addThrough(Ctor, Call, Args);
      else
        addAggregate(name(Call), madeAggregate(Call, Args));
    }
    else if (const FunctionDecl *Callee = Call->getDirectCallee();
             Callee && !Callee->isInStdNamespace()) {
      // `attach(*child, shared_from_this())`: a free function that stores
      // one argument into the object of another.
      addThrough(Callee, nullptr, Args);
      addReturned(Call, Callee, nullptr, Args);
    }
    return true;
  }

  bool VisitCXXNewExpr(CXXNewExpr *New) {
    if (const CXXConstructExpr *Construct = New->getConstructExpr()) {
      SmallVector<const Expr *, 4> Args(Construct->arguments());
      addThrough(Construct->getConstructor(), New, Args);
    } else if (New->hasInitializer()) {
      addAggregate(name(New), aggregateFieldInits(New->getInitializer()));
    }
    return true;
  }

  // An aggregate made here: each value is stored into its field.
  void addAggregate(const ObjectName &Object, ArrayRef<FieldInit> Inits) {
    for (const auto &[Field, Value] : Inits)
      add(Object, Field, Value);
  }

  // The fields `std::make_shared<T>(args...)` gives a T that has no
  // constructor for them (C++20: an aggregate made from a list in
  // parentheses), or a copy of a listed T: `make_shared<T>(T{a, b})`,
  // `make_shared<T>(e)` of a listed local `e`.
  SmallVector<FieldInit, 4> madeAggregate(const CallExpr *MakeShared,
                                          ArrayRef<const Expr *> Args) {
    const CXXRecordDecl *RD = madeClass(MakeShared);
    if (!RD)
      return {};
    if (Args.size() == 1)
      if (const CXXRecordDecl *Arg = Args[0]->getType()->getAsCXXRecordDecl();
          Arg && Arg->getCanonicalDecl() == RD->getCanonicalDecl())
        return aggregateFieldInits(Links.listedValue(Args[0], Reassigned));
    return aggregateFieldInits(RD, Args);
  }

private:
  OwnershipLinks &Links;
  SmallVectorImpl<OwnershipLink> &Out;
  /// Objects in hand, the field slots they were moved into, and where.
  struct Adoption {
    ObjectName Object;
    ObjectName Slot;
    const FieldDecl *Field;
    const Expr *Value;
    /// A copy of a local value, not the object itself moved in.
    bool Copy;
  };
  SmallVector<Adoption, 2> Adoptions;
  /// `owner_.release()` calls: the unique_ptr field (as a slot) and the
  /// call.
  SmallVector<std::pair<ObjectName, const Expr *>, 1> Releases;
  const ReassignedSet &Reassigned;
  const FunctionDecl *Function;
  const CXXRecordDecl *ThisClass;
  SmallVectorImpl<OpaqueCall> *Opaque;
  SmallVectorImpl<MovedLocalStore> *MovedLocals;
};

// Where a function's store lands, as its callers name it: the function's
// own object or that of parameter \c On, then the owning fields \c Via.
struct Base {
  std::optional<unsigned> On;
  SmallVector<const FieldDecl *, 1> Via;
};

// The parameter of \p Of that \p Value passes along unchanged, if any; a
// copy or move of it into a by-value parameter passes it too.
const ParmVarDecl *paramOfFunction(const Expr *Value, const FunctionDecl *Of) {
  Value = passedThrough(Value);
  if (const auto *Copy = dyn_cast_or_null<CXXConstructExpr>(Value))
    if (Copy->getNumArgs() == 1 && Copy->getConstructor() &&
        Copy->getConstructor()->isCopyOrMoveConstructor())
      Value = passedThrough(Copy->getArg(0));
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Value);
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  return Param && Param->getDeclContext() == Of ? Param : nullptr;
}

// The parameters of \p Of that \p Value keeps: the one it passes along,
// also through the conversion to a callable holder, or those a bind holds
// or a lambda captures by copy, which the closure then holds: `[cb] {
// cb(); }`, `[cb = std::move(cb)](int) { cb(); }`. With \p MadeOnly, only
// what a callable made here holds.
SmallVector<const ParmVarDecl *, 1> heldParams(const Expr *Value,
                                               const FunctionDecl *Of,
                                               bool MadeOnly = false) {
  SmallVector<const ParmVarDecl *, 1> Out;
  if (const ParmVarDecl *Param = paramOfFunction(Value, Of); Param && !MadeOnly) {
    Out.push_back(Param);
    return Out;
  }
  // Through the conversion to a callable holder: `std::function<void()>`
  // made from the lambda.
  const Expr *E = passedThrough(Value);
  if (const auto *Convert = dyn_cast_or_null<CXXConstructExpr>(E);
      Convert && Convert->getNumArgs() == 1) {
    E = passedThrough(Convert->getArg(0));
    // `template <class F> void install(Channel &ch, F cb)` handing `cb`
    // to a `std::function` parameter: the holder made from it holds it.
    if (const ParmVarDecl *Param = paramOfFunction(E, Of); Param && !MadeOnly) {
      Out.push_back(Param);
      return Out;
    }
  }
  // `std::bind(cb)`, `std::bind(&C::run, this, cb)`: the bind object
  // holds copies of its arguments.
  if (const auto *Bind = dyn_cast_or_null<CallExpr>(E);
      Bind && isBindFunction(Bind->getDirectCallee())) {
    for (const Expr *Arg : Bind->arguments())
      if (const ParmVarDecl *Param = paramOfFunction(Arg, Of))
        if (!llvm::is_contained(Out, Param))
          Out.push_back(Param);
    return Out;
  }
  if (const auto *Lambda = dyn_cast_or_null<LambdaExpr>(E))
    for (const auto &[Capture, Init] :
         llvm::zip(Lambda->captures(), Lambda->capture_inits()))
      if (Capture.capturesVariable() &&
          Capture.getCaptureKind() == LCK_ByCopy && Init)
        if (const ParmVarDecl *Param = paramOfFunction(Init, Of))
          Out.push_back(Param);
  return Out;
}

// Which parameters a function stores into fields of its object, or of the
// objects its other parameters refer to.
class ParamStoreVisitor : public RecursiveASTVisitor<ParamStoreVisitor> {
public:
  ParamStoreVisitor(OwnershipLinks &Links, const ContainerTypes &Containers,
                    const FunctionDecl *F,
                    SmallVectorImpl<OwnershipLinks::ParamStore> &Out)
      : Links(Links), Containers(Containers), F(F), Out(Out) {}

  // The parameter of F that \p Value passes along unchanged, if any.
  const ParmVarDecl *paramOf(const Expr *Value) const {
    return paramOfFunction(Value, F);
  }

  // The parameters of F that \p Value keeps (heldParams()), also inside a
  // value listed from them or a callable a factory makes from them.
  SmallVector<const ParmVarDecl *, 1> carried(const Expr *Value) const {
    SmallVector<const ParmVarDecl *, 1> Out = heldParams(Value, F);
    if (!Out.empty())
      return Out;
    // A value listed from parameters holds them: `Entry{id, std::move(h)}`,
    // `std::make_pair(k, h)`.
    const Expr *E = passedThrough(Value);
    SmallVector<const Expr *, 4> Parts;
    for (const FieldInit &Init : E ? aggregateFieldInits(E)
                                   : SmallVector<FieldInit, 4>())
      Parts.push_back(Init.second);
    if (auto [First, Second] = E ? pairParts(E)
                                 : std::pair<const Expr *, const Expr *>();
        First && Second)
      Parts.append({First, Second});
    // `makeHandler(std::move(ctl))`, a free function of the TU that returns
    // a lambda capturing (or a bind holding) its own parameter: the callable
    // holds what the call's argument carries. One call deep.
    const Expr *Made = E;
    if (const auto *Copy = dyn_cast_or_null<CXXConstructExpr>(Made);
        Copy && Copy->getNumArgs() == 1)
      Made = passedThrough(Copy->getArg(0));
    if (const auto *Call = dyn_cast_or_null<CallExpr>(Made);
        Call && !isa<CXXMemberCallExpr>(Call) && !isa<CXXOperatorCallExpr>(Call))
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee != F && !Callee->isInStdNamespace() &&
          !isBindFunction(Callee) && Callee->getDefinition() &&
          Callee->getDefinition()->getBody()) {
        const FunctionDecl *Def = Callee->getDefinition();
        for (const ReturnStmt *Return : returnsOf(Def->getBody()))
          for (const ParmVarDecl *Own :
               heldParams(Return->getRetValue(), Def, /*MadeOnly=*/true))
            if (Own->getFunctionScopeIndex() < Call->getNumArgs())
              Parts.push_back(Call->getArg(Own->getFunctionScopeIndex()));
      }
    for (const Expr *Part : Parts)
      for (const ParmVarDecl *Param : carried(Part))
        if (!llvm::is_contained(Out, Param))
          Out.push_back(Param);
    return Out;
  }

  // A store of \p Value into \p Field of the object \p HolderOf names (F's
  // own object by default), asked only when the value carries a parameter.
  void record(const FieldDecl *Field, const Expr *Value,
              llvm::function_ref<std::optional<Base>()> HolderOf =
                  [] { return std::optional<Base>(Base()); }) {
    // A parameter wrapped in an object made to hold it:
    // `tasks_.push_back(std::make_unique<Task<F>>(std::move(f)))`.
    if (const Expr *Held = heldCallableArgument(passedThrough(Value)))
      Value = Held;
    SmallVector<const ParmVarDecl *, 1> Params = carried(Value);
    if (Params.empty()) {
      recordConstruction(Field, Value, HolderOf);
      return;
    }
    std::optional<Base> Holder = HolderOf();
    if (!Holder)
      return;
    for (const ParmVarDecl *Param : Params) {
      OwnershipLinks::ParamStore S{Param->getFunctionScopeIndex(),
                                   Field->getCanonicalDecl(), Value,
                                   Value->getBeginLoc()};
      S.Via = Holder->Via;
      S.On = Holder->On;
      if (paramOf(Value) != Param)
        S.Carrier = Value;
      Out.push_back(std::move(S));
    }
  }

  // `cursor_(std::make_unique<Cursor>(channel))`, `cursor_(channel)` for a
  // by-value member, `cursor_ = new Cursor(channel)`: an object made for an
  // owning field, whose constructor stores what F's parameters carry into
  // it, stores them through that field.
  void recordConstruction(const FieldDecl *Field, const Expr *Value,
                          llvm::function_ref<std::optional<Base>()> HolderOf) {
    const Expr *Made = passedThrough(Value);
    const CXXConstructorDecl *Ctor = nullptr;
    SmallVector<const Expr *, 4> Args;
    if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Made)) {
      Ctor = Construct->getConstructor();
      Args.append(Construct->arg_begin(), Construct->arg_end());
    } else if (const auto *New = dyn_cast_or_null<CXXNewExpr>(Made)) {
      if (const CXXConstructExpr *Construct = New->getConstructExpr()) {
        Ctor = Construct->getConstructor();
        Args.append(Construct->arg_begin(), Construct->arg_end());
      }
    } else if (const auto *Call = dyn_cast_or_null<CallExpr>(Made);
               Call && isStdFunction(Call->getDirectCallee(),
                                     {"make_shared", "allocate_shared",
                                      "make_unique"})) {
      Ctor = constructorOf(Call);
      Args.append(Call->arg_begin(), Call->arg_end());
    }
    if (!Ctor || Ctor->isCopyOrMoveConstructor() ||
        Ctor->isInStdNamespace() ||
        !isOwningStep(PathStep{Field, nullptr}, Containers))
      return;
    SmallVector<SmallVector<const ParmVarDecl *, 1>, 4> Carried;
    for (const Expr *Arg : Args)
      Carried.push_back(carried(Arg));
    if (llvm::all_of(Carried, [](const auto &Params) { return Params.empty(); }))
      return;
    std::optional<Base> Holder;
    for (const OwnershipLinks::ParamStore &S : Links.storedParams(Ctor)) {
      if (S.On || S.HandOvers >= OwnershipLinks::MaxForwardingDepth ||
          S.Param >= Carried.size() || Carried[S.Param].empty())
        continue;
      if (!Holder && !(Holder = HolderOf()))
        return;
      for (const ParmVarDecl *Param : Carried[S.Param]) {
        OwnershipLinks::ParamStore Made =
            handedOver(S, Param, Args[S.Param], Ctor, Value->getBeginLoc());
        Made.On = Holder->On;
        Made.Via = Holder->Via;
        Made.Via.push_back(Field->getCanonicalDecl());
        Made.Via.append(S.Via.begin(), S.Via.end());
        Out.push_back(std::move(Made));
      }
    }
  }

  // The object \p Object names, as F's callers can name it: F's own object,
  // or the object a parameter refers to (through a reference, a pointer or
  // a shared owner, and not reseated in F), followed through owning fields.
  // None for anything else: a local, a copy passed by value, or an object
  // reached through a raw pointer or a reference field, which lives on its
  // own.
  std::optional<Base> baseOf(const ObjectName &Object) {
    Base B;
    if (Object.Kind == ObjectName::Variable) {
      const auto *Param =
          dyn_cast<ParmVarDecl>(static_cast<const VarDecl *>(Object.Root));
      if (!Param || Param->getDeclContext() != F)
        return std::nullopt;
      QualType T = Param->getType();
      if (!T->isReferenceType()) {
        if (!T->isPointerType() && !sharedPointee(T))
          return std::nullopt;
        if (!Written)
          Written = reassignedLocals(F->getBody());
        if (Written->count(Param))
          return std::nullopt;
      }
      B.On = Param->getFunctionScopeIndex();
    } else if (Object.Kind != ObjectName::This) {
      return std::nullopt;
    }
    for (const PathStep &Step : Object.Path) {
      if (!Step.Field || !isOwningStep(Step, Containers))
        return std::nullopt;
      B.Via.push_back(Step.Field->getCanonicalDecl());
    }
    return B;
  }

  // `channel_->setReadCallback(std::move(cb))`: a parameter handed on to a
  // method of the object, or of an object it owns, is stored wherever that
  // method stores it; so is a lambda or a bind that holds it. So is one
  // handed to a free function with the object (`install(channel_, cb)`),
  // or to a method of an object another parameter refers to. A raw pointer
  // or reference on the way leads to an object that lives on its own:
  // nothing is recorded then.
  void forward(const CallExpr *Call, const FunctionDecl *Callee) {
    if (Callee->isInStdNamespace())
      return;
    CallParts Parts = callParts(Call);
    // F's parameters each argument carries, read once.
    ArrayRef<const Expr *> Args = Parts.Args;
    SmallVector<SmallVector<const ParmVarDecl *, 1>, 4> Carried;
    for (const Expr *Arg : Args)
      Carried.push_back(carried(Arg));
    if (llvm::all_of(Carried, [](const auto &Params) { return Params.empty(); }))
      return;
    // The callee's own object, when it is a method.
    std::optional<Base> Object =
        Parts.Object ? baseOf(name(Parts.Object)) : std::nullopt;
    for (const OwnershipLinks::ParamStore &S : Links.storesOfCall(Call)) {
      if (S.HandOvers >= OwnershipLinks::MaxForwardingDepth)
        continue;
      if (S.Param >= Carried.size() || Carried[S.Param].empty())
        continue;
      if (S.On && *S.On >= Args.size())
        continue;
      std::optional<Base> Holder =
          S.On ? baseOf(name(Args[*S.On])) : Object;
      if (!Holder)
        continue;
      for (const ParmVarDecl *Param : Carried[S.Param]) {
        OwnershipLinks::ParamStore Forwarded =
            handedOver(S, Param, Args[S.Param], Callee, Call->getExprLoc());
        Forwarded.On = Holder->On;
        Forwarded.Via = Holder->Via;
        Forwarded.Via.append(S.Via.begin(), S.Via.end());
        Out.push_back(std::move(Forwarded));
      }
    }
  }

  // \p S, a store \p Callee makes of its parameter, as F makes it of its
  // own \p Param, which the argument \p Arg carries to \p Callee at \p At.
  // Where it lands (On, Via) is the caller's to set.
  OwnershipLinks::ParamStore handedOver(const OwnershipLinks::ParamStore &S,
                                        const ParmVarDecl *Param,
                                        const Expr *Arg,
                                        const FunctionDecl *Callee,
                                        SourceLocation At) const {
    OwnershipLinks::ParamStore Handed = S;
    Handed.Param = Param->getFunctionScopeIndex();
    Handed.StoredBy = S.StoredBy ? S.StoredBy : Callee;
    Handed.HandedTo = Callee;
    Handed.HandedOn = At;
    Handed.HandOvers = S.HandOvers + 1;
    // A callable made here around the parameter; one the callee made
    // around its own parameter is in a body the callers do not see.
    Handed.Carrier = paramOf(Arg) != Param ? Arg : nullptr;
    return Handed;
  }

  // A base class's constructor called from F's initializers: its stores
  // into its own object are F's, of the parameters its arguments carry.
  void forwardToBase(const CXXConstructExpr *Construct) {
    const CXXConstructorDecl *BaseCtor = Construct->getConstructor();
    if (!BaseCtor || BaseCtor->isCopyOrMoveConstructor())
      return;
    for (const OwnershipLinks::ParamStore &S : Links.storedParams(BaseCtor)) {
      if (S.On || S.HandOvers >= OwnershipLinks::MaxForwardingDepth ||
          S.Param >= Construct->getNumArgs())
        continue;
      const Expr *Arg = Construct->getArg(S.Param);
      for (const ParmVarDecl *Param : carried(Arg))
        Out.push_back(
            handedOver(S, Param, Arg, BaseCtor, Construct->getExprLoc()));
    }
  }

  // A store into a field of F's object, or of an object a parameter refers
  // to (`ch.cb_ = cb`, `p->kids.push_back(c)`).
  void recordWrite(const Expr *Destination, const Expr *Value) {
    const MemberExpr *Member = writtenField(Destination);
    if (!Member)
      return;
    const auto *Field = cast<FieldDecl>(Member->getMemberDecl());
    if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())) {
      record(Field, Value);
      return;
    }
    record(Field, Value,
           [&] { return baseOf(name(Member->getBase())); });
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Op) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
      recordWrite(Op->getArg(0), Op->getArg(1));
    else if (isMemberOperatorCall(Op))
      forward(Op, Op->getDirectCallee());
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (!M || !M->getDeclName().isIdentifier())
      return true;
    // As in LinkVisitor: growth of a field, or a method like any other.
    if (isGrowthMethod(M->getName()) &&
        writtenField(Call->getImplicitObjectArgument()))
      for (const Expr *Arg : Call->arguments())
        recordWrite(Call->getImplicitObjectArgument(), Arg);
    else
      forward(Call, M);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (isa<CXXMemberCallExpr>(Call) || isa<CXXOperatorCallExpr>(Call))
      return true;
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      forward(Call, Callee);
    return true;
  }

private:
  OwnershipLinks &Links;
  const ContainerTypes &Containers;
  const FunctionDecl *F;
  SmallVectorImpl<OwnershipLinks::ParamStore> &Out;
  /// F's locals and parameters it writes, read on the first question.
  std::optional<ReassignedSet> Written;
  /// F's locals as its links name them (with versions): a local read from
  /// a field F rewrites later is not that field's object.
  std::optional<ReassignedSet> Versions;
  ObjectName name(const Expr *E) {
    if (!Versions)
      Versions = reassignedLocals(F);
    return nameObject(E, &*Versions);
  }
};

} // namespace

bool isOwningStep(const PathStep &Step, const ContainerTypes &Containers) {
  return !Step.Field ||
         !ownedClasses(Step.Field->getType(), Containers).empty();
}

bool OwnershipLinks::holdsSharedOwners(QualType T, unsigned Depth) const {
  if (Depth > 4)
    return false;
  for (const OwnedClass &O : ownedClasses(T, Containers)) {
    if (O.Kind == OwnershipKind::Shared)
      return true;
    // A value that holds a handle: `struct Step { Path path; int i; }`.
    if (O.Kind == OwnershipKind::Value && O.Class->hasDefinition())
      for (const FieldDecl *F : O.Class->getDefinition()->fields())
        if (holdsSharedOwners(F->getType(), Depth + 1))
          return true;
  }
  return false;
}

bool OwnershipLinks::isDrained(const FieldDecl *F) {
  F = F->getCanonicalDecl();
  if (const auto *RD = dyn_cast<CXXRecordDecl>(F->getParent());
      OnDemand && RD && ReadClasses.insert(RD).second)
    for (const FunctionDecl *Skipped : skippedMembers(RD))
      for (const SkippedEmptying &E :
           emptyingsOfSkippedBody(Skipped, isDrainMethod))
        markDrained(E.Field, Skipped);
  return Drainers.count(F);
}

bool OwnershipLinks::isSharedOwnerField(const FieldDecl *Field) const {
  return holdsSharedOwners(Field->getType(), 0);
}

bool OwnershipLinks::isUniqueOwnerField(const FieldDecl *Field) const {
  return llvm::any_of(ownedClasses(Field->getType(), Containers),
                      [](const OwnedClass &O) {
                        return O.Kind == OwnershipKind::Unique;
                      });
}

ObjectName storedSlot(ObjectName Holder, const FieldDecl *Field,
                      const Expr *Value, const ContainerTypes &Containers) {
  Holder.Path.push_back(PathStep{Field->getCanonicalDecl(), nullptr});
  if (Containers.asContainer(Field->getType()))
    Holder.Path.push_back(PathStep{nullptr, Value});
  return Holder;
}

bool isLocalObject(const ObjectName &N) {
  return N.Kind == ObjectName::Variable || N.Kind == ObjectName::Fresh;
}

const Expr *OwnershipLinks::listedValue(const Expr *E,
                                        const ReassignedSet &Reassigned) {
  // Through copies and moves: `e`, `Entry(e)`, `std::move(e)`.
  const Expr *Copied = passedThrough(E);
  if (const auto *Copy = dyn_cast_or_null<CXXConstructExpr>(Copied);
      Copy && Copy->getNumArgs() == 1 && Copy->getConstructor() &&
      Copy->getConstructor()->isCopyOrMoveConstructor())
    Copied = passedThrough(Copy->getArg(0));
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Copied);
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!VD || !VD->isLocalVarDecl() || Reassigned.count(VD->getCanonicalDecl()))
    return E;
  const auto *F = dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod());
  if (!F)
    return E;
  auto [It, New] = FieldWrittenLocals.try_emplace(F->getCanonicalDecl());
  if (New)
    It->second = localsWithFieldWrites(F->getDefinition());
  const Expr *Listed = unchangedListedLocal(VD, It->second);
  return Listed ? Listed : E;
}

ObjectName OwnershipLinks::carriedOwner(const Expr *Value,
                                        const ReassignedSet &Reassigned,
                                        unsigned Depth) {
  const Expr *E = passedThrough(Value);
  // Code with errors carries no evidence (and half-built constructor calls).
  if (!E || Depth > 4 || E->containsErrors())
    return ObjectName();
  QualType T = E->getType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  // A map entry made for the store, `m.insert({key, node})` or
  // `m.insert(std::make_pair(key, node))`: what its value (or else its key)
  // owns.
  if (const std::pair<const Expr *, const Expr *> Parts = pairParts(E);
      Parts.first) {
    ObjectName Second = carriedOwner(Parts.second, Reassigned, Depth + 1);
    return Second.known() ? Second
                          : carriedOwner(Parts.first, Reassigned, Depth + 1);
  }
  // shared_ptrs, and the library's pairs and containers of them, name the
  // object they own.
  if (!RD || RD->isInStdNamespace() || sharedPointee(T))
    return nameObject(E, &Reassigned);
  // A value listed field by field (`Entry{shared_from_this(), 1}`), or a
  // copy of a local listed so and not changed since: what the fields that
  // hold shared owners are given.
  E = listedValue(E, Reassigned);
  if (SmallVector<FieldInit, 4> Inits = aggregateFieldInits(E);
      !Inits.empty()) {
    for (const auto &[Field, Init] : Inits)
      if (holdsSharedOwners(Field->getType(), 0))
        if (ObjectName Name = carriedOwner(Init, Reassigned, Depth + 1);
            Name.known())
          return Name;
    return ObjectName();
  }
  const auto *Construct = dyn_cast<CXXConstructExpr>(E);
  const CXXConstructorDecl *Ctor =
      Construct ? Construct->getConstructor() : nullptr;
  if (Construct && !Ctor)
    return ObjectName();
  // A handle shares what its field points to: `*this` in a handle's method
  // names the handle; the object it keeps alive is `this->content`. A new
  // handle (`Ref(child)`) shares what its constructor keeps, below.
  if (const FieldDecl *Handle = handleField(RD, &Containers);
      Handle && (!Ctor || Ctor->isCopyOrMoveConstructor())) {
    // A local handle made here and never written again (`Dir child(impl)`)
    // shares what its initializer does.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
          VD && VD->isLocalVarDecl() && !VD->getType()->isReferenceType() &&
          !Reassigned.count(VD) && VD->getInit())
        if (const auto *Init = dyn_cast<CXXConstructExpr>(
                VD->getInit()->IgnoreImplicit());
            Init && Init->getConstructor() &&
            !Init->getConstructor()->isCopyOrMoveConstructor())
          return carriedOwner(Init, Reassigned, Depth + 1);
    ObjectName Name = nameObject(E, &Reassigned);
    if (Name.known())
      Name.Path.push_back(PathStep{Handle, nullptr});
    return Name;
  }
  // A value built around an owner: `Step(*this, i)` whose constructor keeps
  // its first argument in a field that holds shared owners.
  if (Ctor && !Ctor->isCopyOrMoveConstructor()) {
    for (const ParamStore &S : storedParams(Ctor))
      if (S.Param < Construct->getNumArgs() &&
          holdsSharedOwners(S.Field->getType(), 0)) {
        ObjectName Name =
            carriedOwner(Construct->getArg(S.Param), Reassigned, Depth + 1);
        if (Name.known())
          return Name;
      }
    return ObjectName();
  }
  // A copy of a value: the implicit copy constructor copies its shared
  // owners, which point where the original's do. A user-written one may
  // copy the content instead.
  if (Ctor && Ctor->isUserProvided())
    return ObjectName();
  if (!Ctor && RD->hasDefinition() &&
      RD->getDefinition()->hasUserDeclaredCopyConstructor())
    return ObjectName();
  const Expr *Source = Ctor ? Construct->getArg(0) : E;
  if (!RD->hasDefinition())
    return ObjectName();
  for (const FieldDecl *F : RD->getDefinition()->fields()) {
    QualType FT = F->getType();
    const FieldDecl *Handle = handleField(FT->getAsCXXRecordDecl(), &Containers);
    if (!sharedPointee(FT) && !Handle)
      continue;
    ObjectName Name = nameObject(Source, &Reassigned);
    if (!Name.known())
      return Name;
    Name.Path.push_back(PathStep{F, nullptr});
    if (Handle)
      Name.Path.push_back(PathStep{Handle, nullptr});
    return Name;
  }
  return ObjectName();
}

ArrayRef<OwnershipLinks::ParamStore>
OwnershipLinks::storedParams(const FunctionDecl *F) {
  F = F->getCanonicalDecl();
  if (auto It = Summaries.find(F); It != Summaries.end())
    return *It->second;
  // Beyond the hand-overs the asking summary may follow, or a call back
  // into a function being summarised: nothing is followed, and the
  // summaries on the way stay uncached, so that each answer is the same
  // whichever function asks first.
  if (ForwardingDepth > MaxForwardingDepth || !InProgress.insert(F).second) {
    Truncated = true;
    return {};
  }
  bool OuterTruncated = std::exchange(Truncated, false);
  auto Stores = std::make_unique<SmallVector<ParamStore, 2>>();
  const FunctionDecl *Def = nullptr;
  if (F->hasBody(Def)) {
    ++ForwardingDepth;
    ParamStoreVisitor Visitor(*this, Containers, Def, *Stores);
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *Init : Ctor->inits()) {
        if (Init->isMemberInitializer() && Init->isWritten())
          Visitor.record(Init->getMember(), Init->getInit());
        // `Insert(Doc d) : Edit(std::move(d))`: what the base's constructor
        // stores into its own object, this constructor stores into its own.
        else if (Init->isBaseInitializer())
          if (const auto *Base = dyn_cast_or_null<CXXConstructExpr>(
                  Init->getInit() ? Init->getInit()->IgnoreImplicit()
                                  : nullptr))
            Visitor.forwardToBase(Base);
      }
    Visitor.TraverseStmt(Def->getBody());
    --ForwardingDepth;
  } else {
    // A setter or constructor in a header whose body clangd's preamble
    // skipped.
    for (const SkippedStore &Skipped : storesOfSkippedBody(F, isGrowthMethod))
      Stores->push_back({Skipped.Param, Skipped.Field->getCanonicalDecl(),
                         nullptr, Skipped.Where});
  }
  InProgress.erase(F);
  ArrayRef<ParamStore> Out = *Stores;
  if (Truncated)
    Uncached.push_back(std::move(Stores));
  else
    Summaries[F] = std::move(Stores);
  Truncated |= OuterTruncated;
  return Out;
}

namespace {

// The methods \p M overrides, directly or further up.
void addOverridden(const CXXMethodDecl *M, const CXXMethodDecl *Overrider,
                   llvm::DenseMap<const CXXMethodDecl *,
                                  SmallVector<const CXXMethodDecl *, 2>> &Out,
                   unsigned Depth) {
  if (Depth > 16)
    return;
  for (const CXXMethodDecl *Base : M->overridden_methods()) {
    auto &List = Out[Base->getCanonicalDecl()];
    if (!llvm::is_contained(List, Overrider))
      List.push_back(Overrider);
    addOverridden(Base, Overrider, Out, Depth + 1);
  }
}

void indexRecords(const DeclContext *DC,
                  llvm::DenseMap<const CXXMethodDecl *,
                                 SmallVector<const CXXMethodDecl *, 2>> &Out,
                  unsigned Depth) {
  if (Depth > 32)
    return;
  const SourceManager &SM = cast<Decl>(DC)->getASTContext().getSourceManager();
  for (const Decl *D : DC->decls()) {
    // The program's overriders are not in system headers; and a PCH's or a
    // clangd preamble's system headers stay unread.
    if (SM.isInSystemHeader(D->getLocation()))
      continue;
    if (const auto *Template = dyn_cast<ClassTemplateDecl>(D)) {
      for (const ClassTemplateSpecializationDecl *Spec :
           Template->specializations())
        indexRecords(Spec, Out, Depth + 1);
      continue;
    }
    if (const auto *M = dyn_cast<CXXMethodDecl>(D)) {
      if (M->isVirtual() && !M->isDependentContext() &&
          M->size_overridden_methods())
        addOverridden(M->getCanonicalDecl(), M->getCanonicalDecl(), Out, 0);
      continue;
    }
    if (const auto *Inner = dyn_cast<DeclContext>(D))
      if (isa<NamespaceDecl>(D) || isa<LinkageSpecDecl>(D) ||
          (isa<CXXRecordDecl>(D) && !cast<CXXRecordDecl>(D)->isLambda()))
        indexRecords(Inner, Out, Depth + 1);
  }
}

// True when \p Call may run an overrider: a virtual method called through
// a pointer or a reference, without a qualifier.
bool dispatchesVirtually(const CXXMemberCallExpr *Call) {
  const CXXMethodDecl *M = Call->getMethodDecl();
  if (!M || !M->isVirtual())
    return false;
  const auto *Callee =
      dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParenImpCasts());
  if (!Callee || Callee->hasQualifier())
    return false;
  if (Callee->isArrow())
    return true;
  // `obj.f()` on an object (not a reference) is bound statically.
  const Expr *Object = Callee->getBase()->IgnoreParenImpCasts();
  const ValueDecl *D = nullptr;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Object))
    D = Ref->getDecl();
  else if (const auto *Member = dyn_cast<MemberExpr>(Object))
    D = Member->getMemberDecl();
  return !D || D->getType()->isReferenceType();
}

} // namespace

void OwnershipLinks::indexOverriders(const ASTContext &Ctx) {
  Overriders.emplace();
  indexRecords(Ctx.getTranslationUnitDecl(), *Overriders, 0);
}

SmallVector<OwnershipLinks::ParamStore, 2>
OwnershipLinks::storesOfCall(const CXXMemberCallExpr *Call) {
  const CXXMethodDecl *M = Call->getMethodDecl();
  SmallVector<ParamStore, 2> Out;
  if (!M)
    return Out;
  llvm::append_range(Out, storedParams(M));
  if (!dispatchesVirtually(Call))
    return Out;
  if (!Overriders)
    indexOverriders(M->getASTContext());
  auto It = Overriders->find(M->getCanonicalDecl());
  if (It == Overriders->end())
    return Out;
  // Copied: summarising an overrider may add summaries.
  SmallVector<const CXXMethodDecl *, 2> Each = It->second;
  for (const CXXMethodDecl *O : Each)
    for (ParamStore S : storedParams(O)) {
      if (!S.StoredBy)
        S.StoredBy = O;
      Out.push_back(std::move(S));
    }
  return Out;
}

SmallVector<OwnershipLinks::ParamStore, 2>
OwnershipLinks::storesOfCall(const CallExpr *Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    return storesOfCall(Member);
  SmallVector<ParamStore, 2> Out;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Callee->isInStdNamespace())
    return Out;
  // `signal += f`: a member operator stores like a named method.
  if (isMemberOperatorCall(Call)) {
    llvm::append_range(Out, storedParams(Callee));
    return Out;
  }
  if (isa<CXXOperatorCallExpr>(Call))
    return Out;
  // A free or static function has no object of its own: only stores onto
  // the objects of its parameters reach the caller.
  for (const ParamStore &S : storedParams(Callee))
    if (S.On)
      Out.push_back(S);
  return Out;
}

SmallVector<std::pair<const Expr *, const FieldDecl *>, 2>
OwnershipLinks::singleValueStores(const CallExpr *Call) {
  SmallVector<std::pair<const Expr *, const FieldDecl *>, 2> Out;
  if (isa<CXXOperatorCallExpr>(Call) && !isMemberOperatorCall(Call))
    return Out;
  CallParts Parts = callParts(Call);
  for (const ParamStore &S : storesOfCall(Call))
    if (S.Param < Parts.Args.size() && S.Field &&
        !Containers.asContainer(S.Field->getType()))
      Out.push_back({Parts.Args[S.Param], S.Field});
  return Out;
}

ArrayRef<OwnershipLinks::ReturnedStore>
OwnershipLinks::returnedStores(const FunctionDecl *F) {
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def) || !Def)
    return {};
  if (auto It = Returned.find(Def); It != Returned.end())
    return *It->second;
  if (!ReturnedInProgress.insert(Def).second)
    return {};
  auto Stores = std::make_unique<SmallVector<ReturnedStore, 1>>();
  // The objects the factory returns, as its links name them: for a class
  // returned by value, the local returned (named by the constructor call
  // that declares it).
  ReassignedSet Reassigned = reassignedLocals(Def);
  bool ByValue = returnedValueClass(Def) != nullptr;
  SmallVector<ObjectName, 2> Made;
  for (const ReturnStmt *Return : returnsOf(Def->getBody())) {
    const Expr *Value = Return->getRetValue();
    if (!Value)
      continue;
    if (ObjectName N = nameObject(ByValue ? returnedValue(Value) : Value,
                                  &Reassigned);
        N.Kind == ObjectName::Fresh)
      Made.push_back(std::move(N));
  }
  const auto *Method = dyn_cast<CXXMethodDecl>(Def);
  bool HasThis = Method && Method->isInstance();
  for (const OwnershipLink &L : collect(Def)) {
    if (L.Breaks || !L.Value)
      continue;
    const ObjectName *Object = llvm::find_if(
        Made, [&](const ObjectName &N) { return N.ownsOrIs(L.Holder); });
    if (Object == Made.end() || !L.Target.Path.empty())
      continue;
    ReturnedStore S;
    S.Path.append(L.Holder.Path.begin() + Object->Path.size(),
                  L.Holder.Path.end());
    S.Field = L.Field;
    S.Value = L.Value;
    S.FromSharedFromThis = L.FromSharedFromThis;
    if (L.Target.Kind == ObjectName::This && HasThis) {
      Stores->push_back(std::move(S));
      continue;
    }
    const auto *Param =
        L.Target.Kind == ObjectName::Variable && !L.Target.Version
            ? dyn_cast<ParmVarDecl>(static_cast<const VarDecl *>(L.Target.Root))
            : nullptr;
    if (!Param || Param->getDeclContext() != Def)
      continue;
    S.Param = Param->getFunctionScopeIndex();
    Stores->push_back(std::move(S));
  }
  ReturnedInProgress.erase(Def);
  return *Returned.try_emplace(Def, std::move(Stores)).first->second;
}

SmallVector<OwnershipLink, 4>
OwnershipLinks::collect(const FunctionDecl *F,
                        SmallVectorImpl<OpaqueCall> *Opaque,
                        SmallVectorImpl<MovedLocalStore> *MovedLocals) {
  SmallVector<OwnershipLink, 4> Out;
  ReassignedSet Reassigned = reassignedLocals(F);
  LinkVisitor Visitor(*this, Out, Reassigned, F, Opaque, MovedLocals);
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
  Visitor.renameAdopted();
  return Out;
}

} // namespace leaklint
