//===--- SkippedBodies.h - Reading bodies a host did not parse -*- C++ -*-===//
//
// clangd builds its preamble (the headers) with SkipFunctionBodies: a header
// function keeps its declaration and `hasSkippedBody()`, but no body. The
// evidence of every leak-* check often sits in such bodies: a setter that
// stores its argument, a method that empties a field. A body is still text:
// this reads the two shapes that matter from its tokens, and nothing else.
// A body that does anything more is left unread (unknown). In clang-tidy and
// the compiler plugin no body is skipped and none of this applies.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_CODE_SKIPPEDBODIES_H
#define LEAKLINT_LIB_CODE_SKIPPEDBODIES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace leaklint {

/// True when \p Ctx's traversal scope is a part of the TU, not the whole TU:
/// clangd matches the main file's declarations only, and its preamble has
/// the headers' bodies skipped.
bool isPartialTraversal(const clang::ASTContext &Ctx);

/// The redeclaration of \p F whose body the host skipped, if any.
const clang::FunctionDecl *skippedDefinition(const clang::FunctionDecl *F);

/// The members of \p RD whose bodies the host skipped: in a partial
/// traversal nothing matched them, so a question about one of \p RD's
/// fields reads them when it is asked.
llvm::SmallVector<const clang::FunctionDecl *, 8>
skippedMembers(const clang::CXXRecordDecl *RD);

/// A store of a parameter into a field, read from a skipped body: a setter
/// whose body is exactly one statement, `[this->]field = param;` or
/// `[this->]field.push_back(param);` (any growth method \p IsGrowthMethod
/// accepts), or a constructor's initialiser `field(param)` / `field{param}`;
/// the parameter perhaps in std::move or std::forward.
struct SkippedStore {
  unsigned Param;
  const clang::FieldDecl *Field;
  clang::SourceLocation Where;
};
llvm::SmallVector<SkippedStore, 2>
storesOfSkippedBody(const clang::FunctionDecl *F,
                    llvm::function_ref<bool(llvm::StringRef)> IsGrowthMethod);

/// A field of \p F's class that its skipped body empties: `field = nullptr`,
/// `field = {}`, `field.<method>(...)` for a method \p IsEmptyingMethod
/// accepts, or `exchange(field, ...)` / `swap(field, ...)`.
struct SkippedEmptying {
  const clang::FieldDecl *Field;
  clang::SourceLocation Where;
  /// The method called, or "" for an assignment or a free function.
  llvm::StringRef Method;
};
llvm::SmallVector<SkippedEmptying, 2> emptyingsOfSkippedBody(
    const clang::FunctionDecl *F,
    llvm::function_ref<bool(llvm::StringRef)> IsEmptyingMethod);

/// The identifiers spelling the type and initialiser of the one
/// function-local static \p F's skipped body hands out, when that body is
/// exactly `static <type> name <initialiser>; return name;` (or `*name`,
/// `&name`): a singleton's accessor, `static Registry r; return r;` or
/// `static auto *p = new Registry; return *p;`. None for any other body, and
/// for a thread_local, which is one object per thread.
std::optional<llvm::SmallVector<llvm::StringRef, 4>>
staticHandedOutBySkippedBody(const clang::FunctionDecl *F);

/// Whether \p F's skipped body may use this object's member \p Name: it
/// spells `Name` or `this->Name`, or it could not be read. False when \p F
/// has no skipped body.
bool skippedBodyMayName(const clang::FunctionDecl *F, llvm::StringRef Name);

} // namespace leaklint

#endif // LEAKLINT_LIB_CODE_SKIPPEDBODIES_H
