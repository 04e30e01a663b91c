//===--- InstanceIdentity.cpp - Does a type hold an object's identity -----===//
#include "InstanceIdentity.h"
#include "Compat.h"
#include "ownership/CallableHolders.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace leaklint {
namespace {

enum class Wrapper { None, Shared, RefWrapper, Aggregate };

// Templates that either are an identity (shared_ptr, reference_wrapper) or
// merely group values whose identities we look through.
Wrapper classifyWrapper(const ClassTemplateSpecializationDecl *Spec) {
  const DeclContext *DC =
      Spec->getDeclContext()->getEnclosingNamespaceContext();
  while (isa_and_nonnull<NamespaceDecl>(DC) &&
         cast<NamespaceDecl>(DC)->isInline())
    DC = DC->getParent();
  const auto *NS = dyn_cast_or_null<NamespaceDecl>(DC);
  if (!NS || !NS->getParent()->getRedeclContext()->isTranslationUnit())
    return Wrapper::None;
  StringRef Space = NS->getName();
  StringRef Name = Spec->getName();
  if (Space == "boost" && Name == "shared_ptr")
    return Wrapper::Shared;
  if (Space != "std")
    return Wrapper::None;
  if (Name == "shared_ptr")
    return Wrapper::Shared;
  if (Name == "reference_wrapper")
    return Wrapper::RefWrapper;
  if (llvm::is_contained({"pair", "tuple", "optional", "variant", "array"},
                         Name))
    return Wrapper::Aggregate;
  return Wrapper::None;
}

constexpr unsigned MaxDepth = 8;

} // namespace

void InstanceIdentity::collectArgs(const ClassTemplateSpecializationDecl *Spec,
                                   bool KeyFirst, bool InKey, unsigned Depth,
                                   SmallVectorImpl<HeldIdentity> &Out) const {
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  for (unsigned I = 0, E = Args.size(); I != E; ++I) {
    const TemplateArgument &A = Args[I];
    bool ArgInKey = InKey || (KeyFirst && I == 0);
    if (A.getKind() == TemplateArgument::Type) {
      collect(A.getAsType(), ArgInKey, Depth + 1, Out);
    } else if (A.getKind() == TemplateArgument::Pack) {
      for (const TemplateArgument &P : A.pack_elements())
        if (P.getKind() == TemplateArgument::Type)
          collect(P.getAsType(), ArgInKey, Depth + 1, Out);
    }
  }
}

void InstanceIdentity::collect(QualType T, bool InKey, unsigned Depth,
                               SmallVectorImpl<HeldIdentity> &Out) const {
  if (T.isNull() || Depth > MaxDepth)
    return;
  T = T.getCanonicalType();
  if (T->isDependentType())
    return;
  if (isCallableHolderType(T)) {
    Out.push_back({nullptr, IdentityKind::Callable, InKey});
    return;
  }
  if (const auto *P = T->getAs<PointerType>()) {
    QualType Pointee = P->getPointeeType();
    if (Pointee->isVoidType())
      Out.push_back({nullptr, IdentityKind::OpaquePointer, InKey});
    else if (const CXXRecordDecl *RD = Pointee->getAsCXXRecordDecl())
      Out.push_back({RD->getCanonicalDecl(), IdentityKind::RawPointer, InKey});
    return;
  }
  // A key of an integer type as wide as a pointer may be an address:
  // `reinterpret_cast<std::uintptr_t>(this)`, `std::hash<T *>{}(this)`.
  // Whether it is, only what is stored says (findInstanceSource).
  if (const auto *Builtin = dyn_cast<BuiltinType>(T.getTypePtr());
      InKey && Builtin &&
      llvm::is_contained({BuiltinType::Long, BuiltinType::ULong,
                          BuiltinType::LongLong, BuiltinType::ULongLong},
                         Builtin->getKind())) {
    Out.push_back({nullptr, IdentityKind::OpaquePointer, InKey,
                   /*IntegerKey=*/true});
    return;
  }
  if (const auto *Arr = dyn_cast<ConstantArrayType>(T.getTypePtr())) {
    collect(Arr->getElementType(), InKey, Depth + 1, Out);
    return;
  }
  if (const ClassTemplateSpecializationDecl *C = Containers.asContainer(T)) {
    collectArgs(C, ContainerTypes::isKeyed(C), InKey, Depth, Out);
    return;
  }
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  if (!Spec) {
    // A program's plain struct groups values as a pair does (`struct Slot
    // { std::shared_ptr<Dialog> owner; unsigned cseq; }`): what its fields
    // hold, the entry holds. A class with constructors or private state
    // keeps its own invariants; only stores into its fields would tell.
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (RD && RD->hasDefinition() && RD->getDefinition()->isAggregate() &&
        !RD->isLambda())
      for (const FieldDecl *Field : RD->getDefinition()->fields())
        collect(Field->getType(), InKey, Depth + 1, Out);
    return;
  }
  switch (classifyWrapper(Spec)) {
  case Wrapper::None:
    return;
  case Wrapper::Aggregate:
    collectArgs(Spec, /*KeyFirst=*/false, InKey, Depth, Out);
    return;
  case Wrapper::Shared:
  case Wrapper::RefWrapper: {
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() < 1 || Args[0].getKind() != TemplateArgument::Type)
      return;
    const CXXRecordDecl *RD = Args[0].getAsType()->getAsCXXRecordDecl();
    if (!RD)
      return;
    Out.push_back({RD->getCanonicalDecl(),
                   classifyWrapper(Spec) == Wrapper::Shared
                       ? IdentityKind::SharedOwner
                       : IdentityKind::Reference,
                   InKey});
    return;
  }
  }
}

SmallVector<HeldIdentity, 2> InstanceIdentity::heldBy(QualType T) const {
  SmallVector<HeldIdentity, 2> Out;
  if (const ClassTemplateSpecializationDecl *C = Containers.asContainer(T))
    collectArgs(C, ContainerTypes::isKeyed(C), /*InKey=*/false, 0, Out);
  return Out;
}

const HeldIdentity *InstanceIdentity::find(ArrayRef<HeldIdentity> Held,
                                           const CXXRecordDecl *Class,
                                           bool Captured) {
  // Prefer the entry that names the class over a void* that could hold
  // anything, owners over observers (their consequence is the severer), and
  // anything over an integer key that may be no address at all.
  auto Rank = [](const HeldIdentity &H) {
    return (H.Class ? 4 : 0) + (H.Kind == IdentityKind::SharedOwner ? 2 : 0) +
           (H.IntegerKey ? 0 : 1);
  };
  const HeldIdentity *Best = nullptr;
  for (const HeldIdentity &H : Held) {
    if ((H.Kind == IdentityKind::Callable) != Captured)
      continue;
    bool Matches = !H.Class;
    if (!Matches && Class) {
      const CXXRecordDecl *Def = Class->getDefinition();
      Matches = Class->getCanonicalDecl() == H.Class ||
                (Def && Def->isDerivedFrom(H.Class));
    }
    if (!Matches)
      continue;
    if (!Best || Rank(H) > Rank(*Best))
      Best = &H;
  }
  return Best;
}

} // namespace leaklint
