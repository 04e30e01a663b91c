//===--- RegistryRemoval.h - Does an object leave a registry when it dies -*-
// C++ -*-===//
//
// A registry of `this` is harmless when the object removes itself on
// destruction. This looks for the removal where it happens in practice: the
// destructor of the class or of a base, a function either calls (a few levels
// deep, member or free), or the destructor of a member (an RAII handle).
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_STORAGE_REGISTRYREMOVAL_H
#define LEAKLINT_LIB_STORAGE_REGISTRYREMOVAL_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace leaklint {

/// How far removal is looked for from a destructor: the functions it calls,
/// and theirs, up to this depth and this many bodies in all. Whole-program
/// facts summarise each function as far as the per-TU search would look.
constexpr unsigned RemovalSearchDepth = 3;
constexpr unsigned RemovalSearchBodies = 64;

enum class RemovalOnDestruction {
  Removed,    ///< Some destructor path removes entries from the registry.
  NotRemoved, ///< Every destructor involved is visible and none does.
  Unknown,    ///< A destructor is declared but defined in another file.
};

/// Whether objects of \p Class leave \p Registry (a variable of static
/// storage duration, or a member of a class with one object) when they are
/// destroyed.
/// \p Open, when given, receives the functions the answer depends on that
/// this TU declares but does not define: destructors, and the functions the
/// searched bodies call (whole-program mode looks for them in other TUs).
RemovalOnDestruction removalOnDestruction(
    const clang::ValueDecl *Registry, const clang::CXXRecordDecl *Class,
    llvm::SmallVectorImpl<const clang::FunctionDecl *> *Open = nullptr);

/// What one function body removes, for whole-program mode: entries of which
/// static-storage variables and members, whether it removes from a container a
/// parameter names (a helper handed the registry), and the functions it runs
/// (calls, and destructors of what it destroys).
struct RemovalSummary {
  llvm::SmallVector<const clang::ValueDecl *, 2> Removed;
  bool ThroughParameter = false;
  llvm::SmallVector<const clang::FunctionDecl *, 8> Runs;
};
RemovalSummary summarizeRemovals(const clang::FunctionDecl *Definition);

/// The destructor \p Class declares, found through its member list (lookup
/// of the destructor name does not work in a template pattern).
const clang::CXXDestructorDecl *
declaredDestructor(const clang::CXXRecordDecl *Class);

} // namespace leaklint

#endif // LEAKLINT_LIB_STORAGE_REGISTRYREMOVAL_H
