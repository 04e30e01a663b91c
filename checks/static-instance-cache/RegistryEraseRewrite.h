//===--- RegistryEraseRewrite.h - Erase `this` in the destructor -*- C++
//-*-===//
//
// Builds the fix-it for a registry of `this` in static storage: the object's
// destructor removes its own entry, so none outlives it.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_REGISTRYERASEREWRITE_H
#define LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_REGISTRYERASEREWRITE_H

#include "ownership/ContainerTypes.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/SmallVector.h"
#include <string>

namespace leaklint {

struct RegistryEraseRewrite {
  /// The statement that removes the entry, e.g. `registry.erase(this);`;
  /// empty when no single statement does.
  std::string Statement;
  /// Where the statement goes (the destructor), or the class when it has none.
  clang::SourceLocation Loc;
  /// The edit; empty when it cannot be applied automatically.
  llvm::SmallVector<clang::FixItHint, 1> Fixes;
  /// Why there is no edit, phrased to follow "no automatic fix: ".
  std::string WhyNot;
};

/// Where the removal of an object of \p Class goes: its user-written
/// destructor (the definition, else the declaration), or the class.
clang::SourceLocation destructorPlace(const clang::CXXRecordDecl *Class);

/// Plans erasing `this` from \p Registry in the destructor of \p Class.
/// \p Access is how the code that fills it names it: the variable itself or a
/// call of the accessor that returns it.
/// \p InKey says the object is (part of) the key of a keyed container, and
/// not a mapped value, which `erase(this)` would not find.
RegistryEraseRewrite
planRegistryErase(const clang::VarDecl *Registry, const clang::Expr *Access,
                  const clang::CXXRecordDecl *Class, bool InKey,
                  const ContainerTypes &Containers, clang::ASTContext &Ctx);

} // namespace leaklint

#endif // LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_REGISTRYERASEREWRITE_H
