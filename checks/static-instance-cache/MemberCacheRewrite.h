//===--- MemberCacheRewrite.h - Move a static cache into its class -*- C++
//-*-===//
//
// Builds the fix-it that turns a function-local static cache keyed by `this`
// into a per-instance data member: the declaration moves from the method body
// to the end of the class (`mutable` when the method is const), keeping its
// name unless the class or the method already uses it.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_MEMBERCACHEREWRITE_H
#define LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_MEMBERCACHEREWRITE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include <string>

namespace leaklint {

struct MemberCacheRewrite {
  /// The class the member goes into (the template pattern for templates).
  const clang::CXXRecordDecl *Class = nullptr;
  /// The member declaration to add, e.g. `mutable std::map<K, V> cache;`;
  /// empty when the declaration cannot be rewritten at all.
  std::string MemberDeclaration;
  /// The member's name: the static's own, unless that one is taken.
  std::string MemberName;
  /// The edits; empty when the rewrite cannot be applied automatically.
  llvm::SmallVector<clang::FixItHint, 4> Fixes;
  /// Why there are no edits, phrased to follow "no automatic fix: ".
  std::string WhyNot;
};

/// Plans moving the function-local static \p VD of an instance method into
/// that method's class. It is offered only when every use of \p VD in the
/// method is a lookup or insertion keyed by the current object: then no
/// object ever saw another's entries except through a reused address, and a
/// per-instance member behaves the same minus the bug.
/// \p Reserved are names that other fixes in this run add to the class;
/// \p NamespaceScopeNames are the names declared at namespace scope in the
/// translation unit, which a member would hide.
MemberCacheRewrite
planMemberCacheRewrite(const clang::VarDecl *VD, clang::ASTContext &Ctx,
                       const llvm::StringSet<> &Reserved,
                       const llvm::StringSet<> &NamespaceScopeNames);

} // namespace leaklint

#endif // LEAKLINT_CHECKS_STATIC_INSTANCE_CACHE_MEMBERCACHEREWRITE_H
