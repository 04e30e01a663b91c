//===--- ElementKinds.h - What a growing container accumulates -*- C++ -*-===//
//
// The message and the suggested fix depend on what one entry of the container
// is: a registered callback (a listener), a keyed cache entry, or a plain
// element.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_UNBOUNDED_CONTAINER_ELEMENTKINDS_H
#define LEAKLINT_CHECKS_UNBOUNDED_CONTAINER_ELEMENTKINDS_H

#include "ownership/ContainerTypes.h"
#include "clang/AST/DeclTemplate.h"

namespace leaklint {

/// A callable (a listener), a pointer to an object, an entry under a key,
/// or any other element.
enum class ElementKind { Listener, Object, CacheEntry, Element };

/// What one entry of \p Container is, looking into nested containers:
/// `std::map<std::string, std::vector<std::function<void()>>>` holds
/// listeners.
ElementKind elementKind(const clang::ClassTemplateSpecializationDecl *Container,
                        const ContainerTypes &Containers, unsigned Depth = 0);

/// The type of one element of \p Container (a map's mapped type); null
/// when the container's arguments do not say.
clang::QualType
elementType(const clang::ClassTemplateSpecializationDecl *Container);

/// The class an element of type \p Element points to (raw pointer,
/// shared_ptr, unique_ptr, weak_ptr or a configured owner type), with
/// whether the element owns it; null for anything else.
const clang::CXXRecordDecl *pointedObject(clang::QualType Element,
                                          const ContainerTypes &Containers,
                                          bool *Owning = nullptr);

} // namespace leaklint

#endif // LEAKLINT_CHECKS_UNBOUNDED_CONTAINER_ELEMENTKINDS_H
