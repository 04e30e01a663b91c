//===--- LookupErases.h - Erases that only run when a key comes back -*- C++ -*-===//
//
// An erase that runs only when its key is looked up again, and the entry
// found is stale or done, bounds nothing for keys that never come back
// (LookupErases.cpp). Both leak-unbounded-container (an expiring cache)
// and leak-static-instance-cache (a table owning its objects, whose entry
// goes only when its client asks again) read it.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_STORAGE_LOOKUPERASES_H
#define LEAKLINT_LIB_STORAGE_LOOKUPERASES_H

#include "code/FunctionUses.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringSet.h"

namespace leaklint {

/// True when \p Erase, in \p F, of the container \p IsContainer names,
/// runs only when its key is looked up again: F looks the key up, tests
/// the entry found (not only whether it was found) before it erases, and
/// hands that entry out or adds the key again. When F only erases the key
/// it is handed, every call of F (in \p Uses; \p FunctionHolding names the
/// function around a call) must be such an erase in its caller.
/// \p GrowthNames are the methods that add a key.
bool erasesOnlyOnLookup(
    const clang::CXXMemberCallExpr *Erase, const clang::FunctionDecl *F,
    llvm::function_ref<bool(const clang::Expr *)> IsContainer,
    const llvm::StringSet<> &GrowthNames, const FunctionUses *Uses,
    llvm::function_ref<const clang::FunctionDecl *(const clang::Stmt *)>
        FunctionHolding);

} // namespace leaklint

#endif // LEAKLINT_LIB_STORAGE_LOOKUPERASES_H
