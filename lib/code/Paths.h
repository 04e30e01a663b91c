//===--- Paths.h - Whether every way out of a function passes a statement -*- C++ -*-===//
//
// A function that pushes `this` onto a static stack and pops it before it
// returns keeps nothing, unless one return skips the pop: then each call
// that takes that return leaves an entry behind. Whether every path from a
// statement to the function's exit passes one of some other statements is
// read on clang's CFG, built only for the functions that ask. Paths that
// end in a throw or a call that does not return are not ways out: the
// code does not show where those lead.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_PATHS_H
#define LEAKLINT_LIB_CODE_PATHS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <optional>

namespace leaklint {

/// A way out of \p F that a path from \p From takes without passing any of
/// \p Through: the return statement it leaves by, or F's body when it runs
/// off the end. Null when every path passes one of them, and when the
/// function cannot be read (no body, a template, invalid code) or one of
/// \p Through runs outside its body's own code (in a lambda or a local
/// class: a scope guard may run it on every way out).
/// \p OnlyWhen prunes branches: given a branch's condition, the value it
/// must have for the path to matter (`insert(this).second` must be true for
/// the entry to be there), or std::nullopt to follow both.
const clang::Stmt *exitAvoiding(
    const clang::FunctionDecl *F, const clang::Stmt *From,
    llvm::ArrayRef<const clang::Stmt *> Through,
    llvm::function_ref<std::optional<bool>(const clang::Expr *)> OnlyWhen);

/// True when every path from \p From to the exit of \p F passes one of
/// \p Through (`onMessage_ = nullptr; connect();` where connect() fills
/// the field again); false when one does not, or the function cannot be
/// read.
bool everyPathPasses(const clang::FunctionDecl *F, const clang::Stmt *From,
                     llvm::ArrayRef<const clang::Stmt *> Through);

/// True when some path from \p From reaches one of \p Targets: a request
/// function that adds an entry and, on some way, erases it again in the
/// same call. False when the function cannot be read.
bool somePathReaches(const clang::FunctionDecl *F, const clang::Stmt *From,
                     llvm::ArrayRef<const clang::Stmt *> Targets);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_PATHS_H
