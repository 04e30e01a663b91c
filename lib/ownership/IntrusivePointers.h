//===--- IntrusivePointers.h - Reference-counting pointers by shape -*- C++ -*-===//
//
// Many code bases count references in the pointee: boost::intrusive_ptr,
// llvm::IntrusiveRefCntPtr, COM's AddRef/Release wrappers, a project's own
// `IntrusivePtr<T>`. They own like std::shared_ptr, and they are recognised
// by what they do rather than by name: a class template holding one `T *`
// whose copy constructor copies the other's pointer and whose destructor
// makes a call on that pointer (the release), directly or through one of its
// own member functions. A pointer that deep-copies (`ptr(o.ptr->clone())`),
// a unique owner (no copy constructor) and a non-owning wrapper (nothing in
// the destructor) are not.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_OWNERSHIP_INTRUSIVEPOINTERS_H
#define LEAKLINT_LIB_OWNERSHIP_INTRUSIVEPOINTERS_H

#include "clang/AST/DeclTemplate.h"

namespace leaklint {

/// True when \p Spec is a specialization of an intrusive reference-counting
/// pointer template (see above).
bool isIntrusiveSharedOwner(const clang::ClassTemplateSpecializationDecl *Spec);

} // namespace leaklint

#endif // LEAKLINT_LIB_OWNERSHIP_INTRUSIVEPOINTERS_H
