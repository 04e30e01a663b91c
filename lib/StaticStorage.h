//===--- StaticStorage.h - Variables that live as long as the program -*- C++
//-*-===//
#ifndef LEAKLINT_LIB_STATICSTORAGE_H
#define LEAKLINT_LIB_STATICSTORAGE_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace leaklint {

/// Where a variable with static or thread storage duration is declared; the
/// wording of diagnostics and the available fixes depend on it.
enum class StaticStorageKind {
  FunctionLocal, ///< `static` in a function body
  ThreadLocal,   ///< `thread_local` anywhere
  StaticMember,  ///< static data member
  Global, ///< namespace scope, including `static` and anonymous namespaces
};

/// The kind of static storage \p VD has, or none for automatic storage.
std::optional<StaticStorageKind>
classifyStaticStorage(const clang::VarDecl *VD);

/// How diagnostics name the kind: "function-local static", "thread_local",
/// "static member", "global".
llvm::StringRef describeStaticStorage(StaticStorageKind Kind);

/// The name diagnostics use for \p VD: `Widget::registry` for static members,
/// the plain name otherwise.
std::string storageName(const clang::VarDecl *VD);

} // namespace leaklint

#endif // LEAKLINT_LIB_STATICSTORAGE_H
