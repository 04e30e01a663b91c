//===--- InstanceIdentity.h - Does a type hold an object's identity -*- C++
//-*-===//
//
// A container "holds instance identity" when its keys, elements or mapped
// values are (or contain) a pointer, shared_ptr or reference_wrapper to an
// object. Such entries refer to one particular object: they dangle when it dies
// (raw pointers, references) or keep it alive forever (shared_ptr). A
// container of callables (std::function) keeps alive whatever the callables
// stored in it own.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_IDENTITY_INSTANCEIDENTITY_H
#define LEAKLINT_LIB_IDENTITY_INSTANCEIDENTITY_H

#include "ownership/ContainerTypes.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace leaklint {

enum class IdentityKind {
  RawPointer,    ///< T*, const T*: dangles when the object dies.
  OpaquePointer, ///< void*, or a key of a pointer-wide integer type: an
                 ///< address, of any class; dangles likewise.
  Reference,     ///< std::reference_wrapper<T>: dangles likewise.
  SharedOwner,   ///< std::shared_ptr<T>: keeps the object alive.
  Callable,      ///< std::function and other callable holders: keeps alive
                 ///< the object a callable stored in it owns
                 ///< (InstanceSource::Captured), of any class.
};

/// One identity a container holds.
struct HeldIdentity {
  /// The class whose instances are referred to; null for void*.
  const clang::CXXRecordDecl *Class = nullptr;
  IdentityKind Kind = IdentityKind::RawPointer;
  /// True when it is (part of) the key of a map or set.
  bool InKey = false;
  /// An integer key as wide as a pointer: an address only if what is
  /// stored says so, and as often a plain number (a session id).
  bool IntegerKey = false;
};

/// Finds the identities a container type holds, looking through pair, tuple,
/// optional, variant, array and nested containers. weak_ptr, values and the
/// comparator/hash/allocator arguments hold none.
class InstanceIdentity {
public:
  explicit InstanceIdentity(const ContainerTypes &Containers)
      : Containers(Containers) {}

  /// Empty when \p T is not a container or holds no identity.
  llvm::SmallVector<HeldIdentity, 2> heldBy(clang::QualType T) const;

  /// The held identity \p Class (or a base of it) matches, if any; prefers
  /// owning entries, whose consequence is the more severe. An object a
  /// callable holds (\p Captured) matches only callable entries, and an
  /// object stored itself only the others.
  static const HeldIdentity *find(llvm::ArrayRef<HeldIdentity> Held,
                                  const clang::CXXRecordDecl *Class,
                                  bool Captured = false);

private:
  void collect(clang::QualType T, bool InKey, unsigned Depth,
               llvm::SmallVectorImpl<HeldIdentity> &Out) const;
  void collectArgs(const clang::ClassTemplateSpecializationDecl *Spec,
                   bool KeyFirst, bool InKey, unsigned Depth,
                   llvm::SmallVectorImpl<HeldIdentity> &Out) const;

  const ContainerTypes &Containers;
};

} // namespace leaklint

#endif // LEAKLINT_LIB_IDENTITY_INSTANCEIDENTITY_H
