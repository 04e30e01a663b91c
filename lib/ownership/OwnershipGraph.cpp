//===--- OwnershipGraph.cpp - Which classes own which, by their fields ----===//
#include "OwnershipGraph.h"
#include "IntrusivePointers.h"
#include "Compat.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include <deque>

using namespace clang;

namespace leaklint {
namespace {

constexpr unsigned MaxDepth = 8;

// std::shared_ptr, std::unique_ptr, boost::shared_ptr: the owning pointers.
std::optional<OwnershipKind>
owningPointerKind(const CXXRecordDecl *RD,
                  const ContainerTypes *Containers = nullptr) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  if (!Spec || !Spec->getIdentifier())
    return std::nullopt;
  if (Containers && Containers->isExtraSharedOwner(Spec))
    return OwnershipKind::Shared;
  StringRef Name = Spec->getName();
  if (Spec->isInStdNamespace()) {
    if (Name == "shared_ptr")
      return OwnershipKind::Shared;
    if (Name == "unique_ptr")
      return OwnershipKind::Unique;
    return std::nullopt;
  }
  if (Name == "shared_ptr" && qualifiedName(Spec) == "boost::shared_ptr")
    return OwnershipKind::Shared;
  // boost::intrusive_ptr, llvm::IntrusiveRefCntPtr, a project's own.
  if (isIntrusiveSharedOwner(Spec))
    return OwnershipKind::Shared;
  return std::nullopt;
}

bool isWrapper(const ClassTemplateSpecializationDecl *Spec) {
  return Spec->isInStdNamespace() && Spec->getIdentifier() &&
         llvm::is_contained({"optional", "variant", "pair", "tuple", "array"},
                            Spec->getName());
}

void collect(QualType T, const ContainerTypes &Containers, bool InContainer,
             unsigned Depth, SmallVectorImpl<OwnedClass> &Out) {
  if (T.isNull() || Depth > MaxDepth)
    return;
  T = T.getCanonicalType();
  if (T->isDependentType() || T->isPointerType() || T->isReferenceType())
    return;
  if (const auto *Arr = dyn_cast<ConstantArrayType>(T.getTypePtr())) {
    collect(Arr->getElementType(), Containers, InContainer, Depth + 1, Out);
    return;
  }
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return;
  if (std::optional<OwnershipKind> Kind = owningPointerKind(RD, &Containers)) {
    const auto *Spec = cast<ClassTemplateSpecializationDecl>(RD);
    if (Spec->getTemplateArgs().size() &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      if (const CXXRecordDecl *Pointee =
              Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl())
        Out.push_back({Pointee->getCanonicalDecl(), *Kind, InContainer});
    return;
  }
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
  bool IsContainer = Spec && Containers.asContainer(T);
  if (Spec && (IsContainer || isWrapper(Spec))) {
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
      if (A.getKind() == TemplateArgument::Type)
        collect(A.getAsType(), Containers, InContainer || IsContainer,
                Depth + 1, Out);
      else if (A.getKind() == TemplateArgument::Pack)
        for (const TemplateArgument &P : A.pack_elements())
          if (P.getKind() == TemplateArgument::Type)
            collect(P.getAsType(), Containers, InContainer || IsContainer,
                    Depth + 1, Out);
    return;
  }
  // Library internals (std::function, std::string, ...) own nothing of the
  // program's; a program class held by value owns what its fields own.
  if (RD->isInStdNamespace())
    return;
  // A handle class is a shared owner of what its one field shares.
  if (const FieldDecl *Handle = handleField(RD, &Containers)) {
    collect(Handle->getType(), Containers, InContainer, Depth + 1, Out);
    return;
  }
  Out.push_back({RD->getCanonicalDecl(), OwnershipKind::Value, InContainer});
}

// The non-static fields of \p RD and of its bases; false when there are
// more than \p Limit, or a base cannot be seen.
bool collectFields(const CXXRecordDecl *RD, unsigned Limit, unsigned Depth,
                   SmallVectorImpl<const FieldDecl *> &Out) {
  if (!RD || !RD->hasDefinition() || Depth > MaxDepth)
    return false;
  RD = RD->getDefinition();
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (!collectFields(Base.getType()->getAsCXXRecordDecl(), Limit, Depth + 1,
                       Out))
      return false;
  for (const FieldDecl *F : RD->fields()) {
    Out.push_back(F);
    if (Out.size() > Limit)
      return false;
  }
  return true;
}

} // namespace

const FieldDecl *handleField(const CXXRecordDecl *RD,
                             const ContainerTypes *Containers) {
  if (!RD || !RD->hasDefinition() || RD->isInStdNamespace() || RD->isLambda() ||
      RD->isDependentContext())
    return nullptr;
  // Copying must copy the owner: a class that defines its own copy
  // constructor may deep-copy the content instead of sharing it.
  const CXXRecordDecl *Def = RD->getDefinition();
  if (Def->hasUserDeclaredCopyConstructor() ||
      Def->hasUserDeclaredCopyAssignment())
    return nullptr;
  SmallVector<const FieldDecl *, 2> Fields;
  if (!collectFields(Def, 1, 0, Fields) || Fields.size() != 1)
    return nullptr;
  const CXXRecordDecl *Owner =
      Fields.front()->getType().getCanonicalType()->getAsCXXRecordDecl();
  std::optional<OwnershipKind> Kind = owningPointerKind(Owner, Containers);
  return Kind && *Kind == OwnershipKind::Shared ? Fields.front() : nullptr;
}

SmallVector<OwnedClass, 2> ownedClasses(QualType T,
                                        const ContainerTypes &Containers) {
  SmallVector<OwnedClass, 2> Out;
  collect(T, Containers, false, 0, Out);
  return Out;
}

const CXXRecordDecl *sharedPointee(QualType T) {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  std::optional<OwnershipKind> Kind = owningPointerKind(RD);
  if (!Kind || *Kind != OwnershipKind::Shared)
    return nullptr;
  const auto &Args =
      cast<ClassTemplateSpecializationDecl>(RD)->getTemplateArgs();
  if (!Args.size() || Args[0].getKind() != TemplateArgument::Type)
    return nullptr;
  const CXXRecordDecl *Pointee = Args[0].getAsType()->getAsCXXRecordDecl();
  return Pointee ? Pointee->getCanonicalDecl() : nullptr;
}

bool isUniqueOwner(QualType T) {
  return owningPointerKind(T.getNonReferenceType()->getAsCXXRecordDecl()) ==
         OwnershipKind::Unique;
}

void OwnershipGraph::addClass(const CXXRecordDecl *RD) {
  if (!RD || RD->isDependentContext() || !RD->isCompleteDefinition() ||
      RD->isLambda() || RD->isInvalidDecl())
    return;
  const CXXRecordDecl *Canonical = RD->getCanonicalDecl();
  if (Index.try_emplace(Canonical, Classes.size()).second)
    Classes.push_back(Canonical);
}

void OwnershipGraph::build() {
  Edges.assign(Classes.size(), {});
  // Derived classes of each class, for owners of a base.
  llvm::DenseMap<const CXXRecordDecl *, SmallVector<const CXXRecordDecl *, 4>>
      Derived;
  for (const CXXRecordDecl *RD : Classes)
    RD->getDefinition()->forallBases([&](const CXXRecordDecl *Base) {
      Derived[Base->getCanonicalDecl()].push_back(RD);
      return true;
    });

  for (unsigned I = 0; I < Classes.size(); ++I) {
    const CXXRecordDecl *Def = Classes[I]->getDefinition();
    for (const FieldDecl *Field : Def->fields()) {
      if (Field->isInvalidDecl())
        continue;
      for (const OwnedClass &O : ownedClasses(Field->getType(), Containers)) {
        if (Index.count(O.Class))
          Edges[I].push_back({Field, O.Class, O.Kind, O.InContainer, false});
        if (O.Kind == OwnershipKind::Value)
          continue;
        auto It = Derived.find(O.Class);
        if (It != Derived.end())
          for (const CXXRecordDecl *D : It->second)
            Edges[I].push_back({Field, D, O.Kind, O.InContainer, true});
      }
    }
  }

  // Tarjan, iteratively: no recursion depth to worry about on huge TUs.
  const unsigned N = Classes.size();
  Component.assign(N, -1);
  InCycle.assign(N, false);
  std::vector<int> Low(N, 0), Order(N, -1);
  std::vector<bool> OnStack(N, false);
  std::vector<unsigned> Stack;
  int Counter = 0, Components = 0;
  for (unsigned Root = 0; Root < N; ++Root) {
    if (Order[Root] != -1)
      continue;
    std::vector<std::pair<unsigned, unsigned>> Work = {{Root, 0}};
    Order[Root] = Low[Root] = Counter++;
    Stack.push_back(Root);
    OnStack[Root] = true;
    while (!Work.empty()) {
      auto &[V, Next] = Work.back();
      if (Next < Edges[V].size()) {
        unsigned W = Index.lookup(Edges[V][Next++].To);
        if (Order[W] == -1) {
          Order[W] = Low[W] = Counter++;
          Stack.push_back(W);
          OnStack[W] = true;
          Work.push_back({W, 0});
        } else if (OnStack[W]) {
          Low[V] = std::min(Low[V], Order[W]);
        }
        continue;
      }
      if (Low[V] == Order[V]) {
        SmallVector<unsigned, 4> Members;
        unsigned W;
        do {
          W = Stack.back();
          Stack.pop_back();
          OnStack[W] = false;
          Component[W] = Components;
          Members.push_back(W);
        } while (W != V);
        const CXXRecordDecl *Self = Classes[V];
        bool SelfLoop = llvm::any_of(
            Edges[V], [Self](const OwnershipEdge &E) { return E.To == Self; });
        if (Members.size() > 1 || SelfLoop)
          for (unsigned M : Members)
            InCycle[M] = true;
        ++Components;
      }
      unsigned Done = V;
      Work.pop_back();
      if (!Work.empty())
        Low[Work.back().first] = std::min(Low[Work.back().first], Low[Done]);
    }
  }
}

ArrayRef<OwnershipEdge>
OwnershipGraph::edgesFrom(const CXXRecordDecl *RD) const {
  auto It = Index.find(RD->getCanonicalDecl());
  if (It == Index.end() || Edges.empty())
    return {};
  return Edges[It->second];
}

int OwnershipGraph::cycleOf(const CXXRecordDecl *RD) const {
  auto It = Index.find(RD->getCanonicalDecl());
  if (It == Index.end() || InCycle.empty() || !InCycle[It->second])
    return -1;
  return Component[It->second];
}

SmallVector<const OwnershipEdge *, 4>
OwnershipGraph::path(const CXXRecordDecl *From, const CXXRecordDecl *To) const {
  SmallVector<const OwnershipEdge *, 4> Result;
  int Cycle = cycleOf(From);
  if (Cycle < 0 || cycleOf(To) != Cycle)
    return Result;
  unsigned Start = Index.lookup(From->getCanonicalDecl());
  unsigned Goal = Index.lookup(To->getCanonicalDecl());
  // Breadth first inside the component; a path of at least one edge.
  llvm::DenseMap<unsigned, const OwnershipEdge *> Via;
  std::deque<unsigned> Queue = {Start};
  llvm::DenseMap<unsigned, unsigned> Parent;
  bool Found = false;
  while (!Queue.empty() && !Found) {
    unsigned V = Queue.front();
    Queue.pop_front();
    for (const OwnershipEdge &E : Edges[V]) {
      unsigned W = Index.lookup(E.To);
      if (Component[W] != Cycle || Via.count(W))
        continue;
      Via[W] = &E;
      Parent[W] = V;
      if (W == Goal) {
        Found = true;
        break;
      }
      Queue.push_back(W);
    }
  }
  if (!Found)
    return Result;
  for (unsigned V = Goal;;) {
    Result.push_back(Via[V]);
    unsigned P = Parent[V];
    if (P == Start)
      break;
    V = P;
  }
  std::reverse(Result.begin(), Result.end());
  return Result;
}

std::vector<std::vector<const CXXRecordDecl *>> OwnershipGraph::cycles() const {
  llvm::DenseMap<int, unsigned> Slot;
  std::vector<std::vector<const CXXRecordDecl *>> Result;
  for (unsigned I = 0; I < Classes.size(); ++I) {
    if (InCycle.empty() || !InCycle[I])
      continue;
    auto [It, New] = Slot.try_emplace(Component[I], Result.size());
    if (New)
      Result.emplace_back();
    Result[It->second].push_back(Classes[I]);
  }
  return Result;
}

bool OwnershipGraph::fieldOwns(const FieldDecl *Field,
                               const CXXRecordDecl *Class) const {
  const CXXRecordDecl *Target = Class->getCanonicalDecl();
  const CXXRecordDecl *TargetDef = Class->getDefinition();
  for (const OwnedClass &O : ownedClasses(Field->getType(), Containers)) {
    if (O.Class == Target)
      return true;
    if (O.Kind != OwnershipKind::Value && TargetDef &&
        TargetDef->isDerivedFrom(O.Class))
      return true;
  }
  return false;
}

void OwnershipGraph::clear() {
  Classes.clear();
  Index.clear();
  Edges.clear();
  Component.clear();
  InCycle.clear();
}

bool livesWithin(const CXXRecordDecl *Class,
                 ArrayRef<const CXXRecordDecl *> Roots,
                 const ContainerTypes &Containers) {
  const CXXRecordDecl *Target = Class->getDefinition();
  if (!Target)
    return true;
  SmallVector<const CXXRecordDecl *, 8> Work(Roots.begin(), Roots.end());
  llvm::DenseSet<const CXXRecordDecl *> Seen;
  while (!Work.empty() && Seen.size() < 64) {
    const CXXRecordDecl *RD = Work.pop_back_val();
    RD = RD ? RD->getDefinition() : nullptr;
    if (!RD || !Seen.insert(RD->getCanonicalDecl()).second)
      continue;
    if (declaresSameEntity(RD, Target) || RD->isDerivedFrom(Target) ||
        Target->isDerivedFrom(RD))
      return true;
    for (const CXXBaseSpecifier &Base : RD->bases())
      Work.push_back(Base.getType()->getAsCXXRecordDecl());
    for (const FieldDecl *Field : RD->fields())
      for (const OwnedClass &Owned : ownedClasses(Field->getType(), Containers))
        Work.push_back(Owned.Class);
  }
  return false;
}

} // namespace leaklint
