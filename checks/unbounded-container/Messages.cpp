//===--- Messages.cpp - What leak-unbounded-container says
//-----------------===//
//
// The diagnostic names the storage, where it grows and what accumulates, and
// suggests the fix that fits the kind of element.
//
//===----------------------------------------------------------------------===//
#include "ElementKinds.h"
#include "UnboundedContainer.h"
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

// A pointer or shared pointer to a polymorphic class: a listener object. A
// unique_ptr owns its object; a table of owned objects holds no listeners.
bool isListenerPointer(QualType T) {
  T = T.getCanonicalType();
  QualType Pointee;
  if (T->isPointerType())
    Pointee = T->getPointeeType();
  else if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
               T->getAsCXXRecordDecl());
           Spec && Spec->isInStdNamespace() && Spec->getIdentifier() &&
           llvm::is_contained({"shared_ptr", "weak_ptr"}, Spec->getName()) &&
           Spec->getTemplateArgs().size() > 0 &&
           Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
    Pointee = Spec->getTemplateArgs()[0].getAsType();
  const CXXRecordDecl *RD =
      Pointee.isNull() ? nullptr : Pointee->getAsCXXRecordDecl();
  return RD && RD->hasDefinition() && RD->getDefinition()->isPolymorphic();
}

} // namespace

ElementKind elementKind(const ClassTemplateSpecializationDecl *Container,
                        const ContainerTypes &Containers, unsigned Depth) {
  const TemplateArgumentList &Args = Container->getTemplateArgs();
  bool Keyed = ContainerTypes::isKeyed(Container);
  bool IsMap = Keyed && Container->getName().contains_insensitive("map");
  unsigned Index = IsMap ? 1 : 0;
  if (Args.size() <= Index || Args[Index].getKind() != TemplateArgument::Type)
    return Keyed ? ElementKind::CacheEntry : ElementKind::Element;
  QualType Element = Args[Index].getAsType();
  if (isCallable(Element) || isListenerPointer(Element))
    return ElementKind::Listener;
  if (const ClassTemplateSpecializationDecl *Inner =
          Containers.asContainer(Element);
      Inner && Depth < 4) {
    ElementKind Nested = elementKind(Inner, Containers, Depth + 1);
    if (Nested == ElementKind::Listener)
      return Nested;
  }
  return Keyed ? ElementKind::CacheEntry : ElementKind::Element;
}

void UnboundedContainer::report(const ValueDecl *D, const Candidate &C,
                                std::vector<Finding> &Out) {
  const ClassTemplateSpecializationDecl *Container =
      Containers.asContainer(containerType(D));
  if (!Container)
    return;
  std::string Name;
  std::string Storage;
  if (const auto *VD = dyn_cast<VarDecl>(D)) {
    std::optional<StaticStorageKind> Kind = classifyStaticStorage(VD);
    if (!Kind)
      return;
    Name = storageName(VD);
    Storage = describeStaticStorage(*Kind).str();
  } else {
    const auto *Class = cast<CXXRecordDecl>(D->getDeclContext());
    Name = memberName(D);
    Storage = TheSingletons.isSingleton(Class) ? "singleton member"
                                               : "static object's member";
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

  Finding F;
  F.Loc = D->getLocation();
  std::string Subject = Storage + " " + quoted(Name);
  std::string Suggestion;
  switch (elementKind(Container, Containers)) {
  case ElementKind::Listener:
    F.Message = Subject + " only grows: listeners are added" + Where +
                " but never removed; each registered callback and everything "
                "it captures lives until the program exits";
    Suggestion = "return an unsubscribe handle that erases the listener, or "
                 "hold std::weak_ptr listeners and drop expired ones";
    break;
  case ElementKind::CacheEntry:
    F.Message = Subject +
                " grows by one entry per distinct key and is never evicted; "
                "every entry lives until the program exits";
    Suggestion = "bound it: evict old entries (an LRU with a capacity), or "
                 "clear it when what it caches changes";
    break;
  case ElementKind::Element:
    F.Message = Subject + " only grows: elements are added" + Where +
                " but never removed; every element lives until the program "
                "exits";
    Suggestion = "keep a bounded window (a ring buffer, or pop_front past a "
                 "size) or flush it periodically";
    break;
  }
  llvm::SmallSet<SourceLocation, 4> Noted;
  for (const Growth &G : C.Growths) {
    if (Noted.size() == 3)
      break;
    if (Noted.insert(G.Site->getBeginLoc()).second)
      F.Notes.push_back({G.Site->getBeginLoc(), "it grows here"});
  }
  F.Notes.push_back({D->getLocation(), Suggestion});
  Out.push_back(std::move(F));
}

} // namespace leaklint
