//===--- Messages.cpp - What leak-unbounded-container says ----------------===//
//
// The diagnostic names the storage, where it grows and what accumulates, and
// suggests the fix that fits the kind of element.
//
//===----------------------------------------------------------------------===//
#include "ElementKinds.h"
#include "UnboundedContainer.h"
#include "ownership/OwnershipGraph.h"
#include "storage/StaticStorage.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"

using namespace clang;

namespace leaklint {
namespace {

bool isCallable(QualType T) {
  T = T.getCanonicalType();
  if (T->isFunctionPointerType() || T->isMemberFunctionPointerType())
    return true;
  const auto *RD = T->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         llvm::is_contained(
             {"function", "move_only_function", "copyable_function"},
             RD->getName());
}

} // namespace

QualType elementType(const ClassTemplateSpecializationDecl *Container) {
  const TemplateArgumentList &Args = Container->getTemplateArgs();
  bool IsMap = ContainerTypes::isKeyed(Container) &&
               Container->getName().contains_insensitive("map");
  unsigned Index = IsMap ? 1 : 0;
  if (Args.size() <= Index || Args[Index].getKind() != TemplateArgument::Type)
    return QualType();
  return Args[Index].getAsType();
}

namespace {

bool isWeakPointer(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.isNull() ? nullptr : T.getCanonicalType()->getAsCXXRecordDecl());
  return Spec && Spec->isInStdNamespace() && Spec->getIdentifier() &&
         Spec->getName() == "weak_ptr";
}

} // namespace

ElementKind elementKind(const ClassTemplateSpecializationDecl *Container,
                        const ContainerTypes &Containers, unsigned Depth) {
  bool Keyed = ContainerTypes::isKeyed(Container);
  QualType Element = elementType(Container);
  if (Element.isNull())
    return Keyed ? ElementKind::CacheEntry : ElementKind::Element;
  if (isCallable(Element))
    return ElementKind::Listener;
  // An entry that carries a callback: `struct Listener { std::string prefix;
  // std::function<void()> callback; };`.
  if (const CXXRecordDecl *Entry = Element->getAsCXXRecordDecl();
      Entry && Entry->hasDefinition() && !Entry->isInStdNamespace() &&
      llvm::any_of(Entry->fields(), [](const FieldDecl *Field) {
        return isCallable(Field->getType());
      }))
    return ElementKind::Listener;
  if (const ClassTemplateSpecializationDecl *Inner =
          Containers.asContainer(Element);
      Inner && Depth < 4) {
    ElementKind Nested = elementKind(Inner, Containers, Depth + 1);
    if (Nested == ElementKind::Listener)
      return Nested;
  }
  if (Keyed)
    return ElementKind::CacheEntry;
  return pointedObject(Element, Containers) ? ElementKind::Object
                                            : ElementKind::Element;
}

const CXXRecordDecl *pointedObject(QualType Element,
                                   const ContainerTypes &Containers,
                                   bool *Owning) {
  Element = Element.getCanonicalType();
  if (Element->isPointerType()) {
    if (Owning)
      *Owning = false;
    return Element->getPointeeType()->getAsCXXRecordDecl();
  }
  for (const OwnedClass &O : ownedClasses(Element, Containers))
    if (O.Kind != OwnershipKind::Value) {
      if (Owning)
        *Owning = true;
      return O.Class;
    }
  // weak_ptr<T>: no owner, but an entry per object all the same.
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          Element->getAsCXXRecordDecl());
      Spec && Spec->isInStdNamespace() && Spec->getIdentifier() &&
      Spec->getName() == "weak_ptr" && Spec->getTemplateArgs().size() > 0 &&
      Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type) {
    if (Owning)
      *Owning = false;
    return Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
  }
  return nullptr;
}

void UnboundedContainer::report(const ValueDecl *D, const Candidate &C,
                                std::vector<Finding> &Out) {
  const ClassTemplateSpecializationDecl *Container =
      Containers.asContainer(containerType(D));
  if (!Container)
    return;
  std::string Subject;
  // A thread_local lives as long as its thread: on a server's worker or
  // event-loop thread, as long as the program.
  std::string Until = "until the program exits";
  // How the object that holds a member lives as long as the program, hop by
  // hop (storage/ObjectLifetimes.h).
  std::vector<ProgramLifetime::Step> Ownership;
  const VarDecl *InMain = nullptr;
  if (const auto *VD = dyn_cast<VarDecl>(D)) {
    std::optional<StaticStorageKind> Kind = classifyStaticStorage(VD);
    if (!Kind)
      return;
    Subject = describeStaticStorage(*Kind).str() + " " + quoted(storageName(VD));
    if (*Kind == StaticStorageKind::ThreadLocal)
      Until = "until its thread exits";
  } else {
    const auto *Class = cast<CXXRecordDecl>(D->getDeclContext());
    std::optional<ProgramLifetime> Life =
        C.GrownViaObject ? lifetimeOf(Class) : std::nullopt;
    // `int main() { Server S; ... }`: S lives as long as the program.
    std::string MainLocal;
    if (Life && Life->MainLocal) {
      InMain = Life->MainLocal;
      MainLocal = quoted(InMain->getName()) + " in 'main'";
    }
    if (Life && !Life->Chain.empty()) {
      Subject = "member " + quoted(memberName(D)) +
                " of an object owned by " +
                (Life->Kind == ProgramLifetime::Root::Singleton
                     ? "the singleton " +
                           quoted(Life->RootClass->getQualifiedNameAsString())
                 : Life->Kind == ProgramLifetime::Root::StaticContainer
                     ? "the static container " +
                           quoted(storageName(Life->RootContainer))
                 : !MainLocal.empty()
                     ? MainLocal
                     : "a static " +
                           quoted(Life->RootClass->getQualifiedNameAsString()) +
                           " object");
      Ownership = std::move(Life->Chain);
    } else if (!MainLocal.empty()) {
      Subject = "member " + quoted(memberName(D)) + " of " + MainLocal;
    } else {
      Subject = (TheSingletons.isSingleton(Class) ? "singleton member "
                                                  : "static object's member ") +
                quoted(memberName(D));
    }
  }
  if (IgnoredVariables.matches(D->getQualifiedNameAsString(),
                               D->getDeclName().isIdentifier() ? D->getName()
                                                               : StringRef()))
    return;

  std::string Where;
  if (const FunctionDecl *F = functionAt(C.Growths.front().Site->getBeginLoc()))
    if (const auto *M = dyn_cast<CXXMethodDecl>(F);
        !M || !M->getParent()->isLambda())
      Where = " in " + quoted(F->getQualifiedNameAsString());

  // Growth only inside the entries of a map whose keys are bounded
  // (`byLevel[level].push_back(line)`, `byRoute["/api"].push_back(ms)`):
  // say what the entries hold.
  std::string Into;
  if (elementKind(Container, Containers) != ElementKind::Listener &&
      llvm::all_of(C.Growths, [](const Growth &G) { return G.Element; }))
    if (const ClassTemplateSpecializationDecl *Inner =
            Containers.asContainer(elementType(Container))) {
      Container = Inner;
      Into = " to its entries";
    }

  // A table of inner containers whose entries are emptied but whose keys
  // are never dropped (a topic per subscription) piles up keys.
  ElementKind Kind = elementKind(Container, Containers);
  if (Into.empty() && Containers.asContainer(elementType(Container)) &&
      llvm::none_of(C.Growths, [](const Growth &G) { return G.Element; }))
    Kind = ElementKind::CacheEntry;

  Finding F;
  F.Loc = D->getLocation();
  std::string Suggestion;
  switch (Kind) {
  case ElementKind::Listener:
    F.Message = Subject + " only grows: listeners are added" + Into + Where +
                " but never removed; each registered callback and everything "
                "it captures lives " + Until;
    Suggestion = "return an unsubscribe handle that erases the listener, or "
                 "hold std::weak_ptr listeners and drop expired ones";
    break;
  case ElementKind::Object: {
    bool Owning = false;
    const CXXRecordDecl *Class =
        pointedObject(elementType(Container), Containers, &Owning);
    F.Message = Subject + " only grows: " + quoted(Class->getName()) +
                " objects are added" + Into + Where + " but never removed; " +
                (Owning ? "every one stays alive " : "every entry stays ") +
                Until;
    Suggestion = "remove each " + quoted(Class->getName()) +
                 " when it is done with (closed, finished, unsubscribed)";
    // Weak entries keep no object alive: what piles up is the entries.
    if (isWeakPointer(elementType(Container)))
      Suggestion += ", or erase the expired entries (those "
                    "whose expired() is true) whenever one is added";
    else
      Suggestion += ", or hold std::weak_ptr and drop expired ones";
    break;
  }
  case ElementKind::CacheEntry:
    // A multimap keeps an entry per insertion, even of a key it has.
    F.Message = Subject + (Into.empty() ? "" : " grows inside its entries: each") +
                (Container->getName().starts_with("multi") ||
                         Container->getName().starts_with("unordered_multi")
                     ? " grows by one entry per insertion"
                     : " grows by one entry per distinct key") +
                " and is never evicted; every entry lives " + Until;
    Suggestion = "bound it: evict old entries (an LRU with a capacity), or "
                 "clear it when what it caches changes";
    break;
  case ElementKind::Element:
    F.Message = Subject + " only grows: elements are added" + Into + Where +
                " but never removed; every element lives " + Until;
    Suggestion = "keep a bounded window (a ring buffer, or pop_front past a "
                 "size) or flush it periodically";
    break;
  }
  auto OnLookup = ErasedOnLookup.find(D);
  if (OnLookup != ErasedOnLookup.end()) {
    F.Message = Subject + " grows by one entry per distinct key" + Where +
                "; entries are only dropped when the same key is requested "
                "again, so every key that is not requested again stays " +
                Until;
    Suggestion = "sweep stale entries too (on a timer, or a few on every "
                 "insertion), or bound it with a capacity";
  }
  auto Marked = SkipsMarked.find(D);
  if (Marked != SkipsMarked.end()) {
    std::string Flag = quoted(Marked->second.Flag->getName());
    F.Message = Subject + " grows by one entry per distinct key" + Where +
                "; entries are only erased while their " + Flag + " is " +
                (Marked->second.Required ? "true" : "false") +
                ", which the code sets to " +
                (Marked->second.Required ? "false" : "true") +
                " and never back, so every entry marked so stays " + Until;
    Suggestion = "erase the entry where it is marked, or let the sweep "
                 "take marked entries too";
  }
  auto Popped = SkipsPop.find(D);
  if (Popped != SkipsPop.end()) {
    std::string Function =
        quoted(Popped->second.Function->getQualifiedNameAsString());
    F.Message = Subject + " grows by one element per call of " + Function +
                " that leaves by a way out skipping its removal; every "
                "element left behind lives " + Until;
    Suggestion = "remove the element on every way out of " + Function +
                 " (a scope guard whose destructor removes it)";
  }
  auto Skipped = SkipsErase.find(D);
  if (Skipped != SkipsErase.end()) {
    // A template's member by its own name, not one instantiation's.
    std::string Function = quoted(FunctionUses::origin(Skipped->second.Function)
                                      ->getQualifiedNameAsString());
    const SkippedErase &Skip = Skipped->second;
    if (Skip.How == SkippedErase::Kind::Completed) {
      F.Message = Subject + " grows by one entry per distinct key" + Where +
                  "; entries are erased where their " +
                  quoted(Skip.Completion->getName()) + " is taken, but " +
                  Function + " runs it on a way out that leaves the entry "
                  "in, and nothing completes that entry again, so it stays " +
                  Until;
      Suggestion = "erase the entry where " + Function + " completes it";
    } else {
      F.Message = Subject + " grows by one entry per distinct key" + Where +
                  "; entries are only erased on some ways out of " +
                  Function + ", so every entry whose call leaves by another "
                  "stays " + Until;
      Suggestion = "erase the entry on every way out of " + Function +
                   " (a scope guard whose destructor erases it), or sweep "
                   "entries left behind";
    }
  }
  llvm::SmallSet<SourceLocation, 4> Noted;
  for (const Growth &G : C.Growths) {
    if (Noted.size() == 3)
      break;
    if (Noted.insert(G.Site->getBeginLoc()).second)
      F.Notes.push_back({G.Site->getBeginLoc(), "it grows here"});
  }
  if (Popped != SkipsPop.end()) {
    const Stmt *Exit = Popped->second.Exit;
    if (isa<ReturnStmt>(Exit))
      F.Notes.push_back({Exit->getBeginLoc(),
                         "this return leaves the element in"});
    else
      F.Notes.push_back({Exit->getEndLoc(),
                         "the function ends here with the element still in"});
    F.Notes.push_back({Popped->second.Pop->getBeginLoc(),
                       "the element is removed here, on the other ways "
                       "out"});
  }
  if (Skipped != SkipsErase.end()) {
    const SkippedErase &Skip = Skipped->second;
    using Kind = SkippedErase::Kind;
    if (Skip.How == Kind::AfterLookup)
      F.Notes.push_back({Skip.From->getBeginLoc(), "the entry is found here"});
    else if (Skip.How == Kind::Completed)
      F.Notes.push_back({Skip.From->getBeginLoc(),
                         "its " + quoted(Skip.Completion->getName()) +
                             " runs here, and the entry stays"});
    else if (!llvm::any_of(C.Growths, [&](const Growth &G) {
               return G.Site == Skip.From;
             }))
      F.Notes.push_back({Skip.From->getBeginLoc(), "the entry is added here"});
    if (isa<ReturnStmt>(Skip.Exit))
      F.Notes.push_back({Skip.Exit->getBeginLoc(),
                         "this return leaves the entry in"});
    else
      F.Notes.push_back({Skip.Exit->getEndLoc(),
                         "the function ends here with the entry still in"});
    F.Notes.push_back(
        {Skip.Removal->getBeginLoc(),
         Skip.How == Kind::AfterLookup
             ? "the entry is erased here, on the other ways out"
         : Skip.How == Kind::Completed
             ? "entries are erased here, where their completion is taken"
             : "this call erases the entry, on the other ways out"});
  }
  if (OnLookup != ErasedOnLookup.end())
    for (const CXXMemberCallExpr *Erase :
         ArrayRef<const CXXMemberCallExpr *>(OnLookup->second).take_front(2))
      F.Notes.push_back({Erase->getBeginLoc(),
                         "entries are only dropped here, when their key is "
                         "requested again and found stale"});
  if (Marked != SkipsMarked.end()) {
    std::string Flag = quoted(Marked->second.Flag->getName());
    F.Notes.push_back({Marked->second.Erase->getBeginLoc(),
                       "entries are only erased here, while " + Flag + " is " +
                           (Marked->second.Required ? "true" : "false")});
    F.Notes.push_back({Marked->second.Marks->getBeginLoc(),
                       Flag + " is set here, and never set back"});
  }
  for (const ProgramLifetime::Step &Step :
       ArrayRef<ProgramLifetime::Step>(Ownership).take_front(3))
    F.Notes.push_back({Step.Loc, Step.Note});
  if (InMain)
    F.Notes.push_back({InMain->getLocation(),
                       quoted(InMain->getName()) +
                           " is declared in 'main' outside its loops, so it "
                           "lives as long as the program"});
  if (const Expr *AtExit = EmptiedOnlyAtExit.lookup(D))
    F.Notes.push_back({AtExit->getBeginLoc(),
                       "it is only emptied here, in the destructor of the "
                       "object that holds it, which runs when the program "
                       "exits"});
  if (auto Uncalled = ShrunkOnlyUncalled.find(D);
      Uncalled != ShrunkOnlyUncalled.end())
    F.Notes.push_back({Uncalled->second.first->getBeginLoc(),
                       "it is only emptied here, in " +
                           quoted(Uncalled->second.second
                                      ->getQualifiedNameAsString()) +
                           ", which nothing in the program calls"});
  F.Notes.push_back({D->getLocation(), Suggestion});
  Out.push_back(std::move(F));
}

} // namespace leaklint
