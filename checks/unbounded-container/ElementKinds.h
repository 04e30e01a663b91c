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

enum class ElementKind { Listener, CacheEntry, Element };

/// What one entry of \p Container is, looking into nested containers:
/// `std::map<std::string, std::vector<std::function<void()>>>` holds
/// listeners.
ElementKind elementKind(const clang::ClassTemplateSpecializationDecl *Container,
                        const ContainerTypes &Containers, unsigned Depth = 0);

} // namespace leaklint

#endif // LEAKLINT_CHECKS_UNBOUNDED_CONTAINER_ELEMENTKINDS_H
