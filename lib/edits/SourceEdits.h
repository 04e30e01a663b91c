//===--- SourceEdits.h - Safe building blocks for fix-its -*- C++ -*-===//
//
// Every fix-it leaklint offers is built from these, so that the rules "never
// edit inside a macro expansion" and "keep the file tidy" live in one place.
//
//===----------------------------------------------------------------------===//
#ifndef LEAKLINT_LIB_EDITS_SOURCEEDITS_H
#define LEAKLINT_LIB_EDITS_SOURCEEDITS_H

#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include <optional>
#include <string>

namespace leaklint {

/// True when \p R lies in one real file, outside any macro expansion, so an
/// edit there means what it says.
bool isEditable(clang::SourceRange R, const clang::SourceManager &SM);

/// The source text of the token range \p R, or none when it is not editable.
std::optional<llvm::StringRef> sourceText(clang::SourceRange R,
                                          const clang::ASTContext &Ctx);

/// A removal of the token range \p R that also takes its line when nothing
/// else stands on it, so no blank line is left behind.
std::optional<clang::FixItHint> removeStatement(clang::SourceRange R,
                                                const clang::ASTContext &Ctx);

/// Removals of the `static` and `thread_local` keywords of the declaration
/// that begins at \p Begin and declares a name at \p NameLoc.
llvm::SmallVector<clang::FixItHint, 2>
removeStorageKeywords(clang::SourceLocation Begin,
                      clang::SourceLocation NameLoc,
                      const clang::ASTContext &Ctx);

/// The leading white space of the line \p Loc is on.
std::string indentationAt(clang::SourceLocation Loc,
                          const clang::SourceManager &SM);

/// \p Base followed by as many underscores as it takes to spell an identifier
/// no token of this translation unit uses: one that was never lexed cannot
/// collide with any declaration.
std::string unusedIdentifier(llvm::StringRef Base, clang::ASTContext &Ctx);

} // namespace leaklint

#endif // LEAKLINT_LIB_EDITS_SOURCEEDITS_H
