//===--- SharedPtrCycle.cpp - shared_ptr ownership cycles with evidence ---===//
#include "SharedPtrCycle.h"
#include "Compat.h"
#include "WeakPtrRewrite.h"
#include "code/SkippedBodies.h"
#include "storage/SkippedReleases.h"
#include "facts/TranslationUnitFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace leaklint {
namespace {

std::string fieldName(const FieldDecl *F) { return quoted(memberName(F)); }

// The class that objects of type \p T keep alive through a shared owner, as
// declared: a shared_ptr's or a handle's pointee, directly, in a container,
// or in a field of a value (`vector<Step>` where `Step` holds a handle).
// \p Via receives the fields of values on the way.
const CXXRecordDecl *sharedTarget(QualType T, const ContainerTypes &Containers,
                                  SmallVectorImpl<const FieldDecl *> &Via,
                                  unsigned Depth = 0) {
  SmallVector<OwnedClass, 2> Owned = ownedClasses(T, Containers);
  for (const OwnedClass &O : Owned)
    if (O.Kind == OwnershipKind::Shared)
      return O.Class;
  if (Depth > 4)
    return nullptr;
  for (const OwnedClass &O : Owned) {
    if (O.Kind != OwnershipKind::Value || !O.Class->hasDefinition())
      continue;
    for (const FieldDecl *F : O.Class->getDefinition()->fields()) {
      Via.push_back(F);
      if (const CXXRecordDecl *Target =
              sharedTarget(F->getType(), Containers, Via, Depth + 1))
        return Target;
      Via.pop_back();
    }
  }
  return nullptr;
}

// The class objects of a shared-owner field point to, as declared.
const CXXRecordDecl *pointeeClass(const FieldDecl *F,
                                  const ContainerTypes &Containers) {
  SmallVector<const FieldDecl *, 2> Via;
  return sharedTarget(F->getType(), Containers, Via);
}

// True for a field that is exactly one std::shared_ptr.
bool isSingleOwner(const FieldDecl *F) {
  return sharedPointee(F->getType()) != nullptr;
}

// True for a field that owns one object, shared or alone: emptying it
// lets go of that object, and of the cycle through it.
bool isSingleEdge(const FieldDecl *F) {
  return isSingleOwner(F) || isUniqueOwner(F->getType());
}

// The field that should stop owning for \p Back's cycle: \p Back itself,
// or, when \p Back holds its owner inside values (`Session session_;` where
// `Session::coordinator` shares the target, `std::vector<Binding>` where
// `Binding::source` does), the shared_ptr at the end of \p Via. A library
// type's field (`std::pair::second`) leaves \p Back.
const FieldDecl *weakEdge(const FieldDecl *Back,
                          ArrayRef<const FieldDecl *> Via,
                          const ContainerTypes &Containers,
                          const SourceManager &SM) {
  if (Via.empty() || !isSingleOwner(Via.back()) ||
      SM.isInSystemHeader(Via.back()->getLocation()))
    return Back;
  const FieldDecl *Outer = Back;
  for (const FieldDecl *Inner : Via) {
    const auto *Value = cast<CXXRecordDecl>(Inner->getParent());
    if (llvm::none_of(ownedClasses(Outer->getType(), Containers),
                      [&](const OwnedClass &O) {
                        return O.Kind == OwnershipKind::Value &&
                               O.Class->getCanonicalDecl() ==
                                   Value->getCanonicalDecl();
                      }))
      return Back;
    Outer = Inner;
  }
  return Via.back();
}

} // namespace

SharedPtrCycle::WeakEdge
SharedPtrCycle::weakEdgeOf(const FieldDecl *Back) const {
  WeakEdge W;
  sharedTarget(Back->getType(), Containers, W.Via);
  W.Field = weakEdge(Back, W.Via, Containers, Ctx->getSourceManager());
  return W;
}

bool SharedPtrCycle::LinkTraits::singleOwner(const FieldDecl *F) const {
  // A handle class held by value (`PlanRef consumer;` wrapping one
  // shared_ptr) points at one object too, as a parent pointer does.
  return isSingleOwner(F) ||
         handleField(F->getType().getCanonicalType()->getAsCXXRecordDecl(),
                     &Check->Containers);
}

bool SharedPtrCycle::LinkTraits::older(const ObjectName &A,
                                       const ObjectName &B) const {
  if (A.Kind == ObjectName::Fresh && B.Kind == ObjectName::Fresh)
    return Check->Ctx->getSourceManager().isBeforeInTranslationUnit(
        static_cast<const Expr *>(A.Root)->getBeginLoc(),
        static_cast<const Expr *>(B.Root)->getBeginLoc());
  return A.age() > B.age();
}

bool SharedPtrCycle::LinkTraits::ownedPath(
    const OwnershipLink &L, SmallVectorImpl<const FieldDecl *> &Path) const {
  auto Extra =
      ArrayRef<PathStep>(L.Holder.Path).drop_front(L.Target.Path.size());
  if (!llvm::all_of(Extra, [&](const PathStep &Step) {
        return isOwningStep(Step, Check->Containers);
      }))
    return false;
  for (const PathStep &Step : Extra)
    if (Step.Field)
      Path.push_back(Step.Field);
  return true;
}

bool SharedPtrCycle::LinkTraits::ownsThrough(const ObjectName &Outer,
                                             const ObjectName &Inner) const {
  return Outer.ownsOrIs(Inner) &&
         llvm::all_of(ArrayRef<PathStep>(Inner.Path).drop_front(
                          Outer.Path.size()),
                      [&](const PathStep &Step) {
                        return isOwningStep(Step, Check->Containers);
                      });
}

bool SharedPtrCycle::LinkTraits::declaredBefore(const FieldDecl *A,
                                                const FieldDecl *B) const {
  return Check->Ctx->getSourceManager().isBeforeInTranslationUnit(
      A->getLocation(), B->getLocation());
}

namespace {

// The fields \p Inner's path takes beyond \p Outer's, which owns it.
void appendHops(const ObjectName &Outer, const ObjectName &Inner,
                SmallVectorImpl<const FieldDecl *> &Fields) {
  if (Inner.Path.size() < Outer.Path.size())
    return;
  for (const PathStep &Step :
       ArrayRef<PathStep>(Inner.Path).drop_front(Outer.Path.size()))
    if (Step.Field)
      Fields.push_back(Step.Field);
}

std::string describeValue(const OwnershipLink &L, const ASTContext &Ctx) {
  if (L.FromSharedFromThis)
    return "shared_from_this()";
  if (L.Target.Kind == ObjectName::This && L.Target.Path.empty())
    return "the object itself";
  StringRef Text = Lexer::getSourceText(
      CharSourceRange::getTokenRange(L.Value->getSourceRange()),
      Ctx.getSourceManager(), Ctx.getLangOpts());
  if (Text.empty() || Text.size() > 40)
    return "its owner";
  return quoted(Text);
}

} // namespace

SharedPtrCycle::SharedPtrCycle(const SharedPtrCycleOptions &Options)
    : Options(Options), Containers([&] {
        ContainerTypes Types =
            ContainerTypes::fromOptionList(Options.ContainerTypes);
        Types.addSharedOwners(Options.OwnerTypes);
        return Types;
      }()),
      Graph(Containers), Links(Containers), Evidences(LinkTraits{this}) {
  if (!Options.FactsDirectory.empty())
    Facts.emplace(Containers, Links);
}

void SharedPtrCycle::registerMatchers(MatchFinder &Finder,
                                      MatchFinder::MatchCallback *CB) {
  // Set here, where the analysis has its final address: the summaries of
  // setters tell StorageResets which calls empty a field
  // (`setOnMessage(nullptr)`).
  Resets.readSettersWith(
      [this](const CallExpr *Call) { return Links.singleValueStores(Call); });
  Finder.addMatcher(cxxRecordDecl(isDefinition()).bind("class"), CB);
  Finder.addMatcher(functionDecl(isDefinition()).bind("function"), CB);
}

void SharedPtrCycle::collect(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *RD = Result.Nodes.getNodeAs<CXXRecordDecl>("class")) {
    // The library's own classes (tree nodes, control blocks) are not the
    // program's ownership; std::shared_ptr and containers are modelled.
    if (!Ctx->getSourceManager().isInSystemHeader(RD->getLocation()))
      Graph.addClass(RD);
    return;
  }
  const auto *F = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!F || F->isInvalidDecl() || !F->getBody() ||
      Ctx->getSourceManager().isInSystemHeader(F->getLocation()))
    return;
  // Template patterns count for resets: a member function of a class
  // template is instantiated only when used.
  Resets.collect(F);
  if (F->isDependentContext())
    return;
  SmallVector<OpaqueCall, 2> Opaque;
  SmallVector<MovedLocalStore, 2> MovedLocals;
  SmallVector<OwnershipLink, 4> Found =
      Links.collect(F, Facts ? &Opaque : nullptr, &MovedLocals);
  for (const MovedLocalStore &S : MovedLocals)
    if (isSingleOwner(cast<FieldDecl>(S.Member->getMemberDecl())))
      WalkClosings.push_back({S, F});
  if (Facts)
    Facts->addFunction(F, *Ctx, Found, Opaque);
  Evidences.add(Found);
  // One field of `this` stored into what another holds: perhaps a list's
  // last node made to own its first, weighed once the TU is read.
  for (const OwnershipLink &L : Found)
    if (!L.Breaks && L.Holder.Kind == ObjectName::This &&
        L.Target.Kind == ObjectName::This && L.Target.Path.size() == 1 &&
        !L.Holder.Path.empty() &&
        L.Holder.Path.front().Field != L.Target.Path.front().Field)
      ListClosings.push_back({L, F});
}

void SharedPtrCycle::writeFacts(ArrayRef<const FieldDecl *> Reported) {
  // Facts describe a whole TU. A host that matches part of it (clangd's
  // main-file traversal scope) would write partial facts over whole ones.
  if (isPartialTraversal(*Ctx))
    return;
  cycles::CycleFacts TUFacts = Facts->finish(Resets, Reported, *Ctx);
  facts::writeTranslationUnitFacts(Options.FactsDirectory,
                                   "leak-shared-ptr-cycle",
                                   Ctx->getSourceManager(), PP,
                                   toJSON(TUFacts));
}

void SharedPtrCycle::report(const Evidence &E, const WeakEdge &W,
                            std::vector<Finding> &Out) {
  const FieldDecl *Back = E.Back.Field;
  if (E.Kind == EvidenceKind::ClosedList) {
    auto It = Rings.find(Back->getCanonicalDecl());
    if (It != Rings.end())
      reportClosedList(E, It->second, Out);
    return;
  }
  const auto *Holder = cast<CXXRecordDecl>(Back->getParent());
  const CXXRecordDecl *Target = pointeeClass(Back, Containers);
  if (!Target)
    return;
  // The object stored, when the code names it: `this` of a derived class
  // stored through a pointer to its base.
  if (E.Back.Target.Kind == ObjectName::This && E.Back.Target.Path.empty() &&
      E.Back.ThisClass)
    Target = E.Back.ThisClass;
  // A collection that code drains (a job queue) holds each owner for a
  // while only: not a leak, and nothing to make weak. That holds for any
  // collection on the cycle, not only the back edge (a job's owner pointer
  // back to the scheduler whose queue is drained).
  SmallVector<const FieldDecl *, 4> Edges = cycles::cycleFields(E);
  if ((!isSingleOwner(Back) && Links.isDrained(Back)) ||
      llvm::any_of(Edges, [&](const FieldDecl *Field) {
        return !isSingleOwner(Field) && Links.isEmptiedInTurn(Field);
      }))
    return;
  // A cycle of single owners (shared, or a unique_ptr on the way) that code
  // lets go of again, on any of its edges, outside constructors and
  // destructors (`self_.reset()` when a timer fires, as the asio keep-alive
  // idiom does; `peer_ = nullptr` or `parser_.reset()` in `close()`) holds
  // until the objects are done: it leaks only if that never happens, which
  // the code does not show. Through a collection, a
  // reset of one element's back pointer unlinks that element only (a child
  // removed from its parent); the others stay in the cycle, unless the
  // reset walks every element (below).
  // So does the destructor of an owner outside the cycle (a handle that
  // unlinks the pair it owns); the cycle's own destructors never run.
  SmallVector<const CXXRecordDecl *, 4> CycleClasses;
  for (const FieldDecl *Field : Edges)
    CycleClasses.push_back(cast<CXXRecordDecl>(Field->getParent()));
  auto Inside = [&](const CXXRecordDecl *RD) {
    return livesWithin(RD, CycleClasses, Containers);
  };
  if (llvm::all_of(Edges, isSingleEdge) &&
      llvm::any_of(Edges, [&](const FieldDecl *Field) {
        return Resets.find(Field) || Resets.findInDestructor(Field, Inside);
      }))
    return;
  // A collection on the cycle emptied whole by the destructor of an owner
  // outside it, directly or through a method it calls (an RAII guard whose
  // destructor calls `conf_->hangupAll()`, which does `legs_.clear()`),
  // lets go of every element at once, whenever the guard goes. A teardown
  // users must remember to call is no such guarantee for a collection: one
  // forgotten call per element is the leak (prajna's Finalize()).
  if (llvm::any_of(Edges, [&](const FieldDecl *Field) {
        return !isSingleEdge(Field) &&
               Resets.findInDestructor(Field, Inside, /*WholeOnly=*/true);
      }))
    return;
  // A collection on the cycle emptied whole by a teardown that its owner
  // runs before each way it drops an object of the cycle, and in its
  // destructor: `endMeeting()` closes the room (detaching its
  // participants) before it erases it (storage/SkippedReleases.h).
  SmallVector<const CXXRecordDecl *, 4> Dropped(CycleClasses);
  Dropped.push_back(Target);
  if (llvm::any_of(Edges, [&](const FieldDecl *Field) {
        if (isSingleEdge(Field))
          return false;
        for (const StorageReset &R : Resets.findAll(Field))
          if (R.Whole)
            for (const CXXRecordDecl *Class : Dropped)
              if (resetRunOnEveryDrop(
                      R.In, Class, Program.uses(*Ctx), [&](const Stmt *S) {
                        return FunctionUses::holding(S, *Ctx);
                      }))
                return true;
        return false;
      }))
    return;
  // A reset through every element of each collection on the cycle unlinks
  // them all: `for (auto &M : Members) M->Room.reset();` in `close()`.
  if (!llvm::all_of(Edges, isSingleOwner) &&
      llvm::any_of(Edges, [&](const FieldDecl *Field) {
        return isSingleOwner(Field) &&
               llvm::all_of(Edges, [&](const FieldDecl *Other) {
                 return isSingleOwner(Other) ||
                        Resets.findForEveryElement(Field, Other);
               });
      }))
    return;
  Finding F;
  // A field that shares through values: name each field on the way.
  SmallVector<const FieldDecl *, 2> Via(W.Via);
  const FieldDecl *Weak = W.Field;
  F.Loc = Weak->getLocation();
  std::string Name = fieldName(Weak);
  if (E.Kind == EvidenceKind::Self) {
    F.Message = Name + " makes a " + quoted(className(Holder)) +
                " own itself through a shared_ptr; it keeps itself alive and "
                "is never destroyed";
  } else {
    F.Message = Name + " completes a shared_ptr ownership cycle; the " +
                quoted(className(Target)) + " it points to owns the " +
                quoted(className(Holder)) + " in turn, so " +
                (E.Forward.size() > 1 ? "none of them" : "neither") +
                " is ever destroyed";
  }

  // Walk the cycle: the fields through which the target owns the holder.
  SmallVector<const FieldDecl *, 4> Forward;
  // What the last store of a ring stores: the holder, or the object that
  // owns it through the hops named above.
  const CXXRecordDecl *LastStored = Holder;
  if (E.Kind == EvidenceKind::OwnsHolder)
    Forward.append(E.Path.begin(), E.Path.end());
  else if (E.Kind == EvidenceKind::Mutual) {
    // Each store's holder may sit inside what the previous target owns
    // (`feed->registry_->observers`): name those hops too, and the ones from
    // the last target down to the back edge's holder.
    const ObjectName *Previous = &E.Back.Target;
    for (const OwnershipLink &L : E.Forward) {
      appendHops(*Previous, L.Holder, Forward);
      Forward.push_back(L.Field);
      Previous = &L.Target;
    }
    size_t BackHops = Forward.size();
    appendHops(*Previous, E.Back.Holder, Forward);
    if (Forward.size() > BackHops)
      LastStored = dyn_cast<CXXRecordDecl>(Forward[BackHops]->getParent());
  }
  llvm::SmallPtrSet<const FieldDecl *, 4> Described;
  for (const FieldDecl *Field : Forward) {
    if (!Described.insert(Field->getCanonicalDecl()).second)
      continue;
    SmallVector<OwnedClass, 2> Owned =
        ownedClasses(Field->getType(), Containers);
    if (Owned.empty())
      continue;
    std::string Type = Field->getType().getAsString(Ctx->getPrintingPolicy());
    // A value that holds owners (an in-house container, a struct with a
    // handle) owns what they share, unless the value is itself on the
    // cycle (`std::vector<Track>` where `Track::bus` is the back edge).
    const CXXRecordDecl *OwnedClass = Owned.front().Class;
    SmallVector<const FieldDecl *, 2> Inner;
    bool OnCycle = llvm::any_of(Edges, [&](const FieldDecl *Edge) {
      return Edge->getParent()->getPrimaryContext() ==
             OwnedClass->getPrimaryContext();
    });
    if (Owned.front().Kind == OwnershipKind::Value && !OnCycle)
      if (const CXXRecordDecl *Shared =
              sharedTarget(Field->getType(), Containers, Inner))
        OwnedClass = Shared;
    // A member held by value is one object, not a collection.
    const CXXRecordDecl *Held = Field->getType()->getAsCXXRecordDecl();
    F.Notes.push_back(
        {Field->getLocation(),
         Held && OwnedClass &&
                 Held->getCanonicalDecl() == OwnedClass->getCanonicalDecl()
             ? fieldName(Field) + " holds a " + quoted(className(OwnedClass)) +
                   " by value"
             : fieldName(Field) + " owns " + quoted(className(OwnedClass)) +
                   " objects through '" + Type + "'"});
  }
  // The values the warned field sits in: a member, or a collection's
  // elements, held by value.
  if (Weak != Back) {
    const FieldDecl *Outer = Back;
    for (const FieldDecl *Inner : Via) {
      const auto *Value = cast<CXXRecordDecl>(Inner->getParent());
      const CXXRecordDecl *Held =
          Outer->getType().getCanonicalType()->getAsCXXRecordDecl();
      F.Notes.push_back(
          {Outer->getLocation(),
           Held && Held->getCanonicalDecl() == Value->getCanonicalDecl()
               ? fieldName(Outer) + " holds a " + quoted(className(Value)) +
                     " by value"
               : fieldName(Outer) + " holds " + quoted(className(Value)) +
                     " values through '" +
                     Outer->getType().getAsString(Ctx->getPrintingPolicy()) +
                     "'"});
      Outer = Inner;
    }
    Via.clear();
  }
  for (const FieldDecl *Field : Via) {
    const CXXRecordDecl *Handle =
        Field->getType().getCanonicalType()->getAsCXXRecordDecl();
    const FieldDecl *Shared = handleField(Handle, &Containers);
    F.Notes.push_back(
        {Field->getLocation(),
         fieldName(Field) + " shares the " + quoted(className(Target)) +
             (Shared ? " through " + quoted(className(Handle)) +
                           ", a handle whose copies share its " +
                           quoted(Shared->getName())
                     : std::string())});
  }
  // Each store the other way, around a ring to the holder: the last one
  // stores the holder itself.
  for (const OwnershipLink &L : E.Forward) {
    const CXXRecordDecl *Stored = &L == &E.Forward.back()
                                      ? LastStored
                                      : pointeeClass(L.Field, Containers);
    if (Stored)
      F.Notes.push_back({L.Value->getBeginLoc(),
                         "the " + quoted(className(Stored)) +
                             " is stored in " + quoted(L.Field->getName()) +
                             " here"});
  }
  // A holder made (or held) by the function and then moved into a field
  // that owns it alone: where it changed hands.
  if (E.Back.KeptAt) {
    SmallVector<OwnedClass, 2> Kept =
        ownedClasses(E.Back.KeptIn->getType(), Containers);
    if (!Kept.empty())
      F.Notes.push_back({E.Back.KeptAt->getBeginLoc(),
                         "the " + quoted(className(Kept.front().Class)) +
                             (E.Back.KeptCopy ? " is copied into "
                                              : " is moved into ") +
                             quoted(E.Back.KeptIn->getName()) + " here"});
  }
  std::string How = quoted(Back->getName()) + " is set to " +
                    describeValue(E.Back, *Ctx) + " here";
  if (E.Back.Through)
    How += ", through " + quoted(E.Back.Through->getQualifiedNameAsString());
  F.Notes.push_back({E.Back.Value->getBeginLoc(), How});

  // A pointer that counts references in the object has no std::weak_ptr.
  const auto *Owner = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Weak->getType().getCanonicalType()->getAsCXXRecordDecl());
  std::string OwnerName = Owner ? qualifiedName(Owner) : std::string();
  if (Owner && isSingleOwner(Weak) && OwnerName != "std::shared_ptr" &&
      OwnerName != "boost::shared_ptr") {
    F.Notes.push_back({Weak->getLocation(),
                       "make it non-owning: " + quoted(Owner->getName()) +
                           " has no std::weak_ptr; hold a raw pointer or the "
                           "library's weak reference (no automatic fix)"});
    Out.push_back(std::move(F));
    return;
  }
  // A cycle through one field more than once: making that field weak
  // would free every node but the one held from outside.
  if (cycles::revisitsBackField(E)) {
    F.Notes.push_back(
        {Weak->getLocation(),
         "the cycle goes through " + quoted(Back->getName()) +
             " more than once; the link that closes it must not own (no "
             "automatic fix: making the field weak would free the objects "
             "it links)"});
    Out.push_back(std::move(F));
    return;
  }
  const WeakPtrRewrite &Plan = Rewrites[Weak->getCanonicalDecl()];
  std::string Fix = "make it a std::weak_ptr";
  if (!Plan.Declaration.empty())
    Fix += ": '" + Plan.Declaration + "'";
  if (Plan.Fixes.empty())
    Fix += " (no automatic fix: " + Plan.WhyNot + ")";
  F.Notes.push_back({Weak->getLocation(), Fix});
  F.Fixes.append(Plan.Fixes.begin(), Plan.Fixes.end());
  Out.push_back(std::move(F));
}

void SharedPtrCycle::reportClosedList(const Evidence &E,
                                      const ListEnds::Ring &R,
                                      std::vector<Finding> &Out) {
  const FieldDecl *Link = E.Back.Field;
  const CXXRecordDecl *Node = sharedPointee(Link->getType());
  if (!Node)
    return;
  // Code that empties the link lets the ring go: a method that unlinks the
  // last node, or the destructor of the list's holder, which is outside
  // the ring; the nodes' own destructors never run.
  SmallVector<const CXXRecordDecl *, 4> RingClasses = {Node};
  for (const FieldDecl *Step : R.Path)
    RingClasses.push_back(cast<CXXRecordDecl>(Step->getParent()));
  if (Resets.find(Link) ||
      Resets.findInDestructor(Link, [&](const CXXRecordDecl *RD) {
        return livesWithin(RD, RingClasses, Containers);
      }))
    return;
  std::string Along;
  for (const FieldDecl *Step : R.Path)
    Along += (Along.empty() ? "" : ".") + Step->getName().str();
  std::string Keeper = isa<CXXRecordDecl>(R.Keeper)
                           ? className(cast<CXXRecordDecl>(R.Keeper))
                           : R.Keeper->getQualifiedNameAsString();
  std::string First = quoted(R.First->getName());
  std::string Last = quoted(R.Last->getName());
  Finding F;
  F.Loc = Link->getLocation();
  F.Message = fieldName(Link) + " closes a ring of " +
              quoted(className(Node)) + " objects: " + quoted(Keeper) +
              " stores the first node of its list in the last one's " +
              quoted(Link->getName()) +
              ", and each node owns the one after it, so none of them is "
              "ever destroyed";
  F.Notes.push_back({R.Closing->getBeginLoc(),
                     quoted(Link->getName()) + " of the last node, " + Last +
                         ", is set to the first, " + First + ", here"});
  std::string Follows =
      Last + " is always reached from " + First + " through " + quoted(Along);
  if (R.Append)
    F.Notes.push_back({R.Append->getBeginLoc(),
                       Follows + ": a node is linked after " + Last +
                           " here, then becomes it"});
  else if (isa<VarDecl>(R.Last))
    F.Notes.push_back({R.Last->getLocation(),
                       Follows + ": it starts there and moves only along " +
                           quoted(Link->getName())});
  else
    F.Notes.push_back({R.Last->getLocation(),
                       Follows + ": every write of either keeps it so"});
  F.Notes.push_back(
      {Link->getLocation(),
       "the link that closes the ring must not own: reset it when the ring "
       "is let go, or keep the first node apart (no automatic fix: making " +
           quoted(Link->getName()) + " weak would free the nodes it links)"});
  Out.push_back(std::move(F));
}

void SharedPtrCycle::reportTypeCycles(std::vector<Finding> &Out) {
  llvm::DenseSet<int> Reported;
  for (const auto &[Field, E] : Evidences.evidences())
    Reported.insert(Graph.cycleOf(cast<CXXRecordDecl>(Field->getParent())));
  for (const auto &Classes : Graph.cycles()) {
    int Cycle = Graph.cycleOf(Classes.front());
    if (Reported.count(Cycle))
      continue;
    // The first shared edge of the cycle, in source order, stands for it.
    const OwnershipEdge *First = nullptr;
    for (const CXXRecordDecl *RD : Classes)
      for (const OwnershipEdge &Edge : Graph.edgesFrom(RD))
        if (Edge.Kind == OwnershipKind::Shared &&
            Graph.cycleOf(Edge.To) == Cycle &&
            (!First ||
             Ctx->getSourceManager().isBeforeInTranslationUnit(
                 Edge.Field->getLocation(), First->Field->getLocation())))
          First = &Edge;
    if (!First)
      continue;
    Finding F;
    F.Loc = First->Field->getLocation();
    F.Message = fieldName(First->Field) +
                " is part of a shared_ptr ownership cycle in the type graph; "
                "no code in this translation unit was seen linking objects "
                "both ways (type-level cycle)";
    for (const OwnershipEdge *Edge :
         Graph.path(First->To, cast<CXXRecordDecl>(First->Field->getParent())))
      if (Edge->Field != First->Field)
        F.Notes.push_back({Edge->Field->getLocation(),
                           "the cycle goes on through " +
                               fieldName(Edge->Field) + ", which owns " +
                               quoted(className(Edge->To)) + " objects"});
    Out.push_back(std::move(F));
  }
}

std::vector<Finding> SharedPtrCycle::finish() {
  std::vector<Finding> Out;
  if (Ctx) {
    // clangd: the headers' members were not matched; read them when asked.
    if (isPartialTraversal(*Ctx)) {
      Resets.readClassesOnDemand();
      Links.readClassesOnDemand();
    }
    Graph.build();
    auto AddRing = [&](const OwnershipLink &Back, ListEnds::Ring R) {
      Evidences.addClosedList(Back, ArrayRef(R.Path).drop_back());
      Rings.try_emplace(Back.Field, std::move(R));
    };
    for (const auto &[L, F] : ListClosings)
      if (std::optional<ListEnds::Ring> R = Lists.closesRing(L, F, *Ctx))
        AddRing(L, std::move(*R));
    for (const auto &[S, F] : WalkClosings)
      if (std::optional<ListEnds::Ring> R = Lists.closesWalk(S, F)) {
        OwnershipLink Back;
        Back.Field = R->Path.back();
        Back.Value = S.Value;
        AddRing(Back, std::move(*R));
      }
    const auto &Found = Evidences.evidences();
    llvm::DenseSet<SourceLocation> Seen;
    // Each back edge's weak field, once: the rewrites are planned over all
    // of them, and each is reported once.
    SmallVector<WeakEdge, 8> Weak;
    SmallVector<const FieldDecl *, 8> Backs;
    for (const auto &Entry : Found) {
      Weak.push_back(weakEdgeOf(Entry.first));
      Backs.push_back(Weak.back().Field);
    }
    Rewrites = planWeakPtrRewrites(Backs, *Ctx);
    SmallVector<const FieldDecl *, 8> Reported;
    for (const auto &[I, Entry] : llvm::enumerate(Found)) {
      size_t Before = Out.size();
      if (Seen.insert(Weak[I].Field->getLocation()).second)
        report(Entry.second, Weak[I], Out);
      if (Out.size() > Before)
        Reported.push_back(Entry.first);
    }
    Rewrites.clear();
    if (Options.ReportTypeCycles)
      reportTypeCycles(Out);
    if (Facts)
      writeFacts(Reported);
  }
  if (Facts)
    Facts->clear();
  Evidences.clear();
  ListClosings.clear();
  WalkClosings.clear();
  Lists.clear();
  Rings.clear();
  Graph.clear();
  Links.clear();
  Resets.clear();
  Program.clear();
  Ctx = nullptr;
  return Out;
}

} // namespace leaklint
